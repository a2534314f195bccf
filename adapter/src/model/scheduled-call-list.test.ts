/** The "Scheduled calls" list's rows: the customer's time zone from the number, and which calls are due. */
import { expect } from '@open-wc/testing';
import { nextDueAt, scheduledCallRows } from './scheduled-call-list.ts';
import { numberTimeZones } from './number-time-zones.ts';

const NOW = Date.UTC(2027, 0, 5, 9, 0);
const call = (id: string, at: number, number: string) => ({ id, at, number, name: `Customer ${id}`, recordId: '' });

describe('the scheduled calls list', () => {
  it('says each call\'s customer time zone when the number tells one, and marks the calls whose time has come as due, soonest first', () => {
    const rows = scheduledCallRows(
      [
        call('later', NOW + 3_600_000, '+14155550100'),
        call('past', NOW - 60_000, '+442079460958'),
        call('now', NOW, '+61 2 9999 0000'),
        call('typed', NOW + 60_000, 'not a number'),
      ],
      NOW,
      numberTimeZones,
    );
    expect(rows.map((row) => [row.id, row.customerZone, row.due])).to.deep.equal([
      ['past', 'Europe/London', true],
      ['now', '', true],
      ['typed', '', false],
      ['later', 'America/Los_Angeles', false],
    ]);
  });

  it('a number that may be in zones that disagree (+1 219: Chicago or New York): no customer zone is claimed for it', () => {
    const [row] = scheduledCallRows([call('in', NOW + 60_000, '+12192265555')], NOW, numberTimeZones);
    expect(numberTimeZones('+12192265555')).to.deep.equal(['America/Chicago', 'America/New_York']);
    expect(row?.customerZone).to.equal('');
  });

  it('the list changes next when the soonest call still to come falls due; never once every call is due', () => {
    expect(nextDueAt([call('a', NOW + 120_000, ''), call('b', NOW - 1, ''), call('c', NOW + 60_000, '')], NOW)).to.equal(NOW + 60_000);
    expect(nextDueAt([call('b', NOW, '')], NOW)).to.equal(undefined);
    expect(nextDueAt([], NOW)).to.equal(undefined);
  });
});
