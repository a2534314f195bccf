/**
 * Figures of a call from the phone network (a plain-RTP baresip caller, scripts/sip-peers/
 * baresip.ts) to the agent through Kamailio and rtpengine, in a local console of its own (the
 * ports in bench-ports.ts). Runnable alone (`node scripts/bench/phone-network-call.ts`);
 * `npm run bench` (run.ts) calls {@link runPhoneNetworkBench}. Only measured figures are
 * printed; what each one times, from which event to which, is printed beside it.
 *
 * 1. Call setup, SETUP_CALLS calls through rtpengine and as many without it (the baseline),
 *    one of each in turn, each answered by clicking Accept as soon as the call pop shows.
 *    One clock for all: CLOCK_MONOTONIC (sip-wire-relay.ts's monotonicMs in this process,
 *    the DevTools protocol's timestamps in Chromium; the bench checks that they agree).
 *    - Through rtpengine: a PCMU-only baresip caller (RTP/AVP) -> Kamailio's UDP port ->
 *      rtpengine offer -> ContactPad (WebRTC) over WebSocket. The caller's SIP is timed on the
 *      wire in front of it, by a UDP relay (sip-wire-relay.ts) it uses as outbound proxy.
 *      - INVITE -> 180 Ringing: the INVITE from the caller to the 180 to it: Kamailio,
 *        rtpengine's offer, ContactPad ringing.
 *      - Accept -> 200 OK: just before the bench asks Chromium to click Accept (Playwright's
 *        click, its checks included) to the 200 OK to the caller: the browser's answer and
 *        ICE gathering, rtpengine's answer.
 *      - INVITE -> 200 OK without the ringing: the two added, per call (the time the call rang
 *        before Accept is the agent's, not the network's).
 *      - rtpengine's own time for each offer and answer: the "elapsed time" its log gives.
 *    - Baseline without the gateway: the console's customer simulator (sip.js in Chromium,
 *      WebRTC) -> Kamailio's WebSocket port -> ContactPad (WebRTC): WebRTC to WebRTC, which
 *      Kamailio does not send through rtpengine (the count of rtpengine offers and answers
 *      for these calls in its log is printed to show it). The same three figures, timed on the
 *      simulator's SIP over WebSocket frames as Chromium stamps them (DevTools protocol
 *      Network.webSocketFrameSent / Received): its INVITE sent (the one with its credential:
 *      Kamailio challenges WebSocket clients' first INVITE) to the 180 received; Accept to the
 *      INVITE's 200 OK received.
 * 2. One call held HOLD_SECONDS with audio both ways, for opus+PCMU and for PCMU only:
 *    - bytes both ways over the whole call (its length, baresip's CALL_ESTABLISHED event to
 *      its hang-up, is printed), as each part counts them: rtpengine's final packet stats for
 *      the call (packets and bytes, RTP header and payload, it received from the phone and from
 *      the browser), the browser's getStats (RTP payload bytes in and out) and baresip's
 *      audio_debug (RTP packets and payload bytes sent, packets received), both read just
 *      before the hang-up.
 *    - rtpengine's CPU: utime+stime of its process (/proc/<pid>/stat, all threads) over the
 *      hold divided by the hold's wall time, beside the same over HOLD_SECONDS with no call
 *      (idle); its resolution is one clock tick (printed) over the window.
 */
import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { startBaresip, type BaresipCodecs, type RunningBaresip } from '../sip-peers/baresip.ts';
import { AGENT_SIP_USER, SIP_DOMAIN } from '../test-ports.ts';
import { chooseAgentStatus, openConsoleSession, placeCall, type ConsoleSession } from '../../e2e/support/console-session.ts';
import { monotonicMs, sipHeader, startSipWireRelay, type SipWireRelay, type WireMessage } from './sip-wire-relay.ts';
import { PHONE_NETWORK_BENCH_NAME, PHONE_NETWORK_BENCH_SIP_UDP_PORT, PHONE_NETWORK_BENCH_SIP_WS_PORT, PHONE_NETWORK_BENCH_WEB_PORT } from './bench-ports.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const SETUP_CALLS = 5;
const HOLD_SECONDS = 10;
const AGENT_URI = `sip:${AGENT_SIP_USER}@${SIP_DOMAIN}`;
/** A caller the demo org knows (an unknown number would open the New Lead form over the console). */
const SETUP_CALLER = { name: 'Daniel Kim', number: '+14155550101' };

/** rtpengine's final packet stats for one call leg: what it received from that peer. */
export interface GatewayLeg {
  readonly transport: string;
  readonly codec: string;
  readonly packets: number;
  readonly bytes: number;
  readonly rtcpPackets: number;
  readonly rtcpBytes: number;
}

/** rtpengine's CPU over a window: utime+stime clock ticks of its process over the window's wall time. */
export interface CpuReading {
  readonly ticks: number;
  readonly seconds: number;
  readonly percent: number;
}

/** One way of setting up calls: per call, INVITE -> 180 and Accept -> 200 OK at the caller (ms). */
export interface SetupTimes {
  readonly inviteToRinging: number[];
  readonly acceptToOk: number[];
}

/** What the bench measured. */
export interface PhoneNetworkFigures {
  readonly setup: SetupTimes & { rtpengineOfferMs: number[]; rtpengineAnswerMs: number[] };
  /** WebRTC to WebRTC (the customer simulator), without rtpengine. */
  readonly baseline: SetupTimes & {
    /** INVITE (the first, which Kamailio challenges) sent -> INVITE with the credential sent, per call (ms). */
    challenge: number[];
    /** rtpengine offers and answers its log shows for these calls (0 when the gateway stayed out). */
    gatewayCommands: number;
  };
  readonly clockTickSeconds: number;
  readonly idleCpu: CpuReading | undefined;
  readonly holds: Array<{
    codecs: BaresipCodecs;
    /** baresip's CALL_ESTABLISHED event -> its hang-up asked (s). */
    callSeconds: number;
    agent: { bytesReceived: number; bytesSent: number };
    phone: { encoder: string; packetsSent: number; octetsSent: number; packetsReceived: number };
    gateway: { fromPhone: GatewayLeg | undefined; fromAgent: GatewayLeg | undefined };
    cpu: CpuReading | undefined;
  }>;
}

/** rtpengine's process and log for a console run folder (.run/kamailio-<name>/, as scripts/sip-server/media-gateway.ts lays it out). */
function rtpengineOf(name: string): { pid: number | undefined; logFile: string } {
  const runDir = join(ROOT, '.run', `kamailio-${name}`);
  const logFile = join(runDir, 'rtpengine.log');
  try {
    const pid = Number(readFileSync(join(runDir, 'rtpengine.pid'), 'utf8').trim());
    if (readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('rtpengine')) return { pid, logFile };
  } catch {
    // not running, or not laid out as expected: no CPU figure
  }
  return { pid: undefined, logFile };
}

const CLOCK_TICKS = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100;

/** utime + stime of a process (all its threads), in clock ticks. */
function cpuTicks(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\)\s+/, '').split(' ');
  // After "pid (comm) ": state is field 3, so utime (14) and stime (15) are at 11 and 12.
  return Number(fields[11]) + Number(fields[12]);
}

function sleep(ms: number): Promise<void> {
  return new Promise((done) => setTimeout(done, ms));
}

async function cpuOver(pid: number | undefined, seconds: number): Promise<CpuReading | undefined> {
  if (pid === undefined) {
    await sleep(seconds * 1000);
    return undefined;
  }
  const [ticks0, wall0] = [cpuTicks(pid), performance.now()];
  await sleep(seconds * 1000);
  const [ticks1, wall1] = [cpuTicks(pid), performance.now()];
  const wall = (wall1 - wall0) / 1000;
  const ticks = ticks1 - ticks0;
  return { ticks, seconds: wall, percent: (ticks / CLOCK_TICKS / wall) * 100 };
}

/** rtpengine's log lines for one call (its Call-ID in brackets). */
function gatewayLines(logFile: string, callId: string): string[] {
  try {
    return readFileSync(logFile, 'utf8').split('\n').filter((line) => line.includes(`[${callId}`));
  } catch {
    return [];
  }
}

/** "elapsed time" of rtpengine's replies to an offer or answer for the call, in ms. */
export function gatewayElapsedMs(lines: readonly string[], command: 'offer' | 'answer'): number[] {
  return lines.flatMap((line) => {
    const match = new RegExp(`Replying to '${command}' .*elapsed time ([\\d.]+) sec`).exec(line);
    return match ? [Number(match[1]) * 1000] : [];
  });
}

/** The legs of rtpengine's "Final packet stats" for a call: per media, its transport, codec, and what each port received. */
export function gatewayFinalStats(lines: readonly string[]): GatewayLeg[] {
  const legs: GatewayLeg[] = [];
  let current: { transport: string; codec: string } | undefined;
  for (const line of lines) {
    const media = /Media #\d+ \(audio over (\S+)\) using (.+)$/.exec(line);
    if (media) {
      current = { transport: media[1] ?? '', codec: (media[2] ?? '').trim() };
      legs.push({ ...current, packets: 0, bytes: 0, rtcpPackets: 0, rtcpBytes: 0 });
      continue;
    }
    const port = /Port\s+\S+ <>\s+\S+( \(RTCP\))?, SSRC \S+, (\d+) p, (\d+) b/.exec(line);
    const leg = legs.at(-1);
    if (!port || !current || !leg) continue;
    const replaced = port[1]
      ? { ...leg, rtcpPackets: leg.rtcpPackets + Number(port[2]), rtcpBytes: leg.rtcpBytes + Number(port[3]) }
      : { ...leg, packets: leg.packets + Number(port[2]), bytes: leg.bytes + Number(port[3]) };
    legs[legs.length - 1] = replaced;
  }
  return legs;
}

/** One SIP over WebSocket frame a page sent or received. */
interface SipFrame {
  /** When Chromium sent or received it (its DevTools timestamp, CLOCK_MONOTONIC ms). */
  readonly at: number;
  /** When its event reached this process ({@link monotonicMs}): no earlier than `at` if the clocks agree. */
  readonly reached: number;
  /** The WebSocket (the DevTools protocol's request id). */
  readonly socket: string;
  readonly direction: 'sent' | 'received';
  readonly text: string;
}

/** Every WebSocket frame of the page (the customer simulator's and ContactPad's), from the DevTools protocol's Network events. */
async function watchWebSocketFrames(page: Page) {
  const cdp = await page.context().newCDPSession(page);
  const frames: SipFrame[] = [];
  const listeners = new Set<() => void>();
  const add = (direction: SipFrame['direction']) => (event: { requestId: string; timestamp: number; response: { payloadData: string } }) => {
    frames.push({ at: event.timestamp * 1000, reached: monotonicMs(), socket: event.requestId, direction, text: event.response.payloadData });
    for (const listener of listeners) listener();
  };
  cdp.on('Network.webSocketFrameSent', add('sent'));
  cdp.on('Network.webSocketFrameReceived', add('received'));
  await cdp.send('Network.enable');
  return {
    frames,
    /** The index of the first frame from `since` that matches, waiting for it. */
    next(since: number, match: (frame: SipFrame) => boolean, what: string, timeoutMs = 20_000): Promise<number> {
      return new Promise((done, fail) => {
        const check = () => {
          const index = frames.findIndex((frame, i) => i >= since && match(frame));
          if (index < 0) return;
          clearTimeout(timer);
          listeners.delete(check);
          done(index);
        };
        const timer = setTimeout(() => {
          listeners.delete(check);
          fail(new Error(`bench: no WebSocket frame for ${what} within ${timeoutMs} ms`));
        }, timeoutMs);
        listeners.add(check);
        check();
      });
    },
    detach: () => cdp.detach(),
  };
}
type FrameWatch = Awaited<ReturnType<typeof watchWebSocketFrames>>;

async function answerWhenPopped(session: ConsoleSession, caller: string): Promise<number> {
  const accept = session.softphone.getByRole('region', { name: new RegExp(`Incoming voice call from ${caller}`) }).getByRole('button', { name: 'Accept' });
  await accept.waitFor();
  const pressed = monotonicMs();
  await accept.click();
  return pressed;
}

async function wrapUp(session: ConsoleSession): Promise<void> {
  await session.softphone.getByRole('button', { name: 'Done' }).click();
  await session.softphone.getByText('Phone ready').waitFor();
}

/** One call from the baresip trunk through rtpengine, timed on the wire in front of it: INVITE -> 180, Accept -> 200 OK; rtpengine's own times. */
async function gatewaySetupCall(session: ConsoleSession, trunk: RunningBaresip, wire: SipWireRelay, logFile: string, figures: PhoneNetworkFigures['setup']): Promise<void> {
  const callId = await trunk.dial(AGENT_URI);
  const ofCall = (message: WireMessage) => sipHeader(message.head, 'Call-ID', 'i') === callId;
  const isInviteReply = (message: WireMessage, code: number) =>
    message.direction === 'in' && ofCall(message) && message.head.startsWith(`SIP/2.0 ${code} `) && /\bINVITE$/.test(sipHeader(message.head, 'CSeq') ?? '');
  const invite = await wire.next((m) => m.direction === 'out' && ofCall(m) && m.head.startsWith('INVITE '), 'INVITE from the caller');
  const ringing = await wire.next((m) => isInviteReply(m, 180), '180 to the caller', 20_000);
  const pressed = await answerWhenPopped(session, SETUP_CALLER.name);
  const ok = await wire.next((m) => isInviteReply(m, 200), '200 OK to the caller', 20_000);
  await trunk.waitForEstablished(callId);
  figures.inviteToRinging.push(ringing.at - invite.at);
  figures.acceptToOk.push(ok.at - pressed);
  await trunk.hangUp();
  await trunk.waitForEnd(callId);
  await wrapUp(session);
  const lines = gatewayLines(logFile, callId);
  figures.rtpengineOfferMs.push(...gatewayElapsedMs(lines, 'offer'));
  figures.rtpengineAnswerMs.push(...gatewayElapsedMs(lines, 'answer'));
}

/** One call from the customer simulator (WebRTC), timed on its WebSocket frames: INVITE -> 180, Accept -> 200 OK. */
async function webrtcSetupCall(session: ConsoleSession, watch: FrameWatch, logFile: string, figures: PhoneNetworkFigures['baseline']): Promise<void> {
  const { frames } = watch;
  const since = frames.length;
  const interactionId = await placeCall(session, { name: SETUP_CALLER.name, number: SETUP_CALLER.number });
  const isInvite = (frame: SipFrame) => frame.direction === 'sent' && frame.text.startsWith('INVITE ');
  const first = frames[await watch.next(since, (f) => isInvite(f) && sipHeader(f.text, 'X-CP-Interaction-Id') === interactionId, 'the simulator\'s INVITE')];
  const callId = first && sipHeader(first.text, 'Call-ID', 'i');
  if (!first || !callId) throw new Error('bench: the simulator\'s INVITE has no Call-ID');
  const ofCall = (frame: SipFrame) => frame.socket === first.socket && sipHeader(frame.text, 'Call-ID', 'i') === callId;
  const ringingIndex = await watch.next(since, (f) => f.direction === 'received' && ofCall(f) && f.text.startsWith('SIP/2.0 180 '), 'the 180 at the simulator');
  // The INVITE Kamailio let through: the last one sent before the 180 (the first is challenged).
  const invites = frames.slice(since, ringingIndex).filter((f) => isInvite(f) && ofCall(f));
  const invite = invites.at(-1) ?? first;
  const ringing = frames[ringingIndex];
  const pressedIndex = frames.length;
  const pressed = await answerWhenPopped(session, SETUP_CALLER.name);
  const okIndex = await watch.next(
    pressedIndex,
    (f) => f.direction === 'received' && ofCall(f) && f.text.startsWith('SIP/2.0 200 ') && /\bINVITE$/.test(sipHeader(f.text, 'CSeq') ?? ''),
    'the 200 OK at the simulator',
  );
  const ok = frames[okIndex];
  if (!ringing || !ok) throw new Error('bench: WebSocket frames went missing');
  for (const frame of [first, invite, ringing, ok]) {
    // Chromium's stamp must come before its event reaches this process, and not long before.
    const late = frame.reached - frame.at;
    if (late < -1 || late > 10_000) throw new Error(`bench: Chromium's DevTools timestamps are not this process's monotonic clock (a frame stamped ${late.toFixed(1)} ms before its event arrived)`);
  }
  figures.inviteToRinging.push(ringing.at - invite.at);
  figures.acceptToOk.push(ok.at - pressed);
  if (invites.length > 1) figures.challenge.push(invite.at - first.at);
  await session.page.getByTestId('sim-hangup').click();
  await session.page.waitForFunction(() => !['calling', 'ringing', 'connected'].includes(window.customerSimulator?.state ?? ''));
  await wrapUp(session);
  const lines = gatewayLines(logFile, callId);
  figures.gatewayCommands += gatewayElapsedMs(lines, 'offer').length + gatewayElapsedMs(lines, 'answer').length;
}

/** Runs the measurements on an open console whose agent is Ready; `consoleName` names its run folder (.run/kamailio-<name>). */
export async function measurePhoneNetworkCall(session: ConsoleSession, sipUdpPort: number, consoleName: string): Promise<PhoneNetworkFigures> {
  const gateway = rtpengineOf(consoleName);
  const setup: PhoneNetworkFigures['setup'] = { inviteToRinging: [], acceptToOk: [], rtpengineOfferMs: [], rtpengineAnswerMs: [] };
  const baseline: PhoneNetworkFigures['baseline'] = { inviteToRinging: [], acceptToOk: [], challenge: [], gatewayCommands: 0 };

  const watch = await watchWebSocketFrames(session.page);
  const wire = await startSipWireRelay(sipUdpPort);
  const trunk = await startBaresip({ name: 'bench-setup', proxyPort: wire.port, user: SETUP_CALLER.number, displayName: SETUP_CALLER.name, codecs: 'pcmu' }).catch(async (error: unknown) => {
    await wire.stop();
    throw error;
  });
  try {
    // One of each in turn, so that neither gets the warm-up or a busy moment of the machine alone.
    for (let i = 0; i < SETUP_CALLS; i++) {
      await gatewaySetupCall(session, trunk, wire, gateway.logFile, setup);
      await webrtcSetupCall(session, watch, gateway.logFile, baseline);
    }
  } finally {
    await trunk.stop();
    await wire.stop();
    await watch.detach();
  }

  const idleCpu = await cpuOver(gateway.pid, HOLD_SECONDS);
  const holds: PhoneNetworkFigures['holds'] = [];
  for (const codecs of ['opus+pcmu', 'pcmu'] as const) {
    const caller = await startBaresip({ name: `bench-hold-${codecs === 'pcmu' ? 'pcmu' : 'opus'}`, proxyPort: sipUdpPort, user: '+14155550100', displayName: 'Maria Lopez', codecs });
    try {
      const callId = await caller.dial(AGENT_URI);
      await answerWhenPopped(session, 'Maria Lopez');
      const established = await caller.waitForEstablished(callId);
      const cpu = await cpuOver(gateway.pid, HOLD_SECONDS);
      const agent = await session.softphone.evaluate((id) => window.contactPad!.mediaStats(id), callId);
      const phone = await caller.audioStats();
      const bye = Date.now();
      await caller.hangUp();
      await caller.waitForEnd(callId);
      await wrapUp(session);
      let legs: GatewayLeg[] = [];
      for (let tries = 0; tries < 30 && legs.length < 2; tries++) {
        legs = gatewayFinalStats(gatewayLines(gateway.logFile, callId));
        if (legs.length < 2) await sleep(100);
      }
      holds.push({
        codecs,
        callSeconds: (bye - established.at) / 1000,
        agent: { bytesReceived: agent.bytesReceived, bytesSent: agent.bytesSent },
        phone: { encoder: phone.encoder, packetsSent: phone.packetsSent, octetsSent: phone.octetsSent, packetsReceived: phone.packetsReceived },
        gateway: { fromPhone: legs.find((leg) => leg.transport === 'RTP/AVP'), fromAgent: legs.find((leg) => leg.transport !== 'RTP/AVP') },
        cpu,
      });
    } finally {
      await caller.stop();
    }
  }
  return { setup, baseline, clockTickSeconds: 1 / CLOCK_TICKS, idleCpu, holds };
}

function summary(values: readonly number[], digits = 1, unit = 'calls'): string {
  if (values.length === 0) return 'not measured';
  const sorted = [...values].sort((a, b) => a - b);
  const median = sorted[Math.floor((sorted.length - 1) / 2)] ?? Number.NaN;
  return `median ${median.toFixed(digits)}, min ${sorted[0]?.toFixed(digits)}, max ${sorted.at(-1)?.toFixed(digits)} (${values.length} ${unit})`;
}

function setupLines(times: SetupTimes, events: { invite: string; ringing: string; ok: string }): string[] {
  const sums = times.inviteToRinging.map((value, i) => value + (times.acceptToOk[i] ?? Number.NaN));
  return [
    `    INVITE sent -> 180 Ringing received (${events.invite} -> ${events.ringing}): ${summary(times.inviteToRinging)}`,
    `    Accept clicked -> 200 OK received (click asked of Chromium -> ${events.ok}): ${summary(times.acceptToOk)}`,
    `    INVITE sent -> 200 OK received, without the ringing (the two above added per call): ${summary(sums)}`,
  ];
}

/** Prints the figures, each with what it times. */
export function printPhoneNetworkFigures(figures: PhoneNetworkFigures): void {
  const { setup, baseline } = figures;
  const tickMs = figures.clockTickSeconds * 1000;
  console.log('Phone network through the media gateway (own console): call setup at the caller, each call answered with Accept as soon as the call pop shows (ms, CLOCK_MONOTONIC):');
  console.log('  Through rtpengine: baresip (plain RTP, RTP/AVP, PCMU only) -> Kamailio UDP -> rtpengine -> ContactPad (WebRTC), timed by a UDP relay in front of baresip:');
  for (const line of setupLines(setup, { invite: 'INVITE from baresip at the relay', ringing: '180 to baresip at the relay', ok: '200 OK to baresip at the relay' })) console.log(line);
  console.log(`    rtpengine's own time (its log's "elapsed time") per offer: ${summary(setup.rtpengineOfferMs, 2, 'offers')}; per answer: ${summary(setup.rtpengineAnswerMs, 2, 'answers')}`);
  console.log(`  Baseline without rtpengine: the customer simulator (WebRTC in Chromium) -> Kamailio WebSocket -> ContactPad (WebRTC); rtpengine offers+answers for these calls in its log: ${baseline.gatewayCommands}:`);
  for (const line of setupLines(baseline, { invite: "the simulator's INVITE with its credential, WebSocket frame sent (Chromium's stamp)", ringing: '180 frame received', ok: '200 OK frame received' })) console.log(line);
  console.log(`    Kamailio's challenge before that (first INVITE sent -> INVITE with credential sent): ${summary(baseline.challenge)}`);

  const cpu = (value: CpuReading | undefined) =>
    value === undefined ? 'not measured (no rtpengine pid file)' : `${value.percent.toFixed(2)} % of one core (${value.ticks} clock ticks of ${tickMs.toFixed(0)} ms in ${value.seconds.toFixed(1)} s)`;
  console.log(`rtpengine CPU (utime+stime of its process / wall time), no call, over ${HOLD_SECONDS} s: ${cpu(figures.idleCpu)}`);
  const leg = (value: GatewayLeg | undefined) =>
    value
      ? `${value.bytes} bytes (RTP header and payload) in ${value.packets} packets on its RTP port (${value.transport}, ${value.codec}; RTCP too where multiplexed), + ${value.rtcpBytes} bytes in ${value.rtcpPackets} packets on its RTCP port`
      : 'not in its log';
  for (const hold of figures.holds) {
    console.log(
      `One call through rtpengine, caller offering ${hold.codecs === 'pcmu' ? 'PCMU only' : 'opus and PCMU'} (it sends ${hold.phone.encoder}), held ${HOLD_SECONDS} s; bytes both ways over the whole call (${hold.callSeconds.toFixed(1)} s from baresip's CALL_ESTABLISHED event to its hang-up):`,
    );
    console.log(`  caller -> agent: rtpengine received from the caller ${leg(hold.gateway.fromPhone)}`);
    console.log(`                   read just before the hang-up: caller sent ${hold.phone.octetsSent} RTP payload bytes in ${hold.phone.packetsSent} packets (baresip's audio_debug); agent's browser received ${hold.agent.bytesReceived} RTP payload bytes (getStats)`);
    console.log(`  agent -> caller: rtpengine received from the agent's browser ${leg(hold.gateway.fromAgent)}`);
    console.log(`                   read just before the hang-up: agent's browser sent ${hold.agent.bytesSent} RTP payload bytes (getStats); caller received ${hold.phone.packetsReceived} RTP packets (baresip counts no bytes received)`);
    console.log(`  rtpengine CPU over the ${HOLD_SECONDS} s after baresip's CALL_ESTABLISHED event: ${cpu(hold.cpu)}; with no call (above): ${figures.idleCpu ? `${figures.idleCpu.percent.toFixed(2)} %` : 'not measured'}`);
  }
}

/** Its own console (bench-ports.ts), the agent Ready, the measurements, printed; the console stopped. */
export async function runPhoneNetworkBench(): Promise<void> {
  const session = await openConsoleSession(
    { '/ContactPad/wrapUpSeconds': '120' },
    { port: PHONE_NETWORK_BENCH_WEB_PORT, sipWsPort: PHONE_NETWORK_BENCH_SIP_WS_PORT, sipUdpPort: PHONE_NETWORK_BENCH_SIP_UDP_PORT, name: PHONE_NETWORK_BENCH_NAME },
  );
  let figures: PhoneNetworkFigures;
  try {
    await chooseAgentStatus(session, 'Ready');
    await session.softphone.getByText('Phone ready').waitFor();
    figures = await measurePhoneNetworkCall(session, PHONE_NETWORK_BENCH_SIP_UDP_PORT, PHONE_NETWORK_BENCH_NAME);
  } finally {
    await session.close();
  }
  printPhoneNetworkFigures(figures);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await runPhoneNetworkBench();
}
