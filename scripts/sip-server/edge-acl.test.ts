// Who may send what at the SIP edge: the trunk list (permissions module's address file), the
// X-CP-* headers only trunks may set, and the flood cut-off for other sources (node --test).
// Linux routes all of 127/8 to loopback, so SIPp and the UDP peers send from 127.0.0.2,
// 127.0.0.3... without any setup.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DEFAULT_FLOOD, DEFAULT_TRUNKS, startKamailio, type RunningKamailio } from './kamailio.ts';
import { runSipp } from './sipp.ts';
import { edgePorts, logMark, logSince, registeredAgent, udpPeer } from './test-support/edge.ts';
import { plainSdp } from './test-support/sdp.ts';
import type { SipPeer } from './test-support/sip-peer.ts';

const TRUNK = '127.0.0.3';
const UNLISTED = '127.0.0.2';
const FLOODER = '127.0.0.9';
const CONTRACT = ['X-CP-Interaction-Id: int-acl-1', 'X-CP-Queue: Billing', 'X-CP-Location: +1 800 555 0100', 'X-CP-Ad-Source: Radio', 'X-CP-Kind: voice'];

describe('the trunk list, the platform headers and the flood cut-off', () => {
  let edge: RunningKamailio;
  const peers: SipPeer[] = [];
  const keep = (peer: SipPeer): SipPeer => {
    peers.push(peer);
    return peer;
  };
  before(async () => {
    edge = await startKamailio({ ...(await edgePorts()), name: 'acl-test', trunks: [TRUNK] });
  });
  after(async () => {
    for (const peer of peers) peer.close();
    await edge?.stop();
  });

  it('an INVITE from an unlisted address (SIPp from 127.0.0.2) gets 403 and a log line naming the source; the agent never sees it', async () => {
    const agent = keep(await registeredAgent(edge, 'acl-agent1'));
    const mark = logMark(edge.logFile);
    const result = await runSipp({ scenario: 'plain-call', proxyPort: edge.udpPort, to: 'acl-agent1', localIp: UNLISTED, headers: CONTRACT });
    assert.equal(result.statusCodes.at(-1), 403, result.log);
    assert.match(logSince(edge.logFile, mark), /refused INVITE from 127\.0\.0\.2:\d+ over udp \(From <sip:anonymous@127\.0\.0\.2:\d+>\): not a listed trunk/);
    await assert.rejects(agent.nextRequestOf('INVITE', 300), /no matching request/);
  });

  it('an INVITE from a listed trunk (SIPp from 127.0.0.3) reaches the agent with its X-CP-* headers', async () => {
    const agent = keep(await registeredAgent(edge, 'acl-agent2'));
    const sipp = runSipp({ scenario: 'plain-call', proxyPort: edge.udpPort, to: 'acl-agent2', localIp: TRUNK, headers: CONTRACT });
    const invite = await agent.nextRequestOf('INVITE', 10_000);
    invite.reply(486, 'Busy Here');
    assert.equal((await sipp).statusCodes.at(-1), 486);
    for (const line of CONTRACT) {
      const [name, value] = line.split(': ');
      assert.equal(invite.message.header(name!), value, name);
    }
  });

  it('a REGISTER over UDP is taken from a listed trunk (a desk phone there) and refused from anywhere else', async () => {
    assert.equal((await keep(await udpPeer(edge, 'desk-1', TRUNK)).register()).final.status, 200);
    const { final } = await keep(await udpPeer(edge, 'desk-2', UNLISTED)).register();
    assert.equal(final.status, 403);
  });

  it('a flood of INVITEs from an unknown address is cut off after the limit (no answer at all), with one log line; a trunk and other sources are not affected', async () => {
    assert.deepEqual(DEFAULT_FLOOD, { limit: 50, windowSeconds: 10, banSeconds: 60 });
    // Start just after a window boundary so the whole burst falls in one window.
    await new Promise((done) => setTimeout(done, 1000 - (Date.now() % 1000) + 20));
    if (Math.floor(Date.now() / 1000) % DEFAULT_FLOOD.windowSeconds === DEFAULT_FLOOD.windowSeconds - 1) await new Promise((done) => setTimeout(done, 1000));
    const flooder = keep(await udpPeer(edge, 'flooder', FLOODER));
    const mark = logMark(edge.logFile);
    const burst = DEFAULT_FLOOD.limit + 20;
    const answers = await Promise.all(
      Array.from({ length: burst }, () => flooder.invite('acl-agent1', { sdp: plainSdp({ ip: FLOODER }), timeoutMs: 1500 }).then((outcome) => outcome.final.status, () => 'no answer' as const)),
    );
    assert.equal(answers.filter((answer) => answer === 403).length, DEFAULT_FLOOD.limit, answers.join(' '));
    assert.equal(answers.filter((answer) => answer === 'no answer').length, burst - DEFAULT_FLOOD.limit);
    const log = logSince(edge.logFile, mark);
    assert.match(log, /flood from 127\.0\.0\.9: more than 50 out-of-dialog requests in 10 s \(the last: INVITE over udp\); ignoring it for 60 s/);
    assert.ok(log.match(/flood from 127\.0\.0\.9/g)!.length <= 2, 'logged once (twice at most: both workers may see the limit crossed)');

    await assert.rejects(flooder.request('REGISTER', 'sip:127.0.0.1', { to: 'sip:flooder@127.0.0.1', timeoutMs: 1000 }), /no final response/, 'ignored, REGISTER included');
    const other = await keep(await udpPeer(edge, 'other', '127.0.0.10')).invite('acl-agent1', { sdp: plainSdp({ ip: '127.0.0.10' }) });
    assert.equal(other.final.status, 403, 'another unlisted source is still answered');
    const trunk = await keep(await udpPeer(edge, 'carrier', TRUNK)).invite('nobody-acl', { sdp: plainSdp() });
    assert.equal(trunk.final.status, 404, 'the trunk is still served');
  });
});

describe('the trunk list when none is given', () => {
  let edge: RunningKamailio;
  before(async () => {
    edge = await startKamailio({ ...(await edgePorts()), name: 'acl-default-test' });
  });
  after(async () => {
    await edge?.stop();
  });

  it('is 127.0.0.1 alone: SIPp from 127.0.0.1 is served (as the browser tests need), from 127.0.0.2 refused', async () => {
    assert.deepEqual(DEFAULT_TRUNKS, ['127.0.0.1']);
    assert.deepEqual(edge.trunks, ['127.0.0.1']);
    const local = await runSipp({ scenario: 'webrtc-invite-reject', proxyPort: edge.udpPort, to: 'nobody-default' });
    assert.equal(local.statusCodes.at(-1), 404, local.log);
    const other = await runSipp({ scenario: 'webrtc-invite-reject', proxyPort: edge.udpPort, to: 'nobody-default', localIp: UNLISTED });
    assert.equal(other.statusCodes.at(-1), 403, other.log);
  });
});

describe('startKamailio refuses edge options it cannot honour, saying which', () => {
  const ports = { wsPort: 8080, udpPort: 5060, name: 'never-started' };
  it('trunks that are not IP addresses', async () => {
    await assert.rejects(startKamailio({ ...ports, trunks: ['trunk.example.com'] }), /trunk "trunk\.example\.com" is not an IP address/);
    await assert.rejects(startKamailio({ ...ports, trunks: ['10.0.0.0/33'] }), /trunk "10\.0\.0\.0\/33"/);
  });
  it('a flood limit that is not a whole positive number', async () => {
    await assert.rejects(startKamailio({ ...ports, flood: { limit: 0, windowSeconds: 10, banSeconds: 60 } }), /flood\.limit/);
  });
  it('a secret too short or with characters Kamailio\'s config would quote, and platform users that are not SIP users', async () => {
    await assert.rejects(startKamailio({ ...ports, auth: { secret: 'short' } }), /auth\.secret/);
    await assert.rejects(startKamailio({ ...ports, auth: { secret: 'a"b'.repeat(10) } }), /auth\.secret/);
    await assert.rejects(startKamailio({ ...ports, auth: { secret: 'x'.repeat(32), platformUsers: ['cust*mer'] } }), /platformUsers/);
  });
});
