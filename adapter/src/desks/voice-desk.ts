/**
 * Voice calls: the phone registers while the agent is not Offline, and what the telephony room
 * reports (a call rings, is answered, ends) and what the agent asks of a call (accept, reject,
 * release, hold, retrieve, dial) become moves of the call's interaction.
 *
 *   INVITE -> incoming: beyond capacity -> 486; else listed, panel shown, caller looked up
 *   200 OK -> connected -> agent Busy -> screen pop (inbound)
 *   BYE    -> ended -> wrap up (or handed over, after a transfer)
 */
import type { AgentStatus } from '../model/agent-state.ts';
import { ContactPadError } from '../model/errors.ts';
import { interactionKind } from '../model/capabilities.ts';
import { callFacts } from '../model/interaction-facts.ts';
import { isInProgress, offerInteraction } from '../model/interaction-state.ts';
import type { CallRecord } from '../model/call-record.ts';
import type { Clock } from '../model/clock.ts';
import type { PhoneConnection } from '../model/phone-connection.ts';
import type { ContactPadSettings } from '../model/settings.ts';
import type { CallEnd } from '../telephony/call-state.ts';
import type { CallOffer } from '../telephony/sip-header-contract.ts';
import type { Store } from '../store.ts';
import type { AgentDesk } from './agent-desk.ts';
import type { NoticeDesk } from './notice-desk.ts';
import { revealPanel } from './panel.ts';
import type { LoadedOnce } from './loaded-once.ts';
import type { Rooms } from './ports.ts';
import type { ScreenPopDesk } from './screen-pop-desk.ts';
import { CALLER_LOOKUP_OFF, type ViewDesk } from './view-desk.ts';
import type { WrapUpDesk } from './wrap-up-desk.ts';
import type { OutboundDesk, OutboundRequest } from './outbound-desk.ts';

/** The desks a voice desk works with. */
export interface VoiceDeskParts {
  readonly settings: ContactPadSettings;
  readonly clock: Clock;
  readonly store: Store;
  readonly rooms: Rooms;
  readonly view: ViewDesk;
  readonly agent: AgentDesk;
  /** Wrap up, loaded off the ring path (preloaded at start). */
  readonly wrapUp: LoadedOnce<WrapUpDesk>;
  /** The screen-pop desk, loaded off the ring path (the first call waits for it, not for the ring). */
  readonly screenPop: LoadedOnce<ScreenPopDesk>;
  readonly notices: NoticeDesk;
  /** `voice-call` (Service Cloud Voice): Salesforce pops the VoiceCall; ContactPad looks up and pops nothing (model/call-record.ts). */
  readonly callRecord?: CallRecord;
}

export class VoiceDesk {
  readonly #parts: VoiceDeskParts;
  /** The phone was started (the agent left Offline) and not stopped since. */
  #phoneStarted = false;
  /** This page has the agent's phone (phone-tab-desk.ts: another tab or window of the agent may have it). */
  #here = true;
  #outbound: OutboundDesk | undefined;
  #outboundLoading: Promise<OutboundDesk> | undefined;

  constructor(parts: VoiceDeskParts) {
    this.#parts = parts;
    parts.agent.onChosen((status) => void this.#phoneFollows(status));
  }

  /**
   * The phone's connection to the SIP server; before the agent starts the phone only `stopped`
   * is shown. An error the phone gives with it (a refused REGISTER, once) is a notice.
   */
  connection(state: PhoneConnection, error?: ContactPadError): void {
    if (!this.#phoneStarted && state.state !== 'stopped') return;
    this.#parts.store.update((s) => ({ ...s, phone: state }));
    if (error) this.#parts.notices.notify(error);
  }

  /** An INVITE rings: listed (beyond the agent's voice capacity: refused Busy Here), the panel shown, the caller looked up. */
  incoming(offer: CallOffer): void {
    const { view, agent, notices, rooms, clock } = this.#parts;
    if (view.has(offer.callId)) return; // a retransmitted or duplicated INVITE
    const interaction = offerInteraction(
      {
        id: offer.callId,
        channel: offer.kind,
        direction: 'inbound',
        callerName: offer.callerName,
        callerNumber: offer.kind === 'callback' && offer.callbackNumber !== '' ? offer.callbackNumber : offer.callerNumber,
        queue: offer.queue,
        location: offer.location,
        adSource: offer.adSource,
      },
      clock.now(),
    );
    const from = interaction.callerName || interaction.callerNumber || 'a withheld number';
    const beyondCapacity = agent.beyondCapacity(interaction, `A ${interaction.channel} call from ${from} was refused`);
    if (beyondCapacity) {
      // The platform offered more calls than the agent's capacity: Busy Here, it tries another agent.
      rooms.phone?.reject(offer.callId).catch((error: unknown) => notices.notify(error));
      notices.notify(beyondCapacity);
      return;
    }
    view.add(interaction, callFacts());
    // A callback alert (callback-alert-desk.ts, with the outbound desk): its attempt shown.
    if (offer.kind === 'callback') this.#callbackAlerts().then((alerts) => alerts.rang(offer.callId, offer.callbackAttempt, offer.callbackRequestId), (error: unknown) => notices.notify(error));
    revealPanel(rooms, notices);
    // Without the crm room there is nothing to look up: said at once, the screen-pop desk is not loaded for it.
    // With it, the lookup starts once the pop is painted (its request costs the page a millisecond or two).
    if (rooms.crm && this.#parts.callRecord !== 'voice-call') rooms.afterPaint(() => this.#parts.screenPop.run((screenPop) => screenPop.lookUp(interaction), (error) => notices.notify(error)));
    else view.setCaller(interaction.id, CALLER_LOOKUP_OFF);
  }

  /** The phone refused an INVITE before it rang (488: media this browser cannot take): nothing is listed, the agent is told. */
  refused(offer: CallOffer, error: ContactPadError): void {
    const from = offer.callerName || (offer.kind === 'callback' && offer.callbackNumber !== '' ? offer.callbackNumber : offer.callerNumber) || 'a withheld number';
    this.#parts.notices.notify(new ContactPadError(error.code, `A ${offer.kind} call from ${from} could not be offered: ${error.message}`, { cause: error, detail: { ...error.detail } }));
  }

  /** The call was answered (200 OK / ACK): the agent is Busy and an inbound call pops its record. */
  connected(callId: string): void {
    const { view, agent } = this.#parts;
    const interaction = view.interaction(callId);
    if (!interaction || interaction.state !== 'alerting') return;
    view.move(callId, 'connected');
    agent.workStarted(callId);
    if (interaction.direction === 'inbound' && this.#parts.callRecord !== 'voice-call') this.#parts.screenPop.run((screenPop) => screenPop.pop(callId), (error) => this.#parts.notices.notify(error));
  }

  /** The call is over: missed, rejected or failed while it rang; wrap up (or handed over) once answered. */
  ended(callId: string, end: CallEnd): void {
    // A call the agent placed that never connected: the outbound desk says why (busy, no answer...).
    if (this.#outbound?.ended(callId, end)) return;
    const { view, notices } = this.#parts;
    const state = view.stateOf(callId);
    if (state === undefined) return;
    if (state === 'alerting') {
      // Another phone of a ring-all queue or a forking proxy took it: not this agent's missed call, and
      // the agent who answered logs it. It leaves the list (and the call pop) without a Task.
      if (end.reason === 'answered-elsewhere') view.remove(callId);
      else if (end.reason === 'caller-cancelled') view.move(callId, 'missed', { detail: 'caller hung up while ringing' });
      else if (end.reason === 'rejected') view.move(callId, 'rejected', { detail: `${end.statusCode}` });
      else if (end.reason === 'failed') view.move(callId, 'failed', { detail: end.message });
      else view.move(callId, 'missed', { detail: end.reason });
    } else if (isInProgress(state)) {
      if (end.reason === 'transferred') {
        this.#parts.wrapUp.run((wrapUp) => wrapUp.handedOver(callId, view.facts(callId)?.transferTo ?? 'another agent'), (error) => notices.notify(error));
        return;
      }
      if (end.reason === 'failed') notices.notify(new ContactPadError(end.code, end.message));
      const callback = this.#outbound?.callbackEnded(callId, end);
      this.#parts.wrapUp.run((wrapUp) => wrapUp.enter(callId, end.reason === 'released' ? 'released' : 'remote-hangup', callback), (error) => notices.notify(error));
    }
  }

  /** Answers (200 OK); the phone's `connected` moves the interaction. */
  async accept(id: string): Promise<void> {
    const { view, rooms } = this.#parts;
    view.requireAction(id, 'accept');
    const answer = () => rooms.requirePhone().accept(id);
    // Start Call on a callback alert: the compliance checks first (callback-alert-desk.ts).
    await (view.interaction(id)?.channel === 'callback' ? (await this.#callbackAlerts()).startCall(id, answer) : answer());
  }

  /** Rejects (486/603); stateAfterReject applies. */
  async reject(id: string): Promise<void> {
    const { view, rooms, settings, agent } = this.#parts;
    view.requireAction(id, 'reject');
    await rooms.requirePhone().reject(id);
    if (view.stateOf(id) === 'alerting') view.move(id, 'rejected', { detail: `${settings.rejectStatusCode} sent` });
    agent.afterReject();
  }

  /** Hangs up (BYE); wrap up follows. */
  async release(id: string): Promise<void> {
    await (await this.#parts.wrapUp()).release(id, () => this.#parts.rooms.requirePhone().release(id));
  }

  /** Ends the call now (when the capability table offers it), the BYE sent without waiting. */
  async abandon(id: string): Promise<void> {
    const phone = this.#parts.rooms.phone;
    (await this.#parts.wrapUp()).abandon(id, phone && (() => phone.release(id)));
  }

  /** Holds the call (re-INVITE sendonly). */
  async hold(id: string): Promise<void> {
    const { view, rooms } = this.#parts;
    view.requireAction(id, 'hold');
    await rooms.requirePhone().hold(id);
    if (view.stateOf(id) === 'connected') view.move(id, 'held');
  }

  /** Takes the call off hold (re-INVITE sendrecv), holding the call the agent is on first. */
  async retrieve(id: string): Promise<void> {
    const { view, rooms } = this.#parts;
    view.requireAction(id, 'retrieve');
    // Never two calls un-held: the call the agent is on is held first (a swap, as between a
    // call and its consult call). A three-way call holds nobody.
    for (const other of view.all()) {
      const { interaction, facts } = other;
      if (other.id === id || interaction.state !== 'connected' || facts.work || interactionKind(interaction.channel) !== 'live') continue;
      if (view.view(other.id)?.inConference !== true) await this.hold(other.id);
    }
    await rooms.requirePhone().retrieve(id);
    if (view.stateOf(id) === 'held') view.move(id, 'connected');
  }

  /**
   * Places a call: the one door for every call the agent places to a number or an address
   * (dial pad, redial, recent numbers, favourites, click-to-dial). The outbound desk checks it
   * against the compliance rules first and dials only what they allow; it loads on the first
   * call placed, off the path that rings and answers. Resolves with the call id.
   */
  async dial(request: OutboundRequest): Promise<string> {
    return (await this.outbound()).place(request);
  }

  /** The outbound desk (compliance, recent numbers and favourites, failed calls), loaded once; a failed load is tried again. */
  outbound(): Promise<OutboundDesk> {
    this.#outboundLoading ??= import('./outbound-desk.ts').then(
      async ({ OutboundDesk }) => (this.#outbound = new OutboundDesk({ ...this.#parts, wrapUp: await this.#parts.wrapUp() })),
      (error: unknown) => {
        this.#outboundLoading = undefined;
        throw error;
      },
    );
    return this.#outboundLoading;
  }



  #callbackAlerts() {
    return this.outbound().then((outbound) => outbound.callbackAlerts());
  }

  /**
   * Whether this page has the agent's phone (phone-tab-desk.ts): the phone registers only where
   * it is. Resolves once a phone that was running here has stopped (unregistered).
   */
  phoneHere(here: boolean): Promise<void> {
    this.#here = here;
    return this.#phoneFollows(this.#parts.store.snapshot.agent.status);
  }

  /** The phone registers while the agent is anything but Offline (and this page has it), and stops when Offline. */
  #phoneFollows(status: AgentStatus): Promise<void> {
    const { rooms, store, notices } = this.#parts;
    const run = status !== 'offline' && this.#here;
    if (!run && this.#phoneStarted) {
      this.#phoneStarted = false;
      const stopped = rooms.phone?.stop().catch((error: unknown) => notices.notify(error));
      store.update((s) => ({ ...s, phone: { state: 'stopped' } }));
      return stopped ?? Promise.resolve();
    }
    if (run && !this.#phoneStarted && rooms.phone) {
      this.#phoneStarted = true;
      store.update((s) => ({ ...s, phone: { state: 'connecting' } }));
      rooms.phone.start();
    }
    return Promise.resolve();
  }
}
