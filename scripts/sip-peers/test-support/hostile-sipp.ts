/**
 * SIPp (Debian's `sip-tester`) running one of the hostile scenarios (../scenarios/hostile-*.xml)
 * for many calls in a row, each call with its own hostile header values, and what came back,
 * counted from SIPp's message trace. The suite that mixes them is hostile-sip.ts.
 *
 *   sipp 127.0.0.1:<proxy> -sf <scenario> -inf <calls.csv> -s <to> -m <calls> -l 1 -r <rate>
 *     -i 127.0.0.1 -p <sip port> -mp <media port> -t u1 -nostdin -trace_msg -message_file <log>
 *     -timeout <s>
 *   (run in .run/hostile-sip/<name>/)
 *
 * Each call's From display name, From user and one extra header line are fields 0-2 of a row of
 * SIPp's injection file (-inf, SEQUENTIAL: call n takes row n). A scenario's loop (the
 * unknown-dialog requests, the re-INVITE storm) goes `repeat` times: the number is written into
 * a copy of the scenario (SIPp's loop tests take a number, and its XML reader takes at most
 * 64 KB, so the loop cannot be unrolled).
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freeRtpPort, freeSipPort } from '../ports.ts';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '..', '..', '..');
const SCENARIOS = join(HERE, '..', 'scenarios');

/** The hostile scenarios (scenarios/<name>.xml). */
export type HostileScenario = 'hostile-refused' | 'hostile-rings' | 'hostile-rings-late' | 'hostile-unknown-dialog' | 'hostile-reinvite-storm';

/** One call's hostile values. */
export interface HostileCallRow {
  /** The From display name exactly as on the wire (quotes included, or none). */
  readonly fromDisplayName: string;
  /** The From URI's user part. */
  readonly fromUser: string;
  /** One extra header line ("Name: value"), never empty (an empty line would end the headers). */
  readonly header: string;
}

export interface HostileSippOptions {
  readonly scenario: HostileScenario;
  /** Names the run's folder, .run/hostile-sip/<name>/. */
  readonly name: string;
  /** Kamailio's UDP port on 127.0.0.1 (SIPp sends from 127.0.0.1, a listed trunk). */
  readonly proxyPort: number;
  /** The SIP user called (default agent1). */
  readonly to?: string;
  /** One row per call, in order. */
  readonly calls: readonly HostileCallRow[];
  /** How often the scenario's loop goes (its unknown-dialog requests, its re-INVITEs); default 1. */
  readonly repeat?: number;
  /** New calls per second (default 25); one call at a time whatever the rate. */
  readonly ratePerSecond?: number;
  /** SIPp gives up on a call after this long (default 30 s). */
  readonly timeoutMs?: number;
}

/** What a run sent and got back. */
export interface HostileSippResult {
  readonly exitCode: number;
  /** Every message SIPp sent (retransmissions included). */
  readonly messagesSent: number;
  /** Requests sent, by method (retransmissions included). */
  readonly sent: Readonly<Record<string, number>>;
  /** Responses received, by status code (retransmissions included). */
  readonly received: Readonly<Record<string, number>>;
  /** Calls SIPp counted as successful and as failed (an unexpected answer, a timeout). */
  readonly successfulCalls: number;
  readonly failedCalls: number;
  /** SIPp's error lines and the end of its trace, for a failure message. */
  readonly log: string;
}

const FIELD = /^[^;\r\n\0]*$/;

function checkRow(row: HostileCallRow, index: number): string {
  for (const [label, value] of Object.entries(row)) {
    if (typeof value !== 'string' || !FIELD.test(value)) throw new Error(`hostile-sipp: calls[${index}].${label} must be text without ';', CR, LF or NUL (SIPp's injection file)`);
  }
  if (!/^[A-Za-z][A-Za-z0-9-]*:/.test(row.header)) throw new Error(`hostile-sipp: calls[${index}].header must be a header line ("Name: value")`);
  return `${row.fromDisplayName};${row.fromUser};${row.header}`;
}

/** The scenario with its loop's count (__REPEAT__) written in: SIPp's loop tests take a number, not a keyword. */
export function scenarioText(scenario: HostileScenario, repeat: number): string {
  return readFileSync(join(SCENARIOS, `${scenario}.xml`), 'latin1').replaceAll('__REPEAT__', String(repeat));
}

/** Counts of the trace's sent requests by method and received responses by status code. */
export function countTrace(trace: string): { messagesSent: number; sent: Record<string, number>; received: Record<string, number> } {
  const sent: Record<string, number> = {};
  const received: Record<string, number> = {};
  let messagesSent = 0;
  // Each message: a line of dashes and a time, "UDP message sent (545 bytes):", a blank line, the message.
  for (const block of trace.split(/^-{10,}.*$/m)) {
    const [kind = '', ...rest] = block.trimStart().split(/\r?\n/);
    const first = rest.find((line) => line.trim() !== '')?.trim() ?? '';
    const status = /^SIP\/2\.0 (\d{3})\b/.exec(first)?.[1];
    const method = /^([A-Z]+) \S+ SIP\/2\.0/.exec(first)?.[1];
    if (/message sent/i.test(kind)) {
      messagesSent += 1;
      if (method) sent[method] = (sent[method] ?? 0) + 1;
    } else if (/message received/i.test(kind) && status) {
      received[status] = (received[status] ?? 0) + 1;
    }
  }
  return { messagesSent, sent, received };
}

/** Runs the calls (one at a time) and resolves when SIPp has done them all or given up. */
export async function runHostileSipp(options: HostileSippOptions): Promise<HostileSippResult> {
  if (!/^[a-z0-9-]{1,64}$/.test(options.name)) throw new Error('hostile-sipp: name must be lowercase letters, digits and dashes');
  const to = options.to ?? 'agent1';
  if (!/^[A-Za-z0-9._+-]{1,64}$/.test(to)) throw new Error(`hostile-sipp: "to" must be a plain SIP user, got ${JSON.stringify(to)}`);
  if (!Number.isInteger(options.proxyPort) || options.proxyPort < 1 || options.proxyPort > 65535) throw new Error('hostile-sipp: proxyPort must be a port number');
  if (options.calls.length === 0) throw new Error('hostile-sipp: no calls');
  const repeat = options.repeat ?? 1;
  if (!Number.isInteger(repeat) || repeat < 1 || repeat > 2000) throw new Error('hostile-sipp: repeat must be 1-2000');
  const timeoutMs = options.timeoutMs ?? 30_000;

  const runDir = join(ROOT, '.run', 'hostile-sip', options.name);
  mkdirSync(runDir, { recursive: true });
  const scenarioFile = join(runDir, `${options.scenario}.xml`);
  writeFileSync(scenarioFile, scenarioText(options.scenario, repeat), 'latin1');
  const injectionFile = join(runDir, 'calls.csv');
  writeFileSync(injectionFile, `SEQUENTIAL\n${options.calls.map(checkRow).join('\n')}\n`, 'utf8');
  const [sipPort, mediaPort] = [await freeSipPort(), await freeRtpPort()];
  const messageFile = join(runDir, `messages-${sipPort}.log`);
  const args = [
    `127.0.0.1:${options.proxyPort}`,
    '-sf', scenarioFile,
    '-inf', injectionFile,
    '-s', to,
    '-m', String(options.calls.length),
    '-l', '1',
    '-r', String(options.ratePerSecond ?? 25),
    '-i', '127.0.0.1',
    '-p', String(sipPort),
    '-mp', String(mediaPort),
    '-t', 'u1',
    '-nostdin',
    '-trace_msg', '-message_file', messageFile,
    '-timeout', `${Math.ceil((timeoutMs * options.calls.length) / 1000) + 10}s`,
    '-recv_timeout', String(timeoutMs),
  ];
  const child = spawn('sipp', args, { cwd: runDir, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (chunk: Buffer) => (output = (output + chunk.toString('utf8')).slice(-40_000));
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const exitCode = await new Promise<number>((done) => {
    child.once('error', (error) => {
      output += `\n${error.message} (install Debian's package "sip-tester")`;
      done(-1);
    });
    child.once('exit', (code) => done(code ?? -1));
  });
  process.removeListener('exit', killOnExit);
  let trace = '';
  try {
    trace = readFileSync(messageFile, 'latin1');
  } catch {
    trace = '';
  }
  // SIPp's last screen: "Successful call | ... | <n>" and "Failed call | ... | <n>" (the cumulative column last).
  const total = (label: string) => Number(new RegExp(`${label}\\s*\\|[^\\n]*?(\\d+)\\s*$`, 'm').exec(output)?.[1] ?? NaN);
  const errors = output.split('\n').filter((line) => /error|unable|cannot|aborted|unexpected/i.test(line) && !/Failed call/.test(line));
  return {
    exitCode,
    ...countTrace(trace),
    successfulCalls: total('Successful call'),
    failedCalls: total('Failed call'),
    log: [...errors.slice(-20), trace.slice(-4000)].filter(Boolean).join('\n'),
  };
}
