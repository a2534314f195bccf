/**
 * 1,000 malformed or hostile SIP messages toward the agent (about 100 in the short run), through
 * the SIP edge as callers' messages reach it (scripts/sip-peers/test-support/hostile-sip.ts:
 * hostile names and headers up to 60 KB, offers the browser cannot take, late offers, requests
 * of unknown dialogs, a re-INVITE storm in an answered call). Survived when every kind got the
 * answers it must, the page did not crash or throw, the agent is still Ready, and the next real
 * call (a browser caller) rings and connects with audio both ways. Figures: the messages and
 * their time, each kind's answers, the renderer's heap and DOM nodes before and after (after a
 * full garbage collection).
 *
 * A fault of `npm run faults` (scripts/faults/README.md): its default export has the shape of
 * fault.ts's `Fault`, and it uses these parts of the rig (rig.ts `FaultRig`).
 */
import type { ConsoleSession } from '../../e2e/support/console-session.ts';
import { hostileTable, sendHostileSip, type HostileReport } from '../sip-peers/test-support/hostile-sip.ts';
import { hostileAgent, hostileTarget, megabytes, pageMemory, statusOnceSettled } from '../sip-peers/test-support/hostile-agent.ts';

/** The parts of the rig (rig.ts FaultRig) this fault uses. */
interface HostileRig {
  readonly session: ConsoleSession;
  /** Kamailio: its UDP port (127.0.0.1 is a trunk) and its own WebSocket (the platform's peer goes there, not through the agent's relay). */
  readonly edge: { readonly udpPort: number; readonly wsUrl: string };
  connectedCall(line: 'browser'): Promise<{ readonly id: string }>;
  release(): Promise<void>;
  finishWrapUps(): Promise<void>;
}

const fault = {
  name: 'malformed and hostile SIP toward the agent',
  order: 60,
  budgetMs: { full: 5 * 60_000, short: 2 * 60_000 },
  async run(rig: HostileRig, plan: { readonly short: boolean }) {
    const { session } = rig;
    const pageErrors: string[] = [];
    const onError = (error: Error) => pageErrors.push(error.message);
    session.page.on('pageerror', onError);
    let crashed = false;
    const onCrash = () => (crashed = true);
    session.page.on('crash', onCrash);
    try {
      const messages = plan.short ? 100 : 1000;
      const before = await pageMemory(session);
      const started = Date.now();
      const report: HostileReport = await sendHostileSip(hostileTarget(session, rig.edge.udpPort, rig.edge.wsUrl), messages, hostileAgent(session));
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      const problems = [...report.problems];
      if (crashed) problems.push('the page crashed');
      problems.push(...pageErrors.map((message) => `uncaught error: ${message}`));
      const status = await statusOnceSettled(session, 'Ready');
      if (status !== 'Ready') problems.push(`the agent is ${status}, not Ready`);
      // The next real call rings and connects (the rig throws, with what it saw, when it does not).
      try {
        await rig.connectedCall('browser');
        await rig.release();
        await rig.finishWrapUps();
      } catch (error) {
        problems.push(`the next call: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
      }
      const after = await pageMemory(session);
      return {
        done: report.kinds.length,
        survived: problems.length === 0 ? report.kinds.length : report.kinds.filter((kind) => kind.problems.length === 0).length,
        figures: [
          `${report.messagesSent} messages sent in ${seconds} s (asked ${messages})`,
          ...hostileTable(report),
          `heap (after a full GC): ${megabytes(before.heapBytes)} before, ${megabytes(after.heapBytes)} after; DOM nodes ${before.domNodes} before, ${after.domNodes} after`,
        ],
        problems,
      };
    } finally {
      session.page.off('pageerror', onError);
      session.page.off('crash', onCrash);
    }
  },
};

export default fault;
