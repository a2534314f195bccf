/**
 * Launches Debian's Chromium for the console's tests the one way the project does it
 * (scripts/chromium.mjs: headless, no sandbox, fake microphone and camera).
 */
import { chromium, type Browser } from 'playwright-core';

interface ChromiumSettings {
  readonly CHROMIUM_ARGS: string[];
  chromiumExecutable(): string;
}

/** Starts Chromium with the project's arguments. */
export async function launchChromium(): Promise<Browser> {
  // scripts/chromium.mjs is plain JavaScript without type declarations: import it untyped.
  const specifier: string = '../chromium.mjs';
  const settings = (await import(specifier)) as ChromiumSettings;
  return chromium.launch({ executablePath: settings.chromiumExecutable(), args: settings.CHROMIUM_ARGS });
}
