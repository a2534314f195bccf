/**
 * Launches Debian's Chromium for the console's tests the one way the project does it
 * (scripts/chromium.mjs: headless, no sandbox, fake microphone and camera).
 */
import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM_ARGS, chromiumExecutable } from '../chromium.mjs';

/** Starts Chromium with the project's arguments. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumExecutable(), args: [...CHROMIUM_ARGS] });
}
