// The security suite's query checker (node --test): SOQL literals and SOSL terms held to
// Salesforce's escaping rules, and the skeleton that tells a widened query.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkSoql, checkSosl, statementsOf } from './query-check.ts';

describe("the security suite's SOQL check", () => {
  it('accepts escaped quotes and backslashes and gives the skeleton without the values', () => {
    const check = checkSoql("SELECT Id FROM Contact WHERE Name = 'O\\'Brien \\\\ \\u00e9' AND Id = '003000000000001AAA'");
    assert.equal(check.problem, '');
    assert.equal(check.skeleton, "SELECT Id FROM Contact WHERE Name = '?' AND Id = '?'");
    assert.deepEqual(check.values, ["O'Brien \\ é", '003000000000001AAA']);
  });

  it('finds a quote that ends the value early: the rest of the value becomes part of the statement', () => {
    const check = checkSoql("SELECT Id FROM Contact WHERE Name = 'x' OR Name != '' LIMIT 1");
    assert.equal(check.problem, '');
    assert.notEqual(check.skeleton, "SELECT Id FROM Contact WHERE Name = '?' LIMIT 1");
  });

  it('refuses a backslash before anything but an escape sequence, and a literal left open', () => {
    assert.match(checkSoql("SELECT Id FROM Lead WHERE Phone = '\\d'").problem, /no escape sequence/);
    assert.match(checkSoql("SELECT Id FROM Lead WHERE Phone = 'abc").problem, /never closed/);
  });
});

describe("the security suite's SOSL check", () => {
  it('accepts escaped reserved characters and values joined by OR', () => {
    const check = checkSosl('FIND {4155550100 OR \\+1\\(415\\)\\-555 OR \\"x\\}} IN PHONE FIELDS RETURNING Lead(Id WHERE IsConverted = false LIMIT 50)');
    assert.equal(check.problem, '');
    assert.equal(check.operatorInjected, false);
    assert.equal(check.skeleton, 'FIND {?} IN PHONE FIELDS RETURNING Lead(Id WHERE IsConverted = false LIMIT 50)');
    assert.deepEqual(check.values, ['4155550100', '+1(415)-555', '"x}']);
  });

  it('refuses an unescaped reserved character and a backslash before an ordinary one', () => {
    assert.match(checkSosl('FIND {415*} IN PHONE FIELDS').problem, /reserved character "\*"/);
    assert.match(checkSosl('FIND {41\\5} IN PHONE FIELDS').problem, /not a reserved character/);
  });

  it('tells a value that became operators, and a brace that closed the term early', () => {
    assert.equal(checkSosl('FIND {415 AND NOT 555} IN PHONE FIELDS').operatorInjected, true);
    assert.equal(checkSosl('FIND {415 555} IN PHONE FIELDS').operatorInjected, true);
    const early = checkSosl('FIND {415} IN ALL FIELDS RETURNING User(Id)} IN PHONE FIELDS');
    assert.equal(early.skeleton, 'FIND {?} IN ALL FIELDS RETURNING User(Id)} IN PHONE FIELDS');
  });
});

describe('the statements of a request', () => {
  it('reads query, queryAll and search URLs, and the subrequests of a composite', () => {
    assert.deepEqual(statementsOf('/services/data/v62.0/search?q=FIND%20%7B1%7D', null), [{ language: 'SOSL', statement: 'FIND {1}' }]);
    assert.deepEqual(statementsOf('/services/data/v62.0/queryAll?q=SELECT+Id+FROM+Case', null), [{ language: 'SOQL', statement: 'SELECT Id FROM Case' }]);
    const body = JSON.stringify({ compositeRequest: [{ method: 'GET', url: '/services/data/v62.0/query?q=SELECT%20Id%20FROM%20Lead' }, { method: 'PATCH', url: '/services/data/v62.0/sobjects/Task/x' }] });
    assert.deepEqual(statementsOf('/services/data/v62.0/composite', body), [{ language: 'SOQL', statement: 'SELECT Id FROM Lead' }]);
  });
});
