/**
 * Call back from a record with the agent choosing which device rings (issue 11 item 3; seed 003,
 * "Make a Callback from a Transaction"), end to end in the local console through Kamailio:
 *
 * - a real baresip registered as the agent's second device (the same SIP user, agent1, over UDP
 *   from 127.0.0.1, which this Kamailio trusts as a listed trunk: no credential is asked of it)
 *   rings first, showing "Callback to <number>"; it answers, ContactPad REFERs it to the
 *   customer, and it calls the customer (a second baresip, plain RTP) itself. Audio flows
 *   between the device and the customer; ContactPad has left the call; the interaction went
 *   through ringing your device -> calling the customer -> connected on your device, and its
 *   Task in the fake org links to the record the agent called back from (a Lead);
 * - a device that does not pick up, or where the agent declines: nothing reaches the customer,
 *   and the agent reads why; a customer whose line is busy: the device says so (NOTIFY 486),
 *   ContactPad hangs up its leg; Do Not Call on the record: nothing is placed, the rule named;
 * - with no other device registered, the dialog offers this browser alone; with the phone
 *   offline, no device at all: the call is disabled and the agent is told to activate one.
 */
import { after, afterEach, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Frame, Locator } from 'playwright-core';
import { startBaresip, type RunningBaresip } from '../scripts/sip-peers/baresip.ts';
import { logMark, logSince } from '../scripts/sip-server/test-support/edge.ts';
import { AGENT_SIP_USER, E2E_SIP_UDP_PORT } from '../scripts/test-ports.ts';
import { chooseAgentStatus, openReadySession, taskFor, type ConsoleSession } from './support/console-session.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const KAMAILIO_LOG = join(ROOT, '.run', 'kamailio-e2e', 'kamailio.log');
const RING_SECONDS = 8;
const CUSTOMER = '+14155550152';

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

describe('call back from a record, ringing the device the agent chooses', () => {
  let session: ConsoleSession;
  const phones: RunningBaresip[] = [];

  before(async () => {
    session = await openReadySession({ '/ContactPad/wrapUpSeconds': '300', '/ContactPad/noAnswerSeconds': String(RING_SECONDS) });
  });

  afterEach(async () => {
    await Promise.all(phones.splice(0).map((phone) => phone.stop()));
  });

  after(async () => {
    await session?.close();
  });

  async function phone(name: string, user: string, autoAnswer: boolean): Promise<RunningBaresip> {
    const started = await startBaresip({ name, user, proxyPort: E2E_SIP_UDP_PORT, register: true, autoAnswer, codecs: 'pcmu', toneHz: name.includes('customer') ? 700 : 440 });
    phones.push(started);
    return started;
  }

  /** The agent opens a Lead from the console's Tasks list (it becomes the record in focus). */
  async function focusLead(name: string): Promise<string> {
    const { page } = session;
    const open = page.getByTestId('console-tab').filter({ hasText: name });
    if ((await open.count()) > 0) {
      // Opened by an earlier test: the agent goes back to its tab.
      await open.first().click();
      const tab = await page.waitForFunction(() => window.localConsole!.tabs.find((t) => t.active && t.objectType === 'Lead'));
      return ((await tab.jsonValue()) as { recordId: string }).recordId;
    }
    const refreshed = page.waitForResponse((response) => decodeURIComponent(response.url()).replace(/\+/g, ' ').includes('FROM Task'));
    await page.getByTestId('console-tab').filter({ hasText: 'Tasks' }).click();
    const rows = ((await (await refreshed).json()) as { records: unknown[] }).records.length;
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid=task-row]').length === n, rows);
    await page.getByTestId('tasks-table').getByRole('button', { name }).first().press('Enter');
    const tab = await page.waitForFunction(() => window.localConsole!.tabs.find((t) => t.active && t.objectType === 'Lead'));
    return ((await tab.jsonValue()) as { recordId: string }).recordId;
  }

  async function openCallBack(): Promise<Locator> {
    await session.softphone.getByRole('button', { name: 'Call back', exact: true }).click();
    const dialog = session.softphone.getByRole('dialog', { name: /^Call back/ });
    await dialog.waitFor();
    return dialog;
  }

  /** The device choices the dialog offers, as the agent reads them. */
  async function deviceChoices(dialog: Locator): Promise<string[]> {
    return (await dialog.getByRole('group', { name: 'Ring' }).getByRole('radio').evaluateAll((radios) => radios.map((radio) => radio.parentElement?.textContent?.trim() ?? '')));
  }

  async function row(softphone: Frame, text: RegExp): Promise<{ id: string; item: Locator }> {
    const item = softphone.locator('li[data-id]').filter({ hasText: text }).first();
    await item.waitFor();
    return { id: (await item.getAttribute('data-id')) ?? '', item };
  }

  it('rings the agent\'s desk phone first, then connects the customer there with audio both ways; the Task links to the Lead', async () => {
    const { softphone } = session;
    const customer = await phone('e2e-cb-customer', CUSTOMER, true);
    // The desk phone registers after ContactPad did: opening Call back asks the registrar afresh.
    const device = await phone('e2e-cb-device', AGENT_SIP_USER, false);
    const leadId = await focusLead('Maria Lopez');

    const dialog = await openCallBack();
    assert.deepEqual(await deviceChoices(dialog), ['This browser (ContactPad)', `Your phone at 127.0.0.1:${device.sipPort}`]);
    assert.match(await dialog.getByRole('heading', { level: 2 }).innerText(), /Call back Maria Lopez/);
    assert.equal(await dialog.getByLabel("Customer's number").inputValue(), '(415) 555-0100', "the Lead's phone, prefilled");
    await dialog.getByLabel("Customer's number").fill('+1 415 555 0152');
    await dialog.getByRole('radio', { name: /Your phone at/ }).check();
    await dialog.getByRole('button', { name: 'Call', exact: true }).click();

    const ringing = await device.waitForIncoming();
    const { id, item } = await row(softphone, /Maria Lopez/);
    await item.getByText('Ringing your device…').waitFor();
    const incoming = device.events.find((event) => event.id === ringing && event.type === 'CALL_INCOMING');
    assert.match(String(incoming?.param ?? incoming?.peeruri ?? ''), new RegExp(AGENT_SIP_USER), 'the call to the device comes from the agent\'s own address');
    assert.match(readLog(device.logFile), /From: "Callback to \+1 415 555 0152"/, 'the device shows whom the callback is to');

    await device.answer();
    const toCustomer = await customer.waitForIncoming();
    await customer.waitForEstablished(toCustomer);
    await item.getByText(/Connected on your device/).waitFor();
    // ContactPad left the call: the device's leg to it is hung up by ContactPad, the customer's stays.
    const leg = await device.waitForEnd(ringing);
    assert.ok(leg.byPeer, `ContactPad hung up its own leg (${leg.reason})`);
    const media = await waitForAudio(device, customer);
    assert.ok(media.device >= 50 && media.customer >= 50, `audio both ways between the device and the customer: ${JSON.stringify(media)}`);

    await softphone.getByRole('button', { name: 'Done' }).click();
    const task = await taskFor(session, id);
    assert.equal(task['WhoId'], leadId, 'the Task links to the Lead called back');
    assert.match(String(task['Description']), /on your device/);
    await customer.hangUp();
  });

  it('a device that does not pick up: the customer is never called, and the agent reads why', async () => {
    const { softphone } = session;
    const customer = await phone('e2e-cb-customer2', '+14155550153', true);
    const device = await phone('e2e-cb-silent', AGENT_SIP_USER, false);
    await focusLead('Maria Lopez');
    const dialog = await openCallBack();
    await dialog.getByLabel("Customer's number").fill('+1 415 555 0153');
    await dialog.getByRole('radio', { name: /Your phone at/ }).check();
    await dialog.getByRole('button', { name: 'Call', exact: true }).click();
    const ringing = await device.waitForIncoming();
    await device.waitForEnd(ringing, (RING_SECONDS + 15) * 1000);
    const notice = softphone.getByRole('alert').filter({ hasText: 'CALLBACK_DEVICE_FAILED' }).last();
    await notice.waitFor();
    assert.match(await notice.innerText(), new RegExp(`did not pick up within ${RING_SECONDS} s`));
    const { item } = await row(softphone, /Callback failed/);
    await item.getByRole('status').filter({ hasText: `Callback failed: Your device did not pick up within ${RING_SECONDS} s.` }).waitFor();
    await sleep(1000);
    assert.equal(customer.events.filter((event) => event.type === 'CALL_INCOMING').length, 0, 'the customer was never called');
  });

  it('the agent declines on the device: the customer is never called, and the agent reads the device\'s answer', async () => {
    const { softphone } = session;
    const customer = await phone('e2e-cb-customer4', '+14155550156', true);
    const device = await phone('e2e-cb-decline', AGENT_SIP_USER, false);
    await focusLead('Maria Lopez');
    const dialog = await openCallBack();
    await dialog.getByLabel("Customer's number").fill('+1 415 555 0156');
    await dialog.getByRole('radio', { name: /Your phone at/ }).check();
    await dialog.getByRole('button', { name: 'Call', exact: true }).click();
    const ringing = await device.waitForIncoming();
    await device.hangUp();
    await device.waitForEnd(ringing);
    const notice = softphone.getByRole('alert').filter({ hasText: 'CALLBACK_DEVICE_FAILED' }).last();
    await notice.waitFor();
    assert.match(await notice.innerText(), /Your device did not take the call \(486 [A-Za-z ]+\)\. The customer was not called\./);
    await sleep(1000);
    assert.equal(customer.events.filter((event) => event.type === 'CALL_INCOMING').length, 0, 'the customer was never called');
  });

  it('Do Not Call on the record: the callback is not placed, the rule is named, and no device rings', async () => {
    const { softphone, fakeOrg } = session;
    const device = await phone('e2e-cb-dnc', AGENT_SIP_USER, true);
    const leadId = await focusLead('Maria Lopez');
    await fakeOrg.update('default', 'Lead', leadId, { DoNotCall: true });
    try {
      const mark = logMark(KAMAILIO_LOG);
      const dialog = await openCallBack();
      await dialog.getByLabel("Customer's number").fill('+1 415 555 0157');
      await dialog.getByRole('radio', { name: /Your phone at/ }).check();
      await dialog.getByRole('button', { name: 'Call', exact: true }).click();
      const notice = softphone.getByRole('alert').filter({ hasText: 'CALL_BLOCKED_DO_NOT_CALL' }).last();
      await notice.waitFor();
      assert.match(await notice.innerText(), /^Do Not Call: Maria Lopez \(Lead\) is marked Do Not Call in Salesforce\. The call was not placed\./);
      await sleep(1500);
      assert.doesNotMatch(logSince(KAMAILIO_LOG, mark), /device callback|INVITE sip:/, 'nothing reached the SIP server');
      assert.equal(device.events.filter((event) => event.type === 'CALL_INCOMING').length, 0, 'the device did not ring');
    } finally {
      await fakeOrg.update('default', 'Lead', leadId, { DoNotCall: false });
    }
  });

  it('the customer\'s line is busy: the device reports it, ContactPad hangs up its leg, and the agent reads why', async () => {
    const { softphone } = session;
    const customer = await phone('e2e-cb-busy', '+14155550155', false);
    const device = await phone('e2e-cb-device2', AGENT_SIP_USER, false);
    await focusLead('Maria Lopez');
    const dialog = await openCallBack();
    await dialog.getByLabel("Customer's number").fill('+1 415 555 0155');
    await dialog.getByRole('radio', { name: /Your phone at/ }).check();
    await dialog.getByRole('button', { name: 'Call', exact: true }).click();
    const ringing = await device.waitForIncoming();
    await device.answer();
    const toCustomer = await customer.waitForIncoming();
    await customer.hangUp();
    await customer.waitForEnd(toCustomer);
    const notice = softphone.getByRole('alert').filter({ hasText: 'CALLBACK_CUSTOMER_FAILED' }).last();
    await notice.waitFor();
    assert.match(await notice.innerText(), /The customer was not connected: 486 [A-Za-z ]+\. ContactPad has left the call\./);
    const leg = await device.waitForEnd(ringing);
    assert.ok(leg.byPeer, `ContactPad hung up its leg to the device (${leg.reason})`);
    const { id } = await row(softphone, /Callback failed/);
    assert.match(String((await taskFor(session, id))['Description']), /The customer was not connected: 486/);
  });

  it('with no other device, the dialog offers this browser alone, and calls from it with the record; offline, no device: disabled, activate one first', async () => {
    const { softphone } = session;
    const customer = await phone('e2e-cb-customer3', '+14155550154', true);
    const leadId = await focusLead('Maria Lopez');
    let dialog = await openCallBack();
    assert.deepEqual(await deviceChoices(dialog), ['This browser (ContactPad)']);
    await dialog.getByLabel("Customer's number").fill('+1 415 555 0154');
    const mark = logMark(KAMAILIO_LOG);
    await dialog.getByRole('button', { name: 'Call', exact: true }).click();
    const call = await customer.waitForIncoming();
    await customer.waitForEstablished(call);
    assert.doesNotMatch(logSince(KAMAILIO_LOG, mark), /device callback/, 'an ordinary call from this browser');
    const { id, item } = await row(softphone, /Maria Lopez/);
    await item.getByRole('button', { name: 'Release' }).click();
    await softphone.getByRole('button', { name: 'Done' }).click();
    assert.equal((await taskFor(session, id))['WhoId'], leadId, 'the Task links to the Lead, as click-to-dial');

    await chooseAgentStatus(session, 'Offline');
    await softphone.getByText('Phone ready').waitFor({ state: 'detached' });
    dialog = await openCallBack();
    assert.deepEqual(await deviceChoices(dialog), []);
    await dialog.getByText(/No device can ring: activate a device first/).waitFor();
    assert.equal(await dialog.getByRole('button', { name: 'Call', exact: true }).isDisabled(), true);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await chooseAgentStatus(session, 'Ready');
    await softphone.getByText('Phone ready').waitFor();
  });
});

function readLog(file: string): string {
  return readFileSync(file, 'utf8');
}

/** Polls until each baresip has received RTP from the other (packets). */
async function waitForAudio(device: RunningBaresip, customer: RunningBaresip, timeoutMs = 20_000): Promise<{ device: number; customer: number }> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [a, b] = [await device.audioStats(), await customer.audioStats()];
    if (a.packetsReceived >= 50 && b.packetsReceived >= 50) return { device: a.packetsReceived, customer: b.packetsReceived };
    if (Date.now() > deadline) throw new Error(`Audio did not flow both ways: device ${JSON.stringify(a)}, customer ${JSON.stringify(b)}`);
    await sleep(200);
  }
}
