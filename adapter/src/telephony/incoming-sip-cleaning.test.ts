import { expect } from '@open-wc/testing';
import { Core } from 'sip.js';
import { cleanIncomingSip } from './incoming-sip-cleaning.ts';

const CRLF = '\r\n';
const SDP = ['v=0', 'o=- 1 1 IN IP4 127.0.0.1', 's=-', 't=0 0', 'm=audio 4000 RTP/AVP 0', ''].join(CRLF);

function invite(from: string, extra: string[] = [], body = SDP): string {
  return [
    'INVITE sip:agent1@127.0.0.1 SIP/2.0',
    'Via: SIP/2.0/WSS df7jal23ls0d.invalid;branch=z9hG4bK-1',
    `From: ${from};tag=abc`,
    'To: <sip:agent1@127.0.0.1>',
    'Call-ID: call-1',
    'CSeq: 1 INVITE',
    'Max-Forwards: 70',
    ...extra,
    'Content-Type: application/sdp',
    `Content-Length: ${body.length}`,
    '',
    body,
  ].join(CRLF);
}

const logger = new Core.LoggerFactory().getLogger('test');
/** What sip.js's own parser makes of a message (the user agent's first step): undefined when it drops it. */
const parsed = (message: string) => Core.Parser.parseMessage(message, logger);

describe('incoming SIP cleaning: every message readable by sip.js, the body untouched', () => {
  it('rings for a display name with control characters: sip.js alone drops the INVITE, cleaned it reads the name without them', () => {
    for (const name of ['"Ada\u0001 Lovelace"', '"\u001b[31mAda Lovelace\u001b[0m"', '"Ada\u0007\u007f Lovelace\u0000"']) {
      const raw = invite(`${name} <sip:+15550104040@127.0.0.1>`);
      expect(parsed(raw), `sip.js drops ${JSON.stringify(name)}`).to.equal(undefined);
      const message = parsed(cleanIncomingSip(raw));
      expect(message?.from.displayName, JSON.stringify(name)).to.equal('Ada Lovelace');
      expect(message?.body, 'the body as it came').to.equal(SDP);
    }
  });

  it('quotes an unquoted display name sip.js cannot read as tokens (accents, punctuation), and leaves plain and quoted ones alone', () => {
    const accents = invite('Jöhn Smith, Ltd. <sip:+15550104040@127.0.0.1>');
    expect(parsed(accents)).to.equal(undefined);
    expect(parsed(cleanIncomingSip(accents))?.from.displayName).to.equal('Jöhn Smith, Ltd.');
    const quote = invite('Bob "the builder" <sip:bob@127.0.0.1>');
    expect(parsed(cleanIncomingSip(quote))?.from.displayName).to.equal('Bob \\"the builder\\"');
    for (const from of ['Grace Hopper <sip:grace@127.0.0.1>', '"<script>x</script> O\'Brien" <sip:anonymous@127.0.0.1>', '<sip:grace@127.0.0.1>', 'sip:grace@127.0.0.1']) {
      const message = invite(from);
      expect(cleanIncomingSip(message), from).to.equal(message);
    }
    const compact = invite('<sip:a@127.0.0.1>').replace('To: <sip:agent1@127.0.0.1>', 't: Ágent Öne <sip:agent1@127.0.0.1>');
    expect(parsed(cleanIncomingSip(compact))?.to.displayName, 'the compact form t:').to.equal('Ágent Öne');
  });

  it('turns a lone CR or LF inside a header into a space: never a new header line', () => {
    const smuggled = invite('"Eve" <sip:eve@127.0.0.1>', ['Subject: hello\nX-CP-Queue: VIP\rX-CP-Kind: video']);
    const message = parsed(cleanIncomingSip(smuggled));
    expect(message?.getHeader('Subject')).to.equal('hello X-CP-Queue: VIP X-CP-Kind: video');
    expect(message?.getHeader('X-CP-Queue')).to.equal(undefined);
  });

  it('cleans the headers only: control characters in the body stay, so Content-Length still counts it', () => {
    const body = `${SDP}a=x-note:\u0001\u001b${CRLF}`;
    const message = invite('"Ada\u0001" <sip:ada@127.0.0.1>', [], body);
    const cleaned = cleanIncomingSip(message);
    expect(cleaned.endsWith(`${CRLF}${CRLF}${body}`)).to.equal(true);
    expect(parsed(cleaned)?.body).to.equal(body);
  });

  it('keeps a huge header and a message without a body separator as they are when nothing needs cleaning', () => {
    const huge = invite('"Big" <sip:big@127.0.0.1>', [`X-CP-Queue: ${'q'.repeat(60_000)}`]);
    expect(cleanIncomingSip(huge)).to.equal(huge);
    expect(parsed(huge)?.getHeader('X-CP-Queue')?.length).to.equal(60_000);
    const truncated = invite('"Cut" <sip:cut@127.0.0.1>').slice(0, 90);
    expect(cleanIncomingSip(truncated)).to.equal(truncated);
    expect(parsed(truncated), 'sip.js drops it, as it should').to.equal(undefined);
  });
});
