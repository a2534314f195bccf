import { expect } from '@open-wc/testing';
import { choiceForPresence, presenceNameFor, presenceTargetFor, samePresence, type PresenceStatus } from './presence-map.ts';
import { readSettings } from './settings.ts';

declare const describe: (title: string, body: () => void) => void;
declare const it: (title: string, body: () => void | Promise<void>) => void;

const STATUSES: readonly PresenceStatus[] = [
  { id: '0N5000000000001CAA', developerName: 'Available', label: 'Available' },
  { id: '0N5000000000002CAA', developerName: 'Busy', label: 'Busy' },
  { id: '0N5000000000003CAA', developerName: 'Busy_Break', label: 'On Break' },
];

function mapOf(text: string) {
  return readSettings({ '/ContactPad/presenceMap': text }).settings.presenceMap;
}

describe('the presence mapping', () => {
  it('names the presence an agent state maps to, and nothing for an unmapped state', () => {
    const map = mapOf('ready=Available;not-ready=On Break;busy=Busy;offline=Offline');
    expect(presenceNameFor('ready', map)).to.equal('Available');
    expect(presenceNameFor('busy', map)).to.equal('Busy');
    expect(presenceNameFor('wrap-up', map)).to.equal(undefined);
  });

  it('finds the status id by API name or label, case-insensitively; Offline logs out; an unknown name is not found', () => {
    expect(presenceTargetFor('available', STATUSES)).to.deep.equal({ found: true, statusId: '0N5000000000001CAA' });
    expect(presenceTargetFor('On Break', STATUSES)).to.deep.equal({ found: true, statusId: '0N5000000000003CAA' });
    expect(presenceTargetFor('Busy_Break', STATUSES)).to.deep.equal({ found: true, statusId: '0N5000000000003CAA' });
    expect(presenceTargetFor('Offline', STATUSES)).to.deep.equal({ found: true, statusId: null });
    expect(presenceTargetFor('Lunch', STATUSES)).to.deep.equal({ found: false });
  });

  it('turns an Omni-Channel presence into the agent state the admin mapped it to', () => {
    const map = mapOf('ready=Available;not-ready=On Break;busy=Busy;offline=Offline');
    expect(choiceForPresence({ statusId: '0N5000000000001CAA', statusName: 'Available' }, map, STATUSES)).to.deep.equal({ status: 'ready' });
    expect(choiceForPresence({ statusId: '0N5000000000003', statusName: 'On Break' }, map, STATUSES), '15-character id').to.deep.equal({
      status: 'not-ready',
      reason: 'On Break',
    });
    expect(choiceForPresence({ statusId: null, statusName: 'Offline' }, map, STATUSES)).to.deep.equal({ status: 'offline' });
  });

  it('leaves the agent alone for a presence mapped only to a state the agent cannot choose, or not mapped at all', () => {
    const map = mapOf('ready=Available;busy=Busy');
    expect(choiceForPresence({ statusId: '0N5000000000002CAA', statusName: 'Busy' }, map, STATUSES)).to.equal(undefined);
    expect(choiceForPresence({ statusId: '0N5000000000003CAA', statusName: 'On Break' }, map, STATUSES)).to.equal(undefined);
    expect(choiceForPresence({ statusId: null, statusName: 'Offline' }, map, STATUSES), 'offline not mapped').to.equal(undefined);
  });

  it('maps by the name Omni-Channel sends when the org statuses are not known', () => {
    const map = mapOf('ready=Available;not-ready=Busy');
    expect(choiceForPresence({ statusId: '0N5000000000002CAA', statusName: 'Busy' }, map, [])).to.deep.equal({ status: 'not-ready', reason: 'Busy' });
  });

  it('compares 15- and 18-character status ids as the same status', () => {
    expect(samePresence('0N5000000000001', '0N5000000000001CAA')).to.equal(true);
    expect(samePresence(null, null)).to.equal(true);
    expect(samePresence(null, '0N5000000000001CAA')).to.equal(false);
  });
});
