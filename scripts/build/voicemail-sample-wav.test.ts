/**
 * The sample voicemail message shipped in the static resource: the committed
 * app/assets/voicemail-sample.wav is what voicemail-sample-wav.ts makes, a small plain WAV every
 * browser decodes, holding the chime's notes where they should be (the end-to-end suite listens
 * for them at the far end of a dropped call).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { VOICEMAIL_SAMPLE_SOURCE } from './bundle-paths.ts';
import { VOICEMAIL_SAMPLE_NOTES, VOICEMAIL_SAMPLE_RATE, VOICEMAIL_SAMPLE_TONES_HZ, voicemailSampleWav } from './voicemail-sample-wav.ts';
import { toneLevels } from '../../e2e/support/tones.ts';

describe('the sample voicemail message', () => {
  it('the committed file is what voicemail-sample-wav.ts makes (run `node scripts/build/voicemail-sample-wav.ts` after changing it)', async () => {
    assert.deepEqual(await readFile(VOICEMAIL_SAMPLE_SOURCE), voicemailSampleWav());
  });

  it('is a small mono 8 kHz 8-bit PCM WAV of 2.6 s (20,844 bytes)', () => {
    const wav = voicemailSampleWav();
    assert.deepEqual([wav.toString('latin1', 0, 4), wav.toString('latin1', 8, 12)], ['RIFF', 'WAVE']);
    assert.deepEqual([wav.readUInt16LE(20), wav.readUInt16LE(22), wav.readUInt32LE(24), wav.readUInt16LE(34)], [1, 1, VOICEMAIL_SAMPLE_RATE, 8]);
    assert.equal(wav.readUInt32LE(40) / VOICEMAIL_SAMPLE_RATE, 2.6);
    assert.equal(wav.length, 20_844);
  });

  it('sounds each note at its own pitch, and is silent in the pause', () => {
    const wav = voicemailSampleWav();
    const samples = [...wav.subarray(44)].map((byte) => (byte - 128) / 127);
    let at = 0;
    for (const [hz, seconds] of VOICEMAIL_SAMPLE_NOTES) {
      const length = Math.round(seconds * VOICEMAIL_SAMPLE_RATE);
      const middle = samples.slice(at + 160, at + length - 160);
      if (hz === 0) assert.ok(middle.every((sample) => sample === 0), `silence at ${at / VOICEMAIL_SAMPLE_RATE} s`);
      else {
        const levels = toneLevels({ sampleRate: VOICEMAIL_SAMPLE_RATE, samples: Float64Array.from(middle) }, VOICEMAIL_SAMPLE_TONES_HZ);
        for (const tone of VOICEMAIL_SAMPLE_TONES_HZ) {
          // dB of full scale: the note near its peak (0.6 of full scale, -4.4 dB), the others 40 dB or more below it.
          if (tone === hz) assert.ok((levels[tone] ?? -200) >= -6, `${hz} Hz at ${at / VOICEMAIL_SAMPLE_RATE} s: ${JSON.stringify(levels)}`);
          else assert.ok((levels[tone] ?? 0) < -45, `no ${tone} Hz in the ${hz} Hz note: ${JSON.stringify(levels)}`);
        }
      }
      at += length;
    }
  });
});
