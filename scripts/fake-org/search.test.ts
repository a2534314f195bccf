import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FakeOrgSession } from './client.ts';
import { searchPath, sf, startFakeOrgServer, type FakeOrgServer } from './test-server.ts';

type SearchBody = { searchRecords: Array<Record<string, unknown> & { attributes: { type: string; url: string } }> };

let server: FakeOrgServer;
let org: FakeOrgSession;

before(async () => {
  server = await startFakeOrgServer();
  org = await server.client.createOrg('demo');
});
after(() => server.close());

const RETURNING = 'RETURNING Lead(Id, Name, Phone, IsConverted), Contact(Id, Name, Phone, MobilePhone, HomePhone, Account.Name, Account.Type), Account(Id, Name, Type, Phone)';

async function phoneSearch(term: string, returning = RETURNING): Promise<SearchBody['searchRecords']> {
  const answer = await sf(org, searchPath(`FIND {${term}} IN PHONE FIELDS ${returning}`));
  assert.equal(answer.status, 200, JSON.stringify(answer.body));
  return (answer.body as SearchBody).searchRecords;
}

const names = (records: SearchBody['searchRecords']) => records.map((r) => `${r.attributes.type}:${String(r.Name)}`);

describe('SOSL phone search', () => {
  it('finds a number stored as "(415) 555-0100" from 4155550100, +14155550100 and the formatted number', async () => {
    for (const term of ['4155550100', '\\+14155550100', '\\(415\\) 555\\-0100', '415 555 0100']) {
      assert.deepEqual(names(await phoneSearch(term)), ['Lead:Maria Lopez'], term);
    }
  });

  it('finds numbers stored with a country code, dots, an extension, and an international number', async () => {
    assert.deepEqual(names(await phoneSearch('4155550101')), ['Contact:Daniel Kim']);
    assert.deepEqual(names(await phoneSearch('\\+14155550102')), ['Account:Brightside Dental']);
    assert.deepEqual(names(await phoneSearch('4155550103')), ['Contact:Priya Natarajan']);
    assert.deepEqual(names(await phoneSearch('\\+442079460958')), ['Contact:Oliver Smith']);
  });

  it('returns a caller who is both a Lead and a Contact, and both Contacts sharing a number', async () => {
    assert.deepEqual(names(await phoneSearch('4155550104')), ['Lead:Sam Carter', 'Contact:Sam Carter']);
    assert.deepEqual(names(await phoneSearch('4155550105')), ['Contact:Elena Rossi', 'Contact:Marco Rossi']);
  });

  it('does not match an unknown number or a fragment shorter than seven digits', async () => {
    assert.deepEqual(await phoneSearch('4155550199'), []);
    assert.deepEqual(await phoneSearch('550100'), []);
  });

  it('answers the Salesforce record shape with attributes and the Account relationship nested', async () => {
    const [daniel] = await phoneSearch('4155550101');
    assert.ok(daniel);
    assert.match(String(daniel.Id), /^003[0-9A-Za-z]{15}$/);
    assert.deepEqual(daniel.attributes, { type: 'Contact', url: `/services/data/v62.0/sobjects/Contact/${String(daniel.Id)}` });
    assert.deepEqual(daniel.Account, {
      attributes: { type: 'Account', url: (daniel.Account as { attributes: { url: string } }).attributes.url },
      Name: 'Acme Logistics',
      Type: 'Customer - Direct',
    });
    assert.equal(daniel.Phone, '+1 415-555-0101');
    assert.equal(daniel.MobilePhone, null);
  });

  it('gives null for the Account of a Contact without one', async () => {
    await server.client.insert(org.orgId, 'Contact', { LastName: 'Nobody', Phone: '212-555-0188' });
    const [nobody] = await phoneSearch('2125550188');
    assert.equal(nobody?.Account, null);
  });

  it('supports OR terms, WHERE and LIMIT inside RETURNING, and an overall LIMIT', async () => {
    assert.deepEqual(names(await phoneSearch('4155550100 OR 4155550101')), ['Lead:Maria Lopez', 'Contact:Daniel Kim']);
    const converted = await phoneSearch('4155550107', 'RETURNING Lead(Id, Name WHERE IsConverted = false), Contact(Id, Name)');
    assert.deepEqual(names(converted), ['Contact:Tom Becker']);
    assert.equal((await phoneSearch('4155550105', 'RETURNING Contact(Id LIMIT 1)')).length, 1);
    assert.equal((await phoneSearch('4155550104 OR 4155550105', 'RETURNING Lead(Id), Contact(Id) LIMIT 2')).length, 2);
  });
});

describe('SOSL text search and escaping', () => {
  it('finds a name with quotes and ampersand when they are escaped, and returns the markup as stored', async () => {
    const answer = await sf(org, searchPath("FIND {O\\'Neil \\& Co} IN NAME FIELDS RETURNING Lead(Name, Company)"));
    assert.equal(answer.status, 200);
    const [ann] = (answer.body as SearchBody).searchRecords;
    assert.equal(ann?.Name, "<b>Ann</b> O'Neil & Co");
    assert.equal(ann?.Company, "O'Neil & Co <script>alert(1)</script>");
  });

  it('matches quoted phrases and trailing wildcards in ALL FIELDS', async () => {
    const phrase = await sf(org, searchPath('FIND {"Acme Logistics"} IN ALL FIELDS RETURNING Account(Name)'));
    assert.deepEqual((phrase.body as SearchBody).searchRecords.map((r) => r.Name), ['Acme Logistics']);
    const wildcard = await sf(org, searchPath('FIND {Natara*} RETURNING Contact(Name)'));
    assert.deepEqual((wildcard.body as SearchBody).searchRecords.map((r) => r.Name), ['Priya Natarajan']);
  });

  for (const reserved of ['+', '-', '&', '|', '!', '^', '~', ':', "'", '[', ']', '{']) {
    it(`rejects an unescaped ${reserved} with 400 MALFORMED_SEARCH`, async () => {
      const answer = await sf(org, searchPath(`FIND {415${reserved}5550100} IN PHONE FIELDS RETURNING Lead(Id)`));
      assert.equal(answer.status, 400);
      assert.equal((answer.body as Array<{ errorCode: string }>)[0]?.errorCode, 'MALFORMED_SEARCH');
    });
  }

  it('answers an unescaped reserved character with the body Salesforce sends (restforce/restforce issue 688)', async () => {
    const statement = 'FIND {John|jane_gray@uoa.edu} RETURNING Contact';
    const answer = await sf(org, searchPath(statement));
    assert.deepEqual(answer.body, [{ message: `\n${statement}\n         ^\nERROR at Row:1:Column:10\nline 1:10 mismatched character '|' expecting '}'`, errorCode: 'MALFORMED_SEARCH' }]);
  });

  it('accepts every reserved character when escaped', async () => {
    const term = '?&|!{}[]()^~*:\\"\'+-'.split('').map((c) => `\\${c}`).join('');
    const answer = await sf(org, searchPath(`FIND {415${term}5550100} IN PHONE FIELDS RETURNING Lead(Name)`));
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    assert.deepEqual((answer.body as SearchBody).searchRecords.map((r) => r.Name), ['Maria Lopez']);
  });
});

describe('SOSL errors', () => {
  const errorOf = async (sosl: string) => {
    const answer = await sf(org, searchPath(sosl));
    assert.equal(answer.status, 400);
    assert.equal(answer.headers.get('content-type'), 'application/json;charset=UTF-8');
    const [error] = answer.body as Array<{ errorCode: string; message: string }>;
    assert.ok(error);
    return error;
  };

  it('answers MALFORMED_SEARCH when the term is not in braces or the statement is garbled', async () => {
    assert.equal((await errorOf('FIND 4155550100 IN PHONE FIELDS')).errorCode, 'MALFORMED_SEARCH');
    assert.equal((await errorOf('FIND {4155550100 IN PHONE FIELDS')).errorCode, 'MALFORMED_SEARCH');
    assert.equal((await errorOf('FIND {4155550100} IN PHONE RETURNING Lead')).errorCode, 'MALFORMED_SEARCH');
    assert.equal((await errorOf('FIND {4155550100} RETURNING Lead(Id')).errorCode, 'MALFORMED_SEARCH');
  });

  it('answers INVALID_TYPE for an unknown object and INVALID_FIELD for an unknown field', async () => {
    const type = await errorOf('FIND {4155550100} IN PHONE FIELDS RETURNING Prospect(Id)');
    assert.equal(type.errorCode, 'INVALID_TYPE');
    assert.match(type.message, /sObject type 'Prospect' is not supported/);
    const field = await errorOf('FIND {4155550100} IN PHONE FIELDS RETURNING Lead(Id, Fone)');
    assert.equal(field.errorCode, 'INVALID_FIELD');
    assert.match(field.message, /ERROR at Row:1:Column:54\nNo such column 'Fone' on entity 'Lead'/);
    const relation = await errorOf('FIND {4155550100} IN PHONE FIELDS RETURNING Contact(Id, Acount.Name)');
    assert.equal(relation.errorCode, 'INVALID_FIELD');
    assert.match(relation.message, /Didn't understand relationship 'Acount'/);
  });

  it('answers INVALID_SEARCH for a one-character term', async () => {
    assert.equal((await errorOf('FIND {4} IN PHONE FIELDS RETURNING Lead(Id)')).errorCode, 'INVALID_SEARCH');
  });
});
