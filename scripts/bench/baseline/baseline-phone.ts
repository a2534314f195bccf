/**
 * The bench's baseline: the least a browser phone must do to ring, and nothing else. It loads
 * only sip.js (bundled and minified as ContactPad is: baseline-page.ts), registers with the same
 * Kamailio, and on an INVITE writes the caller's name into the page; it marks the INVITE's
 * arrival and the name painted exactly as ContactPad does (telephony/calls.ts and
 * widget/src/paint-marks.ts: the same mark names, the same "after the paint" moment), so the
 * bench measures both the same way. It answers a call only when the bench asks (for the CPU of
 * a connected call), with sip.js's defaults (getUserMedia audio, WebRTC), and plays the caller.
 */
import { Registerer, RegistererState, SessionState, UserAgent, type Invitation, type Web } from 'sip.js';

interface BaselineConfig {
  readonly wsUrl: string;
  readonly user: string;
  readonly domain: string;
  readonly username: string;
  readonly password: string;
}

interface BaselineState {
  registered: boolean;
  /** Answer the next calls (the bench's connected-call CPU figure). */
  answer: boolean;
  /** Calls up now (ringing or answered). */
  calls: number;
  /** Connected calls so far. */
  connected: number;
}

declare global {
  interface Window {
    baselinePhone?: BaselineState & { hangUpAll(): Promise<void> };
  }
}

const config = JSON.parse(document.getElementById('baseline-config')?.textContent ?? '{}') as BaselineConfig;
const callerList = document.getElementById('callers') as HTMLElement;
const sessions = new Set<Invitation>();
const state: BaselineState = { registered: false, answer: false, calls: 0, connected: 0 };

/** After the frame that shows the change is painted: the first task after the next animation frame. */
function afterPaint(then: () => void): void {
  requestAnimationFrame(() => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => then();
    channel.port2.postMessage(undefined);
  });
}

/**
 * Plays the caller's voice, as every phone must (ContactPad's telephony/media.ts does the same:
 * an <audio> element, not in the page, on the call's remote stream: sip.js's
 * Web.SessionDescriptionHandler.remoteMediaStream).
 */
function playRemoteAudio(invitation: Invitation): HTMLAudioElement | undefined {
  const stream = (invitation.sessionDescriptionHandler as Web.SessionDescriptionHandler | undefined)?.remoteMediaStream;
  if (!stream) return undefined;
  const audio = new Audio();
  audio.autoplay = true;
  audio.srcObject = stream;
  audio.play().catch(() => undefined);
  return audio;
}

function onInvite(invitation: Invitation): void {
  const receivedAt = performance.now();
  const request = invitation.request;
  const interactionId = request.getHeader('X-CP-Interaction-Id') ?? request.callId;
  performance.mark('contactpad:invite-received', { startTime: receivedAt, detail: { interactionId } });
  const line = document.createElement('p');
  line.textContent = request.from.displayName || request.from.uri.user || '';
  callerList.append(line);
  afterPaint(() => performance.mark('contactpad:call-pop-painted', { detail: { interactionId } }));
  sessions.add(invitation);
  state.calls = sessions.size;
  let audio: HTMLAudioElement | undefined;
  invitation.stateChange.addListener((next) => {
    if (next === SessionState.Established) {
      state.connected += 1;
      audio = playRemoteAudio(invitation);
    }
    if (next !== SessionState.Terminated) return;
    audio?.pause();
    if (audio) audio.srcObject = null;
    line.remove();
    sessions.delete(invitation);
    state.calls = sessions.size;
  });
  if (state.answer) invitation.accept().catch(() => undefined);
}

const ua = new UserAgent({
  uri: UserAgent.makeURI(`sip:${config.user}@${config.domain}`),
  transportOptions: { server: config.wsUrl },
  authorizationUsername: config.username,
  authorizationPassword: config.password,
  logLevel: 'error',
  delegate: { onInvite },
});
const registerer = new Registerer(ua);
registerer.stateChange.addListener((next) => {
  state.registered = next === RegistererState.Registered;
});
window.baselinePhone = Object.assign(state, {
  async hangUpAll() {
    for (const session of sessions) {
      if (session.state === SessionState.Established) await session.bye().catch(() => undefined);
    }
  },
});
await ua.start();
await registerer.register();
