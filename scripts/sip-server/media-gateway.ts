/**
 * The media gateway beside Kamailio: Debian's rtpengine (package `rtpengine-daemon`), in
 * userspace only (no kernel module: `--table=-1`), with no system config file
 * (`--config-file=none`, or it would also read /etc/rtpengine/rtpengine.conf), on 127.0.0.1.
 * Kamailio's rtpengine module drives it over the ng control protocol (UDP, bencode) on
 * `ngPort`; media flows on UDP ports `rtpPorts[0]..rtpPorts[1]` of 127.0.0.1.
 */
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { stopLeftover, superviseServer, tail } from './process-group.ts';

/** The RTP port range of 127.0.0.1 the local gateway uses unless told otherwise (below Linux's ephemeral ports, 32768-60999). */
export const DEFAULT_RTP_PORTS: readonly [number, number] = [23000, 23999];

const START_TIMEOUT_MS = 10_000;
const INSTALL_HINT =
  'rtpengine is not installed. Install Debian\'s package "rtpengine-daemon": sudo apt-get update && sudo apt-get install -y rtpengine-daemon';

/** A running rtpengine. */
export interface RunningMediaGateway {
  /** Its ng control port on 127.0.0.1 (UDP). */
  readonly ngPort: number;
  /** The RTP ports it allocates from, inclusive. */
  readonly rtpPorts: readonly [number, number];
  readonly logFile: string;
  /** How long it took from spawning to its "Startup complete" line, in ms. */
  readonly startMs: number;
  stop(): Promise<void>;
}

/** Path of the rtpengine binary, or undefined when it is not installed. */
export function findRtpengine(): string | undefined {
  const candidates = [process.env.RTPENGINE_PATH, '/usr/bin/rtpengine', '/usr/sbin/rtpengine', '/usr/local/bin/rtpengine'];
  for (const candidate of candidates) if (candidate && existsSync(candidate)) return candidate;
  const which = spawnSync('sh', ['-c', 'command -v rtpengine'], { encoding: 'utf8' });
  const path = which.stdout.trim();
  return which.status === 0 && path ? path : undefined;
}

/**
 * Starts rtpengine in the foreground (as a child process) and resolves once it logs
 * "Startup complete" (it generates its DTLS certificate first; Kamailio must not send offers
 * before). Its log is `<runDir>/rtpengine.log`, kept across restarts like Kamailio's.
 */
export async function startMediaGateway(opts: { runDir: string; ngPort: number; rtpPorts?: readonly [number, number] }): Promise<RunningMediaGateway> {
  const { runDir, ngPort } = opts;
  const rtpPorts = opts.rtpPorts ?? DEFAULT_RTP_PORTS;
  if (!Number.isInteger(ngPort) || ngPort < 1 || ngPort > 65535) throw new Error(`startMediaGateway: ngPort must be a port number, got ${String(ngPort)}`);
  const [min, max] = rtpPorts;
  if (!Number.isInteger(min) || !Number.isInteger(max) || min < 1024 || max > 65535 || max - min < 3) {
    throw new Error(`startMediaGateway: rtpPorts must be [min, max] within 1024-65535 with at least 4 ports, got ${JSON.stringify(rtpPorts)}`);
  }
  const binary = findRtpengine();
  if (!binary) throw new Error(INSTALL_HINT);

  mkdirSync(runDir, { recursive: true });
  const pidFile = join(runDir, 'rtpengine.pid');
  const logFile = join(runDir, 'rtpengine.log');
  stopLeftover(runDir, pidFile, 'rtpengine');
  rmSync(pidFile, { force: true });

  const logFd = openSync(logFile, existsSync(logFile) && statSync(logFile).size < 2_000_000 ? 'a' : 'w');
  writeSync(logFd, `\n===== ${new Date().toISOString()} starting rtpengine: ng udp 127.0.0.1:${ngPort}, rtp ${min}-${max}\n`);
  const startOffset = statSync(logFile).size;
  const args = [
    '--config-file=none',
    '--table=-1', // no kernel forwarding: userspace only
    '--interface=127.0.0.1',
    `--listen-ng=127.0.0.1:${ngPort}`,
    `--port-min=${min}`,
    `--port-max=${max}`,
    '--foreground',
    '--log-stderr',
    '--log-level=6',
    `--pidfile=${pidFile}`,
    '--delete-delay=0', // a deleted call leaves at once (nothing to linger for on loopback)
    '--num-threads=2',
    '--timeout=60', // a call with no media for 60 s is dropped
  ];
  const started = Date.now();
  const child = spawn(binary, args, { cwd: runDir, stdio: ['ignore', logFd, logFd], detached: true });
  closeSync(logFd);
  const stop = superviseServer(child);

  const deadline = started + START_TIMEOUT_MS;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`rtpengine exited while starting (code ${child.exitCode ?? child.signalCode}). Log ${logFile}:\n${tail(logFile, 30, startOffset)}`);
    }
    let text = '';
    try {
      text = readFileSync(logFile).subarray(startOffset).toString('utf8');
    } catch {
      text = '';
    }
    if (/Startup complete/.test(text)) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`rtpengine did not report "Startup complete" within ${START_TIMEOUT_MS / 1000} s. Log ${logFile}:\n${tail(logFile, 30, startOffset)}`);
    }
    await new Promise((done) => setTimeout(done, 10));
  }
  return { ngPort, rtpPorts: [min, max], logFile, startMs: Date.now() - started, stop };
}
