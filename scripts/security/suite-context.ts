/**
 * What every section of the security suite shares: the console session (console page,
 * ContactPad's frame, fake org), the platform's SIP caller, the trap, the counts, and one step
 * that judges a value once the pad shows it (executed? injected? shown as text?).
 */
import type { ConsoleSession } from '../../e2e/support/console-session.ts';
import type { SipCaller } from './sip-caller.ts';
import type { Trap } from './trap.ts';
import type { Tally } from './tally.ts';
import type { PayloadClass } from './payloads.ts';
import { scanFrame, type DomScan } from './dom-scan.ts';
import { padReady } from './pad-checks.ts';

export interface SuiteContext {
  readonly session: ConsoleSession;
  readonly caller: SipCaller;
  readonly trap: Trap;
  readonly tally: Tally;
  /** Matches every mark (payloads.ts markOf). */
  readonly markPattern: RegExp;
  /** Accept placements checked, and those outside the panel or covered (layout section of the report). */
  readonly layout: { checked: number; outside: number; covered: number; worst: string };
  readonly mode: 'full' | 'short';
  log(line: string): void;
  /** Samples what the origin stores (token-scan.ts): called where something is stored for a moment (a Task on its way). */
  sampleStorage(): Promise<void>;
}

/** One value sent through one door, and what the pad should show of it. */
export interface DoorValue {
  readonly door: string;
  readonly payloadId: string;
  readonly kind: PayloadClass;
  readonly mark: string;
  /**
   * The text the pad shows for it: as the product cleans it ('' when the product drops it);
   * undefined when the door is never shown (an id, a kind).
   */
  readonly expected: string | undefined;
  /** For a value ContactPad writes rather than shows (the agent's notes): whether Salesforce holds it exactly as given. */
  readonly keptAsTyped?: boolean;
}

/** How often each execution and failure was seen, so each step reports only what is new. */
const seen = new Map<string, number>();

/** Forgets what earlier steps saw (after a reload, the frames' lists start empty again). */
export function resetSeen(): void {
  seen.clear();
}

/** The entries of `list` beyond those already seen (counted by their text). */
function fresh<T>(list: readonly T[], key: (item: T) => string): T[] {
  const counts = new Map<string, number>();
  const out: T[] = [];
  for (const item of list) {
    const k = key(item);
    const n = (counts.get(k) ?? 0) + 1;
    counts.set(k, n);
    if (n > (seen.get(k) ?? 0)) {
      seen.set(k, n);
      out.push(item);
    }
  }
  return out;
}

/** ContactPad's frame (the Visualforce page the console serves at /softphone) or a window it opened. */
function isSoftphone(where: string): boolean {
  return /\/softphone\b|about:blank/.test(where);
}

/** New executions and failures since the last call. */
export async function newSigns(ctx: SuiteContext): Promise<{ executed: Set<string>; failures: string[] }> {
  const { executions, failures } = await ctx.trap.collect();
  const newExecutions = fresh(executions, (each) => `x|${each.how}|${each.mark}|${each.where}`);
  const newFailures = fresh(failures, (each) => `f|${each.message}|${each.where}`);
  // Only ContactPad's own failures are crashes; the console page (the stand-in for Salesforce) is reported apart.
  for (const failure of newFailures.filter((each) => !isSoftphone(each.where))) ctx.tally.find('(console page)', '', `error: ${failure.message} (${failure.where})`);
  return {
    executed: new Set(newExecutions.map((each) => each.mark)),
    failures: newFailures.filter((each) => isSoftphone(each.where)).map((each) => `${each.message} (${each.where})`),
  };
}

/**
 * Judges the values of one step now that the pad shows them: scans ContactPad's frame, reads
 * the trap, and counts each value (shown escaped / blank / executed / injected / crashed).
 * `extraCrash`: why this step failed besides uncaught errors (a pop that never left...);
 * `whileShown`: a scan taken while a pop that has left since was showing the values.
 */
export async function judge(ctx: SuiteContext, values: readonly DoorValue[], extraCrash = '', whileShown?: DomScan): Promise<DomScan> {
  const now = await scanFrame(ctx.session.softphone, ctx.markPattern);
  // What the pop showed while it rang (taken before it left), and what is left now (its row in the list).
  const scan: DomScan = whileShown
    ? { injected: [...whileShown.injected, ...now.injected], text: `${whileShown.text} ${now.text}`, titles: [...whileShown.titles, ...now.titles] }
    : now;
  const signs = await newSigns(ctx);
  const injectedMarks = new Set(scan.injected.map((each) => each.mark));
  const ready = await padReady(ctx.session.softphone);
  const crash = [...signs.failures, ...(ready ? [] : ['the pad no longer says "Phone ready"']), ...(extraCrash ? [extraCrash] : [])].join('; ');
  for (const value of values) {
    const executed = signs.executed.has(value.mark);
    const injected = injectedMarks.has(value.mark);
    const blank = value.keptAsTyped === undefined && (value.expected === undefined || value.expected === '');
    const shown = value.keptAsTyped !== undefined
      ? value.keptAsTyped && !injected
      : !blank && !injected && (scan.text.includes(value.expected ?? '') || scan.titles.includes(value.expected ?? ''));
    ctx.tally.add(value.door, value.kind, { shown, blank, executed, injected, crashed: crash !== '' });
    if (executed) ctx.tally.find(value.door, value.payloadId, 'EXECUTED');
    if (injected) ctx.tally.find(value.door, value.payloadId, `INJECTED: ${scan.injected.find((each) => each.mark === value.mark)?.element ?? ''}`);
    if (crash) ctx.tally.find(value.door, value.payloadId, `CRASHED: ${crash.slice(0, 300)}`);
    if (!blank && !shown && !injected) ctx.tally.find(value.door, value.payloadId, `not shown${value.keptAsTyped === false ? ' (not kept as typed)' : ''}: expected ${JSON.stringify((value.expected ?? '').slice(0, 80))}`);
  }
  // Marks no value of this step owns (a payload that ran late): blamed by their mark's door.
  for (const mark of signs.executed) {
    if (!values.some((value) => value.mark === mark)) ctx.tally.late(mark);
  }
  return scan;
}
