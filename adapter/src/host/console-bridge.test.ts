import { expect } from '@open-wc/testing';
import { serveOpenCti, type ConsoleApi, type OpenCtiConsole } from '../../../scripts/console/opencti/console-side.ts';
import { installOpenCtiShim } from '../../../scripts/console/opencti/opencti-shim.ts';
import { isContactPadError } from '../model/errors.ts';
import {
  BRIDGE_CHANNEL,
  bridgeEvent,
  parseBridgeMessage,
  type BridgeEvent,
  type BridgeTab,
  type BridgeWork,
  type ContactPadRequest,
} from './console-bridge-protocol.ts';
import { ConsoleBridge, type BridgeListener, type ConsoleBridgeOptions, type ConsoleBridgeState } from './console-bridge.ts';
import { OpenCtiHost } from './open-cti-host.ts';

declare const describe: (title: string, body: () => void) => void;
declare const it: (title: string, body: () => void | Promise<void>) => void;
declare const afterEach: (body: () => void | Promise<void>) => void;

const CASE_ID = '500000000000001AAA';
const CHAT_ID = '570000000000001AAA';
const CHAT_2_ID = '570000000000002AAA';
const WORK_ID = '0Bz000000000001AAA';
const WORK_2_ID = '0Bz000000000002AAA';
const AVAILABLE_ID = '0N5000000000001CAA';
const BUSY_ID = '0N5000000000002CAA';

const CHAT_WORK: BridgeWork = { workId: WORK_ID, workItemId: CHAT_ID, accepted: false };

/**
 * A small console bridge scripted in the test page, speaking the protocol the way the
 * utility-bar component does: it hears every message on the channel (Lightning message
 * service delivers to all subscribers, so ContactPad hears its own requests back too) and
 * answers ContactPad's requests with workspace / Omni-Channel results.
 */
class ScriptedBridge implements ConsoleApi {
  console!: OpenCtiConsole;
  /** False: the utility-bar component is not in this console app. */
  present = true;
  /** Requests to leave unanswered (by kind). */
  silentOn = new Set<string>();
  /** Requests to refuse with an error reply (kind -> message). */
  failOn = new Map<string, string>();
  /** When set, acceptWork answers workDeliveryFailed with this reason. */
  deliveryFailure: string | undefined;
  requests: ContactPadRequest[] = [];
  tabs: BridgeTab[] = [{ tabId: 'ctab0', recordId: CASE_ID, objectType: 'Case', title: '00001026', focused: true }];
  #counter = 0;

  // The rest of the console page, unused here.
  screenPop(): void {}
  setPanelVisible(): void {}
  isPanelVisible(): boolean {
    return false;
  }
  callCenterSettings(): Record<string, string> {
    return {};
  }
  clickToDialEnabled(): void {}

  publish(channelName: string, message: unknown): void {
    this.console.pushMessage(channelName, message);
    if (!this.present || channelName !== BRIDGE_CHANNEL) return;
    const parsed = parseBridgeMessage(message);
    if (!parsed.ok || parsed.message.source !== 'contactpad') return;
    const request = parsed.message;
    this.requests.push(request);
    setTimeout(() => this.#answer(request), 0);
  }

  /** Sends an event as the bridge, on its own. */
  send(event: unknown): boolean {
    return this.console.pushMessage(BRIDGE_CHANNEL, event);
  }

  hello(replyTo?: string): BridgeEvent {
    return bridgeEvent('hello', this.#id(), {
      capabilities: ['tabs', 'omni'],
      tabs: this.tabs,
      works: [],
      presence: { statusId: AVAILABLE_ID, statusName: 'Available' },
    }, replyTo);
  }

  #id(): string {
    this.#counter += 1;
    return `bridge-${this.#counter}`;
  }

  #answer(request: ContactPadRequest): void {
    if (this.silentOn.has(request.kind)) return;
    const failure = this.failOn.get(request.kind);
    if (failure !== undefined) {
      this.send(bridgeEvent('error', this.#id(), { message: failure }, request.id));
      return;
    }
    const id = this.#id();
    switch (request.kind) {
      case 'hello':
        this.send(this.hello(request.id));
        return;
      case 'openTab': {
        const tab = this.tabs.find((t) => t.recordId === request.body.recordId)
          ?? { tabId: `ctab${this.tabs.length}`, recordId: request.body.recordId, objectType: request.body.recordId.startsWith('570') ? 'LiveChatTranscript' : 'Case', title: 'Record', focused: false };
        if (!this.tabs.includes(tab)) this.tabs.push(tab);
        this.send(bridgeEvent('tabOpened', id, { tab: { ...tab, focused: request.body.focus } }, request.id));
        return;
      }
      case 'focusTab': {
        const tab = this.tabs.find((t) => t.tabId === request.body.tabId);
        this.send(tab === undefined
          ? bridgeEvent('error', id, { message: `No tab ${request.body.tabId}` }, request.id)
          : bridgeEvent('tabFocused', id, { tab: { ...tab, focused: true } }, request.id));
        return;
      }
      case 'closeTab': {
        const tab = this.tabs.find((t) => t.tabId === request.body.tabId);
        this.tabs = this.tabs.filter((t) => t !== tab);
        this.send(bridgeEvent('tabClosed', id, { tabId: request.body.tabId, recordId: tab?.recordId ?? '' }, request.id));
        return;
      }
      case 'acceptWork':
        this.send(this.deliveryFailure === undefined
          ? bridgeEvent('workAccepted', id, { workId: request.body.workId, workItemId: CHAT_ID }, request.id)
          : bridgeEvent('workDeliveryFailed', id, { workId: request.body.workId, reason: this.deliveryFailure }, request.id));
        return;
      case 'declineWork':
        this.send(bridgeEvent('workDeclined', id, { workId: request.body.workId, workItemId: CHAT_ID }, request.id));
        return;
      case 'closeWork':
        this.send(bridgeEvent('workClosed', id, { workId: request.body.workId, workItemId: CHAT_ID }, request.id));
        return;
      case 'setPresence':
        this.send(bridgeEvent('presenceChanged', id, request.body.statusId === null
          ? { statusId: null, statusName: 'Offline' }
          : { statusId: request.body.statusId, statusName: request.body.statusId === BUSY_ID ? 'Busy' : 'Available' }, request.id));
        return;
    }
  }
}

/** What ContactPad's listener heard, with a way to wait for a kind. */
class Heard implements BridgeListener {
  events: BridgeEvent[] = [];
  states: ConsoleBridgeState[] = [];
  #waiters: { test: () => boolean; resolve: () => void }[] = [];
  event(event: BridgeEvent): void {
    this.events.push(event);
    this.#wake();
  }
  stateChanged(state: ConsoleBridgeState): void {
    this.states.push(state);
    this.#wake();
  }
  kinds(): string[] {
    return this.events.map((e) => e.kind);
  }
  /** Resolves once `test` holds (checked after every event). */
  until(test: () => boolean): Promise<void> {
    if (test()) return Promise.resolve();
    return new Promise((resolve) => this.#waiters.push({ test, resolve }));
  }
  #wake(): void {
    for (const waiter of [...this.#waiters]) {
      if (waiter.test()) {
        this.#waiters.splice(this.#waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
    }
  }
}

interface Rig {
  bridge: ConsoleBridge;
  scripted: ScriptedBridge;
  heard: Heard;
}

const cleanups: (() => void | Promise<void>)[] = [];

async function connectRig(options: ConsoleBridgeOptions & { present?: boolean; withoutMessageService?: boolean } = {}): Promise<Rig> {
  const channel = new MessageChannel();
  const win = {} as Window;
  installOpenCtiShim(win, channel.port1);
  const scripted = new ScriptedBridge();
  scripted.present = options.present ?? true;
  const api: ConsoleApi = options.withoutMessageService === true
    ? { screenPop() {}, setPanelVisible() {}, isPanelVisible: () => false, callCenterSettings: () => ({}), clickToDialEnabled() {} }
    : scripted;
  scripted.console = serveOpenCti(channel.port2, api);
  const host = await OpenCtiHost.connect({ clickToDial() {}, navigation() {} }, { win, waitMs: 0 });
  const heard = new Heard();
  const bridge = await ConsoleBridge.connect(host, heard, { helloTimeoutMs: 300, requestTimeoutMs: 2000, ...options });
  cleanups.push(async () => {
    await bridge.close();
    channel.port1.close();
    channel.port2.close();
  });
  return { bridge, scripted, heard };
}

async function expectBridgeError(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    expect(isContactPadError(error, 'HOST_REQUEST_FAILED'), `expected HOST_REQUEST_FAILED, got ${String(error)}`).to.equal(true);
    return error as Error;
  }
  throw new Error('expected a HOST_REQUEST_FAILED rejection, but it resolved');
}

/** Captures console.warn while `body` runs. */
async function capturingWarnings(body: () => Promise<void>): Promise<string[]> {
  const warnings: string[] = [];
  const original = console.warn;
  console.warn = (...args: unknown[]) => warnings.push(args.map(String).join(' '));
  try {
    await body();
  } finally {
    console.warn = original;
  }
  return warnings;
}

afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

describe('ConsoleBridge over Open CTI publish/subscribe', () => {
  describe('connecting', () => {
    it('connects when the utility-bar bridge answers hello, with its tabs, works and presence', async () => {
      const { bridge, scripted } = await connectRig();
      expect(bridge.state).to.equal('connected');
      expect(bridge.capabilities).to.deep.equal(['tabs', 'omni']);
      expect(bridge.snapshot.tabs).to.deep.equal(scripted.tabs);
      expect(bridge.snapshot.presence).to.deep.equal({ statusId: AVAILABLE_ID, statusName: 'Available' });
      expect(scripted.requests.map((r) => r.kind)).to.deep.equal(['hello']);
      expect(scripted.requests[0]?.version).to.equal(1);
    });

    it('resolves as missing when no bridge answers, and refuses tab and Omni-Channel requests saying they are off', async () => {
      const { bridge, scripted } = await connectRig({ present: false });
      expect(bridge.state).to.equal('missing');
      const error = await expectBridgeError(bridge.openRecordTab(CASE_ID));
      expect(error.message).to.contain('tab sync and Omni-Channel are off');
      await expectBridgeError(bridge.acceptWork(WORK_ID));
      expect(scripted.requests).to.deep.equal([]);
    });

    it('connects a bridge that starts after ContactPad, when it says hello on its own', async () => {
      const { bridge, scripted, heard } = await connectRig({ present: false });
      expect(bridge.state).to.equal('missing');
      scripted.present = true;
      scripted.send(scripted.hello());
      await heard.until(() => heard.states.length > 0);
      expect(heard.states).to.deep.equal(['connected']);
      expect(bridge.state).to.equal('connected');
      const opened = await bridge.openRecordTab(CHAT_ID);
      expect(opened.body.tab.recordId).to.equal(CHAT_ID);
    });

    it('resolves as missing, without throwing, when the console offers no message service', async () => {
      const warnings = await capturingWarnings(async () => {
        const { bridge } = await connectRig({ withoutMessageService: true });
        expect(bridge.state).to.equal('missing');
      });
      expect(warnings.join('\n')).to.contain('tab sync and Omni-Channel are off');
    });
  });

  describe('console tabs (workspace API through the bridge)', () => {
    it('opens a record tab and settles with its tab id, record and object type; the listener hears it too', async () => {
      const { bridge, scripted, heard } = await connectRig();
      const opened = await bridge.openRecordTab(CHAT_ID, true);
      expect(opened.body.tab).to.deep.equal({ tabId: 'ctab1', recordId: CHAT_ID, objectType: 'LiveChatTranscript', title: 'Record', focused: true });
      expect(scripted.requests[1]).to.deep.include({ kind: 'openTab', body: { recordId: CHAT_ID, focus: true } });
      expect(opened.replyTo).to.equal(scripted.requests[1]?.id);
      expect(heard.events.at(-1)).to.deep.equal(opened);
    });

    it('focuses and closes a tab by its id', async () => {
      const { bridge, heard } = await connectRig();
      const focused = await bridge.focusTab('ctab0');
      expect(focused.body.tab).to.deep.include({ tabId: 'ctab0', recordId: CASE_ID, focused: true });
      const closed = await bridge.closeTab('ctab0');
      expect(closed.body).to.deep.equal({ tabId: 'ctab0', recordId: CASE_ID });
      expect(heard.kinds()).to.deep.equal(['hello', 'tabFocused', 'tabClosed']);
    });

    it('rejects HOST_REQUEST_FAILED with the bridge\'s message when the console refuses', async () => {
      const { bridge, heard } = await connectRig();
      const error = await expectBridgeError(bridge.focusTab('ctab9'));
      expect(error.message).to.contain('No tab ctab9');
      expect(heard.kinds()).to.deep.equal(['hello']);
    });

    it('rejects HOST_REQUEST_FAILED when the bridge never answers, instead of waiting forever', async () => {
      const { bridge, scripted } = await connectRig({ requestTimeoutMs: 150 });
      scripted.silentOn.add('closeTab');
      const error = await expectBridgeError(bridge.closeTab('ctab0'));
      expect(error.message).to.contain('did not answer within 150 ms');
    });

    it('refuses a record id or tab id of the wrong form without sending anything', async () => {
      const { bridge, scripted } = await connectRig();
      const error = await expectBridgeError(bridge.openRecordTab('javascript:alert(1)'));
      expect(error.message).to.contain('openTab.recordId is not a Salesforce id');
      await expectBridgeError(bridge.focusTab('ctab 0"'));
      await expectBridgeError(bridge.declineWork(WORK_ID, 'x'.repeat(300)));
      expect(scripted.requests.map((r) => r.kind)).to.deep.equal(['hello']);
    });

    it('hears tabs the agent focuses or closes in the console', async () => {
      const { scripted, heard } = await connectRig();
      scripted.send(bridgeEvent('tabFocused', 'b-50', { tab: { tabId: 'ctab0', recordId: CASE_ID, objectType: 'Case', title: '00001026', focused: true } }));
      scripted.send(bridgeEvent('tabClosed', 'b-51', { tabId: 'ctab0', recordId: CASE_ID }));
      await heard.until(() => heard.events.length === 3);
      expect(heard.kinds()).to.deep.equal(['hello', 'tabFocused', 'tabClosed']);
      expect(heard.events[2]?.replyTo).to.equal(undefined);
    });
  });

  describe('Omni-Channel work and presence', () => {
    it('delivers an assigned work item once, even when Omni-Channel repeats the assignment', async () => {
      const { scripted, heard } = await connectRig();
      scripted.send(bridgeEvent('workAssigned', 'b-1', { work: CHAT_WORK }));
      scripted.send(bridgeEvent('workAssigned', 'b-2', { work: CHAT_WORK }));
      scripted.send(bridgeEvent('workAssigned', 'b-3', { work: { ...CHAT_WORK, workId: WORK_2_ID, workItemId: CHAT_2_ID } }));
      await heard.until(() => heard.events.some((e) => e.kind === 'workAssigned' && e.body.work.workId === WORK_2_ID));
      const assigned = heard.events.filter((e) => e.kind === 'workAssigned');
      expect(assigned.map((e) => e.kind === 'workAssigned' && e.body.work.workId)).to.deep.equal([WORK_ID, WORK_2_ID]);
      expect(assigned[0]?.body).to.deep.equal({ work: CHAT_WORK });
    });

    it('does not deliver again a work item the bridge already listed in its hello', async () => {
      const { scripted, heard, bridge } = await connectRig({ present: false });
      scripted.present = true;
      scripted.send({ ...scripted.hello(), body: { ...scripted.hello().body, works: [{ ...CHAT_WORK, accepted: true }] } });
      await heard.until(() => bridge.state === 'connected');
      scripted.send(bridgeEvent('workAssigned', 'b-4', { work: CHAT_WORK }));
      scripted.send(bridgeEvent('presenceChanged', 'b-5', { statusId: BUSY_ID, statusName: 'Busy' }));
      await heard.until(() => heard.kinds().includes('presenceChanged'));
      expect(heard.kinds()).to.deep.equal(['hello', 'presenceChanged']);
      expect(bridge.snapshot.works.map((w) => w.workId)).to.deep.equal([WORK_ID]);
    });

    it('accepts, declines with a reason and closes work, settling on the bridge\'s replies', async () => {
      const { bridge, scripted } = await connectRig();
      const accepted = await bridge.acceptWork(WORK_ID);
      expect(accepted.body).to.deep.equal({ workId: WORK_ID, workItemId: CHAT_ID });
      const declined = await bridge.declineWork(WORK_2_ID, 'Not my language');
      expect(declined.kind).to.equal('workDeclined');
      expect(scripted.requests.find((r) => r.kind === 'declineWork')?.body).to.deep.equal({ workId: WORK_2_ID, reason: 'Not my language' });
      const closed = await bridge.closeWork(WORK_ID);
      expect(closed.kind).to.equal('workClosed');
    });

    it('tells the listener once when an accepted work is reported twice (the reply and Omni-Channel\'s own event)', async () => {
      const { bridge, scripted, heard } = await connectRig();
      scripted.send(bridgeEvent('workAssigned', 'b-1', { work: CHAT_WORK }));
      await bridge.acceptWork(WORK_ID);
      scripted.send(bridgeEvent('workAccepted', 'b-2', { workId: WORK_ID, workItemId: CHAT_ID }));
      scripted.send(bridgeEvent('workAssigned', 'b-3', { work: CHAT_WORK }));
      await bridge.closeWork(WORK_ID);
      scripted.send(bridgeEvent('workClosed', 'b-4', { workId: WORK_ID, workItemId: CHAT_ID }));
      await bridge.focusTab('ctab0');
      expect(heard.kinds()).to.deep.equal(['hello', 'workAssigned', 'workAccepted', 'workClosed', 'tabFocused']);
    });

    it('rejects accept when Omni-Channel cannot deliver the work, and tells the listener so the item leaves the list', async () => {
      const { bridge, scripted, heard } = await connectRig();
      scripted.send(bridgeEvent('workAssigned', 'b-1', { work: CHAT_WORK }));
      await heard.until(() => heard.kinds().includes('workAssigned'));
      scripted.deliveryFailure = 'The chat visitor left before the chat was accepted';
      const error = await expectBridgeError(bridge.acceptWork(WORK_ID));
      expect(error.message).to.contain('could not be delivered: The chat visitor left');
      expect(heard.events.at(-1)).to.deep.include({ kind: 'workDeliveryFailed', body: { workId: WORK_ID, reason: 'The chat visitor left before the chat was accepted' } });
      // Omni-Channel may route the same work item back later as a new assignment: it is delivered again.
      scripted.send(bridgeEvent('workAssigned', 'b-9', { work: CHAT_WORK }));
      await heard.until(() => heard.kinds().filter((k) => k === 'workAssigned').length === 2);
    });

    it('sets the presence status or logs out of Omni-Channel, and hears presence changed in the console', async () => {
      const { bridge, scripted, heard } = await connectRig();
      expect((await bridge.setPresence(BUSY_ID)).body).to.deep.equal({ statusId: BUSY_ID, statusName: 'Busy' });
      expect((await bridge.setPresence(null)).body).to.deep.equal({ statusId: null, statusName: 'Offline' });
      scripted.send(bridgeEvent('presenceChanged', 'b-7', { statusId: AVAILABLE_ID, statusName: 'Available' }));
      await heard.until(() => heard.kinds().filter((k) => k === 'presenceChanged').length === 3);
      expect(heard.events.at(-1)?.body).to.deep.equal({ statusId: AVAILABLE_ID, statusName: 'Available' });
    });

    it('asks the bridge again for its state with sync()', async () => {
      const { bridge, scripted } = await connectRig();
      scripted.tabs.push({ tabId: 'ctab5', recordId: CHAT_ID, objectType: 'LiveChatTranscript', title: 'Chat', focused: false });
      const hello = await bridge.sync();
      expect(hello.body.tabs.map((t) => t.tabId)).to.deep.equal(['ctab0', 'ctab5']);
      expect(bridge.snapshot.tabs.map((t) => t.tabId)).to.deep.equal(['ctab0', 'ctab5']);
    });
  });

  describe('bad messages on the channel', () => {
    it('ignores malformed and unknown-version messages with a logged reason, and keeps working', async () => {
      const { bridge, scripted, heard } = await connectRig();
      const warnings = await capturingWarnings(async () => {
        scripted.send({ ...bridgeEvent('workAssigned', 'b-1', { work: CHAT_WORK }), version: 2 });
        scripted.send(bridgeEvent('workAssigned', 'b-2', { work: { ...CHAT_WORK, workItemId: 'not-an-id' } }));
        scripted.send('workAssigned');
        scripted.send({ version: 1, source: 'bridge', kind: 'selfDestruct', id: 'b-3', body: {} });
        scripted.send(null);
        await bridge.focusTab('ctab0');
      });
      expect(warnings).to.have.length(5);
      expect(warnings[0]).to.contain('unsupported protocol version 2');
      expect(warnings[1]).to.contain('workAssigned.work.workItemId is not a Salesforce id');
      expect(warnings[3]).to.contain('unknown event kind "selfDestruct"');
      expect(heard.kinds()).to.deep.equal(['hello', 'tabFocused']);
    });

    it('does not hear its own requests, echoed back by the message channel, as events', async () => {
      const { bridge, heard } = await connectRig();
      const warnings = await capturingWarnings(async () => {
        await bridge.openRecordTab(CASE_ID);
      });
      expect(warnings).to.deep.equal([]);
      expect(heard.kinds()).to.deep.equal(['hello', 'tabOpened']);
    });

    it('ignores a reply to a request it did not send, and keeps a listener failure from breaking the bridge', async () => {
      const { bridge, scripted, heard } = await connectRig();
      const original = heard.event.bind(heard);
      heard.event = (event) => {
        original(event);
        if (event.kind === 'tabFocused') throw new Error('listener bug');
      };
      const warnings = await capturingWarnings(async () => {
        scripted.send(bridgeEvent('error', 'b-1', { message: 'stale' }, 'someone-else-1'));
        await bridge.focusTab('ctab0');
        await bridge.closeTab('ctab0');
      });
      expect(warnings.join('\n')).to.contain('unknown request: stale');
      expect(warnings.join('\n')).to.contain('listener bug');
      expect(heard.kinds()).to.deep.equal(['hello', 'tabFocused', 'tabClosed']);
    });

    it('fails pending requests and hears nothing more once closed', async () => {
      const { bridge, scripted, heard } = await connectRig();
      scripted.silentOn.add('acceptWork');
      const failed = expectBridgeError(bridge.acceptWork(WORK_ID));
      await bridge.close();
      const error = await failed;
      expect(error.message).to.contain('stopped listening');
      expect(scripted.send(bridgeEvent('workAssigned', 'b-1', { work: CHAT_WORK }))).to.equal(false);
      expect(heard.kinds()).to.deep.equal(['hello']);
    });
  });
});
