/**
 * Whether this browser can take an INVITE's SDP offer, decided before the call rings: a call
 * whose offer it cannot take is refused with 488 Not Acceptable Here (RFC 3261 21.4.26) and the
 * agent is told, instead of ringing and failing on Accept with the browser's raw error. Pure:
 * the SDP text (and the browser's audio decoders, offer-codecs.ts) in, a verdict out.
 *
 * What a browser needs of an offer (RFC 8829 JSEP 5.8, RFC 8843 BUNDLE, RFC 8839 ICE, RFC 8842
 * DTLS), checked here as Chromium applies it to setRemoteDescription (offer-check.test.ts holds
 * every rule to Chromium's own verdict on the same SDP, so the check never refuses what the
 * browser takes):
 * - SDP it can read (RFC 8866): `v=`, `o=` (6 fields), `s=` and `t=` in that order, every line
 *   `<lower-case letter>=`, m-lines `m=<media> <port> <proto> <formats>` with a known transport,
 *   payload types 0-127, the attributes that name payload types (rtpmap, fmtp, rtcp-fb,
 *   ssrc, extmap) naming them by number, each a=mid once;
 * - audio or video: at least one m-line with a port (an offer of nothing is no call);
 * - on each m-line that carries its own transport (with a port, and not a follower of a BUNDLE
 *   group): ICE credentials (ice-ufrag 4-256, ice-pwd 22-256 ice-chars), a DTLS fingerprint
 *   whose hash the browser has and whose length is that hash's (a wrong length can never be
 *   verified: media would never flow), a DTLS role it can answer (actpass, active or passive),
 *   and rtcp-mux (the browser's rtcpMuxPolicy is "require");
 * - a voice codec it can play (offer-codecs.ts).
 *
 * A late offer (no SDP) is not judged: the browser makes the offer then. The media gateway
 * (rtpengine, docs/sip-edge.md) rewrites every trunk's plain-RTP offer into one that passes;
 * a plain-RTP offer reaching the browser means the gateway was not in the path.
 */
import type { ErrorCode } from '../model/errors.ts';
import { unplayableOffer } from './offer-codecs.ts';

/** Why an offer cannot be taken (stable names, for tests and logs). */
export type OfferProblem =
  | 'unreadable'
  | 'no-media'
  | 'plain-rtp'
  | 'no-fingerprint'
  | 'bad-fingerprint'
  | 'no-ice-credentials'
  | 'bad-ice-credentials'
  | 'no-rtcp-mux'
  | 'bad-dtls-role'
  | 'codecs';

/** An offer this browser cannot take: why, the notice's code, and the reason in words. */
export interface OfferRefusal {
  readonly problem: OfferProblem;
  readonly code: Extract<ErrorCode, 'CALL_MEDIA_UNPLAYABLE' | 'CALL_CODECS_UNSUPPORTED'>;
  /** What the agent reads after "its media cannot be played here: ". */
  readonly reason: string;
}

interface Section {
  readonly media: string;
  readonly port: number;
  readonly proto: string;
  readonly formats: readonly string[];
  readonly attributes: string[];
}

/** RTP transports the browser knows (RFC 8866 8.2.2's registry as Chromium takes it): the RTP/AVP family over UDP, TLS or DTLS. */
const RTP_PROTO = /^(?:(?:UDP|TCP)\/TLS\/)?RTP\/S?AVPF?$/i;
const SCTP_PROTO = /^(?:(?:UDP|TCP)\/)?DTLS\/SCTP$/i;
/** DTLS fingerprint hashes (RFC 8122 5) the browser accepts, with their digest length in bytes. */
const HASH_BYTES: Readonly<Record<string, number>> = { 'sha-1': 20, 'sha-224': 28, 'sha-256': 32, 'sha-384': 48, 'sha-512': 64 };
const ICE_UFRAG = /^[A-Za-z0-9+/]{4,256}$/;
const ICE_PWD = /^[A-Za-z0-9+/]{22,256}$/;
/** Attributes whose first field is a payload type (rtcp-fb may say * for all). */
const PAYLOAD_ATTRIBUTE = /^(rtpmap|fmtp|rtcp-fb|ssrc|extmap):(\S*)(.*)$/;

const unreadable = (why: string): OfferRefusal => ({ problem: 'unreadable', code: 'CALL_MEDIA_UNPLAYABLE', reason: `its SDP cannot be read (${why})` });
const refusal = (problem: Exclude<OfferProblem, 'unreadable' | 'codecs'>, reason: string): OfferRefusal => ({ problem, code: 'CALL_MEDIA_UNPLAYABLE', reason });

/** The first problem that keeps a line of `lines` from reading as SDP, or undefined. */
function lineProblem(lines: readonly string[]): string | undefined {
  const at = lines.findIndex((line) => !/^[a-z]=/.test(line) || line === 'a=');
  if (at >= 0) return `line ${at + 1} is not an SDP line`;
  const order = lines.slice(0, 3).map((line) => line[0]).join('');
  if (order !== 'vos') return 'it does not start with v=, o= and s=';
  if ((lines[1] ?? '').slice(2).trim().split(/\s+/).length !== 6) return 'its o= line does not have 6 fields';
  const firstMedia = lines.findIndex((line) => line.startsWith('m='));
  if (!lines.slice(0, firstMedia < 0 ? lines.length : firstMedia).some((line) => line.startsWith('t='))) return 'it has no t= line';
  return undefined;
}

/** The m-line's problem, or undefined. */
function mediaLineProblem(line: string): string | undefined {
  const [media = '', port = '', proto = '', ...formats] = line.slice(2).trim().split(/\s+/);
  if (media === '' || formats.length === 0) return `"${line.slice(0, 40)}" has too few fields`;
  if (!/^\d{1,5}$/.test(port) || Number(port) > 65535) return `"${line.slice(0, 40)}" has no valid port`;
  if (RTP_PROTO.test(proto)) return formats.every((format) => /^\d{1,3}$/.test(format) && Number(format) <= 127) ? undefined : `"${line.slice(0, 40)}" names a payload type that is no number from 0 to 127`;
  return SCTP_PROTO.test(proto) ? undefined : `"${line.slice(0, 40)}" uses an unknown transport`;
}

/** The attribute's problem (a payload type that is no number, a candidate too short), or undefined. */
function attributeProblem(attribute: string, rtpmaps: Map<string, string>): string | undefined {
  const payload = PAYLOAD_ATTRIBUTE.exec(attribute);
  if (payload) {
    const [, name = '', first = '', rest = ''] = payload;
    const number = name === 'extmap' ? first.split('/')[0] ?? '' : first;
    const numeric = /^\d+$/.test(number) || (name === 'rtcp-fb' && number === '*');
    if (!numeric || (name === 'fmtp' && rest.trim() === '')) return `"a=${attribute.slice(0, 40)}" cannot be read`;
    if (name === 'rtpmap') {
      const encoding = rest.trim().toLowerCase();
      if (rtpmaps.has(number) && rtpmaps.get(number) !== encoding) return `payload type ${number} is mapped twice`;
      rtpmaps.set(number, encoding);
    }
  }
  if (attribute.startsWith('candidate:') && attribute.split(/\s+/).length < 8) return `"a=${attribute.slice(0, 40)}" cannot be read`;
  return undefined;
}

function attributeValues(attributes: readonly string[], name: string): string[] {
  return attributes.filter((attribute) => attribute.startsWith(`${name}:`)).map((attribute) => attribute.slice(name.length + 1).trim());
}

/** What keeps the browser from setting up this section's own transport (ICE, DTLS, rtcp-mux), or undefined. */
function transportProblem(section: Section, session: readonly string[]): OfferRefusal | undefined {
  const all = [...section.attributes, ...session];
  const fingerprints = attributeValues(all, 'fingerprint');
  if (fingerprints.length === 0) {
    // Plain RTP (RTP/AVP) or SDES keys (RTP/SAVP with a=crypto): a trunk's offer, not rewritten by the gateway.
    return /^RTP\/S?AVP$/i.test(section.proto)
      ? refusal('plain-rtp', 'it offers plain RTP without ICE or DTLS, as a phone line does: the media gateway that turns such calls into WebRTC was not in the path')
      : refusal('no-fingerprint', 'it carries no DTLS fingerprint');
  }
  for (const fingerprint of fingerprints) {
    const [hash = '', digest = '', ...extra] = fingerprint.split(/\s+/);
    const bytes = HASH_BYTES[hash.toLowerCase()];
    if (bytes === undefined || extra.length > 0 || !/^[0-9A-Fa-f]{2}(?::[0-9A-Fa-f]{2})*$/.test(digest) || (digest.length + 1) / 3 !== bytes) {
      return refusal('bad-fingerprint', 'its DTLS fingerprint is malformed');
    }
  }
  const [ufrag] = attributeValues(all, 'ice-ufrag');
  const [pwd] = attributeValues(all, 'ice-pwd');
  if (ufrag === undefined || pwd === undefined) return refusal('no-ice-credentials', 'it carries no ICE credentials (ice-ufrag and ice-pwd)');
  if (!ICE_UFRAG.test(ufrag) || !ICE_PWD.test(pwd)) return refusal('bad-ice-credentials', 'its ICE credentials are malformed');
  const [setup] = attributeValues(all, 'setup');
  if (setup !== undefined && !/^(?:actpass|active|passive)$/i.test(setup)) return refusal('bad-dtls-role', `its DTLS role (a=setup:${setup.slice(0, 20)}) cannot be answered`);
  if (RTP_PROTO.test(section.proto) && !section.attributes.includes('rtcp-mux')) return refusal('no-rtcp-mux', 'it does not offer RTCP multiplexing (rtcp-mux)');
  return undefined;
}

/** The mids that ride on another m-line's transport: every mid of a BUNDLE group but its first. */
function bundleFollowers(session: readonly string[]): Set<string> {
  const followers = new Set<string>();
  for (const group of attributeValues(session, 'group')) {
    const [semantics, , ...rest] = group.split(/\s+/);
    if (semantics?.toUpperCase() === 'BUNDLE') for (const mid of rest) followers.add(mid);
  }
  return followers;
}

/** The session's attributes and its m-sections, or why the SDP cannot be read. */
function readSdp(sdp: string): { session: string[]; sections: Section[] } | OfferRefusal {
  const lines = sdp.split(/\r?\n/);
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  const badLine = lineProblem(lines);
  if (badLine) return unreadable(badLine);
  const session: string[] = [];
  const sections: Section[] = [];
  const rtpmaps = new Map<string, string>();
  for (const line of lines) {
    if (line.startsWith('m=')) {
      const problem = mediaLineProblem(line);
      if (problem) return unreadable(problem);
      const [media = '', port = '', proto = '', ...formats] = line.slice(2).trim().split(/\s+/);
      sections.push({ media: media.toLowerCase(), port: Number(port), proto, formats, attributes: [] });
      rtpmaps.clear();
    } else if (line.startsWith('a=')) {
      const attribute = line.slice(2).trim();
      const problem = attributeProblem(attribute, rtpmaps);
      if (problem) return unreadable(problem);
      (sections.at(-1)?.attributes ?? session).push(attribute);
    }
  }
  const mids = sections.flatMap((section) => attributeValues(section.attributes, 'mid'));
  const twice = mids.find((mid, index) => mids.indexOf(mid) !== index);
  if (twice !== undefined) return unreadable(`two m-lines share a=mid:${twice.slice(0, 20)}`);
  return { session, sections };
}

/**
 * Why this browser cannot take the offer `sdp`, or undefined when it can (or when there is no
 * SDP: a late offer). `decoders`: the browser's audio decoders (offer-codecs.ts
 * browserAudioDecoders); undefined where it does not list them (codecs are then not judged).
 */
export function offerRefusal(sdp: string | undefined, decoders: readonly string[] | undefined): OfferRefusal | undefined {
  if (sdp === undefined || sdp.trim() === '') return undefined;
  const read = readSdp(sdp);
  if ('problem' in read) return read;
  const { session, sections } = read;
  const active = sections.filter((section) => section.port !== 0);
  if (!active.some((section) => section.media === 'audio' || section.media === 'video')) return refusal('no-media', 'it offers no audio');
  const followers = bundleFollowers(session);
  for (const section of active) {
    const [mid] = attributeValues(section.attributes, 'mid');
    if (mid !== undefined && followers.has(mid)) continue;
    const problem = transportProblem(section, session);
    if (problem) return problem;
  }
  const codecs = unplayableOffer(sdp, decoders);
  if (codecs) return { problem: 'codecs', code: 'CALL_CODECS_UNSUPPORTED', reason: `the caller's phone offers only ${codecs.join(', ')}, which this browser cannot play` };
  return undefined;
}
