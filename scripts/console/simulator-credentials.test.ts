import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { SIMULATOR_CREDENTIAL_SECONDS, isSimulatorUser, simulatorCredential } from './simulator-credentials.ts';

describe('SIP credentials for the console\'s own phones', () => {
  it('signs the customer simulator\'s and Jordan Lee\'s user with the run\'s secret, for a day', () => {
    const now = Date.UTC(2026, 0, 5, 9);
    const credential = simulatorCredential('run-secret', 'customer-ab12cd34', now);
    const expiry = Math.floor(now / 1000) + SIMULATOR_CREDENTIAL_SECONDS;
    assert.deepEqual(credential, {
      username: `${expiry}:customer-ab12cd34`,
      password: createHmac('sha1', 'run-secret').update(`${expiry}:customer-ab12cd34`).digest('base64'),
      ttl: 86_400,
    });
    assert.equal(simulatorCredential('run-secret', 'jordan.lee', now)?.username, `${expiry}:jordan.lee`);
  });

  it('gives nothing for the agent or any other user: the agent\'s credential comes from Salesforce', () => {
    for (const user of ['agent1', 'emile.durand', 'customer-', 'customer-AB', 'customer-x:y', '']) {
      assert.equal(isSimulatorUser(user), false, user);
      assert.equal(simulatorCredential('run-secret', user), undefined, user);
    }
  });
});
