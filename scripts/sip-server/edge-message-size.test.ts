// The largest message the SIP edge takes (node --test): a platform INVITE whose headers carry a
// caller's 20 KB name is refused with 513 Message Too Large and never rings the agent (an INVITE
// of 32 KB or more used to ring the agent with no way for the caller to CANCEL it); one of 12 KB
// still reaches the agent and is cancelled as usual.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startKamailio, type RunningKamailio } from './kamailio.ts';
import { edgePorts, logMark, logSince, peerKeeper, registeredAgent, udpPeer } from './test-support/edge.ts';
import { plainSdp } from './test-support/sdp.ts';

const TRUNK = '127.0.0.3';

describe('the largest message the SIP edge takes', () => {
  let edge: RunningKamailio;
  const peers = peerKeeper();
  before(async () => {
    edge = await startKamailio({ ...(await edgePorts()), name: 'size-test', trunks: [TRUNK] });
  });
  after(async () => {
    peers.closeAll();
    await edge?.stop();
  });

  it('refuses an INVITE of more than 16 KB from a trunk with 513 Message Too Large and a log line; the agent never sees it', async () => {
    const agent = peers.keep(await registeredAgent(edge, 'size-agent1'));
    const platform = peers.keep(await udpPeer(edge, 'platform', TRUNK));
    const mark = logMark(edge.logFile);
    const outcome = await platform.invite('size-agent1', { sdp: plainSdp(), headers: [`X-CP-Queue: ${'Q'.repeat(20 * 1024)}`] });
    assert.equal(outcome.final.status, 513, outcome.final.startLine);
    assert.match(logSince(edge.logFile, mark), /refused INVITE of \d{5} bytes from 127\.0\.0\.3:\d+ over udp: larger than the edge takes/);
    await assert.rejects(agent.nextRequestOf('INVITE', 300), /no matching request/);
  });

  it('takes an INVITE of 12 KB from a trunk: it reaches the agent with its header whole', async () => {
    const agent = peers.keep(await registeredAgent(edge, 'size-agent2'));
    const platform = peers.keep(await udpPeer(edge, 'platform', TRUNK));
    const queue = 'Q'.repeat(12 * 1024);
    const call = platform.invite('size-agent2', { sdp: plainSdp(), headers: [`X-CP-Queue: ${queue}`] });
    const invite = await agent.nextRequestOf('INVITE', 10_000);
    assert.equal(invite.message.header('X-CP-Queue'), queue);
    invite.reply(486, 'Busy Here');
    assert.equal((await call).final.status, 486);
  });
});
