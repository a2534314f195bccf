import { expect } from '@open-wc/testing';
import { MAX_REMEMBERED_CHOICES, RememberedChoices } from './remembered-choices.ts';

declare const describe: (title: string, body: () => void) => void;
declare const it: (title: string, body: () => void | Promise<void>) => void;

const ID_A = '003000000000001AAA';
const ID_B = '003000000000002AAA';

describe("the agent's remembered picks", () => {
  it('survives a new instance on the same localStorage (a reload), one pick per number', () => {
    const key = `contactpad-choices-test-${crypto.randomUUID()}`;
    try {
      new RememberedChoices({ key }).remember('14155550105', ID_A);
      new RememberedChoices({ key }).remember('14155550105', ID_B);
      const later = new RememberedChoices({ key });
      expect(later.get('14155550105')).to.equal(ID_B);
      expect(later.get('14155550199')).to.equal(undefined);
    } finally {
      localStorage.removeItem(key);
    }
  });

  it('ignores what is not a record id, and keeps working when storage is corrupt or refuses', () => {
    const store = new Map<string, string>([['k', '{not json']]);
    const storage = { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v) };
    const choices = new RememberedChoices({ storage, key: 'k' });
    expect(choices.get('14155550105')).to.equal(undefined);
    choices.remember('14155550105', '<script>');
    expect(choices.get('14155550105')).to.equal(undefined);
    choices.remember('14155550105', ID_A);
    expect(choices.get('14155550105')).to.equal(ID_A);
    const refusing = new RememberedChoices({ storage: { getItem: () => null, setItem: () => { throw new DOMException('full', 'QuotaExceededError'); } } });
    refusing.remember('14155550105', ID_A);
    expect(refusing.get('14155550105')).to.equal(undefined);
  });

  it(`forgets the oldest numbers beyond ${MAX_REMEMBERED_CHOICES}`, () => {
    const store = new Map<string, string>();
    const storage = { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v) };
    const choices = new RememberedChoices({ storage, key: 'k' });
    for (let i = 0; i <= MAX_REMEMBERED_CHOICES; i++) choices.remember(String(4155550000 + i), ID_A);
    expect(choices.get('4155550000')).to.equal(undefined);
    expect(choices.get('4155550001')).to.equal(ID_A);
    expect(choices.get(String(4155550000 + MAX_REMEMBERED_CHOICES))).to.equal(ID_A);
  });
});
