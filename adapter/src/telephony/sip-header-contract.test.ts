import { expect } from '@open-wc/testing';
import { cleanId, cleanNumber, cleanText, parseNameAddr, readCallOffer, type InviteFields } from './sip-header-contract.ts';

/** An INVITE as readCallOffer sees it, from a plain header table. */
function invite(headers: Record<string, string>, from: { name?: string; user?: string } = {}, sdp?: string, sipCallId = 'abc123@10.0.0.1'): InviteFields {
  const table = new Map(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
  return {
    header: (name) => table.get(name.toLowerCase()),
    sipCallId,
    fromDisplayName: from.name,
    fromUser: from.user,
    sdp,
  };
}

const AUDIO_SDP = 'v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\n';
const VIDEO_SDP = `${AUDIO_SDP}m=video 9 UDP/TLS/RTP/SAVPF 96\r\n`;

describe('SIP header contract: a well-formed INVITE', () => {
  it('fills every call pop field from the X-CP-* headers and From', () => {
    const offer = readCallOffer(
      invite(
        {
          'X-CP-Interaction-Id': 'int-2024-0001',
          'X-CP-Queue': 'Sales EMEA',
          'X-CP-Location': 'Berlin store',
          'X-CP-Ad-Source': 'Spring campaign',
          'X-CP-Kind': 'voice',
        },
        { name: 'Ada Lovelace', user: '+4930123456' },
        AUDIO_SDP,
      ),
    );
    expect(offer).to.deep.equal({
      callId: 'int-2024-0001',
      sipCallId: 'abc123@10.0.0.1',
      kind: 'voice',
      callerName: 'Ada Lovelace',
      callerNumber: '+4930123456',
      queue: 'Sales EMEA',
      location: 'Berlin store',
      adSource: 'Spring campaign',
      callbackNumber: '',
      callbackAttempt: undefined,
    });
  });

  it('reads a callback with the number to call back and the attempt', () => {
    const offer = readCallOffer(
      invite({ 'X-CP-Kind': 'Callback', 'X-CP-Callback-Number': '+1 (555) 010-2030', 'X-CP-Callback-Attempt': '2' }, { user: '+15550102030' }),
    );
    expect(offer.kind).to.equal('callback');
    expect(offer.callbackNumber).to.equal('+1 (555) 010-2030');
    expect(offer.callbackAttempt).to.equal(2);
    expect(offer.callbackRequestId, 'no request named').to.equal(undefined);
  });

  it('reads which callback request it is (X-CP-Callback-Request, a Salesforce record id); anything else is left out', () => {
    const read = (value: string) => readCallOffer(invite({ 'X-CP-Kind': 'callback', 'X-CP-Callback-Request': value })).callbackRequestId;
    expect(read('a0C000000000001AAA')).to.equal('a0C000000000001AAA');
    expect(read(' a0C000000000001 ')).to.equal('a0C000000000001');
    for (const bad of ['', 'a0C0000000001', 'a0C000000000001AAAX', "a0C000000000001' OR Id != '", 'a0C00000000-001AAA']) expect(read(bad), JSON.stringify(bad)).to.equal(undefined);
  });

  it('reads the VoiceCall of a call under Service Cloud Voice (X-CP-Voice-Call-Id, a 0LQ record id); anything else is left out and the call still rings', () => {
    const read = (value: string) => readCallOffer(invite({ 'X-CP-Voice-Call-Id': value, 'X-CP-Interaction-Id': 'int-1' }));
    expect(read('0LQ5g000000ABCDGA4').voiceCallId).to.equal('0LQ5g000000ABCDGA4');
    expect(read(' 0LQ5g000000ABCD ').voiceCallId).to.equal('0LQ5g000000ABCD');
    for (const bad of ['', '5005g000000ABCDGA4', '0LQ5g000000ABC', "0LQ5g000000ABCD' --", '0LQ5g00000-ABCDGA4']) {
      expect(read(bad).voiceCallId, JSON.stringify(bad)).to.equal(undefined);
      expect(read(bad).callId, 'the call itself is read as ever').to.equal('int-1');
    }
  });

  it('recognises a video call from X-CP-Kind or from an m=video line in the SDP', () => {
    expect(readCallOffer(invite({ 'X-CP-Kind': 'video' })).kind).to.equal('video');
    expect(readCallOffer(invite({}, {}, VIDEO_SDP)).kind).to.equal('video');
    expect(readCallOffer(invite({}, {}, `${AUDIO_SDP}m=video 0 UDP/TLS/RTP/SAVPF 96\r\n`)).kind, 'a disabled video stream').to.equal('voice');
    expect(readCallOffer(invite({}, {}, AUDIO_SDP)).kind).to.equal('voice');
  });

  it('lets a well-formed P-Asserted-Identity win over From for name and number', () => {
    const offer = readCallOffer(
      invite({ 'P-Asserted-Identity': '"Grace Hopper" <sip:+15551234567@carrier.example;user=phone>' }, { name: 'Spoofed', user: '+19998887777' }),
    );
    expect(offer.callerName).to.equal('Grace Hopper');
    expect(offer.callerNumber).to.equal('+15551234567');
  });

  it('takes the number from a tel: P-Asserted-Identity and keeps From\'s name when PAI has none', () => {
    const offer = readCallOffer(invite({ 'P-Asserted-Identity': '<tel:+1-555-123-4567;ext=89>' }, { name: 'Front desk', user: 'gateway' }));
    expect(offer.callerName).to.equal('Front desk');
    expect(offer.callerNumber).to.equal('+1-555-123-4567 ext. 89');
  });

  it('reads the first identity when P-Asserted-Identity lists two', () => {
    const offer = readCallOffer(invite({ 'P-Asserted-Identity': '"Doe, Jane" <sip:+15550001111@a.example>, <tel:+15550001111>' }));
    expect(offer.callerName).to.equal('Doe, Jane');
    expect(offer.callerNumber).to.equal('+15550001111');
  });

  it('falls back to From when P-Asserted-Identity is malformed', () => {
    for (const pai of ['<sip:+1555@', 'garbage', '"unterminated <sip:1@x>', '<http://evil.example/>', '']) {
      const offer = readCallOffer(invite({ 'P-Asserted-Identity': pai }, { name: 'Real Name', user: '5550100' }));
      expect(offer.callerName, pai).to.equal('Real Name');
      expect(offer.callerNumber, pai).to.equal('5550100');
    }
  });

  it('uses the SIP Call-ID as the call id when X-CP-Interaction-Id is absent', () => {
    const offer = readCallOffer(invite({}, {}, undefined, 'a84b4c76e66710@pc33.example.com'));
    expect(offer.callId).to.equal('a84b4c76e66710@pc33.example.com');
    expect(offer.sipCallId).to.equal('a84b4c76e66710@pc33.example.com');
  });
});

describe('SIP header contract: hostile and broken input', () => {
  it('leaves every field blank (and the kind voice) when nothing is sent', () => {
    const offer = readCallOffer(invite({}));
    expect(offer).to.deep.equal({
      callId: 'abc123@10.0.0.1',
      sipCallId: 'abc123@10.0.0.1',
      kind: 'voice',
      callerName: '',
      callerNumber: '',
      queue: '',
      location: '',
      adSource: '',
      callbackNumber: '',
      callbackAttempt: undefined,
    });
  });

  it('keeps HTML and script in a caller name as plain text, quotes unescaped', () => {
    const offer = readCallOffer(invite({}, { name: '<script>alert(\\"x\\")</script> O\'Brien <img src=x onerror=alert(1)>' }));
    expect(offer.callerName).to.equal('<script>alert("x")</script> O\'Brien <img src=x onerror=alert(1)>');
  });

  it('undoes every quoted-pair of a display name the SIP parser unquoted: an escaped tab is a space, an escaped letter the letter', () => {
    expect(readCallOffer(invite({}, { name: 'java\\\tscript: \\a\\b \\"x\\"' })).callerName).to.equal('java script: ab "x"');
  });

  it('reads the first identity of P-Asserted-Identity when its display name holds escaped quotes and commas', () => {
    const offer = readCallOffer(invite({ 'P-Asserted-Identity': '"Doe, \\"JD\\", data:text/html,x" <sip:+15550001111@a.example>, <tel:+15550002222>' }, { name: 'Platform', user: 'gateway' }));
    expect(offer.callerName).to.equal('Doe, "JD", data:text/html,x');
    expect(offer.callerNumber).to.equal('+15550001111');
  });

  it('decodes a still-quoted display name', () => {
    expect(readCallOffer(invite({}, { name: '"Bobby \\"Tables\\" \\\\ Jr"' })).callerName).to.equal('Bobby "Tables" \\ Jr');
  });

  it('strips control characters, terminal escapes and invisible characters', () => {
    const offer = readCallOffer(
      invite({
        'X-CP-Queue': 'Sa\u0000les\u0007 \u001b[31mUrgent\u001b[0m\u007f',
        'X-CP-Location': '\u202eevil\u202c\u200b place\u0085',
        'X-CP-Ad-Source': '\r\nInjected: header\r\n',
      }),
    );
    expect(offer.queue).to.equal('Sales Urgent');
    expect(offer.location).to.equal('evil place');
    expect(offer.adSource).to.equal('Injected: header');
  });

  it('blanks a field made only of control characters', () => {
    expect(readCallOffer(invite({ 'X-CP-Queue': '\u0001\u0007\u001b[31m\u007f' })).queue).to.equal('');
    expect(readCallOffer(invite({ 'X-CP-Queue': '   \t  ' })).queue).to.equal('');
  });

  it('decodes %-escapes, but keeps a lone % and invalid escapes as they are', () => {
    expect(readCallOffer(invite({ 'X-CP-Queue': 'Caf%C3%A9%20Support' })).queue).to.equal('Café Support');
    expect(readCallOffer(invite({ 'X-CP-Ad-Source': '50% off %ZZ %C3' })).adSource).to.equal('50% off %ZZ %C3');
    expect(readCallOffer(invite({ 'X-CP-Ad-Source': '%00%0d%0a%3Cscript%3E' })).adSource).to.equal('<script>');
  });

  it('caps overlong fields at 128 characters without splitting a character', () => {
    const offer = readCallOffer(invite({ 'X-CP-Location': '9'.repeat(600), 'X-CP-Queue': '😀'.repeat(200) }));
    expect(offer.location).to.equal('9'.repeat(128));
    expect(Array.from(offer.queue)).to.have.length(128);
    expect(offer.queue).to.equal('😀'.repeat(128));
  });

  it('accepts only conservative interaction ids and falls back to the Call-ID', () => {
    const ok = ['int-1', 'A.b_c:d@e+f', 'x'.repeat(255)];
    const bad = ['', ' ', '<script>', 'a b', 'id;drop', '"quoted"', '-leading-dash', 'x'.repeat(256), 'ünïcode', 'a\u0000b', '../../etc'];
    for (const id of ok) expect(readCallOffer(invite({ 'X-CP-Interaction-Id': id })).callId, id).to.equal(id);
    for (const id of bad) expect(readCallOffer(invite({ 'X-CP-Interaction-Id': id })).callId, JSON.stringify(id)).to.equal('abc123@10.0.0.1');
  });

  it('trims spaces around a valid interaction id', () => {
    expect(cleanId('  int-7  ')).to.equal('int-7');
  });

  it('ignores an unknown X-CP-Kind and a malformed callback attempt', () => {
    const offer = readCallOffer(invite({ 'X-CP-Kind': 'hologram', 'X-CP-Callback-Attempt': 'two' }));
    expect(offer.kind).to.equal('voice');
    expect(offer.callbackAttempt).to.equal(undefined);
    for (const attempt of ['0', '-1', '1.5', '1e3', '99999', '', ' 3 ']) {
      const value = readCallOffer(invite({ 'X-CP-Callback-Attempt': attempt })).callbackAttempt;
      expect(value, JSON.stringify(attempt)).to.equal(attempt === ' 3 ' ? 3 : undefined);
    }
  });

  it('never throws, even when reading a header throws or fields have the wrong type', () => {
    const broken: InviteFields = {
      header: () => {
        throw new Error('parser exploded');
      },
      sipCallId: 42 as unknown as string,
      fromDisplayName: {} as unknown as string,
      fromUser: null as unknown as string,
      sdp: 7 as unknown as string,
    };
    const offer = readCallOffer(broken);
    expect(offer.callerName).to.equal('');
    expect(offer.callerNumber).to.equal('');
    expect(offer.queue).to.equal('');
    expect(offer.callId).to.equal('');
  });

  it('strips whitespace and controls from the SIP Call-ID', () => {
    expect(readCallOffer(invite({}, {}, undefined, ' abc\u0000 def@h ')).sipCallId).to.equal('abcdef@h');
  });
});

describe('SIP header contract: caller numbers', () => {
  const cases: Array<[string | undefined, string]> = [
    ['+15551234567', '+15551234567'],
    ['+1 (555) 123-4567', '+1 (555) 123-4567'],
    ['%2B1%20555%20123%204567', '+1 555 123 4567'],
    ['555.123.4567', '555.123.4567'],
    ['+1-800-FLOWERS', '+1-800-FLOWERS'],
    ['+15551234567;ext=89', '+15551234567 ext. 89'],
    ['5551234567 x 12', '5551234567 ext. 12'],
    ['+15551234567;phone-context=example.com', '+15551234567'],
    ['1+2+3', '123'],
    ['anonymous', ''],
    ['Anonymous', ''],
    ['unknown', ''],
    ['restricted', ''],
    ['private', ''],
    ['', ''],
    [undefined, ''],
    ['alice', ''],
    ['agent7', ''],
    ['12', ''],
    ['<script>alert(1)</script>', ''],
    ["'; DROP TABLE Lead; --", ''],
    ['555*123#4567', '5551234567'],
    ['+1 555\u0000 123\u001b[0m 4567', '+1 555 123 4567'],
    ['9'.repeat(100), '9'.repeat(64)],
  ];
  for (const [raw, expected] of cases) {
    it(`reads ${JSON.stringify(raw)} as ${JSON.stringify(expected)}`, () => {
      expect(cleanNumber(raw)).to.equal(expected);
      expect(readCallOffer(invite({}, { user: raw })).callerNumber).to.equal(expected);
    });
  }

  it('reads an anonymous P-Asserted-Identity as a withheld number and no name, not From\'s', () => {
    const offer = readCallOffer(invite({ 'P-Asserted-Identity': '"Anonymous" <sip:anonymous@anonymous.invalid>' }, { user: '+15550001111' }));
    expect(offer.callerNumber).to.equal('');
    expect(offer.callerName, '"Anonymous" says who the caller is not: the name is blank').to.equal('');
  });

  it('reads a display name that only says the caller is withheld as no name; a real name stays', () => {
    for (const withheld of ['Anonymous', 'anonymous', 'Unknown', 'Restricted', 'PRIVATE', 'Unavailable', 'Withheld']) {
      expect(readCallOffer(invite({}, { name: withheld, user: 'anonymous' })).callerName, withheld).to.equal('');
    }
    expect(readCallOffer(invite({}, { name: 'Anonymous Ltd', user: '+15550001111' })).callerName).to.equal('Anonymous Ltd');
  });
});

describe('SIP header contract: building blocks', () => {
  it('parses name-addr and addr-spec forms', () => {
    expect(parseNameAddr('"A \\"B\\"" <sip:+1555@h>;tag=1')).to.deep.equal({ displayName: '"A \\"B\\""', user: '+1555' });
    expect(parseNameAddr('Bob <sips:bob@h:5061;transport=tls>')).to.deep.equal({ displayName: 'Bob', user: 'bob' });
    expect(parseNameAddr('sip:carol@h;user=phone')).to.deep.equal({ displayName: '', user: 'carol' });
    expect(parseNameAddr('<sip:h.example>')).to.deep.equal({ displayName: '', user: '' });
    expect(parseNameAddr('tel:+4930123;ext=5')).to.deep.equal({ displayName: '', user: '+4930123;ext=5' });
    for (const bad of [undefined, '', 'x', '<>', '<mailto:a@b>', '"a" <sip:a@b', 'sip:a@b c', 'x'.repeat(3000)]) {
      expect(parseNameAddr(bad), String(bad).slice(0, 20)).to.equal(undefined);
    }
  });

  it('cleans text: unquotes, decodes, single-spaces', () => {
    expect(cleanText('"  Hello \\"World\\"  "')).to.equal('Hello "World"');
    expect(cleanText('a\tb\nc\r\nd')).to.equal('a b c d');
    expect(cleanText(undefined)).to.equal('');
    expect(cleanText('abcdef', 3)).to.equal('abc');
  });
});
