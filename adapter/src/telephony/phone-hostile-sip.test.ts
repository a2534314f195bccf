import { expect } from '@open-wc/testing';
import { Phone } from './phone.ts';
import { FakeSipServer } from '../../test-support/fake-sip-server.ts';
import { RecordingListener } from '../../test-support/sip-calls.ts';
import { waitFor } from '../../test-support/wait-for.ts';

/**
 * The phone on a SIP server in the page that relays hostile messages as they are: what the
 * agent gets (a ringing call with a clean name, a refusal before ringing, nothing) and what the
 * caller gets back (180, 488, 481, 400), and that nothing breaks the phone for the next call.
 * The same messages through Kamailio are the e2e hostile suite's (e2e/hostile-sip.test.ts).
 */

const CRLF = '\r\n';
const FINGERPRINT = '7B:8B:F0:65:5F:78:E2:51:3B:AC:6F:F3:3F:46:1B:35:DC:B8:5F:64:1A:24:C2:43:F0:A1:58:D0:A1:2C:19:08';
const WEBRTC_SDP = [
  'v=0', 'o=- 1 2 IN IP4 127.0.0.1', 's=-', 't=0 0', 'a=group:BUNDLE 0', 'm=audio 50000 UDP/TLS/RTP/SAVPF 0', 'c=IN IP4 127.0.0.1',
  'a=candidate:1 1 udp 2122260223 127.0.0.1 50000 typ host', 'a=ice-ufrag:Tst1', 'a=ice-pwd:testtesttesttesttesttest',
  `a=fingerprint:sha-256 ${FINGERPRINT}`, 'a=setup:actpass', 'a=mid:0', 'a=sendrecv', 'a=rtcp-mux', 'a=rtpmap:0 PCMU/8000', '',
].join(CRLF);
const PLAIN_SDP = ['v=0', 'o=carrier 1 1 IN IP4 127.0.0.3', 's=-', 'c=IN IP4 127.0.0.3', 't=0 0', 'm=audio 6000 RTP/AVP 0', 'a=rtpmap:0 PCMU/8000', ''].join(CRLF);

let sequence = 0;

/** A request as the proxy relays it to the phone; `toTag` makes it an in-dialog one. */
function request(method: string, options: { from?: string; body?: string; contentLength?: number; toTag?: string; headers?: string[]; callId?: string } = {}): { text: string; callId: string } {
  const n = ++sequence;
  const callId = options.callId ?? `hostile-${n}-${Math.random().toString(36).slice(2)}`;
  const body = options.body ?? '';
  const text = [
    `${method} sip:agent1@df7jal23ls0d.invalid;transport=ws SIP/2.0`,
    `Via: SIP/2.0/WSS 127.0.0.1:8080;branch=z9hG4bK-hostile-${n}`,
    `From: ${options.from ?? '"Caller" <sip:+15550100000@127.0.0.1>'};tag=from-${n}`,
    `To: <sip:agent1@127.0.0.1>${options.toTag ? `;tag=${options.toTag}` : ''}`,
    `Call-ID: ${callId}`,
    `CSeq: ${n} ${method}`,
    'Max-Forwards: 69',
    'Contact: <sip:caller@127.0.0.1:5090>',
    ...(options.headers ?? []),
    ...(body === '' ? [] : ['Content-Type: application/sdp']),
    `Content-Length: ${options.contentLength ?? body.length}`,
    '',
    body,
  ].join(CRLF);
  return { text, callId };
}

/** The status codes the phone answered the request with Call-ID `callId`. */
function answersTo(server: FakeSipServer, callId: string): number[] {
  return server.sent
    .filter((message) => message.startsWith('SIP/2.0 ') && message.includes(`Call-ID: ${callId}\r\n`))
    .map((message) => Number(message.slice(8, 11)));
}

describe('Phone: hostile SIP messages from the server', () => {
  let phone: Phone | undefined;
  const uncaught: string[] = [];
  const onError = (event: ErrorEvent) => uncaught.push(event.message);
  beforeEach(() => window.addEventListener('error', onError));
  afterEach(async () => {
    window.removeEventListener('error', onError);
    uncaught.length = 0;
    await phone?.stop();
    phone = undefined;
  });

  async function registered() {
    const server = new FakeSipServer({ password: () => undefined, open: true });
    const listener = new RecordingListener();
    phone = new Phone({ serverUrl: 'wss://sip.example.com', aor: 'sip:agent1@127.0.0.1' }, listener, { transportConstructor: server.transportConstructor });
    phone.start();
    await listener.connectionState('registered');
    return { server, listener, phone };
  }

  it('rings for a caller named with control characters or unquoted accents, the name shown without the controls', async () => {
    const { server, listener } = await registered();
    const names: Array<[string, string]> = [
      ['"Ada\u0001 \u001b[31mLovelace\u001b[0m" <sip:+15550104040@127.0.0.1>', 'Ada Lovelace'],
      ['Jöhn Smith <sip:+15550104041@127.0.0.1>', 'Jöhn Smith'],
      ['"\u0007\u0007\u0007" <sip:+15550104042@127.0.0.1>', ''],
    ];
    for (const [from, shown] of names) {
      const invite = request('INVITE', { from, body: WEBRTC_SDP });
      server.deliver(invite.text);
      const offer = await waitFor(`the call from ${from}`, () => listener.offers.find((o) => o.sipCallId === invite.callId));
      expect(offer.callerName, from).to.equal(shown);
      expect(answersTo(server, invite.callId), from).to.deep.equal([100, 180]);
    }
  });

  it('refuses an offer the browser cannot take with 488 before ringing (plain RTP, garbage SDP, no fingerprint), and says why', async () => {
    const { server, listener } = await registered();
    const offers: Array<[string, string]> = [
      [PLAIN_SDP, 'plain-rtp'],
      ['this is not SDP\r\n', 'unreadable'],
      [WEBRTC_SDP.replace(/a=fingerprint[^\r]*\r\n/, ''), 'no-fingerprint'],
      [WEBRTC_SDP.replace(/a=ice-(ufrag|pwd)[^\r]*\r\n/g, ''), 'no-ice-credentials'],
    ];
    for (const [body, problem] of offers) {
      const invite = request('INVITE', { body });
      server.deliver(invite.text);
      const { error } = await waitFor(problem, () => listener.refusals.find((r) => r.offer.sipCallId === invite.callId));
      expect(error.code, problem).to.equal('CALL_MEDIA_UNPLAYABLE');
      expect(error.detail['problem']).to.equal(problem);
      await waitFor(`the 488 for ${problem}`, () => answersTo(server, invite.callId).includes(488) || undefined);
      expect(answersTo(server, invite.callId), problem).to.deep.equal([100, 488]);
    }
    expect(listener.offers, 'none of them rang').to.deep.equal([]);
  });

  it('survives garbage, truncation, a wrong Content-Length, unknown dialogs and a re-INVITE storm, then rings for the next call', async () => {
    const { server, listener } = await registered();
    const truncated = request('INVITE', { body: WEBRTC_SDP }).text.slice(0, 120);
    const longer = request('INVITE', { body: WEBRTC_SDP, contentLength: WEBRTC_SDP.length + 500 });
    const unknownBye = request('BYE', { toTag: 'nobody' });
    const storm = Array.from({ length: 50 }, () => request('INVITE', { toTag: 'nobody', callId: 'no-such-dialog', body: WEBRTC_SDP }));
    const garbage = [
      'hello\r\n\r\n',
      '\u0000\u0001\u0002\r\n\r\n',
      truncated,
      'SIP/2.0 200 OK\r\nVia: SIP/2.0/WSS x;branch=z9hG4bK-x\r\nFrom: <sip:a@b>;tag=1\r\nTo: <sip:c@d>;tag=2\r\nCall-ID: x\r\nCSeq: abc\r\nContent-Length: 0\r\n\r\n',
      `INVITE sip:agent1@127.0.0.1 SIP/2.0\r\nX-Huge: ${'h'.repeat(100_000)}\r\n\r\n`,
    ];
    for (const text of garbage) server.deliver(text);
    server.deliver(longer.text);
    server.deliver(unknownBye.text);
    for (const reinvite of storm) server.deliver(reinvite.text);
    await waitFor('answers to the unknown dialog', () => (answersTo(server, 'no-such-dialog').length >= storm.length ? true : undefined));
    expect(new Set(answersTo(server, 'no-such-dialog')), 'each re-INVITE of no dialog: 481').to.deep.equal(new Set([481]));
    expect(answersTo(server, unknownBye.callId)).to.deep.equal([481]);
    expect(answersTo(server, longer.callId), 'a body shorter than its Content-Length: 400').to.deep.equal([400]);
    expect(listener.offers).to.deep.equal([]);
    expect(listener.refusals).to.deep.equal([]);
    expect(listener.state).to.equal('registered');
    expect(uncaught, 'no uncaught error').to.deep.equal([]);

    const next = request('INVITE', { body: WEBRTC_SDP });
    server.deliver(next.text);
    const offer = await waitFor('the next call', () => listener.offers.find((o) => o.sipCallId === next.callId));
    expect(offer.callerName).to.equal('Caller');
  });
});
