/**
 * Runs SIPp (Debian's `sip-tester`, a raw SIP peer) against the project's Kamailio over UDP
 * with one of the scenarios in scripts/sip-server/scenarios/, and reports the SIP status
 * codes it received (read from SIPp's message trace).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freeUdpPort } from './free-port.ts';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '..', '..');
const SCENARIOS = join(HERE, 'scenarios');

/**
 * The hostile platform headers the scenarios send unless told otherwise: a script tag and
 * quotes in the From display name, control characters in X-CP-Queue, an overlong
 * X-CP-Location, an unknown X-CP-Kind, a non-numeric callback attempt, and no
 * X-CP-Interaction-Id at all.
 */
export const HOSTILE_DEFAULTS = {
  fromDisplayName: '"<script>alert(\\"x\\")</script> O\'Brien <img src=x onerror=alert(1)>"',
  fromUser: 'anonymous',
  headers: [
    'X-CP-Queue: \u0001\u0007\u001b[31m\u007f',
    `X-CP-Location: ${'9'.repeat(600)}`,
    'X-CP-Ad-Source: %00%0d%0a%3Cscript%3E',
    'X-CP-Kind: hologram',
    'X-CP-Callback-Attempt: two',
  ],
} as const;

/** What a test asks SIPp to do. */
export interface SippOptions {
  /** A scenario file name in scripts/sip-server/scenarios/, with or without `.xml`. */
  scenario: string;
  /** Kamailio's UDP port on 127.0.0.1. */
  proxyPort: number;
  /** The SIP user to call (default agent1). */
  to?: string;
  /** Give up after this long (default 30 s). */
  timeoutMs?: number;
  /** The From display name exactly as it goes on the wire (quotes included); default hostile. */
  fromDisplayName?: string;
  /** The From URI's user part; default `anonymous`. */
  fromUser?: string;
  /** Extra header lines ("Name: value"); default {@link HOSTILE_DEFAULTS}.headers. */
  headers?: readonly string[];
  /**
   * The local address SIPp sends from (default 127.0.0.1): any 127/8 address works on Linux
   * without setup, so a test can be a listed trunk (e.g. 127.0.0.3) or an unlisted source (127.0.0.2).
   */
  localIp?: string;
}

/** What SIPp saw: its exit code, the status codes received (first appearance, in order), the message trace. */
export interface SippResult {
  exitCode: number;
  statusCodes: number[];
  log: string;
}


/** Status codes of the responses SIPp received, in order of first appearance. */
export function statusCodesFromTrace(trace: string): number[] {
  const codes: number[] = [];
  const blocks = trace.split(/^-{10,}.*$/m);
  for (const block of blocks) {
    if (!/message received/i.test(block)) continue;
    const match = /^\s*SIP\/2\.0 (\d{3})\b/m.exec(block);
    if (!match?.[1]) continue;
    const code = Number(match[1]);
    if (!codes.includes(code)) codes.push(code);
  }
  return codes;
}

function checkText(label: string, value: string, max: number): string {
  if (typeof value !== 'string' || value.length > max || /[\0\r\n]/.test(value)) {
    throw new Error(`runSipp: ${label} must be a single line of at most ${max} characters`);
  }
  return value;
}

/** Runs one call of a SIPp scenario against 127.0.0.1:proxyPort over UDP. */
export async function runSipp(opts: SippOptions): Promise<SippResult> {
  const scenarioName = String(opts.scenario ?? '').replace(/\.xml$/, '');
  if (!/^[a-z0-9-]+$/.test(scenarioName) || !existsSync(join(SCENARIOS, `${scenarioName}.xml`))) {
    throw new Error(`runSipp: unknown scenario ${JSON.stringify(opts.scenario)} (see scripts/sip-server/scenarios/)`);
  }
  if (!Number.isInteger(opts.proxyPort) || opts.proxyPort < 1 || opts.proxyPort > 65535) {
    throw new Error(`runSipp: proxyPort must be a port number, got ${String(opts.proxyPort)}`);
  }
  const to = opts.to ?? 'agent1';
  if (!/^[A-Za-z0-9._+-]{1,64}$/.test(to)) throw new Error(`runSipp: "to" must be a plain SIP user, got ${JSON.stringify(to)}`);
  const timeoutMs = opts.timeoutMs ?? 30_000;
  if (!Number.isFinite(timeoutMs) || timeoutMs < 1000 || timeoutMs > 120_000) throw new Error('runSipp: timeoutMs must be between 1000 and 120000');
  const fromDisplayName = checkText('fromDisplayName', opts.fromDisplayName ?? HOSTILE_DEFAULTS.fromDisplayName, 2000);
  const fromUser = checkText('fromUser', opts.fromUser ?? HOSTILE_DEFAULTS.fromUser, 200);
  const headers = (opts.headers ?? HOSTILE_DEFAULTS.headers).map((line, i) => checkText(`headers[${i}]`, line, 4000));
  const localIp = opts.localIp ?? '127.0.0.1';
  if (!/^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(localIp) || localIp.split('.').some((part) => Number(part) > 255)) {
    throw new Error(`runSipp: localIp must be a loopback address (127.x.x.x), got ${JSON.stringify(opts.localIp)}`);
  }
  // A blank line would end the header section early: always send at least one line.
  const extraHeaders = [`X-CP-Test-Scenario: ${scenarioName}`, ...headers].join('\r\n');

  const runDir = join(ROOT, '.run', 'sipp');
  mkdirSync(runDir, { recursive: true });
  const [sipPort, mediaPort] = [await freeUdpPort(localIp), await freeUdpPort(localIp)];
  const messageFile = join(runDir, `${scenarioName}-${process.pid}-${sipPort}.log`);
  const args = [
    `127.0.0.1:${opts.proxyPort}`,
    '-sf', join(SCENARIOS, `${scenarioName}.xml`),
    '-s', to,
    '-m', '1',
    '-i', localIp,
    '-p', String(sipPort),
    '-mp', String(mediaPort),
    '-t', 'u1',
    '-nostdin',
    '-trace_msg', '-message_file', messageFile,
    '-timeout', `${Math.ceil(timeoutMs / 1000)}s`, '-timeout_error',
    '-key', 'cp_media_port', String(mediaPort),
    '-key', 'cp_from_display', fromDisplayName,
    '-key', 'cp_from_user', fromUser,
    '-key', 'cp_extra_headers', extraHeaders,
  ];

  const child = spawn('sipp', args, { cwd: runDir, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output = (output + chunk.toString('utf8')).slice(-20_000)));
  child.stderr.on('data', (chunk: Buffer) => (output = (output + chunk.toString('utf8')).slice(-20_000)));
  let timedOut = false;
  const killer = setTimeout(() => {
    timedOut = true;
    child.kill('SIGKILL');
  }, timeoutMs + 5000);
  const exitCode = await new Promise<number>((done) => {
    child.once('error', (error) => {
      output += `\n${error.message}${(error as NodeJS.ErrnoException).code === 'ENOENT' ? ' (install Debian\'s package "sip-tester": apt-get install -y sip-tester)' : ''}`;
      done(-1);
    });
    child.once('exit', (code) => done(code ?? -1));
  });
  clearTimeout(killer);

  let trace = '';
  try {
    trace = readFileSync(messageFile, 'latin1');
  } catch {
    trace = '';
  }
  rmSync(messageFile, { force: true });
  const errors = output.split('\n').filter((line) => /error|unable|cannot|failed/i.test(line) && !/Failed call/.test(line));
  const log = [trace.trim(), timedOut ? `SIPp was killed after ${timeoutMs + 5000} ms.` : '', ...errors].filter(Boolean).join('\n');
  return { exitCode, statusCodes: statusCodesFromTrace(trace), log };
}
