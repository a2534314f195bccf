/**
 * Test helpers for the telephony room's browser tests: a recording {@link PhoneListener},
 * bounded waits, the suite's SIP server address, and a customer (a second sip.js user agent
 * in the same page) that calls the agent through the real Kamailio.
 */
import { executeServerCommand } from '@web/test-runner-commands';
import { Inviter, Registerer, RegistererState, SessionState, UserAgent, Web, type Invitation, type Session } from 'sip.js';
import type { PhoneConnection } from '../store.ts';
import type { CallEnd, PhoneListener } from './phone.ts';
import type { CallOffer } from './sip-header-contract.ts';

/** Runs a web-test-runner server command (scripts/sip-server/test-commands.ts). */
export function serverCommand<R>(command: string, payload?: unknown): Promise<R> {
  return executeServerCommand<R, unknown>(command, payload);
}

/** The suite's Kamailio (started by web-test-runner). */
export async function sipServer(): Promise<{ wsUrl: string; udpPort: number }> {
  const info = await serverCommand<{ wsUrl: string; udpPort: number } | undefined>('sip-server-info');
  if (!info) throw new Error('The test run has no SIP server (sip-server-info answered nothing)');
  return info;
}

/** A SIP user name no other test uses. */
export function uniqueUser(prefix: string): string {
  return `${prefix}-${Math.random().toString(36).slice(2, 10)}`;
}

/** Polls until `check` returns a value other than undefined/false; fails after `timeoutMs` with `what`. */
export async function waitFor<T>(what: string, check: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`Gave up waiting for ${what}`);
    await new Promise((done) => setTimeout(done, 25));
  }
}

/** A PhoneListener that records everything the phone says. */
export class RecordingListener implements PhoneListener {
  readonly connections: PhoneConnection[] = [];
  readonly offers: CallOffer[] = [];
  readonly connectedCalls: string[] = [];
  readonly ends: Array<{ callId: string; end: CallEnd }> = [];

  connection(state: PhoneConnection): void {
    this.connections.push(state);
  }
  incoming(offer: CallOffer): void {
    this.offers.push(offer);
  }
  connected(callId: string): void {
    this.connectedCalls.push(callId);
  }
  ended(callId: string, end: CallEnd): void {
    this.ends.push({ callId, end });
  }

  get state(): PhoneConnection['state'] | undefined {
    return this.connections.at(-1)?.state;
  }
  /** Waits for a connection state (after `from`, an index into connections). */
  connectionState<S extends PhoneConnection['state']>(state: S, from = 0, timeoutMs = 15_000): Promise<Extract<PhoneConnection, { state: S }>> {
    const found = () => this.connections.slice(from).find((c): c is Extract<PhoneConnection, { state: S }> => c.state === state);
    return waitFor(`the phone to be ${state}`, found, timeoutMs).catch(
      (error: Error) => {
        throw new Error(`${error.message}; it said: ${JSON.stringify(this.connections)}`);
      },
    );
  }
  offer(): Promise<CallOffer> {
    return waitFor('an incoming call', () => this.offers.at(-1));
  }
  endOf(callId: string): Promise<CallEnd> {
    return waitFor(`the end of call ${callId}`, () => this.ends.find((e) => e.callId === callId)?.end);
  }
}

/** Bytes received over a session's media (inbound RTP). */
export async function sessionBytesReceived(session: Session): Promise<number> {
  const handler = session.sessionDescriptionHandler;
  if (!(handler instanceof Web.SessionDescriptionHandler) || !handler.peerConnection) return 0;
  let bytes = 0;
  (await handler.peerConnection.getStats()).forEach((stat: { type?: string; bytesReceived?: number }) => {
    if (stat.type === 'inbound-rtp') bytes += stat.bytesReceived ?? 0;
  });
  return bytes;
}

/** A customer's phone: a sip.js user agent in the page that calls (or is called by) the agent. */
export class Customer {
  readonly ua: UserAgent;
  readonly user: string;
  readonly incoming: Invitation[] = [];
  #registerer: Registerer | undefined;

  constructor(wsUrl: string, user: string, displayName = 'Ada Customer') {
    this.user = user;
    this.ua = new UserAgent({
      uri: UserAgent.makeURI(`sip:${user}@127.0.0.1`),
      displayName,
      transportOptions: { server: wsUrl },
      logLevel: 'error',
      sessionDescriptionHandlerFactoryOptions: { peerConnectionConfiguration: { iceServers: [] }, iceGatheringTimeout: 2000 },
      delegate: { onInvite: (invitation) => void this.incoming.push(invitation) },
    });
  }

  async start(register = false): Promise<void> {
    await this.ua.start();
    if (register) {
      this.#registerer = new Registerer(this.ua);
      await this.#registerer.register();
      const registerer = this.#registerer;
      await waitFor(`customer ${this.user} to register`, () => registerer.state === RegistererState.Registered);
    }
  }

  /** INVITEs `sip:<agent>@127.0.0.1` with extra headers; `finalStatus` resolves with the final response code. */
  call(agent: string, extraHeaders: string[] = [], media: { video: boolean } = { video: false }): { inviter: Inviter; finalStatus: Promise<number> } {
    const target = UserAgent.makeURI(`sip:${agent}@127.0.0.1`);
    if (!target) throw new Error(`bad agent ${agent}`);
    const inviter = new Inviter(this.ua, target, { extraHeaders, sessionDescriptionHandlerOptions: { constraints: { audio: true, video: media.video } } });
    const finalStatus = new Promise<number>((resolve, reject) => {
      inviter
        .invite({
          requestDelegate: {
            onAccept: (response) => resolve(response.message.statusCode ?? 0),
            onReject: (response) => resolve(response.message.statusCode ?? 0),
          },
        })
        .catch(reject);
    });
    return { inviter, finalStatus };
  }

  /** Waits for this customer's `index`th incoming INVITE and answers it with audio. */
  async answer(index = 0): Promise<Invitation> {
    const invitation = await waitFor(`customer ${this.user} to ring`, () => this.incoming[index]);
    await invitation.accept({ sessionDescriptionHandlerOptions: { constraints: { audio: true, video: false } } });
    return invitation;
  }

  /** Resolves once the session has ended. */
  static async terminated(session: Session): Promise<void> {
    await waitFor('the session to end', () => session.state === SessionState.Terminated);
  }

  async stop(): Promise<void> {
    await this.ua.stop().catch(() => undefined);
  }
}

/** The WebRTC peer connection of a sip.js session (undefined before its media is set up). */
export function peerConnectionOf(session: Session): RTCPeerConnection | undefined {
  const handler = session.sessionDescriptionHandler;
  return handler instanceof Web.SessionDescriptionHandler ? handler.peerConnection : undefined;
}

/** The direction attribute of an SDP's audio section (sendrecv when it has none, as RFC 3264 says). */
export function audioDirection(sdp: string | undefined): string {
  const section = (sdp ?? '').split(/\r?\n(?=m=)/).find((part) => part.startsWith('m=audio'));
  if (!section) throw new Error('The SDP has no audio section');
  return /^a=(sendrecv|sendonly|recvonly|inactive)\s*$/m.exec(section)?.[1] ?? 'sendrecv';
}

/**
 * Records the RTCPeerConnections the page creates from now on (sip.js makes one per call
 * leg), so a test can read the agent's side of a call it only reaches through the far end.
 */
export function recordPeerConnections(): { readonly connections: RTCPeerConnection[]; restore(): void } {
  const Original = window.RTCPeerConnection;
  const connections: RTCPeerConnection[] = [];
  window.RTCPeerConnection = class extends Original {
    constructor(configuration?: RTCConfiguration) {
      super(configuration);
      connections.push(this);
    }
  };
  return {
    connections,
    restore: () => {
      window.RTCPeerConnection = Original;
    },
  };
}

/** Of `connections`, the other leg of `farEnd`'s call: the one whose ICE credentials the far end holds as remote. */
export function otherLeg(connections: readonly RTCPeerConnection[], farEnd: RTCPeerConnection): RTCPeerConnection {
  const ufrag = (sdp: string | undefined) => /^a=ice-ufrag:(\S+)/m.exec(sdp ?? '')?.[1];
  const wanted = ufrag(farEnd.remoteDescription?.sdp);
  const leg = connections.find((pc) => pc !== farEnd && wanted !== undefined && ufrag(pc.localDescription?.sdp) === wanted);
  if (!leg) throw new Error('No peer connection in this page is the other leg of that call');
  return leg;
}
