/**
 * Preview dialling end to end in the local console: the agent opens the demo calling list (the
 * fake org's Campaign "Spring catering calls" and its members), reviews the first record (Maria
 * Lopez, a Lead), calls it (a real plain-RTP phone registered as her number answers through
 * Kamailio and rtpengine), goes on to the next record, rejects one with a reason, and
 * reschedules another, first to a time gone by (refused) then to tomorrow. Then a Lead list view
 * ("All Open Leads") is worked through the same way, and the list is closed while a call from a
 * Contact list view ("Business owners") rings: its outcome is logged once the phone answers.
 * What is left in the fake org is checked as Salesforce would hold it: the call's Task and each
 * outcome's Task on the Lead or Contact, and the campaign members' Status and next attempt.
 */
import { after, afterEach, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startBaresip, type RunningBaresip } from '../scripts/sip-peers/baresip.ts';
import { E2E_SIP_UDP_PORT } from '../scripts/test-ports.ts';
import { openReadySession, taskFor, type ConsoleSession } from './support/console-session.ts';

const ORG = 'default';
const CAMPAIGN = 'Spring catering calls';

describe('preview dialling: a calling list worked through with call, reject and reschedule', () => {
  let session: ConsoleSession;
  const phones: RunningBaresip[] = [];

  before(async () => {
    session = await openReadySession({ '/ContactPad/wrapUpSeconds': '300' });
  });

  afterEach(async () => {
    await Promise.all(phones.splice(0).map((phone) => phone.stop()));
  });

  after(async () => {
    await session?.close();
  });

  /** The campaign member of `name` in the fake org, as it is now. */
  async function member(name: string): Promise<Record<string, unknown>> {
    const found = (await session.fakeOrg.records(ORG, 'CampaignMember')).find((m) => m['Name'] === name);
    assert.ok(found, `${name} is a member`);
    return found;
  }

  /** The outcome Tasks preview dialling logged on a Lead or Contact (from one list, when `listId` is given). */
  async function outcomeTasks(personId: unknown, listId = ''): Promise<Array<Record<string, unknown>>> {
    return (await session.fakeOrg.records(ORG, 'Task')).filter((t) => t['WhoId'] === personId && String(t['ContactPad_Interaction_Id__c']).startsWith(`calling-${listId}`));
  }

  /** Waits for the outcome Tasks of `personId` from list `listId` to be `count`. */
  async function waitForOutcomeTasks(personId: unknown, listId: string, count = 1): Promise<Array<Record<string, unknown>>> {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const tasks = await outcomeTasks(personId, listId);
      if (tasks.length >= count) return tasks;
      if (Date.now() > deadline) throw new Error(`${count} outcome Task(s) on ${String(personId)} never came`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }

  /** The Lead or Contact named `name` in the fake org. */
  async function person(sobject: 'Lead' | 'Contact', name: string): Promise<Record<string, unknown>> {
    const found = (await session.fakeOrg.records(ORG, sobject)).find((r) => r['Name'] === name);
    assert.ok(found, `${name} is a ${sobject}`);
    return found;
  }

  /** Opens the calling list `name` from the lists offered (`group`: Campaigns, Lead list views...), closing the one open. */
  async function openList(group: string, name: string): Promise<void> {
    const { softphone } = session;
    const close = softphone.getByRole('button', { name: 'Close list' });
    if (await close.isVisible()) await close.click();
    await softphone.getByRole('button', { name: 'Open a calling list' }).click();
    await softphone.getByRole('list', { name: group }).getByRole('button', { name }).click();
    await softphone.getByRole('list', { name: `Calling records: ${name}` }).waitFor();
  }

  async function waitForMemberStatus(name: string, status: string): Promise<Record<string, unknown>> {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const found = await member(name);
      if (found['Status'] === status) return found;
      if (Date.now() > deadline) throw new Error(`${name} is ${String(found['Status'])}, not ${status}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }

  it('opens the campaign, calls the first record (a real phone answers), rejects one with a reason and reschedules one', async () => {
    const { softphone } = session;
    const callee = await startBaresip({ name: 'e2e-preview-maria', user: '+14155550100', proxyPort: E2E_SIP_UDP_PORT, register: true, autoAnswer: true, codecs: 'pcmu' });
    phones.push(callee);

    // Open the calling list and choose the campaign: the inactive one is not offered.
    await softphone.getByRole('button', { name: 'Open a calling list' }).click();
    const campaigns = softphone.getByRole('list', { name: 'Campaigns' });
    await campaigns.getByRole('button', { name: CAMPAIGN }).waitFor();
    assert.deepEqual(await campaigns.getByRole('button').allInnerTexts(), [CAMPAIGN]);
    await campaigns.getByRole('button', { name: CAMPAIGN }).click();
    const records = softphone.getByRole('list', { name: `Calling records: ${CAMPAIGN}` });
    await records.getByRole('button', { name: /Maria Lopez/ }).waitFor();
    assert.deepEqual(
      (await records.getByRole('button').allInnerTexts()).map((text) => text.replace(/\s+/g, ' ').trim()),
      ['Maria Lopez Previewing', 'Priya Natarajan To call', 'Sam Carter To call', 'Elena Rossi To call'],
      'Daniel Kim, already Called, is not offered',
    );

    // Review Maria Lopez, then call her: the phone answers, the call is on her Lead.
    const maria = softphone.getByRole('group', { name: 'Calling record: Maria Lopez' });
    await maria.getByText('Lopez Bakery').waitFor();
    await maria.getByText('(415) 555-0100').waitFor();
    await maria.getByRole('button', { name: 'Call Maria Lopez' }).click();
    const sipCallId = await callee.waitForIncoming();
    await callee.waitForEstablished(sipCallId);
    const mariaMember = await waitForMemberStatus('Maria Lopez', 'Called');
    const row = softphone.locator('li[data-id]').filter({ hasText: /Maria Lopez/ }).first();
    const interactionId = (await row.getAttribute('data-id')) ?? '';
    await row.getByRole('button', { name: 'Release' }).click();
    await softphone.getByRole('button', { name: 'Done' }).click();
    const callTask = await taskFor(session, interactionId);
    assert.deepEqual([callTask['CallType'], callTask['WhoId'], callTask['ContactPad_Status__c']], ['Outbound', mariaMember['LeadOrContactId'], 'Ended']);
    const [called] = await outcomeTasks(mariaMember['LeadOrContactId']);
    assert.deepEqual([called?.['Subject'], called?.['WhatId'], called?.['ContactPad_Status__c']], [`Called: ${CAMPAIGN}`, null, 'Ended'], 'a Lead\'s Task names the campaign but is related to nothing else');

    // Next record: Priya Natarajan, rejected with a reason.
    await softphone.getByRole('button', { name: 'Next record' }).click();
    const priya = softphone.getByRole('group', { name: 'Calling record: Priya Natarajan' });
    await priya.getByLabel('Reason').fill('Asked to be removed from the list');
    await priya.getByRole('button', { name: 'Reject', exact: true }).click();
    const priyaMember = await waitForMemberStatus('Priya Natarajan', 'Rejected');
    const [rejected] = await outcomeTasks(priyaMember['LeadOrContactId']);
    assert.deepEqual(
      [rejected?.['Subject'], rejected?.['CallDisposition'], rejected?.['WhatId'], rejected?.['ContactPad_Status__c']],
      [`Rejected: ${CAMPAIGN}`, 'Asked to be removed from the list', priyaMember['CampaignId'], 'Ended'],
      'a Contact\'s Task is related to the Campaign',
    );

    // The next record due (Sam Carter) is previewed; the agent picks Elena Rossi and reschedules her.
    await softphone.getByRole('group', { name: 'Calling record: Sam Carter' }).waitFor();
    await records.getByRole('button', { name: /Elena Rossi/ }).click();
    const elena = softphone.getByRole('group', { name: 'Calling record: Elena Rossi' });
    const local = (date: Date) => new Date(date.getTime() - date.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
    await elena.getByLabel('Next attempt').fill(local(new Date(Date.now() - 3_600_000)));
    await elena.getByRole('button', { name: 'Reschedule' }).click();
    await softphone.getByRole('alert').filter({ hasText: 'RESCHEDULE_TIME_PASSED' }).waitFor();
    assert.equal((await member('Elena Rossi'))['Status'], 'Sent', 'a time gone by changes nothing');
    const tomorrow = new Date(Date.now() + 24 * 3_600_000);
    tomorrow.setSeconds(0, 0);
    await elena.getByLabel('Next attempt').fill(local(tomorrow));
    await elena.getByRole('button', { name: 'Reschedule' }).click();
    const elenaMember = await waitForMemberStatus('Elena Rossi', 'Rescheduled');
    assert.equal(Date.parse(String(elenaMember['ContactPad_Next_Attempt__c']).replace('+0000', 'Z')), tomorrow.getTime());
    const [rescheduled] = await outcomeTasks(elenaMember['LeadOrContactId']);
    assert.deepEqual([rescheduled?.['Status'], rescheduled?.['ContactPad_Status__c']], ['Not Started', 'Waiting']);
    assert.equal((await member('Sam Carter'))['Status'], 'Sent', 'the record left unworked is untouched');
    // Each outcome says it is in Salesforce (the outbox sends one request at a time, in order: Elena's is the last).
    await records.getByRole('button', { name: /Elena Rossi Rescheduled Saved/ }).waitFor();
    assert.deepEqual(
      (await records.getByRole('button').allInnerTexts()).map((text) => text.replace(/\s+/g, ' ').trim()),
      ['Maria Lopez Called Saved', 'Priya Natarajan Rejected Saved', 'Sam Carter Previewing', 'Elena Rossi Rescheduled Saved'],
      'after the reschedule, the next record due is previewed',
    );
  });

  it('Salesforce down while the agent rejects a record: the list goes on, the record says it will retry, and once Salesforce is back the outcome is written once', async () => {
    const { softphone, fakeOrg } = session;
    const records = softphone.getByRole('list', { name: `Calling records: ${CAMPAIGN}` });
    const sam = softphone.getByRole('group', { name: 'Calling record: Sam Carter' });
    await sam.waitFor();
    await fakeOrg.setFault(ORG, { kind: 'unavailable' });
    try {
      await sam.getByLabel('Reason').fill('Closed down');
      await sam.getByRole('button', { name: 'Reject', exact: true }).click();
      await records.getByRole('button', { name: /Sam Carter Rejected Will retry/ }).waitFor();
      await softphone.getByRole('status').filter({ hasText: 'No more records to call now.' }).waitFor();
      const samMember = await member('Sam Carter');
      assert.equal(samMember['Status'], 'Sent', 'nothing reached Salesforce yet');
      assert.deepEqual(await outcomeTasks(samMember['LeadOrContactId']), []);
    } finally {
      await fakeOrg.clearFaults(ORG);
    }
    await records.getByRole('button', { name: /Sam Carter Rejected Saved/ }).waitFor({ timeout: 60_000 });
    const samMember = await member('Sam Carter');
    assert.equal(samMember['Status'], 'Rejected');
    const tasks = await outcomeTasks(samMember['LeadOrContactId']);
    assert.deepEqual(tasks.map((t) => [t['Subject'], t['CallDisposition']]), [[`Rejected: ${CAMPAIGN}`, 'Closed down']], 'written once');
  });

  it('a Lead list view worked through the same way: a real phone answers the call, one record rejected with a reason, one rescheduled; each outcome a Task on the Lead', async () => {
    const { softphone } = session;
    const callee = await startBaresip({ name: 'e2e-preview-ann', user: '+14155550106', proxyPort: E2E_SIP_UDP_PORT, register: true, autoAnswer: true, codecs: 'pcmu' });
    phones.push(callee);
    await openList('Lead list views', 'All Open Leads');
    const records = softphone.getByRole('list', { name: 'Calling records: All Open Leads' });
    assert.deepEqual(
      (await records.getByRole('button').allInnerTexts()).map((text) => text.replace(/\s+/g, ' ').trim()),
      ["<b>Ann</b> O'Neil & Co Previewing", 'Maria Lopez To call', 'Sam Carter To call'],
      'the list view\'s records in its order (by name), the markup shown as text',
    );
    const [ann, maria, sam] = [await person('Lead', "<b>Ann</b> O'Neil & Co"), await person('Lead', 'Maria Lopez'), await person('Lead', 'Sam Carter')];

    // Call Ann: the phone answers, the call is on her Lead and her outcome is Called.
    const annPreview = softphone.getByRole('group', { name: "Calling record: <b>Ann</b> O'Neil & Co" });
    await annPreview.getByText('415-555-0106').waitFor();
    await annPreview.getByRole('button', { name: /^Call / }).click();
    await callee.waitForEstablished(await callee.waitForIncoming());
    const [called] = await waitForOutcomeTasks(ann['Id'], '00B');
    const viewId = /^calling-(00B\w+)-/.exec(String(called?.['ContactPad_Interaction_Id__c']))?.[1];
    assert.ok(viewId, 'the outcome\'s key names the list view');
    assert.deepEqual([called?.['Subject'], called?.['WhatId'], called?.['Status']], ['Called: All Open Leads', null, 'Completed']);
    const row = softphone.locator('li[data-id]').filter({ hasText: /Ann/ }).first();
    const interactionId = (await row.getAttribute('data-id')) ?? '';
    await row.getByRole('button', { name: 'Release' }).click();
    await softphone.getByRole('button', { name: 'Done' }).click();
    const callTask = await taskFor(session, interactionId);
    assert.deepEqual([callTask['CallType'], callTask['WhoId']], ['Outbound', ann['Id']]);

    // Next: Maria, rejected with a reason; then Sam, rescheduled to tomorrow.
    await softphone.getByRole('button', { name: 'Next record' }).click();
    const mariaPreview = softphone.getByRole('group', { name: 'Calling record: Maria Lopez' });
    await mariaPreview.getByLabel('Reason').fill('Bakery closed for the season');
    await mariaPreview.getByRole('button', { name: 'Reject', exact: true }).click();
    const samPreview = softphone.getByRole('group', { name: 'Calling record: Sam Carter' });
    const local = (date: Date) => new Date(date.getTime() - date.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
    const tomorrow = new Date(Date.now() + 24 * 3_600_000);
    tomorrow.setSeconds(0, 0);
    await samPreview.getByLabel('Next attempt').fill(local(tomorrow));
    await samPreview.getByRole('button', { name: 'Reschedule' }).click();
    await records.getByRole('button', { name: /Sam Carter Rescheduled Saved/ }).waitFor({ timeout: 20_000 });
    const [rejected] = await waitForOutcomeTasks(maria['Id'], viewId);
    assert.deepEqual([rejected?.['Subject'], rejected?.['CallDisposition'], rejected?.['WhatId']], ['Rejected: All Open Leads', 'Bakery closed for the season', null]);
    const [rescheduled] = await waitForOutcomeTasks(sam['Id'], viewId);
    assert.deepEqual(
      [rescheduled?.['Status'], rescheduled?.['IsReminderSet'], Date.parse(String(rescheduled?.['ReminderDateTime']).replace('+0000', 'Z'))],
      ['Not Started', true, tomorrow.getTime()],
      'a rescheduled attempt is a Task due then, with a reminder at its time',
    );
    assert.equal((await person('Lead', 'Maria Lopez'))['Status'], 'Working - Contacted', 'the Lead itself is left as it was');

    // Reopened, nothing is left to call from this list view now.
    await softphone.getByRole('button', { name: 'Close list' }).click();
    await softphone.getByRole('button', { name: 'Open a calling list' }).click();
    await softphone.getByRole('list', { name: 'Lead list views' }).getByRole('button', { name: 'All Open Leads' }).click();
    await softphone.getByRole('alert').filter({ hasText: 'All Open Leads: no record to call now' }).waitFor();
    await softphone.getByRole('status').filter({ hasText: 'No more records to call now.' }).waitFor();
  });

  it('closing the list while a call from it rings: the call goes on, and its outcome is logged when the phone answers', async () => {
    const { softphone } = session;
    const callee = await startBaresip({ name: 'e2e-preview-elena', user: '+14155550105', proxyPort: E2E_SIP_UDP_PORT, register: true, autoAnswer: false, codecs: 'pcmu' });
    phones.push(callee);
    await openList('Contact list views', 'Business owners');
    const elena = await person('Contact', 'Elena Rossi');
    const preview = softphone.getByRole('group', { name: 'Calling record: Elena Rossi' });
    await preview.getByText('Rossi Family Vineyards').waitFor();
    await preview.getByRole('button', { name: 'Call Elena Rossi' }).click();
    const sipCallId = await callee.waitForIncoming();

    await softphone.getByRole('button', { name: 'Close list' }).click();
    await softphone.getByRole('button', { name: 'Open a calling list' }).waitFor();
    assert.deepEqual(await outcomeTasks(elena['Id'], '00B'), [], 'nothing logged while it rings');

    await callee.answer();
    await callee.waitForEstablished(sipCallId);
    const [called] = await waitForOutcomeTasks(elena['Id'], '00B');
    assert.deepEqual([called?.['Subject'], called?.['WhatId'], called?.['ContactPad_Status__c']], ['Called: Business owners', null, 'Ended']);
    const row = softphone.locator('li[data-id]').filter({ hasText: /Elena Rossi/ }).first();
    await row.getByRole('button', { name: 'Release' }).click();
    await softphone.getByRole('button', { name: 'Done' }).click();
    assert.equal((await outcomeTasks(elena['Id'], '00B')).length, 1, 'logged once');

    // Reopened: Elena was called from this list view, Tom Becker is next.
    await openList('Contact list views', 'Business owners');
    const records = softphone.getByRole('list', { name: 'Calling records: Business owners' });
    assert.deepEqual((await records.getByRole('button').allInnerTexts()).map((text) => text.replace(/\s+/g, ' ').trim()), ['Tom Becker Previewing']);
  });
});
