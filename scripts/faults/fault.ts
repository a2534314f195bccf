/**
 * The shape of one fault of `npm run faults` (scripts/faults/README.md): a file
 * `scripts/faults/<name>.fault.ts` whose default export is a {@link Fault}. The runner (run.ts)
 * finds every such file, runs them in their `order` against one rig (rig.ts: the local console's
 * real parts), each within its time budget, and prints one table row per fault from its
 * {@link FaultOutcome}.
 */
import type { FaultRig } from './rig.ts';

/** How much of each fault a run does. */
export interface FaultPlan {
  /** The shortened run (FAULTS_SHORT=1 or --short; .ci/run): a few repetitions each. */
  readonly short: boolean;
}

/** One fault. */
export interface Fault {
  /** The table's first column ("agent's WebSocket cut during a call"). */
  readonly name: string;
  /** Faults run in ascending order (ties: by file name). */
  readonly order: number;
  /** The longest the fault may take, full and short; past it the fault counts as failed and the rig is made anew. */
  readonly budgetMs: { readonly full: number; readonly short: number };
  /** Does the fault (as often as the plan says) and says what survived. Throwing counts as a failed fault. */
  run(rig: FaultRig, plan: FaultPlan): Promise<FaultOutcome>;
}

/** What a fault did and what survived it. */
export interface FaultOutcome {
  /** How many times the fault was done. */
  readonly done: number;
  /** How many of those everything survived (nothing lost, nothing stuck). */
  readonly survived: number;
  /** Measured figures, each labelled ("signalling back: median 0.6 s, max 1.1 s"). */
  readonly figures: readonly string[];
  /** What was lost or stuck, one line each; empty when all survived. */
  readonly problems: readonly string[];
}

/** Collects the outcome of a fault done several times: each time's problems, and figures by name. */
export class Tally {
  #done = 0;
  #survived = 0;
  readonly #problems: string[] = [];
  readonly #samples = new Map<string, number[]>();
  readonly #notes: string[] = [];
  readonly #counts = new Map<string, number>();

  /** One time the fault was done, with what went wrong that time ([] when nothing did). */
  time(problems: readonly string[]): void {
    this.#done++;
    if (problems.length === 0) this.#survived++;
    this.#problems.push(...problems.map((problem) => `#${this.#done}: ${problem}`));
  }

  /** A figure measured once (in ms), for `label`'s median and max. */
  sample(label: string, ms: number): void {
    const list = this.#samples.get(label) ?? [];
    list.push(ms);
    this.#samples.set(label, list);
  }

  /** One more of something counted by `label` ("calls refused with 503 while the gateway was down: 2"). */
  count(label: string): void {
    this.#counts.set(label, (this.#counts.get(label) ?? 0) + 1);
  }

  /** A figure said in words ("3 of 3 calls logged one Task each"). */
  note(text: string): void {
    this.#notes.push(text);
  }

  /** A problem not tied to one time (a Task missing at the end). */
  problem(text: string): void {
    this.#problems.push(text);
  }

  outcome(): FaultOutcome {
    const figures = [...this.#samples].map(([label, values]) => `${label}: ${spread(values)}`);
    const counts = [...this.#counts].map(([label, count]) => `${label}: ${count}`);
    return { done: this.#done, survived: this.#survived, figures: [...figures, ...counts, ...this.#notes], problems: [...this.#problems] };
  }
}

/** "median 0.62 s, max 1.10 s (n=20)" for samples in ms. */
export function spread(values: readonly number[]): string {
  if (values.length === 0) return 'not measured';
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length / 2;
  const median = sorted.length % 2 === 1 ? sorted[Math.floor(middle)]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  const max = sorted[sorted.length - 1]!;
  return values.length === 1 ? `${seconds(median)} (n=1)` : `median ${seconds(median)}, max ${seconds(max)} (n=${values.length})`;
}

/** ms as seconds with two decimals. */
export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`;
}
