/**
 * The ringtone shipped in the static resource: the committed app/assets/ringtone.wav is what
 * ringtone-wav.ts makes (the British ring cadence in 400 + 450 Hz), a small plain WAV every
 * browser plays, and `npm run build`'s rollup config copies it beside main.js unchanged.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { rollup, type OutputOptions, type Plugin, type RollupOptions } from 'rollup';
import { PROJECT_ROOT, RINGTONE_FILE_NAME, RINGTONE_SOURCE } from './bundle-paths.ts';
import { RINGTONE_CADENCE, RINGTONE_SAMPLE_RATE, ringtoneWav } from './ringtone-wav.ts';

/** The samples of a PCM WAV (8-bit unsigned, centred on 128) as -1..1. */
function samplesOf(wav: Buffer): number[] {
  const size = wav.readUInt32LE(40);
  return [...wav.subarray(44, 44 + size)].map((byte) => (byte - 128) / 127);
}

/** Root mean square of a stretch of samples. */
function rms(samples: readonly number[]): number {
  return Math.sqrt(samples.reduce((sum, value) => sum + value * value, 0) / Math.max(1, samples.length));
}

describe('the ringtone', () => {
  it('the committed file is what ringtone-wav.ts makes (run `node scripts/build/ringtone-wav.ts` after changing it)', async () => {
    assert.deepEqual(await readFile(RINGTONE_SOURCE), ringtoneWav());
  });

  it('is a small mono 8 kHz PCM WAV: one 3-second ring cycle, 24,044 bytes', () => {
    const wav = ringtoneWav();
    assert.equal(wav.toString('latin1', 0, 4), 'RIFF');
    assert.equal(wav.toString('latin1', 8, 12), 'WAVE');
    assert.equal(wav.readUInt16LE(20), 1, 'PCM');
    assert.equal(wav.readUInt16LE(22), 1, 'mono');
    assert.equal(wav.readUInt32LE(24), RINGTONE_SAMPLE_RATE);
    assert.equal(wav.readUInt32LE(4), wav.length - 8, 'RIFF size');
    assert.equal(wav.readUInt32LE(40) / RINGTONE_SAMPLE_RATE, 3, 'seconds');
    assert.equal(wav.length, 24_044);
  });

  it('rings the British cadence: tone 0.4 s, silence 0.2 s, tone 0.4 s, silence 2 s', () => {
    const samples = samplesOf(ringtoneWav());
    let at = 0;
    for (const [seconds, on] of RINGTONE_CADENCE) {
      const length = seconds * RINGTONE_SAMPLE_RATE;
      // The middle of each stretch (away from the 10 ms fades).
      const middle = samples.slice(at + 160, at + length - 160);
      if (on) assert.ok(rms(middle) > 0.3, `tone at ${at / RINGTONE_SAMPLE_RATE} s`);
      else assert.equal(rms(middle), 0, `silence at ${at / RINGTONE_SAMPLE_RATE} s`);
      at += length;
    }
    assert.ok(Math.max(...samples.map(Math.abs)) <= 1, 'never clips');
  });

  it('npm run build copies it into the static resource beside main.js', async () => {
    // rollup.config.mjs builds the Open CTI app first, then Service Cloud Voice's scv.js.
    const configs = ((await import(pathToFileURL(join(PROJECT_ROOT, 'rollup.config.mjs')).href)) as { default: RollupOptions | RollupOptions[] }).default;
    const config = Array.isArray(configs) ? (configs[0] as RollupOptions) : configs;
    const entry = join(PROJECT_ROOT, 'app', '__ringtone-test-entry__.ts');
    const source: Plugin = { name: 'test-entry', resolveId: (id) => (id === entry ? entry : null), load: (id) => (id === entry ? 'export const x = 1;' : null) };
    const plugins = (config.plugins as Plugin[]).filter((plugin) => plugin.name !== 'contactpad-clean-output');
    const bundle = await rollup({ ...config, input: { main: entry }, plugins: [source, ...plugins] });
    try {
      const { output } = await bundle.generate(config.output as OutputOptions);
      const copied = output.find((file) => file.fileName === RINGTONE_FILE_NAME);
      assert.ok(copied && copied.type === 'asset', 'ringtone.wav is in the static resource');
      assert.deepEqual(Buffer.from(copied.source), await readFile(RINGTONE_SOURCE));
    } finally {
      await bundle.close();
    }
  });
});
