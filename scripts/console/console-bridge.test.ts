/**
 * The local console's console bridge end to end: the console page in Debian's Chromium, the
 * fake Open CTI carrying the Lightning message channel, the fake org. A script in the softphone
 * frame (`?contactpad=off`) plays ContactPad: it subscribes to the bridge channel and publishes
 * requests through `sforce.opencti`, exactly as ContactPad does.
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
import { startConsole, type RunningConsole } from './console-server.ts';
import { LOCAL_SESSION_ID } from './local-session.ts';
import { launchChromium } from './test-browser.ts';

const PORT = 37000;
const SIP_WS_PORT = 37080;
const SIP_UDP_PORT = 34060;
const API = '/services/data/v62.0';

let consoleServer: RunningConsole;
let browser: Browser;
let context: BrowserContext;

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
  const created = await fetch(`${consoleServer.url}services/data/v62.0/sobjects/${type}`, { method: 'POST', headers, body: JSON.stringify(fields) });
  assert.equal(created.status, 201);
  const { id } = (await created.json()) as { id: string };
  const read = await fetch(`${consoleServer.url}${API.slice(1)}/sobjects/${type}/${id}`, { headers });
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
          publish: (message) =>
            new Promise((answered) => opencti['publish']!({ channelName, message, callback: answered })),
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
  return { page, softphone };
}

let requestSerial = 0;

/** Publishes a ContactPad request and returns the bridge's answer to it (validated by the protocol's parser). */
async function ask<K extends ContactPadRequestKind>(softphone: Frame, kind: K, body: ContactPadRequestBodies[K]): Promise<BridgeEvent> {
  const id = `test-${++requestSerial}`;
  const published = await softphone.evaluate((message) => window.fakeContactPad!.publish(message), { version: BRIDGE_PROTOCOL_VERSION, source: 'contactpad', kind, id, body });
  assert.equal(published.success, true, JSON.stringify(published.errors));
  const answer = await softphone.waitForFunction(
    (replyTo) => window.fakeContactPad!.received.find((message) => (message as { replyTo?: string }).replyTo === replyTo),
    id,
  );
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

/** Routes work from the Omni-Channel simulator panel; resolves with the new item's work id. */
async function routeWork(page: Page, work: { channel: 'chat' | 'email' | 'case'; customerName: string; autoAccept: boolean; recordId?: string }): Promise<string> {
  const before = await page.evaluate(() => window.localConsole!.bridge.workItems.length);
  await page.getByTestId('omni-channel').selectOption(work.channel);
  await page.getByTestId('omni-customer-name').fill(work.customerName);
  await page.getByTestId('omni-record-id').fill(work.recordId ?? '');
  await page.getByTestId('omni-auto-accept').setChecked(work.autoAccept);
  await page.getByTestId('omni-route').click();
  await page.waitForFunction((n) => window.localConsole!.bridge.workItems.length > n, before);
  return page.evaluate((n) => window.localConsole!.bridge.workItems[n]!.workId, before);
}

function workRow(page: Page, workId: string) {
  return page.locator(`[data-testid="omni-work-item"][data-work-id="${workId}"]`);
}

before(async () => {
  consoleServer = await startConsole({ port: PORT, sipWsPort: SIP_WS_PORT, sipUdpPort: SIP_UDP_PORT, name: 'console-bridge-test' });
  browser = await launchChromium();
  context = await browser.newContext();
});

after(async () => {
  await browser?.close();
  await consoleServer?.stop();
});

describe('the local console bridge: hello and record tabs', () => {
  it('answers ContactPad\'s hello with the protocol version, its capabilities, the tabs and the Offline presence', async () => {
    const { page, softphone } = await openConsole();
    const hello = await ask(softphone, 'hello', {});
    assert.equal(hello.kind, 'hello');
    assert.equal(hello.version, BRIDGE_PROTOCOL_VERSION);
    assert.ok(hello.kind === 'hello');
    assert.deepEqual([...hello.body.capabilities].sort(), ['omni', 'tabs']);
    assert.deepEqual(hello.body.presence, { statusId: null, statusName: 'Offline' });
    assert.deepEqual(hello.body.tabs.map((tab) => [tab.tabId, tab.focused]), [['tasks', true]]);
    assert.deepEqual(hello.body.works, []);
    assert.equal(await page.getByTestId('bridge-status').textContent(), 'Console bridge on');
    const hooks = await page.evaluate(() => window.localConsole!.bridge);
    assert.equal(hooks.enabled, true);
    assert.equal(hooks.channelName, BRIDGE_CHANNEL);
    assert.deepEqual(hooks.requests.map((request) => request.kind), ['hello']);
    assert.ok(hooks.events.some((event) => event.replyTo === hooks.requests[0]!.id && event.kind === 'hello'));
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
    await page.close();
  });

  it('answers an open request for a record the org does not return with an error, and leaves no tab behind', async () => {
    const { page, softphone } = await openConsole();
    const answer = await ask(softphone, 'openTab', { recordId: '500000000000999AAA', focus: true });
    assert.ok(answer.kind === 'error', JSON.stringify(answer));
    assert.match(answer.body.message, /NOT_FOUND|not/i);
    const tabs = await page.evaluate(() => window.localConsole!.tabs);
    assert.deepEqual(tabs.map((tab) => tab.kind), ['tasks']);
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
    assert.match(unknown.body.message, /No console tab/);
    const home = await ask(softphone, 'closeTab', { tabId: 'tasks' });
    assert.ok(home.kind === 'error');
    await page.close();
  });
});

describe('the local console bridge: Omni-Channel work and presence', () => {
  it('assigns a chat without auto-accept, waits, and accepts it when ContactPad asks; closing it from ContactPad closes it', async () => {
    const { page, softphone } = await openConsole();
    await ask(softphone, 'hello', {});
    const workId = await routeWork(page, { channel: 'chat', customerName: 'Grace Chatwell', autoAccept: false });
    const assigned = await nextEvent(softphone, 'workAssigned');
    assert.ok(assigned.kind === 'workAssigned');
    assert.equal(assigned.body.work.workId, workId);
    assert.deepEqual(Object.keys(assigned.body.work).sort(), ['accepted', 'workId', 'workItemId'], 'only what the Omni-Channel toolkit tells');
    assert.equal(assigned.body.work.accepted, false);
    assert.match(assigned.body.work.workItemId, /^570/, 'a chat routes a LiveChatTranscript');
    assert.equal(await workRow(page, workId).getByTestId('omni-work-state').textContent(), 'Assigned');
    assert.equal(await countEvents(softphone, 'workAccepted'), 0, 'nothing accepts it on its own');

    const accepted = await ask(softphone, 'acceptWork', { workId });
    assert.ok(accepted.kind === 'workAccepted');
    assert.deepEqual(accepted.body, { workId, workItemId: assigned.body.work.workItemId });
    await page.locator(`[data-testid="omni-work-item"][data-work-id="${workId}"][data-state="accepted"]`).waitFor();
    assert.equal(await workRow(page, workId).getByTestId('omni-work-state').textContent(), 'Accepted');

    const hello = await ask(softphone, 'hello', {});
    assert.ok(hello.kind === 'hello');
    assert.deepEqual(hello.body.works.map((work) => [work.workId, work.accepted]), [[workId, true]]);

    const closed = await ask(softphone, 'closeWork', { workId });
    assert.ok(closed.kind === 'workClosed');
    assert.equal(await workRow(page, workId).getAttribute('data-state'), 'closed');
    assert.equal(await workRow(page, workId).getByTestId('omni-work-state').textContent(), 'Closed');
    const again = await ask(softphone, 'acceptWork', { workId });
    assert.ok(again.kind === 'error', 'a closed work item cannot be accepted');
    await page.close();
  });

  it('records a decline with its reason', async () => {
    const { page, softphone } = await openConsole();
    const workId = await routeWork(page, { channel: 'email', customerName: 'Ed Mailer', autoAccept: false });
    const assigned = await nextEvent(softphone, 'workAssigned');
    assert.ok(assigned.kind === 'workAssigned');
    assert.match(assigned.body.work.workItemId, /^500/, 'an email routes a Case');
    const declined = await ask(softphone, 'declineWork', { workId, reason: 'Not my language' });
    assert.ok(declined.kind === 'workDeclined');
    assert.equal(declined.body.workId, workId);
    assert.equal(await workRow(page, workId).getByTestId('omni-work-state').textContent(), 'Declined — Not my language');
    const items = await page.evaluate(() => window.localConsole!.bridge.workItems);
    assert.deepEqual(items.map((item) => [item.state, item.declineReason]), [['declined', 'Not my language']]);
    await page.close();
  });

  it('assigns auto-accepted work as accepted: work assigned (auto-accept), then work accepted, unasked', async () => {
    const { page, softphone } = await openConsole();
    const workId = await routeWork(page, { channel: 'case', customerName: 'Carla Casey', autoAccept: true });
    const accepted = await nextEvent(softphone, 'workAccepted');
    const order = (await received(softphone)).filter((message) => message.kind.startsWith('work')).map((message) => message.kind);
    assert.deepEqual(order, ['workAssigned', 'workAccepted']);
    const assigned = (await received(softphone)).find((message) => message.kind === 'workAssigned');
    assert.ok(assigned?.kind === 'workAssigned' && accepted.kind === 'workAccepted');
    assert.match(assigned.body.work.workItemId, /^500/, 'a case routes a Case');
    assert.equal(accepted.body.workId, workId);
    assert.equal(await workRow(page, workId).getByTestId('omni-work-state').textContent(), 'Accepted');
    assert.equal(await workRow(page, workId).getByTestId('omni-cannot-deliver').count(), 0, 'only pending work can fail delivery');
    await page.close();
  });

  it('sends delivery failed for a pending item when the simulator cannot deliver it', async () => {
    const { page, softphone } = await openConsole();
    const existing = await createRecord('LiveChatTranscript', { Status: 'Waiting', Body: 'Hello?' });
    const workId = await routeWork(page, { channel: 'chat', customerName: 'Lost Visitor', autoAccept: false, recordId: existing.id });
    const assigned = await nextEvent(softphone, 'workAssigned');
    assert.ok(assigned.kind === 'workAssigned');
    assert.equal(assigned.body.work.workItemId, existing.id, 'the picked transcript is routed');
    await workRow(page, workId).getByTestId('omni-cannot-deliver').click();
    const failed = await nextEvent(softphone, 'workDeliveryFailed');
    assert.ok(failed.kind === 'workDeliveryFailed');
    assert.equal(failed.body.workId, workId);
    assert.ok(failed.body.reason.length > 0);
    assert.equal(await workRow(page, workId).getByTestId('omni-work-state').textContent(), 'Delivery failed');
    const accept = await ask(softphone, 'acceptWork', { workId });
    assert.ok(accept.kind === 'error', 'work that failed delivery cannot be accepted');
    await page.close();
  });

  it('syncs presence both ways: the agent\'s choice is reported, ContactPad\'s request is followed', async () => {
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
    assert.equal(await countEvents(softphone, 'presenceChanged'), 1, 'ContactPad\'s own changes are answered, not reported again');

    const unknown = await ask(softphone, 'setPresence', { statusId: '0N5000000000999AAA' });
    assert.ok(unknown.kind === 'error');
    assert.deepEqual(await page.evaluate(() => window.localConsole!.bridge.presence), { statusId: null, statusName: 'Offline' });
    await page.close();
  });
});

describe('the local console bridge: bad input and bridge=off', () => {
  it('ignores malformed messages from the softphone with a logged reason, and keeps answering', async () => {
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
    const ignored = await page.evaluate(() => window.localConsole!.bridge.ignored.map((entry) => entry.reason));
    assert.equal(ignored.length, bad.length);
    assert.match(ignored[1]!, /version 99/);
    assert.match(ignored[2]!, /openEverything/);
    assert.match(ignored[3]!, /recordId/);
    assert.match(ignored[4]!, /not a request/);
    const hello = await ask(softphone, 'hello', {});
    assert.equal(hello.kind, 'hello', 'the bridge still answers');
    assert.deepEqual((await page.evaluate(() => window.localConsole!.bridge.requests)).map((request) => request.kind), ['hello']);
    await page.close();
  });

  it('with bridge=off answers nothing on the channel, where the bridge answers the same exchange', async () => {
    const exchange = async (softphone: Frame): Promise<BridgeEvent[]> => {
      await softphone.evaluate(
        (message) => window.fakeContactPad!.publish(message),
        { version: BRIDGE_PROTOCOL_VERSION, source: 'contactpad', kind: 'hello', id: 'fence-hello', body: {} },
      );
      await softphone.evaluate(() => window.fakeContactPad!.roundTrip()); // later than any answer to the hello
      return (await received(softphone)).filter((message) => message.replyTo === 'fence-hello');
    };
    const on = await openConsole();
    assert.equal((await exchange(on.softphone)).length, 1);
    await on.page.close();

    const { page, softphone } = await openConsole({ bridge: 'off' });
    assert.deepEqual(await exchange(softphone), []);
    assert.deepEqual(await received(softphone), []);
    const hooks = await page.evaluate(() => window.localConsole!.bridge);
    assert.equal(hooks.enabled, false);
    assert.deepEqual([hooks.requests, hooks.events], [[], []]);
    assert.equal(await page.getByTestId('bridge-status').textContent(), 'Console bridge off');
    await page.getByTestId('omni-bridge-off').waitFor();
    assert.equal(await page.getByTestId('omni-route').isDisabled(), true);
    await page.close();
  });
});
