/**
 * The events that happen on ContactPad's side, told to Salesforce once each through the base's
 * publishEvent, read from how the agent's calls change (the switchboard's state, never the phone):
 *
 * | what happened                                   | event                                      |
 * |-------------------------------------------------|--------------------------------------------|
 * | an INVITE rings the agent                       | CALL_STARTED (ringing, its VoiceCall id)   |
 * | a call placed by DIAL is answered               | CALL_CONNECTED                             |
 * | a leg added by addParticipant is answered       | PARTICIPANT_CONNECTED                      |
 * | a call ends without Salesforce asking (the far end's BYE or CANCEL, busy, no answer, taken elsewhere) | HANGUP when no call is left, else PARTICIPANT_REMOVED |
 * | the customer's call enters wrap up              | AFTER_CALL_WORK_STARTED { callId }         |
 *
 * Never an event the base publishes itself (after ACCEPT_CALL: CALL_CONNECTED; DECLINE_CALL,
 * END_CALL and a blind transfer: HANGUP; HOLD, RESUME: HOLD_TOGGLE; DIAL: CALL_STARTED;
 * ADD_PARTICIPANT: PARTICIPANT_ADDED...; baseConnector.js channelMessageHandler). And in the
 * base's order: while a command about a call is under way, what happens to that call waits until
 * the command has been answered and the base has published its own event (one task later), so an
 * After Conversation Work never comes before the HANGUP of the END_CALL that led to it.
 *
 * Before Salesforce has the connector ready (CONNECTOR_READY), nothing is told: a call that
 * rings meanwhile keeps ringing (SIP) and is told once it is ready; one that ended before was
 * never Salesforce's.
 */
import { isFinished } from '../../model/interaction-state.ts';
import { scv } from './scv-base.ts';
import { isActive, isAnswered, type ScvCall, type ScvCallState, type ScvCalls } from './scv-calls.ts';
import type { ScvCallView, ScvSwitchboard } from './scv-switchboard.ts';

export class ScvCallEvents {
  readonly #calls: ScvCalls;
  /** The customer's call entered wrap up (after its AFTER_CALL_WORK_STARTED). */
  readonly #wrapUpStarted: (call: ScvCall) => void;
  #board: ScvSwitchboard | undefined;
  #ready = false;
  /** Commands under way, per call. */
  readonly #gates = new Map<string, number>();
  /** Events held back by a command under way, per call. */
  readonly #held = new Map<string, (() => void)[]>();

  constructor(calls: ScvCalls, wrapUpStarted: (call: ScvCall) => void) {
    this.#calls = calls;
    this.#wrapUpStarted = wrapUpStarted;
  }

  /** Watches the agent's calls from now on. */
  attach(board: ScvSwitchboard): void {
    this.#board = board;
    board.subscribe(() => this.check());
  }

  /** Salesforce has the connector ready: the calls ringing now are told, and every change from now on. */
  open(): void {
    this.#ready = true;
    this.check();
  }

  /** The calls as they are now, as the switchboard has them (by interaction id). */
  views(): Map<string, ScvCallView> {
    return new Map((this.#board?.calls() ?? []).map((view) => [view.interaction.id, view]));
  }

  /**
   * Runs a Salesforce command. `touch(id)` inside marks a call it acts on: what happens to that
   * call is told only once the command has settled and the base has published its own event.
   */
  async command<T>(body: (touch: (id: string) => void) => Promise<T>): Promise<T> {
    const touched = new Set<string>();
    const touch = (id: string): void => {
      if (touched.has(id)) return;
      touched.add(id);
      this.#gates.set(id, (this.#gates.get(id) ?? 0) + 1);
    };
    try {
      return await body(touch);
    } finally {
      // The base publishes its event for the command in the microtasks after this promise
      // settles (baseConnector.js: `await vendorConnector.x(); ... dispatchEvent(...)`); a task later it has.
      globalThis.setTimeout(() => {
        for (const id of touched) this.#ungate(id);
      }, 0);
    }
  }

  /** Compares each call Salesforce knows with how it is now, and tells what changed. */
  check(): void {
    if (!this.#ready) return;
    const views = this.views();
    for (const view of views.values()) {
      const { interaction } = view;
      if (this.#calls.get(interaction.id) || interaction.direction !== 'inbound' || interaction.state !== 'alerting') continue;
      const call = this.#calls.add({
        id: interaction.id,
        role: 'initial',
        callType: scv.Constants.CALL_TYPE.INBOUND,
        voiceCallId: view.voiceCallId,
        parentId: undefined,
        last: 'alerting',
      });
      this.#tell(call.id, scv.Constants.EVENT_TYPE.CALL_STARTED, () => new scv.CallResult({ call: this.#calls.phoneCall(call, this.views().get(call.id)) }));
    }
    for (const call of this.#calls.all()) {
      const now: ScvCallState = views.get(call.id)?.interaction.state ?? 'gone';
      if (now === call.last) continue;
      const was = call.last;
      call.last = now;
      this.#moved(call, was, now);
    }
  }

  #moved(call: ScvCall, was: ScvCallState, now: ScvCallState): void {
    const { EVENT_TYPE } = scv.Constants;
    const ended = this.#calls.phoneCall(call, this.views().get(call.id));
    if (was === 'alerting' && isAnswered(now)) this.#answered(call);
    if (isActive(was) && !isActive(now) && !call.endAsked) {
      const othersActive = this.#calls.all().some((other) => other !== call && isActive(other.last));
      if (othersActive) this.#tell(call.id, EVENT_TYPE.PARTICIPANT_REMOVED, () => new scv.CallResult({ call: ended }));
      else this.#tell(call.id, EVENT_TYPE.HANGUP, () => new scv.HangupResult({ calls: [ended] }));
    }
    if (now === 'wrap-up' && call.role === 'initial') {
      this.#tell(call.id, EVENT_TYPE.AFTER_CALL_WORK_STARTED, () => ({ callId: call.id }));
      this.#wrapUpStarted(call);
    }
    if (now === 'gone' || isFinished(now)) this.#calls.forget(call.id);
  }

  /** Answered: a placed call's CALL_CONNECTED, an added leg's PARTICIPANT_CONNECTED; an inbound call's is the base's (ACCEPT_CALL). */
  #answered(call: ScvCall): void {
    const { EVENT_TYPE, CALL_TYPE } = scv.Constants;
    if (call.role === 'third-party') {
      const parent = call.parentId === undefined ? undefined : this.#calls.get(call.parentId);
      this.#tell(call.id, EVENT_TYPE.PARTICIPANT_CONNECTED, () => {
        const view = this.views().get(call.id);
        return new scv.ParticipantResult({
          initialCallHasEnded: parent === undefined || !isActive(parent.last),
          callInfo: new scv.CallInfo({ isOnHold: false }),
          phoneNumber: view?.interaction.callerNumber ?? '',
          callId: call.id,
        });
      });
    } else if (call.callType === CALL_TYPE.OUTBOUND) {
      this.#tell(call.id, EVENT_TYPE.CALL_CONNECTED, () => new scv.CallResult({ call: this.#calls.phoneCall(call, this.views().get(call.id)) }));
    }
  }

  /** Publishes now, or once the command under way about the call has been answered. */
  #tell(callId: string, eventType: string, payload: () => unknown): void {
    const publish = () => {
      scv.publishEvent({ eventType, payload: payload() }).catch((error: unknown) => console.warn(`ContactPad: Salesforce was not told ${eventType}`, error));
    };
    if ((this.#gates.get(callId) ?? 0) > 0) this.#held.set(callId, [...(this.#held.get(callId) ?? []), publish]);
    else publish();
  }

  #ungate(id: string): void {
    const left = (this.#gates.get(id) ?? 1) - 1;
    if (left > 0) {
      this.#gates.set(id, left);
      return;
    }
    this.#gates.delete(id);
    const held = this.#held.get(id) ?? [];
    this.#held.delete(id);
    for (const publish of held) publish();
  }
}
