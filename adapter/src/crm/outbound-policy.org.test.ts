import { expect } from '@open-wc/testing';
import { isContactPadError } from '../model/errors.ts';
import { readOutboundFacts, type OutboundCheckRequest } from './outbound-policy.ts';
import { numberTimeZones } from '../model/number-time-zones.ts';
import { connectTo, fakeOrg, type FakeOrgSession } from '../../test-support/fake-org.ts';
import { rejectionOf } from '../../test-support/thrown.ts';

declare const describe: (title: string, body: () => void) => void;
declare const it: (title: string, body: () => void | Promise<void>) => void;

const AGENT = { userId: '005000000000001AAA', sipUser: 'agent1' };
const ENTRY = 'ContactPad_Dialing_List_Entry__mdt';
const SETTING = 'ContactPad_Outbound_Setting__mdt';

function dialled(number: string, record?: { recordId: string; objectType: string }): OutboundCheckRequest {
  return { target: { kind: 'number', number }, timeZonesOf: numberTimeZones, ...(record ? { record } : {}) };
}

async function demoOrg(): Promise<FakeOrgSession> {
  return fakeOrg.createOrg('demo');
}

async function idOf(session: FakeOrgSession, sobject: string, lastName: string): Promise<string> {
  const record = (await fakeOrg.records(session.orgId, sobject)).find((r) => r['LastName'] === lastName);
  if (!record) throw new Error(`no ${sobject} ${lastName} in the demo org`);
  return record.Id;
}

async function settingId(session: FakeOrgSession): Promise<string> {
  const record = (await fakeOrg.records(session.orgId, SETTING)).find((r) => r['DeveloperName'] === 'Default');
  if (!record) throw new Error('the shipped Default outbound setting is missing');
  return record.Id;
}

describe('what an outbound call is checked against, read from the org', () => {
  it('reads the shipped setting (no calling hours, every country) and empty lists: one composite and one search', async () => {
    const session = await demoOrg();
    const before = await fakeOrg.apiUsage(session.orgId);
    const facts = await readOutboundFacts(connectTo(session), dialled('+442079460958'), { defaultCountry: 'US', agent: AGENT });
    expect(await fakeOrg.apiUsage(session.orgId)).to.equal(before + 2);
    expect(facts.policy).to.deep.equal({ blockList: [], allowList: [], personalAllowList: [], allowedCountries: [], callingHours: undefined });
    expect(facts.number).to.deep.equal({ reach: 'external', number: '+442079460958', country: 'GB', shown: '+44 20 7946 0958' });
    expect(facts.numberZones).to.deep.equal(['Europe/London']);
    expect(facts.problems).to.deep.equal([]);
  });

  it('reads the company lists and only this agent\'s personal entries (by User id or SIP user); a malformed entry is reported and left out', async () => {
    const session = await demoOrg();
    const entry = (name: string, fields: Record<string, unknown>) => fakeOrg.insert(session.orgId, ENTRY, { DeveloperName: name, MasterLabel: name.replace(/_/g, ' '), Active__c: true, ...fields });
    await entry('Premium_Rate', { List__c: 'Block', Number__c: '+1 900*' });
    await entry('Head_Office', { List__c: 'Allow', Number__c: '(415) 555-0100' });
    await entry('Alex_Own', { List__c: 'Personal Allow', Number__c: '+44 20 7946 0958', Agent__c: '005000000000001' });
    await entry('Alex_By_Sip', { List__c: 'Personal Allow', Number__c: '+33 1 42 68 53 00', Agent__c: 'AGENT1' });
    await entry('Jordan_Own', { List__c: 'Personal Allow', Number__c: '+49 30 1234567', Agent__c: 'jordan.lee' });
    await entry('Switched_Off', { List__c: 'Block', Number__c: '+14155550101', Active__c: false });
    await entry('Typo', { List__c: 'Block', Number__c: 'call me' });
    const facts = await readOutboundFacts(connectTo(session), dialled('4155550100'), { defaultCountry: 'US', agent: AGENT });
    expect(facts.policy.blockList).to.deep.equal([{ pattern: '+1900*', label: 'Premium Rate' }]);
    expect(facts.policy.allowList).to.deep.equal([{ pattern: '+14155550100', label: 'Head Office' }]);
    expect(facts.policy.personalAllowList.map((e) => e.pattern)).to.deep.equal(['+442079460958', '+33142685300']);
    expect(facts.problems).to.deep.equal(['Dialing list entry "Typo": "call me" is neither a phone number (+14155550100) nor a prefix ending in * (+1900*); it is ignored.']);
  });

  it('reads calling hours and allowed countries from the Default setting, reporting a malformed country', async () => {
    const session = await demoOrg();
    await fakeOrg.update(session.orgId, SETTING, await settingId(session), { Calling_Hours_Start__c: '09:00', Calling_Hours_End__c: '18:00', Calling_Days__c: 'Mon-Fri', Allowed_Countries__c: 'us, CA; United Kingdom' });
    const facts = await readOutboundFacts(connectTo(session), dialled('+14155550100'), { defaultCountry: 'US', agent: AGENT });
    expect(facts.policy.callingHours).to.deep.equal({ startMinute: 540, endMinute: 1080, days: [1, 2, 3, 4, 5] });
    expect(facts.policy.allowedCountries).to.deep.equal(['US', 'CA']);
    expect(facts.problems.length).to.equal(2);
    expect(facts.problems[0]).to.contain('"United"');
  });

  it('allows no country (never every country) when Allowed Countries holds no readable code', async () => {
    const session = await demoOrg();
    await fakeOrg.update(session.orgId, SETTING, await settingId(session), { Allowed_Countries__c: 'United States' });
    const facts = await readOutboundFacts(connectTo(session), dialled('+14155550100'), { defaultCountry: 'US', agent: AGENT });
    expect(facts.policy.allowedCountries).to.deep.equal(['ZZ']);
    expect(facts.problems.length).to.equal(2);
  });

  it('finds the Contacts and Leads with the number that are marked Do Not Call, and the record called from with its Account', async () => {
    const session = await demoOrg();
    const daniel = await idOf(session, 'Contact', 'Kim');
    await fakeOrg.update(session.orgId, 'Contact', daniel, { DoNotCall: true });
    const calledFrom = await readOutboundFacts(connectTo(session), dialled('+14155550101', { recordId: daniel, objectType: 'Contact' }), { defaultCountry: 'US', agent: AGENT });
    expect(calledFrom.doNotCall).to.deep.equal([{ recordId: daniel, objectType: 'Contact', name: 'Daniel Kim' }]);
    expect(calledFrom.record?.name).to.equal('Daniel Kim');
    expect(calledFrom.record?.accountId).to.match(/^001/);
    const typed = await readOutboundFacts(connectTo(session), dialled('(415) 555-0101'), { defaultCountry: 'US', agent: AGENT });
    expect(typed.doNotCall.map((r) => r.name)).to.deep.equal(['Daniel Kim']);
    const maria = await idOf(session, 'Lead', 'Lopez');
    const fine = await readOutboundFacts(connectTo(session), dialled('+14155550100', { recordId: maria, objectType: 'Lead' }), { defaultCountry: 'US', agent: AGENT });
    expect(fine.doNotCall).to.deep.equal([]);
    expect(fine.record).to.deep.equal({ recordId: maria, objectType: 'Lead', name: 'Maria Lopez' });
  });

  it('reads the record\'s time zone field only when the number may be in several zones, and reports a field the agent cannot read', async () => {
    const session = await demoOrg();
    await fakeOrg.update(session.orgId, SETTING, await settingId(session), { Record_Time_Zone_Field__c: 'Time_Zone__c' });
    const daniel = await idOf(session, 'Contact', 'Kim');
    await fakeOrg.update(session.orgId, 'Contact', daniel, { Time_Zone__c: 'America/Chicago' });
    const before = await fakeOrg.apiUsage(session.orgId);
    const split = await readOutboundFacts(connectTo(session), dialled('+12192265555', { recordId: daniel, objectType: 'Contact' }), { defaultCountry: 'US', agent: AGENT });
    expect(split.recordZone).to.equal('America/Chicago');
    expect(await fakeOrg.apiUsage(session.orgId), 'the composite, the search and the time zone field').to.equal(before + 3);
    const single = await readOutboundFacts(connectTo(session), dialled('+14155550101', { recordId: daniel, objectType: 'Contact' }), { defaultCountry: 'US', agent: AGENT });
    expect(single.recordZone).to.equal('');
    // The agent cannot see the field (field-level security): Salesforce answers as if it did not exist.
    await fakeOrg.setVisibility(session.orgId, { sobject: 'Contact', field: 'Time_Zone__c' }, false);
    const hidden = await readOutboundFacts(connectTo(session), dialled('+12192265555', { recordId: daniel, objectType: 'Contact' }), { defaultCountry: 'US', agent: AGENT });
    expect(hidden.recordZone).to.equal('');
    expect(hidden.problems.join(' ')).to.contain('Record Time Zone Field Time_Zone__c could not be read on Contact');
  });

  it('fails (and the call is not placed) when the lists cannot be read or the record called from is gone', async () => {
    const session = await demoOrg();
    await fakeOrg.setFault(session.orgId, { kind: 'unavailable' });
    const down = await rejectionOf(readOutboundFacts(connectTo(session), dialled('+14155550100'), { defaultCountry: 'US', agent: AGENT }));
    expect(isContactPadError(down, 'CRM_UNAVAILABLE')).to.equal(true);
    await fakeOrg.clearFaults(session.orgId);
    const maria = await idOf(session, 'Lead', 'Lopez');
    await fakeOrg.remove(session.orgId, 'Lead', maria);
    const gone = await rejectionOf(readOutboundFacts(connectTo(session), dialled('+14155550100', { recordId: maria, objectType: 'Lead' }), { defaultCountry: 'US', agent: AGENT }));
    expect(isContactPadError(gone)).to.equal(true);
    expect((gone as Error).message).to.contain('could not be read');
  });

  it('reads an extension or a SIP address as internal: no search, no Do Not Call lookup by number', async () => {
    const session = await demoOrg();
    const before = await fakeOrg.apiUsage(session.orgId);
    const extension = await readOutboundFacts(connectTo(session), dialled('1001'), { defaultCountry: 'US', agent: AGENT });
    expect(extension.number.reach).to.equal('internal');
    expect(await fakeOrg.apiUsage(session.orgId), 'the composite only').to.equal(before + 1);
    const sip = await readOutboundFacts(connectTo(session), { target: { kind: 'sip', address: 'sip:jordan.lee@pbx.example.com' } }, { defaultCountry: 'US', agent: AGENT });
    expect(sip.number).to.deep.equal({ reach: 'internal', number: 'sip:jordan.lee@pbx.example.com', country: '', shown: 'sip:jordan.lee@pbx.example.com' });
  });
});
