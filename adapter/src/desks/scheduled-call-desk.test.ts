/**
 * Scheduled calls from the Call back dialog (scheduled-call-desk.ts, through the Call back desk as
 * the switchboard uses it), with the real model, the real crm room on a fake org (whose callback
 * queue answers as ContactPadCallbackQueue does) and the shipped outbound setting with calling
 * hours 08:00 to 21:00 in the recipient's time zone.
 */
import { expect } from '@open-wc/testing';
import { DEMO_AGENT_USER_ID, loadedTestDesks, withRooms } from '../../test-support/desk-rig.ts';
import { fakeOrg } from '../../test-support/fake-org.ts';
import { refusal } from '../../test-support/thrown.ts';

const DAY = 86_400_000;

async function withCrm() {
  const desks = await loadedTestDesks();
  const { orgId } = await withRooms(desks);
  const setting = (await fakeOrg.records(orgId, 'ContactPad_Outbound_Setting__mdt')).find((r) => r['DeveloperName'] === 'Default');
  await fakeOrg.update(orgId, 'ContactPad_Outbound_Setting__mdt', setting!.Id, { Calling_Hours_Start__c: '08:00', Calling_Hours_End__c: '21:00' });
  const callback = await (await desks.voice.outbound()).callback();
  return { ...desks, orgId, callback };
}

/** A day to come (after the fake org's time and the desks' clock), at `hourUtc`: 20:00 UTC is noon in San Francisco, 09:00 UTC is 01:00 there. */
function dayToCome(days: number, hourUtc: number, minuteUtc = 0): string {
  const base = new Date(Math.max(Date.now(), Date.UTC(2026, 0, 5)) + days * DAY);
  return new Date(Date.UTC(base.getUTCFullYear(), base.getUTCMonth(), base.getUTCDate(), hourUtc, minuteUtc)).toISOString();
}

async function maria(orgId: string) {
  const record = (await fakeOrg.records(orgId, 'Lead')).find((r) => r['LastName'] === 'Lopez')!;
  return { recordId: record.Id, objectType: 'Lead', name: `${String(record['FirstName'] ?? '')} Lopez`.trim() };
}

describe('scheduled calls from Call back', () => {
  it('schedules the call for this agent, linked to the record, and lists it (when, who, number)', async () => {
    const desks = await withCrm();
    const record = await maria(desks.orgId);
    await desks.callback.handle({ to: 'open' }, { url: '', recordId: record.recordId, recordName: record.name, objectType: 'Lead' });
    await desks.callback.handle({ to: 'schedule', number: '+1 415 555 0100', at: dayToCome(2, 20), record }, undefined);
    const saved = (await fakeOrg.records(desks.orgId, 'ContactPad_Callback_Request__c')).filter((r) => r['Status__c'] === 'Scheduled');
    expect(saved).to.have.length(1);
    expect(saved[0]).to.include({ Queue__c: 'Scheduled', Number__c: '+14155550100', Record_Id__c: record.recordId, Caller_Name__c: record.name, Agent__c: DEMO_AGENT_USER_ID });
    expect(Date.parse(String(saved[0]!['Scheduled_At__c']))).to.equal(Date.parse(dayToCome(2, 20)));
    expect(desks.store.snapshot.callback?.scheduled?.map((call) => [call.number, call.name, call.at])).to.deep.equal([['+14155550100', record.name, Date.parse(dayToCome(2, 20))]]);
  });

  it('refuses a time in the past (SCHEDULE_IN_PAST) and a time outside calling hours in the recipient\'s time zone, naming the rule; nothing is scheduled', async () => {
    const desks = await withCrm();
    await desks.callback.handle({ to: 'open' }, undefined);
    const past = await refusal(desks.callback.handle({ to: 'schedule', number: '+1 415 555 0100', at: new Date(desks.clock.now() - 60_000).toISOString() }, undefined));
    expect(past.code).to.equal('SCHEDULE_IN_PAST');
    const night = await refusal(desks.callback.handle({ to: 'schedule', number: '+1 415 555 0100', at: dayToCome(2, 9) }, undefined));
    expect(night.code).to.equal('CALL_BLOCKED_CALLING_HOURS');
    expect(night.message).to.match(/^Calling hours: .*America\/Los_Angeles/);
    expect((await refusal(desks.callback.handle({ to: 'schedule', number: '+1 415 555 0100', at: 'tomorrow-ish' }, undefined))).code).to.equal('INVALID_INPUT');
    expect((await fakeOrg.records(desks.orgId, 'ContactPad_Callback_Request__c')).filter((r) => r['Status__c'] === 'Scheduled')).to.have.length(0);
  });

  it('moves one (the same checks) and cancels one, through the callback queue; the list follows', async () => {
    const desks = await withCrm();
    await desks.callback.handle({ to: 'open' }, undefined);
    await desks.callback.handle({ to: 'schedule', number: '+1 415 555 0100', at: dayToCome(2, 20) }, undefined);
    await desks.callback.handle({ to: 'schedule', number: '+1 415 555 0142', at: dayToCome(3, 20) }, undefined);
    const [first, second] = desks.store.snapshot.callback!.scheduled!;
    expect((await refusal(desks.callback.handle({ to: 'move', id: first!.id, at: dayToCome(4, 9) }, undefined))).code).to.equal('CALL_BLOCKED_CALLING_HOURS');
    await desks.callback.handle({ to: 'move', id: first!.id, at: dayToCome(4, 20) }, undefined);
    await desks.callback.handle({ to: 'cancel-scheduled', id: second!.id }, undefined);
    expect(desks.store.snapshot.callback?.scheduled?.map((call) => [call.id, call.at])).to.deep.equal([[first!.id, Date.parse(dayToCome(4, 20))]]);
    const cancelled = (await fakeOrg.records(desks.orgId, 'ContactPad_Callback_Request__c')).find((r) => r.Id === second!.id);
    expect(cancelled?.['Status__c']).to.equal('Cancelled');
  });

  it('a move is checked against the record it was scheduled from: made Do Not Call since, the move is refused naming the rule, and the request keeps its time', async () => {
    const desks = await withCrm();
    const record = await maria(desks.orgId);
    // A number the agent typed, which is not on the Lead: only the Lead itself can say Do Not Call.
    await desks.callback.handle({ to: 'schedule', number: '+1 415 555 0177', at: dayToCome(2, 20), record }, undefined);
    await desks.callback.handle({ to: 'show-scheduled' }, undefined);
    const [call] = desks.store.snapshot.scheduledCalls!.calls;
    await fakeOrg.update(desks.orgId, 'Lead', record.recordId, { DoNotCall: true });
    const blocked = await refusal(desks.callback.handle({ to: 'move', id: call!.id, at: dayToCome(3, 20) }, undefined));
    expect(blocked.code).to.equal('CALL_BLOCKED_DO_NOT_CALL');
    expect(blocked.message).to.equal(`Scheduled call to ${record.name} not moved: Do Not Call: ${record.name} (Lead) is marked Do Not Call in Salesforce. The call was not placed. It stays scheduled as it was.`);
    const kept = (await fakeOrg.records(desks.orgId, 'ContactPad_Callback_Request__c')).find((r) => r.Id === call!.id)!;
    expect(kept['Status__c']).to.equal('Scheduled');
    expect(Date.parse(String(kept['Scheduled_At__c']))).to.equal(Date.parse(dayToCome(2, 20)));
  });

  it('a move is checked in the record\'s time zone when the number may be in several: 20:30 in Chicago is allowed for a Lead in Chicago, though it is 21:30 in New York', async () => {
    const desks = await withCrm();
    const setting = (await fakeOrg.records(desks.orgId, 'ContactPad_Outbound_Setting__mdt')).find((r) => r['DeveloperName'] === 'Default');
    await fakeOrg.update(desks.orgId, 'ContactPad_Outbound_Setting__mdt', setting!.Id, { Record_Time_Zone_Field__c: 'Time_Zone__c' });
    const record = await maria(desks.orgId);
    await fakeOrg.update(desks.orgId, 'Lead', record.recordId, { Time_Zone__c: 'America/Chicago' });
    // +1 219 is in Chicago's zone and New York's (number-time-zones.ts).
    await desks.callback.handle({ to: 'schedule', number: '+1 219 226 5555', at: dayToCome(2, 18), record }, undefined);
    const typed = await refusal(desks.callback.handle({ to: 'schedule', number: '+1 219 226 5555', at: dayToCome(3, 2, 30) }, undefined));
    expect(typed.code, 'without a record, every zone of the number counts').to.equal('CALL_BLOCKED_CALLING_HOURS');
    await desks.callback.handle({ to: 'show-scheduled' }, undefined);
    const [call] = desks.store.snapshot.scheduledCalls!.calls;
    await desks.callback.handle({ to: 'move', id: call!.id, at: dayToCome(3, 2, 30) }, undefined);
    expect(desks.store.snapshot.scheduledCalls?.calls.map((listed) => listed.at)).to.deep.equal([Date.parse(dayToCome(3, 2, 30))]);
  });

  it('a record deleted since: the move is checked against the number alone, and the agent is told', async () => {
    const desks = await withCrm();
    const record = await maria(desks.orgId);
    await desks.callback.handle({ to: 'schedule', number: '+1 415 555 0177', at: dayToCome(2, 20), record }, undefined);
    await desks.callback.handle({ to: 'show-scheduled' }, undefined);
    const [call] = desks.store.snapshot.scheduledCalls!.calls;
    await fakeOrg.remove(desks.orgId, 'Lead', record.recordId);
    await desks.callback.handle({ to: 'move', id: call!.id, at: dayToCome(3, 20) }, undefined);
    expect(desks.store.snapshot.scheduledCalls?.calls.map((listed) => listed.at)).to.deep.equal([Date.parse(dayToCome(3, 20))]);
    expect(desks.store.snapshot.notices.at(-1)).to.include({
      code: 'SCHEDULED_RECORD_UNAVAILABLE',
      message: `The record this call was scheduled from (${record.recordId}) cannot be read: the Lead was deleted, or is not shared with you. The new time is checked against the number alone.`,
    });
  });
});

describe('"Scheduled calls" from the dial box', () => {
  it('lists the agent\'s scheduled calls at any time, soonest first, with the customer\'s time zone; a call whose time has come shows as due, when it comes', async () => {
    const desks = await withCrm();
    const record = await maria(desks.orgId);
    await desks.callback.handle({ to: 'schedule', number: '+44 20 7946 0958', at: dayToCome(3, 12), record }, undefined);
    await desks.callback.handle({ to: 'schedule', number: '+1 415 555 0142', at: dayToCome(2, 20) }, undefined);
    expect(desks.store.snapshot.scheduledCalls, 'not listed until the agent opens it').to.equal(undefined);
    await desks.callback.handle({ to: 'show-scheduled' }, undefined);
    const rows = () => desks.store.snapshot.scheduledCalls!.calls.map((call) => [call.number, call.name, call.recordId, call.customerZone, call.due]);
    expect(desks.store.snapshot.scheduledCalls?.state).to.equal('listed');
    expect(rows()).to.deep.equal([
      ['+14155550142', '', '', 'America/Los_Angeles', false],
      ['+442079460958', record.name, record.recordId, 'Europe/London', false],
    ]);
    desks.clock.advanceTo(Date.parse(dayToCome(2, 20)) - 1);
    expect(rows()[0]![4]).to.equal(false);
    desks.clock.advance(1);
    expect(rows().map((row) => row[4]), 'due once its time came; the other not yet').to.deep.equal([true, false]);
    await desks.callback.handle({ to: 'hide-scheduled' }, undefined);
    expect(desks.store.snapshot.scheduledCalls).to.equal(undefined);
    expect(desks.clock.pending, 'no timer left once closed').to.deep.equal([]);
  });

  it('moves and cancels from the list; the list (and the Call back dialog, when open) follow', async () => {
    const desks = await withCrm();
    await desks.callback.handle({ to: 'schedule', number: '+1 415 555 0100', at: dayToCome(2, 20) }, undefined);
    await desks.callback.handle({ to: 'schedule', number: '+1 415 555 0142', at: dayToCome(3, 20) }, undefined);
    await desks.callback.handle({ to: 'show-scheduled' }, undefined);
    const [first, second] = desks.store.snapshot.scheduledCalls!.calls;
    await desks.callback.handle({ to: 'move', id: second!.id, at: dayToCome(1, 20) }, undefined);
    expect(desks.store.snapshot.scheduledCalls?.calls.map((call) => call.id)).to.deep.equal([second!.id, first!.id]);
    await desks.callback.handle({ to: 'cancel-scheduled', id: first!.id }, undefined);
    expect(desks.store.snapshot.scheduledCalls?.calls.map((call) => call.id)).to.deep.equal([second!.id]);
    expect((await fakeOrg.records(desks.orgId, 'ContactPad_Callback_Request__c')).find((r) => r.Id === first!.id)?.['Status__c']).to.equal('Cancelled');
  });

  it('Salesforce cannot say: the list says so, the agent is told why, and it lists again once asked again', async () => {
    const desks = await withCrm();
    await desks.callback.handle({ to: 'schedule', number: '+1 415 555 0100', at: dayToCome(2, 20) }, undefined);
    await fakeOrg.setFault(desks.orgId, { kind: 'unavailable' });
    await desks.callback.handle({ to: 'show-scheduled' }, undefined);
    expect(desks.store.snapshot.scheduledCalls?.state).to.equal('failed');
    expect(desks.store.snapshot.notices.at(-1)?.code).to.equal('CRM_UNAVAILABLE');
    await fakeOrg.clearFaults(desks.orgId);
    await desks.callback.handle({ to: 'show-scheduled' }, undefined);
    expect(desks.store.snapshot.scheduledCalls?.state).to.equal('listed');
    expect(desks.store.snapshot.scheduledCalls?.calls).to.have.length(1);
  });
});

