/**
 * INVITE sent by the caller -> call pop painted, for ContactPad and the baseline, measured the
 * same way in the same run (bench-targets.ts):
 *
 * - from: the bench's caller (bench-caller.ts, in this process) hands the INVITE with its
 *   credential to its WebSocket: `performance.timeOrigin + performance.now()` of this process;
 * - to: the page's `contactpad:call-pop-painted` mark (ContactPad: widget/src/paint-marks.ts; the
 *   baseline: the same code in baseline-phone.ts), set in the first task after the animation
 *   frame that renders the caller's name: the frame's rendering (style, layout, paint) is done
 *   by then, so the mark is after the paint, not in the animation-frame callback before it;
 *   read as `performance.timeOrigin + startTime` of the page. The two clocks are the same
 *   system clock read by two processes; clock-check.ts measures how far they agree.
 * - also the page's `contactpad:invite-received` mark (the INVITE handed to the phone by sip.js)
 *   to split the time into the way there (Kamailio, the WebSocket, sip.js's parsing) and the
 *   page's own work.
 *
 * Calls alternate between the two phones (one to ContactPad, one to the baseline), so that
 * neither gets a quiet or a busy moment of the machine alone. Each is cancelled once painted
 * (CANCEL -> 487) and the next placed once the phone has let the last one go. A series starts
 * right after its page loaded (reload, registered, FIRST_CALL_DELAY_MS): its first call is the
 * first call after load.
 */
import type { BenchCaller } from './bench-caller.ts';
import type { BenchTarget } from './bench-targets.ts';
import { callMarks, clearCallMarks } from './page-probe.ts';

/** How long after the page registered the first call of a series comes (the page has loaded what it loads at start). */
export const FIRST_CALL_DELAY_MS = 2000;
/** Between a call let go and the next one. */
const BETWEEN_CALLS_MS = 200;

/** One call's times, ms. */
export interface CallPopSample {
  /** INVITE sent by the caller -> call pop painted. */
  readonly total: number;
  /** INVITE sent -> the page's sip.js handed it to the phone (Kamailio, the WebSocket, sip.js). */
  readonly toPage: number;
  /** The page had the INVITE -> call pop painted (the phone's own work and the paint). */
  readonly inPage: number;
  /** The first call after the page loaded. */
  readonly first: boolean;
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** One call to `target`, timed, then cancelled and let go. */
export async function timeOneCall(caller: BenchCaller, target: BenchTarget, index: number, first: boolean): Promise<CallPopSample> {
  const call = await caller.call(target.sipUser, { name: `Bench Caller ${index}`, number: `+1415555${String(2000 + (index % 1000)).padStart(4, '0')}`, queue: 'Sales' });
  const marks = await callMarks(target.frame(), call.interactionId);
  await call.cancel();
  await target.callsGone();
  return { total: marks.paintedAt - call.sentAt, toPage: marks.receivedAt - call.sentAt, inPage: marks.paintedAt - marks.receivedAt, first };
}

/**
 * `series` series of `callsPerSeries` calls to each phone, calls alternating between the two;
 * each series after a reload of both pages. Samples per phone name.
 */
export async function measureCallPops(caller: BenchCaller, targets: readonly BenchTarget[], series: number, callsPerSeries: number): Promise<Map<string, CallPopSample[]>> {
  const samples = new Map<string, CallPopSample[]>(targets.map((target) => [target.name, []]));
  let index = 0;
  for (let s = 0; s < series; s++) {
    for (const target of targets) await target.reload();
    await sleep(FIRST_CALL_DELAY_MS);
    for (let c = 0; c < callsPerSeries; c++) {
      for (const target of targets) {
        samples.get(target.name)?.push(await timeOneCall(caller, target, index++, c === 0));
        await sleep(BETWEEN_CALLS_MS);
      }
    }
    for (const target of targets) await clearCallMarks(target.frame());
  }
  return samples;
}
