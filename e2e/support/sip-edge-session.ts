/**
 * What e2e/sip-edge.test.ts needs beside console-session.ts: one local console (Kamailio with
 * authentication, optionally with WSS) and one Chromium for a whole suite, and a fresh agent
 * for each test: a new browser context (its own sessionStorage, so ContactPad starts Offline)
 * opened on the console page after the test has set the fake org up as it wants it. Each agent
 * is a {@link ConsoleSession}, so console-session.ts's helpers (chooseAgentStatus, placeCall,
 * customerState...) work on it; its close() signs the agent out (Offline: the phone
 * unregisters) and closes only its context.
 * Also: Kamailio's log of this console, and the WebSockets a page opens (their URL and the SIP
 * frames each way) so a test can tell which connection a request went over.
 */
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Frame, Page, WebSocket } from 'playwright-core';
import { startConsole, type RunningConsole } from '../../scripts/console/console-server.ts';
import { launchChromium } from '../../scripts/console/test-browser.ts';
import { FakeOrgClient } from '../../scripts/fake-org/client.ts';
import { E2E_SIP_UDP_PORT, E2E_SIP_WS_PORT, E2E_SIP_WSS_PORT, E2E_WEB_PORT } from '../../scripts/test-ports.ts';
import { chooseAgentStatus, softphoneFrame, type ConsoleSession } from './console-session.ts';

const ROOT = resolve(fileURLToPath(import.meta.url), '..', '..', '..');
/** Kamailio's run folder name for the e2e console (.run/kamailio-e2e), as console-session.ts uses. */
const NAME = 'e2e';

/** A console and a browser shared by the tests of one suite. */
export interface EdgeConsole {
  readonly console: RunningConsole;
  readonly browser: Browser;
  readonly fakeOrg: FakeOrgClient;
  /** Kamailio's log: .run/kamailio-e2e/kamailio.log. */
  readonly kamailioLog: string;
  /** The console's URL without the trailing slash. */
  readonly origin: string;
  close(): Promise<void>;
}

/**
 * Starts the local console on the e2e ports (with `wss`: Kamailio's WSS on E2E_SIP_WSS_PORT,
 * and ContactPad's SIP server URL set to it) and Chromium (with `wss`: trusting the WSS
 * certificate, by its public key, and no other).
 */
export async function startEdgeConsole(options: { wss?: boolean; callCenterSettings?: Record<string, string> } = {}): Promise<EdgeConsole> {
  const wss = options.wss === true;
  const running = await startConsole({
    port: E2E_WEB_PORT,
    sipWsPort: E2E_SIP_WS_PORT,
    sipUdpPort: E2E_SIP_UDP_PORT,
    name: NAME,
    ...(wss ? { sipWssPort: E2E_SIP_WSS_PORT } : {}),
    callCenterSettings: {
      ...(wss ? { '/ContactPad/sipServerUrl': `wss://127.0.0.1:${E2E_SIP_WSS_PORT}` } : {}),
      ...options.callCenterSettings,
    },
  });
  let browser: Browser;
  try {
    browser = await launchChromium(wss && running.sipTlsSpki ? { trustSpki: [running.sipTlsSpki] } : {});
  } catch (error) {
    await running.stop();
    throw error;
  }
  const origin = running.url.replace(/\/$/, '');
  return {
    console: running,
    browser,
    fakeOrg: new FakeOrgClient(origin),
    kamailioLog: join(ROOT, '.run', `kamailio-${NAME}`, 'kamailio.log'),
    origin,
    async close() {
      await browser.close();
      await running.stop();
    },
  };
}

/** The WebSockets a page opened (ContactPad's in the softphone frame, the simulator's...), with their SIP traffic. */
export interface SocketLog {
  readonly sockets: readonly { readonly url: string; readonly sent: readonly string[]; readonly received: readonly string[] }[];
}

function recordSockets(page: Page): SocketLog {
  const sockets: { url: string; sent: string[]; received: string[] }[] = [];
  page.on('websocket', (socket: WebSocket) => {
    const entry = { url: socket.url(), sent: [] as string[], received: [] as string[] };
    sockets.push(entry);
    socket.on('framesent', ({ payload }) => entry.sent.push(String(payload)));
    socket.on('framereceived', ({ payload }) => entry.received.push(String(payload)));
  });
  return { sockets };
}

/** One agent's console page in a context of its own. */
export interface EdgeAgent extends ConsoleSession {
  readonly context: BrowserContext;
  readonly sockets: SocketLog;
}

/**
 * Opens the console page in a new browser context, as an agent logging in: the softphone frame
 * with ContactPad (Offline) and the customer simulator registered. `browser` defaults to the
 * suite's.
 */
export async function openAgent(edge: EdgeConsole, browser: Browser = edge.browser): Promise<EdgeAgent> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    page.on('pageerror', (error) => console.error(`console page error: ${error.message}`));
    const sockets = recordSockets(page);
    await page.goto(`${edge.console.url}?refresh=0`);
    const softphone = await softphoneFrame(page);
    const agent: EdgeAgent = {
      console: edge.console,
      browser,
      context,
      page,
      softphone,
      fakeOrg: edge.fakeOrg,
      sockets,
      async close() {
        // Offline stops the phone, which unregisters: the next test's agent is the only contact of agent1.
        await chooseAgentStatus(agent, 'Offline').catch(() => {});
        await softphone.getByText('Phone off').waitFor({ timeout: 5000 }).catch(() => {});
        await context.close();
      },
    };
    return agent;
  } catch (error) {
    await context.close();
    throw error;
  }
}

/** A credential the console signs for one of its own phones (`customer-*`, `jordan.lee`): GET /console/sip-credential. */
export async function consoleCredential(edge: EdgeConsole, user: string): Promise<{ username: string; password: string }> {
  const response = await fetch(`${edge.origin}/console/sip-credential?user=${encodeURIComponent(user)}`);
  if (response.status !== 200) throw new Error(`GET /console/sip-credential?user=${user}: ${response.status} ${await response.text()}`);
  const { username, password } = (await response.json()) as { username: string; password: string };
  return { username, password };
}
