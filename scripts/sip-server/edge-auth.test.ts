// Authentication at the SIP edge with time-limited credentials (Kamailio's auth_ephemeral,
// signed by sip-credential.ts), against the real Kamailio (node --test). The clients are SIP
// peers on the WebSocket a browser uses (test-support/sip-peer.ts). docs/sip-edge.md lists the
// status codes and reason phrases checked here for the client side.
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { startKamailio, type RunningKamailio } from './kamailio.ts';
import { newEdgeSecret, signSipCredential } from './sip-credential.ts';
import { edgePorts, logMark, logSince, registeredAgent, udpPeer } from './test-support/edge.ts';
import { plainSdp, webrtcSdp } from './test-support/sdp.ts';
import { SipPeer } from './test-support/sip-peer.ts';

const TRUNK = '127.0.0.3';
const HOUR = 3_600_000;

describe('authentication of WebSocket clients with time-limited credentials (auth on)', () => {
  let edge: RunningKamailio;
  const secret = newEdgeSecret();
  const peers: SipPeer[] = [];
  const keep = (peer: SipPeer): SipPeer => {
    peers.push(peer);
    return peer;
  };
  const credentialFor = (user: string, expiresAt = Date.now() + HOUR) => signSipCredential(secret, user, expiresAt);
  const webSocketClient = async (user: string) => keep(await SipPeer.overWebSocket(edge.wsUrl, { user }));

  before(async () => {
    edge = await startKamailio({ ...(await edgePorts()), name: 'auth-test', trunks: [TRUNK], auth: { secret, platformUsers: ['customer-*', '+1555*'] } });
  });
  after(async () => {
    for (const peer of peers) peer.close();
    await edge?.stop();
  });

  it('a REGISTER without a credential gets 401 Unauthorized with a digest challenge (qop=auth)', async () => {
    assert.equal(edge.authenticated, true);
    const { final } = await (await webSocketClient('auth-agent1')).register();
    assert.equal(final.status, 401);
    assert.equal(final.reason, 'Unauthorized');
    assert.match(final.header('WWW-Authenticate') ?? '', /^Digest realm="127\.0\.0\.1", nonce="[^"]+", qop="auth"$/);
  });

  it('the agent\'s own credential registers it (200), and a trunk\'s call then reaches it', async () => {
    const agent = keep(await registeredAgent(edge, 'auth-agent2', credentialFor('auth-agent2')));
    const trunk = keep(await udpPeer(edge, 'carrier', TRUNK));
    const call = trunk.invite('auth-agent2', { sdp: plainSdp() });
    const invite = await agent.nextRequestOf('INVITE');
    invite.reply(486, 'Busy Here');
    assert.equal((await call).final.status, 486);
  });

  it('an expired credential gets 401 "Credential Expired" with a fresh challenge and a Warning, and a log line', async () => {
    const mark = logMark(edge.logFile);
    const stale = credentialFor('auth-agent3', Date.now() - 5000);
    const { final } = await (await webSocketClient('auth-agent3')).register({ credential: stale });
    assert.equal(final.status, 401);
    assert.equal(final.reason, 'Credential Expired');
    assert.match(final.header('WWW-Authenticate') ?? '', /^Digest realm="127\.0\.0\.1", nonce="[^"]+", qop="auth"$/);
    assert.equal(final.header('Warning'), '399 127.0.0.1 "the credential has expired"');
    assert.match(logSince(edge.logFile, mark), new RegExp(`REGISTER from 127\\.0\\.0\\.1:\\d+: expired credential <${stale.username}>`));
  });

  it('registering as another agent with one\'s own good credential gets 403 "Credential For Another User" and a log line naming both', async () => {
    const mark = logMark(edge.logFile);
    const mine = credentialFor('auth-agent4');
    const { final } = await (await webSocketClient('auth-agent5')).register({ credential: mine });
    assert.equal(final.status, 403);
    assert.equal(final.reason, 'Credential For Another User');
    assert.equal(final.header('WWW-Authenticate'), undefined, 'no challenge: no credential of auth-agent4 will do');
    assert.match(logSince(edge.logFile, mark), new RegExp(`refused REGISTER from 127\\.0\\.0\\.1:\\d+: credential <${mine.username}> used for user <auth-agent5>`));
  });

  it('a forged password, a credential signed with another secret and a username without an expiry each get 401 "Invalid Credential"', async () => {
    const agent = await webSocketClient('auth-agent6');
    const good = credentialFor('auth-agent6');
    const forged = { username: good.username, password: Buffer.from('not the HMAC of it at all').toString('base64') };
    const otherSecret = signSipCredential(newEdgeSecret(), 'auth-agent6', Date.now() + HOUR);
    const noExpiry = { username: 'auth-agent6', password: good.password };
    const laterExpiry = { username: `${Math.floor((Date.now() + 2 * HOUR) / 1000)}:auth-agent6`, password: good.password };
    for (const credential of [forged, otherSecret, noExpiry, laterExpiry]) {
      const { final } = await agent.register({ credential });
      assert.equal(final.status, 401, `${credential.username}: ${final.startLine}`);
      assert.equal(final.reason, 'Invalid Credential');
      assert.equal(final.header('Warning'), '399 127.0.0.1 "the credential is not valid"');
      assert.ok(final.header('WWW-Authenticate'));
    }
    assert.equal((await agent.register({ credential: good })).final.status, 200, 'the genuine one still works');
  });

  it('Kamailio\'s clock decides expiry, to the second, with no grace: a credential works until its second has passed', async () => {
    const agent = await webSocketClient('auth-agent7');
    const credential = credentialFor('auth-agent7', Date.now() + 1000);
    assert.equal((await agent.register({ credential })).final.status, 200);
    await new Promise((done) => setTimeout(done, Math.max(0, credential.expiresAt + 1100 - Date.now())));
    const { final } = await agent.register({ credential });
    assert.equal(final.status, 401);
    assert.equal(final.reason, 'Credential Expired');
  });

  it('an INVITE from a WebSocket client without a credential gets 407 with a Proxy-Authenticate challenge', async () => {
    const caller = await webSocketClient('auth-agent8');
    const { final } = await caller.invite('auth-agent2', { sdp: webrtcSdp() });
    assert.equal(final.status, 407);
    assert.equal(final.reason, 'Proxy Authentication Required');
    assert.match(final.header('Proxy-Authenticate') ?? '', /^Digest realm="127\.0\.0\.1", nonce="[^"]+", qop="auth"$/);
  });

  it('an authenticated agent\'s INVITE reaches the callee without its credential and without X-CP-* headers', async () => {
    const callee = keep(await registeredAgent(edge, 'auth-agent9', credentialFor('auth-agent9')));
    const caller = await webSocketClient('auth-agent10');
    const mark = logMark(edge.logFile);
    const call = caller.invite('auth-agent9', { sdp: webrtcSdp(), credential: credentialFor('auth-agent10'), headers: ['X-CP-Queue: VIP', 'x-cp-interaction-id: forged-1', 'X-CP-Kind: callback'] });
    const invite = await callee.nextRequestOf('INVITE');
    invite.reply(603, 'Decline');
    assert.equal((await call).final.status, 603);
    assert.equal(invite.message.header('Proxy-Authorization'), undefined, 'the credential stays at the edge');
    assert.deepEqual(invite.message.headers.filter(([name]) => /^x-cp-/i.test(name)), [], 'no X-CP-* header reaches the agent');
    assert.match(logSince(edge.logFile, mark), /removed X-CP-\* headers from INVITE from 127\.0\.0\.1:\d+ over ws \(not a trunk\)/);
  });

  it('a WebSocket client connecting from a trunk\'s address is no trunk: challenged like any other, its X-CP-* headers removed', async () => {
    const callee = keep(await registeredAgent(edge, 'auth-agent13', credentialFor('auth-agent13')));
    const caller = keep(await SipPeer.overWebSocket(edge.wsUrl, { user: 'auth-agent14', localAddress: TRUNK }));
    assert.equal((await caller.invite('auth-agent13', { sdp: webrtcSdp() })).final.status, 407);
    const call = caller.invite('auth-agent13', { sdp: webrtcSdp(), credential: credentialFor('auth-agent14'), headers: ['X-CP-Queue: VIP'] });
    const invite = await callee.nextRequestOf('INVITE');
    invite.reply(486, 'Busy Here');
    await call;
    assert.match(invite.message.headerAll('Via')[1] ?? '', /^SIP\/2\.0\/WS .*;received=127\.0\.0\.3/, 'sent from the trunk\'s address');
    assert.equal(invite.message.header('X-CP-Queue'), undefined);
  });

  it('a platform user (customer-*, authenticated) keeps its X-CP-* headers', async () => {
    const callee = keep(await registeredAgent(edge, 'auth-agent11', credentialFor('auth-agent11')));
    const customer = await webSocketClient('customer-42');
    const call = customer.invite('auth-agent11', { sdp: webrtcSdp(), credential: credentialFor('customer-42'), headers: ['X-CP-Queue: Support', 'X-CP-Interaction-Id: int-42'] });
    const invite = await callee.nextRequestOf('INVITE');
    invite.reply(486, 'Busy Here');
    await call;
    assert.equal(invite.message.header('X-CP-Queue'), 'Support');
    assert.equal(invite.message.header('X-CP-Interaction-Id'), 'int-42');
  });

  it('a platform user sends calls on behalf of callers (From is the caller\'s number) with its X-CP-* headers, but cannot register as an agent', async () => {
    const callee = keep(await registeredAgent(edge, 'auth-agent16', credentialFor('auth-agent16')));
    const platform = await webSocketClient('customer-43');
    const call = platform.request('INVITE', 'sip:auth-agent16@127.0.0.1', {
      sdp: webrtcSdp(),
      fromUser: '+14155550100',
      credential: credentialFor('customer-43'),
      headers: ['X-CP-Queue: Billing'],
    });
    const invite = await callee.nextRequestOf('INVITE');
    invite.reply(486, 'Busy Here');
    assert.equal((await call).final.status, 486);
    assert.match(invite.message.header('From') ?? '', /sip:\+14155550100@/);
    assert.equal(invite.message.header('X-CP-Queue'), 'Billing');

    const hijack = await (await webSocketClient('auth-agent16')).register({ credential: credentialFor('customer-43') });
    assert.equal(hijack.final.status, 403, 'the platform\'s credential registers no agent');
  });

  it('a platform user given as an E.164 prefix (+1555*) keeps its X-CP-* headers; +2555... does not', async () => {
    const callee = keep(await registeredAgent(edge, 'auth-agent15', credentialFor('auth-agent15')));
    // sip-credential.ts signs agents' users only (no '+'): the same HMAC, computed here.
    const e164Credential = (user: string) => {
      const username = `${Math.floor((Date.now() + HOUR) / 1000)}:${user}`;
      return { username, password: createHmac('sha1', secret).update(username).digest('base64') };
    };
    for (const [user, kept] of [['+15550100', 'Support'], ['+25550100', undefined]] as const) {
      const caller = await webSocketClient(user);
      const call = caller.invite('auth-agent15', { sdp: webrtcSdp(), credential: e164Credential(user), headers: ['X-CP-Queue: Support'] });
      const invite = await callee.nextRequestOf('INVITE');
      invite.reply(486, 'Busy Here');
      assert.equal((await call).final.status, 486);
      assert.equal(invite.message.header('X-CP-Queue'), kept, user);
    }
  });

  it('calling as another agent (From another user) with one\'s own credential gets 403 "Credential For Another User"', async () => {
    const caller = await webSocketClient('auth-agent12');
    const { final } = await caller.request('INVITE', 'sip:auth-agent2@127.0.0.1', { sdp: webrtcSdp(), fromUser: 'auth-agent2', credential: credentialFor('auth-agent12') });
    assert.equal(final.status, 403);
    assert.equal(final.reason, 'Credential For Another User');
  });

  it('keeps the test users: refused-* get 403 Forbidden without a challenge, silent-* get no answer', async () => {
    const refused = await (await webSocketClient('refused-agent')).register();
    assert.equal(refused.final.status, 403);
    assert.equal(refused.final.reason, 'Forbidden');
    const silent = await webSocketClient('silent-agent');
    await assert.rejects(silent.request('REGISTER', 'sip:127.0.0.1', { to: 'sip:silent-agent@127.0.0.1', timeoutMs: 1500 }), /no final response within 1500 ms/);
  });
});

describe('without authentication (the launcher\'s default when no secret is given; never exposed)', () => {
  let edge: RunningKamailio;
  const peers: SipPeer[] = [];
  before(async () => {
    edge = await startKamailio({ ...(await edgePorts()), name: 'auth-off-test' });
  });
  after(async () => {
    for (const peer of peers) peer.close();
    await edge?.stop();
  });

  it('a REGISTER and an INVITE need no credential, and a WebSocket caller\'s X-CP-* headers reach the agent', async () => {
    assert.equal(edge.authenticated, false);
    const callee = await registeredAgent(edge, 'open-agent1');
    const caller = await registeredAgent(edge, 'open-customer');
    peers.push(callee, caller);
    const call = caller.invite('open-agent1', { sdp: webrtcSdp(), headers: ['X-CP-Queue: Support'] });
    const invite = await callee.nextRequestOf('INVITE');
    invite.reply(486, 'Busy Here');
    assert.equal((await call).final.status, 486);
    assert.equal(invite.message.header('X-CP-Queue'), 'Support');
  });
});
