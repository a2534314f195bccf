/**
 * API requests ContactPad spends per handled inbound call, measured in the softphone frame
 * (every request to /services/data/ it makes, read from the browser's resource timing),
 * over runs of 50 calls through Kamailio in the local console: one run from 50 different
 * callers, one from 10 callers calling back (the repeat-caller cache).
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
    await pop.getByText(/Lead|Customer|Previous Customer|Unknown|Caller lookup failed/).first().waitFor();
    await pop.getByRole('button', { name: 'Accept' }).click();
    await customerState(session, 'connected');
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
