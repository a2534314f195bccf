/**
 * SDP bodies for the SIP server's tests, shaped like what real peers send, and a reader for the
 * SDP a peer received (one audio m-line is all these tests need).
 */

/** A carrier's or PBX's offer (or answer): plain RTP (RTP/AVP), no ICE, no DTLS. Codecs by payload type. */
export function plainSdp(options: { ip?: string; port?: number; formats?: readonly number[]; direction?: string } = {}): string {
  const ip = options.ip ?? '127.0.0.3';
  const formats = options.formats ?? [0, 8, 101];
  const names: Record<number, string> = { 0: 'PCMU/8000', 8: 'PCMA/8000', 9: 'G722/8000', 18: 'G729/8000', 101: 'telephone-event/8000' };
  return [
    'v=0',
    `o=carrier 1700 1 IN IP4 ${ip}`,
    's=-',
    `c=IN IP4 ${ip}`,
    't=0 0',
    `m=audio ${options.port ?? 6000} RTP/AVP ${formats.join(' ')}`,
    ...formats.map((pt) => `a=rtpmap:${pt} ${names[pt] ?? 'unknown/8000'}`),
    ...(formats.includes(101) ? ['a=fmtp:101 0-16'] : []),
    'a=ptime:20',
    `a=${options.direction ?? 'sendrecv'}`,
    '',
  ].join('\r\n');
}

const FINGERPRINT = '7B:8B:F0:65:5F:78:E2:51:3B:AC:6F:F3:3F:46:1B:35:DC:B8:5F:64:1A:24:C2:43:F0:A1:58:D0:A1:2C:19:08';

/**
 * What Chromium puts in an offer or answer once ICE gathering is done (sip.js waits for it):
 * UDP/TLS/RTP/SAVPF, a host candidate, ICE credentials, a DTLS fingerprint, rtcp-mux, opus first.
 */
export function webrtcSdp(options: { ip?: string; port?: number; setup?: 'actpass' | 'active' | 'passive'; direction?: string; formats?: readonly number[] } = {}): string {
  const ip = options.ip ?? '127.0.0.1';
  const port = options.port ?? 50000;
  const formats = options.formats ?? [111, 9, 0, 8, 126];
  const rtpmaps: Record<number, string[]> = {
    111: ['a=rtpmap:111 opus/48000/2', 'a=rtcp-fb:111 transport-cc', 'a=fmtp:111 minptime=10;useinbandfec=1'],
    9: ['a=rtpmap:9 G722/8000'],
    0: ['a=rtpmap:0 PCMU/8000'],
    8: ['a=rtpmap:8 PCMA/8000'],
    126: ['a=rtpmap:126 telephone-event/8000'],
    101: ['a=rtpmap:101 telephone-event/8000'],
  };
  return [
    'v=0',
    `o=- 4611731400430051336 2 IN IP4 ${ip}`,
    's=-',
    't=0 0',
    'a=group:BUNDLE 0',
    'a=msid-semantic: WMS local',
    `m=audio ${port} UDP/TLS/RTP/SAVPF ${formats.join(' ')}`,
    `c=IN IP4 ${ip}`,
    'a=rtcp:9 IN IP4 0.0.0.0',
    `a=candidate:1 1 udp 2122260223 ${ip} ${port} typ host generation 0`,
    'a=ice-ufrag:Tst1',
    'a=ice-pwd:testtesttesttesttesttest',
    'a=ice-options:trickle',
    `a=fingerprint:sha-256 ${FINGERPRINT}`,
    `a=setup:${options.setup ?? 'actpass'}`,
    'a=mid:0',
    `a=${options.direction ?? 'sendrecv'}`,
    'a=msid:local track',
    'a=rtcp-mux',
    ...formats.flatMap((pt) => rtpmaps[pt] ?? []),
    'a=ssrc:1234 cname:test',
    '',
  ].join('\r\n');
}

/** The audio m-line of an SDP body, read for what the tests check. */
export interface AudioMedia {
  /** Transport protocol: RTP/AVP, UDP/TLS/RTP/SAVPF... */
  readonly proto: string;
  readonly port: number;
  /** Payload types, in order. */
  readonly formats: readonly number[];
  /** The connection address in force for the m-line (its own c= or the session's). */
  readonly address: string | undefined;
  /** Every a= line of the m-line and the session, without "a=". */
  readonly attributes: readonly string[];
  /** a=candidate lines, without "a=candidate:". */
  readonly candidates: readonly string[];
  has(attribute: string): boolean;
  value(attribute: string): string | undefined;
  /** sendrecv, sendonly, recvonly or inactive (sendrecv when none is said). */
  readonly direction: string;
}

/** Reads the first audio m-line of `sdp`; throws when there is none. */
export function audioOf(sdp: string): AudioMedia {
  const lines = sdp.split(/\r?\n/).filter(Boolean);
  const mIndex = lines.findIndex((line) => line.startsWith('m=audio '));
  if (mIndex < 0) throw new Error(`no audio m-line in:\n${sdp}`);
  const session = lines.slice(0, mIndex);
  const nextM = lines.findIndex((line, i) => i > mIndex && line.startsWith('m='));
  const media = lines.slice(mIndex + 1, nextM < 0 ? undefined : nextM);
  const [, port = '0', proto = '', ...formats] = lines[mIndex]!.slice(2).split(' ');
  const connection = [...media, ...session].find((line) => line.startsWith('c='));
  const attributes = [...session, ...media].filter((line) => line.startsWith('a=')).map((line) => line.slice(2));
  const named = (attribute: string) => attributes.find((a) => a === attribute || a.startsWith(`${attribute}:`));
  return {
    proto,
    port: Number(port),
    formats: formats.map(Number),
    address: connection?.split(' ')[2],
    attributes,
    candidates: attributes.filter((a) => a.startsWith('candidate:')).map((a) => a.slice('candidate:'.length)),
    has: (attribute) => named(attribute) !== undefined,
    value: (attribute) => {
      const found = named(attribute);
      return found === undefined || !found.includes(':') ? undefined : found.slice(attribute.length + 1);
    },
    direction: ['sendonly', 'recvonly', 'inactive', 'sendrecv'].find((d) => attributes.includes(d)) ?? 'sendrecv',
  };
}
