// SIP over secure WebSocket (WSS) at the SIP edge: Kamailio's tls module, TLS 1.2 or later,
// with the local self-signed certificate (tls-certificate.ts) or one it is given (node --test).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, type PeerCertificate } from 'node:tls';
import { after, before, describe, it } from 'node:test';
import { freeTcpPort } from './free-port.ts';
import { startKamailio, type RunningKamailio } from './kamailio.ts';
import { edgePorts } from './test-support/edge.ts';
import { SipPeer } from './test-support/sip-peer.ts';
import { openWebSocket } from './test-support/web-socket-client.ts';
import { spkiHash } from './tls-certificate.ts';

/** The certificate the server presents on 127.0.0.1:port (trusting nothing: only to look at it). */
function presentedCertificate(port: number): Promise<PeerCertificate> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port, rejectUnauthorized: false }, () => {
      const certificate = socket.getPeerCertificate();
      socket.end();
      resolve(certificate);
    });
    socket.once('error', reject);
  });
}

describe('WSS beside WS (Kamailio\'s tls module, TLS 1.2 or later)', () => {
  let edge: RunningKamailio;
  let ca: Buffer;
  before(async () => {
    edge = await startKamailio({ ...(await edgePorts()), name: 'tls-test', tls: { port: await freeTcpPort() } });
    ca = readFileSync(edge.tlsCertFile!);
  });
  after(async () => {
    await edge?.stop();
  });

  it('registers an agent over wss:// (TLS 1.3 when both ends can) and still over ws://', async () => {
    assert.match(edge.wssUrl ?? '', /^wss:\/\/127\.0\.0\.1:\d+$/);
    const secure = await SipPeer.overWebSocket(edge.wssUrl!, { user: 'tls-agent1', ca });
    const plain = await SipPeer.overWebSocket(edge.wsUrl, { user: 'tls-agent2' });
    try {
      assert.equal((await secure.register()).final.status, 200);
      assert.equal((await plain.register()).final.status, 200);
      const call = plain.invite('tls-agent1', { sdp: 'v=0\r\n' });
      const invite = await secure.nextRequestOf('INVITE');
      assert.match(invite.message.header('Via') ?? '', /^SIP\/2\.0\/WSS /, 'reached over the TLS connection');
      invite.reply(486, 'Busy Here');
      assert.equal((await call).final.status, 486);
    } finally {
      secure.close();
      plain.close();
    }
    const socket = await openWebSocket(edge.wssUrl!, { protocol: 'sip', ca });
    assert.equal(socket.tlsVersion, 'TLSv1.3');
    assert.equal(socket.protocol, 'sip');
    socket.close();
  });

  it('accepts a TLS 1.2 handshake', async () => {
    const socket = await openWebSocket(edge.wssUrl!, { protocol: 'sip', ca, minVersion: 'TLSv1.2', maxVersion: 'TLSv1.2' });
    assert.equal(socket.tlsVersion, 'TLSv1.2');
    socket.close();
  });

  it('refuses TLS 1.1 and TLS 1.0 with a protocol_version alert (the client allows them; the server says no)', async () => {
    for (const version of ['TLSv1.1', 'TLSv1'] as const) {
      await assert.rejects(
        openWebSocket(edge.wssUrl!, { protocol: 'sip', ca, minVersion: version, maxVersion: version, ciphers: 'DEFAULT@SECLEVEL=0' }),
        (error: NodeJS.ErrnoException) => error.code === 'ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION',
        version,
      );
    }
  });

  it('serves a certificate for 127.0.0.1 that a client trusts only when told to, and names its SPKI hash for Chromium', async () => {
    const presented = await presentedCertificate(Number(new URL(edge.wssUrl!).port));
    assert.equal(presented.subjectaltname, 'IP Address:127.0.0.1');
    assert.ok(presented.raw.equals(new X509Certificate(ca).raw), 'the file it names is the one it serves');
    // Chromium's documented recipe for --ignore-certificate-errors-spki-list, with openssl.
    const recipe = spawnSync('sh', ['-c', 'openssl x509 -pubkey -noout -in "$1" | openssl pkey -pubin -outform der | openssl dgst -sha256 -binary | base64', 'spki', edge.tlsCertFile!], { encoding: 'utf8' });
    assert.equal(recipe.status, 0, recipe.stderr);
    assert.equal(edge.tlsSpki, recipe.stdout.trim());
    await assert.rejects(openWebSocket(edge.wssUrl!, { protocol: 'sip' }), (error: NodeJS.ErrnoException) => error.code === 'DEPTH_ZERO_SELF_SIGNED_CERT');
  });
});

describe('WSS with a certificate the launcher is given (tls.certFile, tls.keyFile)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'contactpad-tls-'));
  let edge: RunningKamailio | undefined;
  after(async () => {
    await edge?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves that certificate and reports its SPKI hash', async () => {
    const certFile = join(dir, 'edge.pem');
    const keyFile = join(dir, 'edge.key');
    const made = spawnSync('openssl', ['req', '-x509', '-nodes', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-keyout', keyFile, '-out', certFile, '-days', '2', '-subj', '/CN=sip-edge.test', '-addext', 'subjectAltName=IP:127.0.0.1,DNS:sip-edge.test'], { encoding: 'utf8' });
    assert.equal(made.status, 0, made.stderr);
    edge = await startKamailio({ ...(await edgePorts()), name: 'tls-given-test', tls: { port: await freeTcpPort(), certFile, keyFile } });
    const presented = await presentedCertificate(Number(new URL(edge.wssUrl!).port));
    assert.equal(presented.subject.CN, 'sip-edge.test');
    assert.equal(edge.tlsSpki, spkiHash(readFileSync(certFile)));
    assert.equal(edge.tlsCertFile, certFile);
  });

  it('refuses a certificate without its key, saying so', async () => {
    await assert.rejects(startKamailio({ ...(await edgePorts()), name: 'tls-given-test', tls: { port: await freeTcpPort(), certFile: join(dir, 'edge.pem') } }), /tls needs both certFile and keyFile/);
  });
});
