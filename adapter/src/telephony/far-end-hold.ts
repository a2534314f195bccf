/**
 * Whether the far end put the agent on hold: its re-INVITE offers the audio stream
 * a=sendonly or a=inactive (RFC 3264 section 8.4), or, the older way, a connection address
 * of 0.0.0.0 (RFC 2543). calls.ts reads each re-INVITE of the far end it answered 200 with
 * through this, and the phone tells its listener (heldByFarEnd): the agent sees "Held by the
 * caller" rather than wondering why the caller went quiet.
 */

/** The direction attribute of an SDP part (session level or one media section), if it has one. */
function directionOf(lines: readonly string[]): string | undefined {
  return lines.find((line) => /^a=(sendrecv|sendonly|recvonly|inactive)\s*$/.test(line))?.slice(2).trim();
}

function nullAddress(lines: readonly string[]): boolean {
  return lines.some((line) => /^c=IN IP4 0\.0\.0\.0\s*$/.test(line));
}

/**
 * True when `sdp` (the far end's offer) holds the agent, false when it offers audio both
 * ways or to the agent, undefined when there is no audio offer to read (no body, a late
 * offer, no audio stream, or text that is no SDP).
 */
export function offerHoldsUs(sdp: string | undefined): boolean | undefined {
  if (typeof sdp !== 'string' || !sdp.startsWith('v=')) return undefined;
  const lines = sdp.split(/\r?\n/);
  const firstMedia = lines.findIndex((line) => line.startsWith('m='));
  if (firstMedia < 0) return undefined;
  const session = lines.slice(0, firstMedia);
  const audioStart = lines.findIndex((line) => line.startsWith('m=audio '));
  if (audioStart < 0) return undefined;
  const audioEnd = lines.findIndex((line, index) => index > audioStart && line.startsWith('m='));
  const audio = lines.slice(audioStart, audioEnd < 0 ? undefined : audioEnd);
  if (/^m=audio 0 /.test(audio[0] ?? '')) return undefined; // the stream is refused, not held
  const direction = directionOf(audio) ?? directionOf(session) ?? 'sendrecv';
  return direction === 'sendonly' || direction === 'inactive' || nullAddress(audio) || (!audio.some((line) => line.startsWith('c=')) && nullAddress(session));
}
