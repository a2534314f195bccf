/**
 * ContactPad's settings, read from the CallCenter's custom section `ContactPad` (Open CTI
 * `getCallCenterSettings` returns a flat object of strings keyed `/ContactPad/<item>`).
 *
 * Admins type these in Setup > Call Centers, so every value can be wrong: a malformed value
 * never stops ContactPad. It is replaced by its default and reported as a problem naming the
 * item and the default used (shown to the agent with the INVALID_CONFIGURATION code).
 * No secrets live here: call center items are readable by every assigned user.
 *
 * The management settings of multi-interaction routing (state after a reject, cooldown,
 * capacity per kind, auto-accept, tab closing, presence sync) are items of the same section.
 */
import { checkIceServerUrl, checkSipDomain, checkSipServerUrl } from './server-addresses.ts';
import type { StateAfterReject } from './agent-state.ts';

/** How keypad tones travel: in the call's audio (RFC 4733 telephone-events) or as SIP INFO (application/dtmf-relay); see dtmf.ts. */
export type DtmfMethod = 'rfc4733' | 'info';

/** ContactPad's settings, validated, with defaults filled in. */
export interface ContactPadSettings {
  /** The SIP server's WebSocket URL (`ws://` or `wss://`); '' when missing or malformed. */
  sipServerUrl: string;
  /** The SIP domain of the agent's address of record (`sip:user@domain`); '' when missing or malformed. */
  sipDomain: string;
  /**
   * How long Wrap Up lasts after a call (0..3600 s, default 60). 0 means Wrap Up has no timer:
   * it lasts until the agent presses Done. See {@link wrapUpDurationMs}.
   */
  wrapUpSeconds: number;
  /** The Not Ready reasons the agent picks from. */
  notReadyReasons: readonly string[];
  /** The wrap up disposition picklist (Task CallDisposition). */
  dispositions: readonly string[];
  /** Why a call the agent placed did not connect, as the agent records it (the Task's CallDisposition). */
  failedCallReasons: readonly string[];
  /** How long a call the agent placed may ring before ContactPad gives up on it as not answered (5..300 s, default 45). */
  noAnswerSeconds: number;
  /** Why the agent declines an offered chat, email or case (sent to Omni-Channel as the decline reason). */
  declineReasons: readonly string[];
  /** The SIP final response a Reject sends: 486 Busy Here or 603 Decline. */
  rejectStatusCode: 486 | 603;
  /** ISO 3166 alpha-2 country used to read national numbers (default 'US'). */
  defaultCountry: string;
  /** How long the caller lookup may take before the call pop shows it as failed (1000..60000 ms). */
  lookupTimeoutMs: number;
  /** Where the agent goes after rejecting an interaction: stay, Not Ready, Inactive or Cooldown (default stay). */
  stateAfterReject: StateAfterReject;
  /** The Not Ready reason shown after a reject when `stateAfterReject` is not-ready (default 'Rejected call'). */
  rejectNotReadyReason: string;
  /** Cooldown length after a callback or a reject (0..600 s, default 0: no cooldown). */
  cooldownSeconds: number;
  /** Whether the agent goes to Cooldown after a callback (default false). */
  cooldownAfterCallback: boolean;
  /** Not-connected attempts (busy, no answer, failed) after which a callback is Failed (1..10, default 3). */
  callbackAttemptLimit: number;
  /** How many voice interactions (calls, callbacks) at once (0..20, default 1). */
  capacityVoice: number;
  /** How many video calls at once (0..20, default 1): a kind of live interaction with its own capacity. */
  capacityVideo: number;
  /** How many chats at once (0..20, default 3). */
  capacityChat: number;
  /** How many emails at once (0..20, default 2). */
  capacityEmail: number;
  /** How many cases at once (0..20, default 2). */
  capacityCase: number;
  /** Omni-Channel work items are accepted at once, without the agent clicking Accept (default true). */
  autoAcceptWork: boolean;
  /** The record's console tab closes when its interaction's wrap up is done (default false). */
  closeTabAfterWrapUp: boolean;
  /** Wrap Up cannot end (by Done or its timer) until a disposition is chosen (default false). */
  requireDisposition: boolean;
  /** How much time each Extend adds to Wrap Up (0..600 s, default 30). */
  wrapUpExtendSeconds: number;
  /** How long a consult call may ring before ContactPad gives it up (5..300 s, default 30); the call it is about stays held. */
  consultTimeoutSeconds: number;
  /** Which side leads the presence sync: ContactPad's agent state or Omni-Channel's presence (default contactpad). */
  presenceLeads: 'contactpad' | 'omni-channel';
  /**
   * ContactPad agent status to Omni-Channel presence status, in the admin's order (blank: the
   * default ready=Available;not-ready=Busy;offline=Offline). Kept as the item's text here: the
   * presence desk reads it (model/presence-map.ts readPresenceMap) and tells its problems when the
   * console desks load, off the ring path.
   */
  presenceMap: string;
  /**
   * The STUN and TURN servers WebRTC media may use (`stun:`, `stuns:`, `turn:`, `turns:` URLs, RFC
   * 7064 and 7065), in the admin's order. None by default (blank or `none`): no ICE server at all,
   * so no public STUN server is ever contacted (sip.js would otherwise use stun.l.google.com).
   * TURN URLs take the TURN credential Salesforce's credential endpoint issues; no credential
   * ever sits in the item.
   */
  iceServers: readonly string[];
  /**
   * How keypad tones (DTMF) travel: `rfc4733` (default) in the call's audio as telephone-events,
   * falling back to SIP INFO on a call whose far end offered none; `info` always as SIP INFO
   * (application/dtmf-relay), for platforms that read only that.
   */
  dtmfMethod: DtmfMethod;
  /**
   * Whether the agent is offered Record, Pause, Resume and Stop on a connected call (default
   * false). The commands go to the platform as SIP INFO (telephony/recording-info.ts).
   */
  recordingControls: boolean;
  /** Whether recording starts by itself when a call connects (default false); shown as Recording all the same. */
  recordingAutoStart: boolean;
  /**
   * The agent's keys for Accept, Reject, Hold, Mute and Release while the focus is in ContactPad
   * (keyboard-shortcuts.ts): `accept=Alt+Shift+A; ...`, `none` turning one off; blank: the defaults.
   * Kept as the item's text here: it is read (and its problems told) off the ring path, when the
   * shortcuts load after the first paint (controller.ts, loadKeyboardShortcuts).
   */
  keyboardShortcuts: string;
}

/** The CallCenter section prefix of ContactPad's items. */
export const SETTINGS_PREFIX = '/ContactPad/';

/** Longest Not Ready reason, disposition or display name accepted. */
export const MAX_SETTING_TEXT = 80;

/** The defaults used when an item is blank or malformed. */
export const DEFAULT_SETTINGS: Readonly<ContactPadSettings> = Object.freeze({
  sipServerUrl: '',
  sipDomain: '',
  wrapUpSeconds: 60,
  notReadyReasons: Object.freeze(['Break', 'Lunch', 'Meeting', 'Training']),
  dispositions: Object.freeze(['Resolved', 'Follow-up needed', 'Left voicemail', 'Wrong number']),
  failedCallReasons: Object.freeze(['Try again later', 'Wrong number', 'Number not in service', 'Customer asked not to be called']),
  noAnswerSeconds: 45,
  declineReasons: Object.freeze(['Busy with another customer', 'Not my skill', 'Ending my shift']),
  rejectStatusCode: 486,
  defaultCountry: 'US',
  lookupTimeoutMs: 8000,
  stateAfterReject: 'stay',
  rejectNotReadyReason: 'Rejected call',
  cooldownSeconds: 0,
  cooldownAfterCallback: false,
  callbackAttemptLimit: 3,
  capacityVoice: 1,
  capacityVideo: 1,
  capacityChat: 3,
  capacityEmail: 2,
  capacityCase: 2,
  autoAcceptWork: true,
  closeTabAfterWrapUp: false,
  requireDisposition: false,
  wrapUpExtendSeconds: 30,
  consultTimeoutSeconds: 30,
  presenceLeads: 'contactpad',
  presenceMap: '',
  iceServers: Object.freeze([] as string[]),
  dtmfMethod: 'rfc4733',
  recordingControls: false,
  recordingAutoStart: false,
  keyboardShortcuts: '',
});

const SETTING_NAMES = Object.keys(DEFAULT_SETTINGS) as readonly (keyof ContactPadSettings)[];

/**
 * Reads ContactPad's items out of Open CTI `getCallCenterSettings`' answer. Never throws:
 * every blank optional item takes its default silently; every malformed item takes its
 * default and adds a problem; a blank `sipServerUrl` or `sipDomain` is a problem (the phone
 * cannot register). The agent's own SIP user is not a call center item: it is per user (see
 * agent-identity.ts). An item whose name differs from a known one only by case is reported too.
 */
export function readSettings(items: Record<string, unknown>): { settings: ContactPadSettings; problems: readonly string[] } {
  const problems: string[] = [];
  const source: Record<string, unknown> = items !== null && typeof items === 'object' ? items : {};
  const raw = (name: keyof ContactPadSettings): unknown => source[SETTINGS_PREFIX + name];

  for (const key of Object.keys(source)) {
    if (!key.startsWith(SETTINGS_PREFIX)) continue;
    const name = key.slice(SETTINGS_PREFIX.length);
    if ((SETTING_NAMES as readonly string[]).includes(name)) continue;
    const meant = SETTING_NAMES.find((known) => known.toLowerCase() === name.toLowerCase());
    if (meant !== undefined) problems.push(`${key} is not a ContactPad setting and is ignored; did you mean ${SETTINGS_PREFIX}${meant}?`);
  }

  const settings: ContactPadSettings = {
    sipServerUrl: readRequired('sipServerUrl', raw('sipServerUrl'), problems, checkSipServerUrl, 'a ws:// or wss:// URL such as wss://sip.example.com/ws'),
    sipDomain: readRequired('sipDomain', raw('sipDomain'), problems, checkSipDomain, 'a host name or IP address such as sip.example.com'),
    wrapUpSeconds: readWholeNumber('wrapUpSeconds', raw('wrapUpSeconds'), 0, 3600, 'seconds', problems),
    notReadyReasons: readList('notReadyReasons', raw('notReadyReasons'), problems),
    dispositions: readList('dispositions', raw('dispositions'), problems),
    failedCallReasons: readList('failedCallReasons', raw('failedCallReasons'), problems),
    noAnswerSeconds: readWholeNumber('noAnswerSeconds', raw('noAnswerSeconds'), 5, 300, 'seconds', problems),
    declineReasons: readList('declineReasons', raw('declineReasons'), problems),
    rejectStatusCode: readRejectStatusCode(raw('rejectStatusCode'), problems),
    defaultCountry: readCountry(raw('defaultCountry'), problems),
    lookupTimeoutMs: readWholeNumber('lookupTimeoutMs', raw('lookupTimeoutMs'), 1000, 60000, 'milliseconds', problems),
    stateAfterReject: readChoice('stateAfterReject', raw('stateAfterReject'), ['stay', 'not-ready', 'inactive', 'cooldown'] as const, problems),
    rejectNotReadyReason: readReason(raw('rejectNotReadyReason'), problems),
    cooldownSeconds: readWholeNumber('cooldownSeconds', raw('cooldownSeconds'), 0, 600, 'seconds', problems),
    cooldownAfterCallback: readBoolean('cooldownAfterCallback', raw('cooldownAfterCallback'), problems),
    callbackAttemptLimit: readWholeNumber('callbackAttemptLimit', raw('callbackAttemptLimit'), 1, 10, 'attempts', problems),
    capacityVoice: readWholeNumber('capacityVoice', raw('capacityVoice'), 0, 20, 'interactions', problems),
    capacityVideo: readWholeNumber('capacityVideo', raw('capacityVideo'), 0, 20, 'interactions', problems),
    capacityChat: readWholeNumber('capacityChat', raw('capacityChat'), 0, 20, 'interactions', problems),
    capacityEmail: readWholeNumber('capacityEmail', raw('capacityEmail'), 0, 20, 'interactions', problems),
    capacityCase: readWholeNumber('capacityCase', raw('capacityCase'), 0, 20, 'interactions', problems),
    autoAcceptWork: readBoolean('autoAcceptWork', raw('autoAcceptWork'), problems),
    closeTabAfterWrapUp: readBoolean('closeTabAfterWrapUp', raw('closeTabAfterWrapUp'), problems),
    requireDisposition: readBoolean('requireDisposition', raw('requireDisposition'), problems),
    wrapUpExtendSeconds: readWholeNumber('wrapUpExtendSeconds', raw('wrapUpExtendSeconds'), 0, 600, 'seconds', problems),
    consultTimeoutSeconds: readWholeNumber('consultTimeoutSeconds', raw('consultTimeoutSeconds'), 5, 300, 'seconds', problems),
    presenceLeads: readChoice('presenceLeads', raw('presenceLeads'), ['contactpad', 'omni-channel'] as const, problems),
    // Read off the ring path (presence-map.ts, by the presence desk): what is not text is read as its text, and told there.
    presenceMap: asText(raw('presenceMap')),
    iceServers: readIceServers(raw('iceServers'), problems),
    dtmfMethod: readChoice('dtmfMethod', raw('dtmfMethod'), ['rfc4733', 'info'] as const, problems),
    recordingControls: readBoolean('recordingControls', raw('recordingControls'), problems),
    recordingAutoStart: readBoolean('recordingAutoStart', raw('recordingAutoStart'), problems),
    // Read off the ring path (keyboard-shortcuts.ts): what is not text is read as its text, and told there.
    keyboardShortcuts: asText(raw('keyboardShortcuts')),
  };
  return { settings: Object.freeze(settings), problems: Object.freeze(problems) };
}

/**
 * The Wrap Up length to hand to `agentWorkEnded`: `wrapUpSeconds` in milliseconds, or
 * `Infinity` when it is 0 (Wrap Up lasts until the agent presses Done).
 */
export function wrapUpDurationMs(settings: Pick<ContactPadSettings, 'wrapUpSeconds'>): number {
  return settings.wrapUpSeconds > 0 ? settings.wrapUpSeconds * 1000 : Number.POSITIVE_INFINITY;
}

/** A value as text for a problem message: quoted, one line, at most 60 characters. */
export function shown(value: unknown): string {
  if (typeof value !== 'string') return `a ${value === null ? 'null' : typeof value} value`;
  const line = value.replace(/\s+/g, ' ');
  return JSON.stringify(line.length > 60 ? `${line.slice(0, 57)}...` : line);
}

/** An item's value as text ('' when absent), for an item read elsewhere. */
function asText(value: unknown): string {
  return value === undefined || value === null ? '' : String(value);
}

/** The trimmed text of an item, '' when absent or blank, undefined when it is not text at all. */
function text(value: unknown): string | undefined {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

function item(name: keyof ContactPadSettings): string {
  return SETTINGS_PREFIX + name;
}

function readRequired(
  name: 'sipServerUrl' | 'sipDomain',
  value: unknown,
  problems: string[],
  check: (value: string) => string | undefined,
  expected: string,
): string {
  const got = text(value);
  if (got === '') {
    problems.push(`${item(name)} is not set; expected ${expected}. Using '' (the phone cannot register until it is set).`);
    return '';
  }
  const why = got === undefined ? 'is not text' : check(got);
  if (why !== undefined || got === undefined) {
    // Never echo a URL that carries credentials.
    const echo = why?.startsWith('contains a user name') ? '' : ` (${shown(value)})`;
    problems.push(`${item(name)}${echo} ${why}; expected ${expected}. Using '' (the phone cannot register until it is corrected).`);
    return '';
  }
  return name === 'sipDomain' ? got.toLowerCase() : got;
}

type NumberSetting = { [K in keyof ContactPadSettings]: ContactPadSettings[K] extends number ? K : never }[keyof ContactPadSettings];
type BooleanSetting = { [K in keyof ContactPadSettings]: ContactPadSettings[K] extends boolean ? K : never }[keyof ContactPadSettings];

function readWholeNumber(
  name: NumberSetting,
  value: unknown,
  min: number,
  max: number,
  unit: string,
  problems: string[],
): number {
  const fallback = DEFAULT_SETTINGS[name];
  const got = text(value);
  if (got === '') return fallback;
  if (got === undefined || !/^\d+$/.test(got) || Number(got) < min || Number(got) > max) {
    problems.push(`${item(name)} ${shown(value)} is not a whole number of ${unit} from ${min} to ${max}. Using the default ${fallback}.`);
    return fallback;
  }
  return Number(got);
}

function readList(name: 'notReadyReasons' | 'dispositions' | 'declineReasons' | 'failedCallReasons', value: unknown, problems: string[]): readonly string[] {
  const fallback = DEFAULT_SETTINGS[name];
  const defaultText = `the default ${fallback.join(', ')}`;
  const got = text(value);
  if (got === '') return fallback;
  if (got === undefined) {
    problems.push(`${item(name)} is ${shown(value)}, not a comma-separated list. Using ${defaultText}.`);
    return fallback;
  }
  const list: string[] = [];
  const seen = new Set<string>();
  for (const entry of got.split(/[,;]/)) {
    const trimmed = entry.replace(/\s+/g, ' ').trim();
    if (trimmed === '') continue;
    if (trimmed.length > MAX_SETTING_TEXT) {
      problems.push(`${item(name)}: the entry ${shown(trimmed)} is longer than ${MAX_SETTING_TEXT} characters and is left out.`);
      continue;
    }
    const key = trimmed.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    list.push(trimmed);
  }
  if (list.length === 0) {
    problems.push(`${item(name)} ${shown(value)} holds no usable entry. Using ${defaultText}.`);
    return fallback;
  }
  return Object.freeze(list);
}

function readRejectStatusCode(value: unknown, problems: string[]): 486 | 603 {
  const got = text(value);
  if (got === '') return DEFAULT_SETTINGS.rejectStatusCode;
  if (got === '486') return 486;
  if (got === '603') return 603;
  problems.push(
    `${item('rejectStatusCode')} ${shown(value)} is neither 486 (Busy Here) nor 603 (Decline). Using the default ${DEFAULT_SETTINGS.rejectStatusCode}.`,
  );
  return DEFAULT_SETTINGS.rejectStatusCode;
}

function readCountry(value: unknown, problems: string[]): string {
  const got = text(value);
  if (got === '') return DEFAULT_SETTINGS.defaultCountry;
  if (got === undefined || !/^[A-Za-z]{2}$/.test(got)) {
    problems.push(
      `${item('defaultCountry')} ${shown(value)} is not a two-letter ISO 3166 country code (such as US or GB). Using the default ${DEFAULT_SETTINGS.defaultCountry}.`,
    );
    return DEFAULT_SETTINGS.defaultCountry;
  }
  return got.toUpperCase();
}

function readChoice<Name extends 'stateAfterReject' | 'presenceLeads' | 'dtmfMethod'>(
  name: Name,
  value: unknown,
  options: readonly ContactPadSettings[Name][],
  problems: string[],
): ContactPadSettings[Name] {
  const fallback = DEFAULT_SETTINGS[name];
  const got = text(value);
  if (got === '') return fallback;
  const match = got === undefined ? undefined : options.find((option) => option === got.toLowerCase());
  if (match === undefined) {
    problems.push(`${item(name)} ${shown(value)} is not one of ${options.join(', ')}. Using the default ${fallback}.`);
    return fallback;
  }
  return match;
}

const TRUE_WORDS = ['true', 'yes', 'on', '1'];
const FALSE_WORDS = ['false', 'no', 'off', '0'];

function readBoolean(name: BooleanSetting, value: unknown, problems: string[]): boolean {
  const fallback = DEFAULT_SETTINGS[name];
  if (typeof value === 'boolean') return value;
  const got = text(value);
  if (got === '') return fallback;
  const word = got?.toLowerCase();
  if (word !== undefined && TRUE_WORDS.includes(word)) return true;
  if (word !== undefined && FALSE_WORDS.includes(word)) return false;
  problems.push(`${item(name)} ${shown(value)} is neither true nor false. Using the default ${fallback}.`);
  return fallback;
}

function readReason(value: unknown, problems: string[]): string {
  const fallback = DEFAULT_SETTINGS.rejectNotReadyReason;
  const got = text(value);
  if (got === '') return fallback;
  if (got === undefined || /[\u0000-\u001f\u007f]/.test(got)) {
    problems.push(`${item('rejectNotReadyReason')} ${shown(value)} is not one line of text. Using the default ${fallback}.`);
    return fallback;
  }
  if (got.length > MAX_SETTING_TEXT) {
    problems.push(`${item('rejectNotReadyReason')} is longer than ${MAX_SETTING_TEXT} characters. Using the default ${fallback}.`);
    return fallback;
  }
  return got;
}

/**
 * The ICE server URLs: comma- (or space-) separated; blank or `none` is none. A URL that is not
 * a STUN or TURN URL is left out and reported; the others keep working. Never echoes a URL that
 * carries credentials.
 */
function readIceServers(value: unknown, problems: string[]): readonly string[] {
  const name = item('iceServers');
  const got = text(value);
  if (got === '' || got?.toLowerCase() === 'none') return DEFAULT_SETTINGS.iceServers;
  if (got === undefined) {
    problems.push(`${name} is ${shown(value)}, not a comma-separated list of stun:, turn: or turns: URLs. Using none (no STUN or TURN server).`);
    return DEFAULT_SETTINGS.iceServers;
  }
  const urls: string[] = [];
  for (const entry of got.split(/[,\s]+/)) {
    if (entry === '') continue;
    const why = checkIceServerUrl(entry);
    if (why !== undefined) {
      const echo = entry.includes('@') ? 'an entry' : `the entry ${shown(entry)}`;
      problems.push(`${name}: ${echo} ${why}, such as stun:stun.example.com:3478 or turns:turn.example.com:5349?transport=tcp; it is left out.`);
      continue;
    }
    if (!urls.includes(entry)) urls.push(entry);
  }
  return Object.freeze(urls);
}
