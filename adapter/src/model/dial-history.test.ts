import { expect } from '@open-wc/testing';
import { EMPTY_DIAL_HISTORY, FAVOURITES_LIMIT, lastDialled, readDialHistory, RECENT_LIMIT, withDialled, withFavourite } from './dial-history.ts';

declare const describe: (title: string, body: () => void) => void;
declare const it: (title: string, body: () => void | Promise<void>) => void;

const MARIA = { recordId: '00Q000000000001AAA', objectType: 'Lead', name: 'Maria Lopez' };

describe('recent numbers and favourites', () => {
  it('keeps the last ten numbers called, newest first, each once; redial is the newest', () => {
    let history = EMPTY_DIAL_HISTORY;
    for (let i = 0; i < 12; i += 1) history = withDialled(history, { number: `+1415555010${i}`, at: i });
    history = withDialled(history, { number: '+14155550105', at: 100 });
    expect(history.recent.length).to.equal(RECENT_LIMIT);
    expect(history.recent.map((r) => r.number).slice(0, 3)).to.deep.equal(['+14155550105', '+141555501011', '+141555501010']);
    expect(history.recent.filter((r) => r.number === '+14155550105').length).to.equal(1);
    expect(lastDialled(history)?.number).to.equal('+14155550105');
    expect(lastDialled(EMPTY_DIAL_HISTORY)).to.equal(undefined);
  });

  it('keeps the record a number was called from', () => {
    const history = withDialled(EMPTY_DIAL_HISTORY, { number: '+14155550100', at: 5, record: MARIA });
    expect(lastDialled(history)).to.deep.equal({ number: '+14155550100', at: 5, record: MARIA });
  });

  it('stars a recent number (with its record) and unstars it; starring twice changes nothing', () => {
    let history = withDialled(EMPTY_DIAL_HISTORY, { number: '+14155550100', at: 5, record: MARIA });
    history = withFavourite(history, '+14155550100', true);
    expect(history.favourites).to.deep.equal([{ number: '+14155550100', at: 5, record: MARIA }]);
    expect(withFavourite(history, '+14155550100', true)).to.equal(history);
    expect(withFavourite(history, '+14155550100', false).favourites).to.deep.equal([]);
    expect(withFavourite(history, '+19995550100', false)).to.equal(history);
  });

  it('keeps at most twenty favourites, the oldest starred going first; a new call refreshes a favourite', () => {
    let history = EMPTY_DIAL_HISTORY;
    for (let i = 0; i < FAVOURITES_LIMIT + 2; i += 1) history = withFavourite(history, `+44207946${String(i).padStart(4, '0')}`, true);
    expect(history.favourites.length).to.equal(FAVOURITES_LIMIT);
    expect(history.favourites[0]?.number).to.equal('+442079460002');
    history = withDialled(history, { number: '+442079460002', at: 9, record: MARIA });
    expect(history.favourites[0]).to.deep.equal({ number: '+442079460002', at: 9, record: MARIA });
  });

  it('reads back what was stored, dropping what is malformed', () => {
    const stored = JSON.parse(JSON.stringify(withFavourite(withDialled(EMPTY_DIAL_HISTORY, { number: '+14155550100', at: 5, record: MARIA }), '+14155550100', true)));
    expect(readDialHistory(stored)).to.deep.equal(stored);
    const damaged = {
      recent: [{ number: '+14155550100', at: 'yesterday', record: { recordId: 'not-an-id', objectType: 'Lead' } }, { number: 42 }, null, { number: ' ' }],
      favourites: 'all of them',
    };
    expect(readDialHistory(damaged)).to.deep.equal({ recent: [{ number: '+14155550100', at: 0 }], favourites: [] });
    for (const junk of [null, 'x', 3, []]) expect(readDialHistory(junk)).to.deep.equal({ recent: [], favourites: [] });
  });
});
