import { expect } from '@open-wc/testing';
import { entriesFor, filterDirectory, sortDirectory } from './directory-search.ts';
import { DIRECTORY } from '../test-support/snapshots.ts';

describe('directory search', () => {
  it('puts agents and services in alphabetical order, ignoring case and accents', () => {
    expect(sortDirectory(DIRECTORY).map((entry) => entry.name)).to.deep.equal(['adam Price', 'Billing', 'Émile Durand', 'Maria Lopez', 'Sales EMEA', 'Zoë Martin']);
  });

  it('does not change the snapshot it was given', () => {
    const before = DIRECTORY.map((entry) => entry.id);
    sortDirectory(DIRECTORY);
    expect(DIRECTORY.map((entry) => entry.id)).to.deep.equal(before);
  });

  it('finds a name by any part of it, whatever the case and accents the agent types', () => {
    const sorted = sortDirectory(DIRECTORY);
    expect(filterDirectory(sorted, 'emile').map((entry) => entry.name)).to.deep.equal(['Émile Durand']);
    expect(filterDirectory(sorted, 'ZOE').map((entry) => entry.name)).to.deep.equal(['Zoë Martin']);
    expect(filterDirectory(sorted, 'ar').map((entry) => entry.name)).to.deep.equal(['Maria Lopez', 'Zoë Martin']);
    expect(filterDirectory(sorted, '  price ').map((entry) => entry.name)).to.deep.equal(['adam Price']);
  });

  it('shows everything for a blank search and nothing when no name matches', () => {
    expect(filterDirectory(DIRECTORY, '   ')).to.have.length(DIRECTORY.length);
    expect(filterDirectory(DIRECTORY, 'xyz')).to.deep.equal([]);
  });

  it('offers for a consult or a call transfer only those with a phone, and for an email or case transfer everyone', () => {
    const ids = (mode: 'consult' | 'transfer', channel: 'voice' | 'video' | 'callback' | 'chat' | 'email' | 'case'): string[] =>
      entriesFor(DIRECTORY, mode, channel).map((entry) => entry.id);
    const withPhone = ['ag-zoe', 'ag-emile', 'ag-maria'];
    const everyone = DIRECTORY.map((entry) => entry.id);
    for (const channel of ['voice', 'video', 'callback', 'chat', 'email', 'case'] as const) expect(ids('consult', channel), channel).to.deep.equal(withPhone);
    for (const channel of ['voice', 'video', 'callback'] as const) expect(ids('transfer', channel), channel).to.deep.equal(withPhone);
    for (const channel of ['email', 'case'] as const) expect(ids('transfer', channel), channel).to.deep.equal(everyone);
  });
});
