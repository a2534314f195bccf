/**
 * Which tab (or window) of the browser has the agent's phone. An agent may open the console
 * twice; exactly one of its pages registers and rings, the others say the phone is active
 * elsewhere and can take it over on purpose (host/phone-tab-lock.ts elects, with the browser's
 * Web Locks; desks/phone-tab-desk.ts moves this table and starts or stops the phone).
 *
 * ```
 *   electing          --granted-->         active-here       the page got the phone
 *   electing          --held-elsewhere-->  active-elsewhere  another page has it
 *   active-elsewhere  --granted-->         active-here       the page with it closed, crashed or stepped down
 *   active-elsewhere  --take-over-->       taking-over       the agent pressed "Use the phone here"
 *   taking-over       --granted-->         active-here       the other page stepped down (or never answered)
 *   taking-over       --refused-->         active-elsewhere  a call is live there
 *   active-here       --asked-->           stepping-down     another page asks, and no call is live here
 *   stepping-down     --kept-->            active-here       the asker never took it
 *   stepping-down     --lost-->            active-elsewhere  the asker took it
 *   active-here       --lost-->            active-elsewhere  taken while this page did not answer
 * ```
 *
 * - electing: the page has just asked for the phone (a few milliseconds at start);
 * - active-here: this page's phone registers while the agent is not Offline, and rings;
 * - active-elsewhere: another page of the same agent has it; this one shows "Use the phone here";
 * - taking-over: the agent pressed it; the page with the phone is asked to step down;
 * - stepping-down: asked by another page, this one unregisters and hands the phone over
 *   (never with a live call: the desk refuses then, and the state stays active-here).
 *
 * A tab closed or crashed hands over on its own: the browser releases its lock and the next
 * waiting page is granted it. Pure: the states are strings, the table frozen.
 */
import { ContactPadError } from './errors.ts';

/** Where this page stands with the agent's phone (see the diagram above). */
export type PhoneTabState = 'electing' | 'active-here' | 'active-elsewhere' | 'taking-over' | 'stepping-down';

/**
 * What moves it: the election's answers (granted, held-elsewhere), the agent's "Use the phone
 * here" (take-over), the other page's answer (refused), another page asking this one (asked),
 * the asker never taking it (kept), and the phone taken from this page (lost).
 */
export type PhoneTabEvent = 'granted' | 'held-elsewhere' | 'take-over' | 'refused' | 'asked' | 'kept' | 'lost';

/** Every state, in the order of the diagram. */
export const PHONE_TAB_STATES: readonly PhoneTabState[] = Object.freeze(['electing', 'active-here', 'active-elsewhere', 'taking-over', 'stepping-down'] as const);

/** The table: `PHONE_TAB_TRANSITIONS[event][from]` is where the event takes this page; a missing `from` refuses it. */
export const PHONE_TAB_TRANSITIONS: Readonly<Record<PhoneTabEvent, Readonly<Partial<Record<PhoneTabState, PhoneTabState>>>>> = Object.freeze({
  granted: Object.freeze({ electing: 'active-here', 'active-elsewhere': 'active-here', 'taking-over': 'active-here' }),
  'held-elsewhere': Object.freeze({ electing: 'active-elsewhere' }),
  'take-over': Object.freeze({ 'active-elsewhere': 'taking-over' }),
  refused: Object.freeze({ 'taking-over': 'active-elsewhere' }),
  asked: Object.freeze({ 'active-here': 'stepping-down' }),
  kept: Object.freeze({ 'stepping-down': 'active-here' }),
  lost: Object.freeze({ 'active-here': 'active-elsewhere', 'stepping-down': 'active-elsewhere' }),
});

/** Where `event` takes a page in `from`, or undefined when the table refuses it. */
export function nextPhoneTabState(from: PhoneTabState, event: PhoneTabEvent): PhoneTabState | undefined {
  return Object.hasOwn(PHONE_TAB_TRANSITIONS, event) ? PHONE_TAB_TRANSITIONS[event][from] : undefined;
}

/** The one transition function: INVALID_TRANSITION ("The phone cannot be taken over while active-here") when the table refuses. */
export function transitionPhoneTab(from: PhoneTabState, event: PhoneTabEvent): PhoneTabState {
  const to = nextPhoneTabState(from, event);
  if (to === undefined) {
    throw new ContactPadError('INVALID_TRANSITION', `The phone's tab cannot move on "${String(event)}" while ${from}.`, { detail: { from, event: String(event) } });
  }
  return to;
}

/** The journey's words for a call whose page went while it was up (a reload, a closed tab or window, a crash): it was released then. */
export const PAGE_LEFT = 'the page was closed or reloaded during the call';

/** Whether this page's phone may register (and ring): only while it has the phone. */
export function phoneRunsHere(state: PhoneTabState): boolean {
  return state === 'active-here';
}
