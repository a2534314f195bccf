/**
 * SIP calls on the suite's real Kamailio, for the telephony room's browser tests (and the
 * rigs that ring ContactPad): the suite's SIP server address, a recording
 * {@link PhoneListener}, a customer (a second sip.js user agent in the same page) that calls
 * the agent or is called, and for hold and transfer tests a {@link CallRig} (a registered
 * agent phone and a customer) with helpers that read both ends of a call.
 */
import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { Inviter, Registerer, RegistererState, SessionState, SIPExtension, UserAgent, Web, type Info, type Invitation, type Referral, type Session, type SessionDescriptionHandlerModifier } from 'sip.js';
import { isContactPadError, type ContactPadError, type ErrorCode } from '../src/model/errors.ts';
import type { PhoneConnection } from '../src/model/phone-connection.ts';
import type { SipCredential, SipCredentialSource } from '../src/model/sip-credential.ts';
import { Phone, type CallEnd, type PhoneListener, type PhoneOptions } from '../src/telephony/phone.ts';
import type { CallOffer } from '../src/telephony/sip-header-contract.ts';
import { waitFor } from './wait-for.ts';

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

/**
 * A time-limited SIP credential for `user`, signed with the suite's secret (the `sip-credential`
 * server command): the suite's Kamailio authenticates every WebSocket client, as a production
 * edge does. `expiresInMs` below zero gives an expired one.
 */
export async function suiteCredential(user: string, expiresInMs = SUITE_CREDENTIAL_TTL_SECONDS * 1000): Promise<SipCredential> {
  const issued = await serverCommand<{ username: string; password: string; expiresAt: number } | null>('sip-credential', { user, expiresInMs });
  if (!issued) throw new Error('The test run\'s SIP server does not authenticate (sip-credential answered null)');
  // The endpoint's ttl is what was asked for, as Salesforce's is its configured lifetime.
  return { username: issued.username, password: issued.password, sipUser: user, ttlSeconds: Math.max(0, Math.round(expiresInMs / 1000)) };
}

/** How long the suite's credentials last: an hour, so a phone renews its own after half an hour ({@link SUITE_CREDENTIAL_RENEWAL_MS}). */
export const SUITE_CREDENTIAL_TTL_SECONDS = 3600;
/** When a phone with a suite credential renews it (a timer a fake clock's test sees among its pending ones). */
export const SUITE_CREDENTIAL_RENEWAL_MS = (SUITE_CREDENTIAL_TTL_SECONDS * 1000) / 2;

/** The SIP user of an address of record (`sip:agent-x@127.0.0.1` -> `agent-x`). */
function userOf(aor: string): string {
  const user = /^sips?:([^@;]+)@/.exec(aor)?.[1];
  if (!user) throw new Error(`No user in the address of record ${aor}`);
  return user;
}

/**
 * The options of an agent phone for `aor` on the suite's Kamailio: `options` with a credential
 * source for its user, as Salesforce's credential endpoint is in ContactPad.
 */
export function withSuiteCredentials(aor: string, options: PhoneOptions = {}): PhoneOptions {
  const user = userOf(aor);
  const credentials: SipCredentialSource = () => suiteCredential(user);
  return { credentials, ...options };
}

/** A SIP user name no other test uses. */
export function uniqueUser(prefix: string): string {
  return `${prefix}-${Math.random().toString(36).slice(2, 10)}`;
}

/** A PhoneListener that records everything the phone says. */
export class RecordingListener implements PhoneListener {
  readonly connections: PhoneConnection[] = [];
  /** The errors that came with a connection state, with the index of that state in {@link connections}. */
  readonly connectionErrors: Array<{ at: number; error: ContactPadError }> = [];
  readonly offers: CallOffer[] = [];
  readonly connectedCalls: string[] = [];
  readonly ends: Array<{ callId: string; end: CallEnd }> = [];
  /** The INVITEs refused before they rang (488), with why. */
  readonly refusals: Array<{ offer: CallOffer; error: ContactPadError }> = [];
  /** What the phone said of the far end's own hold, in order. */
  readonly farEndHolds: Array<{ callId: string; held: boolean }> = [];

  connection(state: PhoneConnection, error?: ContactPadError): void {
    if (error) this.connectionErrors.push({ at: this.connections.length, error });
    this.connections.push(state);
  }
  incoming(offer: CallOffer): void {
    this.offers.push(offer);
  }
  refused(offer: CallOffer, error: ContactPadError): void {
    this.refusals.push({ offer, error });
  }
  connected(callId: string): void {
    this.connectedCalls.push(callId);
  }
  ended(callId: string, end: CallEnd): void {
    this.ends.push({ callId, end });
  }
  heldByFarEnd(callId: string, held: boolean): void {
    this.farEndHolds.push({ callId, held });
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
  refusal(): Promise<{ offer: CallOffer; error: ContactPadError }> {
    return waitFor('a call refused before it rang', () => this.refusals.at(-1));
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

/** A figure of what a peer connection has received of `kind` (its inbound-rtp): video frames decoded, or packets; 0 before any came. */
export async function received(pc: RTCPeerConnection | undefined, kind: 'audio' | 'video', figure: 'framesDecoded' | 'packetsReceived'): Promise<number> {
  let total = 0;
  (await pc?.getStats())?.forEach((report: { type?: string; kind?: string; framesDecoded?: number; packetsReceived?: number }) => {
    if (report.type === 'inbound-rtp' && report.kind === kind) total += report[figure] ?? 0;
  });
  return total;
}

/** A customer's phone: a sip.js user agent in the page that calls (or is called by) the agent. */
export class Customer {
  readonly user: string;
  readonly incoming: Invitation[] = [];
  readonly #wsUrl: string;
  readonly #displayName: string;
  #ua: UserAgent | undefined;
  #registerer: Registerer | undefined;

  constructor(wsUrl: string, user: string, displayName = 'Ada Customer') {
    this.user = user;
    this.#wsUrl = wsUrl;
    this.#displayName = displayName;
  }

  /** The customer's sip.js user agent (made by {@link start}, with the customer's credential). */
  get ua(): UserAgent {
    if (!this.#ua) throw new Error(`customer ${this.user} has not started`);
    return this.#ua;
  }

  /** `replaces`: it takes INVITEs with Replaces (RFC 3891), as a transfer target of an attended transfer must. */
  async start(register = false, replaces = false): Promise<void> {
    // The suite's Kamailio authenticates WebSocket clients: the customer plays the platform
    // (its X-CP-* headers are kept for +1555..., customer-* and caller-* users: test-services.mjs).
    const credential = await suiteCredential(this.user);
    this.#ua = new UserAgent({
      uri: UserAgent.makeURI(`sip:${this.user}@127.0.0.1`),
      displayName: this.#displayName,
      authorizationUsername: credential.username,
      authorizationPassword: credential.password,
      transportOptions: { server: this.#wsUrl },
      logLevel: 'error',
      sessionDescriptionHandlerFactoryOptions: { peerConnectionConfiguration: { iceServers: [] }, iceGatheringTimeout: 2000 },
      delegate: { onInvite: (invitation) => void this.incoming.push(invitation) },
      ...(replaces ? { sipExtensionReplaces: SIPExtension.Supported } : {}),
    });
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
    await this.#ua?.stop().catch(() => undefined);
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

// ----- hold and transfer tests -----

/** Fails unless `error` is a ContactPadError with `code` (and a message matching `message`). */
export function expectCode(error: unknown, code: ErrorCode, message?: RegExp): void {
  expect(isContactPadError(error, code), `expected ${code}, got ${String(error)}`).to.equal(true);
  if (message) expect((error as Error).message).to.match(message);
}

/** The audio transceiver of a peer connection. */
export function audioTransceiver(pc: RTCPeerConnection): RTCRtpTransceiver {
  const transceiver = pc.getTransceivers().find((t) => t.receiver.track.kind === 'audio');
  if (!transceiver) throw new Error('no audio transceiver');
  return transceiver;
}

/** Whether the agent's microphone reaches the far end: negotiated to send, and the track enabled. */
export function sendsAudio(pc: RTCPeerConnection): boolean {
  const transceiver = audioTransceiver(pc);
  return /send/.test(transceiver.currentDirection ?? '') && transceiver.sender.track?.enabled === true;
}

/** What the far end of a call sees in the dialog: the re-INVITEs it answered and the REFERs it got. */
export function watchFarEnd(session: Session, onRefer?: (referral: Referral) => void) {
  const reinvites: Array<{ sdp: string; statusCode: number }> = [];
  const refers: Referral[] = [];
  session.delegate = {
    ...session.delegate,
    onInvite: (request, _response, statusCode) => void reinvites.push({ sdp: String(request.body ?? ''), statusCode }),
    onRefer: (referral) => {
      refers.push(referral);
      onRefer?.(referral);
    },
  };
  return { reinvites, refers };
}

/**
 * Makes the customer's phone sit on the agent's answer (the 200 OK of its INVITE) until the
 * test calls the returned function: sip.js sends the ACK only once the answer is applied.
 * Call it once the INVITE (with the customer's offer) has gone out.
 */
export function holdBackAck(inviter: Session): () => void {
  let release = () => undefined as void;
  const released = new Promise<void>((resolve) => (release = resolve));
  inviter.sessionDescriptionHandlerModifiers = [(description) => released.then(() => description)];
  return release;
}

/** A far end that does what sip.js does for a REFER without a delegate: accept it and call the target. */
export function follow(referral: Referral): void {
  referral
    .accept()
    .then(() => referral.makeInviter({ sessionDescriptionHandlerOptions: { constraints: { audio: true, video: false } } }).invite())
    .catch(() => undefined);
}

/**
 * A far end that follows a REFER as RFC 3261 19.1.5 has it: the Refer-To URI's headers (here the
 * call's X-CP-Voice-Call-Id) go on the INVITE it sends, as a platform that honours URI headers
 * does. sip.js's own Referral.makeInviter keeps only Replaces of them (0.21.2
 * lib/api/referral.js: `targetURI.clearHeaders()`), so they are handed to it as extraHeaders.
 */
export function followWithUriHeaders(referral: Referral): void {
  const extraHeaders = Object.entries(referral.referTo.uri.headers)
    .filter(([name]) => name.toLowerCase() !== 'replaces')
    .flatMap(([name, values]) => values.map((value) => `${name}: ${decodeURIComponent(value)}`));
  referral
    .accept()
    .then(() => referral.makeInviter({ extraHeaders, sessionDescriptionHandlerOptions: { constraints: { audio: true, video: false } } }).invite())
    .catch(() => undefined);
}

/** The parts {@link CallRig.setup} makes. */
export type RigParts = Awaited<ReturnType<CallRig['setup']>>;

/**
 * A registered agent phone and a customer ready to call it, with the cleanup each test
 * needs (call {@link tearDown} in afterEach). Its methods are bound: destructure them.
 */
export class CallRig {
  #cleanup: Array<() => Promise<void> | void> = [];

  /** Runs `step` at tear-down (newest first). */
  readonly defer = (step: () => Promise<void> | void): void => {
    this.#cleanup.push(step);
  };

  /** Runs every deferred step, newest first, and forgets them. */
  readonly tearDown = async (): Promise<void> => {
    for (const step of this.#cleanup.reverse()) await Promise.resolve(step()).catch(() => undefined);
    this.#cleanup = [];
  };

  /** A registered agent phone, a customer, and a record of the page's peer connections. */
  readonly setup = async (options: PhoneOptions = {}) => {
    const peers = recordPeerConnections();
    this.defer(() => peers.restore());
    const { wsUrl } = await sipServer();
    const agent = uniqueUser('agent');
    const listener = new RecordingListener();
    const aor = `sip:${agent}@127.0.0.1`;
    const phone = new Phone({ serverUrl: wsUrl, aor }, listener, withSuiteCredentials(aor, options));
    this.defer(() => phone.stop());
    phone.start();
    await listener.connectionState('registered');
    const customer = new Customer(wsUrl, `+1555${Math.floor(1_000_000 + Math.random() * 8_999_999)}`);
    this.defer(() => customer.stop());
    await customer.start();
    return { phone, listener, customer, agent, wsUrl, peers };
  };

  /** A registered SIP user the agent can dial (`prefix` starts its user name). */
  readonly registeredCallee = async (wsUrl: string, prefix = 'callee'): Promise<Customer> => {
    const callee = new Customer(wsUrl, uniqueUser(prefix));
    this.defer(() => callee.stop());
    await callee.start(true);
    return callee;
  };

  /** The customer calls the agent (with `headers` of the contract besides the interaction id); resolves with the customer's side once it rings at the agent. */
  readonly ringingCall = async (parts: RigParts, interactionId: string, headers: readonly string[] = []): Promise<Inviter> => {
    const { listener, customer, agent } = parts;
    const { inviter } = customer.call(agent, [`X-CP-Interaction-Id: ${interactionId}`, ...headers]);
    await waitFor('the call to ring', () => listener.offers.some((o) => o.callId === interactionId));
    return inviter;
  };

  /** The customer calls the agent, who answers; resolves once audio flows both ways. */
  readonly answeredCall = async (parts: RigParts, interactionId: string, headers: readonly string[] = []) => {
    const { phone, listener, peers } = parts;
    const inviter = await this.ringingCall(parts, interactionId, headers);
    await phone.accept(interactionId);
    await waitFor('the customer to be connected', () => inviter.state === SessionState.Established);
    await waitFor('the agent to be connected', () => listener.connectedCalls.includes(interactionId));
    const farPc = peerConnectionOf(inviter);
    if (!farPc) throw new Error('the customer has no peer connection');
    const agentPc = otherLeg(peers.connections, farPc);
    await waitFor('the agent to send audio', () => sendsAudio(agentPc));
    await waitFor('audio at the customer', async () => (await sessionBytesReceived(inviter)) > 0);
    return { callId: interactionId, inviter, farPc, agentPc };
  };
}

/** The SIP INFO requests a far end receives (answered 200, or as `answer` says). */
export function infosAt(session: Session, answer: (info: Info) => Promise<void> = (info) => info.accept()): { contentType: string; body: string }[] {
  const infos: { contentType: string; body: string }[] = [];
  session.delegate = {
    ...session.delegate,
    onInfo: (info) => {
      infos.push({ contentType: info.request.getHeader('Content-Type') ?? '', body: String(info.request.body ?? '') });
      void answer(info);
    },
  };
  return infos;
}

/**
 * A re-INVITE from a test's own SIP peer, resolved with the final status once the transaction
 * is over (sip.js's onAccept comes after its ACK: a next re-INVITE may go at once). Session.invite
 * itself resolves when the request is sent, and a second one before the answer is refused
 * ("Reinvite in progress").
 */
export function reinvite(session: Session, modifiers: SessionDescriptionHandlerModifier[] = []): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    session
      .invite({
        sessionDescriptionHandlerModifiers: modifiers,
        requestDelegate: { onAccept: (r) => resolve(r.message.statusCode ?? 0), onReject: (r) => resolve(r.message.statusCode ?? 0) },
      })
      .catch(reject);
  });
}
