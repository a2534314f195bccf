/**
 * The server processes the SIP edge starts (Kamailio, rtpengine), each in its own process group,
 * and the one exit hook that takes them all down when this Node process ends.
 */
import type { ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';

const running = new Set<ChildProcess>();
let exitHookInstalled = false;

/** Sends a signal to a child's whole process group (the main process and its children). */
export function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    try {
      child.kill(signal);
    } catch {
      // already gone
    }
  }
}

/**
 * Remembers a server process (spawned with `detached: true`) so it is killed when this process
 * exits, and returns its stop(): SIGTERM, SIGKILL after 3 s, resolved once it has exited.
 */
export function superviseServer(child: ChildProcess): () => Promise<void> {
  running.add(child);
  installExitHook();
  const exited = new Promise<void>((done) => {
    if (child.exitCode !== null || child.signalCode !== null) done();
    else child.once('exit', () => done());
  });
  void exited.then(() => running.delete(child));
  return async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    killGroup(child, 'SIGTERM');
    const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 3000);
    await exited;
    clearTimeout(timer);
  };
}

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  const killAll = () => {
    for (const child of running) killGroup(child, 'SIGKILL');
  };
  process.once('exit', killAll);
  // The servers run in their own process groups (so stop() reaches all their processes), which
  // also means a Ctrl-C in the terminal does not reach them. When nobody else handles the
  // signal, take them down and then die of the signal as we would have.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    const onSignal = () => {
      if (process.listenerCount(signal) > 1) return; // the owner (web-test-runner, run.ts) calls stop()
      killAll();
      process.removeListener(signal, onSignal);
      process.kill(process.pid, signal);
    };
    process.on(signal, onSignal);
  }
}

/**
 * Kills a server an earlier, dead run of ours left behind: the process in `pidFile`, when its
 * command line names `binaryName` and `runDir` and its parent (our earlier run) is gone.
 * A live run keeps its server. Returns whether it killed something.
 */
export function stopLeftover(runDir: string, pidFile: string, binaryName: string): boolean {
  if (!existsSync(pidFile)) return false;
  const pid = Number(readFileSync(pidFile, 'utf8').trim());
  if (!Number.isInteger(pid) || pid <= 1) return false;
  let cmdline = '';
  try {
    cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    return false;
  }
  if (!cmdline.includes(binaryName) || !cmdline.includes(runDir)) return false;
  let parent = 0;
  try {
    parent = Number(readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\)\s+\S+\s+/, '').split(' ')[0]);
  } catch {
    return false;
  }
  let parentName = '';
  try {
    parentName = readFileSync(`/proc/${parent}/comm`, 'utf8').trim();
  } catch {
    parentName = '';
  }
  if (parent > 1 && /node/i.test(parentName)) return false;
  try {
    process.kill(-pid, 'SIGKILL'); // its process group: the main process and its children
  } catch {
    return false;
  }
  return true;
}

/** The last lines of a log file, or "(no log)". */
export function tail(file: string, lines = 30, fromByte = 0): string {
  try {
    return readFileSync(file).subarray(fromByte).toString('utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}
