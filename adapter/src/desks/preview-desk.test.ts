/**
 * Preview dialling (the preview desk) with the real model, the real voice and outbound desks, the
 * real crm room on a fake org with the demo calling list ("Spring catering calls": Maria Lopez and
 * Sam Carter (Leads), Priya Natarajan and Elena Rossi (Contacts), Daniel Kim already Called), and
 * stand-ins for the phone and the host that record what they were asked.
 */
import { expect } from '@open-wc/testing';
import type { CallingRecord } from '../model/calling-record.ts';
import { loadedTestDesks, settled, withRooms } from '../../test-support/desk-rig.ts';
import { fakeOrg } from '../../test-support/fake-org.ts';
import { waitFor } from '../../test-support/wait-for.ts';
import { PreviewDesk } from './preview-desk.ts';
import { refusal } from '../../test-support/thrown.ts';

const CAMPAIGN = 'Spring catering calls';

async function floor() {
  const desks = await loadedTestDesks();
  const { phone, host, orgId } = await withRooms(desks);
  const preview = new PreviewDesk(desks);
  return { ...desks, phone, host, orgId, preview };
}

type Floor = Awaited<ReturnType<typeof floor>>;

async function openSpring(desks: Floor): Promise<string> {
  await desks.preview.handle({ kind: 'choose' });
  const campaign = desks.store.snapshot.callingList?.campaigns.find((c) => c.name === CAMPAIGN);
  if (!campaign) throw new Error('no spring campaign');
  await desks.preview.handle({ kind: 'open', campaignId: campaign.id });
  return campaign.id;
}

function records(desks: Floor): readonly CallingRecord[] {
  return desks.store.snapshot.callingList?.records ?? [];
}

function record(desks: Floor, name: string): CallingRecord {
  const found = records(desks).find((r) => r.name === name);
  if (!found) throw new Error(`${name} is not on the list`);
  return found;
}

/** Waits until the outcome logged on `name` is in Salesforce (the record says Saved). */
async function saved(desks: Floor, name: string): Promise<CallingRecord> {
  return waitFor(`${name}'s outcome saved`, () => (record(desks, name).outcomeLog === 'saved' ? record(desks, name) : undefined));
}

function current(desks: Floor): CallingRecord | undefined {
  const list = desks.store.snapshot.callingList;
  return list?.records.find((r) => r.memberId === list.currentId);
}

async function member(desks: Floor, memberId: string): Promise<Record<string, unknown>> {
  const found = (await fakeOrg.records(desks.orgId, 'CampaignMember')).find((m) => m.Id === memberId);
  if (!found) throw new Error(`no member ${memberId}`);
  return found;
}

async function outcomeTasks(desks: Floor, personId: string): Promise<Array<Record<string, unknown>>> {
  return (await fakeOrg.records(desks.orgId, 'Task')).filter((t) => t['WhoId'] === personId && String(t['ContactPad_Interaction_Id__c'] ?? '').startsWith('calling-'));
}

describe('preview dialling: a campaign calling list worked through one record at a time', () => {
  it('lists only the active campaigns; the list holds the members not yet called, the first previewed with its fields', async () => {
    const desks = await floor();
    await desks.preview.handle({ kind: 'choose' });
    expect(desks.store.snapshot.callingList?.campaigns.map((c) => c.name)).to.deep.equal([CAMPAIGN]);
    await openSpring(desks);
    expect(records(desks).map((r) => r.name)).to.deep.equal(['Maria Lopez', 'Priya Natarajan', 'Sam Carter', 'Elena Rossi']);
    expect(current(desks)).to.include({ name: 'Maria Lopez', objectType: 'Lead', company: 'Lopez Bakery', title: 'Owner', phone: '(415) 555-0100', place: 'San Francisco, CA', memberStatus: 'Sent', state: 'previewing' });
    desks.preview.preview(record(desks, 'Elena Rossi').memberId);
    expect(current(desks)?.name).to.equal('Elena Rossi');
    expect(record(desks, 'Maria Lopez').state, 'the record left goes back to waiting').to.equal('waiting');
  });

  it('Call dials the member through the compliance checks with its Lead as the record; answered, it is Called on the record', async () => {
    const desks = await floor();
    const campaignId = await openSpring(desks);
    const maria = current(desks)!;
    await desks.preview.handle({ kind: 'call', memberId: maria.memberId });
    expect(desks.phone.asked).to.deep.equal(['dial +14155550100']);
    expect(desks.host.pops).to.deep.equal([`record ${maria.personId}`]);
    const callId = record(desks, 'Maria Lopez').callId!;
    expect(desks.view.view(callId)?.record?.id, 'the call is on the Lead').to.equal(maria.personId);
    desks.voice.connected(callId);
    await waitFor('Maria called', () => (record(desks, 'Maria Lopez').memberStatus === 'Called' ? true : undefined));
    expect(record(desks, 'Maria Lopez').state).to.equal('called');
    await saved(desks, 'Maria Lopez');
    expect((await member(desks, maria.memberId))['Status']).to.equal('Called');
    const [task] = await outcomeTasks(desks, maria.personId);
    expect([task?.['Subject'], task?.['Status'], task?.['WhatId'], task?.['ContactPad_Status__c'], task?.['ContactPad_Caller_Number__c']]).to.deep.equal([
      `Called: ${CAMPAIGN}`, 'Completed', null, 'Ended', '+14155550100',
    ]);
    expect(campaignId).to.match(/^701/);
  });

  it('a call nobody answers leaves the record Not Reached (logged), and it can be called again or rescheduled', async () => {
    const desks = await floor();
    await openSpring(desks);
    const maria = current(desks)!;
    await desks.preview.call(maria.memberId);
    desks.voice.ended(record(desks, 'Maria Lopez').callId!, { reason: 'rejected', statusCode: 480 });
    await waitFor('Maria not reached', () => (record(desks, 'Maria Lopez').memberStatus === 'Not Reached' ? true : undefined));
    await saved(desks, 'Maria Lopez');
    const [task] = await outcomeTasks(desks, maria.personId);
    expect([task?.['Subject'], task?.['ContactPad_Status__c']]).to.deep.equal([`Not reached: ${CAMPAIGN}`, 'Failed']);
    await desks.preview.call(maria.memberId);
    expect(desks.phone.asked).to.deep.equal(['dial +14155550100', 'dial +14155550100']);
  });

  it('Reject needs a reason, logs it on the Contact with the Campaign, and the next record is previewed', async () => {
    const desks = await floor();
    const campaignId = await openSpring(desks);
    const priya = record(desks, 'Priya Natarajan');
    desks.preview.preview(priya.memberId);
    expect(await refusal(desks.preview.reject(priya.memberId, '   '))).to.include({ code: 'INVALID_INPUT' });
    expect(await outcomeTasks(desks, priya.personId), 'nothing logged without a reason').to.deep.equal([]);
    await desks.preview.handle({ kind: 'reject', memberId: priya.memberId, reason: 'Wrong  number\non file' });
    expect(record(desks, 'Priya Natarajan')).to.include({ state: 'rejected', rejectReason: 'Wrong number on file', memberStatus: 'Rejected' });
    expect(current(desks)?.name, 'the next waiting record').to.equal('Maria Lopez');
    await saved(desks, 'Priya Natarajan');
    const [task] = await outcomeTasks(desks, priya.personId);
    expect([task?.['Subject'], task?.['WhatId'], task?.['CallDisposition'], task?.['ContactPad_Status__c']]).to.deep.equal([`Rejected: ${CAMPAIGN}`, campaignId, 'Wrong number on file', 'Ended']);
    expect((await member(desks, priya.memberId))['Status']).to.equal('Rejected');
    expect(await refusal(desks.preview.reject(priya.memberId, 'again')), 'a rejected record is done').to.include({ code: 'INVALID_TRANSITION' });
  });

  it('Reschedule refuses a time gone by, and keeps a time to come on the member: the record is off the list until then', async () => {
    const desks = await floor();
    await openSpring(desks);
    const elena = record(desks, 'Elena Rossi');
    desks.preview.preview(elena.memberId);
    const now = desks.clock.now();
    expect(await refusal(desks.preview.reschedule(elena.memberId, now - 60_000))).to.include({ code: 'RESCHEDULE_TIME_PASSED' });
    expect(record(desks, 'Elena Rossi').state, 'unchanged').to.equal('previewing');
    const at = now + 26 * 3600_000;
    await desks.preview.handle({ kind: 'reschedule', memberId: elena.memberId, at });
    expect(record(desks, 'Elena Rossi')).to.include({ state: 'rescheduled', rescheduledTo: at, memberStatus: 'Rescheduled' });
    await saved(desks, 'Elena Rossi');
    const stored = await member(desks, elena.memberId);
    expect([stored['Status'], Date.parse(String(stored['ContactPad_Next_Attempt__c']).replace('+0000', 'Z'))]).to.deep.equal(['Rescheduled', at]);
    const [task] = await outcomeTasks(desks, elena.personId);
    expect([task?.['Status'], task?.['ActivityDate'], task?.['ContactPad_Status__c']]).to.deep.equal(['Not Started', new Date(at).toISOString().slice(0, 10), 'Waiting']);
    const journey = (await desks.rooms.requireCrm().lookUpCaller('+1 (415) 555-0105')).journey;
    expect(journey[0], 'in her journey at once, waiting for the next attempt').to.deep.include({ taskId: task?.['Id'], channel: 'Voice call', status: 'Waiting', subject: `Call rescheduled: ${CAMPAIGN}`, recordId: elena.personId });
    await openSpring(desks);
    expect(records(desks).map((r) => r.name), 'not due yet').to.deep.equal(['Maria Lopez', 'Priya Natarajan', 'Sam Carter']);
    desks.clock.advance(27 * 3600_000);
    await openSpring(desks);
    expect(records(desks).map((r) => r.name), 'due again').to.include('Elena Rossi');
  });

  it('a member marked Do Not Call is not dialled: the rule is named and the record is previewed again', async () => {
    const desks = await floor();
    await openSpring(desks);
    const sam = record(desks, 'Sam Carter');
    await fakeOrg.update(desks.orgId, 'Lead', sam.personId, { DoNotCall: true });
    desks.preview.preview(sam.memberId);
    expect(await refusal(desks.preview.call(sam.memberId))).to.include({ code: 'CALL_BLOCKED_DO_NOT_CALL' });
    expect(desks.phone.asked).to.deep.equal([]);
    expect(record(desks, 'Sam Carter').state).to.equal('previewing');
  });

  it('a campaign without the outcome member status: the Task is still logged, the Status left, and the admin told once', async () => {
    const desks = await floor();
    await openSpring(desks);
    for (const status of (await fakeOrg.records(desks.orgId, 'CampaignMemberStatus')).filter((s) => s['Label'] === 'Rejected')) {
      await fakeOrg.update(desks.orgId, 'CampaignMemberStatus', status.Id, { Label: 'Declined' });
    }
    await openSpring(desks);
    const [first, second] = records(desks);
    await desks.preview.reject(first!.memberId, 'Not interested');
    await desks.preview.reject(second!.memberId, 'Not interested');
    await saved(desks, first!.name);
    await saved(desks, second!.name);
    await settled();
    expect(desks.store.snapshot.notices.filter((n) => n.code === 'INVALID_CONFIGURATION').map((n) => n.message)).to.deep.equal([
      `Campaign ${CAMPAIGN} has no member status "Rejected": the outcome is logged as a Task, the member's Status is left as it is (tell your Salesforce admin).`,
    ]);
    expect((await member(desks, first!.memberId))['Status']).to.equal('Sent');
    expect(await outcomeTasks(desks, first!.personId)).to.have.length(1);
  });

  it('Salesforce down while rejecting: the record says it will retry, the agent goes on, and once Salesforce is back the outcome is written once', async () => {
    const desks = await floor();
    const campaignId = await openSpring(desks);
    const priya = record(desks, 'Priya Natarajan');
    desks.preview.preview(priya.memberId);
    await fakeOrg.setFault(desks.orgId, { kind: 'unavailable', times: 1 });
    await desks.preview.handle({ kind: 'reject', memberId: priya.memberId, reason: 'Moved away' });
    expect(record(desks, 'Priya Natarajan')).to.include({ state: 'rejected', memberStatus: 'Rejected' });
    expect(current(desks)?.name, 'the agent goes on at once').to.equal('Maria Lopez');
    expect(desks.store.snapshot.callingList?.saving, 'nothing waits for Salesforce').to.equal(false);
    await waitFor('Priya will retry', () => (record(desks, 'Priya Natarajan').outcomeLog === 'retrying' ? true : undefined));
    expect(desks.store.snapshot.notices.map((n) => n.code), 'Salesforce down is not the agent\'s to fix').to.not.include('CRM_UNAVAILABLE');
    await desks.preview.call(current(desks)!.memberId);
    expect(desks.phone.asked).to.deep.equal(['dial +14155550100']);
    await saved(desks, 'Priya Natarajan');
    const tasks = await outcomeTasks(desks, priya.personId);
    expect(tasks.map((t) => [t['Subject'], t['WhatId'], t['CallDisposition']])).to.deep.equal([[`Rejected: ${CAMPAIGN}`, campaignId, 'Moved away']]);
    expect((await member(desks, priya.memberId))['Status']).to.equal('Rejected');
  });

  it('an outcome Salesforce refuses (the member was removed from the campaign) is kept, marked to retry, and told once', async () => {
    const desks = await floor();
    await openSpring(desks);
    const sam = record(desks, 'Sam Carter');
    await fakeOrg.remove(desks.orgId, 'CampaignMember', sam.memberId);
    desks.preview.preview(sam.memberId);
    await desks.preview.reject(sam.memberId, 'Not interested');
    await waitFor('the hold told', () => desks.store.snapshot.notices.find((n) => n.code === 'CRM_REQUEST_REJECTED'));
    expect(record(desks, 'Sam Carter').outcomeLog).to.equal('retrying');
    expect(desks.store.snapshot.notices.filter((n) => n.code === 'CRM_REQUEST_REJECTED').map((n) => n.message.split(':')[0])).to.deep.equal([
      'The outcome on Sam Carter is kept in this browser, not yet in Salesforce',
    ]);
  });

  it('a campaign that is gone is told, and the campaigns stay to choose from', async () => {
    const desks = await floor();
    await desks.preview.choose();
    const campaign = desks.store.snapshot.callingList!.campaigns[0]!;
    await fakeOrg.update(desks.orgId, 'Campaign', campaign.id, { IsActive: false });
    expect(await refusal(desks.preview.open(campaign.id))).to.include({ code: 'CALLING_LIST_UNAVAILABLE' });
    expect(await refusal(desks.preview.open("701' OR Name != '"))).to.include({ code: 'CALLING_LIST_UNAVAILABLE' });
    expect(desks.store.snapshot.callingList).to.include({ state: 'choosing' });
    expect(desks.store.snapshot.callingList?.campaigns).to.have.length(1);
  });
});
