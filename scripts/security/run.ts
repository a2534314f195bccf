/**
 * `npm run security`: hostile input through every door of ContactPad in the local console
 * (Kamailio, Chromium, the fake org), with a count for each door and payload class, then the
 * checks that are not about markup: queries built from hostile numbers, the message handlers,
 * a real call with 128-character values, and where the session token must never be.
 *
 *   npm run security                   every payload through every door (a few minutes)
 *   npm run security -- --short        two payloads of every class through every door (.ci/run)
 *   npm run security -- --only=sip,org one section or a few (sip, org, queries, messages, call, token)
 *
 * Exits 1 when anything was executed, injected or crashed, a query was malformed or widened, a
 * message handler acted on a message it should have ignored, Accept left the panel, or the
 * token was found; 0 otherwise. The console runs on its own ports (scripts/test-ports.ts
 * SECURITY_*), so it does not need the e2e suite's ports.
 */
import { join } from 'node:path';
import { PAYLOADS, payloadsFor } from './payloads.ts';
import { SipCaller } from './sip-caller.ts';
import { Tally } from './tally.ts';
import { openSecuritySession, SECURITY_PORTS } from './session.ts';
import { runSipDoors } from './doors-sip.ts';
import { runOrgDoors } from './doors-org.ts';
import { runQueryDoors } from './doors-query.ts';
import { QueryLog } from './query-log.ts';
import { runMessageDoors } from './message-doors.ts';
import { realCallWithLongValues, type RealCallOutcome } from './real-call.ts';
import { scanForToken, StorageSamples, tokenTable, type TokenPlace } from './token-scan.ts';
import type { SuiteContext } from './suite-context.ts';

const MARKS = /xs[0-9a-z]+q[0-9a-z]+/;
const SECTIONS = ['sip', 'org', 'queries', 'messages', 'call', 'token'] as const;
const RUN_DIR = join(import.meta.dirname, '..', '..', '.run', `kamailio-${SECURITY_PORTS.name}`);

const mode: 'full' | 'short' = process.argv.includes('--short') ? 'short' : 'full';
const only = process.argv.find((arg) => arg.startsWith('--only='))?.slice('--only='.length).split(',');
const runs = (section: (typeof SECTIONS)[number]) => !only || only.includes(section);
const started = Date.now();
const log = (line: string) => console.log(`[security ${((Date.now() - started) / 1000).toFixed(1)} s] ${line}`);

const payloads = payloadsFor(mode);
log(`${mode} run: ${payloads.length} of ${PAYLOADS.length} payloads`);
const session = await openSecuritySession(MARKS, log);
const caller = new SipCaller({ udpPort: SECURITY_PORTS.sipUdpPort, tcpPort: SECURITY_PORTS.sipWsPort });
await caller.open();
const queryLog = QueryLog.install(session.context);

let queries: Tally | undefined;
let messages: Tally | undefined;
let realCall: RealCallOutcome | undefined;
let token: TokenPlace[] | undefined;
const failures: string[] = [];
const storage = new StorageSamples();
const ctx: SuiteContext = {
  session,
  caller,
  trap: session.trap,
  tally: new Tally(),
  markPattern: MARKS,
  layout: { checked: 0, outside: 0, covered: 0, worst: '' },
  mode,
  log,
  sampleStorage: () => storage.sample(session.softphone),
};
const sampled = async <T>(section: Promise<T>): Promise<T> => {
  const result = await section;
  await storage.sample(session.softphone);
  return result;
};
try {
  if (runs('sip')) await sampled(runSipDoors(ctx, payloads));
  if (runs('org')) await sampled(runOrgDoors(ctx, payloads));
  if (runs('queries')) queries = await sampled(runQueryDoors(ctx, queryLog));
  if (runs('messages')) messages = await sampled(runMessageDoors(ctx));
  if (runs('call')) realCall = await sampled(realCallWithLongValues(ctx));
  if (runs('token')) token = await scanForToken(session, session.trap, storage, RUN_DIR);
} catch (error) {
  failures.push(`the suite stopped: ${(error as Error).stack ?? String(error)}`);
} finally {
  await caller.close();
  await session.close();
}

const findings = (tally: Tally) => tally.findings.map((finding) => `  ${finding.door} / ${finding.payload}: ${finding.what}`).join('\n');
if (ctx.tally.doors.length > 0) console.log(`\nPAYLOADS (${payloads.length} of ${PAYLOADS.length}) BY DOOR AND CLASS\n${ctx.tally.table()}\n${findings(ctx.tally)}`);
if (queries) console.log(`\nQUERIES BUILT FROM HOSTILE NUMBERS\n${queries.table()}\n${findings(queries)}`);
if (messages) console.log(`\nMESSAGE HANDLERS\n${messages.table()}\n${findings(messages)}`);
console.log(`\nACCEPT IN THE SOFTPHONE PANEL: ${ctx.layout.checked} pops checked, ${ctx.layout.outside} outside the panel, ${ctx.layout.covered} covered ${ctx.layout.worst}`);
if (realCall) {
  console.log(`REAL CALL, 128-CHARACTER VALUES: Accept ${realCall.accepted ? 'clicked, connected' : 'FAILED'}; record ${realCall.recordPopped ? 'popped in the console (Open CTI works after the probes)' : 'NOT popped'}; wrap up ${realCall.wrappedUp ? 'done' : 'NOT done'} ${realCall.problem}`);
  if (!realCall.accepted || !realCall.recordPopped || !realCall.wrappedUp) failures.push(`the real call: ${realCall.problem || 'wrap up not done'}`);
}
if (token) {
  console.log(`\nSESSION TOKEN\n${tokenTable(token)}`);
  for (const place of token) {
    if (place.control && place.found.length === 0) failures.push('the token scan did not find the token where ContactPad.page hands it over: it cannot be trusted');
    else if (!place.control && place.found.length > 0) failures.push(`the session token is in ${place.place}`);
  }
}

const counted: Array<[string, number]> = [
  ['executed', ctx.tally.total('executed') + ctx.tally.lateExecutions + (messages?.total('executed') ?? 0)],
  ['injected', ctx.tally.total('injected')],
  ['crashed', ctx.tally.total('crashed') + (queries?.total('crashed') ?? 0) + (messages?.total('crashed') ?? 0)],
  ['lost', ctx.tally.total('lost')],
  ['malformed queries', queries?.total('malformed') ?? 0],
  ['widened queries', queries?.total('widened') ?? 0],
  ['messages acted on', messages?.total('acted') ?? 0],
  ['Accept outside the panel or covered', ctx.layout.outside + ctx.layout.covered],
];
for (const [what, count] of counted) if (count > 0) failures.push(`${count} ${what}`);
console.log(`\n${counted.map(([what, count]) => `${what}: ${count}`).join(', ')}`);
// One ✖ line per failure: scripts/test-all.ts lists those lines in its summary.
for (const failure of failures) console.log(`✖ security: ${failure}`);
log(failures.length === 0 ? 'PASSED: nothing executed, injected or crashed' : `FAILED: ${failures.length} checks`);
process.exit(failures.length === 0 ? 0 : 1);
