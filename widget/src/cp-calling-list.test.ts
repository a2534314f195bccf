import { expect, fixture, html } from '@open-wc/testing';
import './cp-calling-list.ts';
import type { CpCallingList } from './cp-calling-list.ts';
import type { CallingListSource, CallingListView, CallingRecord } from '../../adapter/src/store.ts';
import { HOSTILE_TEXT } from '../test-support/snapshots.ts';
import { accessibleName, getByRole, queryAllByRole, recordIntents, shownText } from '../test-support/queries.ts';
import { useAgentLanguage } from './catalogue/catalogue.ts';

const maria: CallingRecord = {
  memberId: '00v000000000001AAA',
  personId: '00Q000000000001AAA',
  objectType: 'Lead',
  name: 'Maria Lopez',
  title: 'Owner',
  company: 'Lopez Bakery',
  phone: '(415) 555-0100',
  mobilePhone: '',
  email: 'maria@lopez-bakery.example',
  place: 'San Francisco, CA',
  memberStatus: 'Sent',
  doNotCall: false,
  nextAttemptAt: undefined,
  state: 'previewing',
};
const priya: CallingRecord = { ...maria, memberId: '00v000000000002AAA', personId: '003000000000002AAA', objectType: 'Contact', name: 'Priya Natarajan', company: 'Northwind Health', state: 'waiting' };

const SPRING: CallingListSource = { kind: 'campaign', id: '701000000000001AAA', name: 'Spring calls' };
const OPEN_LEADS: CallingListSource = { kind: 'list-view', id: '00B000000000001AAA', name: 'All Open Leads', objectType: 'Lead' };
const OWNERS: CallingListSource = { kind: 'list-view', id: '00B000000000002AAA', name: 'Business owners', objectType: 'Contact' };

function open(records: readonly CallingRecord[], currentId: string | undefined = records[0]?.memberId, saving = false, source: CallingListSource = SPRING): CallingListView {
  return { state: 'open', sources: [SPRING, OPEN_LEADS, OWNERS], source, records, currentId, saving };
}

async function list(view: CallingListView | undefined, registered = true): Promise<CpCallingList> {
  return fixture<CpCallingList>(html`<cp-calling-list .list=${view} .registered=${registered}></cp-calling-list>`);
}

describe('<cp-calling-list>', () => {
  it('offers to open a calling list, then lists the active campaigns and the Lead and Contact list views to choose from', async () => {
    const element = await list(undefined);
    const intents = recordIntents(element);
    getByRole(element, 'button', { name: 'Open a calling list' }).click();
    element.list = { state: 'choosing', sources: [SPRING, OPEN_LEADS, OWNERS], source: undefined, records: [], currentId: undefined, saving: false };
    await element.updateComplete;
    expect(queryAllByRole(element, 'list').map((group) => [accessibleName(group), queryAllByRole(group, 'button').map(shownText)])).to.deep.equal([
      ['Campaigns', ['Spring calls']],
      ['Lead list views', ['All Open Leads']],
      ['Contact list views', ['Business owners']],
    ]);
    getByRole(getByRole(element, 'list', { name: 'Campaigns' }), 'button', { name: 'Spring calls' }).click();
    getByRole(getByRole(element, 'list', { name: 'Contact list views' }), 'button', { name: 'Business owners' }).click();
    expect(intents.intents).to.deep.equal([
      { type: 'calling-list', action: { kind: 'choose' } },
      { type: 'calling-list', action: { kind: 'open', listId: SPRING.id } },
      { type: 'calling-list', action: { kind: 'open', listId: OWNERS.id } },
    ]);
  });

  it('shows no empty group: an agent who cannot read campaigns sees the list views only', async () => {
    const element = await list({ state: 'choosing', sources: [OPEN_LEADS], source: undefined, records: [], currentId: undefined, saving: false });
    expect(queryAllByRole(element, 'list').map(accessibleName)).to.deep.equal(['Lead list views']);
  });

  it("on a list view's list, names the list and shows the record's last outcome from it instead of a member status", async () => {
    const lead = { ...maria, memberId: maria.personId, memberStatus: 'Not Reached' };
    const element = await list(open([lead], lead.memberId, false, OPEN_LEADS));
    getByRole(element, 'list', { name: 'Calling records: All Open Leads' });
    expect(shownText(getByRole(element, 'group', { name: 'Calling record: Maria Lopez' }).querySelector('dl')!)).to.contain('Last outcome Not Reached').and.to.not.contain('Member status');
  });

  it("previews the current record's fields, lists every record with where it stands, and moves to another on click", async () => {
    const element = await list(open([maria, priya]));
    const intents = recordIntents(element);
    const rows = queryAllByRole(getByRole(element, 'list', { name: 'Calling records: Spring calls' }), 'button');
    expect(rows.map(shownText)).to.deep.equal(['Maria Lopez Previewing', 'Priya Natarajan To call']);
    expect(rows[0]!.getAttribute('aria-current')).to.equal('true');
    const preview = getByRole(element, 'group', { name: 'Calling record: Maria Lopez' });
    expect(shownText(preview.querySelector('dl')!)).to.equal(
      'Type Lead Company Lopez Bakery Title Owner Phone (415) 555-0100 Email maria@lopez-bakery.example Location San Francisco, CA Member status Sent',
    );
    rows[1]!.click();
    expect(intents.intents).to.deep.equal([{ type: 'calling-list', action: { kind: 'preview', memberId: priya.memberId } }]);
  });

  it('calls, rejects with the typed reason and reschedules to the picked local time', async () => {
    const element = await list(open([maria]));
    const intents = recordIntents(element);
    getByRole(element, 'button', { name: 'Call Maria Lopez' }).click();
    const reject = getByRole(element, 'form', { name: 'Reject the record' });
    (reject.querySelector('input') as HTMLInputElement).value = 'Wrong number';
    getByRole(reject, 'button', { name: 'Reject' }).click();
    const reschedule = getByRole(element, 'form', { name: 'Reschedule the call attempt' });
    (reschedule.querySelector('input') as HTMLInputElement).value = '2031-05-06T14:30';
    getByRole(reschedule, 'button', { name: 'Reschedule' }).click();
    expect(intents.intents).to.deep.equal([
      { type: 'calling-list', action: { kind: 'call', memberId: maria.memberId } },
      { type: 'calling-list', action: { kind: 'reject', memberId: maria.memberId, reason: 'Wrong number' } },
      { type: 'calling-list', action: { kind: 'reschedule', memberId: maria.memberId, at: new Date(2031, 4, 6, 14, 30).getTime() } },
    ]);
  });

  it('keeps what was typed while the same record is shown (a refused time can be corrected), never on the next record', async () => {
    const element = await list(open([maria, priya]));
    const reason = () => getByRole(element, 'form', { name: 'Reject the record' }).querySelector('input') as HTMLInputElement;
    reason().value = 'Wrong number';
    element.list = open([{ ...maria, memberStatus: 'Sent' }, priya]);
    await element.updateComplete;
    expect(reason().value).to.equal('Wrong number');
    element.list = open([{ ...maria, state: 'rejected' }, { ...priya, state: 'previewing' }], priya.memberId);
    await element.updateComplete;
    expect(reason().value).to.equal('');
  });

  it('no Call before the phone is ready or while an outcome is logged; a called record offers the next one and rescheduling, not rejecting', async () => {
    expect((getByRole(await list(open([maria]), false), 'button', { name: 'Call Maria Lopez' }) as HTMLButtonElement).disabled).to.equal(true);
    const saving = await list(open([maria], maria.memberId, true));
    expect((getByRole(saving, 'button', { name: 'Call Maria Lopez' }) as HTMLButtonElement).disabled).to.equal(true);
    expect(getByRole(saving, 'status').textContent).to.equal('Logging the outcome…');
    const called = await list(open([{ ...maria, state: 'called', memberStatus: 'Called' }]));
    const intents = recordIntents(called);
    expect((getByRole(called, 'button', { name: 'Call Maria Lopez' }) as HTMLButtonElement).disabled).to.equal(true);
    expect(queryAllByRole(called, 'form').map(accessibleName)).to.deep.equal(['Reschedule the call attempt']);
    getByRole(called, 'button', { name: 'Next record' }).click();
    expect(intents.intents).to.deep.equal([{ type: 'calling-list', action: { kind: 'preview' } }]);
  });

  it('shows on each record where its outcome stands on its way to Salesforce: will retry, saved, not saved', async () => {
    const element = await list(open([{ ...maria, state: 'rejected', memberStatus: 'Rejected', outcomeKey: 'calling-1', outcomeLog: 'retrying' }, { ...priya, state: 'previewing' }], priya.memberId));
    const items = () => queryAllByRole(element, 'listitem').map((item) => shownText(item).replace(/\s+/g, ' ').trim());
    expect(items()[0]).to.contain('Maria Lopez').and.to.contain('Will retry');
    expect(items()[1]).to.not.contain('Will retry');
    element.list = open([{ ...maria, state: 'rejected', memberStatus: 'Rejected', outcomeKey: 'calling-1', outcomeLog: 'saved' }, { ...priya, state: 'previewing' }], priya.memberId);
    await element.updateComplete;
    expect(items()[0]).to.contain('Saved');
    element.list = open([{ ...maria, state: 'rejected', memberStatus: 'Rejected', outcomeKey: 'calling-1', outcomeLog: 'refused' }, { ...priya, state: 'previewing' }], priya.memberId);
    await element.updateComplete;
    expect(items()[0], 'Salesforce refused it: the notice says why').to.contain('Not saved');
    expect((getByRole(element, 'button', { name: 'Call Priya Natarajan' }) as HTMLButtonElement).disabled, 'the next record can be called meanwhile').to.equal(false);
  });

  it('warns of Do Not Call, says when nothing is left to call, and renders Salesforce text as text', async () => {
    const element = await list(open([{ ...maria, doNotCall: true, name: HOSTILE_TEXT }]));
    expect(shownText(element)).to.contain('Marked Do Not Call');
    expect(element.shadowRoot!.querySelector('script, b, img')).to.equal(null);
    const done = await list({ ...open([{ ...maria, state: 'rejected' }]), currentId: undefined });
    expect(getByRole(done, 'status').textContent).to.equal('No more records to call now.');
  });

  it('speaks Spanish to a Spanish-speaking agent: the list views offered, the last outcome, an outcome not saved', async () => {
    await useAgentLanguage({ language: 'es', locale: 'es_ES' });
    try {
      const choosing = await list({ state: 'choosing', sources: [SPRING, OPEN_LEADS, OWNERS], source: undefined, records: [], currentId: undefined, saving: false });
      expect(queryAllByRole(choosing, 'list').map(accessibleName)).to.deep.equal(['Campañas', 'Vistas de lista de candidatos', 'Vistas de lista de contactos']);
      const lead = { ...maria, memberId: maria.personId, memberStatus: 'Not Reached', state: 'rejected' as const, outcomeKey: 'calling-1', outcomeLog: 'refused' as const };
      const element = await list(open([lead, { ...priya, state: 'previewing' }], priya.memberId, false, OPEN_LEADS));
      expect(shownText(queryAllByRole(element, 'listitem')[0]!)).to.contain('No guardado');
      expect(shownText(getByRole(element, 'group', { name: 'Registro de llamada: Priya Natarajan' }).querySelector('dl')!)).to.contain('Último resultado');
    } finally {
      await useAgentLanguage({ language: 'en', locale: 'en_US' });
    }
  });
});
