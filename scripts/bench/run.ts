/**
 * `npm run bench`: ContactPad's speed, size and memory on the real path, each figure beside a
 * baseline measured in the same run (a page that loads only sip.js, bundled the same way,
 * registers with the same Kamailio and writes the caller's name on an INVITE: baseline/).
 * Printed, never asserted in tests. What each figure times is printed beside it; the modules
 * say how:
 *
 * 1. Scripts before the phone can ring (page-load.ts), page load -> registered (page-load.ts).
 * 2. INVITE sent by the caller -> call pop painted, the first call after load included
 *    (call-pop.ts, clock-check.ts).
 * 3. Main-thread time while Ready and on a call (main-thread.ts).
 * 4. Heap and DOM nodes over MEMORY_CALLS calls in one page (memory-over-calls.ts).
 * 5. Salesforce API requests: the session's start-up requests, then per handled call for new and
 *    repeat callers (api-budget.ts).
 * 6. The build's own figures: the static ring path (bundle-size.ts).
 * 7. A call from the phone network through the media gateway (phone-network-call.ts), in a
 *    console of its own.
 */
import { BenchCaller } from './bench-caller.ts';
import { openBenchTargets } from './bench-targets.ts';
import { clockOffset } from './clock-check.ts';
import { FIRST_CALL_DELAY_MS, measureCallPops, type CallPopSample } from './call-pop.ts';
import { measurePageLoads, salesforceRequests, scriptsAroundRegistration, SETTLE_MS, type PageLoad } from './page-load.ts';
import { measureIdle, measureOnCall, WINDOW_SECONDS, type MainThreadUse } from './main-thread.ts';
import { measureMemoryOverCalls, type MemoryReading } from './memory-over-calls.ts';
import { measureApiBudget } from './api-budget.ts';
import { measureBundleSize, measureSipJsFloor } from './bundle-size.ts';
import { runPhoneNetworkBench } from './phone-network-call.ts';
import { bytes, percentile, ratio, summary } from './stats.ts';
import { SIP_DOMAIN } from '../test-ports.ts';
import type { FetchedResource } from './page-probe.ts';

/** `npm run bench -- --quick`: a few of each, to try the bench itself (its figures say so). */
const QUICK = process.argv.includes('--quick');
const LOADS = QUICK ? 2 : 4;
const CALL_SERIES = QUICK ? 2 : 6;
const CALLS_PER_SERIES = QUICK ? 3 : 6;
const MEMORY_CALLS = QUICK ? 40 : 500;
const MEMORY_EVERY = QUICK ? 20 : 50;
const BUDGET_CALLS = QUICK ? 4 : 30;
const REPEAT_CALLERS = QUICK ? 2 : 10;

const out = (line = '') => console.log(line);
const ms = (value: number | undefined) => (value === undefined || !Number.isFinite(value) ? 'n/a' : value.toFixed(1));

function printLoads(loads: Map<string, PageLoad[]>): void {
  const registered = (name: string) => (loads.get(name) ?? []).map((load) => load.notes.registeredAt ?? Number.NaN);
  out(`Page load -> registered (the page's navigation start -> the first 200 OK to its REGISTER arriving at the page), ${LOADS} loads each, ms:`);
  const contactPad = registered('ContactPad');
  const baseline = registered('baseline');
  out(`  ContactPad (the softphone frame's navigation): ${summary(contactPad, 'loads')}`);
  out(`  baseline: ${summary(baseline, 'loads')}`);
  out(`  ratio of medians: ${ratio(percentile(contactPad, 50), percentile(baseline, 50))}`);
  const steps = (loads.get('ContactPad') ?? []).map((load) => load.notes);
  const medianOf = (pick: (notes: PageLoad['notes']) => number | undefined) => percentile(steps.map((notes) => pick(notes) ?? Number.NaN), 50);
  out(
    `  ContactPad's way there (medians, ms after navigation start): WebSocket made (its scripts ran, the credential fetched) ${ms(medianOf((n) => n.socketCreatedAt))}, open ${ms(medianOf((n) => n.socketOpenedAt))}, first REGISTER sent ${ms(medianOf((n) => n.registerSentAt[0]))}, REGISTER with the credential sent (after Kamailio's 401) ${ms(medianOf((n) => n.registerSentAt.at(-1)))}, 200 OK ${ms(medianOf((n) => n.registeredAt))}`,
  );
  const baseSteps = (loads.get('baseline') ?? []).map((load) => load.notes);
  out(
    `  baseline's way there (medians): WebSocket made ${ms(percentile(baseSteps.map((n) => n.socketCreatedAt ?? Number.NaN), 50))}, open ${ms(percentile(baseSteps.map((n) => n.socketOpenedAt ?? Number.NaN), 50))}, 200 OK ${ms(percentile(baseSteps.map((n) => n.registeredAt ?? Number.NaN), 50))} (its credential is in its page: it fetches none)`,
  );
}

function scriptLine(resource: FetchedResource, origin: number): string {
  return `    ${resource.path.replace(/^\/resource\/contactpad\//, '')}: ${resource.encodedBodySize.toLocaleString('en-US')} B as transferred (${resource.decodedBodySize.toLocaleString('en-US')} B), fetched ${ms(resource.startTime - origin)}-${ms(resource.responseEnd - origin)} ms`;
}

function printScripts(loads: Map<string, PageLoad[]>): void {
  out(`Scripts the page fetched before the phone could ring (every .js file whose response ended before the 200 OK to its REGISTER; Resource Timing, sizes as transferred: the local console sends scripts gzip-compressed, zlib level 6, as Salesforce serves static resources compressed):`);
  for (const [name, list] of loads) {
    const totals = list.map((load) => scriptsAroundRegistration(load).before.reduce((sum, resource) => sum + resource.encodedBodySize, 0));
    const last = list.at(-1);
    if (!last) continue;
    const { before, after } = scriptsAroundRegistration(last);
    const own = (resource: FetchedResource) => !resource.path.startsWith('/support/');
    const ownBytes = before.filter(own).reduce((sum, resource) => sum + resource.encodedBodySize, 0);
    out(`  ${name}: ${bytes(ownBytes)} of its own in ${before.filter(own).length} file(s) (last load; over the ${list.length} loads, all scripts before registered: ${Math.min(...totals).toLocaleString('en-US')}-${Math.max(...totals).toLocaleString('en-US')} B):`);
    for (const resource of before) out(`${scriptLine(resource, 0)}${own(resource) ? '' : " (the host's Open CTI library: the console's stand-in here, Salesforce's opencti_min.js in an org; not ContactPad's)"}`);
    const registeredAt = last.notes.registeredAt ?? 0;
    const afterBytes = after.reduce((sum, resource) => sum + resource.encodedBodySize, 0);
    out(`  ${name}, loaded after it registered (within ${SETTLE_MS / 1000} s of the navigation): ${bytes(afterBytes)} in ${after.length} file(s); times below are after the 200 OK:`);
    for (const resource of after) out(scriptLine(resource, registeredAt));
  }
}

function printCallPops(samples: Map<string, CallPopSample[]>, offsets: Map<string, { offsetMs: number; withinMs: number }>): void {
  out(
    `INVITE sent by the caller -> call pop painted (the caller: a SIP client in the bench's Node process, stamp when it hands the INVITE with its credential to its WebSocket, performance.timeOrigin + now(); painted: the page's mark in the first task after the animation frame that renders the caller's name, i.e. after that frame's paint, performance.timeOrigin + startTime), ${CALL_SERIES} series of ${CALLS_PER_SERIES} calls each, each series right after its page loaded (its first call ${FIRST_CALL_DELAY_MS / 1000} s after the page registered), calls alternating between the two phones, ms:`,
  );
  for (const [name, offset] of offsets) out(`  clock check, ${name}'s page minus the bench process: ${offset.offsetMs.toFixed(2)} ms (within ±${offset.withinMs.toFixed(2)} ms); not subtracted`);
  const contactPad = samples.get('ContactPad') ?? [];
  const baseline = samples.get('baseline') ?? [];
  const pick = (list: CallPopSample[], key: 'total' | 'toPage' | 'inPage', first?: boolean) => list.filter((sample) => first === undefined || sample.first === first).map((sample) => sample[key]);
  for (const [name, list] of [['ContactPad', contactPad], ['baseline', baseline]] as const) {
    out(`  ${name}: ${summary(pick(list, 'total'))}`);
    out(`    first call after load: ${summary(pick(list, 'total', true))}`);
    out(`    split (medians): INVITE sent -> the page's sip.js handed it to the phone (Kamailio, WebSocket, sip.js) ${ms(percentile(pick(list, 'toPage'), 50))}; -> painted (the page's own work and the paint) ${ms(percentile(pick(list, 'inPage'), 50))}`);
  }
  out(`  ratio ContactPad / baseline: median ${ratio(percentile(pick(contactPad, 'total'), 50), percentile(pick(baseline, 'total'), 50))}, p90 ${ratio(percentile(pick(contactPad, 'total'), 90), percentile(pick(baseline, 'total'), 90))}, first calls (median) ${ratio(percentile(pick(contactPad, 'total', true), 50), percentile(pick(baseline, 'total', true), 50))}`);
}

function printMainThread(title: string, use: Map<string, MainThreadUse>): void {
  out(`${title} (DevTools Performance.getMetrics of each phone's renderer process over the same ${WINDOW_SECONDS} s, main-thread task time as a share of the window):`);
  for (const [name, value] of use) {
    const share = (seconds: number) => `${((seconds / value.seconds) * 100).toFixed(2)} %`;
    out(`  ${name}: tasks ${share(value.task)} (${(value.task * 1000).toFixed(0)} ms in ${value.seconds.toFixed(1)} s), of which JavaScript ${share(value.script)}, style and layout ${share(value.styleAndLayout)}`);
  }
  const contactPad = use.get('ContactPad');
  const baseline = use.get('baseline');
  if (contactPad && baseline) out(`  ratio of task time ContactPad / baseline: ${ratio(contactPad.task, baseline.task)}`);
}

function printMemory(readings: readonly MemoryReading[]): void {
  out(`ContactPad over ${MEMORY_CALLS} calls in one page (each rung and cancelled once its pop painted: a missed call, listed, let go of after 20), after a garbage collection every ${MEMORY_EVERY} calls (DevTools HeapProfiler.collectGarbage, Performance.getMetrics of the softphone frame's process; document nodes counted in the frame, shadow roots included):`);
  out('  calls | JS heap used | nodes (process) | nodes (document) | listeners | documents | diagnostic log (its texts, UTF-8; entries; cap)');
  for (const reading of readings) {
    const log = reading.diagnosticLog;
    out(`  ${String(reading.calls).padStart(5)} | ${(reading.heapUsedBytes / 1024 / 1024).toFixed(2).padStart(8)} MiB | ${String(reading.processNodes).padStart(15)} | ${String(reading.documentNodes).padStart(16)} | ${String(reading.listeners).padStart(9)} | ${String(reading.documents).padStart(9)} | ${(log.bytes / 1024).toFixed(0)} KiB; ${log.entries}; ${log.capBytes > 0 ? `${(log.capBytes / 1024).toFixed(0)} KiB` : 'not loaded yet'}`);
  }
  // From the 100th call: the list holds its 20 finished calls by then (earlier growth is the list filling).
  const from = readings.find((reading) => reading.calls >= 100) ?? readings[0];
  const to = readings.at(-1);
  if (from && to && to.calls > from.calls) {
    const span = to.calls - from.calls;
    out(`  from call ${from.calls} to ${to.calls}: document nodes ${to.documentNodes - from.documentNodes >= 0 ? '+' : ''}${to.documentNodes - from.documentNodes} (${((to.documentNodes - from.documentNodes) / span).toFixed(2)} per call), JS heap ${((to.heapUsedBytes - from.heapUsedBytes) / 1024).toFixed(0)} KiB (${((to.heapUsedBytes - from.heapUsedBytes) / span / 1024).toFixed(2)} KiB per call)`);
  }
  // The diagnostic log fills up to its cap over the first calls (then it drops its oldest entries): the heap from then on.
  const full = readings.filter((reading) => reading.diagnosticLog.capBytes > 0 && reading.diagnosticLog.bytes >= reading.diagnosticLog.capBytes - 4096);
  const heaps = full.map((reading) => reading.heapUsedBytes / 1024 / 1024);
  if (full.length > 1) out(`  once the diagnostic log was full (call ${full[0]?.calls} on, ${full.length} readings): JS heap between ${Math.min(...heaps).toFixed(2)} and ${Math.max(...heaps).toFixed(2)} MiB, first ${heaps[0]?.toFixed(2)}, last ${heaps.at(-1)?.toFixed(2)}`);
}

out(`npm run bench${QUICK ? ' --quick (a short run to try the bench: too few samples to quote)' : ''}, ${new Date().toISOString()} (Node ${process.version}; every figure below measured in this run)`);
out();
const targets = await openBenchTargets();
let caller: BenchCaller | undefined;
try {
  const { session } = targets;
  caller = await BenchCaller.connect(session.console.sipWsUrl, SIP_DOMAIN, session.console.sipSecret);
  const phones = [targets.contactPad, targets.baseline];

  const loads = await measurePageLoads(phones, LOADS);
  printLoads(loads);
  out();
  printScripts(loads);
  out();
  const startup = loads.get('ContactPad')?.at(-1);
  if (startup) {
    const requests = salesforceRequests(startup);
    const byPath = new Map<string, number>();
    for (const request of requests) byPath.set(request.path.split('?')[0] ?? '', (byPath.get(request.path.split('?')[0] ?? '') ?? 0) + 1);
    out(`Salesforce API requests of the session's start (the softphone frame's load, the agent Ready, no call, ${SETTLE_MS / 1000} s): ${requests.length}: ${[...byPath].map(([path, count]) => `${count} x ${path}`).join(', ')}`);
    out();
  }

  const offsets = new Map([
    ['ContactPad', await clockOffset(targets.contactPad.frame())],
    ['baseline', await clockOffset(targets.baseline.frame())],
  ]);
  const pops = await measureCallPops(caller, phones, CALL_SERIES, CALLS_PER_SERIES);
  printCallPops(pops, offsets);
  out();

  printMainThread('Main thread while Ready, no call', await measureIdle(targets));
  out();
  printMainThread('Main thread on a call (a phone-network caller, baresip through rtpengine, answered)', await measureOnCall(targets));
  out();

  await targets.contactPad.reload();
  printMemory(await measureMemoryOverCalls(caller, targets.contactPad, MEMORY_CALLS, MEMORY_EVERY));
  out();

  out(`Salesforce API requests per handled inbound call (every request the softphone frame made to /services/data/ while the calls were placed by the console's customer simulator, accepted, released and wrapped up with Done, until every Task was saved; Resource Timing):`);
  const fresh = Array.from({ length: BUDGET_CALLS }, (_, i) => `+1415555${String(3000 + i)}`);
  const repeat = Array.from({ length: REPEAT_CALLERS }, (_, i) => `+1415555${String(4000 + i)}`);
  for (const [label, numbers] of [['new callers (each number once)', fresh], [`repeat callers (${REPEAT_CALLERS} numbers calling in turn)`, repeat]] as const) {
    const budget = await measureApiBudget(session, numbers, BUDGET_CALLS);
    out(`  ${label}: ${budget.requests} requests for ${budget.calls} calls, ${budget.requestsPerCall.toFixed(2)} per call`);
  }
  out();
} finally {
  caller?.close();
  await targets.close();
}

const size = await measureBundleSize();
const sipJsFloor = await measureSipJsFloor();
out('The build (gzip -9 of the files, not a browser): the static ring path, main.js and what it imports statically:');
out(`  ${bytes(size.ringPathBytesGzip)} in ${size.ringPathFiles.length} file(s); every other script of the static resource (dynamic chunks, jsforce): ${bytes(size.lazyBytesGzip)}`);
out(`  of it, sip.js alone as the telephony room imports it (every value imported from it, lazy files too: an upper bound): ${bytes(sipJsFloor)}`);
out();

await runPhoneNetworkBench();
