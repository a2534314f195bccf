/**
 * One real call with every caller-supplied value 128 characters long (the longest the SIP
 * header contract keeps), from the console's customer simulator (WebRTC through Kamailio, the
 * platform's X-CP-* headers): Accept must be inside the softphone panel and take a real click
 * (Playwright clicks where an agent would and fails if anything covers the button); the call
 * connects, Open CTI pops the caller's record in the console (so the message probes before it
 * left Open CTI working), the customer hangs up and the agent finishes wrap up.
 */
import { customerState, placeCall } from '../../e2e/support/console-session.ts';
import { acceptPlacement, waitForPops } from './pad-checks.ts';
import type { SuiteContext } from './suite-context.ts';

/** What the real call showed. */
export interface RealCallOutcome {
  readonly accepted: boolean;
  readonly recordPopped: boolean;
  readonly wrappedUp: boolean;
  readonly problem: string;
}

/** 128 characters of words (so they can wrap), ending with `tail`. */
function long(word: string, tail: string): string {
  return `${`${word} `.repeat(64)}`.slice(0, 128 - tail.length) + tail;
}

export async function realCallWithLongValues(ctx: SuiteContext): Promise<RealCallOutcome> {
  const { page, softphone } = ctx.session;
  const popsBefore = await page.evaluate(() => window.localConsole!.screenPops.length);
  // Maria Lopez's number: an open Lead of the demo org, whose record pops on Accept.
  await placeCall(ctx.session, { name: long('Bartholomew', 'END'), number: '+14155550100', queue: long('Queue', 'Q'), location: long('Location', 'L'), adSource: long('Campaign', 'A') });
  if (!(await waitForPops(softphone, 1, 10_000))) return { accepted: false, recordPopped: false, wrappedUp: false, problem: 'the call never popped' };
  const placement = await acceptPlacement(softphone);
  ctx.layout.checked += 1;
  if (!placement.inside) ctx.layout.outside += 1;
  if (!placement.clickable) ctx.layout.covered += 1;
  if (!placement.inside || !placement.clickable) ctx.layout.worst = `the real call: Accept at ${JSON.stringify(placement.rect)} in a ${placement.panel.width} x ${placement.panel.height} panel`;
  try {
    await softphone.locator('cp-call-pop').getByRole('button', { name: 'Accept' }).click({ timeout: 5000 });
    await customerState(ctx.session, 'connected');
  } catch (error) {
    return { accepted: false, recordPopped: false, wrappedUp: false, problem: `Accept: ${(error as Error).message.split('\n')[0]}` };
  }
  const recordPopped = await page
    .waitForFunction((n) => window.localConsole!.screenPops.length > n, popsBefore, { timeout: 10_000 })
    .then(() => true)
    .catch(() => false);
  await page.evaluate(() => window.customerSimulator!.hangUp());
  const wrappedUp = await softphone
    .locator('cp-wrap-up-form')
    .getByRole('button', { name: 'Done' })
    .click({ timeout: 10_000 })
    .then(() => true)
    .catch(() => false);
  return { accepted: true, recordPopped, wrappedUp, problem: recordPopped ? '' : 'the record did not pop in the console (Open CTI)' };
}
