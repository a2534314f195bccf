/**
 * `npm run bench`: ContactPad's speed and size figures, printed, never asserted in tests.
 *
 * 1. Gzipped size of the JavaScript needed to ring and answer (main.js and its static
 *    imports); the crm room and jsforce load later and are reported apart.
 * 2. Time from INVITE received (the telephony room's performance mark) to call pop painted
 *    (the widget's mark, in the first animation frame after render), median of 20 calls
 *    placed by the customer simulator through Kamailio in the local console.
 * 3. Salesforce API requests per handled inbound call, against a naive adapter.
 * 4. A call from the phone network through the media gateway (phone-network-call.ts), in a
 *    console of its own (bench-ports.ts), started after the first one is stopped: setup time
 *    INVITE -> 200 OK at a plain-RTP caller through rtpengine beside WebRTC to WebRTC without
 *    it, bytes both ways and rtpengine's CPU for one call beside idle.
 */
import { measureBundleSize, measureSipJsFloor } from './bundle-size.ts';
import { chooseAgentStatus, openConsoleSession, placeCall, type ConsoleSession } from '../../e2e/support/console-session.ts';
import { measureApiBudget, type ApiBudget } from './api-budget.ts';
import { BENCH_SIP_UDP_PORT, BENCH_SIP_WS_PORT, BENCH_WEB_PORT } from '../test-ports.ts';
import { runPhoneNetworkBench } from './phone-network-call.ts';

const CALLS = 20;
const CALLS_FOR_BUDGET = 50;
/** A naive adapter: one SOQL query per object the default package's rules search (Lead, Contact, Account, Case), then a Task insert and an update at wrap up. */
const NAIVE_REQUESTS_PER_CALL = 4 + 2;

function percentile(sorted: readonly number[], p: number): number {
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}

async function callPopLatency(session: ConsoleSession, interactionId: string): Promise<number> {
  const handle = await session.softphone.waitForFunction((id) => {
    const find = (name: string) =>
      performance
        .getEntriesByName(name, 'mark')
        .find((mark) => (mark as PerformanceMark).detail?.interactionId === id);
    const received = find('contactpad:invite-received');
    const painted = find('contactpad:call-pop-painted');
    return received && painted ? painted.startTime - received.startTime : undefined;
  }, interactionId);
  return (await handle.jsonValue()) as number;
}

/** 50 calls from 50 different numbers, then 50 from 10 callers calling again (the repeat-caller cache). */
async function measureApiBudgets(session: ConsoleSession): Promise<ApiBudget[]> {
  const distinct = Array.from({ length: CALLS_FOR_BUDGET }, (_, i) => `+1415555${String(3000 + i)}`);
  const repeat = Array.from({ length: 10 }, (_, i) => `+1415555${String(4000 + i)}`);
  return [await measureApiBudget(session, distinct, CALLS_FOR_BUDGET), await measureApiBudget(session, repeat, CALLS_FOR_BUDGET)];
}

async function withBenchConsole<T>(work: (session: ConsoleSession) => Promise<T>): Promise<T> {
  const session = await openConsoleSession(
    { '/ContactPad/wrapUpSeconds': '120' },
    { port: BENCH_WEB_PORT, sipWsPort: BENCH_SIP_WS_PORT, sipUdpPort: BENCH_SIP_UDP_PORT, name: 'bench' },
  );
  try {
    await chooseAgentStatus(session, 'Ready');
    await session.softphone.getByText('Phone ready').waitFor();
    return await work(session);
  } finally {
    await session.close();
  }
}

async function measureCallPop(session: ConsoleSession): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < CALLS; i++) {
    const id = await placeCall(session, { name: `Bench Caller ${i}`, number: `+1415555${String(1000 + i).padStart(4, '0')}`, queue: 'Sales' });
    samples.push(await callPopLatency(session, id));
    await session.page.getByTestId('sim-hangup').click();
    await session.page.waitForFunction(() => !['calling', 'ringing', 'connected'].includes(window.customerSimulator?.state ?? ''));
  }
  return samples;
}

const size = await measureBundleSize();
console.log('Bundle (gzip -9):');
console.log(`  ring-and-answer path: ${(size.ringPathBytesGzip / 1024).toFixed(1)} KiB in ${size.ringPathFiles.length} file(s): ${size.ringPathFiles.join(', ')}`);
console.log(`  loaded later (crm room, jsforce): ${(size.lazyBytesGzip / 1024).toFixed(1)} KiB`);
const sipJsFloor = await measureSipJsFloor();
console.log(`  of the ring-and-answer path, sip.js alone (as the telephony room imports it): ${(sipJsFloor / 1024).toFixed(1)} KiB; the rest (ContactPad's own code and Lit, as the difference of the two gzip sizes): ${((size.ringPathBytesGzip - sipJsFloor) / 1024).toFixed(1)} KiB`);

const { samples, budgets } = await withBenchConsole(async (session) => ({
  samples: await measureCallPop(session),
  budgets: await measureApiBudgets(session),
}));
const sorted = [...samples].sort((a, b) => a - b);
console.log(`INVITE received -> call pop painted, ${samples.length} calls (ms):`);
console.log(`  median ${percentile(sorted, 50).toFixed(1)}, p90 ${percentile(sorted, 90).toFixed(1)}, min ${sorted[0]?.toFixed(1)}, max ${sorted.at(-1)?.toFixed(1)}`);
console.log('Salesforce API requests per handled inbound call (lookup + Task), 50 calls each:');
for (const budget of budgets) {
  console.log(
    `  ${budget.distinctCallers} different callers: ${budget.requests} requests, ${budget.requestsPerCall.toFixed(2)} per call (naive adapter: ${NAIVE_REQUESTS_PER_CALL} per call, ${NAIVE_REQUESTS_PER_CALL * budget.calls} in all)`,
  );
}

await runPhoneNetworkBench();
