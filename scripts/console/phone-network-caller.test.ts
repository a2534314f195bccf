// The console's phone-network caller route (node --test): a real baresip caller, and a
// baresip standing in for the agent's side (it is also the caller's outbound proxy, so no
// Kamailio is needed here; the whole path with Kamailio, rtpengine and ContactPad is in
// e2e/phone-network.test.ts).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { startBaresip, type RunningBaresip } from '../sip-peers/baresip.ts';
import { createPhoneNetworkCaller, phoneNetworkName, phoneNetworkUser, readCallRequest, type PhoneNetworkCall, type PhoneNetworkCaller } from './phone-network-caller.ts';

describe('phone-network caller: what it accepts', () => {
  it('turns a typed number into a SIP user of + and digits; blank is anonymous; words are refused', () => {
    assert.equal(phoneNetworkUser('+1 (415) 555-0100'), '+14155550100');
    assert.equal(phoneNetworkUser('415.555.0100'), '4155550100');
    assert.equal(phoneNetworkUser('  '), '');
    for (const bad of ['Maria', '+1 415 555 0100; drop', 'sip:evil@example.com', '12', '1'.repeat(16)]) assert.equal(phoneNetworkUser(bad), undefined, bad);
  });

  it('keeps a display name a trunk could pass: one line, no quotes, at most 60 characters', () => {
    assert.equal(phoneNetworkName('Maria "M" Lopez\r\nInjected: yes'), 'Maria M Lopez Injected: yes');
    assert.equal(phoneNetworkName('x'.repeat(80)).length, 60);
  });

  it('reads a call request and says what is wrong with a bad one', () => {
    assert.deepEqual(readCallRequest('{"name":"Maria Lopez","number":"+1 415 555 0100","codecs":"pcmu"}'), { name: 'Maria Lopez', user: '+14155550100', number: '+1 415 555 0100', codecs: 'pcmu' });
    assert.deepEqual(readCallRequest('{}'), { name: '', user: '', number: '', codecs: 'opus+pcmu' });
    assert.match((readCallRequest('nope') as { error: string }).error, /not JSON/);
    assert.match((readCallRequest('{"codecs":"g729"}') as { error: string }).error, /codecs/);
    assert.match((readCallRequest('{"number":"call me"}') as { error: string }).error, /needs a phone number/);
  });
});

describe('phone-network caller: the route', () => {
  let agent: RunningBaresip;
  let caller: PhoneNetworkCaller;
  let server: Server;
  let base = '';

  before(async () => {
    agent = await startBaresip({ name: 'route-agent', user: 'agent1' });
    server = createServer((req, res) => {
      void caller.handle(req, res).then((handled) => {
        if (!handled) res.writeHead(418).end();
      });
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    caller = createPhoneNetworkCaller({ sipUdpPort: agent.sipPort, agentUri: 'sip:agent1@127.0.0.1', origin: base, name: 'route-test' });
  });

  after(async () => {
    await caller?.stop();
    await agent?.stop();
    await new Promise((done) => server?.close(done));
  });

  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${base}/__phone-network/${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json', Origin: base, ...headers }, body: JSON.stringify(body) });
  const current = async () => (await (await fetch(`${base}/__phone-network/call`)).json()) as PhoneNetworkCall;
  async function until(what: string, test: (call: PhoneNetworkCall) => boolean, timeoutMs = 15_000): Promise<PhoneNetworkCall> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const call = await current();
      if (test(call)) return call;
      if (Date.now() > deadline) throw new Error(`${what}: still ${JSON.stringify(call)}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  it('refuses a cross-site request, a non-JSON one and a bad number, and leaves other paths alone', async () => {
    assert.equal((await post('call', { number: '+14155550100' }, { Origin: 'http://evil.example' })).status, 403);
    const form = await fetch(`${base}/__phone-network/call`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'number=1' });
    assert.equal(form.status, 403);
    const bad = await post('call', { number: 'call me maybe' });
    assert.equal(bad.status, 400);
    assert.match(((await bad.json()) as { error: string }).error, /needs a phone number/);
    assert.equal((await fetch(`${base}/__phone-network/elsewhere`)).status, 404);
    assert.equal((await fetch(`${base}/somewhere-else`)).status, 418, 'not ours: handle() returns false');
    assert.equal((await current()).state, 'idle');
  });

  it('places a plain-RTP call from the number, rings, connects with RTP both ways, refuses a second call, and hangs up with a BYE', async () => {
    const placed = await post('call', { name: 'Maria Lopez', number: '+1 415 555 0100', codecs: 'pcmu' });
    assert.equal(placed.status, 202);
    const callId = await agent.waitForIncoming();
    const ringing = await until('ringing', (call) => call.state === 'ringing');
    assert.equal(ringing.callId, callId);
    assert.equal((await post('call', { number: '+14155550101' })).status, 409, 'one call at a time');

    await agent.answer();
    await until('connected', (call) => call.state === 'connected');
    const flowing = await until('RTP both ways', (call) => call.packetsReceived >= 25 && call.packetsSent >= 25);
    assert.equal(flowing.codec, 'PCMU 8000Hz/1ch');
    assert.ok((await agent.audioStats()).packetsReceived >= 25, 'the agent side receives the tone');

    assert.equal((await post('hangup', {})).status, 200);
    const end = await agent.waitForEnd(callId);
    assert.ok(end.byPeer, `the agent side got a BYE: ${end.reason}`);
    const ended = await until('ended', (call) => call.state === 'ended');
    assert.equal(ended.status, 'Ended (you hung up)');
  });

  it('a call the agent refuses ends as rejected with the SIP status, and its phone quits', async () => {
    assert.equal((await post('call', { name: '', number: '+14155550103' })).status, 202);
    await agent.waitForIncoming();
    await until('ringing', (call) => call.state === 'ringing');
    await agent.hangUp(); // baresip refuses a ringing call with 486 Busy Here
    const rejected = await until('rejected', (call) => call.state === 'rejected');
    assert.equal(rejected.statusCode, 486, rejected.status);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const phones = readdirSync('/proc').filter((pid) => {
      try {
        return /^\d+$/.test(pid) && readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('baresip-phone-network-route-test');
      } catch {
        return false;
      }
    });
    assert.deepEqual(phones, [], 'no phone left running');
  });
});
