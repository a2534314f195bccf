/**
 * Calling lists read from Salesforce (calling-list.ts, list-view-list.ts) against the fake org's
 * demo data: the lists to choose from in one request, a Lead or Contact list view's records in
 * its order with where each stands (its last outcome from that list view) in two, and a list
 * view that is gone told as such.
 */
import { expect } from '@open-wc/testing';
import { loadCallingList, loadCallingListSources } from './calling-list.ts';
import type { CallingListSource } from '../model/calling-record.ts';
import { listOutcomeKeyPrefix } from '../model/calling-record.ts';
import { connectTo, fakeOrg } from '../../test-support/fake-org.ts';
import { refusal } from '../../test-support/thrown.ts';

type ListView = Extract<CallingListSource, { kind: 'list-view' }>;

async function demo() {
  const session = await fakeOrg.createOrg('demo');
  const connection = connectTo(session);
  const sources = await loadCallingListSources(connection);
  const view = (name: string): ListView => {
    const found = sources.find((source) => source.name === name);
    if (found?.kind !== 'list-view') throw new Error(`no list view ${name}`);
    return found;
  };
  return { session, connection, sources, view };
}

describe('calling lists from list views', () => {
  it('offers the active campaigns and the Lead and Contact list views in one request', async () => {
    const session = await fakeOrg.createOrg('demo');
    const before = await fakeOrg.apiUsage(session.orgId);
    const sources = await loadCallingListSources(connectTo(session));
    expect(await fakeOrg.apiUsage(session.orgId)).to.equal(before + 1);
    expect(sources.map((s) => [s.kind, s.name, s.kind === 'list-view' ? s.objectType : ''])).to.deep.equal([
      ['campaign', 'Spring catering calls', ''],
      ['list-view', 'All Open Leads', 'Lead'],
      ['list-view', 'Business owners', 'Contact'],
    ]);
  });

  it('offers the list views alone to an agent who cannot read Campaigns', async () => {
    const session = await fakeOrg.createOrg('demo');
    await fakeOrg.setVisibility(session.orgId, { sobject: 'Campaign' }, false);
    const sources = await loadCallingListSources(connectTo(session));
    expect(sources.map((s) => s.name)).to.deep.equal(['All Open Leads', 'Business owners']);
  });

  it("reads a Lead list view's records in its order, with the fields to preview, in two requests", async () => {
    const { session, connection, view } = await demo();
    const before = await fakeOrg.apiUsage(session.orgId);
    const list = await loadCallingList(connection, view('All Open Leads'));
    expect(await fakeOrg.apiUsage(session.orgId)).to.equal(before + 2);
    expect(list.memberStatuses).to.deep.equal([]);
    expect(list.records.map((r) => [r.name, r.company, r.phone, r.place, r.memberStatus, r.state])).to.deep.equal([
      ["<b>Ann</b> O'Neil & Co", "O'Neil & Co <script>alert(1)</script>", '415-555-0106', '', '', 'waiting'],
      ['Maria Lopez', 'Lopez Bakery', '(415) 555-0100', 'San Francisco, CA', '', 'waiting'],
      ['Sam Carter', 'Carter Consulting', '(415) 555-0104', '', '', 'waiting'],
    ]);
    for (const record of list.records) expect([record.objectType, record.memberId]).to.deep.equal(['Lead', record.personId]);
  });

  it("says where each record stands from its newest outcome Task of this list view only", async () => {
    const { session, connection, view } = await demo();
    const leads = view('All Open Leads');
    const [ann, maria, sam] = (await loadCallingList(connection, leads)).records;
    const at = Date.UTC(2031, 0, 2, 9, 30);
    const outcome = (whoId: string, n: number, fields: Record<string, unknown>, listId = leads.id) =>
      fakeOrg.insert(session.orgId, 'Task', { WhoId: whoId, Subject: 'An outcome', ContactPad_Interaction_Id__c: `${listOutcomeKeyPrefix(listId)}${whoId}-${n}`, ...fields });
    await outcome(ann!.personId, 1, { ContactPad_Status__c: 'Ended', CallDisposition: 'Wrong number' });
    await outcome(maria!.personId, 1, { ContactPad_Status__c: 'Ended' });
    await outcome(maria!.personId, 2, { ContactPad_Status__c: 'Waiting', Status: 'Not Started', ReminderDateTime: new Date(at).toISOString(), IsReminderSet: true });
    await outcome(sam!.personId, 1, { ContactPad_Status__c: 'Ended' }, '701000000000001AAA');
    const reread = await loadCallingList(connection, leads);
    expect(reread.records.map((r) => [r.name, r.memberStatus, r.nextAttemptAt])).to.deep.equal([
      ["<b>Ann</b> O'Neil & Co", 'Rejected', undefined],
      ['Maria Lopez', 'Rescheduled', at],
      ['Sam Carter', '', undefined],
    ]);
  });

  it("reads a Contact list view's company from the Account and its place from the mailing address", async () => {
    const { session, connection, view } = await demo();
    const elena = (await fakeOrg.records(session.orgId, 'Contact')).find((c) => c['FirstName'] === 'Elena');
    await fakeOrg.update(session.orgId, 'Contact', String(elena?.Id), { MailingCity: 'Napa', MailingState: 'CA', MailingCountry: 'USA' });
    const list = await loadCallingList(connection, view('Business owners'));
    expect(list.records.map((r) => [r.name, r.objectType, r.company, r.place])).to.deep.equal([
      ['Elena Rossi', 'Contact', 'Rossi Family Vineyards', 'Napa, CA, USA'],
      ['Tom Becker', 'Contact', 'Becker Hardware', ''],
    ]);
  });

  it('tells a list view that is gone, and refuses an id that is no list view before asking Salesforce', async () => {
    const { session, connection, view } = await demo();
    const gone: ListView = { ...view('All Open Leads'), id: '00B5g00000ZZZZZZZZ', name: 'Old leads' };
    const refused = await refusal(loadCallingList(connection, gone));
    expect(refused).to.include({ code: 'CALLING_LIST_UNAVAILABLE', message: 'Old leads was deleted, or you can no longer see it: choose another list.' });
    const before = await fakeOrg.apiUsage(session.orgId);
    expect(await refusal(loadCallingList(connection, { ...gone, id: "00B' OR Id != '" }))).to.include({ code: 'CALLING_LIST_UNAVAILABLE' });
    expect(await fakeOrg.apiUsage(session.orgId), 'nothing asked').to.equal(before);
  });
});
