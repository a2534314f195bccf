/**
 * The agent's console open again beside the first (another tab or window of the same browser
 * profile: the same origin, so the same Web Locks and BroadcastChannel), what each page's pad
 * says of the phone, and a page that crashes. Used by e2e/phone-tabs.test.ts and the fault
 * suite's tab faults (scripts/faults/*tab*.fault.ts).
 */
import type { Frame } from 'playwright-core';
import { chooseAgentStatus, softphoneFrame, type ConsoleSession } from './console-session.ts';

/** What a page without the phone says. */
export const PHONE_ELSEWHERE = 'Phone active in another tab or window';
/** The button that takes the phone over. */
export const USE_THE_PHONE_HERE = 'Use the phone here';

/** The console opened again in the same browser context, the agent chosen Ready there too (as the agent does in each tab). */
export async function openAnotherPage(session: ConsoleSession): Promise<ConsoleSession> {
  const page = await session.page.context().newPage();
  page.on('pageerror', (error) => console.error(`another console page's error: ${error.message}`));
  await page.goto(session.page.url());
  const other: ConsoleSession = { ...session, page, softphone: await softphoneFrame(page) };
  await chooseAgentStatus(other, 'Ready');
  return other;
}

/** The pad's line for the phone saying exactly `text` ("Phone ready", {@link PHONE_ELSEWHERE}...). */
export function phoneLine(softphone: Frame, text: string) {
  return softphone.locator('cp-phone-status').getByText(text, { exact: true });
}

/** Whether the pad says `text` of the phone within `timeoutMs`. */
export function phoneSays(softphone: Frame, text: string, timeoutMs: number): Promise<boolean> {
  return phoneLine(softphone, text)
    .waitFor({ timeout: timeoutMs })
    .then(() => true, () => false);
}

/** "Use the phone here" pressed in `softphone`. */
export async function useThePhoneHere(softphone: Frame): Promise<void> {
  await softphone.getByRole('button', { name: USE_THE_PHONE_HERE, exact: true }).click();
}

/** The calls `softphone` lists (ringing, connected, over), by interaction id. */
export function listedCalls(softphone: Frame): Promise<string[]> {
  return softphone.locator('li[data-id]').evaluateAll((items) => items.map((item) => item.getAttribute('data-id') ?? ''));
}

/** Crashes the page as a renderer crash would (DevTools Page.crash): no pagehide, nothing sent; the browser releases its locks. */
export async function crashPage(session: ConsoleSession): Promise<void> {
  const cdp = await session.page.context().newCDPSession(session.page);
  void cdp.send('Page.crash').catch(() => undefined);
  await new Promise<void>((resolve) => {
    if (session.page.isClosed()) resolve();
    session.page.once('crash', () => resolve());
  });
}
