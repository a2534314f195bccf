// Call back through another of the agent's devices at the SIP edge (route[RING_DEVICE]): an
// INVITE to the agent's own address naming one registered Contact in X-ContactPad-Ring-Device
// rings that device alone, without the header; another user's address, or a Contact that is not
// registered, is refused. Against the real Kamailio with authentication on (node --test); the
// agent's browser is a SIP client over WebSocket, its desk phones SIP clients over UDP from a
// listed trunk address (as a desk phone registers there).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startKamailio, type RunningKamailio } from './kamailio.ts';
import { newEdgeSecret, signSipCredential } from './sip-credential.ts';
import { edgePorts, logMark, logSince, registeredAgent, udpPeer } from './test-support/edge.ts';
import { plainSdp } from './test-support/sdp.ts';
import type { SipPeer } from './test-support/sip-peer.ts';

const DESK = '127.0.0.1';
const HOUR = 3_600_000;

describe('the SIP edge rings the one device a callback names', () => {
  let edge: RunningKamailio;
  const secret = newEdgeSecret();
  const peers: SipPeer[] = [];
  const keep = (peer: SipPeer): SipPeer => {
    peers.push(peer);
    return peer;
  };
  const credentialFor = (user: string) => signSipCredential(secret, user, Date.now() + HOUR);

  before(async () => {
    edge = await startKamailio({ ...(await edgePorts()), name: 'ring-device-test', trunks: [DESK], auth: { secret } });
  });
  after(async () => {
    for (const peer of peers) peer.close();
    await edge?.stop();
  });

  /** A desk phone of `user` registered over UDP; its Contact as the registrar's 200 OK lists it (the one not listed before). */
  async function deskPhone(user: string): Promise<{ phone: SipPeer; contact: string }> {
    const phone = keep(await udpPeer(edge, user, DESK));
    const { final } = await phone.register();
    assert.equal(final.status, 200);
    const listed = final.headerAll('Contact').flatMap((value) => value.split(/,(?=\s*<)/)).map((value) => /<([^>]+)>/.exec(value)?.[1] ?? '');
    const contact = listed.find((uri) => !uri.includes('transport=ws') && !known.has(uri));
    assert.ok(contact, `the new Contact among ${listed.join(', ')}`);
    known.add(contact);
    return { phone, contact };
  }
  const known = new Set<string>();

  it('rings the named desk phone alone, without the header; the other devices of the agent do not ring', async () => {
    const browser = keep(await registeredAgent(edge, 'rd-agent1', credentialFor('rd-agent1')));
    const chosen = await deskPhone('rd-agent1');
    const other = await deskPhone('rd-agent1');
    const mark = logMark(edge.logFile);
    const calling = browser.invite('rd-agent1', { sdp: plainSdp(), credential: credentialFor('rd-agent1'), headers: [`X-ContactPad-Ring-Device: <${chosen.contact}>`] });
    const invite = await chosen.phone.nextRequestOf('INVITE', 10_000);
    assert.equal(invite.message.header('X-ContactPad-Ring-Device'), undefined, 'the header stays at the edge');
    invite.reply(486, 'Busy Here');
    assert.equal((await calling).final.status, 486);
    await assert.rejects(other.phone.nextRequestOf('INVITE', 300), /no matching request/);
    await assert.rejects(browser.nextRequestOf('INVITE', 300), /no matching request/);
    assert.match(logSince(edge.logFile, mark), /device callback for <sip:rd-agent1@[^>]+>: ringing <sip:rd-agent1@127\.0\.0\.1:\d+[^>]*> only/);
  });

  it('a Contact that is not registered for the agent (gone, or another user\'s) gets 404 Device Not Registered, and nothing rings', async () => {
    const browser = keep(await registeredAgent(edge, 'rd-agent2', credentialFor('rd-agent2')));
    const someoneElses = await deskPhone('rd-agent3');
    const { final } = await browser.invite('rd-agent2', { sdp: plainSdp(), credential: credentialFor('rd-agent2'), headers: [`X-ContactPad-Ring-Device: <${someoneElses.contact}>`] });
    assert.deepEqual([final.status, final.reason], [404, 'Device Not Registered']);
    await assert.rejects(someoneElses.phone.nextRequestOf('INVITE', 300), /no matching request/);
  });

  it('a callback to another user\'s address gets 403: an agent rings only their own devices', async () => {
    const browser = keep(await registeredAgent(edge, 'rd-agent4', credentialFor('rd-agent4')));
    const theirs = await deskPhone('rd-agent5');
    const { final } = await browser.invite('rd-agent5', { sdp: plainSdp(), credential: credentialFor('rd-agent4'), headers: [`X-ContactPad-Ring-Device: <${theirs.contact}>`] });
    assert.deepEqual([final.status, final.reason], [403, 'Not Your Device']);
    await assert.rejects(theirs.phone.nextRequestOf('INVITE', 300), /no matching request/);
  });
});
