/**
 * The security suite's console session: the local console (Kamailio, console page, fake org)
 * on the suite's own ports, Debian's Chromium with the trap installed in its context before any
 * page loads, and the agent Ready with the phone registered. The same handles as the e2e
 * suite's (e2e/support/console-session.ts), so its helpers apply.
 */
import type { BrowserContext } from 'playwright-core';
import { startConsole } from '../console/console-server.ts';
import { launchChromium } from '../console/test-browser.ts';
import { FakeOrgClient } from '../fake-org/client.ts';
import { SECURITY_SIP_UDP_PORT, SECURITY_SIP_WS_PORT, SECURITY_WEB_PORT } from '../test-ports.ts';
import { chooseAgentStatus, softphoneFrame, type ConsoleSession } from '../../e2e/support/console-session.ts';
import { Trap } from './trap.ts';
import { consoleOrg } from './org-seeding.ts';
import { WebSocketFrames } from './token-scan.ts';

export const SECURITY_PORTS = { port: SECURITY_WEB_PORT, sipWsPort: SECURITY_SIP_WS_PORT, sipUdpPort: SECURITY_SIP_UDP_PORT, name: 'security' } as const;

export interface SecuritySession extends ConsoleSession {
  readonly context: BrowserContext;
  readonly trap: Trap;
  /** Every SIP message over the page's WebSockets since it loaded. */
  readonly sockets: WebSocketFrames;
}

/**
 * Omni-Channel work alerts until the agent answers it (ContactPad's own auto-accept off), so
 * every work item pops with its Accept and Decline as a call does.
 */
const CALL_CENTER_SETTINGS = { '/ContactPad/autoAcceptWork': 'false' };

/**
 * The org's caller cache off (Caller_Cache_Seconds__c 0, as an admin may set it): every call
 * looks its number up, so every hostile number becomes a query of its own.
 */
function lookUpEveryCall(): void {
  const org = consoleOrg();
  for (const setting of org.list('ContactPad_Screen_Pop_Setting__mdt')) {
    org.update('ContactPad_Screen_Pop_Setting__mdt', String(setting['Id']), { Caller_Cache_Seconds__c: 0 }, 'seed-update');
  }
}

/** Starts the console and the browser; the agent is Ready when it resolves. */
export async function openSecuritySession(markPattern: RegExp, log: (line: string) => void): Promise<SecuritySession> {
  lookUpEveryCall();
  const running = await startConsole({ ...SECURITY_PORTS, log, callCenterSettings: CALL_CENTER_SETTINGS });
  const browser = await launchChromium().catch(async (error: unknown) => {
    await running.stop();
    throw error;
  });
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    const trap = await Trap.install(context, markPattern);
    const page = await context.newPage();
    const sockets = new WebSocketFrames(page);
    await page.goto(`${running.url}?refresh=0`);
    const session: SecuritySession = {
      console: running,
      browser,
      context,
      trap,
      sockets,
      page,
      softphone: await softphoneFrame(page),
      fakeOrg: new FakeOrgClient(running.url.replace(/\/$/, '')),
      async close() {
        await browser.close();
        await running.stop();
      },
    };
    await chooseAgentStatus(session, 'Ready');
    await session.softphone.getByText('Phone ready').waitFor();
    return session;
  } catch (error) {
    await browser.close();
    await running.stop();
    throw error;
  }
}
