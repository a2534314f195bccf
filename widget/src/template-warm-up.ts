/**
 * The first ringing call's templates, prepared before it comes: Lit prepares a template (parses
 * its HTML) the first time it renders it, which cost the first call after load a few
 * milliseconds before its pop was painted (`npm run bench`: INVITE sent -> call pop painted,
 * first call after load). Once the phone has settled and the browser is idle, <contact-pad>
 * renders a made-up ringing call's pop and list row once, in a hidden, inert block, then removes
 * them: Lit keeps the prepared templates, and the first real call only clones them. Nothing of it
 * is shown, announced or focusable, and nothing is sent (no intent can come from an inert block).
 */
import { html, type TemplateResult } from 'lit';
import type { InteractionView } from '../../adapter/src/store.ts';
import type { Clock } from './clock.ts';

/** A ringing voice call as a pop first shows it: the caller still being looked up. */
const RINGING_CALL: InteractionView = Object.freeze({
  interaction: Object.freeze({
    id: 'contactpad-template-warm-up',
    channel: 'voice',
    direction: 'inbound',
    callerName: '',
    callerNumber: '',
    queue: '',
    location: '',
    adSource: '',
    state: 'alerting',
    offeredAt: 0,
    journey: [],
    disposition: '',
    notes: '',
  }),
  actions: ['accept', 'reject'],
  caller: { state: 'pending' },
  log: 'none',
} as const);

/** The hidden block <contact-pad> renders once: the made-up call's pop and its row in a list. */
export function warmUpTemplate(clock: Clock): TemplateResult {
  return html`<div class="template-warm-up" hidden inert aria-hidden="true">
    <cp-call-pop .view=${RINGING_CALL} .declineReasons=${[]} .clock=${clock}></cp-call-pop>
    <cp-interaction-list .interactions=${[RINGING_CALL]} .directory=${[]} .declineReasons=${[]} .clock=${clock}></cp-interaction-list>
  </div>`;
}

/** Resolves once the block's elements have rendered (their templates are prepared). */
export async function warmUpRendered(root: ParentNode): Promise<void> {
  const elements = [...root.querySelectorAll('.template-warm-up > *')] as Array<Element & { updateComplete?: Promise<unknown> }>;
  await Promise.all(elements.map((element) => element.updateComplete));
}
