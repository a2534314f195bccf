import { expect } from '@open-wc/testing';
import { numberTimeZones } from './number-time-zones.ts';
import { TIME_ZONES_BY_PREFIX } from './number-time-zones-data.ts';

declare const describe: (title: string, body: () => void) => void;
declare const it: (title: string, body: () => void | Promise<void>) => void;

describe('the time zones of a phone number', () => {
  it('gives one zone for an area code within one zone, and for a country with one', () => {
    expect(numberTimeZones('+14155550100')).to.deep.equal(['America/Los_Angeles']);
    expect(numberTimeZones('+12125550147')).to.deep.equal(['America/New_York']);
    expect(numberTimeZones('+33142685300')).to.deep.equal(['Europe/Paris']);
    expect(numberTimeZones('+81312345678')).to.deep.equal(['Asia/Tokyo']);
    expect(numberTimeZones('+442079460958')).to.deep.equal(['Europe/London']);
  });

  it('gives every zone an area code split between zones may be in (the map\'s exchanges kept on the safe side)', () => {
    // Indiana's 219 is mostly Eastern, some exchanges (219-226...) Central: both.
    expect(numberTimeZones('+12192265555')).to.deep.equal(['America/Chicago', 'America/New_York']);
    expect(numberTimeZones('+12195550100')).to.deep.equal(['America/Chicago', 'America/New_York']);
  });

  it('gives every zone of a country code when nothing narrower is known', () => {
    const russia = numberTimeZones('+70000000000');
    expect(russia).to.include('Europe/Moscow');
    expect(russia).to.include('Asia/Vladivostok');
    expect(numberTimeZones('+15555550100').length).to.be.above(20);
  });

  it('gives none for no number', () => {
    for (const text of ['', '4155550100', '+', '+1', 'sip:a@b', '+999']) expect(numberTimeZones(text), text).to.deep.equal([]);
  });

  it('lists only zones this browser knows', () => {
    const zones = new Set(Object.values(TIME_ZONES_BY_PREFIX).flatMap((list) => list.split(' ')));
    const unknown = [...zones].filter((zone) => {
      try {
        new Intl.DateTimeFormat('en-US', { timeZone: zone });
        return false;
      } catch {
        return true;
      }
    });
    expect(unknown).to.deep.equal([]);
  });
});
