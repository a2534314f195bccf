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
function dayToCome(days: number, hourUtc: number): string {
  const base = new Date(Math.max(Date.now(), Date.UTC(2026, 0, 5)) + days * DAY);
  return new Date(Date.UTC(base.getUTCFullYear(), base.getUTCMonth(), base.getUTCDate(), hourUtc)).toISOString();
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
});
