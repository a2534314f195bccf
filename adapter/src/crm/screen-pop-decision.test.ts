import { expect } from '@open-wc/testing';
import type { CallerIdentity, CallerMatch } from './caller-lookup.ts';
import { decideScreenPop } from './screen-pop-decision.ts';

declare const describe: (title: string, body: () => void) => void;
declare const it: (title: string, body: () => void | Promise<void>) => void;

const lead: CallerMatch = { id: '00Q000000000001AAA', objectType: 'Lead', name: 'Ann Smith' };
const lead2: CallerMatch = { id: '00Q000000000002AAA', objectType: 'Lead', name: 'Ann Smythe' };
const contact: CallerMatch = { id: '003000000000001AAA', objectType: 'Contact', name: 'Bob Jones', accountId: '001000000000001AAA' };
const account: CallerMatch = { id: '001000000000001AAA', objectType: 'Account', name: 'Acme' };

const identity = (labels: CallerIdentity['labels'], ...matches: CallerMatch[]): CallerIdentity => ({ labels, matches });

describe('which record pops for a caller', () => {
  it('opens the one matching record', () => {
    expect(decideScreenPop(identity(['Customer'], contact), '+1 415 555 0100')).to.deep.equal({
      kind: 'record',
      recordId: contact.id,
      objectType: 'Contact',
    });
  });

  it('opens the Lead when the caller is both a Customer and an active Lead', () => {
    expect(decideScreenPop(identity(['Lead', 'Customer'], contact, lead, account), '+1 415 555 0100')).to.deep.equal({
      kind: 'record',
      recordId: lead.id,
      objectType: 'Lead',
    });
  });

  it('searches by the number when several records match and no single Lead wins', () => {
    expect(decideScreenPop(identity(['Customer'], contact, account), '+1 415 555 0100')).to.deep.equal({
      kind: 'search',
      searchText: '+1 415 555 0100',
    });
    expect(decideScreenPop(identity(['Lead', 'Customer'], lead, lead2, contact), '4155550100')).to.deep.equal({
      kind: 'search',
      searchText: '4155550100',
    });
    expect(decideScreenPop(identity(['Lead'], lead, lead2), '4155550100')).to.deep.equal({ kind: 'search', searchText: '4155550100' });
  });

  it('pops nothing for several matches when the number is too short for an Open CTI search (3 characters)', () => {
    expect(decideScreenPop(identity(['Customer'], contact, account), '12')).to.deep.equal({ kind: 'none' });
  });

  it('opens a new Lead prefilled with the number for an unknown caller', () => {
    expect(decideScreenPop(identity(['Unknown']), '  +1 415 555 0100 ')).to.deep.equal({
      kind: 'new-record',
      entityName: 'Lead',
      defaultFieldValues: { Phone: '+1 415 555 0100' },
    });
  });

  it('opens a blank new Lead when the caller withheld the number', () => {
    expect(decideScreenPop(identity(['Unknown']), '')).to.deep.equal({ kind: 'new-record', entityName: 'Lead', defaultFieldValues: {} });
    expect(decideScreenPop(identity(['Unknown']), '   ')).to.deep.equal({ kind: 'new-record', entityName: 'Lead', defaultFieldValues: {} });
  });

  it('caps the prefilled Phone to the 40 characters the field holds', () => {
    const long = '1'.repeat(60);
    const decision = decideScreenPop(identity(['Unknown']), long);
    expect(decision).to.deep.equal({ kind: 'new-record', entityName: 'Lead', defaultFieldValues: { Phone: '1'.repeat(40) } });
  });
});
