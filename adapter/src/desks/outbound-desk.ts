/**
 * Calls the agent places: the one place where a call to a number or an address is checked
 * against the compliance rules before the phone dials (model/outbound-compliance.ts, with what
 * the crm room reads: crm/outbound-policy.ts), whatever started it: the dial pad, redial, a
 * recent number or a favourite, click-to-dial from a record, and (through {@link
 * OutboundDesk.clear}) a consult call or a blind transfer to a typed number. A blocked call is
 * never dialled: the agent is told which rule blocked it (its own code).
 *
 *   place -> read the dial string (INVALID_INPUT) -> Salesforce facts -> rules -> blocked: notice
 *         -> allowed: INVITE -> listed, the record popped (and the Task linked to it), the
 *            number at the top of the recent list, the ring time started
 *   ends before an answer (busy, no answer, declined, invalid number, cancelled) -> failed, in
 *         words, a notice, the Task logged; the agent may record a reason (its disposition)
 *
 * Loaded by the voice desk on the first call placed, off the path that rings and answers.
 */
import { readDialString, type DialString } from '../model/dial-input.ts';
import { lastDialled, withDialled, withFavourite, type DialledRecord } from '../model/dial-history.ts';
import { ContactPadError } from '../model/errors.ts';
import { callFacts, withPopSettled, type PoppedRecord } from '../model/interaction-facts.ts';
import { offerInteraction } from '../model/interaction-state.ts';
import { blockedCallError, checkOutbound, recipientTimeZone, uncheckedDecision } from '../model/outbound-compliance.ts';
import { callFailureError, failureOfStatus, noAnswerWithin, otherFailure, withFailedCallReason, type CallFailure } from '../model/outbound-failure.ts';
import { numberTimeZones } from '../model/number-time-zones.ts';
import { isSalesforceId } from '../model/salesforce-id.ts';
import type { CallEnd } from '../telephony/call-state.ts';
import type { OutboundFacts } from '../crm/outbound-policy.ts';
import type { LoadedDesks } from './desks.ts';
import type { CallbackDesk } from './callback-desk.ts';
import type { CallbackAlertDesk } from './callback-alert-desk.ts';
import type { CallbackAsk } from '../intents.ts';
import type { NavigationContext } from '../host/navigation-context.ts';

/** The desks an outbound desk works with. */
export type OutboundDeskParts = Pick<LoadedDesks, 'settings' | 'clock' | 'store' | 'rooms' | 'view' | 'wrapUp' | 'notices' | 'agent'>;
import { describeError } from './notice-desk.ts';
import { NO_CALLER_LOOKUP } from './view-desk.ts';

/** A call the agent asks for: what they typed (or clicked), and the record it is placed from. */
export interface OutboundRequest {
  readonly typed: string;
  readonly record?: DialledRecord;
}

/** A call this desk placed, while it has not ended. */
interface Placed {
  readonly who: string;
  readonly cancelRingTimer: () => void;
  /** The ring time ran out and the call was cancelled for it. */
  noAnswer: boolean;
}

/** What the rules allowed: what to dial, how it is shown, and the record it is placed from. */
interface Cleared {
  readonly target: string;
  readonly shown: string;
  readonly extension: string;
  readonly record?: DialledRecord & { readonly accountId?: string };
}

export class OutboundDesk {
  readonly #desks: OutboundDeskParts;
  readonly #placed = new Map<string, Placed>();
  /** Admin problems already told this session (each once). */
  readonly #told = new Set<string>();
  #callback: Promise<CallbackDesk> | undefined;
  #alerts: CallbackAlertDesk | undefined;
  #alertsLoading: Promise<CallbackAlertDesk> | undefined;

  constructor(desks: OutboundDeskParts) {
    this.#desks = desks;
  }

  /**
   * Places a call after the compliance check; resolves with its call id. Rejects INVALID_INPUT
   * for what cannot be dialled, the blocking rule's code (CALL_BLOCKED_*) for a blocked call,
   * and what the phone says when the INVITE cannot be sent.
   */
  async place(request: OutboundRequest): Promise<string> {
    const { rooms, view, clock, store, settings } = this.#desks;
    const dial = readDialString(request.typed);
    const record = request.record && isSalesforceId(request.record.recordId) ? request.record : undefined;
    const cleared = await this.#clear(dial, record);
    const callId = await rooms.requirePhone().dial(cleared.target);
    const name = cleared.record?.name ?? '';
    const interaction = offerInteraction({ id: callId, channel: 'voice', direction: 'outbound', callerName: name, callerNumber: cleared.target }, clock.now());
    const popped: PoppedRecord | undefined = cleared.record
      ? { recordId: cleared.record.recordId, objectType: cleared.record.objectType, ...(cleared.record.accountId ? { accountId: cleared.record.accountId } : {}) }
      : undefined;
    // The record it was placed from is the call's record (popped, its Task links to it); a
    // typed number is looked up by nobody: nothing to pop.
    view.add(interaction, withPopSettled(callFacts(), popped));
    view.setCaller(callId, NO_CALLER_LOOKUP);
    view.change(callId, (current) => current, {
      placed: { extension: cleared.extension },
      ...(cleared.record ? { record: { id: cleared.record.recordId, objectType: cleared.record.objectType, title: name } } : {}),
    });
    view.select(callId);
    if (cleared.record) rooms.host?.screenPopRecord(cleared.record.recordId).catch((error: unknown) => this.#desks.notices.notify(error));
    const historyRecord = cleared.record ? { recordId: cleared.record.recordId, objectType: cleared.record.objectType, name } : undefined;
    store.update((s) => ({ ...s, dialHistory: withDialled(s.dialHistory, { number: dial.kind === 'sip' ? dial.address : cleared.target, at: clock.now(), ...(historyRecord ? { record: historyRecord } : {}) }) }));
    const cancelRingTimer = clock.schedule(() => this.#ringTimeUp(callId), settings.noAnswerSeconds * 1000);
    this.#placed.set(callId, { who: name || cleared.shown, noAnswer: false, cancelRingTimer });
    return callId;
  }

  /**
   * The compliance check alone, for a number the agent typed to call it another way (a consult
   * call, a blind transfer: directory-desk.ts): the address to dial (E.164 when the number reads
   * so) and how it is shown; with the record it is placed from (a callback through another device:
   * callback-desk.ts), that record's Do Not Call counts too, and the record comes back as
   * Salesforce knows it. Throws INVALID_INPUT, or the blocking rule's error: then nothing may be
   * dialled. `at` (epoch ms; now when absent): the time the call will be made (a scheduled call:
   * calling hours at that time in the recipient's time zone).
   */
  async clear(typed: string, from?: DialledRecord, at?: number): Promise<{ readonly name: string; readonly address: string; readonly record?: Cleared['record'] }> {
    const record = from && isSalesforceId(from.recordId) ? from : undefined;
    const cleared = await this.#clear(readDialString(typed), record, at);
    return { name: cleared.shown, address: cleared.target, ...(cleared.record ? { record: cleared.record } : {}) };
  }

  /** A Call back intent (callback-desk.ts: this browser or another of the agent's devices), with the record in focus in the console. */
  async callBack(ask: CallbackAsk, focused: NavigationContext | undefined): Promise<void> {
    await (await this.callback()).handle(ask, focused);
  }

  /** Call back from a record, loaded with the first Call back. */
  callback(): Promise<CallbackDesk> {
    this.#callback ??= import('./callback-desk.ts').then(
      ({ CallbackDesk }) => new CallbackDesk(this.#desks, this),
      (error: unknown) => {
        this.#callback = undefined;
        throw error;
      },
    );
    return this.#callback;
  }

  /** Callback alerts (Start Call through the compliance checks, the outcome): callback-alert-desk.ts, loaded with the first callback that rings. */
  callbackAlerts(): Promise<CallbackAlertDesk> {
    this.#alertsLoading ??= import('./callback-alert-desk.ts').then(
      ({ CallbackAlertDesk }) => (this.#alerts = new CallbackAlertDesk(this.#desks, this)),
      (error: unknown) => {
        this.#alertsLoading = undefined;
        throw error;
      },
    );
    return this.#alertsLoading;
  }

  /** A started callback alert ended: its outcome in words for the call's journey; undefined for any other call. */
  callbackEnded(id: string, end: CallEnd): string | undefined {
    return this.#alerts?.ended(id, end);
  }

  /** Calls the last number called again (with the record it was called from). */
  async redial(): Promise<string> {
    const last = lastDialled(this.#desks.store.snapshot.dialHistory);
    if (!last) throw new ContactPadError('INVALID_INPUT', 'No number to redial yet: call a number first.');
    return this.place({ typed: last.number, ...(last.record ? { record: last.record } : {}) });
  }

  /** Stars a recent number as a favourite, or unstars one (kept with the recent numbers, per agent). */
  favourite(number: string, starred: boolean): void {
    this.#desks.store.update((s) => ({ ...s, dialHistory: withFavourite(s.dialHistory, number, starred) }));
  }

  /**
   * A call this desk placed ended: when it never connected it failed, in words (busy, no
   * answer...), the agent is told and its Task is logged. Answers false for a call this desk
   * did not place, or one that connected (the voice desk wraps it up as any other).
   */
  ended(callId: string, end: CallEnd): boolean {
    const placed = this.#placed.get(callId);
    if (!placed) return false;
    this.#placed.delete(callId);
    placed.cancelRingTimer();
    const { view, notices, wrapUp } = this.#desks;
    if (view.stateOf(callId) !== 'alerting') return false;
    const byAgent = end.reason === 'released' && !placed.noAnswer;
    const failure: CallFailure =
      end.reason === 'rejected' ? failureOfStatus(end.statusCode)
      : end.reason === 'released' ? (placed.noAnswer ? noAnswerWithin(this.#desks.settings.noAnswerSeconds) : otherFailure('Hung up before an answer'))
      : end.reason === 'failed' ? otherFailure(end.message)
      : otherFailure(`Ended before an answer (${end.reason})`);
    view.move(callId, 'failed', { detail: failure.detail });
    view.change(callId, (current) => current, { placed: { ...(view.view(callId)?.placed ?? { extension: '' }), failure: { kind: failure.kind, detail: failure.detail } } });
    if (!byAgent) notices.notify(callFailureError(failure, placed.who));
    wrapUp.logActivity(callId);
    return true;
  }

  /** The agent's reason for a call that did not connect: its disposition, and its Task logged again (the same Task, updated). */
  recordReason(callId: string, reason: string): void {
    const { view, wrapUp } = this.#desks;
    view.change(callId, (interaction) => withFailedCallReason(interaction, reason), {});
    const placed = view.view(callId)?.placed;
    if (placed) view.change(callId, (current) => current, { placed: { ...placed, reason: view.interaction(callId)?.disposition ?? '' } });
    wrapUp.logActivity(callId);
  }

  /** The rules' answer for the call, from what Salesforce says (see the file comment); throws the blocking rule's error. */
  async #clear(dial: DialString, record: DialledRecord | undefined, when?: number): Promise<Cleared> {
    const { rooms, clock } = this.#desks;
    const extension = dial.kind === 'number' ? dial.extension : '';
    const crm = rooms.crm;
    if (!crm) {
      // Without Salesforce nothing can be checked: only an internal address may be called.
      if (dial.kind === 'sip' && !record) return { target: dial.address, shown: dial.address, extension };
      throw blockedCallError(uncheckedDecision('Salesforce is not connected'));
    }
    let facts: OutboundFacts;
    try {
      facts = await crm.checkOutbound({ target: dial.kind === 'number' ? { kind: 'number', number: dial.number } : dial, timeZonesOf: numberTimeZones, ...(record ? { record } : {}) });
    } catch (error) {
      throw blockedCallError(uncheckedDecision(`Salesforce could not be asked (${describeError(error).message})`));
    }
    for (const problem of facts.problems) this.#tellOnce(problem);
    const at = when ?? clock.now();
    const decision = checkOutbound(
      {
        reach: facts.number.reach,
        number: facts.number.number,
        shown: facts.number.shown,
        country: facts.number.country,
        timeZone: recipientTimeZone(facts.numberZones, facts.recordZone, at),
        doNotCall: facts.doNotCall,
      },
      facts.policy,
      at,
    );
    if (!decision.allowed) throw blockedCallError(decision);
    const known = facts.record ?? record;
    return {
      target: facts.number.number,
      shown: facts.number.shown,
      extension,
      ...(known ? { record: { recordId: known.recordId, objectType: known.objectType, name: known.name || record?.name || '', ...(facts.record?.accountId ? { accountId: facts.record.accountId } : {}) } } : {}),
    };
  }

  /** The ring time ran out with nobody answering: the call is cancelled, and ends as not answered. */
  #ringTimeUp(callId: string): void {
    const placed = this.#placed.get(callId);
    if (!placed || this.#desks.view.stateOf(callId) !== 'alerting') return;
    placed.noAnswer = true;
    this.#desks.rooms.phone?.release(callId).catch((error: unknown) => this.#desks.notices.notify(error));
  }

  #tellOnce(problem: string): void {
    if (this.#told.has(problem)) return;
    this.#told.add(problem);
    this.#desks.notices.notify(new ContactPadError('INVALID_CONFIGURATION', `Outbound call rules (tell your Salesforce admin): ${problem}`));
  }
}
