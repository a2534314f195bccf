/**
 * Preview dialling end to end in the local console: the agent opens the demo calling list (the
 * fake org's Campaign "Spring catering calls" and its members), reviews the first record (Maria
 * Lopez, a Lead), calls it (a real plain-RTP phone registered as her number answers through
 * Kamailio and rtpengine), goes on to the next record, rejects one with a reason, and
 * reschedules another, first to a time gone by (refused) then to tomorrow. What is left in the
 * fake org is checked as Salesforce would hold it: the call's Task and each outcome's Task on the
 * Lead or Contact, and the campaign members' Status and next attempt.
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

  /** The outcome Tasks preview dialling logged on a Lead or Contact. */
  async function outcomeTasks(personId: unknown): Promise<Array<Record<string, unknown>>> {
    return (await session.fakeOrg.records(ORG, 'Task')).filter((t) => t['WhoId'] === personId && String(t['ContactPad_Interaction_Id__c']).startsWith('calling-'));
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
});
