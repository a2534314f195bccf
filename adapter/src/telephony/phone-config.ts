/**
 * The phone's settings (from the call center definition or the local console), checked once
 * when the phone is made, and the sip.js user agent they describe.
 */
import { UserAgent, Web, type UserAgentDelegate, type UserAgentOptions } from 'sip.js';
import { ContactPadError } from '../model/errors.ts';
import { checkIceServerUrl, checkSipServerUrl } from '../model/server-addresses.ts';
import type { SipCredential } from '../model/sip-credential.ts';
import type { DiagnosticSink } from '../model/diagnostic-log.ts';
import { cleaningTransport } from './incoming-sip-cleaning.ts';

/** The phone's settings (from the call center definition or the local console). */
export interface PhoneConfig {
  /** The SIP server's WebSocket URL: ws:// or wss://. */
  serverUrl: string;
  /** The agent's address of record, e.g. sip:agent1@127.0.0.1. Its host is the domain numbers and SIP users are dialled on. */
  aor: string;
  /**
   * Fixed digest credentials, when the SIP server challenges. ContactPad in Salesforce uses none:
   * it registers with the time-limited credential of PhoneOptions.credentials instead.
   */
  authorizationUsername?: string;
  authorizationPassword?: string;
  /** Shown to the called party on outbound calls. */
  displayName?: string;
  /**
   * STUN/TURN servers for WebRTC media; none by default (sip.js's own default is Google's public
   * STUN server, so the phone always sets the list, empty or not). A turn:/turns: entry without
   * `username` and `credential` takes the TURN credential that comes with the SIP credential;
   * without one it is left out (see {@link iceServersFor}).
   */
  iceServers?: RTCIceServer[];
  /**
   * The answer to an INVITE the agent rejects. 486 Busy Here (the default) is a 4xx: it
   * ends only this branch, so the proxy/ACD is free to offer the call to the next agent.
   * 603 Decline is a 6xx, a global failure: the proxy must stop trying other agents and
   * the caller is refused. Use 603 only where the platform wants a reject to end the call.
   */
  rejectStatusCode?: 486 | 603;
  /**
   * Backoff between reconnection attempts (default 1 s doubling up to 30 s): each wait is
   * drawn at random up to that window (full jitter, model/retry-backoff.ts).
   */
  reconnect?: { firstDelayMs: number; maxDelayMs: number };
  /**
   * This browser's SIP instance id, a UUID (RFC 5626 4.1: sent as +sip.instance in the
   * Contact): the same for every page of this agent in this browser (kept in localStorage by
   * the composition, phone-instance-storage.ts), so the registrar takes a new page's REGISTER
   * as the same device and replaces the binding a crashed or closed page left (Kamailio 5.6
   * matches a Contact by its instance: src/modules/usrloc/urecord.c get_ucontact_by_instance),
   * instead of keeping both until the old one expires. Without it sip.js makes one up per page
   * and sends none.
   */
  instanceId?: string;
}

export const DEFAULT_RECONNECT = Object.freeze({ firstDelayMs: 1000, maxDelayMs: 30_000 });

export function invalid(message: string): ContactPadError {
  return new ContactPadError('INVALID_CONFIGURATION', `Phone settings: ${message}`);
}

function isNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/** Checks the settings (the server addresses as settings.ts checks the call center's items: model/server-addresses.ts); throws INVALID_CONFIGURATION naming the bad one. */
export function validateConfig(config: PhoneConfig): void {
  if (typeof config !== 'object' || config === null) throw invalid('missing');
  const badServer = checkSipServerUrl(String(config.serverUrl));
  if (badServer) throw invalid(`serverUrl ${JSON.stringify(config.serverUrl)} ${badServer}`);
  const aor = typeof config.aor === 'string' ? UserAgent.makeURI(config.aor) : undefined;
  if (!aor || !/^sips?$/i.test(aor.scheme) || !aor.user) {
    throw invalid(`aor must be a SIP address like sip:agent1@example.com, got ${JSON.stringify(config.aor)}`);
  }
  for (const key of ['authorizationUsername', 'authorizationPassword', 'displayName'] as const) {
    const value = config[key];
    if (value !== undefined && (typeof value !== 'string' || value.length > 256)) throw invalid(`${key} must be text`);
  }
  if (config.iceServers !== undefined) {
    if (!Array.isArray(config.iceServers)) throw invalid('iceServers must be a list');
    for (const server of config.iceServers) {
      const urls: unknown = typeof server?.urls === 'string' ? [server.urls] : server?.urls;
      const bad = !Array.isArray(urls) || urls.length === 0 ? 'is missing' : urls.map((url) => (typeof url === 'string' ? checkIceServerUrl(url) : 'is not text')).find((why) => why !== undefined);
      if (bad) throw invalid(`an iceServers entry's URL ${bad}`);
    }
  }
  if (config.rejectStatusCode !== undefined && config.rejectStatusCode !== 486 && config.rejectStatusCode !== 603) {
    throw invalid(`rejectStatusCode must be 486 or 603, got ${JSON.stringify(config.rejectStatusCode)}`);
  }
  if (config.instanceId !== undefined && !isInstanceId(config.instanceId)) throw invalid(`instanceId must be a UUID, got ${JSON.stringify(config.instanceId)}`);
  if (config.reconnect !== undefined) {
    const { firstDelayMs, maxDelayMs } = config.reconnect ?? {};
    if (!isNumber(firstDelayMs) || !isNumber(maxDelayMs) || firstDelayMs <= 0 || maxDelayMs < firstDelayMs) {
      throw invalid('reconnect needs firstDelayMs > 0 and maxDelayMs >= firstDelayMs');
    }
  }
}

/** A UUID in its text form (8-4-4-4-12 hex digits), as sip.js takes an instance id (UserAgentOptions.instanceId). */
export function isInstanceId(value: unknown): value is string {
  return typeof value === 'string' && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}

/**
 * sip.js's own error log, minus what is routine while the server is down (transport and
 * transaction chatter): the phone reports that through its connection state instead.
 * Only sip.js's one-line error texts are logged, never SIP messages (they carry credentials).
 */
function logSipError(level: string, category: string, content: string): void {
  if (level !== 'error') return;
  if (/^sip\.(Transport|transaction|user-agent-client|Registerer)/.test(category)) return;
  console.warn(`sip.js ${category}: ${content.slice(0, 300)}`);
}

/** How sip.js 0.21's WebSocket transport words the SIP messages it sends and receives in its log. */
const WIRE = /^(Sending|Received) WebSocket (?:text |binary )?message:/;

/**
 * sip.js's log, read: its errors to the browser console (above), and, with a diagnostic log, every
 * SIP message the phone sends or receives (`sip-out`, `sip-in`: redacted there) and sip.js's
 * warnings and errors (`sip-library`: a message it could not parse and dropped...).
 *
 * Why the log: it is sip.js's public way to see the wire. UserAgentOptions.logConnector "will be
 * called every time a log is generated", at every level whatever logLevel says (sip.js 0.21.2
 * lib/core/log/logger-factory.js genericLog: the level gates only sip.js's own console output), and the WebSocket transport logs each message whole as it sends it
 * ("Sending WebSocket message:\n\n" + message, lib/platform/web/transport/transport.js line 307)
 * and as it receives it (lines 394 and 401), before the parser sees it, so a message sip.js then
 * drops is kept too. Where it falls short: those are log texts, not an API (the wording above is
 * sip.js 0.21's, and a sip.js that words them otherwise taps nothing: the phone works on, the log
 * just lacks its SIP messages: phone-diagnostics.test.ts holds the wording, through sip.js's own
 * transport and the real SIP server); a custom transportConstructor's messages are seen only if
 * it logs them the same way; no time of its own (the log stamps it when told). UserAgentDelegate.onInvite and the transport's onMessage see
 * only requests sip.js parsed, or would need sip.js's transport to be wrapped.
 */
export function sipLogConnector(diagnostics: DiagnosticSink | undefined): NonNullable<UserAgentOptions['logConnector']> {
  return (level, category, _label, content) => {
    if (typeof content !== 'string') return;
    logSipError(level, category, content);
    const wire = category === 'sip.Transport' && WIRE.exec(content);
    if (wire) {
      const message = content.slice(wire[0].length).trim();
      // CRLF keep-alives are no message.
      if (message) diagnostics?.add(wire[1] === 'Sending' ? 'sip-out' : 'sip-in', message);
    } else if (level === 'error' || level === 'warn') diagnostics?.add('sip-library', `${level} ${category}: ${content}`);
  };
}

/** What the user agent is made with besides the settings. */
export interface UserAgentExtras {
  /** The time-limited credential to register with (it overrides the fixed ones of the settings). */
  readonly credential?: SipCredential | undefined;
  /** A stand-in for sip.js's WebSocket transport (unit tests: a SIP server in the page). */
  readonly transportConstructor?: UserAgentOptions['transportConstructor'];
  /** Opens each call's microphone (audio-devices.ts: the one the agent chose); default: getUserMedia as asked. */
  readonly mediaStreamFactory?: ((constraints: MediaStreamConstraints) => Promise<MediaStream>) | undefined;
  /** Where the SIP messages go (the diagnostic log, for problem reports); none: they are not kept. */
  readonly diagnostics?: DiagnosticSink | undefined;
}

function isTurnEntry(server: RTCIceServer): boolean {
  const urls = typeof server.urls === 'string' ? [server.urls] : server.urls;
  return urls.some((url) => /^turns?:/i.test(url));
}

/**
 * The ICE servers a peer connection gets: the settings' list, each turn:/turns: entry without
 * credentials given `turn` (the TURN credential Salesforce issued with the SIP credential) or,
 * without one, left out (`turnLeftOut`: an RTCPeerConnection refuses a TURN URL without a
 * username and credential). Always a list: never sip.js's default public STUN server.
 */
export function iceServersFor(config: Pick<PhoneConfig, 'iceServers'>, turn: SipCredential['turn']): { servers: RTCIceServer[]; turnLeftOut: boolean } {
  const servers: RTCIceServer[] = [];
  let turnLeftOut = false;
  for (const server of config.iceServers ?? []) {
    if (!isTurnEntry(server) || (server.username !== undefined && server.credential !== undefined)) servers.push({ ...server });
    else if (turn) servers.push({ ...server, username: turn.username, credential: turn.password });
    else turnLeftOut = true;
  }
  return { servers, turnLeftOut };
}

/**
 * Puts a renewed credential into a running user agent, for the next REGISTER refresh and the
 * next INVITE the server challenges, and its TURN credential into the next call's peer
 * connection.
 *
 * SIP.js 0.21.2 has no public way to change credentials on a running UserAgent: the options are
 * taken once, in the constructor (node_modules/sip.js/lib/api/user-agent.js line 52). But its
 * digest credentials are read at each challenge, from those options: the core's
 * authenticationFactory (same file, line 584) reads `this.options.authorizationUsername` and
 * `authorizationPassword` whenever a request is challenged (lib/core/user-agents/
 * user-agent-client.js line 169; a new request, REGISTER refresh or INVITE, makes a new client),
 * and each new session reads `userAgent.configuration.sessionDescriptionHandlerFactoryOptions`
 * (lib/api/session.js line 1143, lib/api/inviter.js line 889). The public `configuration` getter
 * returns that very options object (user-agent.js line 244: `return this.options`), typed as a
 * mutable Required<UserAgentOptions>. So the least fragile way, which neither drops the
 * WebSocket nor waits for calls to end, is to write the new credential there. Returns false when
 * this sip.js keeps no live options object (the write did not land): the phone then makes a new
 * user agent with the credential when no call is up (phone.ts).
 */
export function applyCredential(ua: UserAgent, config: PhoneConfig, credential: SipCredential): { applied: boolean; turnLeftOut: boolean } {
  const options = ua.configuration;
  const { servers, turnLeftOut } = iceServersFor(config, credential.turn);
  options.authorizationUsername = credential.username;
  options.authorizationPassword = credential.password;
  const sdh = options.sessionDescriptionHandlerFactoryOptions as { peerConnectionConfiguration?: RTCConfiguration } | undefined;
  options.sessionDescriptionHandlerFactoryOptions = { ...sdh, peerConnectionConfiguration: { ...sdh?.peerConnectionConfiguration, iceServers: servers } };
  const live = ua.configuration;
  const applied = live === options && live.authorizationUsername === credential.username && live.authorizationPassword === credential.password;
  return { applied, turnLeftOut };
}

/**
 * The sip.js user agent for `config`. sip.js's own reconnection is off: registration.ts
 * reconnects, forever, with backoff and jitter, on the delegate's onConnect / onDisconnect.
 * It sends no 180 Ringing by itself: calls.ts first checks that the offer can be played here
 * (a call that cannot is refused 488 without ringing) and then rings.
 */
export function createUserAgent(config: PhoneConfig, delegate: UserAgentDelegate, extras: UserAgentExtras = {}): UserAgent {
  const { credential, transportConstructor, mediaStreamFactory, diagnostics } = extras;
  const options: UserAgentOptions = {
    uri: UserAgent.makeURI(config.aor),
    transportOptions: { server: config.serverUrl, connectionTimeout: 5, keepAliveInterval: 25 },
    // Every message from the server is cleaned before sip.js parses it (incoming-sip-cleaning.ts).
    transportConstructor: cleaningTransport(transportConstructor ?? Web.Transport),
    ...(mediaStreamFactory ? { sessionDescriptionHandlerFactory: Web.defaultSessionDescriptionHandlerFactory(mediaStreamFactory) } : {}),
    authorizationUsername: credential?.username ?? config.authorizationUsername,
    authorizationPassword: credential?.password ?? config.authorizationPassword,
    displayName: config.displayName,
    // The browser's instance in every Contact, the REGISTER's included (sip.js adds it to the
    // REGISTER's alone only with SIP Outbound's reg-id, which this edge does not serve).
    ...(config.instanceId ? { instanceId: config.instanceId, instanceIdAlwaysAdded: true } : {}),
    logLevel: 'error',
    logBuiltinEnabled: false,
    logConnector: sipLogConnector(diagnostics),
    reconnectionAttempts: 0, // the phone reconnects itself, forever, with backoff
    sendInitialProvisionalResponse: false, // calls.ts rings (180) once the offer is checked
    // stop() hangs up and unregisters itself (bounded); sip.js then just closes the WebSocket
    // instead of waiting for REGISTERs lost with an earlier connection to time out (32 s).
    gracefulShutdown: false,
    sessionDescriptionHandlerFactoryOptions: {
      peerConnectionConfiguration: { iceServers: iceServersFor(config, credential?.turn).servers },
      iceGatheringTimeout: 2000,
    },
    delegate,
  };
  return new UserAgent(options);
}

/** The agent's address of record for PhoneConfig.aor: sip:<their SIP user>@<the call center's SIP domain>. */
export function addressOfRecord(sipUser: string, sipDomain: string): string {
  return `sip:${sipUser}@${sipDomain}`;
}

/** The host of the agent's address of record: the domain numbers and SIP users are dialled on. */
export function sipDomain(config: PhoneConfig): string {
  return UserAgent.makeURI(config.aor)?.host ?? '';
}
