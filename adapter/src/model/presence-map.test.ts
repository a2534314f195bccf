import { expect } from '@open-wc/testing';
import { DEFAULT_PRESENCE_MAP, choiceForPresence, presenceNameFor, presenceTargetFor, readPresenceMap, samePresence, type PresenceStatus } from './presence-map.ts';
import { readSettings } from './settings.ts';

declare const describe: (title: string, body: () => void) => void;
declare const it: (title: string, body: () => void | Promise<void>) => void;

const STATUSES: readonly PresenceStatus[] = [
  { id: '0N5000000000001CAA', developerName: 'Available', label: 'Available' },
  { id: '0N5000000000002CAA', developerName: 'Busy', label: 'Busy' },
  { id: '0N5000000000003CAA', developerName: 'Busy_Break', label: 'On Break' },
];

/** The presenceMap item as the presence desk reads it: the settings keep its text. */
function read(text: unknown) {
  const problems: string[] = [];
  const map = readPresenceMap(readSettings({ '/ContactPad/presenceMap': text }).settings.presenceMap, problems);
  return { map, problems };
}

function mapOf(text: string) {
  return read(text).map;
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

describe('the presenceMap item, read by the presence desk', () => {
  it('reads the presence mapping in the admin\'s order, statuses in any case, presence names as typed', () => {
    const { map, problems } = read(' Ready = Available_For_Voice ; not-ready=Away;BUSY=On_A_Call; wrap-up=On_A_Call ;offline=Offline; ');
    expect(problems).to.deep.equal([]);
    expect(map).to.deep.equal([
      { status: 'ready', presence: 'Available_For_Voice' },
      { status: 'not-ready', presence: 'Away' },
      { status: 'busy', presence: 'On_A_Call' },
      { status: 'wrap-up', presence: 'On_A_Call' },
      { status: 'offline', presence: 'Offline' },
    ]);
    expect(Object.isFrozen(map)).to.equal(true);
  });

  it('leaves out entries with an unknown status, no presence, or a second mapping of a status, naming each', () => {
    const { map, problems } = read('ready=Available;lunch=Away;not-ready=;offline;ready=Online;busy=a=b');
    expect(map).to.deep.equal([{ status: 'ready', presence: 'Available' }]);
    expect(problems).to.deep.equal([
      '/ContactPad/presenceMap: "lunch" is not a ContactPad agent status (offline, ready, not-ready, busy, wrap-up, cooldown, inactive); the entry is left out.',
      '/ContactPad/presenceMap: the entry "not-ready=" is not status=presence and is left out.',
      '/ContactPad/presenceMap: the entry "offline" is not status=presence and is left out.',
      '/ContactPad/presenceMap: ready is mapped more than once; the first mapping is used.',
      '/ContactPad/presenceMap: the entry "busy=a=b" is not status=presence and is left out.',
    ]);
  });

  it('leaves out a presence name longer than 80 characters', () => {
    const { map, problems } = read(`ready=Available;offline=${'O'.repeat(81)}`);
    expect(map).to.deep.equal([{ status: 'ready', presence: 'Available' }]);
    expect(problems[0]).to.contain('presence status for offline').and.contain('left out');
  });

  it('uses the default mapping when the item is blank or nothing in it is usable; a value that is not text is read as its text', () => {
    expect(read('  ')).to.deep.equal({ map: DEFAULT_PRESENCE_MAP, problems: [] });
    for (const value of ['nonsense', ';;', 42]) {
      const { map, problems } = read(value);
      expect(map, String(value)).to.deep.equal(DEFAULT_PRESENCE_MAP);
      expect(problems.at(-1), String(value)).to.contain('Using the default ready=Available;not-ready=Busy;offline=Offline');
    }
    const { problems } = read(true);
    expect(problems).to.deep.equal([
      '/ContactPad/presenceMap: the entry "true" is not status=presence and is left out.',
      '/ContactPad/presenceMap "true" holds no usable entry. Using the default ready=Available;not-ready=Busy;offline=Offline.',
    ]);
  });
});
