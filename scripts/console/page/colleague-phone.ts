/**
 * The colleague's phone: another agent's SIP phone (sip.js over WebSocket) that the agent can
 * consult or transfer a call to. It registers as `jordan.lee` on the local Kamailio (the fake
 * org's User 'Jordan Lee' carries that SIP user) and answers calls on its own after about a
 * second, with a quiet tone for a voice (Web Audio, not the microphone the agent and the
 * customer simulator use). With 'Answer automatically' off, the user answers or declines.
 *
 * States (what the panel shows):
 *
 *   Idle --INVITE--> Ringing --answer (auto after ~1 s, or Answer)--> In a call with <caller>
 *                      |  \--Decline (603) / caller cancels--> Call ended      |
 *                      |                                                        \--BYE (either side)--> Call ended
 *   A second call while one rings or is up is turned away busy (486), except the caller an
 *   agent puts through by attended transfer: an INVITE with Replaces (RFC 3891) naming the call
 *   with that agent. It is answered at once, and the agent's call is hung up (BYE): In a call
 *   with <the caller>.
 */
import { SessionState, type Invitation, type Session } from 'sip.js';
import { clearRemoteMedia, playRemoteMedia, remoteToneLevels, sessionMediaStats, SipPhone, ToneSource, type SipMediaStats, type SipRegistration, type ToneLevels } from './sip-phone.ts';

/** One call the colleague's phone received. */
export interface ColleagueCall {
  /** Who called: the caller's display name, or their SIP user (number) without one. */
  readonly from: string;
  /** Whether the colleague answered it. */
  readonly answered: boolean;
  /** Who ended it, once it ended (a declined or cancelled call too). */
  readonly endedBy?: 'colleague' | 'caller';
  /** It took over an earlier call (an attended transfer: INVITE with Replaces). */
  readonly replaced?: boolean;
}

/** Where the colleague's phone is. */
export type ColleaguePhase = 'idle' | 'ringing' | 'connected' | 'ended';

/** Options of {@link ColleaguePhone}. */
export interface ColleaguePhoneOptions {
  /** ws://127.0.0.1:<port> of the local Kamailio. */
  readonly sipWsUrl: string;
  /** 127.0.0.1 */
  readonly sipDomain: string;
  /** The colleague's SIP user (jordan.lee). */
  readonly user: string;
  /** The colleague's name (Jordan Lee), also the display name of the calls it makes. */
  readonly displayName: string;
  /** How long it rings before answering on its own (default 1000 ms). */
  readonly answerDelayMs?: number;
}

/** SIP status of a declined call. */
const DECLINE = { statusCode: 603, reasonPhrase: 'Decline' };
/** SIP status of a call that finds the colleague on another call. */
const BUSY = { statusCode: 486, reasonPhrase: 'Busy Here' };

/** A call's record while it lasts (the hooks hand out frozen copies). */
interface CallRecord {
  from: string;
  answered: boolean;
  endedBy?: 'colleague' | 'caller';
  replaced?: boolean;
}

/** What a caller is called: display name, else the SIP user (a number) unescaped. */
function callerOf(invitation: Invitation): string {
  const identity = invitation.remoteIdentity;
  const name = (identity.displayName as string | undefined)?.trim() ?? ''; // undefined when the From has none
  if (name !== '') return name;
  const user = identity.uri.user ?? '';
  try {
    return decodeURIComponent(user) || 'Unknown caller';
  } catch {
    return user;
  }
}

/** The colleague's phone (see the file comment). */
export class ColleaguePhone {
  readonly #options: ColleaguePhoneOptions;
  readonly #phone: SipPhone;
  /** The colleague's voice: a quiet 440 Hz tone. */
  readonly #tone = new ToneSource(440);
  readonly #listeners = new Set<() => void>();
  readonly #calls: CallRecord[] = [];
  #invitation: Invitation | undefined;
  #current: CallRecord | undefined;
  #phase: ColleaguePhase = 'idle';
  #autoAnswer = true;
  #answerTimer: ReturnType<typeof setTimeout> | undefined;
  #remoteMedia: HTMLMediaElement | undefined;

  constructor(options: ColleaguePhoneOptions) {
    this.#options = options;
    this.#phone = new SipPhone({
      sipWsUrl: options.sipWsUrl,
      sipDomain: options.sipDomain,
      user: options.user,
      displayName: options.displayName,
      mediaStreamFactory: this.#tone.factory,
      replaces: true,
      onInvite: (invitation) => this.#onInvite(invitation),
    });
    this.#phone.onChange(() => this.#changed());
  }

  get user(): string {
    return this.#options.user;
  }
  get displayName(): string {
    return this.#options.displayName;
  }
  get registration(): SipRegistration {
    return this.#phone.registration;
  }
  get registrationStatus(): string {
    return this.#phone.registrationStatus;
  }
  get phase(): ColleaguePhase {
    return this.#phase;
  }
  /** What the panel shows: 'Idle', 'Ringing', 'In a call with <caller>' or 'Call ended'. */
  get state(): string {
    switch (this.#phase) {
      case 'idle':
        return 'Idle';
      case 'ringing':
        return 'Ringing';
      case 'connected':
        return `In a call with ${this.#current?.from ?? 'Unknown caller'}`;
      case 'ended':
        return 'Call ended';
    }
  }
  /** Who is calling or on the call (undefined when idle). */
  get caller(): string | undefined {
    return this.#phase === 'ringing' || this.#phase === 'connected' ? this.#current?.from : undefined;
  }
  /** Every call received, oldest first. */
  get calls(): readonly ColleagueCall[] {
    return this.#calls.map((call) => Object.freeze({ ...call }));
  }
  get autoAnswer(): boolean {
    return this.#autoAnswer;
  }

  /** Called after every change of registration, state or setting. */
  onChange(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #changed(): void {
    for (const listener of this.#listeners) listener();
  }

  /** Where the caller's voice plays. */
  attachRemoteMedia(element: HTMLMediaElement): void {
    this.#remoteMedia = element;
  }

  /** Answer calls on its own after the delay (on), or wait for Answer or Decline (off). A call ringing now follows the new setting. */
  setAutoAnswer(on: boolean): void {
    this.#autoAnswer = on;
    clearTimeout(this.#answerTimer);
    if (on && this.#phase === 'ringing' && this.#invitation) this.#answerSoon(this.#invitation);
    this.#changed();
  }

  /** Connects to the SIP server and registers; keeps retrying when the server is away. */
  async start(): Promise<void> {
    await this.#phone.start();
  }

  #onInvite(invitation: Invitation): void {
    const replaced = invitation.replacee;
    if (replaced && replaced === this.#invitation && this.#phase === 'connected') {
      void this.#takeOver(invitation, replaced);
      return;
    }
    if (this.#phase === 'ringing' || this.#phase === 'connected') {
      void invitation.reject(BUSY).catch(() => undefined);
      return;
    }
    const record: CallRecord = { from: callerOf(invitation), answered: false };
    this.#calls.push(record);
    this.#invitation = invitation;
    this.#current = record;
    this.#phase = 'ringing';
    invitation.stateChange.addListener((state) => this.#onSessionState(invitation, record, state));
    void invitation.progress().catch(() => undefined); // 180 Ringing, as a phone does
    if (this.#autoAnswer) this.#answerSoon(invitation);
    this.#changed();
  }

  /**
   * An attended transfer: `invitation` replaces the call in progress (RFC 3891 section 3). It is
   * answered at once, without ringing, and the replaced call is hung up.
   */
  async #takeOver(invitation: Invitation, replaced: Session): Promise<void> {
    const record: CallRecord = { from: callerOf(invitation), answered: false, replaced: true };
    if (this.#current) this.#current.endedBy = 'colleague';
    this.#calls.push(record);
    this.#invitation = invitation;
    this.#current = record;
    invitation.stateChange.addListener((state) => this.#onSessionState(invitation, record, state));
    try {
      await invitation.accept({ sessionDescriptionHandlerOptions: { constraints: { audio: true, video: false } } });
    } catch {
      await invitation.reject({ statusCode: 500, reasonPhrase: 'Cannot answer' }).catch(() => undefined);
      return;
    }
    if (replaced.state === SessionState.Established) await replaced.bye().catch(() => undefined);
  }

  #answerSoon(invitation: Invitation): void {
    this.#answerTimer = setTimeout(() => {
      if (this.#invitation === invitation && this.#phase === 'ringing') void this.answer();
    }, this.#options.answerDelayMs ?? 1000);
  }

  #onSessionState(invitation: Invitation, record: CallRecord, state: SessionState): void {
    if (state === SessionState.Established) {
      record.answered = true;
      if (this.#invitation === invitation) {
        this.#phase = 'connected';
        playRemoteMedia(invitation, this.#remoteMedia);
      }
    } else if (state === SessionState.Terminated) {
      record.endedBy ??= 'caller';
      if (this.#invitation === invitation) {
        clearTimeout(this.#answerTimer);
        clearRemoteMedia(this.#remoteMedia);
        this.#phase = 'ended';
      }
    } else {
      return;
    }
    this.#changed();
  }

  /** Answers the ringing call (200 with the tone for a voice). */
  async answer(): Promise<void> {
    const invitation = this.#invitation;
    if (!invitation || this.#phase !== 'ringing' || invitation.state !== SessionState.Initial) return;
    clearTimeout(this.#answerTimer);
    try {
      await invitation.accept({ sessionDescriptionHandlerOptions: { constraints: { audio: true, video: false } } });
    } catch {
      if (this.#current) this.#current.endedBy ??= 'colleague';
      await invitation.reject({ statusCode: 500, reasonPhrase: 'Cannot answer' }).catch(() => undefined);
    }
  }

  /** Declines the ringing call (603 Decline). */
  async decline(): Promise<void> {
    const invitation = this.#invitation;
    if (!invitation || this.#phase !== 'ringing' || invitation.state !== SessionState.Initial) return;
    clearTimeout(this.#answerTimer);
    if (this.#current) this.#current.endedBy = 'colleague';
    await invitation.reject(DECLINE);
  }

  /** Hangs up: BYE on a call, Decline while it rings; nothing when idle. */
  async hangUp(): Promise<void> {
    const invitation = this.#invitation;
    if (!invitation) return;
    if (this.#phase === 'ringing') return this.decline();
    if (this.#phase !== 'connected' || invitation.state !== SessionState.Established) return;
    if (this.#current) this.#current.endedBy = 'colleague';
    await invitation.bye();
  }

  /** WebRTC figures of the current or last call (zeros before any call). */
  mediaStats(): Promise<SipMediaStats> {
    return sessionMediaStats(this.#invitation);
  }

  /** How loud `frequencies` are in what the colleague hears on the current call (sip-phone.ts remoteToneLevels). */
  toneLevels(frequencies: readonly number[]): Promise<ToneLevels> {
    return remoteToneLevels(this.#phase === 'connected' ? this.#invitation : undefined, frequencies);
  }

  /** Hangs up, unregisters and disconnects. */
  async stop(): Promise<void> {
    clearTimeout(this.#answerTimer);
    await this.hangUp().catch(() => undefined);
    await this.#phone.stop();
    await this.#tone.close();
  }
}
