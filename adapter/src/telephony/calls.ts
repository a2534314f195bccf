/**
 * The phone's calls: incoming INVITEs (sip.js Invitation) that ring, are answered,
 * rejected or released, every call's sip.js events, and its end, reported to the listener
 * once. Each call's SIP life is a {@link Call} moving through the table of call-state.ts.
 *
 * What is asked of calls beyond ringing and answering (dialling out, hold, retrieve,
 * transfer, media figures) is in call-control.ts, loaded lazily: it is not needed to ring
 * and answer, so it stays off the ring-and-answer bundle. It starts loading once the phone
 * has registered ({@link Calls.prepare}); once loaded, those requests start at once.
 */
import { Invitation, Inviter, SessionState, Web, type UserAgent } from 'sip.js';
import type { Clock } from '../model/clock.ts';
import { ContactPadError, type ErrorCode } from '../model/errors.ts';
import { Call } from './call.ts';
import type { CallsPort } from './call-control.ts';
import { callFailure } from './call-failure.ts';
import type { CallEnd } from './call-state.ts';
import { errorText } from './error-text.ts';
import { RemoteAudio } from './media.ts';
import { deviceError, type AudioDevices, type LiveAudioChange } from './audio-devices.ts';
import { browserAudioDecoders } from './offer-codecs.ts';
import { offerRefusal } from './offer-check.ts';
import { afterNextPaint } from './after-paint.ts';
import type { MediaStats } from './media-stats.ts';
import type { CallVideo } from './video-call.ts';
import type { DtmfSent } from './dtmf-sender.ts';
import type { DtmfMethod } from '../model/dtmf.ts';
import type { PhoneListener } from './phone-listener.ts';
import type { RecordingCommand } from '../model/recording.ts';
import type { VoicemailDropped } from './voicemail-drop.ts';
import type { DeviceCallbacks } from './device-callback.ts';
import type { ReleaseDelivery } from './release-delivery.ts';
import { readCallOffer } from './sip-header-contract.ts';
import { answeredElsewhere } from './cancel-reason.ts';

export type { MediaStats } from './media-stats.ts';
export type { CallVideo } from './video-call.ts';

/** Performance mark set when an INVITE reaches the phone (detail: the interaction id). */
export const INVITE_RECEIVED_MARK = 'contactpad:invite-received';

/** Dialling out, hold, retrieve, transfer and media figures (call-control.ts), once loaded. */
type CallControl = typeof import('./call-control.ts');

/** What the calls need of the phone. */
export interface CallsOptions {
  /** Guarded (phone-listener.ts guarded): it never throws. */
  readonly listener: PhoneListener;
  readonly clock: Clock;
  /** The answer to a rejected INVITE (PhoneConfig.rejectStatusCode). */
  readonly rejectStatusCode: 486 | 603;
  /** The agent's SIP domain: numbers and SIP users are dialled and transferred to on it. */
  readonly domain: string;
  /** The agent's devices and the ringtone (audio-devices.ts); without them calls play on the default output and do not ring aloud. */
  readonly audio?: AudioDevices | undefined;
}

/**
 * Whether sip.js leaves the first 180 to us: it does when the INVITE requires 100rel and does
 * not also list it as supported (sip.js 0.21.2 lib/api/invitation.js, the constructor's rel100,
 * read by `autoSendAnInitialProvisionalResponse`).
 */
function requiresReliableRinging(request: Invitation['request']): boolean {
  const listed = (name: string) => /\b100rel\b/i.test(request.getHeader(name) ?? '');
  return listed('Require') && !listed('Supported');
}

function notRinging(callId: string, doing: string): ContactPadError {
  return new ContactPadError('SIP_CALL_FAILED', `This call is not ringing, so it cannot be ${doing}.`, { detail: { callId } });
}

export class Calls {
  readonly #options: CallsOptions;
  readonly #calls = new Map<string, Call>();
  /** The offers (SDP) of the video calls ringing or up: answered with the camera (video-call.ts). */
  readonly #videoOffers = new Map<string, string>();
  readonly #audio = new RemoteAudio();
  /** What the call control may do with the calls. */
  readonly #port: CallsPort;
  /** The call control once loaded: from then on its requests start at once, as when it was bundled. */
  #control: CallControl | undefined;
  #loadingControl: Promise<CallControl> | undefined;
  /** The dialog refresh under way for a call (reconnected). */
  readonly #refreshing = new Map<Call, Promise<void>>();
  /** The BYEs of released calls, kept until the far end hears them (release-delivery.ts), once the call control has loaded. */
  #releases: ReleaseDelivery | undefined;

  constructor(options: CallsOptions) {
    this.#options = options;
    options.audio?.onLiveChange((change) => this.#liveAudio(change));
    this.#port = {
      clock: options.clock,
      domain: options.domain,
      track: (id, inviter) => this.#track(id, inviter, 'outbound'),
      terminated: (call) => this.#terminated(call),
      handOver: (call) => this.#handOver(call),
      hangUp: (call) => this.#hangUp(call),
      leave: (call) => this.#audio.stop(call.id),
    };
  }

  /** How many calls are up (ringing, answered, held...). */
  get size(): number {
    return this.#calls.size;
  }

  /** Starts loading the call control (the phone has registered: calls may follow). */
  prepare(): void {
    this.#loadControl().catch(() => undefined);
    this.#options.audio?.ringer.preload();
    // The browser's decoders, read now: the first read costs milliseconds (it sets up the browser's codecs), which the first call would pay.
    browserAudioDecoders();
  }

  /**
   * sip.js UserAgentDelegate.onInvite: an INVITE arrived (sip.js has sent 100 Trying). An offer
   * this browser cannot take (offer-check.ts) is refused 488 before it rings and the listener
   * is told (`refused`); any other call rings (180) and is listed (`incoming`).
   */
  onInvite(invitation: Invitation): void {
    const receivedAt = performance.now();
    const request = invitation.request;
    const contentType = (request.getHeader('Content-Type') ?? '').toLowerCase();
    const sdp = contentType.startsWith('application/sdp') && typeof request.body === 'string' ? request.body : undefined;
    let offer = readCallOffer({
      header: (name) => request.getHeader(name),
      sipCallId: request.callId,
      fromDisplayName: request.from.displayName,
      fromUser: request.from.uri.user,
      sdp,
    });
    if (this.#calls.has(offer.callId)) offer = { ...offer, callId: offer.sipCallId };
    if (offer.callId === '' || this.#calls.has(offer.callId)) {
      // The same call twice (or no usable id at all): this agent is busy with it already.
      invitation.reject({ statusCode: 486 }).catch(() => undefined);
      return;
    }
    const refusal = offerRefusal(sdp, browserAudioDecoders());
    if (refusal) {
      invitation.reject({ statusCode: 488 }).catch(() => undefined);
      this.#options.listener.refused?.(offer, new ContactPadError(refusal.code, `its media cannot be played here: ${refusal.reason}. The caller was refused (488 Not Acceptable Here).`, { detail: { problem: refusal.problem } }));
      return;
    }
    // 180 Ringing, as sip.js would have sent it before onInvite (phone-config.ts turns that off):
    // unless the caller requires reliable provisional responses (RFC 3262), which sip.js leaves to the application.
    if (!requiresReliableRinging(request)) invitation.progress().catch(() => undefined);
    this.#track(offer.callId, invitation, 'inbound', offer.voiceCallId);
    if (offer.kind === 'video') this.#videoOffers.set(offer.callId, sdp ?? '');
    // For `npm run bench`: INVITE received -> call pop painted (widget/src/paint-marks.ts).
    performance.mark(INVITE_RECEIVED_MARK, { startTime: receivedAt, detail: { interactionId: offer.callId } });
    this.#options.listener.incoming(offer);
    this.#ringWhileRinging(offer.callId);
  }

  /**
   * The ringtone sounds while the incoming call's leg is `ringing` (call-state.ts): from the
   * moment Accept or Reject is pressed, the caller's CANCEL (answered elsewhere too), or the
   * hang-up of an agent going Offline, it stops (ringer.ts: one tone for every call ringing).
   */
  #ringWhileRinging(callId: string): void {
    const call = this.#calls.get(callId);
    const ringer = this.#options.audio?.ringer;
    if (!call || !ringer) return;
    const follow = () => (call.state === 'ringing' ? ringer.ring(callId) : ringer.silence(callId));
    // The tone starts once the call pop is painted (starting it costs the page about a millisecond).
    afterNextPaint(follow);
    call.watch(follow);
    call.whenEnded(() => ringer.silence(callId));
  }

  /** The agent chose another microphone or speaker, or the one in use went away (audio-devices.ts): the calls that are up follow. */
  #liveAudio(change: LiveAudioChange): void {
    const audio = this.#options.audio;
    if (!audio) return;
    if (change.role === 'speaker') {
      this.#audio.setSink(change.to, change.from).catch((error: unknown) => audio.report(deviceError(error)));
      return;
    }
    const up = [...this.#calls.values()].filter((call) => call.sipSession.state === SessionState.Established);
    if (up.length === 0) return;
    // Rarely needed, so not on the ring-and-answer bundle: a chunk of its own.
    import('./microphone-switch.ts')
      .then(({ switchMicrophone }) => Promise.all(up.map((call) => switchMicrophone(call, () => audio.openMicrophone(change.to), change.from))))
      .catch((error: unknown) => audio.report(deviceError(error)));
  }

  /** See Phone.accept. */
  async accept(callId: string): Promise<void> {
    const call = this.#call(callId);
    const session = call.session;
    if (!(session instanceof Invitation) || session.state !== SessionState.Initial || !call.can('answer')) throw notRinging(callId, 'answered');
    call.apply({ type: 'answer' });
    const video = this.#videoOffers.get(callId);
    try {
      await session.accept(
        video === undefined
          ? { sessionDescriptionHandlerOptions: { constraints: { audio: true, video: false } } }
          : await (this.#control ?? (await this.#loadControl())).videoAnswer(call, session, video, this.#options.clock),
      );
    } catch (error) {
      const failure = callFailure(error, 'answer the call');
      call.note({ type: 'fail', ...failure });
      if (call.sipSession.state === SessionState.Initial) await session.reject({ statusCode: 480 }).catch(() => undefined);
      throw new ContactPadError(failure.code, failure.message, { cause: error, detail: { callId } });
    } finally {
      // sip.js may end the session inside accept() (it refuses the INVITE when media fails).
      if (call.sipSession.state === SessionState.Terminated) this.#terminated(call);
    }
  }

  /** See Phone.reject. */
  async reject(callId: string): Promise<void> {
    const call = this.#call(callId);
    const session = call.session;
    if (!(session instanceof Invitation) || session.state !== SessionState.Initial || !call.can('reject')) throw notRinging(callId, 'rejected');
    const statusCode = this.#options.rejectStatusCode;
    call.apply({ type: 'reject', statusCode });
    try {
      await session.reject({ statusCode });
    } catch (error) {
      call.note({ type: 'reject-failed' });
      throw new ContactPadError('SIP_CALL_FAILED', `Could not reject the call: ${errorText(error)}`, { cause: error, detail: { callId } });
    }
  }

  /** See Phone.release. */
  async release(callId: string): Promise<void> {
    const call = this.#call(callId);
    try {
      await this.#hangUp(call);
    } catch (error) {
      throw new ContactPadError('SIP_CALL_FAILED', `Could not release the call: ${errorText(error)}`, { cause: error, detail: { callId } });
    }
  }

  /** See Phone.dial; `ua` is connected. */
  async dial(ua: UserAgent, target: string, about?: string): Promise<string> {
    const control = this.#control ?? (await this.#controlFor('SIP_CALL_FAILED'));
    return control.placeCall(ua, target, this.#port, about === undefined ? undefined : this.#calls.get(about)?.voiceCallId);
  }

  /** See Phone.deviceCallbacks. */
  async deviceCallbacks(ua: UserAgent | undefined, registration: { readonly contacts: readonly string[] } | undefined): Promise<DeviceCallbacks | undefined> {
    return (this.#control ?? (await this.#controlFor('SIP_CALL_FAILED'))).deviceCallbacks(ua, registration, this.#options.domain, this.#options.clock);
  }

  /** See Phone.hold and Phone.retrieve. */
  async setHold(callId: string, hold: boolean): Promise<void> {
    const call = this.#call(callId);
    const control = this.#control ?? (await this.#controlFor('SIP_CALL_FAILED'));
    await control.setHold(call, hold, this.#options.clock);
  }

  /** See Phone.transfer. */
  async transfer(callId: string, target: string): Promise<void> {
    const call = this.#call(callId);
    const control = this.#control ?? (await this.#controlFor('TRANSFER_FAILED'));
    await control.transfer(call, target, this.#port);
  }

  /** See Phone.completeTransfer. */
  async completeTransfer(callId: string, consultId: string): Promise<void> {
    const [call, consult] = [this.#call(callId), this.#call(consultId)];
    const control = this.#control ?? (await this.#controlFor('TRANSFER_FAILED'));
    await control.completeTransfer(call, consult, this.#port);
  }

  /** See Phone.conference. */
  async conference(callId: string, otherId: string): Promise<void> {
    const [call, other] = [this.#call(callId), this.#call(otherId)];
    const control = this.#control ?? (await this.#controlFor('CONFERENCE_FAILED'));
    await control.joinConference(call, other, this.#options.clock);
  }

  /** The far end re-offered the call (answered 200): whether it now holds the agent goes to the listener. */
  #farEndOffered(call: Call, sdp: string): void {
    this.#loadControl()
      .then((control) => {
        const held = control.offerHoldsUs(sdp);
        if (held !== undefined && this.#calls.get(call.id) === call) this.#options.listener.heldByFarEnd?.(call.id, held);
      })
      .catch(() => undefined);
  }

  /** See Phone.mute and Phone.unmute. */
  async setMuted(callId: string, muted: boolean): Promise<void> {
    const call = this.#call(callId);
    const control = this.#control ?? (await this.#controlFor('SIP_CALL_FAILED'));
    control.setMuted(call, muted);
  }

  /** See Phone.sendDtmf. */
  async sendDtmf(callId: string, tones: string, method: DtmfMethod): Promise<DtmfSent> {
    const call = this.#call(callId);
    const control = this.#control ?? (await this.#controlFor('DTMF_FAILED'));
    return control.sendDtmf(call, tones, method, this.#options.clock);
  }

  /** See Phone.video. */
  async video(callId: string): Promise<CallVideo> {
    const call = this.#call(callId);
    return (this.#control ?? (await this.#controlFor('SIP_CALL_FAILED'))).callVideo(call);
  }

  /** See Phone.speakerOf. */
  speakerOf(callId: string): string | undefined {
    return this.#audio.sinkOf(callId);
  }

  /** See Phone.recording. */
  async recording(callId: string, command: RecordingCommand): Promise<void> {
    const call = this.#call(callId);
    const control = this.#control ?? (await this.#controlFor('RECORDING_FAILED'));
    await control.sendRecordingCommand(call, command, this.#options.clock);
  }

  /** See Phone.dropVoicemail. */
  async dropVoicemail(callId: string, audioUrl: string): Promise<VoicemailDropped> {
    const call = this.#call(callId);
    const control = this.#control ?? (await this.#controlFor('VOICEMAIL_DROP_FAILED'));
    return control.dropVoicemail(call, audioUrl, this.#port, this.#options.clock);
  }

  /** See Phone.mediaStats. */
  async mediaStats(callId: string): Promise<MediaStats> {
    const call = this.#call(callId);
    const control = this.#control ?? (await this.#controlFor('SIP_CALL_FAILED'));
    return control.mediaStats(call);
  }

  /**
   * The phone's WebSocket to the SIP server was made again after it was lost (`ua`'s): every
   * answered call tells its far end where the agent is now (dialog-refresh.ts), one refresh at a
   * time per call (a second reconnect while one runs refreshes again after it); the BYEs of
   * calls released meanwhile go again (release-delivery.ts); and an outbound call still ringing
   * ends, as its answer can no longer reach the phone (dial.ts abandonAfterReconnect).
   */
  reconnected(ua: UserAgent): void {
    this.#releases?.reconnected(ua);
    for (const call of [...this.#calls.values()]) {
      if (call.state === 'calling') this.#control?.abandonAfterReconnect(call, this.#port);
    }
    for (const call of this.#calls.values()) {
      if (call.sipSession.state !== SessionState.Established) continue;
      const before = this.#refreshing.get(call) ?? Promise.resolve();
      const next = before
        .then(async () => {
          const control = this.#control ?? (await this.#loadControl());
          if (this.#calls.get(call.id) === call) await control.refreshDialog(call, this.#options.clock);
        })
        .catch((error: unknown) => console.warn(`ContactPad phone: could not refresh call ${call.id} after a reconnect: ${errorText(error)}`))
        .finally(() => {
          if (this.#refreshing.get(call) === next) this.#refreshing.delete(call);
        });
      this.#refreshing.set(call, next);
    }
  }

  /** Hangs up every call, each step within `bound` (stopping the phone). */
  async hangUpAll(bound: (step: Promise<unknown>) => Promise<unknown>): Promise<void> {
    await Promise.all([...this.#calls.values()].map((call) => bound(this.#hangUp(call))));
  }

  /** Once the user agent has stopped: every call's audio stops, and the calls sip.js did not report terminated end as released. */
  endAll(): void {
    this.#audio.stopAll();
    this.#options.audio?.ringer.silenceAll();
    for (const call of [...this.#calls.values()]) {
      call.note({ type: 'release' });
      this.#finish(call, { reason: 'released' });
    }
  }

  #track(id: string, session: Invitation | Inviter, direction: 'inbound' | 'outbound', voiceCallId?: string): Call {
    const call = new Call(id, session, direction, voiceCallId);
    this.#calls.set(id, call);
    session.delegate = {
      onCancel: (cancel) => void call.note({ type: 'cancel', answeredElsewhere: answeredElsewhere(cancel.request.getHeader('Reason')) }),
      onBye: (bye) => {
        call.note({ type: 'remote-bye', reason: bye.request.getHeader('Reason') });
        bye.accept().catch(() => undefined);
      },
      // The ACK of our 200 OK (sip.js calls this for ACKs to the far end's re-INVITEs too).
      onAck: () => void call.note({ type: 'ack' }),
      // The far end's re-INVITE, answered (200) or refused (488) by sip.js: its transaction may be over.
      onInvite: (request, _response, statusCode) => {
        call.changed();
        if (statusCode === 200) this.#farEndOffered(call, request.body);
      },
    };
    session.stateChange.addListener((state) => {
      if (state === SessionState.Established) {
        call.note({ type: 'established' });
        const handler = session.sessionDescriptionHandler;
        if (handler instanceof Web.SessionDescriptionHandler) this.#audio.play(id, handler.remoteMediaStream, this.#options.audio?.speakerForNewCall() ?? '');
        this.#options.listener.connected(id);
      } else if (state === SessionState.Terminated) {
        // sip.js ends an outbound session before it hands us the final response: read it first.
        if (direction === 'outbound') queueMicrotask(() => this.#terminated(call));
        else this.#terminated(call);
      } else {
        call.changed();
      }
    });
    return call;
  }

  /** sip.js ended the session; accept() and dial() settle first and then look (the table refuses terminated while they run). */
  #terminated(call: Call): void {
    if (!call.can('terminated')) return;
    this.#finish(call, undefined);
  }

  /** Ends the call (reported as `end`, or as its facts say) and tells the listener, once. */
  #finish(call: Call, end: CallEnd | undefined): void {
    if (this.#calls.get(call.id) !== call) return;
    this.#calls.delete(call.id);
    this.#videoOffers.delete(call.id);
    this.#audio.stop(call.id);
    call.apply({ type: 'terminated' });
    this.#options.listener.ended(call.id, end ?? call.end());
  }

  async #hangUp(call: Call): Promise<void> {
    call.note({ type: 'release' });
    const session = call.sipSession;
    if (session.state === SessionState.Established) {
      // With the call control loaded (from registration on): kept until the far end hears it.
      const releases = (this.#releases ??= this.#control && new this.#control.ReleaseDelivery(this.#options.clock));
      await (releases ? releases.bye(session, call.id) : session.bye());
    } else if (call.session instanceof Inviter && (session.state === SessionState.Initial || session.state === SessionState.Establishing)) {
      await call.session.cancel();
    } else if (call.session instanceof Invitation && session.state === SessionState.Initial) {
      await call.session.reject({ statusCode: this.#options.rejectStatusCode });
    } else if (session.state === SessionState.Establishing) {
      await session.dispose();
    }
  }

  /** The far end took the call over (it accepted our REFER): hang up our leg, as transferred. */
  async #handOver(call: Call): Promise<void> {
    if (this.#calls.get(call.id) !== call) return;
    call.note({ type: 'hand-over' });
    await this.#hangUp(call).catch(() => undefined);
  }

  /**
   * Loads the call control once. A load that failed is asked for again on the next request;
   * whether the browser fetches it again depends on it: whatwg/html#10327 (merged) stops
   * caching failed module fetches, as Firefox and WebKit do, while a browser that still
   * caches them (whatwg/html#6768) fails again until the page is reloaded.
   */
  #loadControl(): Promise<CallControl> {
    this.#loadingControl ??= import('./call-control.ts').then(
      (control) => (this.#control = control),
      (error: unknown) => {
        this.#loadingControl = undefined;
        throw error;
      },
    );
    return this.#loadingControl;
  }

  /** The call control for a request made before it had loaded; should it not load, the request fails as `code`, nothing sent, the call as it was. */
  async #controlFor(code: ErrorCode): Promise<CallControl> {
    try {
      return await this.#loadControl();
    } catch (error) {
      throw new ContactPadError(code, `Could not load the call control (${errorText(error)}); nothing was sent.`, { cause: error });
    }
  }

  #call(callId: string): Call {
    const call = typeof callId === 'string' ? this.#calls.get(callId) : undefined;
    if (!call) throw new ContactPadError('CALL_NOT_FOUND', 'That call is no longer here (it may have ended).', { detail: { callId: String(callId).slice(0, 255) } });
    return call;
  }
}
