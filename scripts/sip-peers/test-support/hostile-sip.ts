/**
 * Hostile SIP toward an agent, through the SIP edge as a caller's messages reach it: a mix of
 * malformed and hostile messages whose size a caller chooses (about 100 for the end-to-end run,
 * 1,000 for the fault suite), and, for each kind, what came back against what must. The end-to-
 * end test (e2e/hostile-sip.test.ts) checks the agent around it (hostile-agent.ts): still Ready,
 * the next real call rings and connects, the heap before and after.
 *
 * From a trunk (SIPp over UDP, hostile-sipp.ts, scenarios in ../scenarios/; the media gateway rewrites its offers):
 * - refused: INVITEs with hostile headers (control characters and terminal escapes in names,
 *   unquoted accents, markup, bidi overrides, 11-13 KB headers (the edge refuses larger messages with 513), hundreds of bytes of X-CP-*
 *   garbage) on a G.729-only offer, which the agent must refuse with 488 before it rings;
 * - rings: the same headers on an offer the browser takes, and late offers (no SDP): they must
 *   ring (180), and the caller cancels (487): the pad keeps missed calls, names cleaned;
 * - unknown dialogs: BYE, INFO and re-INVITE with tags nobody knows, routed to the agent along
 *   a ringing call's route: each must get 481;
 * - a re-INVITE storm in an answered call: each re-INVITE answered, then the caller's BYE.
 * From the platform over WebSocket (a WebRTC peer's path, which the media gateway does not
 * touch): offers the browser cannot take (plain RTP, garbage, truncated, no or a bad DTLS
 * fingerprint, no ICE credentials, no rtcp-mux, unplayable codecs): 488 before ringing.
 *
 * What never reaches the agent, said here so nobody counts it twice: Kamailio drops or answers
 * itself a truncated header section, a wrong Content-Length (400 "Content-Length mis-match"), a
 * From it cannot read (400) and garbage SDP from a trunk (503 from the media gateway); the
 * agent's own answers to those (400, a dropped message) are unit-tested in
 * adapter/src/telephony/phone-hostile-sip.test.ts.
 */
import { signSipCredential } from '../../sip-server/sip-credential.ts';
import { SipPeer } from '../../sip-server/test-support/sip-peer.ts';
import { runHostileSipp, type HostileCallRow, type HostileScenario, type HostileSippResult } from './hostile-sipp.ts';

/** Where the agent is reached. */
export interface HostileTarget {
  /** Kamailio's UDP port on 127.0.0.1 (127.0.0.1 is one of its trunks). */
  readonly udpPort: number;
  /** Kamailio's WebSocket URL, for the platform's peer. */
  readonly wsUrl: string;
  /** The SIP edge's secret: the platform's peer (customer-hostile) signs its credential with it. */
  readonly sipSecret: string;
  /** The agent's SIP user (agent1). */
  readonly agent: string;
}

/** What the agent does in the storm's call: answer it when it rings, and finish wrap up once the caller hung up. */
export interface HostileAgent {
  answer(callerName: string): Promise<void>;
  afterHangUp(): Promise<void>;
}

/** One kind of hostility, done: how many calls and messages, what came back, what should not have. */
export interface HostileKindReport {
  readonly kind: string;
  readonly calls: number;
  readonly messagesSent: number;
  /** Responses received, by status code. */
  readonly answers: Readonly<Record<string, number>>;
  readonly problems: readonly string[];
}

export interface HostileReport {
  readonly kinds: readonly HostileKindReport[];
  readonly messagesSent: number;
  readonly problems: readonly string[];
}

/**
 * The caller of the storm's call (the agent answers it by this name): one the demo org knows
 * (scripts/fake-org/fixtures/demo-org.json), so answering pops the record; an unknown number
 * would open a New Lead form over the console.
 */
export const STORM_CALLER = { name: 'Daniel Kim', number: '+14155550101' } as const;
/** The names of ringing calls as the pad must show them (control characters gone). */
export const RINGING_NAMES_SHOWN = ['Ada Lovelace', 'Jöhn Smith'];

/** From display names as they go on the wire, each a kind of trouble. */
const NAMES: readonly string[] = [
  '"Ada\u0001 \u001b[31mLovelace\u001b[0m"',
  'Jöhn Smith',
  '"\u0007\u0007\u0007\u007f"',
  '"<script>alert(1)</script><img src=x onerror=alert(2)>"',
  '"\u202eevil.exe\u202c Bank"',
  '"O\'Brien \\"the\\" \\\\ caller"',
  '"Zero\u200bWidth\u2060Name\ufeff"',
  `"${'W'.repeat(400)}"`,
  '""',
  '"Ω≈ç√∫ 名前 اسم"',
];

/**
 * Extra header lines, each a kind of trouble (a trunk's X-CP-* headers reach the agent). The huge
 * ones stay under the SIP edge's 16 KB message limit: a larger message is refused 513 at the edge
 * and never reaches the agent (kamailio.cfg, scripts/sip-server/edge-message-size.test.ts),
 * because Kamailio 5.x cannot build the CANCEL (nor the hop-by-hop ACK) of an INVITE that large
 * (tm build_local_reparse: "INVITE is missing").
 */
function header(i: number, ringing: boolean): string {
  const headers = [
    'X-CP-Queue: \u0001\u001b[2J\u001b[31mQueue',
    `X-Huge: ${'h'.repeat(12_000)}`,
    `X-CP-Location: ${'9'.repeat(2000)}`,
    'X-CP-Interaction-Id: ../../etc/passwd',
    'P-Asserted-Identity: "\u0001Eve\u001b" <sip:+15550109999@127.0.0.1>',
    'X-CP-Kind: \u0001video\u001b',
    'X-CP-Ad-Source: %00%0d%0aX-Injected: 1',
    `X-Huge: ${'h'.repeat(ringing ? 11_000 : 13_000)}`,
    'Subject: \u0001\u0002\u0003\u0004\u0005\u0006',
    'X-CP-Callback-Attempt: 99999999999999999999',
  ];
  return headers[i % headers.length] ?? 'X-Hostile: 1';
}

function rows(count: number, ringing: boolean): HostileCallRow[] {
  return Array.from({ length: count }, (_, i) => ({
    fromDisplayName: NAMES[i % NAMES.length]!,
    fromUser: `+1555010${String(1000 + (i % 9000)).padStart(4, '0')}`,
    header: header(i, ringing),
  }));
}

const FINGERPRINT = '7B:8B:F0:65:5F:78:E2:51:3B:AC:6F:F3:3F:46:1B:35:DC:B8:5F:64:1A:24:C2:43:F0:A1:58:D0:A1:2C:19:08';
const webrtcOffer = (change: (lines: string[]) => string[] = (lines) => lines): string =>
  change([
    'v=0', 'o=- 1 2 IN IP4 127.0.0.1', 's=-', 't=0 0', 'a=group:BUNDLE 0', 'm=audio 50000 UDP/TLS/RTP/SAVPF 111 0', 'c=IN IP4 127.0.0.1',
    'a=candidate:1 1 udp 2122260223 127.0.0.1 50000 typ host', 'a=ice-ufrag:Tst1', 'a=ice-pwd:testtesttesttesttesttest',
    `a=fingerprint:sha-256 ${FINGERPRINT}`, 'a=setup:actpass', 'a=mid:0', 'a=sendrecv', 'a=rtcp-mux', 'a=rtpmap:111 opus/48000/2', 'a=rtpmap:0 PCMU/8000',
  ]).join('\r\n') + '\r\n';
const without = (prefix: string) => (lines: string[]) => lines.filter((line) => !line.startsWith(prefix));

/** Offers a WebRTC peer might send that the browser cannot take: each must be refused 488 before ringing. */
const BAD_OFFERS: readonly string[] = [
  ['v=0', 'o=pbx 1 1 IN IP4 127.0.0.3', 's=-', 'c=IN IP4 127.0.0.3', 't=0 0', 'm=audio 6000 RTP/AVP 0 8', 'a=rtpmap:0 PCMU/8000', ''].join('\r\n'),
  'this is not SDP at all\r\n',
  webrtcOffer().slice(0, 170),
  webrtcOffer(without('a=fingerprint')),
  webrtcOffer((lines) => [...without('a=fingerprint')(lines), 'a=fingerprint:sha-256 ZZ:ZZ']),
  webrtcOffer((lines) => [...without('a=fingerprint')(lines), 'a=fingerprint:sha-256 7B:8B:F0']),
  webrtcOffer(without('a=ice-')),
  webrtcOffer(without('a=rtcp-mux')),
  webrtcOffer((lines) => [...without('a=setup')(lines), 'a=setup:holdconn']),
  webrtcOffer((lines) => lines.map((line) => line.replace('111 0', '111 0 999'))),
  webrtcOffer((lines) => lines.map((line) => line.replace('UDP/TLS/RTP/SAVPF 111 0', 'UDP/TLS/RTP/SAVPF 18')).filter((line) => !line.startsWith('a=rtpmap'))),
  // Kamailio reads a WebSocket frame of at most 16 KB (tcp_read_ws: "advertised length ... greater
  // than buffer size (16383)") and drops the sender's connection for a larger one: 12 KB of garbage.
  `${'x'.repeat(12_000)}\r\n`,
];

/** How many of each kind make about `messages` messages (each kind's messages per unit in brackets). */
export function hostilePlan(messages: number): { refused: number; rings: number; late: number; ghosts: number; storm: number; webSocket: number } {
  const total = Math.max(60, Math.round(messages));
  const storm = Math.max(5, Math.round((total * 0.2) / 2)); // re-INVITE + ACK
  const ghosts = Math.max(2, Math.round((total * 0.15) / 4)); // BYE, INFO, INVITE, ACK
  const rings = Math.min(10, Math.max(2, Math.round(total * 0.01))); // INVITE, CANCEL, ACK (+ retransmits)
  const late = Math.max(1, Math.round(rings / 2));
  const webSocket = Math.max(2, Math.round((total * 0.08) / 4)); // INVITE, ACK, INVITE (with credential), ACK
  // Messages each sends: the storm's call INVITE, ACK, BYE; the ghosts' call INVITE, CANCEL, ACK; a ringing call INVITE, CANCEL, ACK.
  const others = storm * 2 + 3 + ghosts * 4 + 3 + (rings + late) * 3 + webSocket * 4;
  const refused = Math.max(5, Math.round((total - others) / 2)); // INVITE, ACK
  return { refused, rings, late, ghosts, storm, webSocket };
}

function kindReport(kind: string, calls: number, run: HostileSippResult, problems: string[]): HostileKindReport {
  if (run.exitCode !== 0 || run.failedCalls > 0) problems.push(`SIPp: exit ${run.exitCode}, ${run.failedCalls} failed calls\n${run.log.slice(-1500)}`);
  return { kind, calls, messagesSent: run.messagesSent, answers: run.received, problems };
}

/** The codes in `answers` other than `allowed`. */
function unexpected(answers: Readonly<Record<string, number>>, allowed: readonly string[]): string[] {
  return Object.entries(answers)
    .filter(([code]) => !allowed.includes(code))
    .map(([code, count]) => `${count} unexpected ${code}`);
}

async function refusedKind(target: HostileTarget, calls: number): Promise<HostileKindReport> {
  const run = await runHostileSipp({ scenario: 'hostile-refused', name: 'refused', proxyPort: target.udpPort, to: target.agent, calls: rows(calls, false) });
  const problems = unexpected(run.received, ['100', '488']);
  if ((run.received['488'] ?? 0) < calls) problems.push(`${calls - (run.received['488'] ?? 0)} INVITEs not refused 488`);
  return kindReport('hostile headers on an offer the browser cannot play: refused 488 before ringing', calls, run, problems);
}

async function ringingKind(target: HostileTarget, scenario: HostileScenario, calls: number, kind: string): Promise<HostileKindReport> {
  // The names the pad must show cleaned come first: a short run has them too.
  const run = await runHostileSipp({ scenario, name: scenario, proxyPort: target.udpPort, to: target.agent, calls: rows(calls, true) });
  const problems = unexpected(run.received, ['100', '180', '183', '200', '487']);
  if ((run.received['487'] ?? 0) < calls) problems.push(`${calls - (run.received['487'] ?? 0)} calls did not ring and end 487 on the caller's CANCEL`);
  return kindReport(kind, calls, run, problems);
}

async function ghostKind(target: HostileTarget, ghosts: number): Promise<HostileKindReport> {
  const run = await runHostileSipp({ scenario: 'hostile-unknown-dialog', name: 'unknown-dialog', proxyPort: target.udpPort, to: target.agent, calls: rows(1, true), repeat: ghosts });
  const problems = unexpected(run.received, ['100', '180', '183', '200', '481', '487']);
  if ((run.received['481'] ?? 0) < ghosts * 3) problems.push(`${ghosts * 3 - (run.received['481'] ?? 0)} requests of unknown dialogs not answered 481`);
  return kindReport('BYE, INFO and re-INVITE of unknown dialogs: 481 each', ghosts * 3, run, problems);
}

async function stormKind(target: HostileTarget, reinvites: number, agent: HostileAgent): Promise<HostileKindReport> {
  const storm: HostileCallRow = { fromDisplayName: `"${STORM_CALLER.name}"`, fromUser: STORM_CALLER.number, header: 'X-CP-Queue: Storm' };
  const running = runHostileSipp({ scenario: 'hostile-reinvite-storm', name: 'reinvite-storm', proxyPort: target.udpPort, to: target.agent, calls: [storm], repeat: reinvites, timeoutMs: 60_000 });
  const answered = agent.answer(STORM_CALLER.name).then(() => undefined, (error: unknown) => `the agent could not answer the storm's call: ${String(error)}`);
  const run = await running;
  const answerProblem = await answered;
  const problems = unexpected(run.received, ['100', '180', '183', '200', '488', '491', '500']);
  if (answerProblem) problems.push(answerProblem);
  // Final answers: the call's 200, each re-INVITE's (200, or 488/491/500 when the agent could not take it), the BYE's 200.
  const finals = ['200', '488', '491', '500'].reduce((sum, code) => sum + (run.received[code] ?? 0), 0);
  const reinvitesAnswered = Math.max(0, finals - 2);
  if (reinvitesAnswered < reinvites) problems.push(`${reinvites - reinvitesAnswered} re-INVITEs unanswered`);
  else await agent.afterHangUp().catch((error: unknown) => problems.push(`wrap up after the storm: ${String(error)}`));
  return kindReport('re-INVITE storm in an answered call, then BYE', reinvites, run, problems);
}

async function webSocketKind(target: HostileTarget, calls: number): Promise<HostileKindReport> {
  const user = 'customer-hostile';
  const credential = signSipCredential(target.sipSecret, user, Date.now() + 3_600_000);
  const peer = await SipPeer.overWebSocket(target.wsUrl, { user });
  const answers: Record<string, number> = {};
  const problems: string[] = [];
  let messagesSent = 0;
  try {
    for (let i = 0; i < calls; i++) {
      const sdp = BAD_OFFERS[i % BAD_OFFERS.length]!;
      try {
        const outcome = await peer.invite(target.agent, { sdp, credential, headers: [`P-Asserted-Identity: "Offer ${i + 1}" <sip:+1555011${String(i % 10_000).padStart(4, '0')}@127.0.0.1>`], timeoutMs: 10_000 });
        messagesSent += 4; // INVITE, ACK of the challenge, INVITE with the credential, ACK
        const status = String(outcome.final.status ?? 0);
        answers[status] = (answers[status] ?? 0) + 1;
        if (outcome.provisional.some((response) => response.status === 180)) problems.push(`offer ${i + 1} rang before it was refused`);
        if (status !== '488') problems.push(`offer ${i + 1}: ${status}, not 488`);
      } catch (error) {
        problems.push(`offer ${i + 1}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
      }
    }
  } finally {
    peer.close();
  }
  return { kind: 'offers a WebRTC peer sends that the browser cannot take (no media gateway): refused 488 before ringing', calls, messagesSent, answers, problems };
}

/** Sends about `messages` hostile messages toward the agent, kind after kind, and says what came back. */
export async function sendHostileSip(target: HostileTarget, messages: number, agent: HostileAgent): Promise<HostileReport> {
  const plan = hostilePlan(messages);
  const kinds: HostileKindReport[] = [];
  kinds.push(await ringingKind(target, 'hostile-rings', plan.rings, 'hostile headers on a playable offer: ring, then the caller cancels (missed)'));
  kinds.push(await ringingKind(target, 'hostile-rings-late', plan.late, 'hostile headers without SDP (late offer): ring, then the caller cancels'));
  kinds.push(await refusedKind(target, plan.refused));
  kinds.push(await webSocketKind(target, plan.webSocket));
  kinds.push(await ghostKind(target, plan.ghosts));
  kinds.push(await stormKind(target, plan.storm, agent));
  return {
    kinds,
    messagesSent: kinds.reduce((sum, kind) => sum + kind.messagesSent, 0),
    problems: kinds.flatMap((kind) => kind.problems.map((problem) => `${kind.kind}: ${problem}`)),
  };
}

/** The report as table lines: kind, calls, messages sent, answers. */
export function hostileTable(report: HostileReport): string[] {
  return report.kinds.map((kind) => {
    const answers = Object.entries(kind.answers).map(([code, count]) => `${code}×${count}`).join(' ');
    return `${kind.kind} | ${kind.calls} | ${kind.messagesSent} sent | ${answers}${kind.problems.length > 0 ? ` | ${kind.problems.length} problems` : ''}`;
  });
}
