/**
 * Callback alerts (seed 001): a caller chose to be called back instead of waiting, and the
 * platform offers the callback to an available agent by ringing them with an INVITE marked
 * `X-CP-Kind: callback` (its `X-CP-Callback-Number` and `X-CP-Callback-Attempt`; the SIP header
 * contract). The voice desk lists it like any ringing call (the call pop: name, number, labels,
 * Call To, Ad Source, queue); this desk does what is particular to it:
 *
 *   rings       -> the attempt shown ("Attempt 2 of 3"), the request offered; with the request's id
 *                  (X-CP-Callback-Request), the record it was scheduled from is read meanwhile
 *                  (crm/scheduled-call-origin.ts: its Record Id, there for the agent or not)
 *   Start Call  -> the callback number through the outbound compliance checks (outbound-desk.ts
 *                  `clear`: Do Not Call, block and allow lists, countries, calling hours), with
 *                  the record it was scheduled from (its own Do Not Call and time zone count):
 *                  blocked -> the INVITE declined, the rule named (its CALL_BLOCKED_* code), the
 *                             request kept waiting (no attempt counted, no state after reject)
 *                  allowed -> 200 OK: the platform connects the agent to the customer ("This is
 *                             the callback call..."); the record it was scheduled from pops (the
 *                             Task links to it), whatever the screen-pop rules would find for the
 *                             number; without one (none named, deleted, not shared: the agent is
 *                             told SCHEDULED_RECORD_UNAVAILABLE) the record pops as for any call
 *   its end     -> the outcome (model/callback-request.ts): the agent's release, or the platform's
 *                  BYE without a failure Reason, completes it (answered; `text="Voicemail"`:
 *                  voicemail); a BYE with `Reason: SIP;cause=486|480|408|...` (RFC 3326) says the
 *                  customer's line did not connect: the request waits for another attempt, or is
 *                  Failed at callbackAttemptLimit; said in the Task's journey and a notice
 *                  (CALLBACK_NOT_CONNECTED). Cooldown follows a completed one only (agent-desk.ts).
 *   Reject      -> the voice desk's reject (486/603, stateAfterReject): the platform offers it to
 *                  the next agent.
 *
 * Loaded with the first callback that rings (by the outbound desk, which it needs), off the ring path.
 */
import { ContactPadError, isContactPadError } from '../model/errors.ts';
import { callbackLegOutcome, transitionCallback, type CallbackEvent, type CallbackState, type CallbackView } from '../model/callback-request.ts';
import type { DialledRecord } from '../model/dial-history.ts';
import { withPopSettled } from '../model/interaction-facts.ts';
import { originUnavailable, type ScheduledCallOrigin } from '../model/scheduled-call.ts';
import { describeError } from './notice-desk.ts';
import type { CallEnd } from '../telephony/call-state.ts';
import type { OutboundDesk, OutboundDeskParts } from './outbound-desk.ts';

export class CallbackAlertDesk {
  readonly #parts: OutboundDeskParts;
  readonly #outbound: OutboundDesk;
  /** The record each ringing callback was scheduled from, being read (by interaction id; none for a request not named). */
  readonly #origins = new Map<string, Promise<ScheduledCallOrigin>>();

  constructor(parts: OutboundDeskParts, outbound: OutboundDesk) {
    this.#parts = parts;
    this.#outbound = outbound;
    parts.view.listen({ removed: (id) => this.#origins.delete(id) });
  }

  /**
   * A callback alert rang: which attempt it is (X-CP-Callback-Attempt, 1 when absent or
   * malformed); with its request's id (X-CP-Callback-Request), the record it was scheduled from
   * is read now, so that Start Call does not wait for it.
   */
  rang(id: string, attempt: number | undefined, requestId?: string): void {
    const { view, settings, rooms } = this.#parts;
    if (view.stateOf(id) !== 'alerting') return;
    const shown: CallbackView = { attempt: attempt ?? 1, attemptLimit: settings.callbackAttemptLimit, status: 'offered', outcome: '', reason: '' };
    view.change(id, (current) => current, { callback: shown });
    const crm = rooms.crm;
    if (!requestId || !crm) return;
    const origin = crm.scheduledCalls().then((port) => port.originOfRequest(requestId));
    origin.catch(() => undefined); // said at Start Call
    this.#origins.set(id, origin);
  }

  /**
   * Start Call: the callback number is checked against the compliance rules first; `answer`
   * (the phone's 200 OK) only when they allow it. A blocked callback rejects with the rule's
   * error after declining the INVITE: the request stays waiting at the platform.
   */
  async startCall(id: string, answer: () => Promise<void>): Promise<void> {
    const { view, rooms } = this.#parts;
    view.requireAction(id, 'accept');
    const number = view.interaction(id)?.callerNumber ?? '';
    const origin = await this.#origin(id);
    let cleared: Awaited<ReturnType<OutboundDesk['clear']>>;
    try {
      if (number.trim() === '') throw new ContactPadError('INVALID_INPUT', 'This callback has no number to call back.');
      cleared = await this.#outbound.clear(number, origin);
    } catch (error) {
      if (!isContactPadError(error) || !(error.code.startsWith('CALL_BLOCKED_') || error.code === 'INVALID_INPUT')) throw error;
      this.#move(id, { type: 'blocked', reason: error.message });
      await rooms.requirePhone().reject(id);
      if (view.stateOf(id) === 'alerting') view.move(id, 'failed', { detail: `callback blocked, kept for later: ${error.message}` });
      throw new ContactPadError(error.code, `Callback to ${number || 'an unknown number'} not started: ${error.message} The request is kept for later.`, { detail: error.detail });
    }
    // Salesforce's own reading of the record it was scheduled from (its name; a Contact's Account).
    const record = origin && (cleared.record ?? origin);
    if (record) this.#popsOnAnswer(id, record);
    this.#move(id, { type: 'start' });
    await answer();
    if (record) rooms.host?.screenPopRecord(record.recordId).catch((error: unknown) => this.#parts.notices.notify(error));
  }

  /** The record the ringing callback `id` was scheduled from, when it is there for the agent; otherwise they are told why the rules pop instead. */
  async #origin(id: string): Promise<DialledRecord | undefined> {
    const reading = this.#origins.get(id);
    if (!reading) return undefined;
    this.#origins.delete(id);
    const instead = 'The screen-pop rules find the caller by number instead.';
    try {
      const origin = await reading;
      if (origin.kind === 'record') return origin.record;
      if (origin.kind === 'unreadable') this.#parts.notices.notify(originUnavailable(origin, instead));
    } catch (error) {
      this.#parts.notices.notify(originUnavailable({ recordId: '', why: `Salesforce could not be asked (${describeError(error).message})` }, instead));
    }
    return undefined;
  }

  /** The call's record is the one it was scheduled from: its screen pop is decided (the rules do not run), and its Task links to it. */
  #popsOnAnswer(id: string, record: DialledRecord & { readonly accountId?: string }): void {
    const { view } = this.#parts;
    const popped = { recordId: record.recordId, objectType: record.objectType, ...(record.accountId ? { accountId: record.accountId } : {}) };
    view.changeFacts(id, (facts) => (facts.popSettled ? facts : withPopSettled(facts, popped)), false);
    view.change(id, (current) => current, { record: { id: record.recordId, objectType: record.objectType, title: record.name || view.interaction(id)?.callerName || '' } });
  }

  /**
   * A started callback ended: its outcome recorded on it, and told when it did not reach the
   * customer. Returns the words for the call's journey (its Task), or undefined when `id` is no
   * started callback.
   */
  ended(id: string, end: CallEnd): string | undefined {
    const shown = this.#parts.view.view(id)?.callback;
    if (shown?.status !== 'in-progress') return undefined;
    const limit = shown.attemptLimit;
    const event: CallbackEvent =
      end.reason === 'remote-hangup'
        ? callbackLegOutcome(end.byeReason, limit)
        : end.reason === 'failed'
          ? { type: 'not-connected', outcome: 'failed', reason: end.message, attemptLimit: limit }
          : { type: 'connected', outcome: 'answered' };
    const next = this.#move(id, event);
    if (!next) return undefined;
    const attempt = `attempt ${shown.attempt} of ${limit}`;
    if (next.status === 'completed') return `callback completed (${next.outcome}, ${attempt})`;
    const kept = next.status === 'failed' ? 'Failed: no more attempts' : 'kept for another attempt';
    const who = this.#parts.view.interaction(id)?.callerNumber ?? '';
    this.#parts.notices.notify(
      new ContactPadError('CALLBACK_NOT_CONNECTED', `Callback to ${who || 'the customer'} not connected: ${next.reason}; ${attempt}, ${kept}.`, {
        detail: { outcome: next.outcome, attempt: shown.attempt, status: next.status },
      }),
    );
    return `callback not connected: ${next.reason} (${attempt}, ${kept})`;
  }

  /** Moves the callback shown on interaction `id` through the table; undefined when it shows none. */
  #move(id: string, event: CallbackEvent): CallbackState | undefined {
    const { view } = this.#parts;
    const shown = view.view(id)?.callback;
    if (!shown) return undefined;
    const next = transitionCallback({ status: shown.status, attempts: shown.attempt - 1, outcome: shown.outcome, reason: shown.reason }, event);
    const request = next.status === 'waiting' || next.status === 'failed' || next.status === 'completed' ? next.status : undefined;
    view.change(id, (current) => (request ? { ...current, callbackRequest: request } : current), { callback: { ...shown, status: next.status, outcome: next.outcome, reason: next.reason } });
    return next;
  }
}
