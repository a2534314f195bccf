import { expect, fixture, html } from '@open-wc/testing';
import './cp-scheduled-calls.ts';
import type { CpScheduledCalls } from './cp-scheduled-calls.ts';
import type { ScheduledCallRow, ScheduledCallsView } from '../../adapter/src/store.ts';
import { formatDateTime } from './format-time.ts';
import { useAgentLanguage } from './catalogue/catalogue.ts';
import { HOSTILE_TEXT } from '../test-support/snapshots.ts';
import { getByRole, queryAllByRole, recordIntents, shownText } from '../test-support/queries.ts';

const DUE: ScheduledCallRow = { id: 'a0C000000000001AAA', at: Date.UTC(2027, 0, 6, 17, 0), number: '+14155550100', name: 'Maria Lopez', recordId: '00Q000000000001AAA', customerZone: 'America/Los_Angeles', due: true };
const LATER: ScheduledCallRow = { id: 'a0C000000000002AAA', at: Date.UTC(2027, 0, 7, 17, 0), number: '+12192265555', name: '', recordId: '', customerZone: '', due: false };

async function list(view: ScheduledCallsView | undefined): Promise<CpScheduledCalls> {
  return fixture<CpScheduledCalls>(html`<cp-scheduled-calls .list=${view}></cp-scheduled-calls>`);
}

function rows(element: CpScheduledCalls): HTMLElement[] {
  return queryAllByRole(getByRole(element, 'list', { name: 'Your scheduled calls' }), 'listitem');
}

describe('<cp-scheduled-calls>', () => {
  it('lists each call: its time in the agent\'s time zone (named), the customer\'s time, Due once its time came, who and the number', async () => {
    const element = await list({ state: 'listed', calls: [DUE, LATER] });
    expect(shownText(element.renderRoot as unknown as HTMLElement)).to.contain(`Times in your time zone (${Intl.DateTimeFormat().resolvedOptions().timeZone}).`);
    const [due, later] = rows(element).map(shownText);
    expect(due).to.contain(formatDateTime(DUE.at));
    expect(due).to.contain('Due');
    expect(due).to.contain(`Customer's time: ${formatDateTime(DUE.at, { timeZone: 'America/Los_Angeles' })} (America/Los_Angeles)`);
    expect(due).to.contain('Maria Lopez');
    expect(due).to.contain('+14155550100');
    expect(later).to.contain(formatDateTime(LATER.at));
    expect(later).not.to.contain('Due');
    expect(later).to.contain("The customer's time zone cannot be told from the number.");
  });

  it('the record it was scheduled from opens through the host (open-record); a call without one has no link', async () => {
    const element = await list({ state: 'listed', calls: [DUE, LATER] });
    const fired = recordIntents(element);
    getByRole(rows(element)[0]!, 'button', { name: 'Open the record of Maria Lopez' }).click();
    fired.stop();
    expect(fired.intents).to.deep.equal([{ type: 'open-record', recordId: DUE.recordId }]);
    expect(queryAllByRole(rows(element)[1]!, 'button', { name: /^Open the record/ })).to.deep.equal([]);
  });

  it('Move sends the new time (the agent\'s local date and time as an instant), Cancel cancels that call, Close closes the list', async () => {
    const element = await list({ state: 'listed', calls: [DUE, LATER] });
    const later = rows(element)[1]!;
    const newTime = getByRole(later, 'textbox', { name: 'New time for +12192265555' }) as HTMLInputElement;
    newTime.value = '2027-01-08T10:15';
    const fired = recordIntents(element);
    getByRole(later, 'button', { name: 'Move' }).click();
    getByRole(rows(element)[0]!, 'button', { name: 'Cancel the call to Maria Lopez' }).click();
    getByRole(element, 'button', { name: 'Close' }).click();
    fired.stop();
    expect(fired.intents).to.deep.equal([
      { type: 'callback', ask: { to: 'move', id: LATER.id, at: new Date(2027, 0, 8, 10, 15).toISOString() } },
      { type: 'callback', ask: { to: 'cancel-scheduled', id: DUE.id } },
      { type: 'callback', ask: { to: 'hide-scheduled' } },
    ]);
  });

  it('says while it loads, when there are none, and when Salesforce could not say (keeping what it last read)', async () => {
    const element = await list({ state: 'loading', calls: [] });
    expect(shownText(getByRole(element, 'status'))).to.equal('Loading your scheduled calls…');
    element.list = { state: 'listed', calls: [] };
    await element.updateComplete;
    expect(shownText(element.renderRoot as unknown as HTMLElement)).to.contain('No scheduled calls.');
    element.list = { state: 'failed', calls: [LATER] };
    await element.updateComplete;
    expect(shownText(getByRole(element, 'status'))).to.equal('Your scheduled calls could not be read just now.');
    expect(rows(element)).to.have.length(1);
  });

  it('shows a name as text, never as markup', async () => {
    const element = await list({ state: 'listed', calls: [{ ...DUE, name: HOSTILE_TEXT }] });
    expect(shownText(rows(element)[0]!)).to.contain(HOSTILE_TEXT);
    expect(element.renderRoot.querySelector('img')).to.equal(null);
  });

  it('speaks Spanish to a Spanish-speaking agent', async () => {
    await useAgentLanguage({ language: 'es', locale: 'es_ES' });
    try {
      const element = await list({ state: 'listed', calls: [DUE] });
      expect(getByRole(element, 'list', { name: 'Sus llamadas programadas' })).to.exist;
      expect(shownText(element.renderRoot as unknown as HTMLElement)).to.contain('Ya toca');
      expect(getByRole(element, 'button', { name: 'Abrir el registro de Maria Lopez' })).to.exist;
      expect(getByRole(element, 'button', { name: 'Mover' })).to.exist;
    } finally {
      await useAgentLanguage({ language: 'en', locale: 'en_US' });
    }
  });
});
