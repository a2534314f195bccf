import { expect } from '@open-wc/testing';
import { RecentActivity, SEARCH_INDEX_WINDOW_MS } from './recent-activity.ts';

declare const describe: (title: string, body: () => void) => void;
declare const it: (title: string, body: () => void | Promise<void>) => void;

const T0 = Date.UTC(2026, 11, 5, 9, 0, 0);
const NUMBER = '14155550111';

function memoryStorage(): Pick<Storage, 'getItem' | 'setItem'> & { raw: Map<string, string> } {
  const raw = new Map<string, string>();
  return { raw, getItem: (key) => raw.get(key) ?? null, setItem: (key, value) => void raw.set(key, value) };
}

const task = (interactionId: string) => ({ attributes: { type: 'Task' }, Id: '', Subject: 'Inbound call', ContactPad_Interaction_Id__c: interactionId });
const lead = { attributes: { type: 'Lead', url: '/services/data/v68.0/sobjects/Lead/00Q000000000009AAA' }, Id: '00Q000000000009AAA', Name: 'Nora Newcall', Phone: '+14155550111', IsConverted: false };

describe('what this browser logged lately, while search has not indexed it', () => {
  it('gives the last call\'s Task and, once Salesforce has it, its id and the Lead read back with it', () => {
    let now = T0;
    const storage = memoryStorage();
    const recent = new RecentActivity({ key: 'k', now: () => now, storage });
    recent.remember(NUMBER, 'cp-1', task('cp-1'));
    expect(recent.recordsFor(NUMBER)).to.deep.equal([task('cp-1')]);
    now += 2_000;
    recent.delivered('cp-1', '00T000000000001AAA', [lead]);
    expect(recent.recordsFor(NUMBER)).to.deep.equal([{ ...task('cp-1'), Id: '00T000000000001AAA' }, lead]);
    expect(new RecentActivity({ key: 'k', now: () => now, storage }).recordsFor(NUMBER), 'another ContactPad of the browser (or after a reload) sees it').to.have.length(2);
    expect(recent.recordsFor('14155550199')).to.deep.equal([]);
  });

  it('forgets an interaction once search must have it (the documented index window)', () => {
    let now = T0;
    const recent = new RecentActivity({ key: 'k', now: () => now, storage: memoryStorage() });
    recent.remember(NUMBER, 'cp-1', task('cp-1'));
    now = T0 + SEARCH_INDEX_WINDOW_MS - 1;
    expect(recent.recordsFor(NUMBER)).to.have.length(1);
    now = T0 + SEARCH_INDEX_WINDOW_MS + 1;
    expect(recent.recordsFor(NUMBER)).to.deep.equal([]);
  });

  it('keeps newest first, each interaction once, and ignores a damaged or foreign value in storage', () => {
    let now = T0;
    const storage = memoryStorage();
    const recent = new RecentActivity({ key: 'k', now: () => now, storage });
    recent.remember(NUMBER, 'cp-1', task('cp-1'));
    now += 1000;
    recent.remember(NUMBER, 'cp-2', task('cp-2'));
    recent.remember(NUMBER, 'cp-1', { ...task('cp-1'), Subject: 'again' });
    expect(recent.recordsFor(NUMBER).map((record) => record['ContactPad_Interaction_Id__c'])).to.deep.equal(['cp-1', 'cp-2']);
    for (const damaged of ['{', '[]', '{"14155550111": [{"interactionId": 1}]}', '{"<script>": []}', JSON.stringify({ [NUMBER]: [{ interactionId: 'x', at: T0, task: { Id: 'no attributes' }, records: [] }] })]) {
      storage.raw.set('k', damaged);
      expect(recent.recordsFor(NUMBER), damaged).to.deep.equal([]);
    }
  });

  it('goes on without it when storage refuses to keep anything', () => {
    const recent = new RecentActivity({
      key: 'k',
      now: () => T0,
      storage: {
        getItem: () => null,
        setItem: () => {
          throw new DOMException('full', 'QuotaExceededError');
        },
      },
    });
    recent.remember(NUMBER, 'cp-1', task('cp-1'));
    expect(recent.recordsFor(NUMBER)).to.deep.equal([]);
  });
});
