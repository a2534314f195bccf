/**
 * Figures of a call from the phone network (a plain-RTP baresip caller, scripts/sip-peers/
 * baresip.ts) to the agent through Kamailio and rtpengine, in the local console. Runnable
 * alone (`node scripts/bench/phone-network-call.ts`, on the bench ports); `npm run bench`
 * calls {@link measurePhoneNetworkCall} with its own console. Only measured figures are
 * printed; what each one times, from which event to which, is printed beside it.
 *
 * 1. Setup, SETUP_CALLS calls from a PCMU-only caller, each answered by pressing Accept as
 *    soon as the call pop shows (clocks: this process's Date.now(); baresip's events reach it
 *    over TCP on 127.0.0.1 in well under a millisecond):
 *    - INVITE -> 180 Ringing: baresip's CALL_LOCAL_SDP(offer) event (the INVITE's SDP is made
 *      and the INVITE sent) to its CALL_RINGING event (the 180 from the agent's browser is in):
 *      Kamailio, rtpengine's offer, ContactPad ringing.
 *    - Accept -> 200 OK: just before the bench clicks Accept to baresip's CALL_ESTABLISHED
 *      event (the 200 OK is in): the browser's answer and ICE gathering, rtpengine's answer.
 *    - their sum: INVITE to 200 OK without the time the call rang before the agent answered.
 *    - rtpengine's own time for each offer and answer: the "elapsed time" its log gives.
 * 2. One call held HOLD_SECONDS with audio both ways, for opus+PCMU and for PCMU only:
 *    - bytes both ways, as each part counts them: rtpengine's final packet stats for the call
 *      (packets and bytes it received from the phone and from the browser, RTP headers and
 *      SRTP included), the browser's getStats (RTP payload bytes in and out), baresip's
 *      audio_debug (RTP packets and payload bytes sent, packets received).
 *    - rtpengine's CPU: utime+stime of its process (/proc/<pid>/stat) over the hold divided
 *      by the hold's wall time, beside the same over HOLD_SECONDS with no call (idle).
 */
import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startBaresip, type BaresipCodecs, type RunningBaresip } from '../sip-peers/baresip.ts';
import type { BaresipEvent } from '../sip-peers/baresip-control.ts';
import { AGENT_SIP_USER, BENCH_SIP_UDP_PORT, BENCH_SIP_WS_PORT, BENCH_WEB_PORT, SIP_DOMAIN } from '../test-ports.ts';
import { chooseAgentStatus, openConsoleSession, type ConsoleSession } from '../../e2e/support/console-session.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const SETUP_CALLS = 5;
const HOLD_SECONDS = 10;
const AGENT_URI = `sip:${AGENT_SIP_USER}@${SIP_DOMAIN}`;

/** rtpengine's final packet stats for one call leg: what it received from that peer. */
export interface GatewayLeg {
  readonly transport: string;
  readonly codec: string;
  readonly packets: number;
  readonly bytes: number;
  readonly rtcpPackets: number;
  readonly rtcpBytes: number;
}

/** What the bench measured. */
export interface PhoneNetworkFigures {
  readonly setup: { inviteToRinging: number[]; acceptToOk: number[]; rtpengineOfferMs: number[]; rtpengineAnswerMs: number[] };
  readonly idleCpuPercent: number | undefined;
  readonly holds: Array<{
    codecs: BaresipCodecs;
    seconds: number;
    agent: { bytesReceived: number; bytesSent: number };
    phone: { encoder: string; packetsSent: number; octetsSent: number; packetsReceived: number };
    gateway: { fromPhone: GatewayLeg | undefined; fromAgent: GatewayLeg | undefined };
    cpuPercent: number | undefined;
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

/** utime + stime of a process (all its threads), in seconds. */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\)\s+/, '').split(' ');
  // After "pid (comm) ": state is field 3, so utime (14) and stime (15) are at 11 and 12.
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
}

async function cpuPercentOver(pid: number | undefined, seconds: number): Promise<number | undefined> {
  if (pid === undefined) {
    await new Promise((done) => setTimeout(done, seconds * 1000));
    return undefined;
  }
  const [cpu0, wall0] = [cpuSeconds(pid), performance.now()];
  await new Promise((done) => setTimeout(done, seconds * 1000));
  const [cpu1, wall1] = [cpuSeconds(pid), performance.now()];
  return ((cpu1 - cpu0) / ((wall1 - wall0) / 1000)) * 100;
}

/** The first event from index `since` that matches, waiting for it. */
function nextEvent(phone: RunningBaresip, since: number, match: (event: BaresipEvent) => boolean, timeoutMs = 20_000): Promise<BaresipEvent> {
  const seen = phone.events.slice(since).find(match);
  if (seen) return Promise.resolve(seen);
  return new Promise((done, fail) => {
    const timer = setTimeout(() => {
      stop();
      fail(new Error('bench: baresip event did not come'));
    }, timeoutMs);
    const stop = phone.onEvent((event) => {
      if (!match(event)) return;
      clearTimeout(timer);
      stop();
      done(event);
    });
  });
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

async function answerWhenPopped(session: ConsoleSession, caller: string): Promise<number> {
  const accept = session.softphone.getByRole('region', { name: new RegExp(`Incoming voice call from ${caller}`) }).getByRole('button', { name: 'Accept' });
  await accept.waitFor();
  const pressed = Date.now();
  await accept.click();
  return pressed;
}

async function wrapUp(session: ConsoleSession): Promise<void> {
  await session.softphone.getByRole('button', { name: 'Done' }).click();
  await session.softphone.getByText('Phone ready').waitFor();
}

/** Runs the measurements on an open console whose agent is Ready; `consoleName` names its run folder (.run/kamailio-<name>). */
export async function measurePhoneNetworkCall(session: ConsoleSession, sipUdpPort: number, consoleName: string): Promise<PhoneNetworkFigures> {
  const gateway = rtpengineOf(consoleName);
  const setup = { inviteToRinging: [] as number[], acceptToOk: [] as number[], rtpengineOfferMs: [] as number[], rtpengineAnswerMs: [] as number[] };

  // Callers the demo org knows (an unknown number would open the New Lead form over the console).
  const trunk = await startBaresip({ name: 'bench-setup', proxyPort: sipUdpPort, user: '+14155550101', displayName: 'Daniel Kim', codecs: 'pcmu' });
  try {
    for (let i = 0; i < SETUP_CALLS; i++) {
      const since = trunk.events.length;
      const callId = await trunk.dial(AGENT_URI);
      const invite = await nextEvent(trunk, since, (e) => e.type === 'CALL_LOCAL_SDP' && e.param === 'offer');
      const ringing = await nextEvent(trunk, since, (e) => e.type === 'CALL_RINGING' && e.id === callId);
      const pressed = await answerWhenPopped(session, 'Daniel Kim');
      const ok = await trunk.waitForEstablished(callId);
      setup.inviteToRinging.push(ringing.at - invite.at);
      setup.acceptToOk.push(ok.at - pressed);
      await trunk.hangUp();
      await trunk.waitForEnd(callId);
      await wrapUp(session);
      const lines = gatewayLines(gateway.logFile, callId);
      setup.rtpengineOfferMs.push(...gatewayElapsedMs(lines, 'offer'));
      setup.rtpengineAnswerMs.push(...gatewayElapsedMs(lines, 'answer'));
    }
  } finally {
    await trunk.stop();
  }

  const idleCpuPercent = await cpuPercentOver(gateway.pid, HOLD_SECONDS);
  const holds: PhoneNetworkFigures['holds'] = [];
  for (const codecs of ['opus+pcmu', 'pcmu'] as const) {
    const caller = await startBaresip({ name: `bench-hold-${codecs === 'pcmu' ? 'pcmu' : 'opus'}`, proxyPort: sipUdpPort, user: '+14155550100', displayName: 'Maria Lopez', codecs });
    try {
      const callId = await caller.dial(AGENT_URI);
      await answerWhenPopped(session, 'Maria Lopez');
      await caller.waitForEstablished(callId);
      const cpuPercent = await cpuPercentOver(gateway.pid, HOLD_SECONDS);
      const agent = await session.softphone.evaluate((id) => window.contactPad!.mediaStats(id), callId);
      const phone = await caller.audioStats();
      await caller.hangUp();
      await caller.waitForEnd(callId);
      await wrapUp(session);
      let legs: GatewayLeg[] = [];
      for (let tries = 0; tries < 30 && legs.length < 2; tries++) {
        legs = gatewayFinalStats(gatewayLines(gateway.logFile, callId));
        if (legs.length < 2) await new Promise((done) => setTimeout(done, 100));
      }
      holds.push({
        codecs,
        seconds: HOLD_SECONDS,
        agent: { bytesReceived: agent.bytesReceived, bytesSent: agent.bytesSent },
        phone: { encoder: phone.encoder, packetsSent: phone.packetsSent, octetsSent: phone.octetsSent, packetsReceived: phone.packetsReceived },
        gateway: { fromPhone: legs.find((leg) => leg.transport === 'RTP/AVP'), fromAgent: legs.find((leg) => leg.transport !== 'RTP/AVP') },
        cpuPercent,
      });
    } finally {
      await caller.stop();
    }
  }
  return { setup, idleCpuPercent, holds };
}

function summary(values: readonly number[], digits = 1): string {
  if (values.length === 0) return 'not measured';
  const sorted = [...values].sort((a, b) => a - b);
  const median = sorted[Math.floor((sorted.length - 1) / 2)] ?? Number.NaN;
  return `median ${median.toFixed(digits)}, min ${sorted[0]?.toFixed(digits)}, max ${sorted.at(-1)?.toFixed(digits)} (${values.length})`;
}

/** Prints the figures, each with what it times. */
export function printPhoneNetworkFigures(figures: PhoneNetworkFigures): void {
  const { setup } = figures;
  const sums = setup.inviteToRinging.map((value, i) => value + (setup.acceptToOk[i] ?? Number.NaN));
  console.log(`Call from the phone network (baresip, plain RTP, PCMU only) through Kamailio + rtpengine to ContactPad, ${setup.inviteToRinging.length} calls (ms):`);
  console.log(`  INVITE sent -> 180 Ringing received (at the caller):     ${summary(setup.inviteToRinging)}`);
  console.log(`  Accept pressed -> 200 OK received (at the caller):       ${summary(setup.acceptToOk)}`);
  console.log(`  INVITE -> 200 OK without the time it rang before Accept: ${summary(sums)}`);
  console.log(`  rtpengine's own time per offer: ${summary(setup.rtpengineOfferMs, 2)}; per answer: ${summary(setup.rtpengineAnswerMs, 2)}`);
  const cpu = (value: number | undefined) => (value === undefined ? 'not measured (no rtpengine pid file)' : `${value.toFixed(2)} % of one core`);
  console.log(`rtpengine CPU (utime+stime / wall time) with no call, ${HOLD_SECONDS} s: ${cpu(figures.idleCpuPercent)}`);
  for (const hold of figures.holds) {
    const leg = (value: GatewayLeg | undefined) => (value ? `${value.bytes} bytes (RTP headers included) in ${value.packets} RTP packets (${value.transport}, ${value.codec}) + ${value.rtcpBytes} bytes of RTCP on its own port` : 'not in its log');
    console.log(`One call held ${hold.seconds} s after the 200 OK, caller offering ${hold.codecs === 'pcmu' ? 'PCMU only' : 'opus and PCMU'} (sends ${hold.phone.encoder}):`);
    console.log(`  rtpengine received from the caller: ${leg(hold.gateway.fromPhone)}`);
    console.log(`  rtpengine received from the agent:  ${leg(hold.gateway.fromAgent)}`);
    console.log(`  agent's browser (getStats, RTP payload): received ${hold.agent.bytesReceived} bytes, sent ${hold.agent.bytesSent} bytes`);
    console.log(`  caller (baresip, its RTCP counts): sent ${hold.phone.octetsSent} payload bytes in ${hold.phone.packetsSent} RTP packets, received ${hold.phone.packetsReceived} RTP packets`);
    console.log(`  rtpengine CPU during the hold: ${cpu(hold.cpuPercent)}`);
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const session = await openConsoleSession({ '/ContactPad/wrapUpSeconds': '120' }, { port: BENCH_WEB_PORT, sipWsPort: BENCH_SIP_WS_PORT, sipUdpPort: BENCH_SIP_UDP_PORT, name: 'bench' });
  try {
    await chooseAgentStatus(session, 'Ready');
    await session.softphone.getByText('Phone ready').waitFor();
    printPhoneNetworkFigures(await measurePhoneNetworkCall(session, BENCH_SIP_UDP_PORT, 'bench'));
  } finally {
    await session.close();
  }
}
