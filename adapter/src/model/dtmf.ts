/**
 * Keypad tones (DTMF) the agent sends on a connected call, from the keypad or the keyboard:
 * which keys there are, how long each tone lasts, and how they travel. Telephony sends them
 * in the call's audio as RFC 4733 telephone-events (WebRTC's RTCDTMFSender), or, where the
 * call center says so (the `dtmfMethod` item) or the call cannot carry them (the far end
 * offered no telephone-event), as SIP INFO requests (application/dtmf-relay).
 */
import { ContactPadError } from './errors.ts';

/** How keypad tones travel (the call center item, settings.ts: it is read at start, this file later). */
export type { DtmfMethod } from './settings.ts';

/** The sixteen keys, in the keypad's order (rows of four: 1 2 3 A, 4 5 6 B, 7 8 9 C, * 0 # D). */
export const DTMF_KEYS = '123A456B789C*0#D';

/** A pause of {@link DTMF_PAUSE_MS} between tones (as RTCDTMFSender.insertDTMF reads a comma). */
export const DTMF_PAUSE = ',';

/** How long each tone lasts (RFC 4733 event duration; the INFO body's Duration). */
export const DTMF_TONE_MS = 160;

/** The silence between two tones (RTCDTMFSender's interToneGap: at least 30 ms). */
export const DTMF_GAP_MS = 70;

/** What a comma waits (RTCDTMFSender's own: W3C webrtc-pc, "insertDTMF", 2 seconds). */
export const DTMF_PAUSE_MS = 2000;

/** The most keys sent at once (a pasted string); more is refused. */
export const DTMF_MAX_KEYS = 64;

/** A character as the agent reads it in a message: quoted, or named when it cannot be seen. */
function shownCharacter(character: string): string {
  if (character === ' ') return 'a space';
  if (/^\s$/u.test(character)) return 'a line break or tab';
  const code = character.codePointAt(0) ?? 0;
  if (code < 0x20 || code === 0x7f) return `the control character U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  return `"${character}"`;
}

/**
 * The tones to send for what the agent typed or pressed: keys 0-9, *, #, A-D (a-d read as
 * A-D) and commas (pauses). Throws INVALID_INPUT for nothing at all, for more than
 * {@link DTMF_MAX_KEYS} characters, and for any other character, naming the first one and its
 * place: nothing is sent then.
 */
export function dtmfTones(typed: string): string {
  const text = typeof typed === 'string' ? typed : '';
  if (text === '') throw new ContactPadError('INVALID_INPUT', 'Press a keypad key to send a tone.');
  const characters = [...text];
  if (characters.length > DTMF_MAX_KEYS) {
    throw new ContactPadError('INVALID_INPUT', `At most ${DTMF_MAX_KEYS} keypad keys are sent at once; nothing was sent.`, { detail: { length: characters.length } });
  }
  let tones = '';
  for (const [index, character] of characters.entries()) {
    const key = character.toUpperCase();
    if (key.length !== 1 || (!DTMF_KEYS.includes(key) && key !== DTMF_PAUSE)) {
      throw new ContactPadError(
        'INVALID_INPUT',
        `${shownCharacter(character)} is not a keypad key (use 0-9, *, #, A-D, or a comma to pause); nothing was sent.`,
        { detail: { character, position: index + 1 } },
      );
    }
    tones += key;
  }
  return tones;
}

/** The SIP INFO body for one tone (application/dtmf-relay, as SIP phones and gateways read it). */
export function dtmfRelayBody(tone: string): string {
  return `Signal=${tone}\r\nDuration=${DTMF_TONE_MS}`;
}
