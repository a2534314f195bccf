/**
 * One end-to-end session: the local console (Kamailio + console page + fake org) on the
 * e2e ports, Debian's Chromium on its page, and the handles a test needs: the console page,
 * the ContactPad softphone frame, the customer simulator and the fake org. The console runs
 * force-app's shipped ContactPadConsoleBridge (Aura) with the built bridge-protocol.js, and
 * serves force-app's ContactPad.page as the softphone.
 */
import type { Browser, Frame, Page } from 'playwright-core';
import { startConsole, type RunningConsole } from '../../scripts/console/console-server.ts';
import { launchChromium, type ChromiumOptions } from '../../scripts/console/test-browser.ts';
import { FakeOrgClient, type FakeOrgRecord } from '../../scripts/fake-org/client.ts';
import { E2E_SIP_UDP_PORT, E2E_SIP_WS_PORT, E2E_WEB_PORT } from '../../scripts/test-ports.ts';

export interface ConsoleSession {
  readonly console: RunningConsole;
  readonly browser: Browser;
  readonly page: Page;
  /** ContactPad's frame (replaced by {@link reloadConsole}). */
  softphone: Frame;
  readonly fakeOrg: FakeOrgClient;
  close(): Promise<void>;
}

/** What the customer simulator sends. */
export interface SimulatedCall {
  readonly name?: string;
  readonly number?: string;
  readonly queue?: string;
  readonly location?: string;
  readonly adSource?: string;
  /** X-CP-Callback-Request of a callback (the callback request's record id), the simulator's Kind being callback. */
  readonly callbackRequest?: string;
}

/** Where the session's console listens (the e2e ports unless told otherwise). */
export interface ConsolePorts {
  readonly port: number;
  readonly sipWsPort: number;
  readonly sipUdpPort: number;
  readonly name: string;
  /** A second web port for the softphone's own origin (startConsole's softphonePort; open the page with `&softphonePort=`). */
  readonly softphonePort?: number;
}

const E2E_PORTS: ConsolePorts = { port: E2E_WEB_PORT, sipWsPort: E2E_SIP_WS_PORT, sipUdpPort: E2E_SIP_UDP_PORT, name: 'e2e' };

export async function openConsoleSession(
  callCenterSettings: Record<string, string> = {},
  ports: ConsolePorts = E2E_PORTS,
  query = '',
  chromium: ChromiumOptions = {},
): Promise<ConsoleSession> {
  const running = await startConsole({ ...ports, callCenterSettings });
  const browser = await launchChromium(chromium).catch(async (error: unknown) => {
    await running.stop();
    throw error;
  });
  // A context of its own (not browser.newPage()'s), so a test can open the console again beside it: another tab of the same browser profile.
  const page = await (await browser.newContext()).newPage();
  page.on('pageerror', (error) => console.error(`console page error: ${error.message}`));
  await page.goto(`${running.url}?refresh=0${query}`);
  const softphone = await softphoneFrame(page);
  return {
    console: running,
    browser,
    page,
    softphone,
    fakeOrg: new FakeOrgClient(running.url.replace(/\/$/, '')),
    async close() {
      await browser.close();
      await running.stop();
    },
  };
}

/** ContactPad's frame in a console page, once ContactPad and the customer simulator are up. */
export async function softphoneFrame(page: Page): Promise<Frame> {
  const frameElement = await page.waitForSelector('[data-testid=softphone-frame]');
  const softphone = await frameElement.contentFrame();
  if (!softphone) throw new Error('The softphone frame did not load.');
  await softphone.waitForSelector('contact-pad');
  await page.waitForFunction(() => window.customerSimulator?.registration === 'registered');
  return softphone;
}

/** A console session whose agent is Ready with the phone registered (`chromium`: what the test browser adds, e.g. a fake microphone's tone; `query`: the console page's, as `&name=value`). */
export async function openReadySession(callCenterSettings: Record<string, string> = {}, chromium: ChromiumOptions = {}, query = ''): Promise<ConsoleSession> {
  const session = await openConsoleSession(callCenterSettings, E2E_PORTS, query, chromium);
  await chooseAgentStatus(session, 'Ready');
  await session.softphone.getByText('Phone ready').waitFor();
  return session;
}

/**
 * A second agent on the same console (another User of the demo org, by their ContactPad SIP
 * user, e.g. emile.durand): the console page with `?agent=` in a browser context of its own
 * (its own storage, so its own ContactPad), Ready with the phone registered. Its close() sets
 * it Offline (the phone unregisters, so the queues skip it again) and closes its context.
 */
export async function openSecondAgent(session: ConsoleSession, sipUser: string): Promise<ConsoleSession> {
  const context = await session.browser.newContext();
  try {
    const page = await context.newPage();
    page.on('pageerror', (error) => console.error(`${sipUser}'s console page error: ${error.message}`));
    await page.goto(`${session.console.url}?refresh=0&agent=${encodeURIComponent(sipUser)}`);
    const agent: ConsoleSession = {
      console: session.console,
      browser: session.browser,
      page,
      softphone: await softphoneFrame(page),
      fakeOrg: session.fakeOrg,
      async close() {
        await chooseAgentStatus(agent, 'Offline').catch(() => {});
        await agent.softphone.getByText('Phone off').waitFor({ timeout: 5000 }).catch(() => {});
        await context.close();
      },
    };
    await chooseAgentStatus(agent, 'Ready');
    await agent.softphone.getByText('Phone ready').waitFor();
    return agent;
  } catch (error) {
    await context.close();
    throw error;
  }
}

/** Whom the customer simulator calls next: the agent (`agent1`), or a queue of the SIP edge (`queue-video`...). */
export async function simulatorCalls(session: ConsoleSession, target: string): Promise<void> {
  await session.page.getByTestId('sim-target').selectOption(target);
}

/** Reloads the console page, as an agent would after logging in again. */
export async function reloadConsole(session: ConsoleSession): Promise<void> {
  await session.page.reload();
  session.softphone = await softphoneFrame(session.page);
}

/** The agent chooses a status in ContactPad's agent-state control. */
export async function chooseAgentStatus(session: ConsoleSession, label: string): Promise<void> {
  await session.softphone.getByLabel(/Set status|Next/).selectOption({ label });
}

/**
 * The agent opens the record `name` (a Task's Name link) from the console's Tasks list; its id
 * once its tab (of `objectType`) is the active one. Showing the list refreshes it (one query),
 * which re-renders the rows: the link is used once the new rows are in; the softphone panel floats
 * over the list's Name column, so the agent opens it with the keyboard.
 */
export async function openFromTasks(session: ConsoleSession, name: string, objectType: string): Promise<string> {
  const { page } = session;
  const refreshed = page.waitForResponse((response) => decodeURIComponent(response.url()).replace(/\+/g, ' ').includes('FROM Task'));
  await page.getByTestId('console-tab').filter({ hasText: 'Tasks' }).click();
  const rows = ((await (await refreshed).json()) as { records: unknown[] }).records.length;
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid=task-row]').length === n, rows);
  await page.getByTestId('tasks-table').getByRole('button', { name }).first().press('Enter');
  const tab = await page.waitForFunction((type) => window.localConsole!.tabs.find((t) => t.active && t.objectType === type), objectType);
  return ((await tab.jsonValue()) as { recordId: string }).recordId;
}

/** Fills the customer simulator and presses "Call agent"; returns the interaction id it sent. */
export async function placeCall(session: ConsoleSession, call: SimulatedCall): Promise<string> {
  const { page } = session;
  const fields: Array<[string, string | undefined]> = [
    ['sim-name', call.name],
    ['sim-number', call.number],
    ['sim-queue', call.queue],
    ['sim-location', call.location],
    ['sim-ad-source', call.adSource],
    ['sim-callback-request', call.callbackRequest],
  ];
  for (const [testId, value] of fields) await page.getByTestId(testId).fill(value ?? '');
  const previous = await page.evaluate(() => window.customerSimulator?.lastInteractionId ?? '');
  await page.getByTestId('sim-call').click();
  await page.waitForFunction((before) => {
    const id = window.customerSimulator?.lastInteractionId ?? '';
    return id !== '' && id !== before;
  }, previous);
  return page.evaluate(() => window.customerSimulator?.lastInteractionId ?? '');
}

/** Waits until the simulated customer is in `state` (ringing, connected, rejected, ended...). */
export async function customerState(session: ConsoleSession, state: string): Promise<void> {
  await session.page.waitForFunction((wanted) => window.customerSimulator?.state === wanted, state);
}

/** The Task logged for an interaction, once it is in the fake org (polled: the outbox is asynchronous). */
export async function taskFor(session: ConsoleSession, interactionId: string, timeoutMs = 30_000): Promise<FakeOrgRecord> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const tasks = await session.fakeOrg.records('default', 'Task');
    const task = tasks.find((t) => t['ContactPad_Interaction_Id__c'] === interactionId);
    if (task) return task;
    if (Date.now() > deadline) throw new Error(`No Task for interaction ${interactionId} within ${timeoutMs} ms.`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** All Tasks for an interaction (to prove there is exactly one). */
export async function tasksFor(session: ConsoleSession, interactionId: string): Promise<FakeOrgRecord[]> {
  const tasks = await session.fakeOrg.records('default', 'Task');
  return tasks.filter((t) => t['ContactPad_Interaction_Id__c'] === interactionId);
}

/** Polls the media figures of both ends until audio has flowed each way. */
export async function waitForAudioBothWays(session: ConsoleSession, interactionId: string, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const agent = await session.softphone.evaluate((id) => window.contactPad!.mediaStats(id), interactionId);
    const customer = await session.page.evaluate(() => window.customerSimulator!.mediaStats());
    const flowing = (s: { iceConnectionState: string; bytesReceived: number }) =>
      (s.iceConnectionState === 'connected' || s.iceConnectionState === 'completed') && s.bytesReceived > 0;
    if (flowing(agent) && flowing(customer)) return { agent, customer };
    if (Date.now() > deadline) {
      throw new Error(`Audio did not flow both ways: agent ${JSON.stringify(agent)}, customer ${JSON.stringify(customer)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** What the Omni-Channel simulator routes: a Messaging session, a legacy chat, an email, a case, or a Lead (an object ContactPad does not handle). */
export type OmniWorkKind = 'messaging' | 'chat' | 'email' | 'case' | 'other';

/**
 * Routes Omni-Channel work from the console's simulator panel (on a new record unless a record
 * id is given); resolves with the work id (the AgentWork, ContactPad's interaction id) and the
 * routed record's id once Omni-Channel has assigned it.
 */
export async function routeWork(session: ConsoleSession, work: { kind: OmniWorkKind; customerName: string; recordId?: string }): Promise<{ workId: string; workItemId: string }> {
  const { page } = session;
  const before = await page.evaluate(() => window.localConsole!.bridge.workItems.length);
  await page.getByTestId('omni-channel').selectOption(work.kind);
  await page.getByTestId('omni-customer-name').fill(work.customerName);
  await page.getByTestId('omni-record-id').fill(work.recordId ?? '');
  await page.getByTestId('omni-route').click();
  const routed = await page.waitForFunction((n) => window.localConsole!.bridge.workItems[n], before);
  const item = (await routed.jsonValue()) as { workId: string; workItemId: string };
  return { workId: item.workId, workItemId: item.workItemId };
}

/** Switches Omni-Channel's own auto-accept (the agent's presence configuration in the fake org; ContactPad reads it after a reload). */
export async function setOmniAutoAccept(session: ConsoleSession, on: boolean): Promise<void> {
  await session.page.getByTestId('omni-auto-accept').setChecked(on);
  await session.page.getByTestId('omni-auto-accept-note').getByText(on ? /auto-accept on/ : /auto-accept off/).waitFor();
}

/** What went wrong running the shipped bridge component (actions that threw, callbacks outside $A.getCallback): [] when all is well. */
export async function bridgeProblems(session: ConsoleSession): Promise<readonly { kind: string; message: string }[]> {
  return session.page.evaluate(() => window.localConsole!.bridge.problems);
}
