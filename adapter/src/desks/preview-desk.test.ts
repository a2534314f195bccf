/**
 * Preview dialling (the preview desk) with the real model, the real voice and outbound desks, the
 * real crm room on a fake org with the demo calling list ("Spring catering calls": Maria Lopez and
 * Sam Carter (Leads), Priya Natarajan and Elena Rossi (Contacts), Daniel Kim already Called), and
 * stand-ins for the phone and the host that record what they were asked.
 */
import { expect } from '@open-wc/testing';
import type { CallingRecord } from '../model/calling-record.ts';
import { loadedTestDesks, settled, storedWrites, withRooms } from '../../test-support/desk-rig.ts';
import { fakeOrg } from '../../test-support/fake-org.ts';
import { waitFor } from '../../test-support/wait-for.ts';
import { PreviewDesk } from './preview-desk.ts';
import { refusal } from '../../test-support/thrown.ts';

const CAMPAIGN = 'Spring catering calls';

async function floor() {
  const desks = await loadedTestDesks();
  const { phone, host, orgId, storage } = await withRooms(desks);
  const preview = new PreviewDesk(desks);
  return { ...desks, phone, host, orgId, storage, preview };
}

type Floor = Awaited<ReturnType<typeof floor>>;

/** Chooses and opens the calling list named `name` (a campaign or a list view); its id. */
async function openList(desks: Floor, name: string): Promise<string> {
  await desks.preview.handle({ kind: 'choose' });
  const source = desks.store.snapshot.callingList?.sources.find((c) => c.name === name);
  if (!source) throw new Error(`no list ${name}`);
  await desks.preview.handle({ kind: 'open', listId: source.id });
  return source.id;
}

function openSpring(desks: Floor): Promise<string> {
  return openList(desks, CAMPAIGN);
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
  it('lists the active campaigns and the Lead and Contact list views; the campaign list holds the members not yet called, the first previewed with its fields', async () => {
    const desks = await floor();
    await desks.preview.handle({ kind: 'choose' });
    expect(desks.store.snapshot.callingList?.sources.map((c) => [c.kind, c.name])).to.deep.equal([
      ['campaign', CAMPAIGN],
      ['list-view', 'All Open Leads'],
      ['list-view', 'Business owners'],
    ]);
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
    // What Priya's record shows, each change: 'retrying' lasts only until the outbox's next try,
    // which the first request Salesforce answers brings forward (a poll could miss it).
    const shown: string[] = [];
    const stopFollowing = desks.store.subscribe(() => {
      const now = desks.store.snapshot.callingList?.records.find((candidate) => candidate.memberId === priya.memberId)?.outcomeLog;
      if (now && shown.at(-1) !== now) shown.push(now);
    });
    await fakeOrg.setFault(desks.orgId, { kind: 'unavailable', times: 1 });
    await desks.preview.handle({ kind: 'reject', memberId: priya.memberId, reason: 'Moved away' });
    expect(record(desks, 'Priya Natarajan')).to.include({ state: 'rejected', memberStatus: 'Rejected' });
    expect(current(desks)?.name, 'the agent goes on at once').to.equal('Maria Lopez');
    expect(desks.store.snapshot.callingList?.saving, 'nothing waits for Salesforce').to.equal(false);
    await waitFor('Priya will retry', () => shown.includes('retrying') || undefined);
    expect(desks.store.snapshot.notices.map((n) => n.code), 'Salesforce down is not the agent\'s to fix').to.not.include('CRM_UNAVAILABLE');
    await desks.preview.call(current(desks)!.memberId);
    expect(desks.phone.asked).to.deep.equal(['dial +14155550100']);
    await saved(desks, 'Priya Natarajan');
    const tasks = await outcomeTasks(desks, priya.personId);
    expect(tasks.map((t) => [t['Subject'], t['WhatId'], t['CallDisposition']])).to.deep.equal([[`Rejected: ${CAMPAIGN}`, campaignId, 'Moved away']]);
    expect((await member(desks, priya.memberId))['Status']).to.equal('Rejected');
    stopFollowing();
    expect(shown.at(-1), 'written in the end').to.equal('saved');
  });

  it('an outcome Salesforce refuses (the member was removed from the campaign) is told by record and reason, kept until dismissed, and dropped then', async () => {
    const desks = await floor();
    await openSpring(desks);
    const sam = record(desks, 'Sam Carter');
    await fakeOrg.remove(desks.orgId, 'CampaignMember', sam.memberId);
    desks.preview.preview(sam.memberId);
    await desks.preview.reject(sam.memberId, 'Not interested');
    const notice = await waitFor('the refusal told', () => desks.store.snapshot.notices.find((n) => n.code === 'CALLING_OUTCOME_REFUSED'));
    expect(notice.message).to.match(/^Sam Carter: Rejected \(Spring catering calls\): not written to Salesforce, which refused it \(.*ENTITY_IS_DELETED\)/);
    expect([notice.kept, notice.about]).to.deep.equal([true, `Sam Carter: Rejected (${CAMPAIGN})`]);
    expect(record(desks, 'Sam Carter').outcomeLog).to.equal('refused');
    expect(await outcomeTasks(desks, sam.personId), 'neither the Task nor the member written').to.deep.equal([]);
    for (let n = 0; n < 6; n += 1) desks.notices.notify(new Error(`later problem ${n}`));
    expect(desks.store.snapshot.notices.map((n) => n.code), 'still there after many other notices').to.include('CALLING_OUTCOME_REFUSED');
    desks.notices.dismiss(notice.id);
    const usage = await fakeOrg.apiUsage(desks.orgId);
    // Reopened in a fresh ContactPad on the same browser storage, nothing is told or sent again.
    await desks.preview.reject(record(desks, 'Maria Lopez').memberId, 'Closed down');
    await saved(desks, 'Maria Lopez');
    expect(await fakeOrg.apiUsage(desks.orgId), 'only Maria\'s outcome was sent: the refused one is not tried again').to.equal(usage + 1);
    expect(desks.store.snapshot.notices.map((n) => n.code)).to.not.include('CALLING_OUTCOME_REFUSED');
  });

  it('a refused outcome is told again after a reload (before any list is opened) until the agent dismisses it, and not after', async () => {
    const first = await floor();
    await openSpring(first);
    const sam = record(first, 'Sam Carter');
    await fakeOrg.remove(first.orgId, 'CampaignMember', sam.memberId);
    first.preview.preview(sam.memberId);
    await first.preview.reject(sam.memberId, 'Not interested');
    await waitFor('refused', () => (record(first, 'Sam Carter').outcomeLog === 'refused' ? true : undefined));
    const { storage } = first;

    const reloaded = await loadedTestDesks();
    await (await withRooms(reloaded, undefined, { reload: storage })).crm.preload();
    const told = await waitFor('told again after the reload', () => reloaded.store.snapshot.notices.find((n) => n.code === 'CALLING_OUTCOME_REFUSED'));
    expect(told).to.include({ kept: true, about: `Sam Carter: Rejected (${CAMPAIGN})` });
    const key = record(first, 'Sam Carter').outcomeKey!;
    expect((await storedWrites(storage)).includes(key), 'kept in this browser until dismissed').to.equal(true);
    reloaded.notices.dismiss(told.id);
    await waitFor('dropped from the outbox', async () => ((await storedWrites(storage)).includes(key) ? undefined : true));

    const again = await loadedTestDesks();
    await (await withRooms(again, undefined, { reload: storage })).crm.preload(); // the outbox has replayed what was stored (start told it)
    expect(again.store.snapshot.notices.filter((n) => n.code === 'CALLING_OUTCOME_REFUSED'), 'dismissed for good').to.deep.equal([]);
  });

  it('a campaign that is gone is told, and the campaigns stay to choose from', async () => {
    const desks = await floor();
    await desks.preview.choose();
    const campaign = desks.store.snapshot.callingList!.sources[0]!;
    await fakeOrg.update(desks.orgId, 'Campaign', campaign.id, { IsActive: false });
    expect(await refusal(desks.preview.open(campaign.id))).to.include({ code: 'CALLING_LIST_UNAVAILABLE' });
    expect(await refusal(desks.preview.open("701' OR Name != '"))).to.include({ code: 'CALLING_LIST_UNAVAILABLE' });
    expect(desks.store.snapshot.callingList).to.include({ state: 'choosing' });
    expect(desks.store.snapshot.callingList?.sources).to.have.length(3);
  });
});

describe('preview dialling: a Lead or Contact list view as a calling list', () => {
  const LEADS = 'All Open Leads';

  it('works through a Lead list view in its order: call, reject and reschedule each logged as a Task on the Lead, related to nothing else', async () => {
    const desks = await floor();
    const viewId = await openList(desks, LEADS);
    expect(viewId).to.match(/^00B/);
    expect(records(desks).map((r) => r.name), 'the view\'s records, by name, not converted').to.deep.equal(["<b>Ann</b> O'Neil & Co", 'Maria Lopez', 'Sam Carter']);
    expect(current(desks)).to.include({ name: "<b>Ann</b> O'Neil & Co", objectType: 'Lead', memberStatus: '', state: 'previewing' });
    const maria = record(desks, 'Maria Lopez');
    expect(maria).to.include({ memberId: maria.personId, company: 'Lopez Bakery', title: 'Owner', phone: '(415) 555-0100', place: 'San Francisco, CA' });

    desks.preview.preview(maria.memberId);
    await desks.preview.call(maria.memberId);
    expect(desks.phone.asked).to.deep.equal(['dial +14155550100']);
    expect(desks.host.pops).to.deep.equal([`record ${maria.personId}`]);
    desks.voice.connected(record(desks, 'Maria Lopez').callId!);
    expect((await saved(desks, 'Maria Lopez')).memberStatus).to.equal('Called');
    const sam = record(desks, 'Sam Carter');
    desks.preview.preview(sam.memberId);
    await desks.preview.reject(sam.memberId, 'Already a customer');
    const ann = record(desks, "<b>Ann</b> O'Neil & Co");
    expect(current(desks)?.memberId, 'the next record due').to.equal(ann.memberId);
    const at = desks.clock.now() + 26 * 3600_000;
    await desks.preview.reschedule(ann.memberId, at);
    await saved(desks, 'Sam Carter');
    await saved(desks, "<b>Ann</b> O'Neil & Co");

    const [called] = await outcomeTasks(desks, maria.personId);
    expect([called?.['Subject'], called?.['Status'], called?.['WhatId'], called?.['ContactPad_Status__c']]).to.deep.equal([`Called: ${LEADS}`, 'Completed', null, 'Ended']);
    expect(String(called?.['ContactPad_Interaction_Id__c'])).to.match(new RegExp(`^calling-${viewId}-${maria.personId}-\\d+$`));
    const [rejected] = await outcomeTasks(desks, sam.personId);
    expect([rejected?.['Subject'], rejected?.['CallDisposition']]).to.deep.equal([`Rejected: ${LEADS}`, 'Already a customer']);
    const [rescheduled] = await outcomeTasks(desks, ann.personId);
    expect([rescheduled?.['Status'], rescheduled?.['IsReminderSet'], Date.parse(String(rescheduled?.['ReminderDateTime']).replace('+0000', 'Z'))]).to.deep.equal(['Not Started', true, at]);
    expect((await fakeOrg.records(desks.orgId, 'Lead')).find((l) => l.Id === maria.personId)?.['Status'], 'the Lead itself is not changed').to.equal('Working - Contacted');

    // Reopened: what was called or rejected from this view is done, the rescheduled record waits for its time.
    expect(await refusal(openList(desks, LEADS))).to.include({ code: 'CALLING_LIST_UNAVAILABLE' });
    desks.clock.advance(27 * 3600_000);
    await openList(desks, LEADS);
    expect(records(desks).map((r) => [r.name, r.memberStatus])).to.deep.equal([["<b>Ann</b> O'Neil & Co", 'Rescheduled']]);
  });

  it('a record not reached stays on the list view, and a Contact list view takes the company from the Account', async () => {
    const desks = await floor();
    await openList(desks, 'Business owners');
    expect(records(desks).map((r) => [r.name, r.objectType, r.company, r.phone])).to.deep.equal([
      ['Elena Rossi', 'Contact', 'Rossi Family Vineyards', '+1 (415) 555-0105'],
      ['Tom Becker', 'Contact', 'Becker Hardware', '(415) 555-0107'],
    ]);
    const elena = record(desks, 'Elena Rossi');
    await desks.preview.call(elena.memberId);
    desks.voice.ended(record(desks, 'Elena Rossi').callId!, { reason: 'rejected', statusCode: 486 });
    await saved(desks, 'Elena Rossi');
    const [task] = await outcomeTasks(desks, elena.personId);
    expect([task?.['Subject'], task?.['WhatId'], task?.['ContactPad_Status__c']]).to.deep.equal(['Not reached: Business owners', null, 'Failed']);
    await openList(desks, 'Business owners');
    expect(records(desks).map((r) => [r.name, r.memberStatus])).to.deep.equal([['Elena Rossi', 'Not Reached'], ['Tom Becker', '']]);
  });

  it('an outcome Salesforce refuses on a list view\'s record (the Lead was deleted) is told, kept until dismissed', async () => {
    const desks = await floor();
    await openList(desks, LEADS);
    const sam = record(desks, 'Sam Carter');
    await fakeOrg.remove(desks.orgId, 'Lead', sam.personId);
    desks.preview.preview(sam.memberId);
    await desks.preview.reject(sam.memberId, 'Not interested');
    const notice = await waitFor('told', () => desks.store.snapshot.notices.find((n) => n.code === 'CALLING_OUTCOME_REFUSED'));
    expect(notice).to.include({ kept: true, about: `Sam Carter: Rejected (${LEADS})` });
  });
});

describe('preview dialling: closing the list while a call from it is on', () => {
  it('closing while the call rings: the outcome is logged when the call is answered, and the list stays closed', async () => {
    const desks = await floor();
    await openSpring(desks);
    const maria = current(desks)!;
    await desks.preview.call(maria.memberId);
    const callId = record(desks, 'Maria Lopez').callId!;
    await desks.preview.handle({ kind: 'close' });
    expect(desks.store.snapshot.callingList).to.equal(undefined);
    desks.voice.connected(callId);
    await waitFor('Maria called in Salesforce', async () => ((await member(desks, maria.memberId))['Status'] === 'Called' ? true : undefined));
    const tasks = await waitFor('her outcome Task', async () => {
      const found = await outcomeTasks(desks, maria.personId);
      return found.length > 0 ? found : undefined;
    });
    expect(tasks.map((t) => t['Subject'])).to.deep.equal([`Called: ${CAMPAIGN}`]);
    expect(desks.store.snapshot.callingList, 'a late outcome does not bring the list back').to.equal(undefined);
    desks.voice.ended(callId, { reason: 'remote-hangup' });
    await settled();
    expect(await outcomeTasks(desks, maria.personId), 'logged once').to.have.length(1);
  });

  it('closing while the call rings and nobody answers: Not Reached is logged when it ends', async () => {
    const desks = await floor();
    await openSpring(desks);
    const maria = current(desks)!;
    await desks.preview.call(maria.memberId);
    const callId = record(desks, 'Maria Lopez').callId!;
    desks.preview.close();
    desks.voice.ended(callId, { reason: 'rejected', statusCode: 480 });
    await waitFor('Maria not reached in Salesforce', async () => ((await member(desks, maria.memberId))['Status'] === 'Not Reached' ? true : undefined));
    expect((await outcomeTasks(desks, maria.personId)).map((t) => t['Subject'])).to.deep.equal([`Not reached: ${CAMPAIGN}`]);
  });

  it('reopening the list while the call still rings picks the record up again, and its answer is logged once', async () => {
    const desks = await floor();
    await openSpring(desks);
    const maria = current(desks)!;
    await desks.preview.call(maria.memberId);
    const callId = record(desks, 'Maria Lopez').callId!;
    desks.preview.close();
    await openSpring(desks);
    expect(record(desks, 'Maria Lopez')).to.include({ state: 'dialling', callId });
    expect(current(desks)?.name, 'the next record is previewed meanwhile').to.equal('Priya Natarajan');
    desks.voice.connected(callId);
    expect((await saved(desks, 'Maria Lopez')).state).to.equal('called');
    expect(await outcomeTasks(desks, maria.personId)).to.have.length(1);
  });

  it('a call answered before the list is closed was logged already: closing and ending it logs nothing more', async () => {
    const desks = await floor();
    await openSpring(desks);
    const maria = current(desks)!;
    await desks.preview.call(maria.memberId);
    const callId = record(desks, 'Maria Lopez').callId!;
    desks.voice.connected(callId);
    await saved(desks, 'Maria Lopez');
    desks.preview.close();
    desks.voice.ended(callId, { reason: 'remote-hangup' });
    await settled();
    expect(await outcomeTasks(desks, maria.personId)).to.have.length(1);
  });
});
