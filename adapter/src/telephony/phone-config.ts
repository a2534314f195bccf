/**
 * The phone's settings (from the call center definition or the local console), checked once
 * when the phone is made, and the sip.js user agent they describe.
 */
import { UserAgent, type UserAgentDelegate, type UserAgentOptions } from 'sip.js';
import { ContactPadError } from '../model/errors.ts';

/** The phone's settings (from the call center definition or the local console). */
export interface PhoneConfig {
  /** The SIP server's WebSocket URL: ws:// or wss://. */
  serverUrl: string;
  /** The agent's address of record, e.g. sip:agent1@127.0.0.1. Its host is the domain numbers and SIP users are dialled on. */
  aor: string;
  /** Digest credentials, when the SIP server challenges. */
  authorizationUsername?: string;
  authorizationPassword?: string;
  /** Shown to the called party on outbound calls. */
  displayName?: string;
  /** STUN/TURN servers for WebRTC media. */
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
}

export const DEFAULT_RECONNECT = Object.freeze({ firstDelayMs: 1000, maxDelayMs: 30_000 });

export function invalid(message: string): ContactPadError {
  return new ContactPadError('INVALID_CONFIGURATION', `Phone settings: ${message}`);
}

function isNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/** Checks the settings; throws INVALID_CONFIGURATION naming the bad one. */
export function validateConfig(config: PhoneConfig): void {
  if (typeof config !== 'object' || config === null) throw invalid('missing');
  let url: URL;
  try {
    url = new URL(String(config.serverUrl));
  } catch {
    throw invalid(`serverUrl must be a ws:// or wss:// URL, got ${JSON.stringify(config.serverUrl)}`);
  }
  if ((url.protocol !== 'ws:' && url.protocol !== 'wss:') || url.hostname === '') {
    throw invalid(`serverUrl must be a ws:// or wss:// URL, got ${JSON.stringify(config.serverUrl)}`);
  }
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
      const urls = typeof server?.urls === 'string' ? [server.urls] : server?.urls;
      if (!Array.isArray(urls) || urls.length === 0 || !urls.every((u) => typeof u === 'string' && /^(stun|stuns|turn|turns):\S+$/.test(u))) {
        throw invalid('each iceServers entry needs urls starting with stun:, turn: or turns:');
      }
    }
  }
  if (config.rejectStatusCode !== undefined && config.rejectStatusCode !== 486 && config.rejectStatusCode !== 603) {
    throw invalid(`rejectStatusCode must be 486 or 603, got ${JSON.stringify(config.rejectStatusCode)}`);
  }
  if (config.reconnect !== undefined) {
    const { firstDelayMs, maxDelayMs } = config.reconnect ?? {};
    if (!isNumber(firstDelayMs) || !isNumber(maxDelayMs) || firstDelayMs <= 0 || maxDelayMs < firstDelayMs) {
      throw invalid('reconnect needs firstDelayMs > 0 and maxDelayMs >= firstDelayMs');
    }
  }
}

/**
 * sip.js's own error log, minus what is routine while the server is down (transport and
 * transaction chatter): the phone reports that through its connection state instead.
 * Only sip.js's one-line error texts are logged, never SIP messages (they carry credentials).
 */
function logSipError(level: string, category: string, _label: string | undefined, content: string): void {
  if (level !== 'error') return;
  if (/^sip\.(Transport|transaction|user-agent-client|Registerer)/.test(category)) return;
  console.warn(`sip.js ${category}: ${content.slice(0, 300)}`);
}

/**
 * The sip.js user agent for `config`. sip.js's own reconnection is off: registration.ts
 * reconnects, forever, with backoff and jitter, on the delegate's onConnect / onDisconnect.
 */
export function createUserAgent(config: PhoneConfig, delegate: UserAgentDelegate): UserAgent {
  const options: UserAgentOptions = {
    uri: UserAgent.makeURI(config.aor),
    transportOptions: { server: config.serverUrl, connectionTimeout: 5, keepAliveInterval: 25 },
    authorizationUsername: config.authorizationUsername,
    authorizationPassword: config.authorizationPassword,
    displayName: config.displayName,
    logLevel: 'error',
    logBuiltinEnabled: false,
    logConnector: logSipError,
    reconnectionAttempts: 0, // the phone reconnects itself, forever, with backoff
    // stop() hangs up and unregisters itself (bounded); sip.js then just closes the WebSocket
    // instead of waiting for REGISTERs lost with an earlier connection to time out (32 s).
    gracefulShutdown: false,
    sessionDescriptionHandlerFactoryOptions: {
      peerConnectionConfiguration: { iceServers: config.iceServers ?? [] },
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
