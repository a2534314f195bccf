/**
 * The agent's side of the hostile SIP suite (hostile-sip.ts), on a console
 * session: where the suite reaches the agent, how the agent answers the storm's call and ends
 * its wrap up, what the agent-state control shows, and the page's memory (one renderer: the
 * console page and ContactPad's frame), read over the Chrome DevTools Protocol after a full
 * garbage collection.
 */
import type { HostileAgent, HostileTarget } from './hostile-sip.ts';
import { AGENT_SIP_USER } from '../../test-ports.ts';
import type { ConsoleSession } from '../../../e2e/support/console-session.ts';

/** Where the hostile suite reaches the session's agent: its Kamailio (UDP, and WebSocket: the console's unless given) with its secret. */
export function hostileTarget(session: ConsoleSession, udpPort: number, wsUrl = session.console.sipWsUrl): HostileTarget {
  return { udpPort, wsUrl, sipSecret: session.console.sipSecret, agent: AGENT_SIP_USER };
}

/** The agent answers the storm's call when it rings, and presses Done once the caller hung up. */
export function hostileAgent(session: ConsoleSession): HostileAgent {
  return {
    async answer(callerName) {
      const pop = session.softphone.getByRole('region', { name: new RegExp(`Incoming voice call from ${callerName}`) });
      await pop.getByRole('button', { name: 'Accept' }).click({ timeout: 30_000 });
    },
    async afterHangUp() {
      await session.softphone.getByRole('button', { name: 'Done' }).click({ timeout: 30_000 });
    },
  };
}

/** What the agent-state control shows as chosen ("Ready"...). */
export function chosenStatus(session: ConsoleSession): Promise<string> {
  return session.softphone.getByLabel(/Set status|Next/).evaluate((element) => ((element as HTMLSelectElement).selectedOptions[0]?.textContent ?? '').trim());
}

/** The agent's status once it is `wanted` (an agent just done with wrap up gets there a moment later), or the last one seen after `timeoutMs`. */
export async function statusOnceSettled(session: ConsoleSession, wanted: string, timeoutMs = 10_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const status = await chosenStatus(session);
    if (status === wanted || Date.now() > deadline) return status;
    await new Promise((done) => setTimeout(done, 200));
  }
}

/** The renderer's JavaScript heap in use (bytes, after a full collection) and its DOM nodes. */
export async function pageMemory(session: ConsoleSession): Promise<{ heapBytes: number; domNodes: number }> {
  const cdp = await session.page.context().newCDPSession(session.page);
  try {
    await cdp.send('HeapProfiler.collectGarbage');
    const { usedSize } = await cdp.send('Runtime.getHeapUsage');
    const { nodes } = await cdp.send('Memory.getDOMCounters');
    return { heapBytes: usedSize, domNodes: nodes };
  } finally {
    await cdp.detach();
  }
}

/** "12.3 MB" */
export function megabytes(bytes: number): string {
  return `${(bytes / 1_048_576).toFixed(1)} MB`;
}
