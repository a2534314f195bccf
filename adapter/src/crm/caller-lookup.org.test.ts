import { expect } from '@open-wc/testing';
import { isContactPadError } from '../model/errors.ts';
import { CALLER_SEARCH, lookUpCaller } from './caller-lookup.ts';
import { decideScreenPop } from './screen-pop-decision.ts';
import { buildPhoneSearch } from './sosl.ts';
import { connectTo, fakeOrg, rejectionOf } from './fake-org-session.ts';

declare const describe: (title: string, body: () => void) => void;
declare const it: (title: string, body: () => void | Promise<void>) => void;

const NUMBER = '+1 415 555 0100';

async function newOrg() {
  const session = await fakeOrg.createOrg();
  return { session, connection: connectTo(session), orgId: session.orgId };
}

describe('caller lookup against the org', () => {
  it('finds an open Lead and pops it', async () => {
    const { connection, orgId } = await newOrg();
    const leadId = await fakeOrg.insert(orgId, 'Lead', { FirstName: 'Maria', LastName: 'Lopez', Company: 'Lopez Bakery', Phone: '(415) 555-0100' });
    const identity = await lookUpCaller(connection, NUMBER, 'US');
    expect(identity).to.deep.equal({ labels: ['Lead'], matches: [{ id: leadId, objectType: 'Lead', name: 'Maria Lopez' }] });
    expect(decideScreenPop(identity, NUMBER)).to.deep.equal({ kind: 'record', recordId: leadId, objectType: 'Lead' });
  });

  it('finds a Customer by a mobile number stored in another format', async () => {
    const { connection, orgId } = await newOrg();
    const accountId = await fakeOrg.insert(orgId, 'Account', { Name: 'Acme Logistics', Type: 'Customer - Direct' });
    const contactId = await fakeOrg.insert(orgId, 'Contact', { FirstName: 'Daniel', LastName: 'Kim', AccountId: accountId, MobilePhone: '415.555.0100' });
    const identity = await lookUpCaller(connection, '(415) 555-0100', 'US');
    expect(identity.labels).to.deep.equal(['Customer']);
    expect(identity.matches).to.deep.equal([{ id: contactId, objectType: 'Contact', name: 'Daniel Kim', accountId }]);
  });

  it('calls a former customer a Previous Customer', async () => {
    const { connection, orgId } = await newOrg();
    await fakeOrg.insert(orgId, 'Account', { Name: 'Brightside Dental', Type: 'Former Customer', Phone: '415-555-0100' });
    expect((await lookUpCaller(connection, NUMBER, 'US')).labels).to.deep.equal(['Previous Customer']);
  });

  it('gives a caller who is both a Lead and a Customer both labels, and pops the Lead', async () => {
    const { connection, orgId } = await newOrg();
    const contactId = await fakeOrg.insert(orgId, 'Contact', { FirstName: 'Sam', LastName: 'Carter', MobilePhone: '415-555-0100' });
    const leadId = await fakeOrg.insert(orgId, 'Lead', { FirstName: 'Sam', LastName: 'Carter', Company: 'Carter Consulting', Phone: '(415) 555-0100' });
    const identity = await lookUpCaller(connection, NUMBER, 'US');
    expect(identity.labels).to.deep.equal(['Lead', 'Customer']);
    expect(identity.matches.map((m) => m.id).sort()).to.deep.equal([contactId, leadId].sort());
    expect(decideScreenPop(identity, NUMBER)).to.deep.equal({ kind: 'record', recordId: leadId, objectType: 'Lead' });
  });

  it('searches by the number when several customers share it', async () => {
    const { connection, orgId } = await newOrg();
    await fakeOrg.insert(orgId, 'Contact', { FirstName: 'Elena', LastName: 'Rossi', Phone: '+1 (415) 555-0100' });
    await fakeOrg.insert(orgId, 'Contact', { FirstName: 'Marco', LastName: 'Rossi', Phone: '415 555 0100' });
    const identity = await lookUpCaller(connection, NUMBER, 'US');
    expect(identity.matches).to.have.length(2);
    expect(decideScreenPop(identity, NUMBER)).to.deep.equal({ kind: 'search', searchText: NUMBER });
  });

  it('does not count a converted Lead', async () => {
    const { connection, orgId } = await newOrg();
    await fakeOrg.insert(orgId, 'Lead', { FirstName: 'Tom', LastName: 'Becker', Company: 'Becker Hardware', Phone: '(415) 555-0100', IsConverted: true });
    expect(await lookUpCaller(connection, NUMBER, 'US')).to.deep.equal({ labels: ['Unknown'], matches: [] });
  });

  it('knows nobody with one search request, and offers a new Lead with the number', async () => {
    const { connection, orgId } = await newOrg();
    await fakeOrg.insert(orgId, 'Contact', { FirstName: 'Other', LastName: 'Person', Phone: '(650) 555-0199' });
    const before = await fakeOrg.apiUsage(orgId);
    const identity = await lookUpCaller(connection, NUMBER, 'US');
    expect(await fakeOrg.apiUsage(orgId)).to.equal(before + 1);
    expect(identity).to.deep.equal({ labels: ['Unknown'], matches: [] });
    expect(decideScreenPop(identity, NUMBER)).to.deep.equal({ kind: 'new-record', entityName: 'Lead', defaultFieldValues: { Phone: NUMBER } });
  });

  it('sends no request at all for a withheld, lettered or too short number', async () => {
    const { connection, orgId } = await newOrg();
    const before = await fakeOrg.apiUsage(orgId);
    for (const raw of ['', '   ', 'anonymous', '2001']) {
      expect(await lookUpCaller(connection, raw, 'US')).to.deep.equal({ labels: ['Unknown'], matches: [] });
    }
    expect(await fakeOrg.apiUsage(orgId)).to.equal(before);
  });

  it('finds the caller whatever SOSL reserved characters the number arrives with', async () => {
    const { connection, orgId } = await newOrg();
    const leadId = await fakeOrg.insert(orgId, 'Lead', { LastName: 'Lopez', Company: 'Lopez Bakery', Phone: '(415) 555-0100' });
    for (const raw of ['+1 (415) 555-0100', '{415} 555*0100?', '"415"-555-0100', '415\\555!0100']) {
      const identity = await lookUpCaller(connection, raw, 'US');
      expect(identity.matches.map((m) => m.id), raw).to.deep.equal([leadId]);
    }
  });

  it('sends reserved characters escaped, so Salesforce does not refuse the search', async () => {
    const { connection } = await newOrg();
    const records = await connection.search(buildPhoneSearch(['+1-(415)&555|0100'], CALLER_SEARCH));
    expect(records).to.deep.equal([]);
  });

  it('treats null phone fields and markup in names as data', async () => {
    const { connection, orgId } = await newOrg();
    await fakeOrg.insert(orgId, 'Lead', { FirstName: '<b>Ann</b>', LastName: "O'Neil & Co", Company: '<script>alert(1)</script>', Phone: null, MobilePhone: '415-555-0100' });
    const identity = await lookUpCaller(connection, NUMBER, 'US');
    expect(identity.matches.map((m) => m.name)).to.deep.equal(["<b>Ann</b> O'Neil & Co"]);
  });

  it('fails with the Salesforce error code when the org is unavailable', async () => {
    const { connection, orgId } = await newOrg();
    await fakeOrg.setFault(orgId, { kind: 'unavailable' });
    const error = await rejectionOf(lookUpCaller(connection, NUMBER, 'US'));
    expect(isContactPadError(error, 'CRM_UNAVAILABLE')).to.equal(true);
  });
});
