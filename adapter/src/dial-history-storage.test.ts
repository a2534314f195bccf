import { expect } from '@open-wc/testing';
import { Controller } from './controller.ts';
import { keepDialHistory, type DialHistoryStorage } from './dial-history-storage.ts';
import { testSettings } from '../test-support/desk-rig.ts';

function memoryStorage(initial: Record<string, string> = {}): DialHistoryStorage & { readonly raw: Map<string, string> } {
  const raw = new Map(Object.entries(initial));
  return { raw, getItem: (key) => raw.get(key) ?? null, setItem: (key, value) => void raw.set(key, value) };
}

const KEY = 'contactpad-dial-history-00D-005000000000001AAA';
const MARIA = { recordId: '00Q000000000001AAA', objectType: 'Lead', name: 'Maria Lopez' };

describe('the dial history kept across reloads', () => {
  it('reads the agent\'s recent numbers and favourites back, and keeps every change', async () => {
    const stored = { recent: [{ number: '+14155550100', at: 5, record: MARIA }], favourites: [{ number: '+14155550100', at: 5, record: MARIA }] };
    const storage = memoryStorage({ [KEY]: JSON.stringify(stored) });
    const controller = new Controller(testSettings());
    keepDialHistory(controller, KEY, storage);
    expect(controller.store.snapshot.dialHistory).to.deep.equal(stored);
    await controller.handle({ type: 'favourite-number', number: '+14155550100', starred: false });
    expect(JSON.parse(storage.raw.get(KEY) ?? '{}').favourites).to.deep.equal([]);
  });

  it('keeps a number placed before the history was read on top of it', () => {
    const storage = memoryStorage({ [KEY]: JSON.stringify({ recent: [{ number: '+442079460958', at: 1 }], favourites: [] }) });
    const controller = new Controller(testSettings());
    controller.restoreDialHistory({ recent: [{ number: '+14155550100', at: 9 }], favourites: [] });
    keepDialHistory(controller, KEY, storage);
    expect(controller.store.snapshot.dialHistory.recent.map((r) => r.number)).to.deep.equal(['+14155550100', '+442079460958']);
  });

  it('starts empty from a damaged or foreign value, and keeps working when the storage refuses to write', () => {
    for (const value of ['{not json', '"just text"', JSON.stringify({ recent: 'all', favourites: [{ number: 7 }] })]) {
      const controller = new Controller(testSettings());
      keepDialHistory(controller, KEY, memoryStorage({ [KEY]: value }));
      expect(controller.store.snapshot.dialHistory, value).to.deep.equal({ recent: [], favourites: [] });
    }
    const full: DialHistoryStorage = { getItem: () => null, setItem: () => { throw new DOMException('full', 'QuotaExceededError'); } };
    const controller = new Controller(testSettings());
    keepDialHistory(controller, KEY, full);
    controller.restoreDialHistory({ recent: [{ number: '+14155550100', at: 9 }], favourites: [] });
    expect(controller.store.snapshot.dialHistory.recent.length).to.equal(1);
  });
});
