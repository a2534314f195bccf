/**
 * What the lookup found beyond the labels, shown the same way on the call pop and in the
 * caller detail: the picker when several records match, then the customer journey.
 */
import { html, type TemplateResult } from 'lit';
import type { CallerLookupView } from '../../adapter/src/store.ts';
import type { Clock } from './clock.ts';
import { needsPick } from './caller-record.ts';
import { loadElement } from './lazy-elements.ts';

export function pickerAndJourney(
  interactionId: string,
  caller: Extract<CallerLookupView, { state: 'done' }>,
  clock: Clock,
): TemplateResult {
  const pick = needsPick(caller);
  if (pick) void loadElement('cp-record-picker');
  if (caller.journey.length > 0) void loadElement('cp-journey');
  return html`${pick
      ? html`<cp-record-picker .interactionId=${interactionId} .records=${caller.pick} .pickedId=${caller.pickedId}></cp-record-picker>`
      : ''}
    ${caller.journey.length > 0 ? html`<cp-journey .journey=${caller.journey} .clock=${clock}></cp-journey>` : ''}`;
}
