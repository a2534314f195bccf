/**
 * A tone as a G.711 μ-law WAV file (8 kHz, mono, 8 bits, WAVE format tag 7), the way SIPp's
 * `rtp_stream` action wants its audio: it skips the WAV header and sends the samples as they
 * are, 160 bytes (20 ms) to a PCMU RTP packet.
 */

/** One 16-bit linear sample as G.711 μ-law (ITU-T G.711, with the usual bias of 0x84). */
export function linearToMuLaw(sample: number): number {
  const BIAS = 0x84;
  const CLIP = 32635;
  let value = Math.max(-32768, Math.min(32767, Math.round(sample)));
  const sign = value < 0 ? 0x80 : 0;
  if (sign) value = -value;
  value = Math.min(value, CLIP) + BIAS;
  let exponent = 7;
  for (let mask = 0x4000; (value & mask) === 0 && exponent > 0; exponent--, mask >>= 1);
  const mantissa = (value >> (exponent + 3)) & 0x0f;
  return ~(sign | (exponent << 4) | mantissa) & 0xff;
}

/** A μ-law WAV of a sine tone: `hz` Hz, `seconds` long, at `level` of full scale (0-1). */
export function muLawToneWav(opts: { hz: number; seconds: number; level?: number }): Buffer {
  const rate = 8000;
  const count = Math.round(rate * opts.seconds);
  const amplitude = 32767 * (opts.level ?? 0.25);
  const samples = Buffer.alloc(count);
  for (let i = 0; i < count; i++) samples[i] = linearToMuLaw(amplitude * Math.sin((2 * Math.PI * opts.hz * i) / rate));
  const header = Buffer.alloc(58);
  header.write('RIFF', 0, 'latin1');
  header.writeUInt32LE(50 + count, 4);
  header.write('WAVE', 8, 'latin1');
  header.write('fmt ', 12, 'latin1');
  header.writeUInt32LE(18, 16); // fmt chunk size (non-PCM formats carry cbSize)
  header.writeUInt16LE(7, 20); // WAVE_FORMAT_MULAW
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(rate, 24);
  header.writeUInt32LE(rate, 28); // bytes a second
  header.writeUInt16LE(1, 32); // block align
  header.writeUInt16LE(8, 34); // bits a sample
  header.writeUInt16LE(0, 36); // cbSize
  header.write('fact', 38, 'latin1');
  header.writeUInt32LE(4, 42);
  header.writeUInt32LE(count, 46);
  header.write('data', 50, 'latin1');
  header.writeUInt32LE(count, 54);
  return Buffer.concat([header, samples]);
}
