/**
 * Consult calls (seed 004): a second line to a colleague, a service or a number while the
 * call it is about waits on hold, and what the agent does with the two calls
 * (model/consult-actions.ts says which actions each offers):
 *
 *   start     -> (a live call is held) -> dial -> the consult call, ringing at most
 *                consultTimeoutSeconds (then given up, the agent told, the call still held)
 *   retrieve  -> either call: the other is held first (the voice desk's swap)
 *   complete-transfer -> (the consult call taken back if held) -> REFER with Replaces ->
 *                both calls end as transferred, the Task saying to whom
 *   drop-consult      -> the consult call released, the held call retrieved
 *   conference        -> both calls mixed in the browser; either party leaving leaves a
 *                two-party call; leave-conference (the agent leaves) ends both
 *
 * A consult call that never connects (busy, declined, not found) is told to the agent, with
 * the call it was about still on hold. Loaded with the directory desk, off the ring path.
 */
import { interactionKind } from '../model/capabilities.ts';
import type { Clock } from '../model/clock.ts';
import { ContactPadError } from '../model/errors.ts';
import { consultFacts, withConference, withConsultCall, withoutConsultCall, withTransferTo } from '../model/handover-facts.ts';
import { consultPairActions, type ConsultPair } from '../model/consult-actions.ts';
import type { InteractionFacts } from '../model/interaction-facts.ts';
import type { InteractionState } from '../model/interaction.ts';
import { isInProgress, offerInteraction } from '../model/interaction-state.ts';
import type { ContactPadSettings } from '../model/settings.ts';
import type { NoticeDesk } from './notice-desk.ts';
import type { Rooms } from './ports.ts';
import type { Pairing, ViewDesk } from './view-desk.ts';
import type { VoiceDesk } from './voice-desk.ts';

/** The desks a consult desk works with. */
export interface ConsultDeskParts {
  readonly settings: ContactPadSettings;
  readonly clock: Clock;
  readonly rooms: Rooms;
  readonly view: ViewDesk;
  readonly voice: VoiceDesk;
  readonly notices: NoticeDesk;
}

/** Whom a consult call goes to: the name the agent reads, and the address telephony dials. */
export interface ConsultTarget {
  readonly name: string;
  readonly address: string;
}

/** Why a consult call did not connect, from the SIP status its journey recorded. */
function refusalWords(status: string): string {
  switch (status.trim().slice(0, 3)) {
    case '404':
    case '484':
      return 'does not exist (404 Not Found)';
    case '480':
      return 'is not available (480)';
    case '486':
    case '600':
      return 'is busy';
    case '603':
      return 'declined the call';
    case '408':
    case '487':
      return 'did not answer';
    default:
      return status.trim() === '' ? 'could not be reached' : `could not be reached (${status.trim()})`;
  }
}

export class ConsultDesk {
  readonly #parts: ConsultDeskParts;
  /** Consult calls given up for ringing too long: their end is told once, by the timeout. */
  readonly #givenUp = new Set<string>();
  /** The timeout of each consult call still ringing. */
  readonly #timers = new Map<string, () => void>();

  constructor(parts: ConsultDeskParts) {
    this.#parts = parts;
    parts.view.listen({ finished: (id, state) => this.#finished(id, state) });
    parts.view.pairWith((interaction, facts) => this.#pairing(interaction.id, interaction.state, facts));
  }

  /**
   * What a call of a consult pair may do (model/consult-actions.ts): a consult call and the
   * call it is about, linked both ways (a consult about a chat, an email or a case is a call
   * of its own: no pair). A three-way call lasts while both calls are under way.
   */
  #pairing(id: string, state: InteractionState, facts: InteractionFacts): ReturnType<Pairing> {
    const { view } = this.#parts;
    const partnerId = facts.consultFor ?? facts.consultId;
    if (partnerId === undefined) return undefined;
    const role = facts.consultFor !== undefined ? 'consult' : 'original';
    const linked = role === 'original' || view.facts(partnerId)?.consultId === id;
    const partner = linked ? view.stateOf(partnerId) : undefined;
    const pair: ConsultPair = { role, partner, conference: facts.conference === true && partner !== undefined && isInProgress(partner) };
    return { actions: (alone) => consultPairActions(state, alone, pair), inConference: pair.conference };
  }

  /**
   * A consult call to `target` about `aboutId`: a live call is held first, then the target is
   * dialled; the consult call is an interaction of its own (releasing one does not release the
   * other), selected, and given up if nobody answers within consultTimeoutSeconds. Resolves
   * with the consult call's id.
   */
  async start(aboutId: string, target: ConsultTarget): Promise<string> {
    const { view, voice, rooms, clock, settings } = this.#parts;
    const interaction = view.interaction(aboutId);
    const live = interaction !== undefined && interactionKind(interaction.channel) === 'live' && view.facts(aboutId)?.work === undefined;
    if (live && interaction.state === 'connected') await voice.hold(aboutId);
    const callId = await rooms.requirePhone().dial(target.address, aboutId);
    const about = view.interaction(aboutId) ?? interaction;
    const aboutWords = about ? about.callerName || about.callerNumber || about.channel : aboutId;
    const consult = offerInteraction(
      { id: callId, channel: 'voice', direction: 'outbound', callerName: target.name, callerNumber: target.address, queue: `Consult about ${aboutWords}` },
      clock.now(),
    );
    view.add(consult, consultFacts(aboutId));
    if (live && isInProgress(view.stateOf(aboutId) ?? 'ended')) view.changeFacts(aboutId, (facts, call) => withConsultCall(facts, call, callId));
    view.select(callId);
    const seconds = settings.consultTimeoutSeconds;
    this.#timers.set(callId, clock.schedule(() => this.#giveUp(callId, seconds), seconds * 1000));
    return callId;
  }

  /** Attended transfer: the caller is put through to the consulted party; both calls end as transferred. */
  async completeTransfer(id: string): Promise<void> {
    const { view, voice, rooms } = this.#parts;
    view.requireAction(id, 'complete-transfer');
    const { originalId, consultId } = this.#pair(id);
    // The consult call must be the live one: taking it back holds the caller (the swap).
    if (view.stateOf(consultId) === 'held') await voice.retrieve(consultId);
    const to = view.interaction(consultId)?.callerName || view.interaction(consultId)?.callerNumber || 'the consulted party';
    view.changeFacts(originalId, (facts, call) => withTransferTo(facts, call, to), false);
    view.changeFacts(consultId, (facts, call) => withTransferTo(facts, call, to), false);
    await rooms.requirePhone().completeTransfer(originalId, consultId);
    // The phone reports both calls ended as transferred: the voice desk hands them over.
  }

  /** Releases the consult call and takes back the call it was about. */
  async dropConsult(id: string): Promise<void> {
    const { view, voice } = this.#parts;
    view.requireAction(id, 'drop-consult');
    const { originalId, consultId } = this.#pair(id);
    await voice.release(consultId);
    if (view.stateOf(originalId) === 'held') await voice.retrieve(originalId);
  }

  /** Joins the consult call and the call it is about into a three-way call (a held one is taken off hold). */
  async conference(id: string): Promise<void> {
    const { view, rooms } = this.#parts;
    view.requireAction(id, 'conference');
    const { originalId, consultId } = this.#pair(id);
    await rooms.requirePhone().conference(originalId, consultId);
    for (const callId of [originalId, consultId]) {
      if (view.stateOf(callId) === 'held') view.move(callId, 'connected');
      if (isInProgress(view.stateOf(callId) ?? 'ended')) view.changeFacts(callId, (facts, call) => withConference(facts, call, true));
    }
  }

  /**
   * The agent leaves the three-way call: both calls end (released, each to its own wrap up).
   * The mix runs in the agent's browser, so the two parties cannot stay on without the agent;
   * Complete transfer puts them through to each other instead.
   */
  async leaveConference(id: string): Promise<void> {
    const { view, voice } = this.#parts;
    view.requireAction(id, 'leave-conference');
    const { originalId, consultId } = this.#pair(id);
    const results = await Promise.allSettled([voice.release(consultId), voice.release(originalId)]);
    const failed = results.find((result): result is PromiseRejectedResult => result.status === 'rejected');
    if (failed) throw failed.reason;
  }

  /** The two calls of the consult `id` belongs to (INVALID_TRANSITION for a call without one). */
  #pair(id: string): { originalId: string; consultId: string } {
    const facts = this.#parts.view.facts(id);
    if (facts?.consultFor !== undefined && this.#parts.view.facts(facts.consultFor)?.consultId === id) return { originalId: facts.consultFor, consultId: id };
    if (facts?.consultId !== undefined) return { originalId: id, consultId: facts.consultId };
    throw new ContactPadError('INVALID_TRANSITION', 'This call has no consult call with it.', { detail: { interactionId: id } });
  }

  /** Nobody answered the consult call in time: it is cancelled, and the agent told, the call it is about still held. */
  #giveUp(callId: string, seconds: number): void {
    const { view, rooms, notices } = this.#parts;
    this.#timers.delete(callId);
    if (view.stateOf(callId) !== 'alerting') return;
    this.#givenUp.add(callId);
    rooms.phone?.release(callId).catch((error: unknown) => notices.notify(error));
    const name = view.interaction(callId)?.callerName || 'The colleague';
    notices.notify(new ContactPadError('CONSULT_FAILED', `${name} did not answer within ${seconds} s, so the consult was cancelled. ${this.#stillWords(callId)}`, { detail: { interactionId: callId } }));
  }

  /** What became of the call a consult was about, for a notice ("Maria Lopez is still on hold: Retrieve to go back to them."). */
  #stillWords(consultId: string): string {
    const { view } = this.#parts;
    const aboutId = view.facts(consultId)?.consultFor;
    const about = aboutId === undefined ? undefined : view.interaction(aboutId);
    if (!about || !isInProgress(about.state)) return '';
    const who = about.callerName || about.callerNumber || `The ${about.channel}`;
    return about.state === 'held' ? `${who} is still on hold: Retrieve to go back to them.` : `${who} is still with you.`;
  }

  #finished(id: string, state: InteractionState): void {
    const { view, notices } = this.#parts;
    this.#timers.get(id)?.();
    this.#timers.delete(id);
    const facts = view.facts(id);
    if (facts?.consultFor !== undefined && (state === 'rejected' || state === 'failed' || state === 'missed') && !this.#givenUp.has(id)) {
      const interaction = view.interaction(id);
      const status = interaction?.journey.at(-1)?.detail ?? '';
      const name = interaction?.callerName || 'The colleague';
      notices.notify(new ContactPadError('CONSULT_FAILED', `${name} ${refusalWords(status)}: the consult did not connect. ${this.#stillWords(id)}`.trim(), { detail: { interactionId: id } }));
    }
    this.#givenUp.delete(id);
    this.#unlink(id);
  }

  /** A call of a consult pair finished: its partner is a call on its own again. */
  #unlink(id: string): void {
    const { view } = this.#parts;
    const facts = view.facts(id);
    if (facts?.consultFor !== undefined && view.facts(facts.consultFor)?.consultId === id) view.changeFacts(facts.consultFor, withoutConsultCall);
    if (facts?.consultId !== undefined && view.has(facts.consultId)) view.changeFacts(facts.consultId, (partner, call) => withConference(partner, call, false));
  }
}
