/**
 * A RIFF/WAVE file of linear PCM samples, mono (format 1; 8-bit samples are unsigned, 128 is
 * silence; 16-bit are signed little-endian): what the shipped sounds (the ringtone, the sample
 * voicemail message) and the tests' fake microphones are written as.
 */
export function pcmMonoWav(data: Buffer, sampleRate: number, bitsPerSample: 8 | 16): Buffer {
  const bytesPerSample = bitsPerSample / 8;
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'latin1');
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVE', 8, 'latin1');
  header.write('fmt ', 12, 'latin1');
  header.writeUInt32LE(16, 16); // fmt chunk size (PCM)
  header.writeUInt16LE(1, 20); // WAVE_FORMAT_PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(sampleRate, 24);
  header.writeUInt32LE(sampleRate * bytesPerSample, 28); // bytes a second
  header.writeUInt16LE(bytesPerSample, 32); // block align
  header.writeUInt16LE(bitsPerSample, 34);
  header.write('data', 36, 'latin1');
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
}
