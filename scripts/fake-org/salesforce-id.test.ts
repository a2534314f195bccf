import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { idChecksum, isSalesforceId, makeId, toId18 } from './salesforce-id.ts';

describe('Salesforce ids', () => {
  it('computes the case-safe suffix from the uppercase letters of each 5-character chunk', () => {
    // chunks 0015g / 00000 / 00ScI: no capitals -> A, none -> A, S (bit 2) + I (bit 4) = 20 -> U
    assert.equal(idChecksum('0015g0000000ScI'), 'AAU');
    // chunks ABCDE (all 5 bits = 31 -> 5), aaaaa (0 -> A), Aaaaa (bit 0 -> B)
    assert.equal(idChecksum('ABCDEaaaaaAaaaa'), '5AB');
  });

  it('makes 18-character ids with the key prefix and a valid checksum', () => {
    const id = makeId('00Q', 123456);
    assert.equal(id.length, 18);
    assert.ok(id.startsWith('00Q'));
    assert.ok(isSalesforceId(id));
    assert.equal(toId18(id.slice(0, 15)), id);
    assert.notEqual(makeId('00Q', 123457), id);
  });

  it('rejects malformed ids and a wrong checksum', () => {
    assert.equal(isSalesforceId('00Q5g0000000ScR'), true);
    assert.equal(isSalesforceId('00Q5g0000000ScRAAA'), false);
    assert.equal(isSalesforceId('not-an-id'), false);
    assert.equal(isSalesforceId(42), false);
  });
});
