/**
 * `npm test`: the whole suite, in the order a failure is cheapest to read:
 * type check, build, Node-side tests (fake org, SIP server, force-app conversion, console),
 * unit and component tests in Chromium, the end-to-end suite, then the shortened fault suite and
 * the security suite's short run.
 * Every step runs even when an earlier one failed; the summary at the end names each
 * failed test with the first lines of its error (a CI log may keep only its tail).
 */
import { spawn } from 'node:child_process';

interface Step {
  readonly name: string;
  readonly command: string;
  readonly args: readonly string[];
}

const steps: readonly Step[] = [
  { name: 'type check', command: 'npx', args: ['tsc', '-p', 'tsconfig.json'] },
  { name: 'build', command: 'npx', args: ['rollup', '-c', 'rollup.config.mjs', '--silent'] },
  { name: 'node tests', command: 'node', args: ['--test', '--test-reporter=spec', '--test-concurrency=1', 'scripts/**/*.test.ts'] },
  { name: 'browser tests', command: 'npx', args: ['web-test-runner', '--static-logging'] },
  { name: 'end-to-end', command: 'node', args: ['--test', '--test-reporter=spec', '--test-concurrency=1', 'e2e/**/*.test.ts'] },
  // The fault suite, shortened (scripts/faults/README.md): exits 1 when anything is lost or stuck.
  { name: 'faults (short)', command: 'node', args: ['scripts/faults/run.ts', '--short'] },
  // npm run security's short run: two payloads of every class through every door (scripts/security/run.ts).
  { name: 'security', command: 'node', args: ['scripts/security/run.ts', '--short'] },
];

interface Outcome {
  readonly step: Step;
  readonly exitCode: number;
  readonly passed: number;
  readonly failed: number;
  readonly failures: readonly string[];
}

function run(step: Step): Promise<Outcome> {
  return new Promise((resolve) => {
    console.log(`\n=== ${step.name}: ${step.command} ${step.args.join(' ')}`);
    const child = spawn(step.command, step.args, { stdio: ['ignore', 'pipe', 'pipe'], env: process.env });
    let output = '';
    const collect = (chunk: Buffer, sink: NodeJS.WriteStream) => {
      output += chunk.toString();
      sink.write(chunk);
    };
    child.stdout.on('data', (chunk: Buffer) => collect(chunk, process.stdout));
    child.stderr.on('data', (chunk: Buffer) => collect(chunk, process.stderr));
    child.on('close', (code) => resolve({ step, exitCode: code ?? 1, ...countTests(output), failures: failedTests(output) }));
  });
}

/** Reads the runners' own summary lines: node's spec reporter and web-test-runner's. */
function countTests(output: string): { passed: number; failed: number } {
  const plain = output.replace(/\x1b\[[0-9;]*[A-Za-z]/g, '');
  const nodePass = [...plain.matchAll(/^ℹ pass (\d+)$/gm)].at(-1);
  const nodeFail = [...plain.matchAll(/^ℹ fail (\d+)$/gm)].at(-1);
  if (nodePass || nodeFail) return { passed: Number(nodePass?.[1] ?? 0), failed: Number(nodeFail?.[1] ?? 0) };
  const wtr = [...plain.matchAll(/(\d+) passed, (\d+) failed/g)].at(-1);
  if (wtr) return { passed: Number(wtr[1]), failed: Number(wtr[2]) };
  return { passed: 0, failed: 0 };
}

const ERROR_LINES_KEPT = 6;

/** The runners' failure marks (node's spec reporter ✖, web-test-runner ❌) with the lines after each. */
function failedTests(output: string): string[] {
  const lines = output.replace(/\x1b\[[0-9;]*[A-Za-z]/g, '').split('\n');
  const failures = new Map<string, string>(); // node's reporter lists each failure twice
  lines.forEach((line, index) => {
    const mark = line.trim();
    if (!/^(✖|❌)/.test(mark) || /^✖ failing tests:?$/.test(mark) || failures.has(mark)) return;
    failures.set(mark, [line, ...lines.slice(index + 1, index + 1 + ERROR_LINES_KEPT)].join('\n'));
  });
  return [...failures.values()];
}

const outcomes: Outcome[] = [];
for (const step of steps) outcomes.push(await run(step));

console.log('\n=== summary');
for (const o of outcomes) {
  const verdict = o.exitCode === 0 ? 'ok' : `FAILED (exit ${o.exitCode})`;
  console.log(`${o.step.name.padEnd(14)} ${verdict}  ${o.passed} passed, ${o.failed} failed`);
}
for (const o of outcomes.filter((each) => each.failures.length > 0)) {
  console.log(`\n--- failed in ${o.step.name}:`);
  for (const failure of o.failures) console.log(failure);
}
const passed = outcomes.reduce((n, o) => n + o.passed, 0);
const failed = outcomes.reduce((n, o) => n + o.failed, 0) + outcomes.filter((o) => o.exitCode !== 0 && o.failed === 0).length;
console.log(`Total: ${passed} passed, ${failed} failed`);
process.exit(outcomes.every((o) => o.exitCode === 0) ? 0 : 1);
