/**
 * One call the phone holds: its sip.js session (an Invitation for an incoming INVITE, an
 * Inviter for ours) and its {@link CallLeg}, which changes only through {@link Call.apply}
 * (the table of call-state.ts). Waits on the far end (a re-INVITE's answer, the ACK of a
 * just-answered call) listen here for what changes the call and for its end; what they read
 * of its media is in far-end.ts (peerConnectionOf), loaded with the call control.
 */
import type { Invitation, Inviter, Session } from 'sip.js';
import { callEnd, canApply, startCall, transitionCall, type CallEnd, type CallEvent, type CallEventType, type CallLeg, type CallState } from './call-state.ts';

export class Call {
  readonly id: string;
  readonly session: Invitation | Inviter;
  /** The VoiceCall its INVITE named (X-CP-Voice-Call-Id, read by sip-header-contract.ts): its transfer legs name it too. */
  readonly voiceCallId: string | undefined;
  #leg: CallLeg;
  readonly #watchers = new Set<() => void>();
  readonly #endWatchers = new Set<() => void>();

  constructor(id: string, session: Invitation | Inviter, direction: 'inbound' | 'outbound', voiceCallId?: string) {
    this.id = id;
    this.session = session;
    this.voiceCallId = voiceCallId;
    this.#leg = startCall(direction);
  }

  get leg(): CallLeg {
    return this.#leg;
  }

  get state(): CallState {
    return this.#leg.state;
  }

  /** The session as sip.js's base type (its state can change under any await). */
  get sipSession(): Session {
    return this.session;
  }

  /** Whether the table allows `event` now. */
  can(event: CallEventType): boolean {
    return canApply(this.#leg.state, event);
  }

  /** Moves the call; throws INVALID_TRANSITION when the table refuses (the call is then unchanged). */
  apply(event: CallEvent): void {
    this.#leg = transitionCall(this.#leg, event);
    if (this.#leg.state === 'ended') {
      for (const watcher of [...this.#endWatchers]) watcher();
      this.#endWatchers.clear();
      this.#watchers.clear();
    } else {
      this.changed();
    }
  }

  /**
   * Applies what sip.js reports of the far end when the table allows it now. A report that
   * comes too late to matter (an ACK once the call is ending, a second CANCEL) is dropped:
   * the far end's timing is not ours to refuse. True when applied.
   */
  note(event: CallEvent): boolean {
    if (!this.can(event.type)) return false;
    this.apply(event);
    return true;
  }

  /** How the call is reported once ended. */
  end(): CallEnd {
    return callEnd(this.#leg);
  }

  /** Calls `watcher` whenever the call may have changed (a transition, an ACK, a re-INVITE of the far end, sip.js's session state); returns the unsubscribe. */
  watch(watcher: () => void): () => void {
    this.#watchers.add(watcher);
    return () => this.#watchers.delete(watcher);
  }

  /** Calls `watcher` once the call has ended (at once when it already has); returns the unsubscribe. */
  whenEnded(watcher: () => void): () => void {
    if (this.#leg.state === 'ended') {
      watcher();
      return () => undefined;
    }
    this.#endWatchers.add(watcher);
    return () => this.#endWatchers.delete(watcher);
  }

  /** Tells the watchers that something they read may have changed. */
  changed(): void {
    for (const watcher of [...this.#watchers]) watcher();
  }
}
