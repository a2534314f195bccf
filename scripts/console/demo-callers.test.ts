import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { demoCallersFrom, loadDemoCallers } from './demo-callers.ts';

describe('the customer simulator\'s preset callers', () => {
  it('come from the demo org\'s callers, with a blank number and an unknown one among them', () => {
    const callers = loadDemoCallers();
    assert.ok(callers.length >= 4);
    assert.ok(callers.some((caller) => caller.number === ''), 'a withheld (blank) number');
    assert.ok(callers.every((caller) => ['voice', 'video', 'callback'].includes(caller.kind)));
    assert.ok(callers.every((caller) => caller.label !== ''));
  });

  it('use the fixture\'s callers as listed, defaulting the queue and the dialed number', () => {
    const callers = demoCallersFrom({ callers: [{ label: 'Lead: Ann', name: 'Ann', number: '+14155550100', adSource: 'Radio' }, { label: 'Odd', number: 42, kind: 'fax' }] });
    assert.deepEqual(callers[0], { label: 'Lead: Ann', name: 'Ann', number: '+14155550100', queue: 'Sales', location: '+1 800 555 0100', adSource: 'Radio', kind: 'voice' });
    assert.equal(callers[1]?.number, '', 'a number that is not text is left blank');
    assert.equal(callers[1]?.kind, 'voice', 'an unknown kind falls back to voice');
  });

  it('without a callers list, find a Lead, a Customer, a caller who is both, and several matches in the records', () => {
    const callers = demoCallersFrom({
      records: {
        Lead: [
          { FirstName: 'Lea', LastName: 'Only', Phone: '(415) 555-0100' },
          { FirstName: 'Bo', LastName: 'Th', Phone: '415-555-0104' },
        ],
        Contact: [
          { FirstName: 'Cus', LastName: 'Tomer', Phone: '+1 415 555 0101' },
          { FirstName: 'Bo', LastName: 'Th', MobilePhone: '+1 (415) 555-0104' },
          { FirstName: 'Twin', LastName: 'One', Phone: '415 555 0105' },
          { FirstName: 'Twin', LastName: 'Two', Phone: '4155550105' },
        ],
      },
    });
    assert.deepEqual(
      callers.map((caller) => [caller.label, caller.number]),
      [
        ['Lead: Lea Only', '(415) 555-0100'],
        ['Customer: Cus Tomer', '+1 415 555 0101'],
        ['Lead and Customer: Bo Th', '415-555-0104'],
        ['Several matches: Twin One', '415 555 0105'],
        ['Unknown number', '+1 415 555 0199'],
        ['Blank number (withheld)', ''],
      ],
    );
  });
});
