/**
 * The local console's WSS option (startConsole `sipWssPort`), without a browser: Kamailio
 * serves wss:// beside ws:// with the local certificate for 127.0.0.1, RunningConsole names the
 * URL and the certificate's public key hash (what Chromium is told to trust), and a client that
 * trusts that certificate registers over it with a credential signed with the run's secret.
 * The browser side is e2e/sip-edge.test.ts.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { freeTcpPort, freeUdpPort } from '../sip-server/free-port.ts';
import { newEdgeSecret, signSipCredential } from '../sip-server/sip-credential.ts';
import { SipPeer } from '../sip-server/test-support/sip-peer.ts';
import { localCertificate, spkiHash } from '../sip-server/tls-certificate.ts';
import { PortInUseError, startConsole, type RunningConsole } from './console-server.ts';

describe('startConsole with a WSS port', () => {
  let running: RunningConsole;
  let wssPort: number;
  const secret = newEdgeSecret();

  before(async () => {
    wssPort = await freeTcpPort();
    running = await startConsole({
      port: await freeTcpPort(),
      sipWsPort: await freeTcpPort(),
      sipUdpPort: await freeUdpPort(),
      sipWssPort: wssPort,
      name: `console-wss-${process.pid}`,
      buildContactPad: false,
      sipSecret: secret,
    });
  });
  after(async () => {
    await running?.stop();
  });

  it('serves wss://127.0.0.1:<sipWssPort> with the local certificate, whose key hash it gives; a client trusting it registers with the run\'s credential', async () => {
    assert.equal(running.sipWssUrl, `wss://127.0.0.1:${wssPort}`);
    const { certFile } = localCertificate();
    const ca = readFileSync(certFile);
    assert.equal(running.sipTlsSpki, spkiHash(ca));
    const peer = await SipPeer.overWebSocket(running.sipWssUrl!, { user: 'wss-agent1', ca });
    try {
      const { final } = await peer.register({ credential: signSipCredential(secret, 'wss-agent1', Date.now() + 3_600_000) });
      assert.equal(final.status, 200, final.startLine);
    } finally {
      peer.close();
    }
  });

  it('a WSS port that is taken, equal to another port or out of range is refused before anything starts', async () => {
    const busy = createServer();
    const busyPort = await freeTcpPort();
    await new Promise<void>((done) => busy.listen(busyPort, '127.0.0.1', () => done()));
    try {
      const ports = { port: await freeTcpPort(), sipWsPort: await freeTcpPort(), sipUdpPort: await freeUdpPort(), buildContactPad: false };
      await assert.rejects(startConsole({ ...ports, sipWssPort: busyPort }), (error: unknown) => {
        assert.ok(error instanceof PortInUseError);
        assert.equal(error.port, busyPort);
        assert.match(error.message, /SIP secure WebSocket server.*another sipWssPort/);
        return true;
      });
      await assert.rejects(startConsole({ ...ports, sipWssPort: ports.sipWsPort }), /sipWssPort must differ from port and sipWsPort/);
      await assert.rejects(startConsole({ ...ports, sipWssPort: 70000 }), /sipWssPort must be a port number/);
    } finally {
      await new Promise<void>((done) => busy.close(() => done()));
    }
  });
});
