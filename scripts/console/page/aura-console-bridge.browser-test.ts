/**
 * The SHIPPED console bridge (force-app/main/default/aura/ContactPadConsoleBridge: its markup,
 * controller and helper as they are in the repository) running in the Aura runtime over the
 * platform fakes: what an admin or agent would notice of it. ContactPad's side is played here by
 * a subscriber on the Lightning message service, so every message is visible.
 *
 * bridge-protocol.js (the built IIFE) is not loaded here: the ltng:require loader defines the
 * same window.ContactPadBridgeProtocol from the TypeScript module the build wraps
 * (aura-test-platform.ts). The console page (scripts/console/console-bridge.test.ts) loads the
 * built file.
 */
import { expect } from '@open-wc/testing';
import {
  BRIDGE_CHANNEL,
  BRIDGE_PROTOCOL_VERSION,
  bridgeEvent,
  bridgeRequest,
  parseBridgeMessage,
  type BridgeEvent,
  type ContactPadRequestBodies,
  type ContactPadRequestKind,
} from '../../../adapter/src/host/console-bridge-protocol.ts';
import { fakeOrg } from '../../../adapter/test-support/fake-org.ts';
import { waitUntil } from '../../../adapter/test-support/wait-for.ts';
import { bridgeProtocolGlobal, defineBridgeProtocolGlobal } from '../../build/bridge-protocol-global.ts';
import { AuraRuntime, type AuraBundleSources } from './aura-runtime.ts';
import { startAuraConsoleBridge, type AuraConsoleBridge } from './aura-console-bridge.ts';
import { fetchShippedBridgeBundle, loadBridgeProtocolFromTypeScript } from './aura-test-platform.ts';
import { ConsoleWorkspace } from './console-workspace.ts';
import { LightningMessageService, messageChannelComponent } from './message-channel-fake.ts';
import { OmniChannel } from './omni-channel.ts';
import { OMNI_PRESENCE_STATUSES, OmniPresence } from './omni-presence.ts';
import { RestClient } from './rest-client.ts';

declare const describe: (title: string, body: () => void) => void;
declare const it: (title: string, body: () => void | Promise<void>) => void;
declare const afterEach: (body: () => void | Promise<void>) => void;

const MESSAGING_SESSION_ID = '0Mw000000000001AAA';
const LEAD_ID = '00Q000000000001AAA';
const AVAILABLE = OMNI_PRESENCE_STATUSES.find((status) => status.apiName === 'Available')!;
const BUSY = OMNI_PRESENCE_STATUSES.find((status) => status.apiName === 'Busy')!;

interface Rig {
  bridge: AuraConsoleBridge;
  omni: OmniChannel;
  workspace: ConsoleWorkspace;
  messages: LightningMessageService;
  orgId: string;
  /** Every message ContactPad's side heard on the bridge channel. */
  heard: unknown[];
}

let cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

async function startRig(options: { loadScript?: (url: string, win: Record<string, unknown>) => Promise<void>; bundle?: AuraBundleSources } = {}): Promise<Rig> {
  const org = await fakeOrg.createOrg('demo');
  const workspace = new ConsoleWorkspace(new RestClient('68.0', org.accessToken));
  const omni = new OmniChannel();
  const messages = new LightningMessageService();
  const heard: unknown[] = [];
  cleanups.push(messages.subscribe(BRIDGE_CHANNEL, (message) => heard.push(message)));
  const bridge = await startAuraConsoleBridge({
    workspace,
    omni,
    messages,
    bundle: options.bundle ?? (await fetchShippedBridgeBundle()),
    resourceUrl: (name) => `/resource/${name}`,
    loadScript: options.loadScript ?? loadBridgeProtocolFromTypeScript,
  });
  cleanups.push(() => bridge.stop());
  return { bridge, omni, workspace, messages, orgId: org.orgId, heard };
}

/** The bridge's messages ContactPad heard, validated by the protocol's parser. */
function fromBridge(rig: Rig): BridgeEvent[] {
  return rig.heard.flatMap((raw) => {
    const parsed = parseBridgeMessage(raw);
    return parsed.ok && parsed.message.source === 'bridge' ? [parsed.message as BridgeEvent] : [];
  });
}

function unasked<K extends BridgeEvent['kind']>(rig: Rig, kind: K): Extract<BridgeEvent, { kind: K }>[] {
  return fromBridge(rig).filter((event): event is Extract<BridgeEvent, { kind: K }> => event.kind === kind && event.replyTo === undefined);
}

let serial = 0;

/** Publishes a request as ContactPad does and resolves with the bridge's one answer to it. */
async function ask<K extends ContactPadRequestKind>(rig: Rig, kind: K, body: ContactPadRequestBodies[K]): Promise<BridgeEvent> {
  const id = `cp-test-${++serial}`;
  rig.messages.publish(BRIDGE_CHANNEL, bridgeRequest(kind, id, body));
  await waitUntil(() => fromBridge(rig).some((event) => event.replyTo === id), `the bridge's answer to ${kind}`);
  const answers = fromBridge(rig).filter((event) => event.replyTo === id);
  expect(answers, `one answer to ${kind}`).to.have.length(1);
  return answers[0]!;
}

async function firstRecordId(orgId: string, sobject: string): Promise<string> {
  const records = await fakeOrg.records(orgId, sobject);
  return String(records[0]!['Id']);
}

function expectNoProblems(rig: Rig): void {
  expect(rig.bridge.problems, 'no action threw and every callback ran inside $A.getCallback').to.deep.equal([]);
}

describe('the shipped console bridge (Aura component run by the Aura runtime)', () => {
  it('says hello on its own once bridge-protocol.js has loaded: console tabs and Omni-Channel, no tabs or works yet, logged out', async () => {
    const rig = await startRig();
    await rig.bridge.component.scriptsLoaded;
    await waitUntil(() => unasked(rig, 'hello').length === 1, 'the unasked hello');
    const hello = unasked(rig, 'hello')[0]!;
    expect(hello.version).to.equal(BRIDGE_PROTOCOL_VERSION);
    expect(hello.body).to.deep.equal({ capabilities: ['tabs', 'omni'], tabs: [], works: [], presence: null });
    expect(rig.bridge.status).to.equal('Connected');
    expectNoProblems(rig);
  });

  it('answers hello with the open tabs, the works Omni-Channel lists (accepted or not) and the presence', async () => {
    const rig = await startRig();
    const caseId = await firstRecordId(rig.orgId, 'Case');
    await rig.workspace.openRecord(caseId);
    rig.omni.presence.set(AVAILABLE, 'user');
    const waiting = rig.omni.route({ workItemId: MESSAGING_SESSION_ID, kind: 'messaging', customerName: 'Ada' });
    const accepted = rig.omni.route({ workItemId: caseId, kind: 'email', customerName: 'Bo' });
    rig.omni.work.accept(accepted.workId, 'agent');
    const hello = await ask(rig, 'hello', {});
    if (hello.kind !== 'hello') throw new Error(`expected hello, got ${hello.kind}`);
    expect(hello.body.tabs).to.deep.equal([{ tabId: rig.workspace.activeTab.key, recordId: caseId, objectType: 'Case', title: rig.workspace.activeTab.title, focused: true }]);
    expect(hello.body.works).to.deep.equal([
      { workId: waiting.workId, workItemId: MESSAGING_SESSION_ID, accepted: false },
      { workId: accepted.workId, workItemId: caseId, accepted: true },
    ]);
    expect(hello.body.presence).to.deep.equal({ statusId: AVAILABLE.id, statusName: 'Available' });
    expectNoProblems(rig);
  });

  it('forwards every work item Omni-Channel assigns, whatever its object: a Messaging session, a Case, a Lead', async () => {
    const rig = await startRig();
    await rig.bridge.component.scriptsLoaded;
    const caseId = await firstRecordId(rig.orgId, 'Case');
    const routed = [MESSAGING_SESSION_ID, caseId, LEAD_ID].map((workItemId) => rig.omni.route({ workItemId, kind: 'other', customerName: '' }));
    await waitUntil(() => unasked(rig, 'workAssigned').length === 3, 'three work assignments');
    expect(unasked(rig, 'workAssigned').map((event) => event.body)).to.deep.equal(
      routed.map((item) => ({ work: { workId: item.workId, workItemId: item.workItemId, accepted: false } })),
    );
    expectNoProblems(rig);
  });

  it('accepts work; asked again for work Omni-Channel accepted on its own, it answers accepted, not failed', async () => {
    const rig = await startRig();
    const mine = rig.omni.route({ workItemId: MESSAGING_SESSION_ID, kind: 'messaging', customerName: '' });
    const accepted = await ask(rig, 'acceptWork', { workId: mine.workId });
    expect(accepted.kind).to.equal('workAccepted');
    expect(accepted.body).to.deep.equal({ workId: mine.workId, workItemId: MESSAGING_SESSION_ID });
    expect(rig.omni.work.find(mine.workId)?.acceptedBy).to.equal('agent');

    rig.omni.autoAccept = true;
    const auto = rig.omni.route({ workItemId: LEAD_ID, kind: 'other', customerName: '' });
    await waitUntil(() => unasked(rig, 'workAccepted').some((event) => event.body.workId === auto.workId), 'Omni-Channel accepting on its own');
    const again = await ask(rig, 'acceptWork', { workId: auto.workId });
    expect(again.kind, 'acceptAgentWork refuses work accepted already; Omni-Channel lists it engaged').to.equal('workAccepted');
    expect(again.body).to.deep.equal({ workId: auto.workId, workItemId: LEAD_ID });
    expectNoProblems(rig);
  });

  it('answers delivery failed for work that can no longer be delivered, with Omni-Channel\'s reason', async () => {
    const rig = await startRig();
    const gone = rig.omni.route({ workItemId: MESSAGING_SESSION_ID, kind: 'messaging', customerName: '' });
    rig.omni.cannotDeliver(gone.workId);
    const failed = await ask(rig, 'acceptWork', { workId: gone.workId });
    expect(failed.kind).to.equal('workDeliveryFailed');
    if (failed.kind !== 'workDeliveryFailed') return;
    expect(failed.body.workId).to.equal(gone.workId);
    expect(failed.body.reason).to.contain('cannot be accepted');
    expectNoProblems(rig);
  });

  it('declines with the agent\'s reason and closes work; Omni-Channel\'s own events follow', async () => {
    const rig = await startRig();
    const declined = rig.omni.route({ workItemId: MESSAGING_SESSION_ID, kind: 'messaging', customerName: '' });
    const answer = await ask(rig, 'declineWork', { workId: declined.workId, reason: 'Not my language' });
    expect(answer.kind).to.equal('workDeclined');
    expect(answer.body).to.deep.equal({ workId: declined.workId, workItemId: MESSAGING_SESSION_ID });
    expect(rig.omni.work.find(declined.workId)).to.include({ state: 'declined', declineReason: 'Not my language' });
    await waitUntil(() => unasked(rig, 'workDeclined').length === 1, 'lightning:omniChannelWorkDeclined forwarded');

    const closed = rig.omni.route({ workItemId: LEAD_ID, kind: 'other', customerName: '' });
    expect((await ask(rig, 'acceptWork', { workId: closed.workId })).kind).to.equal('workAccepted');
    expect((await ask(rig, 'closeWork', { workId: closed.workId })).body).to.deep.equal({ workId: closed.workId, workItemId: LEAD_ID });
    expect(rig.omni.work.find(closed.workId)?.state).to.equal('closed');
    const refused = await ask(rig, 'declineWork', { workId: closed.workId, reason: 'late' });
    expect(refused.kind, 'Omni-Channel refuses to decline closed work').to.equal('error');
    expectNoProblems(rig);
  });

  it('opens, focuses and closes record tabs, and reports the agent\'s own tab changes', async () => {
    const rig = await startRig();
    const caseId = await firstRecordId(rig.orgId, 'Case');
    const leadId = await firstRecordId(rig.orgId, 'Lead');
    const opened = await ask(rig, 'openTab', { recordId: caseId, focus: true });
    if (opened.kind !== 'tabOpened') throw new Error(`expected tabOpened, got ${JSON.stringify(opened)}`);
    expect(opened.body.tab).to.include({ recordId: caseId, objectType: 'Case', focused: true });
    const behind = await ask(rig, 'openTab', { recordId: leadId, focus: false });
    if (behind.kind !== 'tabOpened') throw new Error('expected tabOpened');
    expect(behind.body.tab).to.include({ recordId: leadId, objectType: 'Lead', focused: false });
    expect(rig.workspace.activeTab.key).to.equal(opened.body.tab.tabId);

    const focused = await ask(rig, 'focusTab', { tabId: behind.body.tab.tabId });
    expect(focused.kind).to.equal('tabFocused');
    expect(rig.workspace.activeTab.key).to.equal(behind.body.tab.tabId);
    const closed = await ask(rig, 'closeTab', { tabId: behind.body.tab.tabId });
    expect(closed.body).to.deep.equal({ tabId: behind.body.tab.tabId, recordId: leadId });
    expect(rig.workspace.tabByKey(behind.body.tab.tabId)).to.equal(undefined);

    // The agent closes the Case tab by hand: the console's own event names the record.
    rig.workspace.closeTab(opened.body.tab.tabId);
    await waitUntil(() => unasked(rig, 'tabClosed').some((event) => event.body.tabId === opened.body.tab.tabId), 'the agent\'s close reported');
    expect(unasked(rig, 'tabClosed').find((event) => event.body.tabId === opened.body.tab.tabId)?.body).to.deep.equal({ tabId: opened.body.tab.tabId, recordId: caseId });

    const unknown = await ask(rig, 'focusTab', { tabId: 'ctab999' });
    expect(unknown.kind).to.equal('error');
    expectNoProblems(rig);
  });

  it('sets presence and logs out of Omni-Channel; the agent\'s own change is reported, Omni-Channel\'s echo of ContactPad\'s is not', async () => {
    const rig = await startRig();
    await rig.bridge.component.scriptsLoaded;
    const busy = await ask(rig, 'setPresence', { statusId: BUSY.id });
    expect(busy.body).to.deep.equal({ statusId: BUSY.id, statusName: 'Busy' });
    expect(rig.omni.presence.current.apiName).to.equal('Busy');
    rig.omni.presence.set(AVAILABLE, 'user');
    await waitUntil(() => unasked(rig, 'presenceChanged').length === 1, 'the agent\'s change');
    expect(unasked(rig, 'presenceChanged')[0]!.body).to.deep.equal({ statusId: AVAILABLE.id, statusName: 'Available' });
    const offline = await ask(rig, 'setPresence', { statusId: null });
    expect(offline.body).to.deep.equal({ statusId: null, statusName: 'Offline' });
    expect(rig.omni.presence.current.id).to.equal(null);
    const unknown = await ask(rig, 'setPresence', { statusId: '0N5000000000999AAA' });
    expect(unknown.kind).to.equal('error');
    expect(unasked(rig, 'presenceChanged'), 'only the agent\'s own change was reported').to.have.length(1);
    expectNoProblems(rig);
  });

  it('ignores a request of another protocol version, answers a malformed one of its own version with the parser\'s reason', async () => {
    const rig = await startRig();
    await rig.bridge.component.scriptsLoaded;
    rig.messages.publish(BRIDGE_CHANNEL, { ...bridgeRequest('hello', 'other-version', {}), version: BRIDGE_PROTOCOL_VERSION + 1 });
    rig.messages.publish(BRIDGE_CHANNEL, 'hello');
    rig.messages.publish(BRIDGE_CHANNEL, bridgeRequest('openTab', 'bad-id', { recordId: "'; DROP TABLE", focus: true }));
    rig.messages.publish(BRIDGE_CHANNEL, { version: BRIDGE_PROTOCOL_VERSION, source: 'contactpad', kind: 'openEverything', id: 'bad-kind', body: {} });
    await waitUntil(() => fromBridge(rig).filter((event) => event.kind === 'error').length === 2, 'two refusals');
    const refusals = fromBridge(rig).filter((event) => event.kind === 'error');
    expect(refusals.map((event) => event.replyTo)).to.deep.equal(['bad-id', 'bad-kind']);
    expect(refusals[0]!.body).to.deep.include({ message: 'Refused: openTab.recordId is not a Salesforce id' });
    expect(fromBridge(rig).some((event) => event.replyTo === 'other-version'), 'another version is not answered').to.equal(false);
    expect(rig.bridge.ignored.map((entry) => entry.reason).join('\n')).to.contain(`unsupported protocol version ${BRIDGE_PROTOCOL_VERSION + 1}`);
    expect(rig.workspace.tabs.map((tab) => tab.kind)).to.deep.equal(['tasks']);
    expectNoProblems(rig);
  });

  it('answers a request that came before bridge-protocol.js had loaded, once it has', async () => {
    let release!: () => void;
    const loaded = new Promise<void>((resolve) => {
      release = resolve;
    });
    const rig = await startRig({
      loadScript: async (url, win) => {
        await loaded;
        await loadBridgeProtocolFromTypeScript(url, win);
      },
    });
    rig.messages.publish(BRIDGE_CHANNEL, bridgeRequest('hello', 'early-hello', {}));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(rig.heard.filter((message) => (message as { source?: string }).source === 'bridge'), 'nothing before the protocol loaded').to.deep.equal([]);
    expect(rig.bridge.status).to.equal('Loading');
    release();
    await waitUntil(() => fromBridge(rig).some((event) => event.replyTo === 'early-hello'), 'the early hello answered');
    expectNoProblems(rig);
  });

  it('has no protocol of its own: it speaks the version of the protocol script it loaded', async () => {
    // A protocol script of another (made-up) version: same parser and builder, version 7.
    const other = {
      ...bridgeProtocolGlobal,
      version: 7,
      parseBridgeMessage: (raw: unknown) => {
        const message = raw as { version?: unknown };
        if (message?.version !== 7) return { ok: false, reason: `unsupported protocol version ${String(message?.version)} (this protocol speaks 7)` };
        return bridgeProtocolGlobal.parseBridgeMessage({ ...message, version: BRIDGE_PROTOCOL_VERSION });
      },
      bridgeEvent: (...args: Parameters<typeof bridgeEvent>) => ({ ...bridgeProtocolGlobal.bridgeEvent(...args), version: 7 }),
    };
    const rig = await startRig({
      loadScript: async (_url, win) => {
        win['ContactPadBridgeProtocol'] = Object.freeze(other);
      },
    });
    await rig.bridge.component.scriptsLoaded;
    rig.messages.publish(BRIDGE_CHANNEL, { ...bridgeRequest('hello', 'v7-hello', {}), version: 7 });
    rig.messages.publish(BRIDGE_CHANNEL, bridgeRequest('hello', `v${BRIDGE_PROTOCOL_VERSION}-hello`, {}));
    await waitUntil(() => rig.heard.some((message) => (message as { replyTo?: string }).replyTo === 'v7-hello'), 'the version-7 hello answered');
    const answer = rig.heard.find((message) => (message as { replyTo?: string }).replyTo === 'v7-hello') as { version: number; kind: string };
    expect(answer).to.include({ version: 7, kind: 'hello' });
    expect(rig.heard.some((message) => (message as { replyTo?: string }).replyTo === `v${BRIDGE_PROTOCOL_VERSION}-hello`), 'its "own" version is not known to it').to.equal(false);
    expectNoProblems(rig);
  });

  it('reads the protocol from window, where the script put it, not from a global of the page', async () => {
    const sources = await fetchShippedBridgeBundle();
    expect(sources.helper).to.contain('window.ContactPadBridgeProtocol');
    expect((window as unknown as Record<string, unknown>)['ContactPadBridgeProtocol'], 'the test page has no such global').to.equal(undefined);
    const rig = await startRig({ bundle: sources });
    await rig.bridge.component.scriptsLoaded;
    expect(rig.bridge.component.namespaceWindow['ContactPadBridgeProtocol']).to.equal(bridgeProtocolGlobal);
    expect((window as unknown as Record<string, unknown>)['ContactPadBridgeProtocol'], 'the namespace keeps it').to.equal(undefined);
  });
});

describe('the Aura runtime itself', () => {
  const markup = `<aura:component>
    <aura:attribute name="status" type="String" default="new"/>
    <lightning:messageChannel aura:id="channel" type="Test__c"/>
    <aura:handler name="init" value="{!this}" action="{!c.onInit}"/>
  </aura:component>`;

  it('records a component touched in a promise callback that is not wrapped in $A.getCallback', async () => {
    const messages = new LightningMessageService();
    const runtime = new AuraRuntime({
      baseComponents: { 'lightning:messageChannel': messageChannelComponent(messages) },
      resourceUrl: (name) => `/resource/${name}`,
      loadScript: async () => undefined,
    });
    const component = runtime.create({
      name: 'Sloppy',
      markup,
      controller: `({ onInit: function (cmp, event, helper) { helper.later(cmp); } })`,
      helper: `({
        later: function (cmp) {
          Promise.resolve().then(function () { cmp.set('v.status', 'unwrapped'); });
          Promise.resolve().then($A.getCallback(function () { cmp.find('channel').publish({ ok: true }); }));
        }
      })`,
    });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(runtime.problems.map((problem) => problem.kind)).to.deep.equal(['lifecycle-violation']);
    expect(runtime.problems[0]!.message).to.contain("set('v.status')");
    expect(messages.messages).to.deep.equal([{ channelName: 'Test__c', message: { ok: true } }]);
    component.destroy();
  });

  it('refuses markup with a base component it has no fake for, and code that is not an object literal', () => {
    const runtime = new AuraRuntime({ baseComponents: {}, resourceUrl: (name) => name, loadScript: async () => undefined });
    expect(() => runtime.create({ name: 'X', markup, controller: '({ onInit: function () {} })', helper: '({})' })).to.throw(/no fake for <lightning:messageChannel>/);
    const plain = '<aura:component><aura:handler name="init" value="{!this}" action="{!c.onInit}"/></aura:component>';
    expect(() => runtime.create({ name: 'Y', markup: plain, controller: 'function () {}', helper: '({})' })).to.throw();
    expect(() => runtime.create({ name: 'Z', markup: plain, controller: '({})', helper: '({})' })).to.throw(/no action onInit/);
  });

  it('runs the bridge-protocol script with the namespace window, as ltng:require does', async () => {
    const win: Record<string, unknown> = {};
    defineBridgeProtocolGlobal(win);
    expect(win['ContactPadBridgeProtocol']).to.equal(bridgeProtocolGlobal);
    expect(OmniPresence.byId(null)?.apiName).to.equal('Offline');
  });
});
