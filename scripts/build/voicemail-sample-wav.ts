/**
 * The sample voicemail message force-app offers (ContactPad Voicemail Message "Please call us
 * back", Audio URL /resource/contactpad/voicemail-sample.wav): made here from sine tones rather
 * than taken from anywhere, a two-fold rising chime (660, 880, 1320 Hz) that stands for the
 * words an admin would record, 2.6 seconds, so a dropped message is short to wait for in the
 * tests. 8 kHz mono 8-bit PCM WAV (pcm-wav.ts's writer, as the ringtone: every browser decodes it; 8 kHz is
 * what a telephone line carries anyway), 20,844 bytes. `npm run build` copies the committed
 * app/assets/voicemail-sample.wav into the contactpad static resource beside main.js.
 *
 * Run `node scripts/build/voicemail-sample-wav.ts` to write the file again;
 * voicemail-sample-wav.test.ts checks that the committed file is what this makes.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { VOICEMAIL_SAMPLE_SOURCE } from './bundle-paths.ts';
import { pcmMonoWav } from './pcm-wav.ts';

/** Samples a second. */
export const VOICEMAIL_SAMPLE_RATE = 8000;

/** The message: [Hz (0 = silence), seconds] in order. */
export const VOICEMAIL_SAMPLE_NOTES: readonly (readonly [number, number])[] = [
  [660, 0.3],
  [880, 0.3],
  [1320, 0.5],
  [0, 0.4],
  [660, 0.3],
  [880, 0.3],
  [1320, 0.5],
];

/** The tones the message is made of (what a listener at the far end can look for). */
export const VOICEMAIL_SAMPLE_TONES_HZ: readonly number[] = [660, 880, 1320];

/** Each note's peak as a share of full scale. */
const LEVEL = 0.6;
/** Each note fades in and out over this long, so it starts and stops without a click. */
const FADE_SECONDS = 0.01;

/** The message's bytes. */
export function voicemailSampleWav(): Buffer {
  const total = VOICEMAIL_SAMPLE_NOTES.reduce((sum, [, seconds]) => sum + Math.round(seconds * VOICEMAIL_SAMPLE_RATE), 0);
  const samples = Buffer.alloc(total, 128); // 128: silence in unsigned 8-bit PCM
  const fade = Math.round(FADE_SECONDS * VOICEMAIL_SAMPLE_RATE);
  let from = 0;
  for (const [hz, seconds] of VOICEMAIL_SAMPLE_NOTES) {
    const to = from + Math.round(seconds * VOICEMAIL_SAMPLE_RATE);
    for (let i = from; hz > 0 && i < to; i++) {
      const envelope = Math.min(1, (i - from) / fade, (to - 1 - i) / fade);
      samples[i] = Math.round(128 + 127 * LEVEL * envelope * Math.sin((2 * Math.PI * hz * (i - from)) / VOICEMAIL_SAMPLE_RATE));
    }
    from = to;
  }
  return pcmMonoWav(samples, VOICEMAIL_SAMPLE_RATE, 8);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const bytes = voicemailSampleWav();
  writeFileSync(VOICEMAIL_SAMPLE_SOURCE, bytes);
  console.log(`Wrote ${VOICEMAIL_SAMPLE_SOURCE} (${bytes.length} bytes).`);
}
