/**
 * The voice call service against the fake Telephony Integration API (scripts/fake-telephony):
 * the token it signs (checked with the contact center's public key, as Salesforce checks it),
 * the Create VoiceCall request it sends for an incoming call and for a transfer leg, and what it
 * answers the SIP edge and logs when Salesforce refuses, is over its limits, does not answer or
 * cannot be reached.
 */
import assert from 'node:assert/strict';
import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import { decodeProtectedHeader, jwtVerify } from 'jose';
import { freeTcpPort } from '../sip-server/free-port.ts';
import { startFakeTelephony, type RunningFakeTelephony } from '../fake-telephony/fake-telephony-server.ts';
import { readServiceConfig } from './service-config.ts';
import { readPrivateKey, signTelephonyToken, TELEPHONY_API_AUDIENCE } from './telephony-token.ts';
import { askService, contactCenterKeys, keptLog, testServiceConfig, TEST_CONTACT_CENTER, TEST_ORG_ID } from './test-support.ts';
import { startVoiceCallService, type RunningVoiceCallService } from './voice-call-service.ts';

const keys = contactCenterKeys();
const CALLER = '+14155550123';

describe('the token: a JWT Salesforce verifies with the contact center\'s certificate', () => {
  it('is RS256 with iss = org id, sub = contact center API name, aud = https://scrt.salesforce.com, exp within 3 minutes and a jti of its own', async () => {
    const issuer = { orgId: TEST_ORG_ID, contactCenterApiName: TEST_CONTACT_CENTER, privateKey: keys.privateKey };
    const token = await signTelephonyToken(issuer);
    assert.equal(decodeProtectedHeader(token).alg, 'RS256');
    const { payload } = await jwtVerify(token, createPublicKey(keys.publicKeyPem), {
      algorithms: ['RS256'],
      issuer: TEST_ORG_ID,
      subject: TEST_CONTACT_CENTER,
      audience: TELEPHONY_API_AUDIENCE,
    });
    assert.ok(payload.exp !== undefined && payload.iat !== undefined);
    assert.ok(payload.exp - Math.floor(Date.now() / 1000) <= 180, 'expires within 3 minutes');
    assert.ok(payload.exp > payload.iat);
    const other = await signTelephonyToken(issuer);
    const { payload: second } = await jwtVerify(other, createPublicKey(keys.publicKeyPem), { audience: TELEPHONY_API_AUDIENCE });
    assert.match(String(payload.jti), /^[0-9a-f-]{36}$/);
    assert.notEqual(second.jti, payload.jti, 'a new jti for each token');
  });

  it('refuses a key that is not RSA or is shorter than 2048 bits, and text that is not a key', async () => {
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const short = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    assert.throws(() => readPrivateKey(ec), /must be RSA/);
    assert.throws(() => readPrivateKey(short), /1024 bits; use 2048 or 4096/);
    assert.throws(() => readPrivateKey('-----BEGIN CERTIFICATE-----\nnope\n-----END CERTIFICATE-----'), /not a PEM private key/);
    assert.equal(readPrivateKey(keys.privateKeyPem).asymmetricKeyDetails?.modulusLength, 2048, 'a PKCS#1 key (openssl genrsa) is read');
  });
});

describe('the voice call service and the Telephony Integration API', () => {
  let fake: RunningFakeTelephony;
  let service: RunningVoiceCallService;
  const { lines, log } = keptLog();

  before(async () => {
    fake = await startFakeTelephony({ orgId: TEST_ORG_ID, contactCenterApiName: TEST_CONTACT_CENTER, publicKeyPem: keys.publicKeyPem });
    service = await startVoiceCallService(testServiceConfig(fake.baseUrl, keys.privateKey, 500), log);
  });
  after(async () => {
    await service?.stop();
    await fake?.stop();
  });
  beforeEach(() => {
    fake.setFault('none');
    lines.length = 0;
  });

  it('an incoming call: one Create VoiceCall request with the documented fields, and the id back to the edge', async () => {
    const before = Date.now();
    const { status, text } = await askService(service.url, { call_id: 'inbound-1@trunk', from: CALLER, to: '+14155550100' });
    assert.equal(status, 200);
    assert.match(text, /^VOICE_CALL_CREATED 0LQ[A-Za-z0-9]{15}$/);
    assert.equal(fake.voiceCalls.length, 1);
    const [created] = fake.voiceCalls;
    assert.equal(`VOICE_CALL_CREATED ${created?.voiceCallId}`, text);
    const { startTime, ...rest } = created!.request as { startTime: string };
    assert.deepEqual(rest, {
      callCenterApiName: TEST_CONTACT_CENTER,
      vendorCallKey: 'inbound-1@trunk',
      to: '+14155550100',
      from: CALLER,
      initiationMethod: 'Inbound',
      participants: [{ participantKey: CALLER, type: 'END_USER' }],
    });
    assert.ok(Date.parse(startTime) >= before - 1000 && Date.parse(startTime) <= Date.now(), 'startTime is now, ISO 8601');
    assert.equal(created?.providerName, 'ContactPad', 'Telephony-Provider-Name');
    assert.deepEqual(lines.map((line) => [line.code, line.kind, line.callId, line.voiceCallId]), [['VOICE_CALL_CREATED', 'inbound', 'inbound-1@trunk', created?.voiceCallId]]);
  });

  it('reads "+" in a field as the plus of a phone number, as Kamailio\'s {s.escape.param} leaves it', async () => {
    const response = await fetch(`${service.url}/voice-calls`, { method: 'POST', body: `call_id=plus%40trunk&from=${CALLER}&to=%2B14155550100` });
    assert.equal(response.status, 200);
    assert.deepEqual([fake.voiceCalls.at(-1)?.request.from, fake.voiceCalls.at(-1)?.request.to], [CALLER, '+14155550100']);
  });

  it('a call to a queue or an agent\'s SIP user (not a number) names the contact center\'s number as "to"', async () => {
    await askService(service.url, { call_id: 'to-queue@trunk', from: CALLER, to: 'queue-sales' });
    assert.equal(fake.voiceCalls.at(-1)?.request.to, '+14155550000');
  });

  it('a transfer leg: initiationMethod Transfer with the parent VoiceCall, and a new id', async () => {
    const parent = (await askService(service.url, { call_id: 'first-leg@trunk', from: CALLER, to: '+14155550100' })).text.split(' ')[1]!;
    const { status, text } = await askService(service.url, { call_id: 'second-leg@agent', from: CALLER, to: 'agent2', parent });
    assert.equal(status, 200);
    const id = text.split(' ')[1];
    assert.notEqual(id, parent);
    const leg = fake.voiceCalls.find((call) => call.voiceCallId === id);
    assert.deepEqual([leg?.request.initiationMethod, leg?.request.parentVoiceCallId, leg?.request.vendorCallKey], ['Transfer', parent, 'second-leg@agent']);
    assert.equal(lines.at(-1)?.kind, 'transfer');
  });

  for (const [fault, code] of [
    ['refuse', 'VOICE_CALL_TELEPHONY_API_FAILED'],
    ['limit', 'VOICE_CALL_LIMIT_EXCEEDED'],
    ['hang', 'VOICE_CALL_TIMEOUT'],
  ] as const) {
    it(`Salesforce ${fault === 'hang' ? 'not answering' : fault === 'limit' ? 'over its limits (429)' : 'failing (500)'}: the edge is told ${code} (no id), and the log names the call`, async () => {
      fake.setFault(fault);
      const { status, text } = await askService(service.url, { call_id: `${fault}@trunk`, from: CALLER, to: '+14155550100' });
      assert.deepEqual([status, text], [200, code]);
      assert.deepEqual(lines.map((line) => [line.code, line.callId]), [[code, `${fault}@trunk`]]);
      if (fault === 'limit') assert.match(lines[0]?.detail ?? '', /maximum number of concurrent calls/);
    });
  }

  it('a token Salesforce refuses (another key pair): VOICE_CALL_UNAUTHORIZED, and the token is not in the log', async () => {
    const stranger = contactCenterKeys();
    const wrong = await startVoiceCallService(testServiceConfig(fake.baseUrl, stranger.privateKey), log);
    try {
      const { status, text } = await askService(wrong.url, { call_id: 'wrong-key@trunk', from: CALLER, to: '+14155550100' });
      assert.deepEqual([status, text], [200, 'VOICE_CALL_UNAUTHORIZED']);
      assert.equal(lines.at(-1)?.status, 401);
      assert.doesNotMatch(JSON.stringify(lines), /eyJ/, 'no JWT in the log');
    } finally {
      await wrong.stop();
    }
  });

  it('Salesforce unreachable: VOICE_CALL_UNREACHABLE', async () => {
    const closed = await freeTcpPort();
    const lost = await startVoiceCallService(testServiceConfig(`http://127.0.0.1:${closed}/telephony/v1`, keys.privateKey), log);
    try {
      const { status, text } = await askService(lost.url, { call_id: 'unreachable@trunk', from: CALLER, to: '+14155550100' });
      assert.deepEqual([status, text], [200, 'VOICE_CALL_UNREACHABLE']);
    } finally {
      await lost.stop();
    }
  });

  it('an edge request without a Call-ID, with a caller that is no SIP user, or a parent that is no record id: 400, and nothing is sent to Salesforce', async () => {
    const count = fake.voiceCalls.length;
    const requests: Record<string, string>[] = [
      { from: CALLER, to: '+14155550100' },
      { call_id: 'x@y', from: 'caller<script>', to: '+14155550100' },
      { call_id: 'x@y', from: CALLER, to: '+14155550100', parent: "0LQ' OR 1=1" },
    ];
    for (const fields of requests) {
      assert.deepEqual(await askService(service.url, fields), { status: 400, text: 'VOICE_CALL_BAD_REQUEST' });
    }
    assert.equal(fake.voiceCalls.length, count);
    assert.deepEqual(lines.map((line) => line.code), ['VOICE_CALL_BAD_REQUEST', 'VOICE_CALL_BAD_REQUEST', 'VOICE_CALL_BAD_REQUEST']);
  });
});

describe('the service\'s settings', () => {
  const dir = mkdtempSync(join(tmpdir(), 'voice-call-config-'));
  const keyFile = join(dir, 'contact-center.key');
  writeFileSync(keyFile, keys.privateKeyPem, { mode: 0o600 });
  after(() => rmSync(dir, { recursive: true, force: true }));
  const good = {
    CP_TELEPHONY_API_URL: 'https://acme.my.salesforce-scrt.com/telephony/v1',
    CP_SALESFORCE_ORG_ID: TEST_ORG_ID,
    CP_CONTACT_CENTER_API_NAME: TEST_CONTACT_CENTER,
    CP_CONTACT_CENTER_PRIVATE_KEY_FILE: keyFile,
  };

  it('reads a complete environment, with 127.0.0.1:5081, a 2 s timeout and the provider name ContactPad by default', () => {
    const config = readServiceConfig(good);
    assert.deepEqual([config.listenHost, config.listenPort, config.api.timeoutMs, config.api.providerName], ['127.0.0.1', 5081, 2000, 'ContactPad']);
    assert.equal(config.api.issuer.contactCenterApiName, TEST_CONTACT_CENTER);
  });

  it('refuses to start without a setting, with an http:// Salesforce, a malformed org id or an unreadable key', () => {
    assert.throws(() => readServiceConfig({ ...good, CP_CONTACT_CENTER_API_NAME: '' }), /CP_CONTACT_CENTER_API_NAME is not set/);
    assert.throws(() => readServiceConfig({ ...good, CP_TELEPHONY_API_URL: 'http://acme.my.salesforce-scrt.com/telephony/v1' }), /must be https/);
    assert.throws(() => readServiceConfig({ ...good, CP_SALESFORCE_ORG_ID: '005000000000001' }), /not an org id/);
    assert.throws(() => readServiceConfig({ ...good, CP_CONTACT_CENTER_PRIVATE_KEY_FILE: join(dir, 'missing.key') }), /cannot be read/);
    assert.throws(() => readServiceConfig({ ...good, CP_TELEPHONY_TIMEOUT_MS: '60000' }), /100 to 10000/);
  });
});
