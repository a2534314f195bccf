/**
 * Launches Debian's Chromium for the console's tests the one way the project does it
 * (scripts/chromium.mjs: headless, no sandbox, fake microphone and camera).
 */
import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM_ARGS, chromiumExecutable } from '../chromium.mjs';

/** What a test may add to the project's arguments. */
export interface ChromiumOptions {
  /**
   * Certificates to trust although no authority signed them, each named by the base64 SHA-256
   * of its public key (tls-certificate.ts `spkiHash`; RunningConsole.sipTlsSpki for the local
   * console's WSS): Chromium's `--ignore-certificate-errors-spki-list`. Any other certificate
   * error still fails the connection.
   */
  readonly trustSpki?: readonly string[];
  /**
   * A WAV file (16-bit PCM) the fake microphone plays, looped, instead of Chromium's beep
   * (`--use-file-for-fake-audio-capture`): every page's microphone in this browser sends it.
   */
  readonly fakeMicrophoneWav?: string;
  /**
   * The project's arguments to leave out, e.g. `--use-fake-ui-for-media-stream`, so the browser
   * answers a page's microphone request as its permission says (a test may block it) instead of
   * granting it to every page.
   */
  readonly leaveOut?: readonly string[];
}

/** Starts Chromium with the project's arguments (and what `options` adds). */
export function launchChromium(options: ChromiumOptions = {}): Promise<Browser> {
  const trust = options.trustSpki ?? [];
  for (const spki of trust) {
    if (!/^[A-Za-z0-9+/]{43}=$/.test(spki)) throw new Error(`launchChromium: trustSpki entries must be base64 SHA-256 hashes (spkiHash), got ${JSON.stringify(spki)}`);
  }
  const extra = trust.length > 0 ? [`--ignore-certificate-errors-spki-list=${trust.join(',')}`] : [];
  if (options.fakeMicrophoneWav !== undefined) {
    if (!/^\/[^,%\s]+\.wav$/.test(options.fakeMicrophoneWav)) throw new Error(`launchChromium: fakeMicrophoneWav must be an absolute .wav path without spaces, commas or %, got ${JSON.stringify(options.fakeMicrophoneWav)}`);
    extra.push(`--use-file-for-fake-audio-capture=${options.fakeMicrophoneWav}`);
  }
  const leaveOut = new Set(options.leaveOut ?? []);
  return chromium.launch({ executablePath: chromiumExecutable(), args: [...CHROMIUM_ARGS.filter((arg) => !leaveOut.has(arg)), ...extra] });
}
