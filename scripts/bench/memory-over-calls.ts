/**
 * ContactPad's heap and DOM over many calls in one page: the bench's caller rings the agent and
 * cancels each call once its pop is painted (a missed call: listed, then let go of once 20
 * finished interactions are listed, adapter/src/desks/view-desk.ts FINISHED_KEPT). Every
 * `every` calls, after a garbage collection asked through DevTools (HeapProfiler.collectGarbage),
 * it reads the softphone frame's renderer process (Performance.getMetrics: JSHeapUsedSize,
 * Nodes, JSEventListeners, Documents) and counts the nodes of the frame's document, shadow roots
 * included (page-probe.ts domNodeCount), and the size of ContactPad's diagnostic log (the problem
 * report's, kept in memory with a cap: window.contactPad.diagnosticLog(), app/main.ts).
 */
import type { BenchCaller } from './bench-caller.ts';
import type { BenchTarget } from './bench-targets.ts';
import { timeOneCall } from './call-pop.ts';
import { clearCallMarks, domNodeCount } from './page-probe.ts';

/** One reading. */
export interface MemoryReading {
  readonly calls: number;
  readonly heapUsedBytes: number;
  /** Nodes the renderer process holds (DevTools' Nodes metric). */
  readonly processNodes: number;
  readonly listeners: number;
  readonly documents: number;
  /** Nodes in the frame's document, shadow roots included. */
  readonly documentNodes: number;
  /** ContactPad's diagnostic log: its texts in UTF-8 bytes, its cap (0 before it loaded) and entries. */
  readonly diagnosticLog: { readonly bytes: number; readonly capBytes: number; readonly entries: number };
}

async function read(target: BenchTarget, calls: number): Promise<MemoryReading> {
  const devtools = await target.devtools();
  await devtools.send('Performance.enable');
  await devtools.send('HeapProfiler.collectGarbage');
  const { metrics } = await devtools.send('Performance.getMetrics');
  const metric = (name: string) => metrics.find((entry) => entry.name === name)?.value ?? Number.NaN;
  return {
    calls,
    heapUsedBytes: metric('JSHeapUsedSize'),
    processNodes: metric('Nodes'),
    listeners: metric('JSEventListeners'),
    documents: metric('Documents'),
    documentNodes: await domNodeCount(target.frame()),
    diagnosticLog: await target
      .frame()
      .evaluate(() => (window as unknown as { contactPad?: { diagnosticLog(): { bytes: number; capBytes: number; entries: number } } }).contactPad?.diagnosticLog() ?? { bytes: Number.NaN, capBytes: Number.NaN, entries: Number.NaN }),
  };
}

/** `calls` calls, a reading before the first and after every `every`. */
export async function measureMemoryOverCalls(caller: BenchCaller, target: BenchTarget, calls: number, every: number): Promise<MemoryReading[]> {
  const readings = [await read(target, 0)];
  for (let i = 1; i <= calls; i++) {
    await timeOneCall(caller, target, i, false);
    if (i % every === 0) {
      await clearCallMarks(target.frame());
      readings.push(await read(target, i));
    }
  }
  return readings;
}
