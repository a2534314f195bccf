/**
 * The two phones `npm run bench` measures side by side, in one Chromium, against one Kamailio:
 *
 * - ContactPad, in the local console (the BENCH_* ports of test-ports.ts), the agent Ready. The
 *   console serves the softphone from an origin of its own (`softphonePort`, as Salesforce serves
 *   Visualforce from another origin than the console), so Chromium runs the softphone frame in a
 *   renderer process of its own: the DevTools figures read on it (CPU, heap, DOM nodes) are
 *   ContactPad's, not the console page's.
 * - The baseline (baseline/): a page of its own that loads only sip.js, registers and writes the
 *   caller's name on an INVITE.
 *
 * Both get the page probe (page-probe.ts) before they load. A reload loads the phone's page again
 * (ContactPad: its softphone frame, the agent's Ready kept for the tab as after any reload).
 */
import type { CDPSession, Frame, Page } from 'playwright-core';
import { AGENT_SIP_USER, BENCH_SIP_UDP_PORT, BENCH_SIP_WS_PORT, BENCH_SOFTPHONE_PORT, BENCH_WEB_PORT, SIP_DOMAIN } from '../test-ports.ts';
import { chooseAgentStatus, openConsoleSession, softphoneFrame, type ConsoleSession } from '../../e2e/support/console-session.ts';
import { BASELINE_SIP_USER, startBaselinePage, type BaselinePage } from './baseline/baseline-page.ts';
import { PROBE_SCRIPT, registeredNotes, type ProbeNotes } from './page-probe.ts';

/** One phone under measurement. */
export interface BenchTarget {
  readonly name: string;
  /** The SIP user it registers as (the bench's caller rings it). */
  readonly sipUser: string;
  /** The frame the phone runs in (replaced by a reload). */
  frame(): Frame;
  /** Loads the phone's page again and resolves once it has registered, with the probe's notes. */
  reload(): Promise<ProbeNotes>;
  /** A DevTools session on the phone's frame (its renderer process); a fresh one after each reload. */
  devtools(): Promise<CDPSession>;
  /** Resolves once no call rings on the phone any more (the last one was cancelled and cleared). */
  callsGone(): Promise<void>;
}

/** Both phones, and what the other parts of the bench need of the console. */
export interface BenchTargets {
  readonly session: ConsoleSession;
  readonly contactPad: BenchTarget;
  readonly baseline: BenchTarget;
  readonly baselinePage: BaselinePage;
  close(): Promise<void>;
}

/** CDP session of a frame, kept until the frame is replaced. */
function devtoolsOf(page: Page, frame: () => Frame): () => Promise<CDPSession> {
  let cached: { frame: Frame; session: CDPSession } | undefined;
  return async () => {
    const current = frame();
    if (cached?.frame !== current) {
      await cached?.session.detach().catch(() => undefined);
      cached = { frame: current, session: await page.context().newCDPSession(current === page.mainFrame() ? page : current) };
    }
    return cached.session;
  };
}

/** Starts the bench console and the baseline page; the agent Ready, both registered. */
export async function openBenchTargets(): Promise<BenchTargets> {
  const session = await openConsoleSession(
    { '/ContactPad/wrapUpSeconds': '120' },
    { port: BENCH_WEB_PORT, sipWsPort: BENCH_SIP_WS_PORT, sipUdpPort: BENCH_SIP_UDP_PORT, name: 'bench', softphonePort: BENCH_SOFTPHONE_PORT },
    `&softphonePort=${BENCH_SOFTPHONE_PORT}`,
  );
  let baselinePage: BaselinePage | undefined;
  try {
    await session.page.context().addInitScript(PROBE_SCRIPT);
    await chooseAgentStatus(session, 'Ready');
    await session.softphone.getByText('Phone ready').waitFor();
    baselinePage = await startBaselinePage({ wsUrl: session.console.sipWsUrl, domain: SIP_DOMAIN, sipSecret: session.console.sipSecret });
    const context = await session.browser.newContext();
    await context.addInitScript(PROBE_SCRIPT);
    const page = await context.newPage();
    await page.goto(baselinePage.url);
    await registeredNotes(page.mainFrame());

    const contactPad: BenchTarget = {
      name: 'ContactPad',
      sipUser: AGENT_SIP_USER,
      frame: () => session.softphone,
      async reload() {
        await session.softphone.goto(session.softphone.url());
        session.softphone = await softphoneFrame(session.page);
        return registeredNotes(session.softphone);
      },
      devtools: devtoolsOf(session.page, () => session.softphone),
      async callsGone() {
        await session.softphone.waitForFunction(() => document.querySelector('contact-pad')?.shadowRoot?.querySelector('cp-call-pop') === null, undefined, { polling: 50, timeout: 15_000 });
      },
    };
    const baseline: BenchTarget = {
      name: 'baseline',
      sipUser: BASELINE_SIP_USER,
      frame: () => page.mainFrame(),
      async reload() {
        await page.reload();
        return registeredNotes(page.mainFrame());
      },
      devtools: devtoolsOf(page, () => page.mainFrame()),
      async callsGone() {
        await page.waitForFunction(() => window.baselinePhone?.calls === 0, undefined, { polling: 50, timeout: 15_000 });
      },
    };
    const started = baselinePage;
    return {
      session,
      contactPad,
      baseline,
      baselinePage: started,
      async close() {
        await session.close();
        await started.stop();
      },
    };
  } catch (error) {
    await session.close();
    await baselinePage?.stop();
    throw error;
  }
}
