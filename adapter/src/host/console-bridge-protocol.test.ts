import { expect } from '@open-wc/testing';
import {
  BRIDGE_PROTOCOL_VERSION,
  EVENT_KINDS,
  LIMITS,
  REQUEST_KINDS,
  bridgeEvent,
  bridgeRequest,
  parseBridgeMessage,
  type BridgeParseResult,
} from './console-bridge-protocol.ts';

declare const describe: (title: string, body: () => void) => void;
declare const it: (title: string, body: () => void | Promise<void>) => void;

const CASE_ID = '500000000000001AAA';
const CHAT_ID = '570000000000001AAA';
const WORK_ID = '0Bz000000000001AAA';
const STATUS_ID = '0N5000000000001CAA';

const TAB = { tabId: 'ctab0', recordId: CASE_ID, objectType: 'Case', title: '00001026', focused: true };
const WORK = { workId: WORK_ID, workItemId: CHAT_ID, accepted: false };

/** One valid message of every kind, in both directions. */
const VALID_REQUESTS: Record<string, Record<string, unknown>> = {
  hello: {},
  openTab: { recordId: CASE_ID, focus: true },
  focusTab: { tabId: 'ctab0' },
  closeTab: { tabId: 'ctab0_1' },
  acceptWork: { workId: WORK_ID },
  declineWork: { workId: WORK_ID, reason: 'Not my language' },
  closeWork: { workId: WORK_ID },
  setPresence: { statusId: STATUS_ID },
};
const VALID_EVENTS: Record<string, Record<string, unknown>> = {
  hello: { capabilities: ['tabs', 'omni'], tabs: [TAB], works: [WORK], presence: { statusId: STATUS_ID, statusName: 'Available' } },
  tabOpened: { tab: TAB },
  tabFocused: { tab: TAB },
  tabClosed: { tabId: 'ctab0', recordId: CASE_ID },
  workAssigned: { work: WORK },
  workAccepted: { workId: WORK_ID, workItemId: CHAT_ID },
  workDeclined: { workId: WORK_ID, workItemId: CHAT_ID },
  workClosed: { workId: WORK_ID, workItemId: CHAT_ID },
  workDeliveryFailed: { workId: WORK_ID, reason: 'Omni-Channel could not accept the chat' },
  presenceChanged: { statusId: STATUS_ID, statusName: 'Busy' },
  error: { message: 'No record with that id' },
};

function request(kind: string, body: unknown, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { version: BRIDGE_PROTOCOL_VERSION, source: 'contactpad', kind, id: 'cp-1', body, ...extra };
}
function event(kind: string, body: unknown, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { version: BRIDGE_PROTOCOL_VERSION, source: 'bridge', kind, id: 'b-1', replyTo: 'cp-1', body, ...extra };
}

function rejected(result: BridgeParseResult): string {
  if (result.ok) throw new Error(`expected a rejection, got ${JSON.stringify(result.message)}`);
  return result.reason;
}

describe('console bridge protocol parser', () => {
  describe('accepts every message kind of the protocol', () => {
    it('has a valid example for every request and event kind (the tables below cover the whole protocol)', () => {
      expect(Object.keys(VALID_REQUESTS).sort()).to.deep.equal([...REQUEST_KINDS].sort());
      expect(Object.keys(VALID_EVENTS).sort()).to.deep.equal([...EVENT_KINDS].sort());
    });

    for (const [kind, body] of Object.entries(VALID_REQUESTS)) {
      it(`accepts a ContactPad ${kind} request and keeps its fields`, () => {
        const result = parseBridgeMessage(request(kind, body));
        expect(result.ok, result.ok ? '' : result.reason).to.equal(true);
        if (result.ok) expect(result.message).to.deep.equal(request(kind, body));
      });
    }

    for (const [kind, body] of Object.entries(VALID_EVENTS)) {
      it(`accepts a bridge ${kind} event and keeps its fields`, () => {
        const result = parseBridgeMessage(event(kind, body));
        expect(result.ok, result.ok ? '' : result.reason).to.equal(true);
        if (result.ok) expect(result.message).to.deep.equal(event(kind, body));
      });
    }

    it('accepts events the console raised on its own (no replyTo), except error which must answer a request', () => {
      const message = { version: BRIDGE_PROTOCOL_VERSION, source: 'bridge', kind: 'tabFocused', id: 'b-2', body: { tab: TAB } };
      expect(parseBridgeMessage(message)).to.deep.equal({ ok: true, message });
      expect(rejected(parseBridgeMessage({ version: BRIDGE_PROTOCOL_VERSION, source: 'bridge', kind: 'error', id: 'b-3', body: { message: 'x' } }))).to.contain('replyTo is required');
    });

    it('fills optional fields with blanks: a tab without a record, a work not yet accepted, presence logged out', () => {
      const opened = parseBridgeMessage(event('tabOpened', { tab: { tabId: 'ctab3' } }));
      expect(opened.ok && opened.message.body).to.deep.equal({ tab: { tabId: 'ctab3', recordId: '', objectType: '', title: '', focused: false } });
      const assigned = parseBridgeMessage(event('workAssigned', { work: { workId: WORK_ID, workItemId: CASE_ID } }));
      expect(assigned.ok && assigned.message.body).to.deep.equal({ work: { workId: WORK_ID, workItemId: CASE_ID, accepted: false } });
      const out = parseBridgeMessage(event('presenceChanged', { statusId: null, statusName: 'Offline' }));
      expect(out.ok && out.message.body).to.deep.equal({ statusId: null, statusName: 'Offline' });
      const logout = parseBridgeMessage(request('setPresence', { statusId: null }));
      expect(logout.ok && logout.message.body).to.deep.equal({ statusId: null });
      const closed = parseBridgeMessage(event('tabClosed', { tabId: 'ctab0' }));
      expect(closed.ok && closed.message.body).to.deep.equal({ tabId: 'ctab0', recordId: '' });
      const hello = parseBridgeMessage(event('hello', { capabilities: [], tabs: [], works: [] }));
      expect(hello.ok && hello.message.body).to.deep.equal({ capabilities: [], tabs: [], works: [], presence: null });
    });

    it('drops fields the protocol does not know, and freezes what it returns', () => {
      const result = parseBridgeMessage({ ...request('focusTab', { tabId: 'ctab0', evil: '<script>' }), extra: 1 });
      expect(result.ok && result.message).to.deep.equal(request('focusTab', { tabId: 'ctab0' }));
      expect(result.ok && Object.isFrozen(result.message) && Object.isFrozen(result.message.body)).to.equal(true);
    });

    it('builds messages the parser accepts (bridgeRequest, bridgeEvent)', () => {
      expect(parseBridgeMessage(bridgeRequest('openTab', 'cp-9', { recordId: CASE_ID, focus: false })).ok).to.equal(true);
      expect(parseBridgeMessage(bridgeEvent('tabClosed', 'b-9', { tabId: 'ctab1', recordId: '' }, 'cp-9')).ok).to.equal(true);
      expect(parseBridgeMessage(bridgeEvent('workAccepted', 'b-10', { workId: WORK_ID, workItemId: CHAT_ID })).ok).to.equal(true);
    });
  });

  describe('rejects whole messages it cannot trust, with a reason', () => {
    it('rejects anything that is not an object', () => {
      for (const raw of [undefined, null, 0, 1, 'hello', true, [], [request('hello', {})], () => 1, Symbol('x'), 10n]) {
        expect(rejected(parseBridgeMessage(raw))).to.match(/message must be an object/);
      }
    });

    it('rejects an unknown or missing version (a bridge of version 1 included), naming it', () => {
      for (const version of [0, 1, 3, '2', 2.5, null, undefined, NaN, Infinity]) {
        expect(rejected(parseBridgeMessage(request('hello', {}, { version })))).to.contain('unsupported protocol version');
      }
      expect(rejected(parseBridgeMessage(request('hello', {}, { version: 1 })))).to.contain('version 1 (this ContactPad speaks 2)');
    });

    it('rejects an unknown source, and kinds sent by the wrong side', () => {
      expect(rejected(parseBridgeMessage(request('hello', {}, { source: 'salesforce' })))).to.contain('unknown source "salesforce"');
      expect(rejected(parseBridgeMessage(request('hello', {}, { source: undefined })))).to.contain('unknown source');
      expect(rejected(parseBridgeMessage(request('tabOpened', { tab: TAB })))).to.contain('unknown request kind "tabOpened"');
      expect(rejected(parseBridgeMessage(event('openTab', { recordId: CASE_ID, focus: true })))).to.contain('unknown event kind "openTab"');
    });

    it('rejects an unknown or mistyped kind, including inherited property names', () => {
      for (const kind of ['explode', '', 'toString', '__proto__', 'constructor', 'Hello', 'OPENTAB']) {
        expect(rejected(parseBridgeMessage(request(kind, {})))).to.contain('unknown request kind');
        expect(rejected(parseBridgeMessage(event(kind, {})))).to.contain('unknown event kind');
      }
      expect(rejected(parseBridgeMessage(request(42 as unknown as string, {})))).to.contain('kind must be a string');
    });

    it('rejects a missing, empty, overlong or odd message id and replyTo', () => {
      for (const id of [undefined, '', 7, 'a b', 'x'.repeat(LIMITS.messageId + 1), 'id<script>', 'ïd']) {
        expect(rejected(parseBridgeMessage(request('hello', {}, { id }))), String(id)).to.match(/^id /);
      }
      expect(parseBridgeMessage(request('hello', {}, { id: 'x'.repeat(LIMITS.messageId) })).ok).to.equal(true);
      expect(rejected(parseBridgeMessage(event('tabClosed', { tabId: 'ctab0' }, { replyTo: 'a/b' })))).to.match(/^replyTo /);
      expect(rejected(parseBridgeMessage(request('hello', {}, { replyTo: 'cp-0' })))).to.contain('a request cannot carry replyTo');
    });

    it('rejects a missing or non-object body', () => {
      for (const body of [undefined, null, 'x', [], 3]) {
        expect(rejected(parseBridgeMessage(request('hello', body)))).to.match(/^body must be an object/);
      }
    });

    it('rejects non-Salesforce record, work and status ids', () => {
      for (const bad of ['', '500', '500000000000001AA', '500000000000001AAAA', '500000000000001AA!', "5000000000000'1AAA", 12345678901234567, null, undefined]) {
        expect(parseBridgeMessage(request('openTab', { recordId: bad, focus: true })).ok, `recordId ${String(bad)}`).to.equal(false);
        expect(parseBridgeMessage(request('acceptWork', { workId: bad })).ok, `workId ${String(bad)}`).to.equal(false);
        expect(parseBridgeMessage(event('workAssigned', { work: { ...WORK, workItemId: bad } })).ok, `workItemId ${String(bad)}`).to.equal(false);
      }
      expect(rejected(parseBridgeMessage(request('openTab', { recordId: 'javascript:alert(1)', focus: true })))).to.equal('openTab.recordId is not a Salesforce id');
      expect(rejected(parseBridgeMessage(request('setPresence', { statusId: 'Available' })))).to.equal('setPresence.statusId is not a Salesforce id');
      expect(rejected(parseBridgeMessage(event('presenceChanged', { statusId: 7, statusName: 'x' })))).to.contain('presenceChanged.statusId must be a string');
      expect(rejected(parseBridgeMessage(event('tabClosed', { tabId: 'ctab0', recordId: 'nope' })))).to.equal('tabClosed.recordId is not a Salesforce id');
    });

    it('rejects odd tab ids and object types', () => {
      for (const tabId of ['', 'ctab 0', 'ctab0"', 'x'.repeat(65), 0, null]) {
        expect(parseBridgeMessage(request('focusTab', { tabId })).ok, String(tabId)).to.equal(false);
        expect(parseBridgeMessage(event('tabOpened', { tab: { ...TAB, tabId } })).ok, String(tabId)).to.equal(false);
      }
      expect(rejected(parseBridgeMessage(event('tabFocused', { tab: { ...TAB, objectType: 'Case; DROP' } })))).to.equal('tabFocused.tab.objectType is not an object API name');
    });

    it('rejects wrong field types', () => {
      expect(rejected(parseBridgeMessage(request('openTab', { recordId: CASE_ID, focus: 'yes' })))).to.equal('openTab.focus must be true or false, got "yes"');
      expect(rejected(parseBridgeMessage(request('openTab', { recordId: CASE_ID })))).to.equal('openTab.focus must be true or false, got undefined');
      expect(rejected(parseBridgeMessage(request('declineWork', { workId: WORK_ID })))).to.equal('declineWork.reason must be a string, got undefined');
      expect(rejected(parseBridgeMessage(event('workAssigned', { work: { ...WORK, accepted: 1 } })))).to.equal('workAssigned.work.accepted must be true or false, got 1');
      expect(rejected(parseBridgeMessage(event('workAssigned', { work: { ...WORK, workItemId: { id: CHAT_ID } } })))).to.equal('workAssigned.work.workItemId must be a string, got an object');
      expect(rejected(parseBridgeMessage(event('workAssigned', { work: 'w' })))).to.equal('workAssigned.work must be an object, got "w"');
      expect(rejected(parseBridgeMessage(event('tabOpened', {})))).to.equal('tabOpened.tab must be an object, got undefined');
      expect(rejected(parseBridgeMessage(event('error', { message: ['x'] })))).to.equal('error.message must be a string, got a list');
    });

    it('rejects an unknown capability, and keeps only the protocol\'s fields of a work (a v1 bridge\'s guesses are dropped)', () => {
      const v1Work = parseBridgeMessage(event('workAssigned', { work: { ...WORK, channel: 'case', customerName: 'Guess', isAutoAccept: false } }));
      expect(v1Work.ok && v1Work.message.body).to.deep.equal({ work: WORK });
      expect(rejected(parseBridgeMessage(event('hello', { ...VALID_EVENTS['hello'], capabilities: ['tabs', 'telepathy'] })))).to.contain('hello.capabilities[1] must be one of tabs, omni');
    });

    it('rejects overlong text instead of cutting it', () => {
      expect(rejected(parseBridgeMessage(request('declineWork', { workId: WORK_ID, reason: 'r'.repeat(LIMITS.reason + 1) })))).to.equal(`declineWork.reason is longer than ${LIMITS.reason} characters`);
      expect(parseBridgeMessage(request('declineWork', { workId: WORK_ID, reason: 'r'.repeat(LIMITS.reason) })).ok).to.equal(true);
      expect(rejected(parseBridgeMessage(event('tabOpened', { tab: { ...TAB, title: 't'.repeat(LIMITS.text + 1) } })))).to.contain('tabOpened.tab.title is longer');
      expect(rejected(parseBridgeMessage(event('workAssigned', { work: { ...WORK, workItemId: 'n'.repeat(10_000_000) } })))).to.contain('workItemId is not a Salesforce id');
      expect(rejected(parseBridgeMessage(event('error', { message: 'e'.repeat(LIMITS.errorMessage + 1) })))).to.contain('error.message is longer');
      expect(rejected(parseBridgeMessage(event('presenceChanged', { statusId: STATUS_ID, statusName: 's'.repeat(LIMITS.text + 1) })))).to.contain('statusName is longer');
    });

    it('rejects a hello snapshot with too many or broken entries, naming the entry', () => {
      const many = Array.from({ length: LIMITS.listItems + 1 }, (_, i) => ({ tabId: `ctab${i}` }));
      expect(rejected(parseBridgeMessage(event('hello', { capabilities: [], tabs: many, works: [] })))).to.equal(`hello.tabs has more than ${LIMITS.listItems} entries`);
      expect(rejected(parseBridgeMessage(event('hello', { capabilities: [], tabs: [TAB, { tabId: 'bad tab' }], works: [] })))).to.equal('hello.tabs[1].tabId is not a workspace tab id');
      expect(rejected(parseBridgeMessage(event('hello', { capabilities: [], tabs: [], works: {} })))).to.equal('hello.works must be a list, got an object');
      expect(rejected(parseBridgeMessage(event('hello', { capabilities: 'tabs', tabs: [], works: [] })))).to.equal('hello.capabilities must be a list, got "tabs"');
      expect(rejected(parseBridgeMessage(event('hello', { capabilities: [], tabs: [], works: [], presence: 'Available' })))).to.contain('hello.presence must be an object');
    });

    it('never throws, even on getters that throw, proxies and cyclic bodies', () => {
      const throwing = Object.defineProperty(request('hello', {}), 'version', { get() { throw new Error('boom'); } });
      expect(rejected(parseBridgeMessage(throwing))).to.contain('unreadable message (boom)');
      const proxy = new Proxy({}, { get() { throw new TypeError('trap'); } });
      expect(rejected(parseBridgeMessage(proxy))).to.contain('unreadable message');
      const cyclic: Record<string, unknown> = { tabId: 'ctab0' };
      cyclic['self'] = cyclic;
      expect(parseBridgeMessage(request('focusTab', cyclic)).ok).to.equal(true);
      const thrower = { get tabId(): string { throw 'not an error'; } };
      expect(rejected(parseBridgeMessage(request('focusTab', thrower)))).to.contain('unreadable message');
    });

    it('does not echo long hostile values into its reason', () => {
      const reason = rejected(parseBridgeMessage(request('explode'.repeat(100), {})));
      expect(reason).to.equal('unknown request kind a 700-character string');
    });
  });
});
