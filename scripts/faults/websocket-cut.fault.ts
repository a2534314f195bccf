/**
 * The agent's WebSocket to the SIP server is cut during a connected call, 20 times (4 in the
 * short run), each on a call of its own. The ways it is cut and who ends the call take turns:
 *
 *   1. a caller from the browser (WebRTC end to end), the connection reset, the caller hangs up
 *   2. a caller from the phone network (plain RTP through rtpengine), reset, the agent releases
 *   3. a caller from the browser, the connection silenced (open, carrying nothing: only the
 *      phone's own "are you there?" notices), the agent releases
 *   4. a caller from the phone network, the network down for a few seconds (the connection reset
 *      and every new one refused), the agent releases while it is down
 *   5. a caller from the phone network, silenced, the caller hangs up
 *   6. a caller from the browser, silenced, the agent releases before the phone notices
 *
 * Each time the call is up through the cut: the call's audio must keep reaching the caller (it
 * never used the WebSocket); the phone must reconnect and tell the caller's phone its new
 * connection (a re-INVITE); then the hang-up must cross in the direction of the turn. When the
 * agent releases during the cut (4, 6): the pad must show the call ended at once, and the
 * caller's phone must get the BYE once the phone is back. Nothing may be left open on the pad,
 * and at the end every call must have exactly one Task.
 */
import { Tally, type Fault } from './fault.ts';
import { until, type CallerLine, type FaultRig, type RigCall } from './rig.ts';

type Turn = { readonly line: CallerLine; readonly how: 'cut' | 'silence' | 'down'; readonly ends: 'caller' | 'agent' | 'agent during the cut' };

const TURNS: readonly Turn[] = [
  { line: 'browser', how: 'cut', ends: 'caller' },
  { line: 'phone-network', how: 'cut', ends: 'agent' },
  { line: 'browser', how: 'silence', ends: 'agent' },
  { line: 'phone-network', how: 'down', ends: 'agent during the cut' },
  { line: 'phone-network', how: 'silence', ends: 'caller' },
  { line: 'browser', how: 'silence', ends: 'agent during the cut' },
];

/** How long the network stays down in a 'down' turn. */
const DOWN_MS = 3000;
/** How long the pad may take to show the call ended after Release (it does not wait for the far end). */
const ENDED_ON_PAD_WITHIN_MS = 5000;

/** How long signalling may take to come back (a silenced connection is noticed within 8 s, then reconnected). */
const BACK_WITHIN_MS = 30_000;
/** How long a hang-up may take to cross. */
const HANG_UP_WITHIN_MS = 15_000;

const fault: Fault = {
  name: "agent's WebSocket cut during a call",
  order: 10,
  budgetMs: { full: 7 * 60_000, short: 2 * 60_000 },
  async run(rig, { short }) {
    const tally = new Tally();
    const ids: string[] = [];
    const times = short ? 4 : 20;
    for (let index = 0; index < times; index++) {
      const turn = TURNS[index % TURNS.length]!;
      const problems: string[] = [];
      try {
        const call = await rig.connectedCall(turn.line);
        ids.push(call.id);
        if (turn.ends === 'agent during the cut') await releaseDuringCut(rig, call, turn, tally, problems);
        else await cutOnce(rig, call, turn, tally, problems);
      } catch (error) {
        problems.push(`${turn.line} call, ${turn.how}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
      }
      problems.push(...(await rig.settle()));
      tally.time(problems);
    }
    await rig.checkTasks(ids, tally);
    return tally.outcome();
  },
};

export default fault;

/** Cuts the agent's connection `how`; a network down comes back up after {@link DOWN_MS}. */
function startCut(rig: FaultRig, how: Turn['how']): void {
  if (how !== 'down') return rig.link[how]();
  rig.link.down();
  setTimeout(() => rig.link.up(), DOWN_MS);
}

/** What a cut is called in the figures. */
function cutName(how: Turn['how']): string {
  return how === 'cut' ? 'reset' : how === 'silence' ? 'silent drop' : 'network down';
}

/**
 * The agent presses Release while the connection is cut: the pad shows the call ended at once,
 * and the caller's phone gets the BYE once the phone has a connection again.
 */
async function releaseDuringCut(rig: FaultRig, call: RigCall, turn: Turn, tally: Tally, problems: string[]): Promise<void> {
  const accepted = rig.link.accepted;
  const cutAt = Date.now();
  startCut(rig, turn.how);
  const releasedAt = Date.now();
  await rig.release();
  const shown = await rig.interactionLeaves(call.id, 'connected', ENDED_ON_PAD_WITHIN_MS);
  if (shown === 'connected') problems.push(`${turn.how}: the agent's Release during the cut left the call connected on the pad`);
  else tally.sample('Release during a cut: Release -> the call ended on the pad', Date.now() - releasedAt);
  const reconnected = await until(async () => rig.link.accepted, (count) => count > accepted, BACK_WITHIN_MS, 20);
  if (reconnected.held) tally.sample(`new WebSocket after a ${cutName(turn.how)} (cut -> connection)`, rig.link.lastAcceptedAt - cutAt);
  else problems.push(`${turn.how}: the phone did not reconnect within ${BACK_WITHIN_MS / 1000} s`);
  if (await call.farEndEnded(BACK_WITHIN_MS)) {
    tally.sample("Release during a cut: Release -> the caller's phone got the BYE", Date.now() - releasedAt);
    tally.sample("Release during a cut: the phone's new connection -> the caller's phone got the BYE", Date.now() - rig.link.lastAcceptedAt);
  } else problems.push(`${turn.how}: the agent's Release during the cut never reached the caller: the caller stays connected`);
}

async function cutOnce(rig: FaultRig, call: RigCall, turn: Turn, tally: Tally, problems: string[]): Promise<void> {
  const receivedBefore = await call.farEndReceived();
  const reofferedBefore = await call.farEndReofferedAt();
  const accepted = rig.link.accepted;
  const cutAt = Date.now();
  startCut(rig, turn.how);

  const reconnected = await until(async () => rig.link.accepted, (count) => count > accepted, BACK_WITHIN_MS, 20);
  if (reconnected.held) tally.sample(`new WebSocket after a ${cutName(turn.how)} (cut -> connection)`, rig.link.lastAcceptedAt - cutAt);
  else problems.push(`${turn.how}: the phone did not reconnect within ${BACK_WITHIN_MS / 1000} s`);

  const back = await until(() => call.farEndReofferedAt(), (at) => at !== undefined && at !== reofferedBefore && at >= cutAt, BACK_WITHIN_MS);
  if (back.held && back.value !== undefined) tally.sample(`signalling back after a ${cutName(turn.how)} (cut -> the caller re-INVITEd)`, back.value - cutAt);
  else problems.push(`${turn.how}: the caller's phone never heard from the agent again`);

  // The caller kept hearing the agent: its RTP counter grew across the cut.
  const media = await until(() => call.farEndReceived(), (now) => now > receivedBefore, 5000);
  if (media.held) tally.count("cuts through which the caller's RTP kept arriving");
  else problems.push(`${turn.how}: the caller received no audio after the cut`);
  if (!(await rig.phoneReady(30_000))) problems.push(`${turn.how}: the phone did not say "Phone ready" again`);

  if (turn.ends === 'caller') {
    const hungUpAt = Date.now();
    await call.hangUpFarEnd();
    const state = await rig.interactionLeaves(call.id, 'connected', HANG_UP_WITHIN_MS);
    if (state === 'connected') problems.push("the caller's hang-up did not reach the agent: the call stays connected on the pad");
    else tally.sample("caller's hang-up shown on the pad", Date.now() - hungUpAt);
  } else {
    const releasedAt = Date.now();
    await rig.release();
    if (await call.farEndEnded(HANG_UP_WITHIN_MS)) tally.sample("agent's Release reached the caller", Date.now() - releasedAt);
    else problems.push("the agent's Release did not reach the caller: the caller stays connected");
  }
}
