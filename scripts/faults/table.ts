/**
 * The fault suite's table: one row per fault (times done, times everything survived, the time
 * it took, its verdict), its figures on the lines below, and what was lost or stuck.
 */
import { seconds, type FaultOutcome } from './fault.ts';

/** 'survived' when the fault was done at least once and everything survived every time, else 'LOST OR STUCK'. */
export function verdictOf(outcome: FaultOutcome): 'survived' | 'LOST OR STUCK' {
  return outcome.done > 0 && outcome.survived === outcome.done && outcome.problems.length === 0 ? 'survived' : 'LOST OR STUCK';
}

/** The table, as plain text lines. */
export function faultTable(results: readonly { readonly name: string; readonly outcome: FaultOutcome; readonly ms: number }[]): string {
  const nameWidth = Math.max(5, ...results.map(({ name }) => name.length));
  const header = `${'fault'.padEnd(nameWidth)}  done  survived  time      verdict / figures`;
  const lines = [header, '-'.repeat(header.length + 20)];
  for (const { name, outcome, ms } of results) {
    const row = `${name.padEnd(nameWidth)}  ${String(outcome.done).padStart(4)}  ${String(outcome.survived).padStart(8)}  ${seconds(ms).padEnd(8)}  ${verdictOf(outcome)}`;
    lines.push(row);
    const indent = ' '.repeat(nameWidth + 2 + 4 + 2 + 8 + 2 + 8 + 2);
    for (const figure of outcome.figures) lines.push(`${indent}${figure}`);
    for (const problem of outcome.problems) lines.push(`${indent}! ${problem}`);
  }
  return lines.join('\n');
}
