// Queues (hunt groups) at the SIP edge (route[QUEUE]): an INVITE to a queue's address rings its
// registered members one at a time, in the listed order; a reject, no answer within the ring
// time, or a member who is not registered moves on to the next; the caller gets 480 when none
// takes the call, and a member's 603 ends the hunt. Against the real Kamailio and rtpengine with
// authentication on (node --test). The caller is the platform (a `customer-*` platform user, as
// the console's customer simulator, or a trunk over UDP); the agents are SIP clients on the
// WebSocket a browser uses.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startKamailio, type RunningKamailio } from './kamailio.ts';
import { parseQueuesList, queuesListText, shippedQueues } from './queues.ts';
import { newEdgeSecret, signSipCredential } from './sip-credential.ts';
import { edgePorts, logMark, logSince, peerKeeper, registeredAgent, udpPeer } from './test-support/edge.ts';
import { audioOf, plainSdp, webrtcSdp } from './test-support/sdp.ts';
import { SipPeer, type IncomingRequest } from './test-support/sip-peer.ts';

const HOUR = 3_600_000;
const TRUNK = '127.0.0.1';
/** What the platform says about the call (the SIP header contract), which every member must get as sent. */
const CONTRACT = ['X-CP-Interaction-Id: hunt-0001', 'X-CP-Kind: video', 'X-CP-Queue: Video Calls', 'X-CP-Location: Downtown store', 'X-CP-Ad-Source: Spring campaign'];

describe('queues at the SIP edge: serial hunting through the members', () => {
  let edge: RunningKamailio;
  const secret = newEdgeSecret();
  const { keep, closeAll } = peerKeeper();
  const credentialFor = (user: string) => signSipCredential(secret, user, Date.now() + HOUR);
  const agent = async (user: string) => keep(await registeredAgent(edge, user, credentialFor(user)));
  /** The platform's caller (a platform user: its X-CP-* headers are kept). */
  const platform = async () => keep(await SipPeer.overWebSocket(edge.wsUrl, { user: 'customer-hunt' }));
  const callQueue = (caller: SipPeer, queue: string, sdp = webrtcSdp()) => caller.invite(queue, { sdp, credential: credentialFor('customer-hunt'), headers: CONTRACT });
  /** The X-CP-* headers an INVITE carried, as lines. */
  const contractOf = (invite: IncomingRequest) => CONTRACT.map((line) => `${line.split(':')[0]}: ${invite.message.header(line.split(':')[0]!) ?? ''}`);
  const notRung = (member: SipPeer) => assert.rejects(member.nextRequestOf('INVITE', 300), /no matching request/, `${member.user} does not ring`);

  before(async () => {
    edge = await startKamailio({
      ...(await edgePorts()),
      name: 'queues-test',
      trunks: [TRUNK],
      auth: { secret, platformUsers: ['customer-*'] },
      queues: [
        { address: 'queue-reject', members: ['hq-ann', 'hq-ben'], ringSeconds: 20 },
        { address: 'queue-away', members: ['hq-cal', 'hq-dee', 'hq-eve'], ringSeconds: 1 },
        { address: 'queue-nobody', members: ['hq-fay', 'hq-gus'], ringSeconds: 20 },
        { address: 'queue-decline', members: ['hq-hal', 'hq-ivy'], ringSeconds: 20 },
        { address: 'queue-empty', members: ['hq-never1', 'hq-never2'], ringSeconds: 20 },
        { address: 'queue-trunk', members: ['hq-jo', 'hq-kim'], ringSeconds: 20 },
      ],
    });
  });
  after(async () => {
    closeAll();
    await edge?.stop();
  });

  it('rings the first member alone; when they reject (486) the next member rings with the same X-CP-* headers and answers', async (t) => {
    const [ann, ben] = [await agent('hq-ann'), await agent('hq-ben')];
    const mark = logMark(edge.logFile);
    const calling = callQueue(await platform(), 'queue-reject');
    const first = await ann.nextRequestOf('INVITE');
    assert.deepEqual(contractOf(first), CONTRACT);
    first.reply(180, 'Ringing');
    await notRung(ben);
    const rejected = performance.now();
    first.reply(486, 'Busy Here');

    const second = await ben.nextRequestOf('INVITE');
    t.diagnostic(`from the first member's 486 to the next member's INVITE: ${(performance.now() - rejected).toFixed(1)} ms`);
    assert.deepEqual(contractOf(second), CONTRACT, 'the next agent gets the platform headers unchanged');
    assert.equal(second.message.header('Call-ID'), first.message.header('Call-ID'), 'the same call');
    second.reply(180, 'Ringing');
    second.reply(200, 'OK', { sdp: webrtcSdp({ setup: 'active' }) });
    const { final } = await calling;
    assert.equal(final.status, 200, final.raw);
    assert.match(logSince(edge.logFile, mark), /queue <queue-reject>: ringing member <hq-ann> \(position 1\)[\s\S]*member <hq-ann> answered 486[\s\S]*ringing member <hq-ben> \(position 2\)/);
  });

  it('a member who does not answer within the ring time is cancelled, one who is not registered is skipped, and the next registered member rings', async () => {
    const [cal, eve] = [await agent('hq-cal'), await agent('hq-eve')]; // hq-dee never registers
    const mark = logMark(edge.logFile);
    const calling = callQueue(await platform(), 'queue-away');
    const first = await cal.nextRequestOf('INVITE');
    first.reply(180, 'Ringing');
    const cancel = await cal.nextRequestOf('CANCEL', 10_000);
    assert.equal(cancel.message.header('Call-ID'), first.message.header('Call-ID'), 'the ring time is up for the first member');

    const third = await eve.nextRequestOf('INVITE', 10_000);
    assert.deepEqual(contractOf(third), CONTRACT);
    third.reply(200, 'OK', { sdp: webrtcSdp({ setup: 'active' }) });
    assert.equal((await calling).final.status, 200);
    const log = logSince(edge.logFile, mark);
    assert.match(log, /member <hq-cal> did not answer in time[\s\S]*member <hq-dee> is not registered; trying the next[\s\S]*ringing member <hq-eve> \(position 3\)/);
  });

  it('when every member rejects, the caller gets 480 No Agent Available (not the last agent\'s 486)', async () => {
    const [fay, gus] = [await agent('hq-fay'), await agent('hq-gus')];
    const calling = callQueue(await platform(), 'queue-nobody');
    (await fay.nextRequestOf('INVITE')).reply(486, 'Busy Here');
    (await gus.nextRequestOf('INVITE')).reply(486, 'Busy Here');
    const { final } = await calling;
    assert.deepEqual([final.status, final.reason], [480, 'No Agent Available']);
  });

  it('a queue none of whose members is registered answers 480 at once', async () => {
    const mark = logMark(edge.logFile);
    const { final } = await callQueue(await platform(), 'queue-empty');
    assert.deepEqual([final.status, final.reason], [480, 'No Agent Available']);
    assert.match(logSince(edge.logFile, mark), /queue <queue-empty>: no member is registered; 480/);
  });

  it('a member\'s 603 Decline ends the hunt: the caller gets 603 and nobody else rings (RFC 3261 16.7)', async () => {
    const [hal, ivy] = [await agent('hq-hal'), await agent('hq-ivy')];
    const calling = callQueue(await platform(), 'queue-decline');
    (await hal.nextRequestOf('INVITE')).reply(603, 'Decline');
    assert.equal((await calling).final.status, 603);
    await notRung(ivy);
  });

  it('a trunk\'s plain-RTP call to a queue goes through the media gateway for the member who answers after another rejected', async () => {
    const [jo, kim] = [await agent('hq-jo'), await agent('hq-kim')];
    const trunk = keep(await udpPeer(edge, '+14155550100', TRUNK));
    const calling = trunk.invite('queue-trunk', { sdp: plainSdp({ ip: TRUNK }), headers: CONTRACT });
    const first = await jo.nextRequestOf('INVITE');
    first.reply(486, 'Busy Here');
    const second = await kim.nextRequestOf('INVITE');
    assert.deepEqual(contractOf(second), CONTRACT, 'a listed trunk\'s X-CP-* headers reach the second member too');
    const offer = audioOf(second.message.body);
    assert.equal(offer.proto, 'UDP/TLS/RTP/SAVPF', 'the second member gets the WebRTC offer rtpengine made');
    assert.equal(offer.candidates.length, 1);
    second.reply(200, 'OK', { sdp: webrtcSdp({ setup: 'active' }) });
    const { final } = await calling;
    assert.equal(final.status, 200, final.raw);
    const answer = audioOf(final.body);
    assert.equal(answer.proto, 'RTP/AVP', 'the trunk gets a plain-RTP answer');
    const [low, high] = edge.mediaGateway.rtpPorts;
    assert.ok(answer.port >= low && answer.port <= high, `rtpengine's port ${answer.port}`);
  });
});

describe('the queues list (queues.list, a db_text table)', () => {
  it('the shipped list gives the local console its queues, each with agent1 first', () => {
    const queues = shippedQueues();
    assert.deepEqual(queues.map((queue) => queue.address), ['queue-sales', 'queue-video', 'queue-callbacks']);
    for (const queue of queues) assert.equal(queue.members[0], 'agent1');
  });

  it('reads what it writes, and names the line and the fault of a list it cannot take', () => {
    const queues = [{ address: 'queue-a', members: ['one', 'two'], ringSeconds: 12 }];
    assert.equal(queuesListText(queues), 'queue(str) ring_seconds(int) members(str)\nqueue-a:12:one two\n');
    assert.deepEqual(parseQueuesList(queuesListText(queues)), queues);
    assert.throws(() => parseQueuesList('queue-a:12:one\n'), /the first line must be "queue\(str\) ring_seconds\(int\) members\(str\)"/);
    assert.throws(() => parseQueuesList('queue(str) ring_seconds(int) members(str)\n# sales\n'), /line 2: expected <queue>:<ring seconds>:<member>/);
    assert.throws(() => parseQueuesList('queue(str) ring_seconds(int) members(str)\nqueue-a:0:one\n'), /line 2: queue "queue-a": ringSeconds must be a whole number from 1 to 300/);
    assert.throws(() => queuesListText([{ address: 'queue-a', members: ['one', 'one'], ringSeconds: 5 }]), /a member is listed twice/);
    assert.throws(() => queuesListText([{ address: 'queue a', members: ['one'], ringSeconds: 5 }]), /the address must be a SIP user/);
  });

  it('the launcher refuses a queue it cannot write, before starting anything', async () => {
    await assert.rejects(startKamailio({ ...(await edgePorts()), name: 'queues-bad', queues: [{ address: 'queue-a', members: ['a:b'], ringSeconds: 5 }] }), /startKamailio: queue "queue-a": member "a:b" is not a SIP user/);
  });
});
