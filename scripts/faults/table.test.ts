/**
 * What the fault suite says of a fault (table.ts, fault.ts): survived only when it was done and
 * nothing was lost or stuck any time; the figures as median and max; every problem printed.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Tally, spread } from './fault.ts';
import { faultTable, verdictOf } from './table.ts';

describe('the fault suite\'s verdicts and table', () => {
  it('says survived only when the fault was done at least once and every time survived', () => {
    const clean = new Tally();
    clean.time([]);
    clean.time([]);
    assert.equal(verdictOf(clean.outcome()), 'survived');

    const lost = new Tally();
    lost.time([]);
    lost.time(["the caller's hang-up did not reach the agent"]);
    assert.deepEqual(lost.outcome().problems, ["#2: the caller's hang-up did not reach the agent"]);
    assert.equal(lost.outcome().survived, 1);
    assert.equal(verdictOf(lost.outcome()), 'LOST OR STUCK');

    assert.equal(verdictOf(new Tally().outcome()), 'LOST OR STUCK', 'a fault that did nothing proves nothing');

    const missingTask = new Tally();
    missingTask.time([]);
    missingTask.problem('call x: 0 Tasks');
    assert.equal(verdictOf(missingTask.outcome()), 'LOST OR STUCK', 'a problem outside any one time counts too');
  });

  it('gives each figure as median and max with the number of samples', () => {
    assert.equal(spread([300, 100, 200, 1000]), 'median 0.25 s, max 1.00 s (n=4)');
    assert.equal(spread([750]), '0.75 s (n=1)');
    assert.equal(spread([]), 'not measured');
    const tally = new Tally();
    tally.sample('signalling back', 500);
    tally.sample('signalling back', 700);
    tally.count('calls refused with 503');
    tally.count('calls refused with 503');
    tally.note('2 of 2 calls logged exactly one Task');
    assert.deepEqual(tally.outcome().figures, ['signalling back: median 0.60 s, max 0.70 s (n=2)', 'calls refused with 503: 2', '2 of 2 calls logged exactly one Task']);
  });

  it('prints one row per fault with its figures and problems beneath', () => {
    const good = new Tally();
    good.time([]);
    good.sample('noticed', 6400);
    const bad = new Tally();
    bad.time(['left open on the pad: abc (connected)']);
    const table = faultTable([
      { name: 'SIP server frozen', outcome: good.outcome(), ms: 12_000 },
      { name: 'Kamailio restarted', outcome: bad.outcome(), ms: 9000 },
    ]);
    const lines = table.split('\n');
    assert.match(lines[0] ?? '', /^fault\s+done\s+survived\s+time\s+verdict/);
    assert.match(table, /SIP server frozen\s+1\s+1\s+12\.00 s\s+survived\n\s+noticed: 6\.40 s \(n=1\)/);
    assert.match(table, /Kamailio restarted\s+1\s+0\s+9\.00 s\s+LOST OR STUCK\n\s+! #1: left open on the pad: abc \(connected\)/);
  });
});
