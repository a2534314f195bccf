/** The record a scheduled call was scheduled from, read from the fake org (scheduled-call-origin.ts). */
import { expect } from '@open-wc/testing';
import { objectsByKeyPrefix, readRecordOrigin, readRequestOrigin, type ObjectOfId } from './scheduled-call-origin.ts';
import { connectTo, fakeOrg, type FakeOrgSession } from '../../test-support/fake-org.ts';
import { crmOnFakeOrg, testDesks } from '../../test-support/desk-rig.ts';
import { rejectionOf } from '../../test-support/thrown.ts';
import { isContactPadError } from '../model/errors.ts';

const REQUEST = 'ContactPad_Callback_Request__c';
/** Lead and Contact by their standard key prefixes, as the built-in screen-pop rules know them. */
const byRules: ObjectOfId = async (id) => ({ '00Q': 'Lead', '003': 'Contact' })[id.slice(0, 3)];

async function idOf(session: FakeOrgSession, sobject: string, field: string, value: string): Promise<string> {
  const record = (await fakeOrg.records(session.orgId, sobject)).find((r) => r[field] === value);
  if (!record) throw new Error(`no ${sobject} with ${field} ${value} in the demo org`);
  return record.Id;
}

describe('the record a scheduled call was scheduled from', () => {
  it('a request naming a Lead: that Lead, named as on the request; naming none: none; one that is not there: none', async () => {
    const session = await fakeOrg.createOrg('demo');
    const maria = await idOf(session, 'Lead', 'LastName', 'Lopez');
    const named = await fakeOrg.insert(session.orgId, REQUEST, { Number__c: '+14155550100', Caller_Name__c: 'Maria Lopez', Status__c: 'Scheduled', Requested_At__c: '2026-01-05T09:00:00.000Z', Record_Id__c: maria });
    const blank = await fakeOrg.insert(session.orgId, REQUEST, { Number__c: '+14155550142', Status__c: 'Scheduled', Requested_At__c: '2026-01-05T09:00:00.000Z', Record_Id__c: null });
    const connection = connectTo(session);
    expect(await readRequestOrigin(connection, named, byRules)).to.deep.equal({ kind: 'record', record: { recordId: maria, objectType: 'Lead', name: 'Maria Lopez' } });
    expect(await readRequestOrigin(connection, blank, byRules)).to.deep.equal({ kind: 'none' });
    await fakeOrg.remove(session.orgId, REQUEST, blank);
    expect(await readRequestOrigin(connection, blank, byRules), 'a request deleted since').to.deep.equal({ kind: 'none' });
  });

  it('a record deleted since, one of an object the agent cannot read, one of no object they can see: unreadable, each saying why', async () => {
    const session = await fakeOrg.createOrg('demo');
    const sam = await idOf(session, 'Contact', 'LastName', 'Carter');
    const maria = await idOf(session, 'Lead', 'LastName', 'Lopez');
    const connection = connectTo(session);
    await fakeOrg.remove(session.orgId, 'Contact', sam);
    expect(await readRecordOrigin(connection, sam, 'Sam Carter', byRules)).to.deep.equal({ kind: 'unreadable', recordId: sam, why: 'the Contact was deleted, or is not shared with you' });
    await fakeOrg.setVisibility(session.orgId, { sobject: 'Lead' }, false);
    expect(await readRecordOrigin(connection, maria, 'Maria Lopez', byRules)).to.deep.equal({ kind: 'unreadable', recordId: maria, why: 'you cannot read Lead records' });
    expect(await readRecordOrigin(connection, 'a9Z000000000001AAA', '', byRules)).to.deep.equal({ kind: 'unreadable', recordId: 'a9Z000000000001AAA', why: 'no object you can see has records like it' });
  });

  it('Salesforce unavailable: rejects (the desk decides), rather than claiming the record is gone', async () => {
    const session = await fakeOrg.createOrg('demo');
    const maria = await idOf(session, 'Lead', 'LastName', 'Lopez');
    await fakeOrg.setFault(session.orgId, { kind: 'unavailable' });
    const error = await rejectionOf(readRecordOrigin(connectTo(session), maria, 'Maria Lopez', byRules));
    expect(isContactPadError(error, 'CRM_UNAVAILABLE')).to.equal(true);
  });

  it('the objects by key prefix, from Describe Global: a Messaging Session read through the crm room, though no screen-pop rule names its object', async () => {
    const session = await fakeOrg.createOrg('demo');
    const prefixes = await objectsByKeyPrefix(connectTo(session));
    expect([prefixes.get('00Q'), prefixes.get('003'), prefixes.get('0Mw')]).to.deep.equal(['Lead', 'Contact', 'MessagingSession']);
    const desks = testDesks();
    const { crm, orgId } = await crmOnFakeOrg(desks);
    const chat = (await fakeOrg.records(orgId, 'MessagingSession'))[0]!.Id;
    const port = await crm.scheduledCalls();
    expect(await port.originOfRecord(chat, 'Lena Park')).to.deep.equal({ kind: 'record', record: { recordId: chat, objectType: 'MessagingSession', name: 'Lena Park' } });
  });
});
