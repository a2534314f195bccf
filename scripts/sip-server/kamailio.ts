/**
 * Starts and stops the project's SIP edge: Debian's Kamailio with scripts/sip-server/kamailio.cfg
 * and its media gateway (rtpengine, see media-gateway.ts), bound to 127.0.0.1: SIP over
 * WebSocket for the agents (and over secure WebSocket when asked), SIP over UDP for trunks and
 * SIPp. docs/sip-edge.md describes the ports, the options and what each refusal means.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { connect, isIP } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freeUdpPort } from './free-port.ts';
import { DEFAULT_RTP_PORTS, findRtpengine, startMediaGateway, type RunningMediaGateway } from './media-gateway.ts';
import { killGroup, stopLeftover, superviseServer, tail } from './process-group.ts';
import { queuesListText, shippedQueues, type QueueDefinition } from './queues.ts';
import { localCertificate, spkiHash } from './tls-certificate.ts';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '..', '..');
const CONFIG = join(HERE, 'kamailio.cfg');
const START_TIMEOUT_MS = 15_000;
const PACKAGES = ['kamailio', 'kamailio-websocket-modules', 'kamailio-tls-modules', 'kamailio-autheph-modules', 'kamailio-utils-modules', 'rtpengine-daemon', 'openssl'];
const INSTALL_HINT =
  `The SIP edge is not fully installed. Install Debian's packages ${PACKAGES.map((name) => `"${name}"`).join(', ')}: ` +
  `sudo apt-get update && sudo apt-get install -y ${PACKAGES.join(' ')}`;

/** Trunk addresses when none are given: the local SIPp peers and baresip send from 127.0.0.1. */
export const DEFAULT_TRUNKS: readonly string[] = ['127.0.0.1'];

/** The flood limit when none is given: per source address that is not a listed trunk. */
export const DEFAULT_FLOOD = { limit: 50, windowSeconds: 10, banSeconds: 60 } as const;

/** What {@link startKamailio} is asked to run. */
export interface KamailioOptions {
  /** SIP over WebSocket, ws://127.0.0.1:wsPort (TCP). */
  readonly wsPort: number;
  /** SIP over UDP on 127.0.0.1 (trunks, SIPp). */
  readonly udpPort: number;
  /** Names the run directory .run/kamailio-<name>/ (letters, digits, - and _). */
  readonly name: string;
  /**
   * Authentication of WebSocket clients with time-limited credentials (auth_ephemeral, see
   * sip-credential.ts). Absent: NO authentication (anyone may register as anyone), as before.
   * `platformUsers`: authenticated users whose X-CP-* headers are kept, as if they were the
   * platform (exact user names, or a prefix ending in `*`, e.g. `customer-*` or `+1555*`); default none.
   */
  readonly auth?: { readonly secret: string; readonly platformUsers?: readonly string[] };
  /**
   * SIP over secure WebSocket (TLS 1.2 or later), wss://127.0.0.1:port. Without certFile and
   * keyFile, a self-signed certificate for 127.0.0.1 made in .run/tls/ (tls-certificate.ts).
   */
  readonly tls?: { readonly port: number; readonly certFile?: string; readonly keyFile?: string };
  /** Source addresses (IPv4/IPv6, optionally /prefix) trusted as trunks; default {@link DEFAULT_TRUNKS}. */
  readonly trunks?: readonly string[];
  /** Flood cut-off for sources that are not trunks; default {@link DEFAULT_FLOOD}. */
  readonly flood?: { readonly limit: number; readonly windowSeconds: number; readonly banSeconds: number };
  /**
   * The media gateway: its ng port (default: a free UDP port) and RTP range (default
   * 23000-23999). `false`: do not start rtpengine (Kamailio still expects it on a free port
   * where nothing listens, so calls that need it get 503: a gateway outage from the start).
   */
  readonly media?: false | { readonly ngPort?: number; readonly rtpPorts?: readonly [number, number] };
  /**
   * Queues (hunt groups, queues.ts): an INVITE to sip:<address>@... rings the members one at a
   * time. Default: the shipped scripts/sip-server/queues.list.
   */
  readonly queues?: readonly QueueDefinition[];
  /**
   * VoiceCalls (Service Cloud Voice): before an incoming call or a transfer leg rings an agent or
   * a queue, Kamailio asks the voice call service at `serviceUrl` (http://host:port,
   * scripts/voice-call-service) and adds X-CP-Voice-Call-Id with the id it answers. Absent: no
   * VoiceCalls (the Open CTI setup).
   */
  readonly voiceCalls?: { readonly serviceUrl: string };
}

/** A running Kamailio (and its media gateway): its addresses, and how to stop it. */
export interface RunningKamailio {
  /** ws://127.0.0.1:<wsPort> */
  readonly wsUrl: string;
  /** wss://127.0.0.1:<tls.port>, when TLS was asked for. */
  readonly wssUrl: string | undefined;
  /** base64(SHA-256(SPKI)) of the WSS certificate, for Chromium's --ignore-certificate-errors-spki-list. */
  readonly tlsSpki: string | undefined;
  /** The WSS certificate file (PEM), for a client that trusts it explicitly. */
  readonly tlsCertFile: string | undefined;
  readonly udpPort: number;
  readonly logFile: string;
  /** Whether WebSocket clients must authenticate. */
  readonly authenticated: boolean;
  /** The trunk addresses in force. */
  readonly trunks: readonly string[];
  /** The queues in force. */
  readonly queues: readonly QueueDefinition[];
  /** The voice call service asked for each incoming call's VoiceCall, when on. */
  readonly voiceCallService: string | undefined;
  /** rtpengine: its ng port, RTP range and log (undefined ports when started with `media: false`). */
  readonly mediaGateway: {
    readonly ngPort: number;
    readonly rtpPorts: readonly [number, number];
    readonly logFile: string;
    /** Whether rtpengine is running now. */
    running(): boolean;
    /** Stops rtpengine only (Kamailio stays up): a media gateway outage. */
    stop(): Promise<void>;
    /** Starts rtpengine again on the same ports. */
    start(): Promise<void>;
  };
  /**
   * Kamailio alone (rtpengine stays up): a SIP server outage, or a SIP server that hangs
   * (freeze: SIGSTOP to its processes, so connections stay open and nothing is answered; thaw:
   * SIGCONT). The fault suite (scripts/faults) and the end-to-end tests use them.
   */
  readonly proxy: {
    /** Whether Kamailio is running now (frozen counts as running). */
    running(): boolean;
    /** Stops Kamailio only: its registrations (in memory) are lost, calls' media through rtpengine goes on. */
    stop(): Promise<void>;
    /** Starts Kamailio again on the same ports, with the same options. */
    start(): Promise<void>;
    freeze(): void;
    thaw(): void;
  };
  /** Time from the call to startKamailio until Kamailio accepted WebSocket connections, in ms (rtpengine included). */
  readonly startMs: number;
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

let moduleDirCache: string | undefined;
function moduleDir(binary: string): string | undefined {
  if (moduleDirCache) return moduleDirCache;
  const version = spawnSync(binary, ['-I'], { encoding: 'utf8' });
  const text = `${version.stdout}\n${version.stderr}`;
  const fromBinary = /MODULES_DIR\s+(\S+)/.exec(text)?.[1];
  const dirs = [fromBinary, '/usr/lib/x86_64-linux-gnu/kamailio/modules', '/usr/lib/aarch64-linux-gnu/kamailio/modules', '/usr/lib/kamailio/modules'];
  moduleDirCache = dirs.find((dir) => dir !== undefined && existsSync(join(dir, 'websocket.so')));
  return moduleDirCache;
}

function hasEverything(binary: string): boolean {
  const dir = moduleDir(binary);
  if (!dir) return false;
  // http_client.so (kamailio-utils-modules): the voice call service's HTTP requests (voiceCalls).
  const modules = ['websocket.so', 'tls.so', 'auth_ephemeral.so', 'rtpengine.so', 'permissions.so', 'htable.so', 'db_text.so', 'http_client.so', 'async.so'];
  return modules.every((module) => existsSync(join(dir, module))) && findRtpengine() !== undefined;
}

/**
 * Makes sure Kamailio with its WebSocket, TLS and auth_ephemeral modules, rtpengine and openssl
 * are installed and returns Kamailio's path. As root on Debian/Ubuntu it installs the packages
 * with apt-get; otherwise it throws an error that says exactly what to install.
 */
export function ensureKamailio(): string {
  let binary = findKamailio();
  if (binary && hasEverything(binary)) return binary;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const hasApt = existsSync('/usr/bin/apt-get') && existsSync('/etc/debian_version');
  if (!isRoot || !hasApt) throw new Error(INSTALL_HINT);
  console.log(`The SIP edge is missing packages: installing ${PACKAGES.join(', ')} with apt-get...`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const update = spawnSync('apt-get', ['update'], { stdio: 'inherit', env });
  const install = update.status === 0 ? spawnSync('apt-get', ['install', '-y', '--no-install-recommends', ...PACKAGES], { stdio: 'inherit', env }) : update;
  moduleDirCache = undefined;
  binary = findKamailio();
  if (install.status !== 0 || !binary || !hasEverything(binary)) {
    throw new Error(`Installing the SIP edge with apt-get failed. ${INSTALL_HINT}`);
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

function checkPort(label: string, port: unknown): number {
  if (!Number.isInteger(port) || (port as number) < 1 || (port as number) > 65535) {
    throw new Error(`startKamailio: ${label} must be a port number (1-65535), got ${String(port)}`);
  }
  return port as number;
}

/** "1 <address> <prefix>" lines of the permissions module's address file (group 1: trunks). */
function trunkLines(trunks: readonly string[]): string {
  if (!Array.isArray(trunks)) throw new Error('startKamailio: trunks must be a list of IP addresses');
  const lines = trunks.map((entry) => {
    const [address = '', prefix, ...rest] = String(entry).split('/');
    const family = isIP(address);
    const max = family === 6 ? 128 : 32;
    const bits = prefix === undefined ? max : Number(prefix);
    if (family === 0 || rest.length > 0 || !Number.isInteger(bits) || bits < 0 || bits > max || (prefix !== undefined && !/^\d+$/.test(prefix))) {
      throw new Error(`startKamailio: trunk ${JSON.stringify(entry)} is not an IP address (optionally /prefix)`);
    }
    return `1 ${address} ${bits}`;
  });
  return `# Written by scripts/sip-server/kamailio.ts: the trunks (group 1) this run trusts.\n${lines.join('\n')}\n`;
}

/** PLATFORM_USERS_RE for Kamailio: exact users or `prefix*`; a regex that matches nothing when empty. */
function platformUsersPattern(users: readonly string[]): string {
  if (!Array.isArray(users)) throw new Error('startKamailio: auth.platformUsers must be a list of SIP users');
  if (users.length === 0) return '^$';
  const parts = users.map((user) => {
    if (typeof user !== 'string' || !/^[A-Za-z0-9._~+-]+\*?$/.test(user)) {
      throw new Error(`startKamailio: auth.platformUsers entry ${JSON.stringify(user)} must be a SIP user, or a prefix ending in *`);
    }
    const literal = user.replace(/\*$/, '').replace(/[.+]/g, (char) => `[${char}]`);
    return user.endsWith('*') ? `${literal}.*` : literal;
  });
  return `^(${parts.join('|')})$`;
}

/** The voice call service's base URL for Kamailio's httpcon: http://host:port, nothing else (no path, credentials or quotes). */
function voiceCallServiceUrl(raw: unknown): string {
  let url: URL;
  try {
    url = new URL(String(raw));
  } catch {
    throw new Error(`startKamailio: voiceCalls.serviceUrl must be an http://host:port URL, got ${JSON.stringify(raw)}`);
  }
  if (url.protocol !== 'http:' || url.username !== '' || url.password !== '' || url.pathname !== '/' || url.search !== '' || url.hash !== '' || !/^[A-Za-z0-9.:[\]-]+$/.test(url.host)) {
    throw new Error(`startKamailio: voiceCalls.serviceUrl must be an http://host:port URL, got ${JSON.stringify(raw)}`);
  }
  return `http://${url.host}`;
}

function checkFlood(flood: NonNullable<KamailioOptions['flood']>): NonNullable<KamailioOptions['flood']> {
  for (const key of ['limit', 'windowSeconds', 'banSeconds'] as const) {
    const value = flood[key];
    if (!Number.isInteger(value) || value < 1 || value > 1_000_000) throw new Error(`startKamailio: flood.${key} must be a whole number from 1 to 1000000, got ${String(value)}`);
  }
  return flood;
}

/**
 * Runs rtpengine, then Kamailio in the foreground (as child processes) on 127.0.0.1.
 * Runtime files live in .run/kamailio-<name>/: kamailio.log, rtpengine.log, trunks.list.
 * Resolves once the WebSocket port accepts connections; rejects with the log's tail otherwise.
 * Both stop when stop() runs or this process exits.
 */
export async function startKamailio(opts: KamailioOptions): Promise<RunningKamailio> {
  const began = Date.now();
  const { name } = opts;
  const wsPort = checkPort('wsPort', opts.wsPort);
  const udpPort = checkPort('udpPort', opts.udpPort);
  const wssPort = opts.tls === undefined ? undefined : checkPort('tls.port', opts.tls.port);
  if (typeof name !== 'string' || !/^[A-Za-z0-9_-]+$/.test(name)) throw new Error(`startKamailio: name must be letters, digits, - or _, got ${JSON.stringify(name)}`);
  const trunks = [...(opts.trunks ?? DEFAULT_TRUNKS)];
  const trunksFileText = trunkLines(trunks);
  const flood = checkFlood(opts.flood ?? DEFAULT_FLOOD);
  const queues = [...(opts.queues ?? shippedQueues())];
  const queuesFileText = (() => {
    try {
      return queuesListText(queues);
    } catch (error) {
      throw new Error(`startKamailio: ${error instanceof Error ? error.message : String(error)}`);
    }
  })();
  if (opts.auth !== undefined) {
    const secret = (opts.auth as { secret?: unknown }).secret;
    if (typeof secret !== 'string' || !/^[A-Za-z0-9+/=._~-]{16,200}$/.test(secret)) {
      throw new Error('startKamailio: auth.secret must be 16 to 200 characters of base64/base64url (see newEdgeSecret in sip-credential.ts)');
    }
  }
  const platformUsers = platformUsersPattern(opts.auth?.platformUsers ?? []);
  const voiceCallService = opts.voiceCalls === undefined ? undefined : voiceCallServiceUrl(opts.voiceCalls.serviceUrl);
  let tlsFiles: { certFile: string; keyFile: string } | undefined;
  if (opts.tls !== undefined) {
    const { certFile, keyFile } = opts.tls;
    if ((certFile === undefined) !== (keyFile === undefined)) throw new Error('startKamailio: tls needs both certFile and keyFile, or neither (a local self-signed certificate)');
    tlsFiles = certFile !== undefined && keyFile !== undefined ? { certFile: resolve(certFile), keyFile: resolve(keyFile) } : localCertificate();
    for (const file of [tlsFiles.certFile, tlsFiles.keyFile]) if (!existsSync(file)) throw new Error(`startKamailio: TLS file ${file} does not exist`);
  }
  const binary = ensureKamailio();

  const runDir = join(ROOT, '.run', `kamailio-${name}`);
  mkdirSync(runDir, { recursive: true });
  const pidFile = join(runDir, 'kamailio.pid');
  const logFile = join(runDir, 'kamailio.log');
  if (stopLeftover(runDir, pidFile, 'kamailio')) {
    for (let i = 0; i < 20 && (await portAccepts(wsPort)); i++) await new Promise((done) => setTimeout(done, 100));
  }
  const tcpPorts: { port: number; hint: string }[] = [{ port: wsPort, hint: 'e.g. SIP_WS_PORT' }];
  if (wssPort !== undefined) tcpPorts.push({ port: wssPort, hint: 'tls.port' });
  for (const { port, hint } of tcpPorts) {
    if (await portAccepts(port)) {
      throw new Error(`Cannot start Kamailio: something already listens on 127.0.0.1:${port} (another test run or console? stop it, or set another port, ${hint}).`);
    }
  }
  const trunksFile = join(runDir, 'trunks.list');
  writeFileSync(trunksFile, trunksFileText);
  // The queues: a db_text table (queues.list) in the run folder, which is db_text's database folder.
  writeFileSync(join(runDir, 'queues.list'), queuesFileText);

  // The media gateway first: Kamailio pings it at start and sends it offers from the first call.
  const media = opts.media === false ? {} : (opts.media ?? {});
  const ngPort = media.ngPort === undefined ? await freeUdpPort() : checkPort('media.ngPort', media.ngPort);
  const rtpPorts = media.rtpPorts ?? DEFAULT_RTP_PORTS;
  let gateway: RunningMediaGateway | undefined = opts.media === false ? undefined : await startMediaGateway({ runDir, ngPort, rtpPorts });

  const define = (value: string) => ['-A', value];
  const args = [
    '-f', CONFIG,
    ...define(`WS_PORT=${wsPort}`),
    ...define(`UDP_PORT=${udpPort}`),
    ...define(`RTPENGINE_SOCK="udp:127.0.0.1:${ngPort}"`),
    ...define(`TRUNKS_FILE="${trunksFile}"`),
    ...define(`QUEUES_DB="text://${runDir}"`),
    ...define(`FLOOD_LIMIT=${flood.limit}`),
    ...define(`FLOOD_WINDOW=${flood.windowSeconds}`),
    ...define(`FLOOD_BAN=${flood.banSeconds}`),
    ...(tlsFiles && wssPort !== undefined
      ? [...define('WITH_TLS'), ...define(`WSS_PORT=${wssPort}`), ...define(`TLS_CERT="${tlsFiles.certFile}"`), ...define(`TLS_KEY="${tlsFiles.keyFile}"`)]
      : []),
    ...(opts.auth ? [...define('WITH_AUTH'), ...define(`PLATFORM_USERS_RE="${platformUsers}"`)] : []),
    ...(voiceCallService === undefined ? [] : [...define('WITH_VOICE_CALLS'), ...define(`VOICE_CALL_HTTPCON="voicecalls=>${voiceCallService}"`)]),
    '-Y', runDir,
    '-P', pidFile,
    '-DD', // stay in the foreground: we are its parent
    '-E', // log to stderr (our log file)
    '-m', '64', // shared memory, MB
    '-M', '8', // private memory per process, MB
  ];
  // The shared secret travels in the environment (readable by root and this user only), never
  // on the command line (readable by every user in /proc/<pid>/cmdline). Its value carries the
  // double quotes the config's #!defenv needs to see a string.
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.CP_SIP_AUTH_SECRET;
  if (opts.auth) env.CP_SIP_AUTH_SECRET = `"${opts.auth.secret}"`;

  /** Starts the Kamailio process and resolves once it accepts WebSocket connections; rejects (it stopped) with its log's tail. */
  const launch = async (): Promise<{ child: ChildProcess; stop: () => Promise<void> }> => {
    rmSync(pidFile, { force: true });
    // Keep earlier runs' lines (a restart in a test should not erase what happened before it).
    const logFd = openSync(logFile, existsSync(logFile) && statSync(logFile).size < 2_000_000 ? 'a' : 'w');
    writeSync(
      logFd,
      `\n===== ${new Date().toISOString()} starting Kamailio: ws ${wsPort}, udp ${udpPort}` +
        `${wssPort === undefined ? '' : `, wss ${wssPort}`}, rtpengine ng ${ngPort}${gateway ? '' : ' (not started)'}, ` +
        `auth ${opts.auth ? 'on' : 'OFF'}, trunks ${trunks.join(' ') || '(none)'}` +
        `${voiceCallService === undefined ? '' : `, VoiceCalls from ${voiceCallService}`}\n`,
    );
    const logStart = statSync(logFile).size;
    const child = spawn(binary, args, { cwd: runDir, stdio: ['ignore', logFd, logFd], detached: true, env });
    closeSync(logFd);
    const stopChild = superviseServer(child);
    // A frozen Kamailio (freeze) holds a SIGTERM until it runs again: thaw it first.
    const stopProcess = async () => {
      killGroup(child, 'SIGCONT');
      await stopChild();
    };
    const deadline = Date.now() + START_TIMEOUT_MS;
    for (;;) {
      if (child.exitCode !== null || child.signalCode !== null) {
        throw new Error(`Kamailio exited while starting (code ${child.exitCode ?? child.signalCode}). Log ${logFile}:\n${tail(logFile, 30, logStart)}`);
      }
      if (await portAccepts(wsPort)) return { child, stop: stopProcess };
      if (Date.now() > deadline) {
        await stopProcess();
        throw new Error(`Kamailio did not accept WebSocket connections on 127.0.0.1:${wsPort} within ${START_TIMEOUT_MS / 1000} s. Log ${logFile}:\n${tail(logFile, 30, logStart)}`);
      }
      await new Promise((done) => setTimeout(done, 20));
    }
  };

  let proxy: Awaited<ReturnType<typeof launch>> | undefined;
  try {
    proxy = await launch();
  } catch (error) {
    await gateway?.stop();
    throw error;
  }
  const stop = async (): Promise<void> => {
    const current = proxy;
    proxy = undefined;
    await Promise.all([current?.stop(), gateway?.stop()]);
  };

  const gatewayLog = join(runDir, 'rtpengine.log');
  return {
    wsUrl: `ws://127.0.0.1:${wsPort}`,
    wssUrl: wssPort === undefined ? undefined : `wss://127.0.0.1:${wssPort}`,
    tlsSpki: tlsFiles ? spkiHash(readFileSync(tlsFiles.certFile)) : undefined,
    tlsCertFile: tlsFiles?.certFile,
    udpPort,
    logFile,
    authenticated: opts.auth !== undefined,
    trunks,
    queues,
    voiceCallService,
    mediaGateway: {
      ngPort,
      rtpPorts,
      logFile: gatewayLog,
      running: () => gateway !== undefined,
      stop: async () => {
        const current = gateway;
        gateway = undefined;
        await current?.stop();
      },
      start: async () => {
        if (!proxy) throw new Error('mediaGateway.start: Kamailio is not running');
        gateway ??= await startMediaGateway({ runDir, ngPort, rtpPorts });
      },
    },
    proxy: {
      running: () => proxy !== undefined,
      stop: async () => {
        const current = proxy;
        proxy = undefined;
        await current?.stop();
      },
      start: async () => {
        proxy ??= await launch();
      },
      freeze: () => {
        if (proxy) killGroup(proxy.child, 'SIGSTOP');
      },
      thaw: () => {
        if (proxy) killGroup(proxy.child, 'SIGCONT');
      },
    },
    startMs: Date.now() - began,
    stop,
  };
}
