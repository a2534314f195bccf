import { expect } from '@open-wc/testing';
import { needsPick, poppedRecord } from './caller-record.ts';
import { annLead, lookup, sharedNumberMatches } from '../test-support/snapshots.ts';

describe('the record that pops', () => {
  it('is the best match when the winning rule matched one record', () => {
    const customer = sharedNumberMatches[0]!;
    expect(poppedRecord(lookup({ labels: ['Lead', 'Customer'], matches: [annLead, customer] }))).to.equal(annLead);
    expect(needsPick(lookup())).to.equal(false);
  });

  it('is none while the agent still has to pick among several', () => {
    const caller = lookup({ labels: ['Customer'], matches: sharedNumberMatches, pick: sharedNumberMatches });
    expect(poppedRecord(caller)).to.equal(undefined);
    expect(needsPick(caller)).to.equal(true);
  });

  it('is the picked record once the agent chose, or the one remembered for the number', () => {
    const picked = lookup({ labels: ['Customer'], matches: sharedNumberMatches, pick: sharedNumberMatches, pickedId: sharedNumberMatches[1]!.id });
    expect(poppedRecord(picked)).to.equal(sharedNumberMatches[1]);
    const remembered = lookup({ labels: ['Customer'], matches: sharedNumberMatches, pick: [], pickedId: sharedNumberMatches[2]!.id });
    expect(poppedRecord(remembered)).to.equal(sharedNumberMatches[2]);
  });

  it('ignores a picked id that matches none of the records', () => {
    expect(poppedRecord(lookup({ pickedId: '00Q000000000000AAA' }))).to.equal(annLead);
    expect(poppedRecord(lookup({ matches: sharedNumberMatches, pick: sharedNumberMatches, pickedId: 'gone' }))).to.equal(undefined);
  });

  it('is none for an unknown caller, a running lookup and a failed one', () => {
    expect(poppedRecord(lookup({ labels: ['Unknown'], matches: [] }))).to.equal(undefined);
    expect(poppedRecord({ state: 'pending' })).to.equal(undefined);
    expect(poppedRecord({ state: 'failed', code: 'CRM_UNAVAILABLE', message: 'Salesforce did not answer.' })).to.equal(undefined);
  });
});
