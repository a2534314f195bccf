/**
 * The org fails for stretches while the agent takes calls: 100 calls (10 in the short run),
 * one at a time, each from a new caller the org knows (a Lead made for the run), each rung,
 * accepted, released and wrapped up (Done), while the fake org answers every API request as
 * Salesforce does when it is
 *
 *   1. unavailable: 503 SERVER_UNAVAILABLE, for 90 s (15 s short): long enough for the
 *      outbox's backoff to grow to a minute and more;
 *   2. out of API requests: 403 REQUEST_LIMIT_EXCEEDED, for 45 s (15 s short); near its end,
 *      with Task writes held in the outbox, the agent reloads the console, and the org stays
 *      refusing a while after the reload, so the writes the new page finds stored meet it too;
 *   3. refusing the session: 401 INVALID_SESSION_ID (an expired session), for 45 s (10 s short);
 *
 * with calls in between and after, while it answers again (scripts/fake-org faults; their
 * bodies and sources: scripts/fake-org/store.ts and salesforce-error.ts). The expired session
 * comes last, after the reload, so nothing but the outbox itself can bring its writes back.
 *
 * Each call must ring and connect whatever the org answers (the caller lookup fails, the call
 * does not). When the org answers again: how long until the Task of every call handled so far
 * is in the org (the outbox drained). At the end: the org's Tasks counted per call by the
 * call's interaction id (ContactPad_Interaction_Id__c, the CallObject): exactly one each.
 */
import { Tally, seconds, type Fault } from './fault.ts';
import { until, type FaultRig } from './rig.ts';
import { placeCall, reloadConsole, type SimulatedCall } from '../../e2e/support/console-session.ts';

/** The fake org's fault kinds this fault uses. */
type OrgFaultKind = 'unavailable' | 'requestLimit' | 'sessionExpired';

interface Stretch {
  readonly kind: OrgFaultKind;
  /** What the org answers, for the figures. */
  readonly answers: string;
  /** How long the org answers it, at least (full, short). */
  readonly ms: { readonly full: number; readonly short: number };
  /** Calls taken while it does (full, short). */
  readonly calls: { readonly full: number; readonly short: number };
  /** The console is reloaded near the stretch's end, with Task writes held. */
  readonly reload?: true;
}

const STRETCHES: readonly Stretch[] = [
  { kind: 'unavailable', answers: '503 SERVER_UNAVAILABLE', ms: { full: 90_000, short: 15_000 }, calls: { full: 24, short: 2 } },
  { kind: 'requestLimit', answers: '403 REQUEST_LIMIT_EXCEEDED', ms: { full: 45_000, short: 15_000 }, calls: { full: 20, short: 2 }, reload: true },
  { kind: 'sessionExpired', answers: '401 INVALID_SESSION_ID', ms: { full: 45_000, short: 10_000 }, calls: { full: 20, short: 2 } },
];

/** Calls before the first stretch, and after each one while the org answers again. */
const HEALTHY_CALLS = { full: 8, short: 1 };
const TOTAL_CALLS = { full: 100, short: 10 };
/** How long the org keeps failing after the reload, so the writes replayed by the new page meet it. */
const DOWN_AFTER_RELOAD_MS = { full: 15_000, short: 8_000 };
/** About how long a reload takes (the calls before it are spread to leave room for it). */
const RELOAD_MS = 3_000;
/**
 * How long the outbox may take to drain once the org answers again: the first request Salesforce
 * answers (the next caller lookup) sends it, so seconds; past this the Tasks count as stuck.
 */
const DRAIN_WITHIN_MS = { full: 45_000, short: 20_000 };
/** How long the last calls' Tasks may take at the end (the stretches' drains were waited for already). */
const LAST_TASKS_WITHIN_MS = 20_000;
/** How long the phone may take to be ready after the reload (its credential comes from the org). */
const READY_WITHIN_MS = 120_000;
/** Steps of one call (ring, connect, end). */
const STEP_MS = 15_000;

/**
 * The callers: a Lead of its own for each call (created through the control API, so search
 * finds it at once), each a new number, as most callers of a contact centre are: every call's
 * caller lookup asks the org (a repeat caller would be served from ContactPad's cache).
 */
async function seedCallers(rig: FaultRig, count: number): Promise<SimulatedCall[]> {
  const run = Date.now().toString(36).slice(-4);
  const callers: SimulatedCall[] = [];
  for (let n = 0; n < count; n++) {
    const number = `+1415555${String(4000 + n).padStart(4, '0')}`;
    const name = `Outage Caller ${run}-${n + 1}`;
    await rig.session.fakeOrg.insert('default', 'Lead', { FirstName: 'Outage', LastName: `Caller ${run}-${n + 1}`, Company: 'Org Outage Fault', Phone: number });
    callers.push({ name, number });
  }
  return callers;
}

/** One call taken; `id` once it was handled (connected, released, wrapped up). */
interface TakenCall {
  id?: string;
  readonly caller: string;
  /** The org's fault while the call was taken; undefined while it answered. */
  readonly during: OrgFaultKind | undefined;
  readonly problems: string[];
}

const fault: Fault = {
  name: 'org answers 503, 401 and REQUEST_LIMIT_EXCEEDED',
  order: 50,
  budgetMs: { full: 6 * 60_000, short: 2 * 60_000 },
  async run(rig, { short }) {
    const plan = short ? 'short' : 'full';
    const tally = new Tally();
    const org = rig.session.fakeOrg;
    const calls: TakenCall[] = [];
    const callers = await seedCallers(rig, TOTAL_CALLS[plan]);
    const handledIds = () => calls.flatMap((call) => (call.id === undefined ? [] : [call.id]));
    let during: OrgFaultKind | undefined;
    /** Takes `count` calls, one after the other, or spread until `spreadUntil` (epoch ms). */
    const take = async (count: number, spreadUntil = 0) => {
      const from = Date.now();
      for (let n = 0; n < count && calls.length < callers.length; n++) {
        const startAt = from + ((spreadUntil - from) * n) / count;
        if (startAt > Date.now()) await sleep(startAt - Date.now());
        const caller = callers[calls.length]!;
        const call: TakenCall = { caller: caller.name!, during, problems: [] };
        calls.push(call);
        try {
          call.id = await takeCall(rig, caller);
        } catch (error) {
          call.problems.push(firstLine(error));
        }
        call.problems.push(...(await rig.settle()));
      }
    };

    await org.clearFaults('default');
    try {
      await take(HEALTHY_CALLS[plan]);
      for (const stretch of STRETCHES) {
        const began = Date.now();
        const endsAt = began + stretch.ms[plan];
        await org.setFault('default', { kind: stretch.kind });
        during = stretch.kind;
        await take(stretch.calls[plan], endsAt - (stretch.reload ? DOWN_AFTER_RELOAD_MS[plan] + RELOAD_MS : 0));
        if (stretch.reload) await reloadWhileDown(rig, tally, handledIds());
        if (endsAt > Date.now()) await sleep(endsAt - Date.now());
        const held = await missingTasks(rig, handledIds());
        await org.clearFaults('default');
        const backAt = Date.now();
        during = undefined;
        const handledNow = calls.filter((call) => call.during === stretch.kind && call.id !== undefined).length;
        tally.note(`${stretch.answers} for ${seconds(backAt - began)}: ${handledNow} calls handled meanwhile, ${held.length} Tasks held in the outbox when the org answered again`);
        if (handledNow === 0) tally.problem(`no call was handled while the org answered ${stretch.answers}`);
        // The org answers again: calls go on while the outbox drains; the next stretch waits for it.
        const drain = drained(rig, tally, held, backAt, stretch.answers, DRAIN_WITHIN_MS[plan]);
        if (stretch.reload) await phoneBack(rig, tally, backAt);
        await take(HEALTHY_CALLS[plan]);
        // The next stretch starts with the outbox empty (the calls taken meanwhile logged too), so each stretch holds its own calls' Tasks.
        if ((await drain) && stretch !== STRETCHES.at(-1)) await until(() => missingTasks(rig, handledIds()), (missing) => missing.length === 0, DRAIN_WITHIN_MS[plan], 250);
      }
      await take(callers.length);
    } finally {
      await org.clearFaults('default');
    }

    await countTasks(rig, tally, calls, LAST_TASKS_WITHIN_MS);
    return tally.outcome();
  },
};

export default fault;

/** One call: a caller rings, the agent accepts, the call connects, the agent releases it and presses Done. Its interaction id. */
async function takeCall(rig: FaultRig, caller: SimulatedCall): Promise<string> {
  const { session } = rig;
  await session.page.waitForFunction(() => window.customerSimulator?.registration === 'registered', undefined, { timeout: STEP_MS });
  const id = await placeCall(session, caller);
  await session.softphone.getByRole('region', { name: /Incoming voice call/ }).getByRole('button', { name: 'Accept' }).click({ timeout: STEP_MS });
  await session.page.waitForFunction(() => window.customerSimulator?.state === 'connected', undefined, { timeout: STEP_MS });
  await rig.release();
  await session.page.waitForFunction(() => window.customerSimulator?.state === 'ended', undefined, { timeout: STEP_MS });
  await rig.finishWrapUps();
  return id;
}

/**
 * The agent reloads the console while the org fails and Task writes wait in the outbox
 * (IndexedDB).
 */
async function reloadWhileDown(rig: FaultRig, tally: Tally, handledIds: readonly string[]): Promise<void> {
  const held = await missingTasks(rig, handledIds);
  if (held.length === 0) tally.problem('the reload found no Task write held in the outbox (the org had them all)');
  tally.note(`console reloaded while the org failed, ${held.length} Task writes held in the outbox`);
  await reloadConsole(rig.session);
}

/** How long after the org answered again the reloaded phone said "Phone ready" (its SIP credential comes from the org). */
async function phoneBack(rig: FaultRig, tally: Tally, backAt: number): Promise<void> {
  if (await rig.phoneReady(READY_WITHIN_MS)) tally.sample('phone ready after the reload (org back -> "Phone ready")', Date.now() - backAt);
  else tally.problem(`the reloaded phone did not say "Phone ready" within ${READY_WITHIN_MS / 1000} s of the org answering again`);
}

/** Waits until each of `ids` has a Task in the org, and says how long after `backAt` that was; false when they did not all arrive. */
async function drained(rig: FaultRig, tally: Tally, ids: readonly string[], backAt: number, answers: string, withinMs: number): Promise<boolean> {
  const { value, held } = await until(() => missingTasks(rig, ids), (missing) => missing.length === 0, withinMs, 250);
  if (held) tally.sample(`outbox drained after ${answers} (org back -> every held Task in the org)`, Date.now() - backAt);
  else tally.problem(`after ${answers}: ${value.length} of ${ids.length} held Tasks still not in the org ${withinMs / 1000} s after it answered again`);
  return held;
}

/** The org's Tasks per interaction id (ContactPad_Interaction_Id__c), for the calls `ids`. */
async function taskCounts(rig: FaultRig, ids: readonly string[]): Promise<Map<string, number>> {
  const counts = new Map(ids.map((id) => [id, 0]));
  for (const task of await rig.session.fakeOrg.records('default', 'Task')) {
    const id = task['ContactPad_Interaction_Id__c'];
    if (typeof id === 'string' && counts.has(id)) counts.set(id, counts.get(id)! + 1);
  }
  return counts;
}

/** The calls among `ids` that have no Task in the org yet. */
async function missingTasks(rig: FaultRig, ids: readonly string[]): Promise<string[]> {
  return [...(await taskCounts(rig, ids))].filter(([, count]) => count === 0).map(([id]) => id);
}

/**
 * The end: waits for the outbox to deliver every call's Task, counts the org's Tasks per call,
 * and tallies each call (survived: exactly one Task, nothing left open) and the calls that were
 * not handled.
 */
async function countTasks(rig: FaultRig, tally: Tally, calls: readonly TakenCall[], withinMs: number): Promise<void> {
  const ids = calls.flatMap((call) => (call.id === undefined ? [] : [call.id]));
  await until(() => missingTasks(rig, ids), (missing) => missing.length === 0, withinMs, 500);
  const counts = await taskCounts(rig, ids);
  const written = [...counts.values()].reduce((sum, count) => sum + count, 0);
  const duplicates = [...counts.values()].reduce((sum, count) => sum + Math.max(0, count - 1), 0);
  const missing = [...counts.values()].filter((count) => count === 0).length;
  tally.note(`calls handled: ${ids.length} of ${calls.length}; Tasks written: ${written}; duplicates: ${duplicates}; missing: ${missing}`);
  for (const call of calls) {
    const count = call.id === undefined ? 1 : (counts.get(call.id) ?? 0);
    const problems = count === 1 ? call.problems : [...call.problems, `${count} Tasks`];
    const which = `call ${call.id ?? '(not handled)'} from ${call.caller} while the org ${call.during ? `answered ${call.during}` : 'worked'}`;
    tally.time(problems.map((problem) => `${which}: ${problem}`));
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((done) => setTimeout(done, ms));
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0]!;
}
