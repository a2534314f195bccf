import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import './cp-journey.ts';
import type { CpJourney } from './cp-journey.ts';
import type { JourneyEntryView } from '../../adapter/src/store.ts';
import { FakeClock } from '../../adapter/test-support/fake-clock.ts';
import { HOSTILE_TEXT, NOW, recentJourney } from '../test-support/snapshots.ts';
import { accessibleName, deepQueryAll, getByRole, queryAllByRole, recordIntents, shownText } from '../test-support/queries.ts';

async function journey(entries: readonly JourneyEntryView[], clock = new FakeClock(NOW)): Promise<CpJourney> {
  return fixture<CpJourney>(
    html`<cp-journey .journey=${entries} .clock=${clock} .locale=${'en-GB'} .timeZone=${'UTC'}></cp-journey>`,
  );
}

function entries(element: CpJourney): HTMLElement[] {
  return queryAllByRole(getByRole(element, 'list', { name: 'Recent interactions' }), 'listitem');
}

describe('<cp-journey>', () => {
  it("lists the caller's recent interactions in the order given (newest first): channel, agent, status, time ago", async () => {
    const element = await journey(recentJourney);
    expect(entries(element).map(shownText)).to.deep.equal([
      'Callback Maria Lopez · Ended 1 day ago',
      'Chat Sam Lee · Transferring 3 days ago',
      'Voice call Failed 40 days ago',
    ]);
  });

  it('gives the absolute time in the tooltip and to screen readers', async () => {
    const element = await journey(recentJourney);
    const times = deepQueryAll<HTMLTimeElement>(element, 'time');
    expect(times.map((time) => time.title)).to.deep.equal(['13 Mar 2025, 13:00', '11 Mar 2025, 15:00', '2 Feb 2025, 15:00']);
    expect(times[0]!.dateTime).to.equal('2025-03-13T13:00:00.000Z');
    expect(queryAllByRole(element, 'button').map(accessibleName)).to.deep.equal([
      'Callback Maria Lopez · Ended 1 day ago (13 Mar 2025, 13:00)',
      'Chat Sam Lee · Transferring 3 days ago (11 Mar 2025, 15:00)',
      'Voice call Failed 40 days ago (2 Feb 2025, 15:00)',
    ]);
  });

  it('reads the time ago from the clock it is given', async () => {
    const clock = new FakeClock(NOW + 2 * 86_400_000);
    const element = await journey(recentJourney.slice(0, 1), clock);
    expect(shownText(entries(element)[0]!)).to.equal('Callback Maria Lopez · Ended 3 days ago');
  });

  it('says each status of seed 003 as it is', async () => {
    const statuses = ['Waiting', 'Assigning', 'Assigned', 'Transferring', 'Ended', 'Failed'] as const;
    const element = await journey(statuses.map((status, index) => ({ ...recentJourney[0]!, taskId: `00T${index}`, agent: '', status })));
    expect(entries(element).map((entry) => entry.querySelector('.status')!.textContent)).to.deep.equal([...statuses]);
  });

  it("opens an entry's Task on a click or from the keyboard", async () => {
    const element = await journey(recentJourney);
    const fired = recordIntents(element);
    queryAllByRole(element, 'button')[1]!.click();
    queryAllByRole(element, 'button')[2]!.focus();
    await sendKeys({ press: 'Enter' });
    expect(fired.intents).to.deep.equal([
      { type: 'open-record', recordId: '00T5e00000TaSk0002' },
      { type: 'open-record', recordId: '00T5e00000TaSk0003' },
    ]);
  });

  it('shows an entry without a Task id but offers nothing to open', async () => {
    const element = await journey([{ ...recentJourney[0]!, taskId: '' }]);
    const button = queryAllByRole(element, 'button')[0] as HTMLButtonElement;
    expect(button.disabled).to.equal(true);
    expect(shownText(button)).to.equal('Callback Maria Lopez · Ended 1 day ago');
  });

  it('opens the record a Task is on while Salesforce has not confirmed the Task (no Task id yet)', async () => {
    const element = await journey([{ ...recentJourney[0]!, taskId: '', recordId: '00Q5e00000LeAd0001' }, { ...recentJourney[1]!, recordId: '00Q5e00000LeAd0001' }]);
    const fired = recordIntents(element);
    const buttons = queryAllByRole(element, 'button') as HTMLButtonElement[];
    expect(buttons.map((button) => button.disabled)).to.deep.equal([false, false]);
    buttons[0]!.click();
    buttons[1]!.click();
    expect(fired.intents, 'the Task first when there is one').to.deep.equal([
      { type: 'open-record', recordId: '00Q5e00000LeAd0001' },
      { type: 'open-record', recordId: recentJourney[1]!.taskId },
    ]);
  });

  it('shows nothing at all, not even an empty box, for an empty journey', async () => {
    const element = await journey([]);
    expect(shownText(element)).to.equal('');
    expect(element.getBoundingClientRect().height).to.equal(0);
  });

  it('leaves a blank channel, agent or time blank', async () => {
    const element = await journey([{ taskId: '00T1', channel: '', agent: '', status: 'Ended', at: Number.NaN, subject: '' }]);
    expect(shownText(entries(element)[0]!)).to.equal('Ended');
    expect(shownText(element)).not.to.match(/undefined|null|NaN/);
  });

  it('renders agent names and channels with markup as text', async () => {
    const element = await journey([{ ...recentJourney[0]!, agent: HOSTILE_TEXT, channel: '<b>Chat</b>' }]);
    expect(shownText(entries(element)[0]!)).to.equal(`<b>Chat</b> ${HOSTILE_TEXT} · Ended 1 day ago`);
    expect(deepQueryAll(element, 'img, b')).to.have.length(0);
  });
});
