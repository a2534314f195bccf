import { expect } from '@open-wc/testing';
import type { SalesforceRecord } from './crm-connection.ts';
import { classifyCaller } from './caller-lookup.ts';

declare const describe: (title: string, body: () => void) => void;
declare const it: (title: string, body: () => void | Promise<void>) => void;

// searchRecords as GET /services/data/v62.0/search answers them.
const LEAD = {
  attributes: { type: 'Lead', url: '/services/data/v62.0/sobjects/Lead/00Q5e00000AbCdEEAV' },
  Id: '00Q5e00000AbCdEEAV',
  Name: 'Ann Smith',
  Phone: '(415) 555-0100',
  MobilePhone: null,
  IsConverted: false,
};
const CONTACT = {
  attributes: { type: 'Contact', url: '/services/data/v62.0/sobjects/Contact/0035e00000XyZaBAAV' },
  Id: '0035e00000XyZaBAAV',
  Name: 'Bob Jones',
  Phone: null,
  MobilePhone: '+1 415 555 0100',
  AccountId: '0015e00000QrStUAAV',
};
const ACCOUNT = {
  attributes: { type: 'Account', url: '/services/data/v62.0/sobjects/Account/0015e00000QrStUAAV' },
  Id: '0015e00000QrStUAAV',
  Name: 'Acme Corp',
  Phone: '415.555.0100',
  Type: 'Customer - Direct',
};
const FORMER_ACCOUNT = { ...ACCOUNT, Type: 'Former Customer' };

describe('classifying the caller from the SOSL answer', () => {
  it('calls an open Lead match a Lead', () => {
    expect(classifyCaller([LEAD])).to.deep.equal({
      labels: ['Lead'],
      matches: [{ id: LEAD.Id, objectType: 'Lead', name: 'Ann Smith' }],
    });
  });

  it('calls a Contact or an Account match a Customer, and keeps the Contact account', () => {
    const identity = classifyCaller([CONTACT, ACCOUNT]);
    expect(identity.labels).to.deep.equal(['Customer']);
    expect(identity.matches).to.deep.equal([
      { id: CONTACT.Id, objectType: 'Contact', name: 'Bob Jones', accountId: ACCOUNT.Id },
      { id: ACCOUNT.Id, objectType: 'Account', name: 'Acme Corp' },
    ]);
  });

  it('gives both labels to a caller who is a Lead and a Customer', () => {
    expect(classifyCaller([CONTACT, LEAD]).labels).to.deep.equal(['Lead', 'Customer']);
  });

  it("calls a former customer's account and its matched contacts Previous Customer", () => {
    expect(classifyCaller([FORMER_ACCOUNT]).labels).to.deep.equal(['Previous Customer']);
    expect(classifyCaller([CONTACT, FORMER_ACCOUNT]).labels).to.deep.equal(['Previous Customer']);
  });

  it('calls a Contact alone a Customer (its account type is not looked up)', () => {
    expect(classifyCaller([CONTACT]).labels).to.deep.equal(['Customer']);
  });

  it('calls nobody Unknown', () => {
    expect(classifyCaller([])).to.deep.equal({ labels: ['Unknown'], matches: [] });
  });

  it('does not count a converted Lead that slipped through', () => {
    expect(classifyCaller([{ ...LEAD, IsConverted: true }]).labels).to.deep.equal(['Unknown']);
  });

  it('keeps markup in a name as plain text and a missing name as blank', () => {
    const identity = classifyCaller([
      { ...LEAD, Name: '<img src=x onerror=alert(1)>' },
      { ...CONTACT, Name: null },
    ] as SalesforceRecord[]);
    expect(identity.matches.map((m) => m.name)).to.deep.equal(['<img src=x onerror=alert(1)>', '']);
  });

  it('skips records without an id, of other objects, and repeats', () => {
    const identity = classifyCaller([
      { ...LEAD, Id: null },
      { attributes: { type: 'User' }, Id: '0055e000001AbCdAAK', Name: 'Agent' },
      CONTACT,
      CONTACT,
    ] as SalesforceRecord[]);
    expect(identity.matches.map((m) => m.id)).to.deep.equal([CONTACT.Id]);
  });
});
