/**
 * SIPp (Debian's `sip-tester`, 3.6.1 built with RTPSTREAM) as a caller from the phone network
 * that plays audio: scenarios/rtp-caller.xml offers plain RTP (RTP/AVP, PCMU only), and once
 * answered plays a tone (a G.711 μ-law WAV written here, mulaw-wav.ts) as PCMU RTP with
 * SIPp's `rtp_stream` action until the far end hangs up; it answers that BYE with 200 OK.
 *
 *   sipp 127.0.0.1:<proxy> -sf rtp-caller.xml -s <to> -m 1 -i 127.0.0.1 -mi 127.0.0.1
 *     -p <sip port> -mp <rtp port> -t u1 -nostdin -trace_msg -message_file <log>
 *     -timeout <s> -timeout_error -cid_str sipp-rtp-<uuid>-%u -key cp_from_user ...
 *   (run in .run/sipp-rtp/<name>/, beside tone.wav)
 *
 * SIPp counts no RTP it receives, so a test proves the other direction elsewhere (the baresip
 * callers do: they count it). The Call-ID is chosen here, so a test knows the interaction id
 * (ContactPad's, for a call without X-CP-Interaction-Id) before the call rings.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { muLawToneWav } from './mulaw-wav.ts';
import { freeRtpPort, freeSipPort } from './ports.ts';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '..', '..');
const SCENARIO = join(HERE, 'scenarios', 'rtp-caller.xml');
/** The same caller, answering SIP INFO (keypad tones) with 200 OK until the BYE. */
const INFO_SCENARIO = join(HERE, 'scenarios', 'rtp-caller-info.xml');

/** What the caller is asked to do. */
export interface SippRtpCallerOptions {
  /** Names its folder, .run/sipp-rtp/<name>/. */
  readonly name: string;
  /** Where SIPp sends the INVITE: Kamailio's UDP port (or any SIP peer's) on 127.0.0.1. */
  readonly proxyPort: number;
  /** The user called (default agent1). */
  readonly to?: string;
  /** The caller's number and name, as a trunk passes them in From. */
  readonly fromUser: string;
  readonly fromDisplayName: string;
  /** The tone played, in Hz (default 1000). */
  readonly toneHz?: number;
  /** SIPp gives up (exit code non-zero) after this long (default 60 s). */
  readonly timeoutMs?: number;
  /** Take SIP INFO requests in the call (keypad tones), each answered 200 OK (scenarios/rtp-caller-info.xml); default false. */
  readonly answersInfo?: boolean;
  /** With `answersInfo`: the status line each INFO gets instead of 200 OK, e.g. '501 Not Implemented' (a platform that refuses). */
  readonly infoAnswer?: string;
}

/** A SIPp call under way. */
export interface SippRtpCall {
  /** The INVITE's Call-ID. */
  readonly callId: string;
  /** Resolves when SIPp exits: 0 when the call was answered, played and ended by the far end's BYE. */
  readonly done: Promise<SippRtpResult>;
  /** Kills SIPp now. */
  kill(): void;
}

/** How the call went. */
export interface SippRtpResult {
  readonly exitCode: number;
  /** Status codes of the responses SIPp received, in order of first appearance. */
  readonly statusCodes: number[];
  /** Whether a BYE reached SIPp (the far end hung up). */
  readonly gotBye: boolean;
  /** The SIP INFO requests that reached SIPp, in order: each one's Content-Type and body. */
  readonly infos: readonly { readonly contentType: string; readonly body: string }[];
  /** SIPp's message trace and error lines. */
  readonly log: string;
}

function checkLine(label: string, value: string, pattern: RegExp): string {
  if (!pattern.test(value)) throw new Error(`startSippRtpCaller: bad ${label}: ${JSON.stringify(value)}`);
  return value;
}

/** A SIP INFO as SIPp's message trace shows it: its Content-Type and its body (the lines after the blank one). */
function infoOf(block: string): { contentType: string; body: string } {
  const lines = block.split(/\r?\n/);
  const start = lines.findIndex((line) => /^\s*INFO sip:/.test(line));
  const message = lines.slice(start);
  const blank = message.findIndex((line) => line.trim() === '');
  const headers = blank < 0 ? message : message.slice(0, blank);
  const contentType = headers.map((line) => /^\s*Content-Type:\s*(.*?)\s*$/i.exec(line)?.[1]).find((value) => value !== undefined) ?? '';
  const body = blank < 0 ? '' : message.slice(blank + 1).map((line) => line.trim()).filter((line) => line !== '').join('\r\n');
  return { contentType, body };
}

/**
 * The INFO-taking scenario, or, with `answer` ('501 Not Implemented'), a copy of it written in
 * `runDir` whose INFO branch answers that instead of 200 OK (SIPp reads a response's status code
 * when it loads a scenario, so no keyword can stand for it).
 */
function infoScenario(runDir: string, answer: string | undefined): string {
  if (answer === undefined) return INFO_SCENARIO;
  checkLine('infoAnswer', answer, /^[1-6]\d\d [A-Za-z ]{1,40}$/);
  const [head, branch] = readFileSync(INFO_SCENARIO, 'latin1').split('<label id="info" />');
  if (branch === undefined) throw new Error('startSippRtpCaller: scenarios/rtp-caller-info.xml has no info branch');
  const file = join(runDir, 'rtp-caller-info-answering.xml');
  writeFileSync(file, `${head}<label id="info" />${branch.replace('SIP/2.0 200 OK', `SIP/2.0 ${answer}`)}`, 'latin1');
  return file;
}

/** Starts the call (SIPp runs until the call ends or its timeout). */
export async function startSippRtpCaller(opts: SippRtpCallerOptions): Promise<SippRtpCall> {
  checkLine('name', opts.name, /^[A-Za-z0-9_-]{1,64}$/);
  const to = checkLine('to', opts.to ?? 'agent1', /^[A-Za-z0-9._+-]{1,64}$/);
  const fromUser = checkLine('fromUser', opts.fromUser, /^\+?[A-Za-z0-9._-]{1,64}$/);
  const fromDisplayName = checkLine('fromDisplayName', opts.fromDisplayName, /^[^"\\\0-\x1f\x7f]{0,60}$/);
  if (!Number.isInteger(opts.proxyPort) || opts.proxyPort < 1 || opts.proxyPort > 65535) throw new Error('startSippRtpCaller: proxyPort must be a port number');
  const timeoutMs = opts.timeoutMs ?? 60_000;
  if (!Number.isInteger(timeoutMs) || timeoutMs < 1000 || timeoutMs > 600_000) throw new Error('startSippRtpCaller: timeoutMs must be 1000-600000');

  const runDir = join(ROOT, '.run', 'sipp-rtp', opts.name);
  mkdirSync(runDir, { recursive: true });
  writeFileSync(join(runDir, 'tone.wav'), muLawToneWav({ hz: opts.toneHz ?? 1000, seconds: 2 }));
  const [sipPort, rtpPort] = [await freeSipPort(), await freeRtpPort()];
  // SIPp names its calls (and matches their responses) by the Call-ID it makes from -cid_str: %u is the call number, 1.
  const callIdPrefix = `sipp-rtp-${randomUUID()}`;
  const callId = `${callIdPrefix}-1`;
  const messageFile = join(runDir, `messages-${sipPort}.log`);
  const args = [
    `127.0.0.1:${opts.proxyPort}`,
    '-sf', opts.answersInfo ? infoScenario(runDir, opts.infoAnswer) : SCENARIO,
    '-s', to,
    '-m', '1',
    '-i', '127.0.0.1',
    '-mi', '127.0.0.1',
    '-p', String(sipPort),
    '-mp', String(rtpPort),
    '-t', 'u1',
    '-nostdin',
    '-trace_msg', '-message_file', messageFile,
    '-timeout', `${Math.ceil(timeoutMs / 1000)}s`, '-timeout_error',
    '-cid_str', `${callIdPrefix}-%u`,
    '-key', 'cp_from_user', fromUser,
    '-key', 'cp_from_display', fromDisplayName,
  ];
  const child = spawn('sipp', args, { cwd: runDir, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (chunk: Buffer) => (output = (output + chunk.toString('utf8')).slice(-20_000));
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const done = new Promise<SippRtpResult>((resolveDone) => {
    const finish = (exitCode: number) => {
      process.removeListener('exit', killOnExit);
      let trace = '';
      try {
        trace = readFileSync(messageFile, 'latin1');
      } catch {
        trace = '';
      }
      const received = trace.split(/^-{10,}.*$/m).filter((block) => /message received/i.test(block));
      const statusCodes = [...new Set(received.flatMap((block) => /^\s*SIP\/2\.0 (\d{3})\b/m.exec(block)?.[1] ?? []).map(Number))];
      const gotBye = received.some((block) => /^\s*BYE sip:/m.test(block));
      const infos = received.filter((block) => /^\s*INFO sip:/m.test(block)).map(infoOf);
      const errors = output.split('\n').filter((line) => /error|unable|cannot|failed|aborted/i.test(line) && !/Failed call/.test(line));
      resolveDone({ exitCode, statusCodes, gotBye, infos, log: [trace.trim(), ...errors].filter(Boolean).join('\n') });
    };
    child.once('error', (error) => {
      output += `\n${error.message} (install Debian's package "sip-tester")`;
      finish(-1);
    });
    child.once('exit', (code) => finish(code ?? -1));
  });
  return { callId, done, kill: () => child.kill('SIGKILL') };
}
