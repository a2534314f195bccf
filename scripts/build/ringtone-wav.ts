/**
 * ContactPad's ringtone, made here from sine tones rather than taken from anywhere: the
 * British ring (BT SIN 350, ITU-T E.180 Supplement 2: 400 Hz + 450 Hz, on 0.4 s, off 0.2 s,
 * on 0.4 s, off 2 s), one 3-second cycle that the ringer loops. Written as 8 kHz mono 8-bit
 * PCM WAV (24,044 bytes; WAV because every browser's <audio> plays it, no encoder needed;
 * 8 kHz because a ring has nothing above 450 Hz). `npm run build` copies the committed
 * app/assets/ringtone.wav into the contactpad static resource beside main.js.
 *
 * Run `node scripts/build/ringtone-wav.ts` to write the file again; ringtone-wav.test.ts
 * checks that the committed file is what this makes.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RINGTONE_SOURCE } from './bundle-paths.ts';
import { pcmMonoWav } from './pcm-wav.ts';

/** Samples a second: telephone band, plenty for 400 and 450 Hz. */
export const RINGTONE_SAMPLE_RATE = 8000;

/** One cycle: [seconds, tone on] in order. */
export const RINGTONE_CADENCE: readonly (readonly [number, boolean])[] = [
  [0.4, true],
  [0.2, false],
  [0.4, true],
  [2.0, false],
];

/** The two tones sounded together. */
export const RINGTONE_FREQUENCIES_HZ: readonly number[] = [400, 450];

/** Each tone's peak as a share of full scale (both together peak at 0.8: no clipping). */
const LEVEL = 0.4;
/** Each burst fades in and out over this long, so it starts and stops without a click. */
const FADE_SECONDS = 0.01;

/** The ringtone's bytes: a RIFF/WAVE file, PCM (format 1), mono, 8 bits unsigned. */
export function ringtoneWav(): Buffer {
  const bursts: { from: number; to: number }[] = [];
  let at = 0;
  for (const [seconds, on] of RINGTONE_CADENCE) {
    const length = Math.round(seconds * RINGTONE_SAMPLE_RATE);
    if (on) bursts.push({ from: at, to: at + length });
    at += length;
  }
  const fade = Math.round(FADE_SECONDS * RINGTONE_SAMPLE_RATE);
  const samples = Buffer.alloc(at, 128); // 128: silence in unsigned 8-bit PCM
  for (const { from, to } of bursts) {
    for (let i = from; i < to; i++) {
      const t = (i - from) / RINGTONE_SAMPLE_RATE;
      const envelope = Math.min(1, (i - from) / fade, (to - 1 - i) / fade);
      const value = RINGTONE_FREQUENCIES_HZ.reduce((sum, hz) => sum + LEVEL * Math.sin(2 * Math.PI * hz * t), 0);
      samples[i] = Math.max(0, Math.min(255, Math.round(128 + 127 * envelope * value)));
    }
  }
  return pcmMonoWav(samples, RINGTONE_SAMPLE_RATE, 8);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const bytes = ringtoneWav();
  writeFileSync(RINGTONE_SOURCE, bytes);
  console.log(`Wrote ${RINGTONE_SOURCE} (${bytes.length} bytes).`);
}
