/**
 * Tones to tell the parties of a call apart, and the check that a party hears another: each
 * party sends a tone of its own frequency (the agent's fake microphone plays a WAV written
 * here, the colleague's phone 440 Hz, baresip the tone it is started with), and what a party
 * receives is measured per frequency with the Goertzel algorithm (for baresip, on the WAV its
 * sndfile module records; in a browser, remoteToneLevels of scripts/console/page/sip-phone.ts,
 * with Web Audio's analyser). Both say dB: a tone heard reads above -60, one not heard below -80.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openReadySession, type ConsoleSession } from './console-session.ts';
import { pcmMonoWav } from '../../scripts/build/pcm-wav.ts';

/** Writes `seconds` of a `hz` sine, 16-bit PCM mono at `sampleRate`, as a WAV file (Chromium loops it as the fake microphone). */
export function writeToneWav(path: string, hz: number, seconds = 10, sampleRate = 48_000): void {
  const count = Math.round(seconds * sampleRate);
  const data = Buffer.alloc(count * 2);
  for (let index = 0; index < count; index++) data.writeInt16LE(Math.round(Math.sin((2 * Math.PI * hz * index) / sampleRate) * 12_000), index * 2);
  writeFileSync(path, pcmMonoWav(data, sampleRate, 16));
}

/** A WAV's 16-bit PCM samples (the first channel) and rate. */
export interface Pcm {
  readonly sampleRate: number;
  readonly samples: Float64Array;
}

/**
 * Reads a 16-bit PCM WAV, the first channel. A file still being written may say a data size
 * of 0 or more than it holds: everything after the data chunk's header is read.
 */
export function readWav(wav: Buffer): Pcm {
  if (wav.length < 12 || wav.toString('ascii', 0, 4) !== 'RIFF' || wav.toString('ascii', 8, 12) !== 'WAVE') return { sampleRate: 8000, samples: new Float64Array(0) };
  let offset = 12;
  let channels = 1;
  let sampleRate = 8000;
  while (offset + 8 <= wav.length) {
    const id = wav.toString('ascii', offset, offset + 4);
    const size = wav.readUInt32LE(offset + 4);
    if (id === 'fmt ') {
      channels = wav.readUInt16LE(offset + 10);
      sampleRate = wav.readUInt32LE(offset + 12);
      if (wav.readUInt16LE(offset + 22) !== 16) throw new Error('readWav: only 16-bit PCM');
    } else if (id === 'data') {
      const start = offset + 8;
      const frames = Math.floor((wav.length - start) / (2 * channels));
      const samples = new Float64Array(frames);
      for (let frame = 0; frame < frames; frame++) samples[frame] = wav.readInt16LE(start + frame * 2 * channels) / 32768;
      return { sampleRate, samples };
    }
    offset += 8 + size + (size % 2);
  }
  return { sampleRate, samples: new Float64Array(0) };
}

/** The amplitude of the `hz` component of `samples` (Goertzel): 1 for a full-scale sine of that frequency. */
function amplitudeOf(samples: Float64Array, sampleRate: number, hz: number): number {
  const coefficient = 2 * Math.cos((2 * Math.PI * hz) / sampleRate);
  let previous = 0;
  let beforePrevious = 0;
  for (const sample of samples) {
    const current = sample + coefficient * previous - beforePrevious;
    beforePrevious = previous;
    previous = current;
  }
  const power = previous * previous + beforePrevious * beforePrevious - coefficient * previous * beforePrevious;
  return (2 * Math.sqrt(Math.max(0, power))) / Math.max(1, samples.length);
}

/**
 * How loud each of `frequencies` is in `pcm`, in dB of full scale: a tone sent at a speaking
 * level reads above -60 dBFS, silence and a codec's leftovers far below -80 (no samples: -200).
 */
export function toneLevels(pcm: Pcm, frequencies: readonly number[]): Record<number, number> {
  return Object.fromEntries(frequencies.map((hz) => [hz, Math.round(20 * Math.log10(amplitudeOf(pcm.samples, pcm.sampleRate, hz) + 1e-10))]));
}

/** The samples of `pcm` from `fromSecond` (counted from the start) to its end. */
export function since(pcm: Pcm, fromSecond: number): Pcm {
  return { sampleRate: pcm.sampleRate, samples: pcm.samples.subarray(Math.min(pcm.samples.length, Math.round(fromSecond * pcm.sampleRate))) };
}

/** How many seconds of audio `pcm` holds. */
export function secondsOf(pcm: Pcm): number {
  return pcm.samples.length / pcm.sampleRate;
}

/**
 * A console session whose agent is Ready with a microphone that plays a `hz` tone (a WAV
 * written under .run/e2e-tones/ and played by Chromium's fake microphone); `query` is the
 * console page's (`&customerToneHz=700` gives the customer simulator a tone of its own).
 */
export async function openToneSession(callCenterSettings: Record<string, string>, hz: number, query = ''): Promise<ConsoleSession> {
  const dir = join(fileURLToPath(new URL('../..', import.meta.url)), '.run', 'e2e-tones');
  mkdirSync(dir, { recursive: true });
  const microphone = join(dir, `agent-${hz}hz.wav`);
  writeToneWav(microphone, hz);
  return openReadySession(callCenterSettings, { fakeMicrophoneWav: microphone }, query);
}

/** Polls `read` every `everyMs` until `check` holds (media takes a moment to settle after each change); fails with the last value. */
export async function eventually<T>(what: string, read: () => Promise<T>, check: (value: T) => boolean, timeoutMs = 15_000, everyMs = 500): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (check(value)) return value;
    if (Date.now() > deadline) throw new Error(`${what}: still ${JSON.stringify(value)} after ${timeoutMs} ms`);
    await new Promise((done) => setTimeout(done, everyMs));
  }
}
