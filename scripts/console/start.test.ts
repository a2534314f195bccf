/**
 * `npm start` as a developer runs it: the start script prints where to go, and Ctrl-C stops
 * everything it started; a taken port gets a message that says which and what to do.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { START_SCRIPT_TEST_PORTS } from '../test-ports.ts';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '..', '..');
const START = join(HERE, 'start.ts');

const { web: PORT, sipWs: SIP_WS_PORT, sipUdp: SIP_UDP_PORT } = START_SCRIPT_TEST_PORTS;

/** Pids of the kamailio processes whose command line names `runDir`. */
function kamailioProcessesFor(runDir: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').join(' ');
      if (cmdline.includes('kamailio') && cmdline.includes(runDir)) pids.push(Number(entry));
    } catch {
      // the process ended meanwhile
    }
  }
  return pids;
}

function startScript(env: Record<string, string>): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  const child = spawn(process.execPath, [START], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  return { child, output: () => output, exited };
}

async function waitFor(condition: () => boolean, what: string, output: () => string, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}; output so far:\n${output()}`);
    await new Promise((wait) => setTimeout(wait, 100));
  }
}

describe('npm start (scripts/console/start.ts)', () => {
  it('prints the console URL and what to do, serves it, and on Ctrl-C stops Kamailio and exits 0', async () => {
    const run = startScript({ PORT: String(PORT), SIP_WS_PORT: String(SIP_WS_PORT), SIP_UDP_PORT: String(SIP_UDP_PORT) });
    let exitCode: number | null | undefined;
    void run.exited.then((code) => (exitCode = code));
    try {
      await waitFor(() => run.output().includes('Press Ctrl-C to stop') || exitCode !== undefined, 'the start banner', run.output);
      assert.equal(exitCode, undefined, `the start script exited early:\n${run.output()}`);
      assert.match(run.output(), new RegExp(`Open http://127\\.0\\.0\\.1:${PORT}/`));
      assert.match(run.output(), /Customer simulator/);
      assert.match(run.output(), /Call agent/);
      assert.doesNotMatch(run.output(), /00DLC|AQ4AQ/, 'the session id is never printed');
      const page = await fetch(`http://127.0.0.1:${PORT}/`);
      assert.equal(page.status, 200);
      const runDir = join(ROOT, '.run', `kamailio-console-${SIP_WS_PORT}`);
      assert.ok(kamailioProcessesFor(runDir).length > 0, 'Kamailio runs for this console');

      run.child.kill('SIGINT');
      assert.equal(await run.exited, 0, run.output());
      assert.deepEqual(kamailioProcessesFor(runDir), [], 'no Kamailio left behind');
      await assert.rejects(fetch(`http://127.0.0.1:${PORT}/`), 'the web server is closed');
    } finally {
      if (exitCode === undefined) run.child.kill('SIGKILL');
    }
  });

  it('says which port is taken and how to choose another, and exits 1', async () => {
    const blocker = createServer();
    const takenPort = PORT + 100;
    await new Promise<void>((done) => blocker.listen(takenPort, '127.0.0.1', done));
    try {
      const run = startScript({ PORT: String(takenPort), SIP_WS_PORT: String(SIP_WS_PORT + 100), SIP_UDP_PORT: String(SIP_UDP_PORT + 100) });
      assert.equal(await run.exited, 1);
      assert.match(run.output(), new RegExp(`Port ${takenPort} \\(the console web server\\) is already in use`));
      assert.match(run.output(), /PORT=<port> npm start/);
      assert.deepEqual(kamailioProcessesFor(join(ROOT, '.run', `kamailio-console-${SIP_WS_PORT + 100}`)), []);
    } finally {
      await new Promise<void>((done) => blocker.close(() => done()));
    }
  });

  it('refuses a port setting that is not a port number, naming the setting', async () => {
    const run = startScript({ PORT: 'eighty', SIP_WS_PORT: String(SIP_WS_PORT + 200), SIP_UDP_PORT: String(SIP_UDP_PORT + 200) });
    assert.equal(await run.exited, 1);
    assert.match(run.output(), /PORT must be a port number between 1 and 65535, got "eighty"/);
  });
});
