/**
 * API requests ContactPad spends per handled inbound call, measured in the softphone frame
 * (every request to /services/data/ it makes, read from the browser's resource timing),
 * over a run of calls through Kamailio in the local console placed by its customer simulator
 * (npm run bench: new callers, each number once, then repeat callers: a few numbers calling in
 * turn, the repeat-caller cache).
 */
import { customerState, placeCall, type ConsoleSession } from '../../e2e/support/console-session.ts';

export interface ApiBudget {
  readonly calls: number;
  readonly distinctCallers: number;
  readonly requests: number;
  readonly requestsPerCall: number;
}

/** Requests ContactPad's frame has made to the Salesforce REST API so far. */
async function requestsSoFar(session: ConsoleSession): Promise<number> {
  return session.softphone.evaluate(
    () => performance.getEntriesByType('resource').filter((entry) => new URL(entry.name).pathname.startsWith('/services/data/')).length,
  );
}

/** Places `calls` calls cycling over `numbers`, handles each (accept, release, Done) and counts requests. */
export async function measureApiBudget(session: ConsoleSession, numbers: readonly string[], calls: number): Promise<ApiBudget> {
  const { softphone, page } = session;
  await softphone.evaluate(() => performance.setResourceTimingBufferSize(100_000));
  const before = await requestsSoFar(session);
  const interactionIds: string[] = [];
  for (let i = 0; i < calls; i++) {
    const id = await placeCall(session, { name: `Budget caller ${i}`, number: numbers[i % numbers.length] ?? '', queue: 'Sales' });
    interactionIds.push(id);
    const pop = softphone.getByRole('region', { name: /Incoming voice call/ });
    await pop
      .getByText(/Lead|Customer|Previous Customer|Unknown|Caller lookup failed/)
      .first()
      .waitFor()
      .catch(async (error: unknown) => {
        const pad = await softphone.locator('contact-pad').ariaSnapshot().catch(() => '(unreadable)');
        const customer = await page.evaluate(() => window.customerSimulator?.state).catch(() => '(unreadable)');
        throw new Error(`bench: call ${i + 1} of ${calls} did not pop with its caller's label (customer simulator: ${customer}); ContactPad showed:\n${pad}`, { cause: error });
      });
    const popsBefore = await page.evaluate(() => window.localConsole!.screenPops.length);
    await pop.getByRole('button', { name: 'Accept' }).click();
    await customerState(session, 'connected');
    // Once answered the record pops; an unknown caller's is the New Lead form over the console, closed unsaved.
    await page.waitForFunction((n) => window.localConsole!.screenPops.length > n, popsBefore);
    if ((await page.getByRole('dialog').count()) > 0) await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
    await softphone.getByRole('button', { name: 'Release' }).click();
    await softphone.getByRole('button', { name: 'Done' }).click();
  }
  // Every Task saved before counting (the outbox is asynchronous).
  const deadline = Date.now() + 60_000;
  for (;;) {
    const tasks = await session.fakeOrg.records('default', 'Task');
    const saved = interactionIds.filter((id) => tasks.some((t) => t['ContactPad_Interaction_Id__c'] === id)).length;
    if (saved === calls) break;
    if (Date.now() > deadline) throw new Error(`Only ${saved} of ${calls} Tasks were saved.`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const requests = (await requestsSoFar(session)) - before;
  return { calls, distinctCallers: new Set(numbers.slice(0, calls)).size, requests, requestsPerCall: requests / calls };
}
