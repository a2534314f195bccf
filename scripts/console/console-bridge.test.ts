/**
 * The console bridge in the local console, end to end: the console page in Debian's Chromium
 * runs force-app's SHIPPED ContactPadConsoleBridge (markup, controller, helper, as served from
 * force-app) in its Aura runtime, with the built bridge-protocol.js from the contactpad static
 * resource, over the workspace API, Omni-Channel toolkit and message channel fakes; the fake Open
 * CTI carries the Lightning message channel to the softphone frame; the fake org holds the
 * records. A script in the softphone frame (`?contactpad=off`) plays ContactPad: it subscribes
 * to the bridge channel and publishes requests through `sforce.opencti`, exactly as ContactPad does.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type Browser, type BrowserContext, type Frame, type Page } from 'playwright-core';
import {
  BRIDGE_CHANNEL,
  BRIDGE_PROTOCOL_VERSION,
  parseBridgeMessage,
  type BridgeEvent,
  type ContactPadRequestBodies,
  type ContactPadRequestKind,
} from '../../adapter/src/host/console-bridge-protocol.ts';
import { FakeOrgClient } from '../fake-org/client.ts';
import { startConsole, type RunningConsole } from './console-server.ts';
import { LOCAL_AGENT, LOCAL_SESSION_ID } from './local-session.ts';
import { launchChromium } from './test-browser.ts';
import { CONSOLE_BRIDGE_TEST_PORTS } from '../test-ports.ts';

const { web: PORT, sipWs: SIP_WS_PORT, sipUdp: SIP_UDP_PORT } = CONSOLE_BRIDGE_TEST_PORTS;
const API = 'services/data/v62.0';

let consoleServer: RunningConsole;
let browser: Browser;
let context: BrowserContext;
let fakeOrg: FakeOrgClient;

/** What the fake ContactPad in the softphone frame keeps: every message delivered on the channel. */
interface FakeContactPad {
  received: unknown[];
  publish(message: unknown): Promise<{ success: boolean; errors: unknown }>;
  roundTrip(): Promise<void>;
}

declare global {
  interface Window {
    fakeContactPad?: FakeContactPad;
  }
}

async function createRecord(type: string, fields: Record<string, unknown>): Promise<{ id: string; record: Record<string, unknown> }> {
  const headers = { Authorization: `Bearer ${LOCAL_SESSION_ID}`, 'Content-Type': 'application/json' };
  const created = await fetch(`${consoleServer.url}${API}/sobjects/${type}`, { method: 'POST', headers, body: JSON.stringify(fields) });
  assert.equal(created.status, 201, await created.clone().text());
  const { id } = (await created.json()) as { id: string };
  const read = await fetch(`${consoleServer.url}${API}/sobjects/${type}/${id}`, { headers });
  return { id, record: (await read.json()) as Record<string, unknown> };
}

/**
 * Opens the console with a passive softphone (Open CTI only) and installs the fake ContactPad:
 * subscribed to the bridge channel before the test publishes anything.
 */
async function openConsole(options: { bridge?: 'off' } = {}): Promise<{ page: Page; softphone: Frame }> {
  const query = new URLSearchParams({ refresh: '0', contactpad: 'off' });
  if (options.bridge) query.set('bridge', options.bridge);
  const page = await context.newPage();
  await page.goto(`${consoleServer.url}?${query}`);
  await page.waitForFunction(() => window.localConsole?.openCtiConnected === true);
  const softphone = page.frame({ name: 'softphone' });
  assert.ok(softphone, 'the softphone iframe is on the page');
  await softphone.waitForFunction(() => window.sforce?.opencti !== undefined);
  await softphone.evaluate(
    (channelName) =>
      new Promise<void>((done, fail) => {
        const opencti = window.sforce!.opencti as unknown as Record<string, (args: Record<string, unknown>) => void>;
        const received: unknown[] = [];
        window.fakeContactPad = {
          received,
          publish: (message) => new Promise((answered) => opencti['publish']!({ channelName, message, callback: answered })),
          roundTrip: () => new Promise((answered) => opencti['getCallCenterSettings']!({ callback: () => answered() })),
        };
        opencti['subscribe']!({
          channelName,
          listener: (message: unknown) => received.push(message),
          callback: (result: { success: boolean }) => (result.success ? done() : fail(new Error('subscribe failed'))),
        });
      }),
    BRIDGE_CHANNEL,
  );
  if (options.bridge !== 'off') await page.waitForFunction(() => window.localConsole!.bridge.status === 'Connected');
  return { page, softphone };
}

let requestSerial = 0;

/** Publishes a ContactPad request and returns the bridge's answer to it (validated by the protocol's parser). */
async function ask<K extends ContactPadRequestKind>(softphone: Frame, kind: K, body: ContactPadRequestBodies[K]): Promise<BridgeEvent> {
  const id = `test-${++requestSerial}`;
  const published = await softphone.evaluate((message) => window.fakeContactPad!.publish(message), { version: BRIDGE_PROTOCOL_VERSION, source: 'contactpad', kind, id, body });
  assert.equal(published.success, true, JSON.stringify(published.errors));
  const answer = await softphone.waitForFunction((replyTo) => window.fakeContactPad!.received.find((message) => (message as { replyTo?: string }).replyTo === replyTo), id);
  return bridgeMessage(await answer.jsonValue());
}

/** Every bridge message ContactPad has received so far, validated. */
async function received(softphone: Frame): Promise<BridgeEvent[]> {
  const all = await softphone.evaluate(() => window.fakeContactPad!.received);
  return all.filter((message) => (message as { source?: string }).source === 'bridge').map(bridgeMessage);
}

/** Waits for the bridge's next unasked event of this kind after `already` such events. */
async function nextEvent(softphone: Frame, kind: string, already = 0): Promise<BridgeEvent> {
  const found = await softphone.waitForFunction(
    ({ kind, already }) => {
      const matching = window.fakeContactPad!.received.filter((message) => {
        const m = message as { source?: string; kind?: string; replyTo?: string };
        return m.source === 'bridge' && m.kind === kind && m.replyTo === undefined;
      });
      return matching[already];
    },
    { kind, already },
  );
  return bridgeMessage(await found.jsonValue());
}

async function countEvents(softphone: Frame, kind: string): Promise<number> {
  return (await received(softphone)).filter((message) => message.kind === kind && message.replyTo === undefined).length;
}

function bridgeMessage(raw: unknown): BridgeEvent {
  const parsed = parseBridgeMessage(raw);
  assert.ok(parsed.ok, `the bridge speaks the protocol: ${parsed.ok ? '' : parsed.reason}`);
  assert.equal(parsed.message.source, 'bridge');
  return parsed.message as BridgeEvent;
}

type WorkKind = 'messaging' | 'chat' | 'email' | 'case' | 'other';

/** Routes work from the Omni-Channel simulator panel; resolves with the new item's work id and record. */
async function routeWork(page: Page, work: { kind: WorkKind; customerName: string; recordId?: string }): Promise<{ workId: string; workItemId: string }> {
  const before = await page.evaluate(() => window.localConsole!.bridge.workItems.length);
  await page.getByTestId('omni-channel').selectOption(work.kind);
  await page.getByTestId('omni-customer-name').fill(work.customerName);
  await page.getByTestId('omni-record-id').fill(work.recordId ?? '');
  await page.getByTestId('omni-route').click();
  const routed = await page.waitForFunction((n) => window.localConsole!.bridge.workItems[n], before).catch(async (error: unknown) => {
    const shown = await page.getByTestId('omni-error').textContent().catch(() => '');
    throw new Error(`Routing ${work.kind} failed: ${shown ?? ''} (${String(error)})`);
  });
  return (await routed.jsonValue()) as { workId: string; workItemId: string };
}

function workRow(page: Page, workId: string) {
  return page.locator(`[data-testid="omni-work-item"][data-work-id="${workId}"]`);
}

/** The shipped component ran without an action throwing or a callback outside $A.getCallback. */
async function assertNoProblems(page: Page): Promise<void> {
  assert.deepEqual(await page.evaluate(() => window.localConsole!.bridge.problems), []);
}

before(async () => {
  consoleServer = await startConsole({ port: PORT, sipWsPort: SIP_WS_PORT, sipUdpPort: SIP_UDP_PORT, name: 'console-bridge-test' });
  fakeOrg = new FakeOrgClient(consoleServer.url.replace(/\/$/, ''));
  browser = await launchChromium();
  context = await browser.newContext();
});

after(async () => {
  await browser?.close();
  await consoleServer?.stop();
});

describe('the shipped console bridge in the local console: hello and record tabs', () => {
  it('serves the shipped Aura files and the built bridge-protocol.js the component loads', async () => {
    for (const file of ['ContactPadConsoleBridge.cmp', 'ContactPadConsoleBridgeController.js', 'ContactPadConsoleBridgeHelper.js']) {
      const response = await fetch(`${consoleServer.url}console/aura/ContactPadConsoleBridge/${file}`);
      assert.equal(response.status, 200, file);
    }
    const script = await fetch(`${consoleServer.url}resource/contactpad/bridge-protocol.js`);
    assert.equal(script.status, 200);
    assert.match(await script.text(), /ContactPadBridgeProtocol/);
  });

  it('answers ContactPad\'s hello: console tabs and Omni-Channel, no workspace tab open, the agent logged out of Omni-Channel', async () => {
    const { page, softphone } = await openConsole();
    const hello = await ask(softphone, 'hello', {});
    assert.ok(hello.kind === 'hello');
    assert.equal(hello.version, 2, 'the version ContactPad speaks: a bump is a conscious change here');
    assert.deepEqual([...hello.body.capabilities].sort(), ['omni', 'tabs']);
    assert.equal(hello.body.presence, null, 'logged out: Omni-Channel has no status to report');
    assert.deepEqual(hello.body.tabs, [], 'the Tasks home is a navigation item, not a workspace tab');
    assert.deepEqual(hello.body.works, []);
    assert.equal(await page.getByTestId('bridge-status').textContent(), 'Console bridge on');
    const hooks = await page.evaluate(() => window.localConsole!.bridge);
    assert.equal(hooks.enabled, true);
    assert.equal(hooks.status, 'Connected');
    assert.equal(hooks.channelName, BRIDGE_CHANNEL);
    assert.deepEqual(hooks.requests.map((request) => request.kind), ['hello']);
    assert.ok(hooks.events.some((event) => event.replyTo === hooks.requests[0]!.id && event.kind === 'hello'));
    await assertNoProblems(page);
    await page.close();
  });

  it('opens a record tab titled by the record on request and replies with its tab id; focus false opens it behind', async () => {
    const chat = await createRecord('LiveChatTranscript', { Status: 'InProgress', Body: 'Where is my parcel?' });
    const kase = await createRecord('Case', { Subject: 'Parcel lost', Origin: 'Email' });
    const { page, softphone } = await openConsole();
    const opened = await ask(softphone, 'openTab', { recordId: chat.id, focus: true });
    assert.ok(opened.kind === 'tabOpened', JSON.stringify(opened));
    assert.equal(opened.body.tab.title, chat.record['Name']);
    assert.equal(opened.body.tab.recordId, chat.id);
    assert.equal(opened.body.tab.objectType, 'LiveChatTranscript');
    assert.equal(opened.body.tab.focused, true);
    const tab = page.getByRole('tab', { name: String(chat.record['Name']), exact: true });
    assert.equal(await tab.getAttribute('aria-selected'), 'true');
    const shown = await page.evaluate(() => window.localConsole!.tabs.find((entry) => entry.active));
    assert.equal(shown?.tabId, opened.body.tab.tabId);

    const behind = await ask(softphone, 'openTab', { recordId: kase.id, focus: false });
    assert.ok(behind.kind === 'tabOpened');
    assert.equal(behind.body.tab.title, kase.record['CaseNumber']);
    assert.equal(behind.body.tab.focused, false);
    assert.notEqual(behind.body.tab.tabId, opened.body.tab.tabId);
    assert.equal(await page.getByRole('tab', { name: String(kase.record['CaseNumber']), exact: true }).getAttribute('aria-selected'), 'false');
    assert.equal(await tab.getAttribute('aria-selected'), 'true');

    const again = await ask(softphone, 'openTab', { recordId: chat.id, focus: true });
    assert.ok(again.kind === 'tabOpened');
    assert.equal(again.body.tab.tabId, opened.body.tab.tabId, 'one tab per record');
    await assertNoProblems(page);
    await page.close();
  });

  it('refuses to open an id of no object of the org, and opens a deleted record\'s tab showing the error as Lightning does', async () => {
    const { page, softphone } = await openConsole();
    const unknown = await ask(softphone, 'openTab', { recordId: 'zz9000000000001AAA', focus: true });
    assert.ok(unknown.kind === 'error', JSON.stringify(unknown));
    assert.deepEqual((await page.evaluate(() => window.localConsole!.tabs)).map((tab) => tab.kind), ['tasks']);
    const gone = await ask(softphone, 'openTab', { recordId: '500000000000999AAA', focus: true });
    assert.ok(gone.kind === 'tabOpened', JSON.stringify(gone));
    assert.equal(gone.body.tab.recordId, '500000000000999AAA');
    await page.getByRole('tabpanel').getByText(/NOT_FOUND|not found|does not exist/i).first().waitFor();
    await page.close();
  });

  it('reports the agent focusing a tab by hand and closing one with its ×, and focuses and closes tabs on request', async () => {
    const first = await createRecord('Case', { Subject: 'First case', Origin: 'Web' });
    const second = await createRecord('Case', { Subject: 'Second case', Origin: 'Web' });
    const { page, softphone } = await openConsole();
    const one = await ask(softphone, 'openTab', { recordId: first.id, focus: true });
    const two = await ask(softphone, 'openTab', { recordId: second.id, focus: true });
    assert.ok(one.kind === 'tabOpened' && two.kind === 'tabOpened');
    const focusedBefore = await countEvents(softphone, 'tabFocused');

    await page.getByRole('tab', { name: String(first.record['CaseNumber']), exact: true }).click();
    const focused = await nextEvent(softphone, 'tabFocused', focusedBefore);
    assert.ok(focused.kind === 'tabFocused');
    assert.equal(focused.body.tab.tabId, one.body.tab.tabId);
    assert.equal(focused.body.tab.recordId, first.id);

    const closedBefore = await countEvents(softphone, 'tabClosed');
    await page.getByRole('button', { name: `Close ${String(second.record['CaseNumber'])}` }).click();
    const closed = await nextEvent(softphone, 'tabClosed', closedBefore);
    assert.ok(closed.kind === 'tabClosed');
    assert.deepEqual(closed.body, { tabId: two.body.tab.tabId, recordId: second.id });

    await page.getByRole('tab', { name: 'Tasks' }).click();
    const refocused = await ask(softphone, 'focusTab', { tabId: one.body.tab.tabId });
    assert.ok(refocused.kind === 'tabFocused');
    assert.equal(await page.getByRole('tab', { name: String(first.record['CaseNumber']), exact: true }).getAttribute('aria-selected'), 'true');
    const closedOnRequest = await ask(softphone, 'closeTab', { tabId: one.body.tab.tabId });
    assert.ok(closedOnRequest.kind === 'tabClosed');
    assert.deepEqual(closedOnRequest.body, { tabId: one.body.tab.tabId, recordId: first.id });
    await page.getByRole('tab', { name: String(first.record['CaseNumber']), exact: true }).waitFor({ state: 'detached' });

    const unknown = await ask(softphone, 'focusTab', { tabId: one.body.tab.tabId });
    assert.ok(unknown.kind === 'error');
    assert.match(unknown.body.message, /No workspace tab/);
    const home = await ask(softphone, 'closeTab', { tabId: 'tasks' });
    assert.ok(home.kind === 'error', 'the Tasks home is not a workspace tab the API can close');
    await assertNoProblems(page);
    await page.close();
  });
});

describe('the shipped console bridge in the local console: Omni-Channel work and presence', () => {
  it('forwards a Messaging session as Omni-Channel assigned it (ids only), accepts it when asked, lists it, closes it', async () => {
    const { page, softphone } = await openConsole();
    const work = await routeWork(page, { kind: 'messaging', customerName: 'Grace Chatwell' });
    const assigned = await nextEvent(softphone, 'workAssigned');
    assert.ok(assigned.kind === 'workAssigned');
    assert.deepEqual(assigned.body.work, { workId: work.workId, workItemId: work.workItemId, accepted: false }, 'only what the Omni-Channel toolkit tells');
    assert.match(work.workItemId, /^0Mw/, 'a Messaging session routes a MessagingSession');
    assert.equal(await workRow(page, work.workId).getByTestId('omni-work-state').textContent(), 'Assigned');
    assert.equal(await countEvents(softphone, 'workAccepted'), 0, 'nothing accepts it on its own');

    const accepted = await ask(softphone, 'acceptWork', { workId: work.workId });
    assert.ok(accepted.kind === 'workAccepted');
    assert.deepEqual(accepted.body, { workId: work.workId, workItemId: work.workItemId });
    await page.locator(`[data-testid="omni-work-item"][data-work-id="${work.workId}"][data-state="accepted"]`).waitFor();

    const hello = await ask(softphone, 'hello', {});
    assert.ok(hello.kind === 'hello');
    assert.deepEqual(hello.body.works.map((listed) => [listed.workId, listed.accepted]), [[work.workId, true]]);

    const closed = await ask(softphone, 'closeWork', { workId: work.workId });
    assert.ok(closed.kind === 'workClosed');
    assert.equal(await workRow(page, work.workId).getAttribute('data-state'), 'closed');
    const again = await ask(softphone, 'acceptWork', { workId: work.workId });
    assert.ok(again.kind === 'workDeliveryFailed', 'closed work is no longer Omni-Channel\'s to accept');
    await assertNoProblems(page);
    await page.close();
  });

  it('forwards a legacy chat, a Case (email or web alike) and a record of an object ContactPad does not handle', async () => {
    const { page, softphone } = await openConsole();
    const chat = await routeWork(page, { kind: 'chat', customerName: 'Lin Chen' });
    const email = await routeWork(page, { kind: 'email', customerName: 'Ed Mailer' });
    const webCase = await routeWork(page, { kind: 'case', customerName: 'Carla Casey' });
    const lead = await routeWork(page, { kind: 'other', customerName: 'Lee Dwork' });
    await nextEvent(softphone, 'workAssigned', 3);
    const assigned = (await received(softphone)).filter((event) => event.kind === 'workAssigned');
    assert.deepEqual(
      assigned.map((event) => event.kind === 'workAssigned' && event.body.work),
      [chat, email, webCase, lead].map((work) => ({ workId: work.workId, workItemId: work.workItemId, accepted: false })),
    );
    assert.deepEqual([chat, email, webCase, lead].map((work) => work.workItemId.slice(0, 3)), ['570', '500', '500', '00Q']);
    const origins = await fakeOrg.records('default', 'Case');
    assert.equal(origins.find((record) => record.Id === email.workItemId)?.['Origin'], 'Email');
    assert.equal(origins.find((record) => record.Id === webCase.workItemId)?.['Origin'], 'Web');
    await assertNoProblems(page);
    await page.close();
  });

  it('records a decline with its reason, and Omni-Channel reports the decline itself too', async () => {
    const { page, softphone } = await openConsole();
    const work = await routeWork(page, { kind: 'email', customerName: 'Ed Mailer' });
    await nextEvent(softphone, 'workAssigned');
    const declined = await ask(softphone, 'declineWork', { workId: work.workId, reason: 'Not my language' });
    assert.ok(declined.kind === 'workDeclined');
    assert.deepEqual(declined.body, { workId: work.workId, workItemId: work.workItemId });
    assert.equal(await workRow(page, work.workId).getByTestId('omni-work-state').textContent(), 'Declined — Not my language');
    const own = await nextEvent(softphone, 'workDeclined');
    assert.ok(own.kind === 'workDeclined' && own.body.workId === work.workId, 'lightning:omniChannelWorkDeclined forwarded');
    await page.close();
  });

  it('with Omni-Channel\'s auto-accept on, Omni-Channel accepts the work itself; ContactPad\'s accept then answers accepted', async () => {
    const { page, softphone } = await openConsole();
    const agentConfig = async () => {
      const assignment = (await fakeOrg.records('default', 'PresenceUserConfigUser')).find((row) => row['UserId'] === LOCAL_AGENT.userId);
      return (await fakeOrg.records('default', 'PresenceUserConfig')).find((row) => row.Id === assignment?.['PresenceUserConfigId']);
    };
    assert.equal((await agentConfig())?.['OptionsIsAutoAcceptEnabled'], false, 'the demo agent accepts by hand');
    await page.getByTestId('omni-auto-accept').check();
    await page.getByTestId('omni-auto-accept-note').getByText(/Saved in the agent's presence configuration \(auto-accept on\)/).waitFor();
    assert.match((await page.getByTestId('omni-auto-accept-note').textContent()) ?? '', /applies after reload/);
    try {
      assert.equal((await agentConfig())?.['OptionsIsAutoAcceptEnabled'], true, 'written to the agent\'s presence configuration');
      const work = await routeWork(page, { kind: 'case', customerName: 'Carla Casey' });
      const accepted = await nextEvent(softphone, 'workAccepted');
      const order = (await received(softphone)).filter((message) => message.kind.startsWith('work')).map((message) => message.kind);
      assert.deepEqual(order, ['workAssigned', 'workAccepted'], 'assigned, then accepted unasked');
      assert.ok(accepted.kind === 'workAccepted');
      assert.equal(accepted.body.workId, work.workId);
      assert.equal(await workRow(page, work.workId).getByTestId('omni-work-state').textContent(), 'Accepted (by Omni-Channel)');
      assert.equal(await workRow(page, work.workId).getByTestId('omni-cannot-deliver').count(), 0, 'only pending work can fail delivery');

      const idempotent = await ask(softphone, 'acceptWork', { workId: work.workId });
      assert.ok(idempotent.kind === 'workAccepted', `accepting work Omni-Channel accepted is not a failure: ${JSON.stringify(idempotent)}`);
      assert.deepEqual(idempotent.body, { workId: work.workId, workItemId: work.workItemId });
      await assertNoProblems(page);
    } finally {
      await page.getByTestId('omni-auto-accept').uncheck();
      await page.getByTestId('omni-auto-accept-note').getByText(/auto-accept off/).waitFor();
      await page.close();
    }
  });

  it('answers delivery failed when ContactPad accepts work that can no longer be delivered', async () => {
    const { page, softphone } = await openConsole();
    const existing = await createRecord('LiveChatTranscript', { Status: 'Waiting', Body: 'Hello?' });
    const work = await routeWork(page, { kind: 'chat', customerName: 'Lost Visitor', recordId: existing.id });
    assert.equal(work.workItemId, existing.id, 'the picked transcript is routed');
    await nextEvent(softphone, 'workAssigned');
    await workRow(page, work.workId).getByTestId('omni-cannot-deliver').click();
    assert.equal(await workRow(page, work.workId).getByTestId('omni-work-state').textContent(), 'Cannot be delivered');
    const failed = await ask(softphone, 'acceptWork', { workId: work.workId });
    assert.ok(failed.kind === 'workDeliveryFailed', JSON.stringify(failed));
    assert.equal(failed.body.workId, work.workId);
    assert.match(failed.body.reason, /cannot be accepted/);
    await page.close();
  });

  it('syncs presence both ways: the agent\'s choice is reported, ContactPad\'s request is followed and not reported back', async () => {
    const { page, softphone } = await openConsole();
    await page.getByTestId('omni-presence').selectOption('Available');
    const changed = await nextEvent(softphone, 'presenceChanged');
    assert.ok(changed.kind === 'presenceChanged');
    assert.equal(changed.body.statusName, 'Available');
    assert.match(changed.body.statusId ?? '', /^0N5/);

    const busyId = '0N5000000000002CAA';
    const busy = await ask(softphone, 'setPresence', { statusId: busyId });
    assert.ok(busy.kind === 'presenceChanged');
    assert.deepEqual(busy.body, { statusId: busyId, statusName: 'Busy' });
    assert.equal(await page.getByTestId('omni-presence').inputValue(), 'Busy');

    const offline = await ask(softphone, 'setPresence', { statusId: null });
    assert.ok(offline.kind === 'presenceChanged');
    assert.deepEqual(offline.body, { statusId: null, statusName: 'Offline' });
    assert.equal(await page.getByTestId('omni-presence').inputValue(), 'Offline');
    await softphone.evaluate(() => window.fakeContactPad!.roundTrip());
    assert.equal(await countEvents(softphone, 'presenceChanged'), 1, 'ContactPad\'s own changes are answered, not reported again');

    const unknown = await ask(softphone, 'setPresence', { statusId: '0N5000000000999AAA' });
    assert.ok(unknown.kind === 'error');
    assert.deepEqual(await page.evaluate(() => window.localConsole!.bridge.presence), { statusId: null, statusName: 'Offline' });
    await assertNoProblems(page);
    await page.close();
  });
});

describe('the shipped console bridge in the local console: bad input and bridge=off', () => {
  it('ignores another protocol version and a message that is not one, answers its own version\'s malformed requests with the reason', async () => {
    const { page, softphone } = await openConsole();
    const bad: unknown[] = [
      'hello',
      { version: 99, source: 'contactpad', kind: 'hello', id: 'bad-1', body: {} },
      { version: BRIDGE_PROTOCOL_VERSION, source: 'contactpad', kind: 'openEverything', id: 'bad-2', body: {} },
      { version: BRIDGE_PROTOCOL_VERSION, source: 'contactpad', kind: 'openTab', id: 'bad-3', body: { recordId: "'; DROP TABLE", focus: true } },
      { version: BRIDGE_PROTOCOL_VERSION, source: 'bridge', kind: 'tabClosed', id: 'bad-4', body: { tabId: 'ctab0', recordId: '' } },
    ];
    for (const message of bad) {
      const published = await softphone.evaluate((m) => window.fakeContactPad!.publish(m), message);
      assert.equal(published.success, true);
    }
    const hello = await ask(softphone, 'hello', {});
    assert.equal(hello.kind, 'hello', 'the bridge still answers');
    const answers = (await received(softphone)).filter((event) => event.replyTo?.startsWith('bad-'));
    assert.deepEqual(answers.map((event) => [event.replyTo, event.kind]), [['bad-2', 'error'], ['bad-3', 'error']]);
    assert.match(answers[0]!.kind === 'error' ? answers[0]!.body.message : '', /openEverything/);
    assert.match(answers[1]!.kind === 'error' ? answers[1]!.body.message : '', /recordId/);
    const ignored = (await page.evaluate(() => window.localConsole!.bridge.ignored)).map((entry) => entry.reason);
    assert.ok(ignored.some((reason) => /version 99/.test(reason)), ignored.join('\n'));
    assert.ok(ignored.some((reason) => /version undefined/.test(reason)), 'a bare string is no message');
    assert.deepEqual((await page.evaluate(() => window.localConsole!.bridge.requests)).map((request) => request.kind), ['hello']);
    await assertNoProblems(page);
    await page.close();
  });

  it('with bridge=off answers nothing on the channel, where the bridge answers the same exchange', async () => {
    const on = await openConsole();
    assert.equal((await ask(on.softphone, 'hello', {})).kind, 'hello');
    await on.page.close();

    const { page, softphone } = await openConsole({ bridge: 'off' });
    await softphone.evaluate((message) => window.fakeContactPad!.publish(message), { version: BRIDGE_PROTOCOL_VERSION, source: 'contactpad', kind: 'hello', id: 'fence-hello', body: {} });
    await softphone.evaluate(() => window.fakeContactPad!.roundTrip());
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.deepEqual(await received(softphone), [], 'no bridge: nothing answers');
    const hooks = await page.evaluate(() => window.localConsole!.bridge);
    assert.equal(hooks.enabled, false);
    assert.deepEqual([hooks.requests, hooks.events], [[], []]);
    assert.equal(await page.getByTestId('bridge-status').textContent(), 'Console bridge off');
    await page.getByTestId('omni-bridge-off').waitFor();
    assert.equal(await page.getByTestId('omni-route').isDisabled(), true);
    await page.close();
  });
});
