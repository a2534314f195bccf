// The project's SIP server scripts against the real Kamailio and SIPp (node --test).
import assert from 'node:assert/strict';
import { createSocket } from 'node:dgram';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startKamailio, type RunningKamailio } from './kamailio.ts';
import { runSipp, statusCodesFromTrace } from './sipp.ts';
import { signSipCredential } from './sip-credential.ts';
import { sipServerCommands } from './test-commands.ts';
import { eventually, registeredAgent } from './test-support/edge.ts';

/** A port on 127.0.0.1 that is free for both TCP and UDP right now. */
async function freePort(): Promise<number> {
  for (;;) {
    const tcp = createServer();
    const port = await new Promise<number>((done) => tcp.listen(0, '127.0.0.1', () => done((tcp.address() as { port: number }).port)));
    const udp = createSocket('udp4');
    const udpFree = await new Promise<boolean>((done) => {
      udp.once('error', () => done(false));
      udp.bind(port, '127.0.0.1', () => done(true));
    });
    udp.close();
    await new Promise((done) => tcp.close(done));
    if (udpFree) return port;
  }
}

const WS_PORT = await freePort();
const UDP_PORT = await freePort();

/** Opens a SIP WebSocket (subprotocol "sip") and resolves with the protocol the server chose. */
function openSipWebSocket(url: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, 'sip');
    socket.onopen = () => {
      const protocol = socket.protocol;
      socket.close();
      resolve(protocol);
    };
    socket.onerror = () => reject(new Error(`WebSocket to ${url} failed`));
  });
}

describe('Kamailio, the project SIP server', () => {
  let kamailio: RunningKamailio;
  before(async () => {
    kamailio = await startKamailio({ wsPort: WS_PORT, udpPort: UDP_PORT, name: 'node-test' });
  });
  after(async () => {
    await kamailio?.stop();
  });

  it('accepts SIP over WebSocket on 127.0.0.1', async () => {
    assert.equal(kamailio.wsUrl, `ws://127.0.0.1:${WS_PORT}`);
    assert.equal(await openSipWebSocket(kamailio.wsUrl), 'sip');
  });

  it('answers an INVITE for a user nobody registered with 404, and SIPp reports it', async () => {
    const result = await runSipp({ scenario: 'webrtc-invite-reject', proxyPort: UDP_PORT, to: 'nobody-here' });
    assert.equal(result.statusCodes.at(-1), 404, result.log);
    assert.match(result.log, /INVITE sip:nobody-here@127\.0\.0\.1/);
  });

  it('refuses to start a second server on a port already taken, saying which port', async () => {
    await assert.rejects(startKamailio({ wsPort: WS_PORT, udpPort: await freePort(), name: 'node-test-dup' }), new RegExp(`127\\.0\\.0\\.1:${WS_PORT}`));
  });
});

/** Whether the process in a pid file is alive, by /proc. */
function pidAlive(pidFile: string): boolean {
  if (!existsSync(pidFile)) return false;
  return existsSync(`/proc/${readFileSync(pidFile, 'utf8').trim()}`);
}

describe('startKamailio with its media gateway', () => {
  it('starts rtpengine first (waiting for its "Startup complete"), logs it beside Kamailio, and stop() ends both', async (t) => {
    const kamailio = await startKamailio({ wsPort: await freePort(), udpPort: await freePort(), name: 'node-test-media' });
    const runDir = dirname(kamailio.logFile);
    try {
      t.diagnostic(`Kamailio and rtpengine up in ${kamailio.startMs} ms`);
      assert.equal(kamailio.mediaGateway.logFile, join(runDir, 'rtpengine.log'));
      assert.equal(kamailio.mediaGateway.running(), true);
      assert.match(readFileSync(kamailio.mediaGateway.logFile, 'utf8'), /Startup complete/);
      // Kamailio's rtpengine module pings the gateway from a child process once it runs: the
      // line may come a moment after the WebSocket port (what startKamailio waits for) opens.
      const found = new RegExp(`rtpengine instance <udp:127\\.0\\.0\\.1:${kamailio.mediaGateway.ngPort}> found`);
      await eventually('Kamailio logs that it found rtpengine', () => found.test(readFileSync(kamailio.logFile, 'utf8')), 10_000);
      assert.ok(pidAlive(join(runDir, 'rtpengine.pid')) && pidAlive(join(runDir, 'kamailio.pid')));
    } finally {
      await kamailio.stop();
    }
    assert.ok(!pidAlive(join(runDir, 'rtpengine.pid')), 'rtpengine stopped');
    assert.ok(!pidAlive(join(runDir, 'kamailio.pid')), 'Kamailio stopped');
  });

  it('without rtpengine from the start (media: false), an INVITE that needs it gets 503 and REGISTER still gets 200', async () => {
    const kamailio = await startKamailio({ wsPort: await freePort(), udpPort: await freePort(), name: 'node-test-no-media', media: false });
    const agent = await registeredAgent(kamailio, 'no-media-agent');
    try {
      assert.equal(kamailio.mediaGateway.running(), false);
      const result = await runSipp({ scenario: 'plain-call', proxyPort: kamailio.udpPort, to: 'no-media-agent', headers: [] });
      assert.equal(result.statusCodes.at(-1), 503, result.log);
      assert.match(result.log, /SIP\/2\.0 503 Media Gateway Unavailable/);
    } finally {
      agent.close();
      await kamailio.stop();
    }
  });
});

describe('startKamailio input checks', () => {
  it('rejects ports and names that are not ports and names', async () => {
    await assert.rejects(startKamailio({ wsPort: 0, udpPort: 5060, name: 'x' }), /wsPort/);
    await assert.rejects(startKamailio({ wsPort: 8080, udpPort: 70_000, name: 'x' }), /udpPort/);
    await assert.rejects(startKamailio({ wsPort: 8080, udpPort: 5060, name: '../etc' }), /name/);
  });

  it('fails with the log tail when Kamailio cannot bind its UDP port', async () => {
    const blocker = createSocket('udp4');
    await new Promise<void>((done) => blocker.bind(0, '127.0.0.1', done));
    try {
      await assert.rejects(
        startKamailio({ wsPort: await freePort(), udpPort: blocker.address().port, name: 'node-test-busy' }),
        (error: Error) => /exited while starting/.test(error.message) && /kamailio\.log/.test(error.message),
      );
    } finally {
      blocker.close();
    }
  });
});

describe('runSipp', () => {
  it('refuses an unknown scenario or a path', async () => {
    await assert.rejects(runSipp({ scenario: 'nope', proxyPort: 5060 }), /unknown scenario/);
    await assert.rejects(runSipp({ scenario: '../../etc/passwd', proxyPort: 5060 }), /unknown scenario/);
  });

  it('refuses header lines that would break the message framing', async () => {
    await assert.rejects(runSipp({ scenario: 'webrtc-invite-reject', proxyPort: 5060, headers: ['X-A: 1\r\nX-B: 2'] }), /single line/);
    await assert.rejects(runSipp({ scenario: 'webrtc-invite-reject', proxyPort: 5060, to: 'a@b' }), /plain SIP user/);
  });

  it('reads the received status codes from a message trace, once each, in order', () => {
    const trace = [
      '----------------------------------------------- 2026-01-01 00:00:00.000000',
      'UDP message sent (10 bytes):',
      '',
      'INVITE sip:agent1@127.0.0.1:5060 SIP/2.0',
      '----------------------------------------------- 2026-01-01 00:00:00.000001',
      'UDP message received [10] bytes :',
      '',
      'SIP/2.0 100 Trying',
      '----------------------------------------------- 2026-01-01 00:00:00.000002',
      'UDP message received [10] bytes :',
      '',
      'SIP/2.0 180 Ringing',
      '----------------------------------------------- 2026-01-01 00:00:00.000003',
      'UDP message received [10] bytes :',
      '',
      'SIP/2.0 486 Busy Here',
      '----------------------------------------------- 2026-01-01 00:00:00.000004',
      'UDP message received [10] bytes :',
      '',
      'SIP/2.0 486 Busy Here',
      '----------------------------------------------- 2026-01-01 00:00:00.000005',
      'UDP message sent (10 bytes):',
      '',
      'SIP/2.0 200 OK',
    ].join('\n');
    assert.deepEqual(statusCodesFromTrace(trace), [100, 180, 486]);
    assert.deepEqual(statusCodesFromTrace(''), []);
  });
});

describe('the browser tests\' server commands', () => {
  it('sip-credential signs a credential with the suite\'s secret (expired when asked), and gives null when the suite does not authenticate', async () => {
    const secret = 'test-secret-0123456789abcdef';
    const on = sipServerCommands({ wsPort: 1, udpPort: 2, edge: { auth: { secret } } });
    const fresh = (await on.execute('sip-credential', { user: 'agent1' })) as { username: string; password: string; expiresAt: number };
    const [expiry, user] = fresh.username.split(':');
    assert.equal(user, 'agent1');
    assert.ok(Number(expiry) * 1000 > Date.now() + 3_500_000 && Number(expiry) * 1000 <= Date.now() + 3_600_000);
    assert.deepEqual(fresh, signSipCredential(secret, 'agent1', fresh.expiresAt));
    const stale = (await on.execute('sip-credential', { user: 'agent1', expiresInMs: -5000 })) as { expiresAt: number };
    assert.ok(stale.expiresAt < Date.now());
    await assert.rejects(on.execute('sip-credential', { user: 'agent1@evil' }), /not a SIP user part/);
    assert.equal(await sipServerCommands({ wsPort: 1, udpPort: 2 }).execute('sip-credential', { user: 'agent1' }), null);
  });
});
