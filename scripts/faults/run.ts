/**
 * `npm run faults`: the fault suite (scripts/faults/README.md). Runs every
 * scripts/faults/*.fault.ts against the local console's real parts (rig.ts), each within its
 * time budget and all within {@link TOTAL_BUDGET_MS}, then prints one table row per fault: what
 * was done, how often everything survived, and the figures measured. Exits 1 when anything
 * was lost or stuck, a fault failed or ran out of time, or a fault did nothing.
 *
 *   npm run faults                          the full run (the issue's counts: 20 cuts...)
 *   npm run faults -- --short               a few of each (.ci/run runs this); or FAULTS_SHORT=1
 *   npm run faults -- --only=websocket      the faults whose file name contains "websocket"
 */
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { seconds, type Fault, type FaultOutcome } from './fault.ts';
import { FaultRig } from './rig.ts';
import { faultTable, verdictOf } from './table.ts';

const HERE = dirname(fileURLToPath(import.meta.url));
/** The whole run's limit (the issue: within 15 minutes on 2 cores), the rig's start included. */
const TOTAL_BUDGET_MS = { full: 14 * 60_000, short: 7 * 60_000 };

interface Loaded {
  readonly file: string;
  readonly fault: Fault;
}

function isFault(value: unknown): value is Fault {
  const fault = value as Partial<Fault> | undefined;
  return (
    typeof fault?.name === 'string' &&
    typeof fault.order === 'number' &&
    typeof fault.run === 'function' &&
    typeof fault.budgetMs?.full === 'number' &&
    typeof fault.budgetMs.short === 'number'
  );
}

async function loadFaults(only: string | undefined): Promise<Loaded[]> {
  const files = readdirSync(HERE)
    .filter((file) => file.endsWith('.fault.ts') && (only === undefined || file.includes(only)))
    .sort();
  const loaded: Loaded[] = [];
  for (const file of files) {
    const module = (await import(pathToFileURL(join(HERE, file)).href)) as { default?: unknown };
    if (!isFault(module.default)) throw new Error(`${file}: its default export is not a Fault (name, order, budgetMs, run): see scripts/faults/README.md`);
    loaded.push({ file, fault: module.default });
  }
  return loaded.sort((a, b) => a.fault.order - b.fault.order || a.file.localeCompare(b.file));
}

/** Runs `work` for at most `ms`; rejects when the time is up (the work itself runs on, against a rig that is then closed). */
function within<T>(ms: number, work: Promise<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`out of time (${seconds(ms)})`)), ms);
    work.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

/** What the runner checks after every fault: the agent's phone ready again, and nothing left open on the pad. */
async function afterFault(rig: FaultRig): Promise<string[]> {
  const problems: string[] = [];
  if (!(await rig.phoneReady(30_000))) problems.push('after the fault the pad did not say "Phone ready" within 30 s');
  problems.push(...(await rig.settle()));
  return problems;
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const short = process.env.FAULTS_SHORT === '1' || args.includes('--short');
  const only = args.find((arg) => arg.startsWith('--only='))?.slice('--only='.length);
  const began = Date.now();
  const deadline = began + (short ? TOTAL_BUDGET_MS.short : TOTAL_BUDGET_MS.full);
  const faults = await loadFaults(only);
  if (faults.length === 0) {
    console.error(`No fault matches ${only ?? '(none found)'} in ${HERE}.`);
    return 1;
  }
  console.log(`Fault suite (${short ? 'short' : 'full'} run): ${faults.map((each) => each.fault.name).join('; ')}`);

  const results: { name: string; outcome: FaultOutcome; ms: number }[] = [];
  let rig: FaultRig | undefined;
  const stop = () => {
    void rig?.close().finally(() => process.exit(130));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    for (const { fault } of faults) {
      const budget = short ? fault.budgetMs.short : fault.budgetMs.full;
      const startedAt = Date.now();
      if (startedAt + budget > deadline) {
        results.push({ name: fault.name, outcome: { done: 0, survived: 0, figures: [], problems: ['not run: the suite was out of time'] }, ms: 0 });
        continue;
      }
      let outcome: FaultOutcome;
      try {
        if (!rig) {
          const opening = Date.now();
          rig = await FaultRig.open();
          console.log(`rig ready (console, Kamailio, rtpengine, Chromium, agent Ready) in ${seconds(Date.now() - opening)}`);
        }
        console.log(`\n--- ${fault.name}`);
        outcome = await within(budget, fault.run(rig, { short }));
        const after = await afterFault(rig);
        if (after.length > 0) outcome = { ...outcome, problems: [...outcome.problems, ...after] };
      } catch (error) {
        const message = error instanceof Error ? error.message.split('\n')[0]! : String(error);
        outcome = { done: 0, survived: 0, figures: [], problems: [`the fault failed: ${message}`] };
        // Whatever state the rig is in, the next fault gets a new one.
        await rig?.close();
        rig = undefined;
      }
      const ms = Date.now() - startedAt;
      results.push({ name: fault.name, outcome, ms });
      console.log(`${verdictOf(outcome)} in ${seconds(ms)}${outcome.problems.length > 0 ? `:\n  ${outcome.problems.join('\n  ')}` : ''}`);
      if (outcome.problems.length > 0 && rig && rig.warnings.length > 0) console.log(`  the pages' warnings and errors so far:\n    ${rig.warnings.slice(-30).join('\n    ')}`);
    }
  } finally {
    await rig?.close();
  }

  console.log(`\n${faultTable(results)}`);
  console.log(`\nTotal ${seconds(Date.now() - began)} (${short ? 'short' : 'full'} run, ${new Date().toISOString().slice(0, 10)}).`);
  return results.every(({ outcome }) => verdictOf(outcome) === 'survived') ? 0 : 1;
}

process.exitCode = await main().catch((error: unknown) => {
  console.error(error);
  return 1;
});
