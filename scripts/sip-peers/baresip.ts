/**
 * A phone from the phone network, for the tests and the local console: Debian's baresip
 * (package `baresip-core`, checked with 1.0.0-4) run headless on 127.0.0.1 as a plain-RTP
 * SIP phone (RTP/AVP: no ICE, no DTLS, no SRTP), as a trunk or a PBX sends calls.
 *
 * What it is started with (its own config folder in .run/baresip-<name>/, written here):
 *
 *   baresip -f .run/baresip-<name> -s -t <max lifetime s>
 *     -f   the config folder (config, accounts; nothing from ~/.baresip)
 *     -s   SIP trace in the log (each message sent and received)
 *     -t   quit after this many seconds whatever happens (a last guard against a leftover)
 *   config: sip_listen 127.0.0.1:P (it also binds TCP P and TLS P+1), net_interface 127.0.0.1
 *     (the interface name `lo` fails), rtp_ports 26000-26999 (clear of rtpengine's 23000-23999
 *     and of the ephemeral ports), audio_source ausine,440 (a 440 Hz tone; ausine makes
 *     only 48 kHz stereo: ausrc_srate 48000, ausrc_channels 2), audio_player aubridge,nowhere
 *     (received audio is decoded and dropped), rtp_stats yes (X-RTP-Stat in BYE and its 200),
 *     modules g711 opus ausine aubridge, account, menu (the commands) and ctrl_tcp (the commands
 *     and events as JSON over TCP, see baresip-control.ts). No UI module: nothing reads stdin.
 *
 * It is started under `setpriv --pdeathsig KILL` (util-linux), so it dies with the Node
 * process that started it, and is killed on exit and on SIGINT/SIGTERM/SIGHUP too.
 *
 * Calls go out through Kamailio's UDP port (the account's outbound proxy), or peer to peer
 * without one; with `register` it registers its user there, so a call to
 * sip:<user>@127.0.0.1 (an agent dialling its number) reaches it. One call at a time.
 *
 * What it can tell (baresip 1.0.0 has no received-bytes counter): the codec each way, RTP
 * packets and payload bytes sent, RTP packets received (its RTCP receiver statistics, `audio_debug`),
 * and each call's events with their arrival time (INVITE out, 180, 200, the far end's BYE).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BaresipControl, type BaresipEvent } from './baresip-control.ts';
import { freeSipPort, freeTcpPort } from './ports.ts';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '..', '..');
const START_TIMEOUT_MS = 10_000;
const INSTALL_HINT = 'baresip is not installed: install Debian\'s package "baresip-core" (apt-get install -y baresip-core).';

/** The codecs a peer offers and accepts: opus and PCMU (a modern PBX), or PCMU alone (most trunks). */
export type BaresipCodecs = 'opus+pcmu' | 'pcmu';
const CODEC_LISTS: Record<BaresipCodecs, string> = { 'opus+pcmu': 'opus/48000/2,PCMU/8000/1', pcmu: 'PCMU/8000/1' };

/** How to start a baresip phone. */
export interface BaresipOptions {
  /** Names its folder, .run/baresip-<name> (letters, digits, - and _). */
  readonly name: string;
  /**
   * Kamailio's SIP over UDP port on 127.0.0.1: the outbound proxy, and the registrar with
   * `register`. Without it, calls go straight to the address dialled (peer to peer).
   */
  readonly proxyPort?: number;
  /** Its own SIP user (its From and, registered, its address): a phone number such as +14155550100. */
  readonly user: string;
  /** The From display name (the caller's name, as a trunk passes it on); none by default. */
  readonly displayName?: string;
  /** Codecs offered and accepted; 'opus+pcmu' by default. */
  readonly codecs?: BaresipCodecs;
  /** Register `user` with Kamailio so calls to it arrive (default false: a caller only). */
  readonly register?: boolean;
  /** Answer incoming calls at once (default false: call {@link RunningBaresip.answer}). */
  readonly autoAnswer?: boolean;
  /** The tone it sends, in Hz (default 440). */
  readonly toneHz?: number;
  /** It quits by itself after this long whatever happens (default 600 s). */
  readonly maxLifetimeSeconds?: number;
  /**
   * Keep the audio it receives, as it decodes it, in WAV files (baresip's `sndfile` module:
   * .run/baresip-<name>/recordings/dump-<time>-dec.wav, one per call; see
   * {@link RunningBaresip.receivedAudio}). Default false.
   */
  readonly recordReceived?: boolean;
}

/** What baresip says about a call's audio (its `audio_debug` command). */
export interface BaresipAudioStats {
  /** The codec it sends, e.g. "PCMU 8000Hz/1ch" or "opus 48000Hz/2ch"; '' before media. */
  readonly encoder: string;
  /** The codec it decodes. */
  readonly decoder: string;
  /** RTP packets it sent, and their payload bytes (the sender's octet count of RTCP, RFC 3550: RTP headers not included). */
  readonly packetsSent: number;
  readonly octetsSent: number;
  /** RTP packets it received from the far end (its RTCP receiver statistics). */
  readonly packetsReceived: number;
  /** The remote RTP address it sends to (host:port). */
  readonly remote: string;
}

/** A call's end as baresip saw it. */
export interface BaresipCallEnd {
  /** The SIP Call-ID. */
  readonly callId: string;
  /** Why: "Connection reset by peer" (the far end's BYE), "Connection reset by user" (our hang-up), "480 Temporarily Unavailable"... */
  readonly reason: string;
  /** Whether the far end ended it with a BYE. */
  readonly byPeer: boolean;
  readonly at: number;
}

/** A running baresip. */
export interface RunningBaresip {
  /** Its SIP user, where it listens (its address: sip:<user>@127.0.0.1:<sipPort>) and its process id. */
  readonly user: string;
  readonly sipPort: number;
  readonly pid: number;
  readonly logFile: string;
  /** Every event so far (see baresip-control.ts). */
  readonly events: readonly BaresipEvent[];
  /** Calls `listener` with every event from now on; returns the way to stop. */
  onEvent(listener: (event: BaresipEvent) => void): () => void;
  /** Calls `target` (a SIP URI, e.g. sip:agent1@127.0.0.1) through Kamailio; resolves with the call's Call-ID once the INVITE is out. */
  dial(target: string): Promise<string>;
  /** Waits for an incoming call (one not returned before) and resolves with its Call-ID. */
  waitForIncoming(timeoutMs?: number): Promise<string>;
  /** Answers the ringing incoming call. */
  answer(): Promise<void>;
  /** Waits until the call is answered (200 OK / ACK): CALL_ESTABLISHED. */
  waitForEstablished(callId: string, timeoutMs?: number): Promise<BaresipEvent>;
  /** Waits until the call ends, for whatever reason. */
  waitForEnd(callId: string, timeoutMs?: number): Promise<BaresipCallEnd>;
  /** The current call's audio figures (zeros without media). */
  audioStats(): Promise<BaresipAudioStats>;
  /**
   * With `recordReceived`: the audio received so far on the newest call, as baresip wrote it
   * (16-bit PCM WAV bytes, header included, possibly still growing); empty before any.
   */
  receivedAudio(): Buffer;
  /** The SIP Call-ID of the call under way (ringing or answered); undefined when there is none. */
  readonly callId: string | undefined;
  /** Hangs up the call under way (CANCEL before an answer, BYE after); nothing without one. */
  hangUp(): Promise<void>;
  /** Puts the call under way on hold (a re-INVITE offering a=sendonly), or takes it off (`on` false). */
  hold(on: boolean): Promise<void>;
  /** Quits baresip (killed if it does not go within 3 s). */
  stop(): Promise<void>;
}

function baresipPath(): string {
  const candidates = [process.env.BARESIP_PATH, '/usr/bin/baresip', '/usr/local/bin/baresip'];
  for (const candidate of candidates) if (candidate && existsSync(candidate)) return candidate;
  throw new Error(INSTALL_HINT);
}

function moduleDir(): string {
  for (const dir of ['/usr/lib/baresip/modules', '/usr/lib/x86_64-linux-gnu/baresip/modules', '/usr/lib/aarch64-linux-gnu/baresip/modules', '/usr/local/lib/baresip/modules']) {
    if (existsSync(join(dir, 'ctrl_tcp.so'))) return dir;
  }
  throw new Error(`baresip's modules (ctrl_tcp.so) were not found. ${INSTALL_HINT}`);
}

/** baresip's `config` file for a headless plain-RTP phone on 127.0.0.1. */
export function baresipConfig(opts: { sipPort: number; controlPort: number; toneHz: number; moduleDir: string; recordDir?: string }): string {
  return [
    '# Written by scripts/sip-peers/baresip.ts: a headless plain-RTP phone on 127.0.0.1.',
    'poll_method\t\tepoll',
    `sip_listen\t\t127.0.0.1:${opts.sipPort}`,
    'net_interface\t\t127.0.0.1',
    'call_max_calls\t\t1',
    `audio_source\t\tausine,${opts.toneHz}`,
    'ausrc_srate\t\t48000',
    'ausrc_channels\t\t2',
    'audio_player\t\taubridge,nowhere',
    'audio_alert\t\taubridge,nowhere',
    'rtp_stats\t\tyes',
    'rtcp_mux\t\tno',
    'rtp_ports\t\t26000-26999',
    `module_path\t\t${opts.moduleDir}`,
    'module\t\t\tg711.so',
    'module\t\t\topus.so',
    'module\t\t\tausine.so',
    'module\t\t\taubridge.so',
    'module_app\t\taccount.so',
    'module_app\t\tmenu.so',
    'module_app\t\tctrl_tcp.so',
    `ctrl_tcp_listen\t\t127.0.0.1:${opts.controlPort}`,
    'opus_bitrate\t\t32000',
    ...(opts.recordDir === undefined ? [] : ['module\t\t\tsndfile.so', `snd_path\t\t${opts.recordDir}`]),
    '',
  ].join('\n');
}

/** The account line (baresip's `accounts` syntax) for `user` behind Kamailio at 127.0.0.1:proxyPort. */
export function baresipAccount(opts: { user: string; displayName?: string; proxyPort?: number; codecs: BaresipCodecs; register: boolean; autoAnswer: boolean }): string {
  const display = opts.displayName ? `"${opts.displayName.replace(/[\\"\r\n]/g, '')}" ` : '';
  if (opts.register && opts.proxyPort === undefined) throw new Error('baresipAccount: register needs the proxy (Kamailio) port');
  const params = [
    ...(opts.proxyPort === undefined ? [] : [`outbound="sip:127.0.0.1:${opts.proxyPort};transport=udp"`]),
    `regint=${opts.register ? 600 : 0}`,
    `answermode=${opts.autoAnswer ? 'auto' : 'manual'}`,
    `audio_codecs=${CODEC_LISTS[opts.codecs]}`,
  ];
  return `${display}<sip:${opts.user}@127.0.0.1>;${params.join(';')}`;
}

/** Parses `audio_debug`'s output (baresip 1.0.0). */
export function parseAudioDebug(text: string): BaresipAudioStats {
  const number = (pattern: RegExp) => Number(pattern.exec(text)?.[1] ?? 0);
  return {
    encoder: /\btx:\s+encode:\s+(\S+ \S+)/.exec(text)?.[1] ?? '',
    decoder: /\brx:\s+decode:\s+(\S+ \S+)/.exec(text)?.[1] ?? '',
    packetsSent: number(/TX: packets=(\d+)/),
    octetsSent: number(/TX: packets=\d+, octets=(\d+)/),
    packetsReceived: number(/\brcvd=(\d+)/),
    remote: /remote: ([\d.]+:\d+)/.exec(text)?.[1] ?? '',
  };
}

const running = new Set<ChildProcess>();
let hooksInstalled = false;
function installExitHooks(): void {
  if (hooksInstalled) return;
  hooksInstalled = true;
  const killAll = () => {
    for (const child of running) child.kill('SIGKILL');
  };
  process.once('exit', killAll);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    const onSignal = () => {
      killAll();
      if (process.listenerCount(signal) > 1) return; // the owner handles the signal
      process.removeListener(signal, onSignal);
      process.kill(process.pid, signal);
    };
    process.on(signal, onSignal);
  }
}

function checkOptions(opts: BaresipOptions): void {
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(opts.name)) throw new Error(`startBaresip: name must be letters, digits, - or _, got ${JSON.stringify(opts.name)}`);
  if (opts.proxyPort !== undefined && (!Number.isInteger(opts.proxyPort) || opts.proxyPort < 1 || opts.proxyPort > 65535)) throw new Error(`startBaresip: proxyPort must be a port number, got ${String(opts.proxyPort)}`);
  if (!/^\+?[A-Za-z0-9._-]{1,64}$/.test(opts.user)) throw new Error(`startBaresip: user must be a plain SIP user (a number such as +14155550100), got ${JSON.stringify(opts.user)}`);
  if (opts.displayName !== undefined && (opts.displayName.length > 100 || /[\0-\x1f"\\]/.test(opts.displayName))) {
    throw new Error('startBaresip: displayName must be one line of at most 100 characters without quotes or backslashes');
  }
  if (opts.codecs !== undefined && !(opts.codecs in CODEC_LISTS)) throw new Error(`startBaresip: codecs must be ${Object.keys(CODEC_LISTS).join(' or ')}`);
  const tone = opts.toneHz ?? 440;
  if (!Number.isInteger(tone) || tone < 50 || tone > 4000) throw new Error('startBaresip: toneHz must be a whole number from 50 to 4000');
  const life = opts.maxLifetimeSeconds ?? 600;
  if (!Number.isInteger(life) || life < 5 || life > 86_400) throw new Error('startBaresip: maxLifetimeSeconds must be a whole number from 5 to 86400');
}

function tail(file: string, lines = 25): string {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

/** Starts baresip; resolves once its control socket answers (and, with `register`, once Kamailio accepted its REGISTER). */
export async function startBaresip(opts: BaresipOptions): Promise<RunningBaresip> {
  checkOptions(opts);
  const binary = baresipPath();
  const modules = moduleDir();
  const runDir = join(ROOT, '.run', `baresip-${opts.name}`);
  mkdirSync(runDir, { recursive: true });
  const [sipPort, controlPort] = [await freeSipPort(), await freeTcpPort()];
  const recordDir = opts.recordReceived ? join(runDir, 'recordings') : undefined;
  if (recordDir) {
    rmSync(recordDir, { recursive: true, force: true });
    mkdirSync(recordDir, { recursive: true });
  }
  writeFileSync(join(runDir, 'config'), baresipConfig({ sipPort, controlPort, toneHz: opts.toneHz ?? 440, moduleDir: modules, recordDir }));
  // The account is added over the control socket (uanew) once connected, so its REGISTER's answer reaches us as an event.
  writeFileSync(join(runDir, 'accounts'), '# accounts are added by scripts/sip-peers/baresip.ts over ctrl_tcp (uanew)\n');
  const account = baresipAccount({
    user: opts.user,
    displayName: opts.displayName,
    proxyPort: opts.proxyPort,
    codecs: opts.codecs ?? 'opus+pcmu',
    register: opts.register ?? false,
    autoAnswer: opts.autoAnswer ?? false,
  });

  const logFile = join(runDir, 'baresip.log');
  const logFd = openSync(logFile, 'w');
  writeSync(logFd, `===== ${new Date().toISOString()} baresip ${opts.user} on 127.0.0.1:${sipPort}, control ${controlPort}\n${account}\n`);
  const args = ['-f', runDir, '-s', '-t', String(opts.maxLifetimeSeconds ?? 600)];
  const withPdeathsig = spawnSync('setpriv', ['--help'], { encoding: 'utf8' }).stdout?.includes('--pdeathsig');
  const child = withPdeathsig
    ? spawn('setpriv', ['--pdeathsig', 'KILL', binary, ...args], { cwd: runDir, stdio: ['ignore', logFd, logFd] })
    : spawn(binary, args, { cwd: runDir, stdio: ['ignore', logFd, logFd] });
  closeSync(logFd);
  running.add(child);
  installExitHooks();
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  child.once('exit', () => running.delete(child));
  const kill = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await exited;
  };

  let control: BaresipControl | undefined;
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (!control) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`baresip exited while starting (code ${child.exitCode ?? child.signalCode}). Log ${logFile}:\n${tail(logFile)}`);
    }
    control = await BaresipControl.connect(controlPort).catch(() => undefined);
    if (control) break;
    if (Date.now() > deadline) {
      await kill();
      throw new Error(`baresip's control socket (127.0.0.1:${controlPort}) did not open within ${START_TIMEOUT_MS / 1000} s. Log ${logFile}:\n${tail(logFile)}`);
    }
    await new Promise((done) => setTimeout(done, 50));
  }
  const ctl = control;

  try {
    const since = ctl.events.length;
    await ctl.command('uanew', account);
    if (opts.register) {
      const event = await ctl.waitForEvent((e) => e.type === 'REGISTER_OK' || e.type === 'REGISTER_FAIL', since, 'answer to REGISTER', 10_000);
      if (event.type !== 'REGISTER_OK') throw new Error(`Kamailio refused baresip's REGISTER for ${opts.user}: ${event.param ?? ''}`);
    }
  } catch (error) {
    ctl.close();
    await kill();
    throw new Error(`${(error as Error).message}. Log ${logFile}:\n${tail(logFile)}`);
  }

  const callEvent = (callId: string, types: readonly string[]) => (event: BaresipEvent) => event.id === callId && types.includes(event.type);
  /** The call under way (placed, or arrived), until its CALL_CLOSED. */
  let current: string | undefined;
  const closedCalls = new Set<string>();
  ctl.subscribe((event) => {
    if (!event.id) return;
    if (event.type === 'CALL_CLOSED') {
      closedCalls.add(event.id);
      if (current === event.id) current = undefined;
    } else if (event.direction === 'incoming' && current === undefined && !closedCalls.has(event.id)) {
      current = event.id;
    }
  });
  const openCall = () => current;
  /** Incoming calls already handed out by waitForIncoming. */
  const taken = new Set<string>();
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    await ctl.command('quit', '', 1000).catch(() => undefined);
    ctl.close();
    const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
    await exited;
    clearTimeout(timer);
  };

  return {
    user: opts.user,
    sipPort,
    pid: child.pid ?? 0,
    logFile,
    get events() {
      return ctl.events;
    },
    onEvent: (listener) => ctl.subscribe(listener),
    async dial(target) {
      if (!/^sips?:[^\s<>"]{1,200}$/.test(target)) throw new Error(`dial: not a SIP URI: ${JSON.stringify(target)}`);
      if (openCall() !== undefined) throw new Error('dial: a call is already under way');
      await ctl.command('dial', target);
      // The INVITE is out; callstat names the call (baresip's call id is its SIP Call-ID).
      const id = /\bid=(\S+)/.exec(await ctl.command('callstat'))?.[1];
      if (!id) throw new Error(`dial: baresip placed no call to ${target}. Log ${logFile}:\n${tail(logFile)}`);
      if (!closedCalls.has(id)) current = id;
      return id;
    },
    async waitForIncoming(timeoutMs = 15_000) {
      const event = await ctl.waitForEvent((e) => e.direction === 'incoming' && typeof e.id === 'string' && e.id !== '' && !taken.has(e.id), 0, 'incoming call', timeoutMs);
      taken.add(event.id ?? '');
      return event.id ?? '';
    },
    async answer() {
      await ctl.command('accept');
    },
    waitForEstablished(callId, timeoutMs = 20_000) {
      return ctl.waitForEvent(callEvent(callId, ['CALL_ESTABLISHED']), 0, `answer of call ${callId}`, timeoutMs);
    },
    async waitForEnd(callId, timeoutMs = 20_000) {
      const event = await ctl.waitForEvent(callEvent(callId, ['CALL_CLOSED']), 0, `end of call ${callId}`, timeoutMs);
      const reason = event.param ?? '';
      return { callId, reason, byPeer: /reset by peer/i.test(reason), at: event.at };
    },
    async audioStats() {
      return parseAudioDebug(await ctl.command('audio_debug'));
    },
    receivedAudio() {
      if (!recordDir) throw new Error('receivedAudio: start baresip with recordReceived');
      const newest = readdirSync(recordDir).filter((file) => /^dump-.*-dec\.wav$/.test(file)).sort().at(-1);
      return newest ? readFileSync(join(recordDir, newest)) : Buffer.alloc(0);
    },
    get callId() {
      return openCall();
    },
    async hangUp() {
      if (openCall() === undefined) return;
      await ctl.command('hangup');
    },
    async hold(on) {
      if (openCall() === undefined) throw new Error('hold: no call under way');
      await ctl.command(on ? 'hold' : 'resume');
    },
    stop,
  };
}
