/**
 * Main-thread time of each phone's renderer process over WINDOW_SECONDS, read from DevTools'
 * Performance.getMetrics before and after (TaskDuration: every task the main thread ran;
 * ScriptDuration: JavaScript; LayoutDuration + RecalcStyleDuration: style and layout), for
 * ContactPad's softphone frame (a process of its own, bench-targets.ts) and the baseline page,
 * both windows at the same time:
 *
 * - Ready: registered, no call, after the page settled;
 * - on a call: a call from the phone network to each (a baresip phone, plain RTP through
 *   rtpengine, scripts/sip-peers/baresip.ts), answered (ContactPad: Accept clicked, as an agent
 *   does; the baseline answers by itself), the window starting a second after both are up.
 *
 * These are durations of main-thread tasks, wall time: on a machine busy with other work a task
 * that is descheduled counts longer. Both phones share that.
 */
import { startBaresip, type RunningBaresip } from '../sip-peers/baresip.ts';
import { BENCH_SIP_UDP_PORT, SIP_DOMAIN } from '../test-ports.ts';
import type { BenchTarget, BenchTargets } from './bench-targets.ts';

export const WINDOW_SECONDS = 30;

/** Main-thread seconds over a window, per kind of work. */
export interface MainThreadUse {
  readonly seconds: number;
  readonly task: number;
  readonly script: number;
  readonly styleAndLayout: number;
}

async function metricsOf(target: BenchTarget): Promise<Map<string, number>> {
  const devtools = await target.devtools();
  await devtools.send('Performance.enable');
  const { metrics } = await devtools.send('Performance.getMetrics');
  return new Map(metrics.map((metric) => [metric.name, metric.value]));
}

/** Both phones' main-thread use over the same WINDOW_SECONDS. */
async function overWindow(targets: readonly BenchTarget[]): Promise<Map<string, MainThreadUse>> {
  const started = performance.now();
  const before = await Promise.all(targets.map((target) => metricsOf(target)));
  await new Promise((done) => setTimeout(done, WINDOW_SECONDS * 1000));
  const after = await Promise.all(targets.map((target) => metricsOf(target)));
  const seconds = (performance.now() - started) / 1000;
  const delta = (i: number, name: string) => (after[i]?.get(name) ?? Number.NaN) - (before[i]?.get(name) ?? Number.NaN);
  return new Map(
    targets.map((target, i) => [
      target.name,
      { seconds, task: delta(i, 'TaskDuration'), script: delta(i, 'ScriptDuration'), styleAndLayout: delta(i, 'LayoutDuration') + delta(i, 'RecalcStyleDuration') },
    ]),
  );
}

/** Ready and idle: both phones over the same window. */
export function measureIdle(targets: BenchTargets): Promise<Map<string, MainThreadUse>> {
  return overWindow([targets.contactPad, targets.baseline]);
}

/** On a call: one phone-network call to each, answered, both over the same window; then hung up (ContactPad's wrap up done). */
export async function measureOnCall(targets: BenchTargets): Promise<Map<string, MainThreadUse>> {
  const { session, contactPad, baseline } = targets;
  const callers: RunningBaresip[] = [];
  try {
    const toAgent = await startBaresip({ name: 'bench-cpu-agent', proxyPort: BENCH_SIP_UDP_PORT, user: '+14155550100', displayName: 'Maria Lopez', codecs: 'opus+pcmu' });
    callers.push(toAgent);
    const toBaseline = await startBaresip({ name: 'bench-cpu-baseline', proxyPort: BENCH_SIP_UDP_PORT, user: '+14155550101', displayName: 'Daniel Kim', codecs: 'opus+pcmu' });
    callers.push(toBaseline);
    await baseline.frame().evaluate(() => {
      window.baselinePhone!.answer = true;
    });
    const agentCall = await toAgent.dial(`sip:${contactPad.sipUser}@${SIP_DOMAIN}`);
    await contactPad
      .frame()
      .getByRole('region', { name: /Incoming voice call from Maria Lopez/ })
      .getByRole('button', { name: 'Accept' })
      .click();
    const baselineCall = await toBaseline.dial(`sip:${baseline.sipUser}@${SIP_DOMAIN}`);
    await Promise.all([toAgent.waitForEstablished(agentCall), toBaseline.waitForEstablished(baselineCall)]);
    await new Promise((done) => setTimeout(done, 1000));
    const use = await overWindow([contactPad, baseline]);
    await Promise.all([toAgent.hangUp(), toBaseline.hangUp()]);
    await Promise.all([toAgent.waitForEnd(agentCall), toBaseline.waitForEnd(baselineCall)]);
    await baseline.frame().evaluate(() => {
      window.baselinePhone!.answer = false;
    });
    await session.softphone.getByRole('button', { name: 'Done' }).click();
    await session.softphone.getByText('Phone ready').waitFor();
    return use;
  } finally {
    await Promise.all(callers.map((caller) => caller.stop()));
  }
}
