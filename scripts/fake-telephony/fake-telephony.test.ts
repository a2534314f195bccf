/**
 * The fake Telephony Integration API refuses what Salesforce documents it refuses (a token with
 * the wrong claims, key or lifetime; a request without a required field; a transfer without a
 * known parent), answers a repeated vendor call key with the existing VoiceCall, and plays its
 * faults. Requests are made by hand here (fetch and jose), not by the voice call service, so the
 * fake's rules are checked on their own.
 */
import assert from 'node:assert/strict';
import { createPrivateKey, randomUUID } from 'node:crypto';
import { after, before, beforeEach, describe, it } from 'node:test';
import { SignJWT } from 'jose';
import { contactCenterKeys, TEST_CONTACT_CENTER, TEST_ORG_ID } from '../voice-call-service/test-support.ts';
import { CONCURRENT_CALL_LIMIT_MESSAGE, startFakeTelephony, type RunningFakeTelephony } from './fake-telephony-server.ts';

const keys = contactCenterKeys();
const AUD = 'https://scrt.salesforce.com';

interface Claims {
  iss?: string;
  sub?: string;
  aud?: string;
  lifetimeSeconds?: number;
  alg?: 'RS256' | 'RS512';
}

async function token(claims: Claims = {}, privateKeyPem = keys.privateKeyPem): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({})
    .setProtectedHeader({ alg: claims.alg ?? 'RS256' })
    .setIssuer(claims.iss ?? TEST_ORG_ID)
    .setSubject(claims.sub ?? TEST_CONTACT_CENTER)
    .setAudience(claims.aud ?? AUD)
    .setExpirationTime(now + (claims.lifetimeSeconds ?? 120))
    .setJti(randomUUID())
    .sign(createPrivateKey(privateKeyPem));
}

function inbound(vendorCallKey: string): Record<string, unknown> {
  return {
    callCenterApiName: TEST_CONTACT_CENTER,
    vendorCallKey,
    to: '+14155550100',
    from: '+14155550123',
    initiationMethod: 'Inbound',
    startTime: new Date().toISOString(),
    participants: [{ participantKey: '+14155550123', type: 'END_USER' }],
  };
}

describe('the fake Telephony Integration API', () => {
  let fake: RunningFakeTelephony;
  const create = async (body: unknown, bearer?: string, contentType = 'application/json') => {
    const response = await fetch(`${fake.baseUrl}/voiceCalls`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${bearer ?? (await token())}`, 'Content-Type': contentType, 'Telephony-Provider-Name': 'ContactPad' },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as { voiceCallId?: string; message?: string } };
  };

  before(async () => {
    fake = await startFakeTelephony({ orgId: TEST_ORG_ID, contactCenterApiName: TEST_CONTACT_CENTER, publicKeyPem: keys.publicKeyPem });
  });
  after(async () => fake?.stop());
  beforeEach(() => fake.setFault('none'));

  it('creates a VoiceCall for a well-formed request with a good token and answers its 0LQ id as voiceCallId', async () => {
    const { status, body } = await create(inbound('good-1'));
    assert.equal(status, 200);
    assert.match(body.voiceCallId ?? '', /^0LQ[A-Za-z0-9]{15}$/);
    assert.equal(fake.voiceCalls.at(-1)?.providerName, 'ContactPad');
  });

  for (const [what, claims, key] of [
    ['another org as issuer', { iss: '00D000000000001AAA' }, undefined],
    ['another contact center as subject', { sub: 'Other_Center' }, undefined],
    ['another audience', { aud: 'https://login.salesforce.com' }, undefined],
    ['a lifetime of 10 minutes (more than 3)', { lifetimeSeconds: 600 }, undefined],
    ['an expired token', { lifetimeSeconds: -60 }, undefined],
    ['another algorithm (RS512)', { alg: 'RS512' }, undefined],
    ['another key pair', {}, contactCenterKeys().privateKeyPem],
  ] as const) {
    it(`refuses ${what} with 401 and creates nothing`, async () => {
      const count = fake.voiceCalls.length;
      const { status } = await create(inbound(`refused-${what}`), await token(claims as Claims, key));
      assert.equal(status, 401);
      assert.equal(fake.voiceCalls.length, count);
    });
  }

  it('refuses a request without a token', async () => {
    const response = await fetch(`${fake.baseUrl}/voiceCalls`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(inbound('no-token')) });
    assert.equal(response.status, 401);
  });

  it('refuses with 400 a request missing a required field, with no participant, a participant of another type, another contact center, or not JSON', async () => {
    const count = fake.voiceCalls.length;
    const { from: _from, ...noFrom } = inbound('bad-1');
    for (const body of [
      noFrom,
      { ...inbound('bad-2'), participants: [] },
      { ...inbound('bad-3'), participants: [{ participantKey: 'x', type: 'SUPERVISOR' }] },
      { ...inbound('bad-4'), callCenterApiName: 'Other_Center' },
      { ...inbound('bad-5'), initiationMethod: 'Sideways' },
    ]) {
      const { status, body: answer } = await create(body);
      assert.equal(status, 400, JSON.stringify(body));
      assert.ok(answer.message);
    }
    assert.equal((await create(inbound('bad-6'), undefined, 'text/plain')).status, 400);
    assert.equal(fake.voiceCalls.length, count);
  });

  it('a transfer needs parentVoiceCallId naming a VoiceCall (by id or vendor call key)', async () => {
    const parent = (await create(inbound('parent-1'))).body.voiceCallId!;
    const transfer = { ...inbound('child-1'), initiationMethod: 'Transfer' };
    assert.equal((await create(transfer)).status, 400, 'no parent');
    assert.equal((await create({ ...transfer, parentVoiceCallId: '0LQ000000000000AAA' })).status, 400, 'an unknown parent');
    assert.equal((await create({ ...transfer, parentVoiceCallId: parent })).status, 200);
    assert.equal((await create({ ...transfer, vendorCallKey: 'child-2', parentVoiceCallId: 'parent-1' })).status, 200, 'by vendor call key');
  });

  it('a repeated Inbound vendor call key answers the existing VoiceCall\'s id and creates no second one', async () => {
    const first = (await create(inbound('repeat-1'))).body.voiceCallId;
    const count = fake.voiceCalls.length;
    assert.equal((await create(inbound('repeat-1'))).body.voiceCallId, first);
    assert.equal(fake.voiceCalls.length, count);
  });

  it('plays its faults: refuse (500), limit (429 with Salesforce\'s concurrent-call message), hang (no answer)', async () => {
    fake.setFault('refuse');
    assert.equal((await create(inbound('fault-1'))).status, 500);
    fake.setFault('limit');
    const limited = await create(inbound('fault-2'));
    assert.deepEqual([limited.status, limited.body.message], [429, CONCURRENT_CALL_LIMIT_MESSAGE]);
    fake.setFault('hang');
    await assert.rejects(
      fetch(`${fake.baseUrl}/voiceCalls`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${await token()}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(inbound('fault-3')),
        signal: AbortSignal.timeout(300),
      }),
      /TimeoutError|aborted/,
    );
    const control = await fetch(`http://127.0.0.1:${fake.port}/__fake-telephony/fault`, { method: 'POST', body: JSON.stringify({ mode: 'none' }) });
    assert.equal(control.status, 200);
    assert.equal((await create(inbound('fault-4'))).status, 200, 'back to normal through the control API');
  });
});
