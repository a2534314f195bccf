/**
 * Starts and stops the project's SIP server: Debian's Kamailio with scripts/sip-server/kamailio.cfg,
 * bound to 127.0.0.1 (SIP over WebSocket for the agents, SIP over UDP for SIPp).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { connect } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '..', '..');
const CONFIG = join(HERE, 'kamailio.cfg');
const START_TIMEOUT_MS = 15_000;
const INSTALL_HINT =
  'Kamailio is not installed. Install Debian\'s packages "kamailio" and "kamailio-websocket-modules": ' +
  'sudo apt-get update && sudo apt-get install -y kamailio kamailio-websocket-modules';

/** A running Kamailio: its WebSocket URL (ws://127.0.0.1:port), its UDP port, and how to stop it. */
export interface RunningKamailio {
  readonly wsUrl: string;
  readonly udpPort: number;
  readonly logFile: string;
  stop(): Promise<void>;
}

/** Path of the kamailio binary, or undefined when it is not installed. */
function findKamailio(): string | undefined {
  const candidates = [process.env.KAMAILIO_PATH, '/usr/sbin/kamailio', '/usr/local/sbin/kamailio'];
  for (const candidate of candidates) if (candidate && existsSync(candidate)) return candidate;
  const which = spawnSync('sh', ['-c', 'command -v kamailio'], { encoding: 'utf8' });
  const path = which.stdout.trim();
  return which.status === 0 && path ? path : undefined;
}

function hasWebSocketModule(binary: string): boolean {
  const version = spawnSync(binary, ['-I'], { encoding: 'utf8' });
  const text = `${version.stdout}\n${version.stderr}`;
  const moduleDir = /MODULES_DIR\s+(\S+)/.exec(text)?.[1];
  const dirs = [moduleDir, '/usr/lib/x86_64-linux-gnu/kamailio/modules', '/usr/lib/aarch64-linux-gnu/kamailio/modules', '/usr/lib/kamailio/modules'];
  return dirs.some((dir) => dir !== undefined && existsSync(join(dir, 'websocket.so')));
}

/**
 * Makes sure Kamailio with its WebSocket module is installed and returns the binary's path.
 * As root on Debian/Ubuntu it installs the packages with apt-get; otherwise it throws an
 * error that says exactly what to install.
 */
export function ensureKamailio(): string {
  let binary = findKamailio();
  if (binary && hasWebSocketModule(binary)) return binary;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const hasApt = existsSync('/usr/bin/apt-get') && existsSync('/etc/debian_version');
  if (!isRoot || !hasApt) throw new Error(INSTALL_HINT);
  console.log('Kamailio is missing: installing kamailio and kamailio-websocket-modules with apt-get...');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const update = spawnSync('apt-get', ['update'], { stdio: 'inherit', env });
  const install =
    update.status === 0
      ? spawnSync('apt-get', ['install', '-y', '--no-install-recommends', 'kamailio', 'kamailio-websocket-modules'], { stdio: 'inherit', env })
      : update;
  binary = findKamailio();
  if (install.status !== 0 || !binary || !hasWebSocketModule(binary)) {
    throw new Error(`Installing Kamailio with apt-get failed. ${INSTALL_HINT}`);
  }
  return binary;
}

/** Whether something accepts TCP connections on 127.0.0.1:port right now. */
function portAccepts(port: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = connect({ host: '127.0.0.1', port });
    const finish = (ok: boolean) => {
      socket.destroy();
      done(ok);
    };
    socket.setTimeout(1000, () => finish(false));
    socket.once('connect', () => finish(true));
    socket.once('error', () => finish(false));
  });
}

function tail(file: string, lines = 30): string {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

/** Stops a Kamailio that an earlier, dead run of ours left behind in the same run dir (its pid file). */
function stopLeftover(runDir: string, pidFile: string): boolean {
  if (!existsSync(pidFile)) return false;
  const pid = Number(readFileSync(pidFile, 'utf8').trim());
  if (!Number.isInteger(pid) || pid <= 1) return false;
  let cmdline = '';
  try {
    cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    return false;
  }
  if (!cmdline.includes('kamailio') || !cmdline.includes(runDir)) return false;
  // Only an orphan: a Kamailio whose parent (our earlier run) is gone. A live run keeps its server.
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

const running = new Set<ChildProcess>();
let exitHookInstalled = false;
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  const killAll = () => {
    for (const child of running) killGroup(child, 'SIGKILL');
  };
  process.once('exit', killAll);
  // Kamailio runs in its own process group (so stop() reaches all its processes), which also
  // means a Ctrl-C in the terminal does not reach it. When nobody else handles the signal,
  // take Kamailio down and then die of the signal as we would have.
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

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal); // the whole group: kamailio's main process and its children
  } catch {
    try {
      child.kill(signal);
    } catch {
      // already gone
    }
  }
}

/**
 * Runs Kamailio in the foreground (as a child process) on 127.0.0.1 with the given ports.
 * Runtime files live in .run/kamailio-<name>/, the log in .run/kamailio-<name>/kamailio.log.
 * Resolves once the WebSocket port accepts connections; rejects with the log's tail otherwise.
 */
export async function startKamailio(opts: { wsPort: number; udpPort: number; name: string }): Promise<RunningKamailio> {
  const { wsPort, udpPort, name } = opts;
  for (const [label, port] of [['wsPort', wsPort], ['udpPort', udpPort]] as const) {
    if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`startKamailio: ${label} must be a port number (1-65535), got ${String(port)}`);
  }
  if (!/^[A-Za-z0-9_-]+$/.test(name)) throw new Error(`startKamailio: name must be letters, digits, - or _, got ${JSON.stringify(name)}`);
  const binary = ensureKamailio();

  const runDir = join(ROOT, '.run', `kamailio-${name}`);
  mkdirSync(runDir, { recursive: true });
  const pidFile = join(runDir, 'kamailio.pid');
  const logFile = join(runDir, 'kamailio.log');
  if (stopLeftover(runDir, pidFile)) {
    for (let i = 0; i < 20 && (await portAccepts(wsPort)); i++) await new Promise((done) => setTimeout(done, 100));
  }
  if (await portAccepts(wsPort)) {
    throw new Error(`Cannot start Kamailio: something already listens on 127.0.0.1:${wsPort} (another test run or console? stop it, or set another port, e.g. SIP_WS_PORT).`);
  }

  rmSync(pidFile, { force: true });
  // Keep earlier runs' lines (a restart in a test should not erase what happened before it).
  const logFd = openSync(logFile, existsSync(logFile) && statSync(logFile).size < 2_000_000 ? 'a' : 'w');
  writeSync(logFd, `\n===== ${new Date().toISOString()} starting Kamailio: ws ${wsPort}, udp ${udpPort}\n`);
  const args = [
    '-f', CONFIG,
    '-A', `WS_PORT=${wsPort}`,
    '-A', `UDP_PORT=${udpPort}`,
    '-Y', runDir,
    '-P', pidFile,
    '-DD', // stay in the foreground: we are its parent
    '-E', // log to stderr (our log file)
    '-m', '64', // shared memory, MB
    '-M', '8', // private memory per process, MB
  ];
  const child = spawn(binary, args, { cwd: runDir, stdio: ['ignore', logFd, logFd], detached: true });
  closeSync(logFd);
  running.add(child);
  installExitHook();
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  child.once('exit', () => running.delete(child));

  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    killGroup(child, 'SIGTERM');
    const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 3000);
    await exited;
    clearTimeout(timer);
  };

  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`Kamailio exited while starting (code ${child.exitCode ?? child.signalCode}). Log ${logFile}:\n${tail(logFile)}`);
    }
    if (await portAccepts(wsPort)) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`Kamailio did not accept WebSocket connections on 127.0.0.1:${wsPort} within ${START_TIMEOUT_MS / 1000} s. Log ${logFile}:\n${tail(logFile)}`);
    }
    await new Promise((done) => setTimeout(done, 100));
  }

  return { wsUrl: `ws://127.0.0.1:${wsPort}`, udpPort, logFile, stop };
}
