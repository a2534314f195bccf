/**
 * The agent's keyboard shortcuts (the call center's keyboardShortcuts item; model/keyboard-shortcuts.ts
 * reads it): which shortcut a key press is, and what it does now. A shortcut acts on a call:
 *
 *   accept, reject  the ringing call that rang first (the selected one if it rings)
 *   hold            Hold, or Retrieve when the call is on hold
 *   mute            Mute, or Unmute when muted
 *   release         Release (end the call)
 *
 * acting on the selected call when it offers the action, else on the one call that does. With
 * none, or two calls and none selected, the shortcut does nothing and says why (the catalogue's
 * `shortcuts` words, in en-later.ts, are announced): the agent never releases the wrong call by a key.
 *
 * The keys work while the focus is in ContactPad's panel (see keyboard-shortcuts.ts for why not
 * in the rest of the console).
 */
import type { ContactPadSnapshot, Intent, InteractionView, ShortcutAction, ShortcutView } from '../../adapter/src/store.ts';
import { isCall } from './channels.ts';
import { subjectWords } from './words.ts';
import { laterWords } from './catalogue/later-words.ts';
import type { LaterCatalogue } from './catalogue/en-later.ts';

/** The fields of a KeyboardEvent a shortcut is matched on. */
export interface KeyPress {
  readonly code: string;
  readonly altKey: boolean;
  readonly ctrlKey: boolean;
  readonly shiftKey: boolean;
  readonly metaKey: boolean;
  readonly repeat?: boolean;
}

/** The shortcut `press` is (by the key's position and exactly its modifiers); undefined for any other key. */
export function shortcutOf(press: KeyPress, shortcuts: readonly ShortcutView[]): ShortcutView | undefined {
  if (press.repeat) return undefined; // a key held down accepts one call, not the next one too
  return shortcuts.find(
    (shortcut) =>
      shortcut.code === press.code &&
      shortcut.alt === press.altKey &&
      shortcut.ctrl === press.ctrlKey &&
      shortcut.shift === press.shiftKey &&
      shortcut.meta === press.metaKey,
  );
}

/** What a shortcut does now: an intent (and the words announcing it), or why nothing happens. */
export type ShortcutOutcome = { readonly intent: Intent; readonly words: string } | { readonly refused: string };

/** An interaction action a shortcut may take (the catalogue says each as done). */
type TakenAction = keyof LaterCatalogue['shortcuts']['taken'];

/** The interaction actions a shortcut may take, in the order they are looked for. */
const ACTIONS: Readonly<Record<ShortcutAction, readonly TakenAction[]>> = {
  accept: ['accept'],
  reject: ['reject'],
  hold: ['hold', 'retrieve'],
  mute: ['mute', 'unmute'],
  release: ['release'],
};

/** Which call a shortcut acts on, and what it does to it, in `snapshot`. */
export function shortcutOutcome(action: ShortcutAction, snapshot: ContactPadSnapshot): ShortcutOutcome {
  const wanted = ACTIONS[action];
  const said = laterWords().shortcuts;
  const offering = snapshot.interactions.filter(
    (view) => isCall(view.interaction.channel) && wanted.some((each) => view.actions.includes(each)) && ringingIsInbound(action, view),
  );
  const selected = offering.find((view) => view.interaction.id === snapshot.selectedId);
  // The list is newest first: the call that rang first is the last that rings.
  const target = selected ?? (action === 'accept' || action === 'reject' ? offering.at(-1) : offering.length === 1 ? offering[0] : undefined);
  if (!target) return { refused: offering.length === 0 ? said.nothingTo[action] : said.severalCalls };
  const taken = wanted.find((each) => target.actions.includes(each))!;
  return { intent: { type: taken, interactionId: target.interaction.id } as Intent, words: `${said.taken[taken]}: ${subjectWords(target.interaction)}` };
}

/** Accept and Reject are for a call that rings in; a call the agent places is cancelled with Release. */
function ringingIsInbound(action: ShortcutAction, view: InteractionView): boolean {
  return (action !== 'accept' && action !== 'reject') || view.interaction.direction === 'inbound';
}
