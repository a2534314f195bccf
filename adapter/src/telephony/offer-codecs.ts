/**
 * Whether the browser can play any voice codec an INVITE's SDP offer names. rtpengine passes a
 * trunk's codecs through without transcoding (docs/sip-edge.md), so a carrier or PBX that
 * offers only G.729 reaches the browser as a G.729-only offer; Chromium then answers 200 OK with
 * the audio rejected (port 0) and the caller hears silence on a "connected" call. ContactPad
 * refuses such a call with 488 Not Acceptable Here instead (RFC 3261 21.4.26: "the request ...
 * is not acceptable ... the media type(s) ... requested are not supported") and tells the agent.
 *
 * The offer's audio formats are read from its first audio m= line with a port (RFC 4566 5.14),
 * named by that section's a=rtpmap or, for static payload types without one, by RFC 3551's
 * table 4. telephone-event (RFC 4733) and comfort noise (RFC 3389) are no voice and do not count.
 */

/** RFC 3551 table 4: the static audio payload types an offer may use without a=rtpmap. */
const STATIC_AUDIO: Readonly<Record<string, string>> = Object.freeze({
  '0': 'pcmu', '3': 'gsm', '4': 'g723', '5': 'dvi4', '6': 'dvi4', '7': 'lpc', '8': 'pcma', '9': 'g722',
  '10': 'l16', '11': 'l16', '12': 'qcelp', '13': 'cn', '14': 'mpa', '15': 'g728', '16': 'dvi4', '17': 'dvi4', '18': 'g729',
});

/** Encodings that carry no voice. */
const NOT_VOICE = new Set(['telephone-event', 'cn']);

/** The voice codecs (lower-case encoding names) of the offer's audio section, or undefined when it has none with a port. */
export function offeredVoiceCodecs(sdp: string): string[] | undefined {
  const sections = sdp.slice(0, 65_536).split(/\r?\n(?=m=)/);
  const audio = sections.find((section) => /^m=audio\s+[1-9]\d*\s/.test(section));
  if (!audio) return undefined;
  const formats = audio.split(/\r?\n/, 1)[0]!.trim().split(/\s+/).slice(3);
  const names = formats.map((format) => {
    const rtpmap = new RegExp(`^a=rtpmap:${format}\\s+([^/\\s]+)`, 'mi').exec(audio);
    return (rtpmap?.[1] ?? STATIC_AUDIO[format] ?? `payload type ${format}`).toLowerCase();
  });
  return [...new Set(names.filter((name) => !NOT_VOICE.has(name)))];
}

/** The audio codecs this browser decodes (lower-case encoding names), or undefined where it does not say. */
export function browserAudioDecoders(): string[] | undefined {
  // Read once: the browser's decoders do not change while the page lives, and the read costs about a millisecond on every INVITE.
  if (decoders === null) {
    const capabilities = typeof RTCRtpReceiver === 'undefined' ? null : RTCRtpReceiver.getCapabilities?.('audio');
    decoders = capabilities ? capabilities.codecs.map((codec) => (codec.mimeType.split('/')[1] ?? '').toLowerCase()) : undefined;
  }
  return decoders;
}

/** The browser's audio decoders once read (null: not yet). */
let decoders: string[] | undefined | null = null;

/**
 * The offered voice codecs when the browser can play none of them; undefined when it can play
 * one, when the offer has no SDP or no audio (a late offer, video only), or when the browser
 * does not list its decoders (then the call goes ahead as before).
 */
export function unplayableOffer(sdp: string | undefined, decoders: readonly string[] | undefined): string[] | undefined {
  if (sdp === undefined || decoders === undefined) return undefined;
  const offered = offeredVoiceCodecs(sdp);
  if (offered === undefined || offered.length === 0) return undefined;
  return offered.some((codec) => decoders.includes(codec)) ? undefined : offered;
}
