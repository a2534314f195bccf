/**
 * The console bridge protocol: the messages ContactPad and the console bridge (a utility-bar
 * component in the Lightning console, see force-app/main/default/aura/ContactPadConsoleBridge)
 * exchange over one Lightning message channel, {@link BRIDGE_CHANNEL}. Open CTI cannot open,
 * focus or close console tabs nor reach Omni-Channel; the bridge can (workspace API,
 * Omni-Channel toolkit) and only translates: every decision is made in TypeScript.
 *
 * Every message is one flat object (the channel's `lightningMessageFields`):
 *
 * ```
 * { version: 2, source: 'contactpad' | 'bridge', kind, id, replyTo?, body }
 * ```
 *
 * Version 2 (this one): a work item is only `{ workId, workItemId, accepted }`, whatever the
 * object it routes. The Omni-Channel toolkit's events carry nothing else (workId and
 * workItemId: developer.salesforce.com/docs/platform/lightning-component-reference/guide/aura-omni-channel-work-assigned.html,
 * and `getAgentWorks` adds isEngaged), so the bridge cannot know the channel, the customer or
 * whether Omni-Channel auto-accepts it: ContactPad reads those from the record and the org
 * (crm/work-record.ts, crm/omni-channel-setup.ts). Version 1 sent a channel guessed from the key
 * prefix (every Case a 'case'), a blank customer name and `isAutoAccept: false`.
 *
 * - `version`: {@link BRIDGE_PROTOCOL_VERSION}; any other version is rejected whole.
 * - `source`: who sent it. A Lightning message channel delivers a message to every subscriber,
 *   the sender included, so each side ignores its own source.
 * - `id`: unique per sender (a request id for ContactPad's requests).
 * - `replyTo`: on a bridge message that answers a request, the request's `id`.
 * - `body`: the kind's fields (below).
 *
 * ContactPad -> bridge (requests; the bridge answers each with exactly one message whose
 * `replyTo` is the request's id: the event named, or `error`):
 *
 * | kind          | body                                   | answered by        |
 * |---------------|----------------------------------------|--------------------|
 * | `hello`       | `{}`                                   | `hello` (snapshot) |
 * | `openTab`     | `{ recordId, focus }`                  | `tabOpened`        |
 * | `focusTab`    | `{ tabId }`                            | `tabFocused`       |
 * | `closeTab`    | `{ tabId }`                            | `tabClosed`        |
 * | `acceptWork`  | `{ workId }`                           | `workAccepted`     |
 * | `declineWork` | `{ workId, reason }`                   | `workDeclined`     |
 * | `closeWork`   | `{ workId }`                           | `workClosed`       |
 * | `setPresence` | `{ statusId }` (null: log out of Omni) | `presenceChanged`  |
 *
 * bridge -> ContactPad (events; `replyTo` set when answering a request, absent when the console
 * or Omni-Channel raised it on its own):
 *
 * | kind                 | body                                                    |
 * |----------------------|---------------------------------------------------------|
 * | `hello`              | `{ capabilities, tabs, works, presence }` (also sent unasked when the bridge starts) |
 * | `tabOpened`          | `{ tab }`                                               |
 * | `tabFocused`         | `{ tab }`                                               |
 * | `tabClosed`          | `{ tabId, recordId }` (recordId '' when unknown)        |
 * | `workAssigned`       | `{ work }`                                              |
 * | `workAccepted`       | `{ workId, workItemId }`                                |
 * | `workDeclined`       | `{ workId, workItemId }`                                |
 * | `workClosed`         | `{ workId, workItemId }`                                |
 * | `workDeliveryFailed` | `{ workId, reason }`                                    |
 * | `presenceChanged`    | `{ statusId, statusName }` (statusId null: logged out)  |
 * | `error`              | `{ message }` (replyTo: the failed request)             |
 */
import { isSalesforceId } from '../model/salesforce-id.ts';

/** The protocol version both sides must speak; bumped on any incompatible change. */
export const BRIDGE_PROTOCOL_VERSION = 2;

/** The Lightning message channel (`ContactPad_Bridge.messageChannel-meta.xml`), as Open CTI names it. */
export const BRIDGE_CHANNEL = 'ContactPad_Bridge__c';

/** Who sent a message: ContactPad (the softphone) or the console bridge component. */
export type BridgeSource = 'contactpad' | 'bridge';

/** What the bridge can do in this console: tabs (workspace API), omni (Omni-Channel toolkit: work and presence). */
export type BridgeCapability = 'tabs' | 'omni';

/** A console workspace tab (workspace API `getTabInfo`). */
export interface BridgeTab {
  /** Workspace API tab id (`ctab0`, `ctab0_1`...). */
  readonly tabId: string;
  /** The record the tab shows; '' when it shows no record. */
  readonly recordId: string;
  /** The record's object API name (`Case`, `MessagingSession`...); '' when unknown. */
  readonly objectType: string;
  /** The tab's label; '' when unknown. */
  readonly title: string;
  /** True for the focused tab (only meaningful in the hello snapshot). */
  readonly focused: boolean;
}

/**
 * An Omni-Channel work item assigned to the agent (`lightning:omniChannelWorkAssigned`,
 * `getAgentWorks`): only what the toolkit says of it. ContactPad learns the rest from the record.
 */
export interface BridgeWork {
  /** The AgentWork id (`workId` in the Omni-Channel toolkit). */
  readonly workId: string;
  /** The routed record (`workItemId`): a Messaging Session, a Case, a Chat Transcript, or any object Omni-Channel routes. */
  readonly workItemId: string;
  /** True when already accepted (hello snapshot: `getAgentWorks` `isEngaged`). */
  readonly accepted: boolean;
}

/** The agent's Omni-Channel presence (ServicePresenceStatus); statusId null when logged out. */
export interface BridgePresence {
  readonly statusId: string | null;
  readonly statusName: string;
}

/** Body of each ContactPad -> bridge request kind. */
export interface ContactPadRequestBodies {
  hello: Record<string, never>;
  openTab: { readonly recordId: string; readonly focus: boolean };
  focusTab: { readonly tabId: string };
  closeTab: { readonly tabId: string };
  acceptWork: { readonly workId: string };
  declineWork: { readonly workId: string; readonly reason: string };
  closeWork: { readonly workId: string };
  setPresence: { readonly statusId: string | null };
}

/** Body of each bridge -> ContactPad event kind. */
export interface BridgeEventBodies {
  hello: {
    readonly capabilities: readonly BridgeCapability[];
    readonly tabs: readonly BridgeTab[];
    readonly works: readonly BridgeWork[];
    readonly presence: BridgePresence | null;
  };
  tabOpened: { readonly tab: BridgeTab };
  tabFocused: { readonly tab: BridgeTab };
  tabClosed: { readonly tabId: string; readonly recordId: string };
  workAssigned: { readonly work: BridgeWork };
  workAccepted: { readonly workId: string; readonly workItemId: string };
  workDeclined: { readonly workId: string; readonly workItemId: string };
  workClosed: { readonly workId: string; readonly workItemId: string };
  workDeliveryFailed: { readonly workId: string; readonly reason: string };
  presenceChanged: BridgePresence;
  error: { readonly message: string };
}

export type ContactPadRequestKind = keyof ContactPadRequestBodies;
export type BridgeEventKind = keyof BridgeEventBodies;

/** A request ContactPad publishes to the bridge. */
export type ContactPadRequest = {
  [K in ContactPadRequestKind]: {
    readonly version: typeof BRIDGE_PROTOCOL_VERSION;
    readonly source: 'contactpad';
    readonly kind: K;
    readonly id: string;
    readonly body: ContactPadRequestBodies[K];
  };
}[ContactPadRequestKind];

/** An event (or a reply) the bridge publishes to ContactPad. */
export type BridgeEvent = {
  [K in BridgeEventKind]: {
    readonly version: typeof BRIDGE_PROTOCOL_VERSION;
    readonly source: 'bridge';
    readonly kind: K;
    readonly id: string;
    /** The request this answers; absent for events the console raised on its own. */
    readonly replyTo?: string;
    readonly body: BridgeEventBodies[K];
  };
}[BridgeEventKind];

/** Any message on the bridge channel. */
export type BridgeMessage = ContactPadRequest | BridgeEvent;

/** The outcome of {@link parseBridgeMessage}. */
export type BridgeParseResult = { readonly ok: true; readonly message: BridgeMessage } | { readonly ok: false; readonly reason: string };

export const REQUEST_KINDS: readonly ContactPadRequestKind[] = ['hello', 'openTab', 'focusTab', 'closeTab', 'acceptWork', 'declineWork', 'closeWork', 'setPresence'];
export const EVENT_KINDS: readonly BridgeEventKind[] = [
  'hello', 'tabOpened', 'tabFocused', 'tabClosed', 'workAssigned', 'workAccepted', 'workDeclined', 'workClosed', 'workDeliveryFailed', 'presenceChanged', 'error',
];
export const CAPABILITIES: readonly BridgeCapability[] = ['tabs', 'omni'];

/** Limits: longer text is refused, not cut, so a bad sender is noticed. */
export const LIMITS = Object.freeze({
  /** Message ids and replyTo. */
  messageId: 64,
  /** Tab titles and status names. */
  text: 255,
  /** Decline and delivery-failure reasons. */
  reason: 255,
  /** Error messages. */
  errorMessage: 1000,
  /** Tabs and works in a hello snapshot. */
  listItems: 200,
});

/** Message ids: letters, digits and `_ . : -`. */
const MESSAGE_ID = /^[A-Za-z0-9_.:-]+$/;
/** Workspace API tab ids (`ctab0`, `ctab0_1`, `nav-tab-2`). */
const TAB_ID = /^[A-Za-z0-9_-]{1,64}$/;
/** Object API names (`Case`, `MessagingSession`, `ns__Thing__c`). */
const OBJECT_TYPE = /^[A-Za-z][A-Za-z0-9_]{0,79}$/;

/** Thrown inside the parser only; turned into `{ ok: false, reason }`. */
class Malformed extends Error {}

/**
 * Validates one message from the bridge channel. Never throws: an unknown version, source or
 * kind, a missing or mistyped field, an overlong string or a malformed Salesforce id gives
 * `{ ok: false, reason }` naming the first problem. The returned message is a fresh frozen
 * copy holding only the protocol's fields.
 */
export function parseBridgeMessage(raw: unknown): BridgeParseResult {
  try {
    return { ok: true, message: parseEnvelope(raw) };
  } catch (error) {
    if (error instanceof Malformed) return { ok: false, reason: error.message };
    return { ok: false, reason: `unreadable message (${describeError(error)})` };
  }
}

function parseEnvelope(raw: unknown): BridgeMessage {
  const message = record(raw, 'message');
  const version = message['version'];
  if (version !== BRIDGE_PROTOCOL_VERSION) {
    throw new Malformed(`unsupported protocol version ${describeValue(version)} (this ContactPad speaks ${BRIDGE_PROTOCOL_VERSION})`);
  }
  const source = message['source'];
  const kind = message['kind'];
  if (typeof kind !== 'string') throw new Malformed(`kind must be a string, got ${describeValue(kind)}`);
  const id = messageId(message['id'], 'id');
  const body = record(message['body'], 'body');
  if (source === 'contactpad') {
    if (!(REQUEST_KINDS as readonly string[]).includes(kind)) throw new Malformed(`unknown request kind ${describeValue(kind)}`);
    if (message['replyTo'] !== undefined) throw new Malformed('a request cannot carry replyTo');
    return deepFreeze({ version: BRIDGE_PROTOCOL_VERSION, source, kind, id, body: parseRequestBody(kind as ContactPadRequestKind, body) } as ContactPadRequest);
  }
  if (source === 'bridge') {
    if (!(EVENT_KINDS as readonly string[]).includes(kind)) throw new Malformed(`unknown event kind ${describeValue(kind)}`);
    const replyTo = message['replyTo'] === undefined || message['replyTo'] === null ? undefined : messageId(message['replyTo'], 'replyTo');
    if (kind === 'error' && replyTo === undefined) throw new Malformed('error: replyTo is required');
    const parsed = { version: BRIDGE_PROTOCOL_VERSION, source, kind, id, body: parseEventBody(kind as BridgeEventKind, body) };
    return deepFreeze((replyTo === undefined ? parsed : { ...parsed, replyTo }) as BridgeEvent);
  }
  throw new Malformed(`unknown source ${describeValue(source)}`);
}

function parseRequestBody(kind: ContactPadRequestKind, body: Record<string, unknown>): ContactPadRequestBodies[ContactPadRequestKind] {
  const at = (field: string) => `${kind}.${field}`;
  switch (kind) {
    case 'hello':
      return {};
    case 'openTab':
      return { recordId: salesforceId(body['recordId'], at('recordId')), focus: boolean(body['focus'], at('focus')) };
    case 'focusTab':
    case 'closeTab':
      return { tabId: tabId(body['tabId'], at('tabId')) };
    case 'acceptWork':
    case 'closeWork':
      return { workId: salesforceId(body['workId'], at('workId')) };
    case 'declineWork':
      return { workId: salesforceId(body['workId'], at('workId')), reason: text(body['reason'], at('reason'), LIMITS.reason) };
    case 'setPresence':
      return { statusId: body['statusId'] === null ? null : salesforceId(body['statusId'], at('statusId')) };
  }
}

function parseEventBody(kind: BridgeEventKind, body: Record<string, unknown>): BridgeEventBodies[BridgeEventKind] {
  const at = (field: string) => `${kind}.${field}`;
  switch (kind) {
    case 'hello': {
      const capabilities = list(body['capabilities'], at('capabilities'), CAPABILITIES.length, (value, where) => oneOf(value, where, CAPABILITIES));
      const presence = body['presence'] === null || body['presence'] === undefined ? null : parsePresence(record(body['presence'], at('presence')), at('presence'));
      return {
        capabilities: [...new Set(capabilities)],
        tabs: list(body['tabs'], at('tabs'), LIMITS.listItems, (value, where) => parseTab(value, where)),
        works: list(body['works'], at('works'), LIMITS.listItems, (value, where) => parseWork(value, where)),
        presence,
      };
    }
    case 'tabOpened':
    case 'tabFocused':
      return { tab: parseTab(body['tab'], at('tab')) };
    case 'tabClosed':
      return { tabId: tabId(body['tabId'], at('tabId')), recordId: optionalSalesforceId(body['recordId'], at('recordId')) };
    case 'workAssigned':
      return { work: parseWork(body['work'], at('work')) };
    case 'workAccepted':
    case 'workDeclined':
    case 'workClosed':
      return { workId: salesforceId(body['workId'], at('workId')), workItemId: optionalSalesforceId(body['workItemId'], at('workItemId')) };
    case 'workDeliveryFailed':
      return { workId: salesforceId(body['workId'], at('workId')), reason: text(body['reason'], at('reason'), LIMITS.reason) };
    case 'presenceChanged':
      return parsePresence(body, kind);
    case 'error':
      return { message: text(body['message'], at('message'), LIMITS.errorMessage) };
  }
}

function parseTab(raw: unknown, where: string): BridgeTab {
  const tab = record(raw, where);
  const objectType = tab['objectType'] === undefined || tab['objectType'] === '' ? '' : pattern(tab['objectType'], `${where}.objectType`, OBJECT_TYPE, 'an object API name');
  return {
    tabId: tabId(tab['tabId'], `${where}.tabId`),
    recordId: optionalSalesforceId(tab['recordId'], `${where}.recordId`),
    objectType,
    title: tab['title'] === undefined ? '' : text(tab['title'], `${where}.title`, LIMITS.text),
    focused: tab['focused'] === undefined ? false : boolean(tab['focused'], `${where}.focused`),
  };
}

function parseWork(raw: unknown, where: string): BridgeWork {
  const work = record(raw, where);
  return {
    workId: salesforceId(work['workId'], `${where}.workId`),
    workItemId: salesforceId(work['workItemId'], `${where}.workItemId`),
    accepted: work['accepted'] === undefined ? false : boolean(work['accepted'], `${where}.accepted`),
  };
}

function parsePresence(presence: Record<string, unknown>, where: string): BridgePresence {
  const statusId = presence['statusId'] === null ? null : salesforceId(presence['statusId'], `${where}.statusId`);
  return { statusId, statusName: text(presence['statusName'], `${where}.statusName`, LIMITS.text) };
}

function record(value: unknown, where: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Malformed(`${where} must be an object, got ${describeValue(value)}`);
  return value as Record<string, unknown>;
}

function text(value: unknown, where: string, max: number): string {
  if (typeof value !== 'string') throw new Malformed(`${where} must be a string, got ${describeValue(value)}`);
  if (value.length > max) throw new Malformed(`${where} is longer than ${max} characters`);
  return value;
}

function boolean(value: unknown, where: string): boolean {
  if (typeof value !== 'boolean') throw new Malformed(`${where} must be true or false, got ${describeValue(value)}`);
  return value;
}

function pattern(value: unknown, where: string, shape: RegExp, what: string): string {
  if (typeof value !== 'string') throw new Malformed(`${where} must be a string, got ${describeValue(value)}`);
  if (!shape.test(value)) throw new Malformed(`${where} is not ${what}`);
  return value;
}

function messageId(value: unknown, where: string): string {
  const id = text(value, where, LIMITS.messageId);
  if (!MESSAGE_ID.test(id)) throw new Malformed(`${where} must be 1-${LIMITS.messageId} letters, digits or _.:-`);
  return id;
}

function tabId(value: unknown, where: string): string {
  return pattern(value, where, TAB_ID, 'a workspace tab id');
}

function salesforceId(value: unknown, where: string): string {
  if (typeof value !== 'string') throw new Malformed(`${where} must be a string, got ${describeValue(value)}`);
  if (!isSalesforceId(value)) throw new Malformed(`${where} is not a Salesforce id`);
  return value;
}

function optionalSalesforceId(value: unknown, where: string): string {
  return value === undefined || value === null || value === '' ? '' : salesforceId(value, where);
}

function oneOf<T extends string>(value: unknown, where: string, allowed: readonly T[]): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw new Malformed(`${where} must be one of ${allowed.join(', ')}, got ${describeValue(value)}`);
  }
  return value as T;
}

function list<T>(value: unknown, where: string, max: number, item: (value: unknown, where: string) => T): T[] {
  if (!Array.isArray(value)) throw new Malformed(`${where} must be a list, got ${describeValue(value)}`);
  if (value.length > max) throw new Malformed(`${where} has more than ${max} entries`);
  return value.map((entry, index) => item(entry, `${where}[${index}]`));
}

/** A short, safe description of a value for a reason (never its full text). */
function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return value.length > 40 ? `a ${value.length}-character string` : JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return typeof value === 'object' ? 'an object' : typeof value;
}

function describeError(error: unknown): string {
  try {
    return error instanceof Error ? error.message : typeof error;
  } catch {
    return 'unknown error';
  }
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

/** Builds a ContactPad -> bridge request (the id is the caller's, unique per ContactPad). */
export function bridgeRequest<K extends ContactPadRequestKind>(kind: K, id: string, body: ContactPadRequestBodies[K]): ContactPadRequest {
  return { version: BRIDGE_PROTOCOL_VERSION, source: 'contactpad', kind, id, body } as ContactPadRequest;
}

/** Builds a bridge -> ContactPad event; `replyTo` when it answers a request. */
export function bridgeEvent<K extends BridgeEventKind>(kind: K, id: string, body: BridgeEventBodies[K], replyTo?: string): BridgeEvent {
  const event = { version: BRIDGE_PROTOCOL_VERSION, source: 'bridge', kind, id, body };
  return (replyTo === undefined ? event : { ...event, replyTo }) as BridgeEvent;
}
