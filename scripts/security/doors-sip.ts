/**
 * The SIP doors: every payload in the caller's display name and in every X-CP-* header of the
 * platform -> agent contract (adapter/src/telephony/sip-header-contract.ts), sent by the
 * platform (a listed trunk, so the SIP edge keeps the X-CP-* headers) to the Ready agent. Two
 * INVITEs per payload:
 *
 * - a voice call: From display name, X-CP-Interaction-Id, X-CP-Kind, X-CP-Queue,
 *   X-CP-Location, X-CP-Ad-Source;
 * - a callback alert (X-CP-Kind: callback): P-Asserted-Identity display name,
 *   X-CP-Callback-Number, X-CP-Callback-Attempt.
 *
 * Each door carries its own mark. Once the pop is painted the pad is scanned, Accept (or
 * Start Call) must be inside the softphone panel and be what a click there reaches, then the
 * caller hangs up (CANCEL) and the pop must leave. A 100 KB payload is larger than the SIP edge
 * takes (16 KB, kamailio.cfg MAX_MESSAGE_BYTES; a UDP datagram holds at most 65,507 bytes): it
 * is sent over TCP and counted as refused when the edge drops it, and sent again cut to 2 KB per
 * header over UDP, which reaches the agent.
 */
import { cleanNumber, cleanText, parseNameAddr } from '../../adapter/src/telephony/sip-header-contract.ts';
import { markOf, type Payload } from './payloads.ts';
import { acceptPlacement, settle, waitForPops } from './pad-checks.ts';
import { judge, type DoorValue, type SuiteContext } from './suite-context.ts';
import { scanFrame } from './dom-scan.ts';
import type { HostileInvite } from './sip-caller.ts';

/** The doors, as the table names them. */
export const SIP_DOORS = {
  fromName: 'SIP From display name',
  paiName: 'SIP P-Asserted-Identity name',
  interactionId: 'X-CP-Interaction-Id',
  kind: 'X-CP-Kind',
  queue: 'X-CP-Queue',
  location: 'X-CP-Location',
  adSource: 'X-CP-Ad-Source',
  callbackNumber: 'X-CP-Callback-Number',
  callbackAttempt: 'X-CP-Callback-Attempt',
} as const;

/** What the edge takes per header for the long payloads (6 headers and the SDP stay under its 16 KB). */
const UDP_LONG_CUT = 2 * 1024;

/**
 * A display name as a SIP quoted-string (RFC 3261 25.1): `\` and `"` escaped, and the other
 * characters quoted-pair allows (controls but CR and LF) escaped too; CR and LF, which no
 * quoted-string may hold, become spaces.
 */
export function quotedString(text: string): string {
  return `"${text.replace(/[\r\n]/g, ' ').replace(/[\\"\u0000-\u0009\u000b\u000c\u000e-\u001f\u007f]/g, (c) => `\\${c}`)}"`;
}

/** Text as it arrives after UTF-8 encoding (a lone surrogate becomes U+FFFD). */
function wire(text: string): string {
  return Buffer.from(text, 'utf8').toString('utf8');
}

/** A header value on one line: CR and LF (which would end the header) become spaces. */
export function headerValue(text: string): string {
  return text.replace(/[\r\n]/g, ' ');
}

/**
 * What the pad shows of a display name: the product's own cleaning (sip-header-contract.ts) of
 * the name as sent, which sip.js hands over without its quotes.
 */
function shownName(text: string): string {
  return withheldBlank(cleanText(text.replace(/[\r\n]/g, ' ')));
}

/** A withheld caller's word ("Anonymous"...) is no name (sip-header-contract.ts callerNameOf). */
function withheldBlank(name: string): string {
  return /^(anonymous|unknown|restricted|private|unavailable|withheld)$/i.test(name) ? '' : name;
}

interface Step {
  readonly invite: HostileInvite;
  readonly values: readonly DoorValue[];
  /** Sent over TCP because it is larger than a datagram: the edge refuses it. */
  readonly oversized: boolean;
}

export function voiceStep(payload: Payload, index: number, transport: 'udp' | 'tcp'): Step {
  const mark = (door: string) => markOf(index, door);
  const doors = { fromName: mark('fn'), interactionId: mark('ia'), kind: mark('ki'), queue: mark('qu'), location: mark('lo'), adSource: mark('ad') };
  const cut = (value: string) => wire(transport === 'udp' ? value.slice(0, UDP_LONG_CUT) : value);
  const name = cut(payload.text(doors.fromName));
  const display = quotedString(name);
  const headers: Array<[keyof typeof doors, string]> = [
    ['interactionId', 'X-CP-Interaction-Id'],
    ['kind', 'X-CP-Kind'],
    ['queue', 'X-CP-Queue'],
    ['location', 'X-CP-Location'],
    ['adSource', 'X-CP-Ad-Source'],
  ];
  const headerText = (door: keyof typeof doors) => cut(headerValue(payload.text(doors[door])));
  return {
    oversized: transport === 'tcp',
    invite: { fromDisplay: display, fromUser: 'anonymous', headers: headers.map(([door, name]) => `${name}: ${headerText(door)}`), transport },
    values: [
      { door: SIP_DOORS.fromName, payloadId: payload.id, kind: payload.kind, mark: doors.fromName, expected: shownName(name) },
      { door: SIP_DOORS.interactionId, payloadId: payload.id, kind: payload.kind, mark: doors.interactionId, expected: undefined },
      { door: SIP_DOORS.kind, payloadId: payload.id, kind: payload.kind, mark: doors.kind, expected: undefined },
      { door: SIP_DOORS.queue, payloadId: payload.id, kind: payload.kind, mark: doors.queue, expected: cleanText(headerText('queue')) },
      { door: SIP_DOORS.location, payloadId: payload.id, kind: payload.kind, mark: doors.location, expected: cleanText(headerText('location')) },
      { door: SIP_DOORS.adSource, payloadId: payload.id, kind: payload.kind, mark: doors.adSource, expected: cleanText(headerText('adSource')) },
    ],
  };
}

export function callbackStep(payload: Payload, index: number, transport: 'udp' | 'tcp'): Step {
  const doors = { paiName: markOf(index, 'pn'), callbackNumber: markOf(index, 'cn'), callbackAttempt: markOf(index, 'ca') };
  const cut = (value: string) => wire(transport === 'udp' ? value.slice(0, UDP_LONG_CUT) : value);
  const display = quotedString(cut(payload.text(doors.paiName)));
  const pai = `${display} <sip:+12025550143@127.0.0.1>`;
  // P-Asserted-Identity is read as a whole name-addr (parseNameAddr): its quoted display name, unquoted once.
  const paiRead = parseNameAddr(pai);
  const number = cut(headerValue(payload.text(doors.callbackNumber)));
  const attempt = cut(headerValue(payload.text(doors.callbackAttempt)));
  return {
    oversized: transport === 'tcp',
    invite: {
      fromDisplay: '"Callback platform"',
      fromUser: 'callbacks',
      headers: [
        `P-Asserted-Identity: ${pai}`,
        'X-CP-Kind: callback',
        `X-CP-Callback-Number: ${number}`,
        `X-CP-Callback-Attempt: ${attempt}`,
        'X-CP-Queue: Callbacks',
      ],
      transport,
    },
    values: [
      { door: SIP_DOORS.paiName, payloadId: payload.id, kind: payload.kind, mark: doors.paiName, expected: paiRead ? withheldBlank(cleanText(paiRead.displayName)) : '' },
      // The callback's number replaces the caller's on the pop when it is a number at all (voice-desk.ts).
      { door: SIP_DOORS.callbackNumber, payloadId: payload.id, kind: payload.kind, mark: doors.callbackNumber, expected: cleanNumber(number) },
      { door: SIP_DOORS.callbackAttempt, payloadId: payload.id, kind: payload.kind, mark: doors.callbackAttempt, expected: undefined },
    ],
  };
}

/** One INVITE: ring, judge, check Accept, hang up. */
export async function ringAndJudge(ctx: SuiteContext, step: Step): Promise<void> {
  const call = await ctx.caller.invite(step.invite);
  const rang = await call.ringing(step.oversized ? 3000 : 8000);
  if (!rang) {
    const outcome = await call.hangUp(1000);
    const refused = step.oversized || (outcome.final !== undefined && outcome.final >= 400 && !outcome.statusCodes.includes(180));
    for (const value of step.values) ctx.tally.add(value.door, value.kind, refused ? { refused: true } : { lost: true });
    if (!refused) for (const value of step.values) ctx.tally.find(value.door, value.payloadId, `LOST: the agent never rang (SIP ${outcome.statusCodes.join(', ') || 'no answer'})`);
    return;
  }
  if (step.oversized) ctx.tally.find(step.values[0]?.door ?? '', step.values[0]?.payloadId ?? '', 'an INVITE larger than the SIP edge reads rang the agent');
  const popped = await waitForPops(ctx.session.softphone, 1, 5000);
  if (popped) await settle(ctx.session.softphone);
  const whileShown = popped ? await scanFrame(ctx.session.softphone, ctx.markPattern) : undefined;
  const placement = popped ? await acceptPlacement(ctx.session.softphone) : undefined;
  if (placement) {
    ctx.layout.checked += 1;
    if (!placement.inside) ctx.layout.outside += 1;
    if (!placement.clickable) ctx.layout.covered += 1;
    if (!placement.inside || !placement.clickable) ctx.layout.worst = `${step.values[0]?.payloadId}: Accept at ${JSON.stringify(placement.rect)} in a ${placement.panel.width} x ${placement.panel.height} panel`;
  }
  const hungUp = await call.hangUp(5000);
  const left = await waitForPops(ctx.session.softphone, 0, 5000);
  const problems = [
    popped ? '' : 'no pop within 5 s of ringing',
    left ? '' : 'the pop stayed after the caller hung up',
    hungUp.final === 487 ? '' : `the caller's CANCEL ended with ${hungUp.final ?? 'no answer'}`,
  ].filter(Boolean);
  await judge(ctx, step.values, problems.join('; '), whileShown);
}

/** Every payload through every SIP door. */
export async function runSipDoors(ctx: SuiteContext, payloads: readonly Payload[]): Promise<void> {
  let index = 0;
  for (const payload of payloads) {
    index += 1;
    const oversized = payload.kind === '100 KB string';
    const transports: Array<'udp' | 'tcp'> = oversized ? ['tcp', 'udp'] : ['udp'];
    for (const transport of transports) {
      await ringAndJudge(ctx, voiceStep(payload, index, transport));
      await ringAndJudge(ctx, callbackStep(payload, index, transport));
    }
  }
  ctx.log(`SIP doors: ${payloads.length} payloads, ${Object.keys(SIP_DOORS).length} doors`);
}
