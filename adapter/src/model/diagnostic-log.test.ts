import { expect } from '@open-wc/testing';
import { DiagnosticLog, MAX_ENTRY_BYTES, utf8Length } from './diagnostic-log.ts';
import { REDACTED, redact } from './redaction.ts';

declare const describe: (title: string, body: () => void) => void;
declare const it: (title: string, body: () => void | Promise<void>) => void;

/** The local console's session id: the shape of a real one (org id, "!", the opaque part). */
const SESSION = '00DLC000000Dem0!AQ4AQLocalConsoleSessionNotASecretButNeverLogItAnyway.7f3c9a1e5b2d4c6a8e0f1b3d5a7c9e2f4b6d8a0c';
const DIGEST_RESPONSE = '6629fae49393a05397450978507c4ef1';

/** A REGISTER as sip.js sends it after a 401 (RFC 3261 22.4; RFC 2617 3.2.2). */
const REGISTER = [
  'REGISTER sip:127.0.0.1 SIP/2.0',
  'Via: SIP/2.0/WS df7jal23ls0d.invalid;branch=z9hG4bK1234',
  'To: <sip:agent1@127.0.0.1>',
  'From: <sip:agent1@127.0.0.1>;tag=abcd',
  'Call-ID: reg-call-id-42',
  'CSeq: 2 REGISTER',
  `Authorization: Digest algorithm=MD5, username="1733420000:agent1", realm="127.0.0.1", nonce="Z1x2c3v4b5", uri="sip:127.0.0.1", response="${DIGEST_RESPONSE}", qop=auth, cnonce="h1h2h3", nc=00000001`,
  'Contact: <sip:abc@df7jal23ls0d.invalid;transport=ws>;expires=600',
  'Content-Length: 0',
  '',
  '',
].join('\r\n');

/** An INVITE through a proxy that challenged, with a platform token header and an SDP carrying the ICE password and an SDES key. */
const INVITE = [
  'INVITE sip:+14155550100@127.0.0.1 SIP/2.0',
  'Call-ID: call-7',
  `Proxy-Authorization: Digest username="agent1", realm="pbx", nonce="n1", uri="sip:+14155550100@127.0.0.1",`,
  `  response="${DIGEST_RESPONSE}", algorithm=MD5`,
  'X-Auth-Token: eyTokenValue123456',
  'X-CP-Queue: Sales',
  'X-Session-Key: k-998877665544',
  'Contact: <sip:agent1:hunter2secret@10.0.0.1:5060;transport=ws>',
  'Content-Type: application/sdp',
  '',
  'v=0',
  'm=audio 9 UDP/TLS/RTP/SAVPF 111 0',
  'a=rtpmap:111 opus/48000/2',
  'a=ice-ufrag:Fz7k',
  'a=ice-pwd:8hYtPq2mNvXr4LsKd9WbZc1e',
  'a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR|2^20|1:32',
  'a=fingerprint:sha-256 AB:CD:EF:01',
].join('\r\n');

function log(capBytes?: number): { log: DiagnosticLog; advance(ms: number): void } {
  let now = 1_700_000_000_000;
  return { log: new DiagnosticLog({ now: () => now, ...(capBytes === undefined ? {} : { capBytes }) }), advance: (ms) => (now += ms) };
}

describe('the diagnostic log: what it never keeps', () => {
  it("removes a REGISTER's digest response but keeps what an admin reads (method, Call-ID, user, realm, nonce)", () => {
    const clean = redact(REGISTER);
    expect(clean).not.to.include(DIGEST_RESPONSE);
    expect(clean).to.include(`response="${REDACTED}"`);
    for (const kept of ['REGISTER sip:127.0.0.1 SIP/2.0', 'Call-ID: reg-call-id-42', 'username="1733420000:agent1"', 'realm="127.0.0.1"', 'nonce="Z1x2c3v4b5"', 'expires=600']) {
      expect(clean).to.include(kept);
    }
  });

  it('removes a folded Proxy-Authorization response, token headers, a password in a SIP URI, the ICE password and an SDES key', () => {
    const clean = redact(INVITE);
    for (const secret of [DIGEST_RESPONSE, 'eyTokenValue123456', 'k-998877665544', 'hunter2secret', '8hYtPq2mNvXr4LsKd9WbZc1e', 'PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR']) {
      expect(clean).not.to.include(secret);
    }
    for (const kept of ['X-CP-Queue: Sales', `X-Auth-Token: ${REDACTED}`, `sip:agent1:${REDACTED}@10.0.0.1:5060`, 'a=rtpmap:111 opus/48000/2', 'a=ice-ufrag:Fz7k', 'a=fingerprint:sha-256 AB:CD:EF:01', 'Call-ID: call-7']) {
      expect(clean).to.include(kept);
    }
  });

  it('removes Bearer tokens, Salesforce session ids, JSON Web Tokens, secret URL parameters and JSON secrets from any text', () => {
    const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhZ2VudDEifQ.c2lnbmF0dXJlLXZhbHVl';
    const text = [
      `Authorization: Bearer ${SESSION}`,
      `request to https://org.example/services/data?access_token=${SESSION}&x=1 failed`,
      `token ${jwt} refused`,
      'wss://agent1:pa55word@sip.example.com:7443',
      '{"password":"s3cr3t-pass","user":"agent1"}',
      `Authorization: Basic YWdlbnQxOnBhc3N3b3Jk`,
    ].join('\n');
    const clean = redact(text);
    for (const secret of [SESSION, jwt, 'pa55word', 's3cr3t-pass', 'YWdlbnQxOnBhc3N3b3Jk']) expect(clean).not.to.include(secret);
    expect(clean).to.include('Authorization: Bearer [redacted]');
    expect(clean).to.include('"user":"agent1"');
    expect(clean).to.include('x=1 failed');
  });

  it('never holds the session token it was told of, in an entry stored before or after', () => {
    const { log: diagnostics } = log();
    const token = 'AnOrgWithOddTokens-1234567890'; // not shaped like a session id: only the literal scrub finds it
    diagnostics.add('error', `CRM_UNAVAILABLE: the session ${token} was refused`);
    diagnostics.neverLog(token);
    diagnostics.add('sip-in', `MESSAGE sip:agent1@127.0.0.1 SIP/2.0\r\nX-Note: ${token}\r\n\r\n`);
    diagnostics.neverLog(SESSION);
    diagnostics.add('error', `CRM_SESSION_EXPIRED: ${SESSION}`);
    const all = diagnostics.entries().map((entry) => entry.text).join('\n');
    expect(all).not.to.include(token);
    expect(all).not.to.include(SESSION);
    expect(all).not.to.include(SESSION.split('!')[1]);
    expect(diagnostics.entries()).to.have.length(3);
    expect(diagnostics.sizeBytes).to.equal(diagnostics.entries().reduce((sum, entry) => sum + utf8Length(entry.text), 0), 'its size follows the scrub');
  });
});

describe('the diagnostic log: its size cap', () => {
  it('keeps the newest entries within its cap and says how many it let go', () => {
    const { log: diagnostics, advance } = log(8 * 1024);
    for (let index = 0; index < 100; index++) {
      advance(1000);
      diagnostics.add('sip-in', `OPTIONS sip:agent1@127.0.0.1 SIP/2.0\r\nCall-ID: keepalive-${index}\r\n${'X-Pad: '.padEnd(200, '.')}\r\n\r\n`);
    }
    expect(diagnostics.sizeBytes).to.be.at.most(8 * 1024);
    const kept = diagnostics.entries();
    expect(kept.length).to.be.below(100);
    expect(kept.at(-1)?.text).to.include('keepalive-99');
    expect(kept[0]?.text).not.to.include('keepalive-0\r');
    expect(diagnostics.droppedCount).to.equal(100 - kept.length);
    expect(diagnostics.entryCount).to.equal(kept.length);
    expect(kept.map((entry) => entry.at)).to.deep.equal([...kept.map((entry) => entry.at)].sort((a, b) => a - b), 'oldest first');
  });

  it('counts its size in UTF-8 bytes, as a report would carry it', () => {
    const { log: diagnostics } = log();
    diagnostics.add('error', 'é€😀a');
    expect(utf8Length('é€😀a')).to.equal(2 + 3 + 4 + 1);
    expect(diagnostics.sizeBytes).to.equal(10);
  });

  it('cuts a huge or hostile message to one entry\'s share and says so, redacting it first', () => {
    const { log: diagnostics } = log();
    const huge = `INVITE sip:agent1@127.0.0.1 SIP/2.0\r\nAuthorization: Digest username="x", response="${DIGEST_RESPONSE}"\r\nX-Junk: ${'A'.repeat(200_000)}\r\n\r\n`;
    diagnostics.add('sip-in', huge);
    const [entry] = diagnostics.entries();
    expect(utf8Length(entry!.text)).to.be.at.most(MAX_ENTRY_BYTES);
    expect(entry!.text).to.include('[… cut: ');
    expect(entry!.text).not.to.include(DIGEST_RESPONSE);
    expect(entry!.text).to.include('INVITE sip:agent1@127.0.0.1');
  });

  it('gives the entries of a time window only, and takes nothing empty', () => {
    const { log: diagnostics, advance } = log();
    diagnostics.add('phone', 'phone registered');
    advance(60_000);
    const since = 1_700_000_000_000 + 30_000;
    diagnostics.add('phone', 'phone unreachable: WebSocket closed');
    diagnostics.add('error', '');
    expect(diagnostics.entries(since).map((entry) => entry.text)).to.deep.equal(['phone unreachable: WebSocket closed']);
  });
});
