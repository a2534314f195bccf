/**
 * Calls the agent places, end to end in the local console: ContactPad (the built static
 * resource in the softphone frame) dials through Kamailio to real plain-RTP phones (baresip,
 * through rtpengine), from the dial pad, by redial after a reload, and by clicking a phone number
 * on a record (the record pops and the Task links to it). Every compliance rule blocks a call
 * before anything leaves the browser: Kamailio's log shows no INVITE, and the agent reads which
 * rule blocked it. Lists and settings change as an admin changes them in Setup: the fake org's
 * custom metadata records (its control API, since Salesforce's REST API cannot write them either).
 * Calling hours are set from the real clock: a window around Tokyo's local time now, which London
 * (8 or 9 hours behind) is outside. A busy phone and a phone nobody answers say why.
 */
import { after, afterEach, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startBaresip, type RunningBaresip } from '../scripts/sip-peers/baresip.ts';
import { logMark, logSince } from '../scripts/sip-server/test-support/edge.ts';
import { E2E_SIP_UDP_PORT } from '../scripts/test-ports.ts';
import { openReadySession, reloadConsole, taskFor, tasksFor, type ConsoleSession } from './support/console-session.ts';
import { waitForPhoneAudioBothWays } from './support/phone-network.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const KAMAILIO_LOG = join(ROOT, '.run', 'kamailio-e2e', 'kamailio.log');
const ORG = 'default';
const ENTRY = 'ContactPad_Dialing_List_Entry__mdt';
const SETTING = 'ContactPad_Outbound_Setting__mdt';
const RING_SECONDS = 8;

describe('calls the agent places, with compliance', () => {
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

  async function phone(user: string, options: { autoAnswer?: boolean } = {}): Promise<RunningBaresip> {
    const started = await startBaresip({ name: `e2e-out-${user.slice(-4)}`, user, proxyPort: E2E_SIP_UDP_PORT, register: true, autoAnswer: options.autoAnswer ?? false, codecs: 'pcmu' });
    phones.push(started);
    return started;
  }

  async function dial(number: string): Promise<void> {
    const { softphone } = session;
    await softphone.getByLabel('Number to call').fill(number);
    await softphone.getByRole('form', { name: 'Dial' }).getByRole('button', { name: 'Call', exact: true }).click();
  }

  /** The interaction id of the newest item on ContactPad's list whose text matches. */
  async function itemId(text: RegExp): Promise<string> {
    const row = session.softphone.locator('li[data-id]').filter({ hasText: text }).first();
    await row.waitFor();
    return (await row.getAttribute('data-id')) ?? '';
  }

  /** The agent presses Release, then Done on the wrap-up form; resolves with the Task. */
  async function releaseAndLog(interactionId: string): Promise<Record<string, unknown>> {
    const { softphone } = session;
    await softphone.locator(`li[data-id="${interactionId}"]`).getByRole('button', { name: 'Release' }).click();
    await softphone.getByRole('button', { name: 'Done' }).click();
    return taskFor(session, interactionId);
  }

  /** Dials, and checks that the call was blocked by `code` with words matching `words`, and that no INVITE left. */
  async function blocked(number: string, code: string, words: RegExp): Promise<string> {
    const mark = logMark(KAMAILIO_LOG);
    const before = await session.softphone.locator('li[data-id]').count();
    await dial(number);
    const notice = session.softphone.getByRole('alert').filter({ hasText: code }).last();
    await notice.waitFor();
    const text = await notice.innerText();
    assert.match(text, words);
    // Give a wrongly placed call every chance to show up before saying none left.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    assert.doesNotMatch(logSince(KAMAILIO_LOG, mark), /INVITE sip:/, 'no INVITE reached the SIP server');
    assert.equal(await session.softphone.locator('li[data-id]').count(), before, 'no call listed');
    return text;
  }

  /**
   * The agent opens a record from the console's Tasks list by its Name link. Showing the list
   * refreshes it (one query), which re-renders the rows: the link is used once the new rows are in.
   */
  async function openFromTasks(name: string): Promise<void> {
    const { page } = session;
    const refreshed = page.waitForResponse((response) => decodeURIComponent(response.url()).replace(/\+/g, ' ').includes('FROM Task'));
    await page.getByTestId('console-tab').filter({ hasText: 'Tasks' }).click();
    const rows = ((await (await refreshed).json()) as { records: unknown[] }).records.length;
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid=task-row]').length === n, rows);
    // The softphone panel floats over the list's Name column: the agent opens the record with the keyboard.
    await page.getByTestId('tasks-table').getByRole('button', { name }).first().press('Enter');
  }

  async function settingId(): Promise<string> {
    const record = (await session.fakeOrg.records(ORG, SETTING)).find((r) => r['DeveloperName'] === 'Default');
    assert.ok(record, 'force-app ships the Default outbound setting');
    return record.Id;
  }

  async function listEntry(list: string, number: string, extra: Record<string, unknown> = {}): Promise<string> {
    const name = `E2E_${list.replace(/\W/g, '_')}_${Math.random().toString(36).slice(2, 8)}`;
    return session.fakeOrg.insert(ORG, ENTRY, { DeveloperName: name, MasterLabel: extra['MasterLabel'] ?? name, Active__c: true, List__c: list, Number__c: number, ...extra });
  }

  it('dials a number from the pad: a real phone answers through Kamailio and rtpengine, audio flows both ways, and the Task says Outbound', async () => {
    const callee = await phone('+14155550142', { autoAnswer: true });
    await dial('+1 (415) 555-0142');
    const sipCallId = await callee.waitForIncoming();
    await callee.waitForEstablished(sipCallId);
    const interactionId = await itemId(/\+14155550142/);
    const media = await waitForPhoneAudioBothWays(session, interactionId, callee);
    assert.ok(media.agent.bytesReceived > 0 && media.phone.packetsReceived >= 50);
    const task = await releaseAndLog(interactionId);
    assert.equal(task['CallType'], 'Outbound');
    assert.equal(task['ContactPad_Caller_Number__c'], '+14155550142');
    await session.softphone.getByRole('list', { name: 'Recent numbers' }).getByRole('button', { name: 'Call +14155550142' }).waitFor();
  });

  it('after a reload, the number is still the last one called: Redial calls it again and the phone answers', async () => {
    const callee = await phone('+14155550142', { autoAnswer: true });
    await reloadConsole(session);
    const { softphone } = session;
    await softphone.getByText('Phone ready').waitFor();
    await softphone.getByRole('list', { name: 'Recent numbers' }).getByRole('button', { name: 'Call +14155550142' }).waitFor();
    await softphone.getByRole('button', { name: 'Redial' }).click();
    const sipCallId = await callee.waitForIncoming();
    await callee.waitForEstablished(sipCallId);
    const interactionId = await itemId(/\+14155550142/);
    await softphone.locator(`li[data-id="${interactionId}"]`).getByRole('button', { name: 'Release' }).click();
    const end = await callee.waitForEnd(sipCallId);
    assert.ok(end.byPeer, `the phone got the agent's BYE (${end.reason})`);
    await softphone.getByRole('button', { name: 'Done' }).click();
    await taskFor(session, interactionId);
  });

  it('click-to-dial from a Lead\'s phone field: the call goes out with the Lead, the Lead pops, and the Task links to it', async () => {
    const { page, softphone } = session;
    const maria = await phone('+14155550100', { autoAnswer: true });
    await openFromTasks('Maria Lopez');
    const leadTab = await page.waitForFunction(() => window.localConsole!.tabs.find((t) => t.active && t.objectType === 'Lead'));
    const lead = (await leadTab.jsonValue()) as { recordId: string };
    const popsBefore = await page.evaluate(() => window.localConsole!.screenPops.length);
    await page.getByTestId('tab-panel').getByTestId('click-to-dial').filter({ hasText: '555-0100' }).first().click();
    const sipCallId = await maria.waitForIncoming();
    await maria.waitForEstablished(sipCallId);
    const interactionId = await itemId(/Maria Lopez/);
    const pops = await page.evaluate((n) => window.localConsole!.screenPops.slice(n), popsBefore);
    assert.deepEqual(pops.map((p) => [p.type, p.params['recordId']]), [['SOBJECT', lead.recordId]], 'the Lead the call came from was popped');
    assert.match(await softphone.locator(`li[data-id="${interactionId}"]`).innerText(), /Maria Lopez/);
    const task = await releaseAndLog(interactionId);
    assert.equal(task['WhoId'], lead.recordId, 'the Task links to the Lead');
    assert.equal(task['CallType'], 'Outbound');
    assert.equal((await tasksFor(session, interactionId)).length, 1);
  });

  it('Do Not Call on the record: clicking its number places no call, and says why', async () => {
    const { page, fakeOrg } = session;
    const daniel = (await fakeOrg.records(ORG, 'Contact')).find((r) => r['LastName'] === 'Kim');
    assert.ok(daniel);
    await fakeOrg.update(ORG, 'Contact', daniel.Id, { DoNotCall: true });
    try {
      await openFromTasks('Daniel Kim');
      await page.waitForFunction((id) => window.localConsole!.tabs.find((t) => t.active)?.recordId === id, daniel.Id);
      assert.equal(await page.getByTestId('tab-panel').getByTestId('field-DoNotCall').innerText(), 'true');
      const mark = logMark(KAMAILIO_LOG);
      await page.getByTestId('tab-panel').getByTestId('click-to-dial').first().click();
      const notice = session.softphone.getByRole('alert').filter({ hasText: 'CALL_BLOCKED_DO_NOT_CALL' }).last();
      await notice.waitFor();
      assert.match(await notice.innerText(), /^Do Not Call: Daniel Kim \(Contact\) is marked Do Not Call in Salesforce\. The call was not placed\./);
      await new Promise((resolve) => setTimeout(resolve, 1500));
      assert.doesNotMatch(logSince(KAMAILIO_LOG, mark), /INVITE sip:/);
      // The same number typed in the pad is blocked too: the search finds his Contact.
      await blocked('415 555 0101', 'CALL_BLOCKED_DO_NOT_CALL', /^Do Not Call: Daniel Kim \(Contact\)/);
    } finally {
      await fakeOrg.update(ORG, 'Contact', daniel.Id, { DoNotCall: false });
    }
  });

  it('the company block list blocks a listed prefix, naming the entry', async () => {
    const entry = await listEntry('Block', '+1 900*', { MasterLabel: 'Premium rate' });
    try {
      await blocked('1-900-555-0100', 'CALL_BLOCKED_BLOCK_LIST', /^Company block list: \+1 900 555 0100 is on the company block list \(Premium rate\)\. The call was not placed\./);
    } finally {
      await session.fakeOrg.remove(ORG, ENTRY, entry);
    }
  });

  it('the country allow list blocks a country not on it', async () => {
    const id = await settingId();
    await session.fakeOrg.update(ORG, SETTING, id, { Allowed_Countries__c: 'US, CA' });
    try {
      await blocked('+33 1 42 68 53 00', 'CALL_BLOCKED_COUNTRY', /^Country allow list: Calls to France \(FR\) are not allowed; calls may go to United States \(US\), Canada \(CA\)\./);
    } finally {
      await session.fakeOrg.update(ORG, SETTING, id, { Allowed_Countries__c: null });
    }
  });

  it('the company allow list blocks a number not on it, unless it is on the agent\'s personal allow list', async () => {
    const company = await listEntry('Allow', '+1415555*');
    let personal = '';
    try {
      await blocked('+1 212 555 0147', 'CALL_BLOCKED_NOT_ON_ALLOW_LIST', /^Company allow list: \+1 212 555 0147 is not on the company allow list, nor on your personal allow list\./);
      personal = await listEntry('Personal Allow', '+12125550147', { Agent__c: 'agent1' });
      const mark = logMark(KAMAILIO_LOG);
      await dial('+1 212 555 0147');
      // Nobody has that number: the SIP server answers 404, and the agent reads it.
      const notice = session.softphone.getByRole('alert').filter({ hasText: /Call to \+1 212 555 0147 not connected/ });
      await notice.waitFor();
      assert.match(await notice.innerText(), /not connected: Number not valid \(404 Not Found\)/);
      assert.match(logSince(KAMAILIO_LOG, mark), /INVITE sip:\+12125550147@/, 'the personal allow list let the call out');
    } finally {
      await session.fakeOrg.remove(ORG, ENTRY, company);
      if (personal) await session.fakeOrg.remove(ORG, ENTRY, personal);
    }
  });

  it('calling hours in the recipient\'s time zone: outside them in London now, inside them in Tokyo now (hours set from the real clock)', async () => {
    const clock = (zone: string, offsetMinutes: number) =>
      new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(Date.now() + offsetMinutes * 60_000);
    const id = await settingId();
    // Two hours around Tokyo's time now: London, 8 or 9 hours behind Tokyo, is outside them.
    await session.fakeOrg.update(ORG, SETTING, id, { Calling_Hours_Start__c: clock('Asia/Tokyo', -60), Calling_Hours_End__c: clock('Asia/Tokyo', 60) });
    try {
      const text = await blocked('+44 20 7946 0958', 'CALL_BLOCKED_CALLING_HOURS', /^Calling hours: It is \w{3} \d\d:\d\d for the recipient \(Europe\/London\); calls are allowed \d\d:\d\d–\d\d:\d\d, every day in the recipient's time\. The call was not placed\./);
      const london = clock('Europe/London', 0);
      assert.ok(text.includes(london) || text.includes(clock('Europe/London', -1)), `the notice says London's time now (${london}): ${text}`);
      const mark = logMark(KAMAILIO_LOG);
      await dial('+81 3 1234 5678');
      // Nobody has the number: the SIP server answers 404 once the call went out.
      await session.softphone.getByRole('alert').filter({ hasText: /Call to \+81 3.?1234.?5678 not connected/ }).waitFor();
      assert.match(logSince(KAMAILIO_LOG, mark), /INVITE sip:\+81312345678@/, 'Tokyo is within the hours: the call went out');
    } finally {
      await session.fakeOrg.update(ORG, SETTING, id, { Calling_Hours_Start__c: null, Calling_Hours_End__c: null });
    }
  });

  it('a busy phone: the call fails as Busy, and the agent\'s reason goes to the Task', async () => {
    const busy = await phone('+14155550143');
    await dial('+1 415 555 0143');
    const sipCallId = await busy.waitForIncoming();
    await busy.hangUp();
    await busy.waitForEnd(sipCallId);
    const notice = session.softphone.getByRole('alert').filter({ hasText: 'CALL_BUSY' }).last();
    await notice.waitFor();
    assert.match(await notice.innerText(), /^Call to \+1 415 555 0143 not connected: Busy \(486 [A-Za-z ]+\)\./);
    const failed = session.softphone.getByRole('region', { name: 'Call not connected' });
    assert.match(await failed.innerText(), /Busy \(486/);
    await failed.getByLabel('Reason').selectOption({ label: 'Try again later' });
    await failed.getByRole('button', { name: 'Save reason' }).click();
    await failed.getByText('Reason recorded: Try again later').waitFor();
    const interactionId = await itemId(/\+14155550143/);
    const deadline = Date.now() + 20_000;
    let task = await taskFor(session, interactionId);
    while (task['CallDisposition'] !== 'Try again later') {
      if (Date.now() > deadline) throw new Error(`the reason did not reach the Task: ${JSON.stringify(task)}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
      task = await taskFor(session, interactionId);
    }
    assert.equal(task['ContactPad_Status__c'], 'Failed');
    assert.match(String(task['Description']), /Busy \(486/);
  });

  it('a placed call still ringing offers Release, not Accept or Reject: Release cancels it, the phone stops ringing, and the attempt is logged as not connected', async () => {
    const ringing = await phone('+14155550145');
    await dial('+1 415 555 0145');
    const sipCallId = await ringing.waitForIncoming();
    const interactionId = await itemId(/\+14155550145/);
    const row = session.softphone.locator(`li[data-id="${interactionId}"]`);
    await row.getByRole('button', { name: 'Release' }).waitFor();
    assert.equal(await row.getByRole('button', { name: 'Accept' }).count(), 0, 'nothing to accept on a call the agent placed');
    assert.equal(await row.getByRole('button', { name: 'Reject' }).count(), 0);
    await row.getByRole('button', { name: 'Release' }).click();
    await ringing.waitForEnd(sipCallId, 10_000);
    assert.match(await session.softphone.getByRole('region', { name: 'Call not connected' }).innerText(), /Hung up before an answer/);
    const task = await taskFor(session, interactionId);
    assert.equal(task['CallType'], 'Outbound');
    assert.equal(task['ContactPad_Status__c'], 'Failed');
  });

  it('a phone nobody answers: after the ring time ContactPad cancels the call and says it was not answered', async () => {
    const silent = await phone('+14155550144');
    await dial('+1 415 555 0144');
    const sipCallId = await silent.waitForIncoming();
    await silent.waitForEnd(sipCallId, (RING_SECONDS + 15) * 1000);
    const notice = session.softphone.getByRole('alert').filter({ hasText: 'CALL_NOT_ANSWERED' }).last();
    await notice.waitFor();
    assert.match(await notice.innerText(), new RegExp(`not connected: No answer within ${RING_SECONDS} s\\.`));
    assert.match(await session.softphone.getByRole('region', { name: 'Call not connected' }).innerText(), /No answer/);
  });
});
