/**
 * The calls Salesforce knows of, in its words: which ContactPad interaction each is, its
 * participant (the customer's call, Initial_Caller; a consult leg the agent added, Third_Party),
 * and the PhoneCall objects the connector hands Salesforce. Salesforce's commands name a call by
 * a partial PhoneCall (its callId, its VoiceCall id or only its participant type, or nothing at
 * all: hold and resume are documented to get null), found here, else refused with CALL_NOT_FOUND
 * (Salesforce's INVALID_PARTICIPANT: scv-command-error.ts).
 *
 * A call's id is ContactPad's interaction id: X-CP-Interaction-Id, else the SIP Call-ID, which
 * the platform's server also gives the VoiceCall as its vendorCallKey.
 */
import { ContactPadError } from '../../model/errors.ts';
import type { InteractionState } from '../../model/interaction.ts';
import { isInProgress } from '../../model/interaction-state.ts';
import { scv, type ScvCallRef } from './scv-base.ts';
import type { ScvCallView } from './scv-switchboard.ts';

/** Initial_Caller: the customer's call (inbound, or placed by DIAL); Third_Party: a leg added by addParticipant. */
export type ScvRole = 'initial' | 'third-party';

/** Where a call stands for Salesforce: its interaction's state, or gone (off ContactPad's list). */
export type ScvCallState = InteractionState | 'gone';

export interface ScvCall {
  readonly id: string;
  readonly role: ScvRole;
  /** Constants.CALL_TYPE: Inbound, Outbound or AddParticipant. */
  readonly callType: string;
  readonly voiceCallId: string | undefined;
  /** A Third_Party leg's customer call. */
  readonly parentId: string | undefined;
  /** The state last seen (scv-call-events.ts compares each change with it). */
  last: ScvCallState;
  /** Salesforce asked for its end (END_CALL, DECLINE_CALL, a blind transfer): the base publishes that end, never the connector. */
  endAsked: boolean;
}

/** Answered and not over: connected or held. */
export function isAnswered(state: ScvCallState): boolean {
  return state !== 'gone' && isInProgress(state);
}

/** alerting, connected or held: Salesforce counts it among the active calls. */
export function isActive(state: ScvCallState): boolean {
  return state === 'alerting' || isAnswered(state);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

export class ScvCalls {
  readonly #calls = new Map<string, ScvCall>();

  /** A call Salesforce is told of (ringing) or made (dial, addParticipant), as it stands now. */
  add(call: Omit<ScvCall, 'endAsked'>): ScvCall {
    const entry: ScvCall = { ...call, endAsked: false };
    this.#calls.set(call.id, entry);
    return entry;
  }

  get(id: string): ScvCall | undefined {
    return this.#calls.get(id);
  }

  all(): readonly ScvCall[] {
    return [...this.#calls.values()];
  }

  forget(id: string): void {
    this.#calls.delete(id);
  }

  /** The active call of a participant (the newest when there were several). */
  ofRole(role: ScvRole, live: (call: ScvCall) => boolean = (call) => isActive(call.last)): ScvCall | undefined {
    return this.all().filter((call) => call.role === role && live(call)).at(-1);
  }

  /**
   * The call a command names, among those `live` accepts: by its callId or VoiceCall id, else
   * by its participant type; `fallback`, for a command that got no call at all. CALL_NOT_FOUND
   * when none fits.
   */
  find(ref: unknown, live: (call: ScvCall) => boolean, fallback?: ScvRole): ScvCall {
    const { PARTICIPANT_TYPE } = scv.Constants;
    const named = isRecord(ref) ? (ref as ScvCallRef) : undefined;
    const callId = typeof named?.callId === 'string' && named.callId !== '' ? named.callId : undefined;
    const attributes = isRecord(named?.callAttributes) ? named.callAttributes : undefined;
    const voiceCallId = typeof attributes?.voiceCallId === 'string' && attributes.voiceCallId !== '' ? attributes.voiceCallId : undefined;
    const participant = typeof attributes?.participantType === 'string' ? attributes.participantType : undefined;
    const byId = this.all().find((call) => live(call) && ((callId !== undefined && call.id === callId) || (voiceCallId !== undefined && call.voiceCallId === voiceCallId)));
    if (byId) return byId;
    const role: ScvRole | undefined =
      participant === PARTICIPANT_TYPE.INITIAL_CALLER ? 'initial' : participant === PARTICIPANT_TYPE.THIRD_PARTY ? 'third-party' : callId === undefined && voiceCallId === undefined ? fallback : undefined;
    const byRole = role === undefined ? undefined : this.ofRole(role, live);
    if (byRole) return byRole;
    const said = callId ?? voiceCallId ?? participant ?? 'no call named';
    throw new ContactPadError('CALL_NOT_FOUND', `ContactPad has no such call (${said.slice(0, 80)}) for this command.`, {
      detail: { callId: callId ?? '', participantType: participant ?? '' },
    });
  }

  /** The PhoneCall Salesforce is given for `call`, as `view` (its interaction now) says; ended when it is off the list. */
  phoneCall(call: ScvCall, view: ScvCallView | undefined): object {
    const { CALL_STATE, PARTICIPANT_TYPE, HANGUP_REASON } = scv.Constants;
    const interaction = view?.interaction;
    const state = interaction?.state ?? 'ended';
    const held = state === 'held';
    const thirdParty = call.role === 'third-party';
    const callState =
      state === 'alerting' ? (thirdParty ? CALL_STATE.TRANSFERRING : CALL_STATE.RINGING) : isInProgress(state) ? (thirdParty ? CALL_STATE.TRANSFERRED : CALL_STATE.CONNECTED) : CALL_STATE.ENDED;
    const number = interaction?.callerNumber ?? '';
    const name = interaction?.callerName ?? '';
    return new scv.PhoneCall({
      callId: call.id,
      callType: call.callType,
      state: callState,
      contact: new scv.Contact({ ...(number !== '' ? { phoneNumber: number } : {}), ...(name !== '' ? { name } : {}) }),
      ...(number !== '' ? { phoneNumber: number } : {}),
      callInfo: new scv.CallInfo({
        isOnHold: held,
        isMuted: view?.muted === true,
        callStateTimestamp: interaction ? new Date(interaction.answeredAt ?? interaction.offeredAt) : null,
        queueName: interaction?.queue || null,
        isSoftphoneCall: true,
        // What ContactPad does not do from Salesforce's controls (capabilities.ts in this folder): not offered on the call either.
        recordEnabled: false,
        showRecordButton: false,
        swapEnabled: false,
        showSwapButton: false,
        conferenceEnabled: false,
        showMergeButton: false,
      }),
      callAttributes: new scv.PhoneCallAttributes({
        ...(call.voiceCallId ? { voiceCallId: call.voiceCallId } : {}),
        participantType: thirdParty ? PARTICIPANT_TYPE.THIRD_PARTY : PARTICIPANT_TYPE.INITIAL_CALLER,
        ...(call.parentId ? { parentId: call.parentId } : {}),
        isOnHold: held,
      }),
      ...(callState === CALL_STATE.ENDED ? { reason: state === 'failed' ? HANGUP_REASON.PHONE_CALL_ERROR : HANGUP_REASON.PHONE_CALL_ENDED } : {}),
    });
  }
}
