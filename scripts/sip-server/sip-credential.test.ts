import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { newEdgeSecret, signSipCredential } from './sip-credential.ts';

describe('time-limited SIP credentials (TURN REST API scheme, as auth_ephemeral checks them)', () => {
  it('signs "<expiry seconds>:<user>" with base64 HMAC-SHA1 of the secret', () => {
    // The draft's own shape, checked against an HMAC computed independently of the module:
    // printf '1735689600:agent1' | openssl dgst -sha1 -hmac 'shared' -binary | base64
    const credential = signSipCredential('shared', 'agent1', Date.UTC(2025, 0, 1) + 999);
    assert.equal(credential.username, '1735689600:agent1');
    assert.equal(credential.password, 'wxsqFgVDS1gQsMF2YVvFSjqFG9s=');
    assert.equal(credential.expiresAt, Date.UTC(2025, 0, 1));
  });

  it('gives another agent, another expiry or another secret another password', () => {
    const base = signSipCredential('s1', 'agent1', 2_000_000_000_000).password;
    assert.notEqual(signSipCredential('s1', 'agent2', 2_000_000_000_000).password, base);
    assert.notEqual(signSipCredential('s1', 'agent1', 2_000_000_001_000).password, base);
    assert.notEqual(signSipCredential('s2', 'agent1', 2_000_000_000_000).password, base);
  });

  it('refuses an empty secret, a user part with SIP or digest syntax in it, and an expiry that is not a time', () => {
    assert.throws(() => signSipCredential('', 'agent1', 1));
    assert.throws(() => signSipCredential('s', 'agent1:x', 1));
    assert.throws(() => signSipCredential('s', 'a@b', 1));
    assert.throws(() => signSipCredential('s', 'agent1', Number.NaN));
  });

  it('makes a new 256-bit secret each time', () => {
    const a = newEdgeSecret();
    assert.equal(Buffer.from(a, 'base64url').length, 32);
    assert.notEqual(newEdgeSecret(), a);
  });
});
