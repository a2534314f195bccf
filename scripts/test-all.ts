/**
 * `npm test`: the whole suite, in the order a failure is cheapest to read:
 * type check, build, Node-side tests (fake org, SIP server, force-app conversion, console),
 * unit and component tests in Chromium, then the end-to-end suite.
 * Every step runs even when an earlier one failed; the last line sums the tests.
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
];

interface Outcome {
  readonly step: Step;
  readonly exitCode: number;
  readonly passed: number;
  readonly failed: number;
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
    child.on('close', (code) => resolve({ step, exitCode: code ?? 1, ...countTests(output) }));
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

const outcomes: Outcome[] = [];
for (const step of steps) outcomes.push(await run(step));

console.log('\n=== summary');
for (const o of outcomes) {
  const verdict = o.exitCode === 0 ? 'ok' : `FAILED (exit ${o.exitCode})`;
  console.log(`${o.step.name.padEnd(14)} ${verdict}  ${o.passed} passed, ${o.failed} failed`);
}
const passed = outcomes.reduce((n, o) => n + o.passed, 0);
const failed = outcomes.reduce((n, o) => n + o.failed, 0) + outcomes.filter((o) => o.exitCode !== 0 && o.failed === 0).length;
console.log(`Total: ${passed} passed, ${failed} failed`);
process.exit(outcomes.every((o) => o.exitCode === 0) ? 0 : 1);
