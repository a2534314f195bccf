/**
 * rtpengine (the media gateway) stops mid-shift during a connected call from the phone network
 * and starts again, twice (once in the short run). rtpengine keeps its calls in memory, so the
 * call under way loses its audio: that is expected and not counted. What must hold:
 *
 * - the call is still under control: the caller's hang-up reaches the agent (nothing stuck);
 * - while the gateway is down a call from the phone network is refused by the edge (503 Media
 *   Gateway Unavailable), the agent's phone stays ready and nothing is left ringing;
 * - once it is back, the next call from the phone network connects with audio both ways (the
 *   figure: from the restart to audio both ways, the agent's Accept included).
 */
import { Tally, type Fault } from './fault.ts';
import type { RunningBaresip } from '../sip-peers/baresip.ts';
import { AGENT_SIP_USER, SIP_DOMAIN } from '../test-ports.ts';

const fault: Fault = {
  name: 'rtpengine stopped and restarted',
  order: 40,
  budgetMs: { full: 3 * 60_000, short: 90_000 },
  async run(rig, { short }) {
    const tally = new Tally();
    const ids: string[] = [];
    const times = short ? 1 : 2;
    for (let index = 0; index < times; index++) {
      const problems: string[] = [];
      const gateway = rig.edge.mediaGateway;
      try {
        const call = await rig.connectedCall('phone-network');
        ids.push(call.id);
        await gateway.stop();
        await call.hangUpFarEnd();
        if ((await rig.interactionLeaves(call.id, 'connected', 15_000)) === 'connected') problems.push("with the gateway down, the caller's hang-up did not reach the agent");
        problems.push(...(await rig.settle()));

        const refused = await refusedCall(await rig.phoneNetworkCaller());
        if (refused === undefined) problems.push('a call while the gateway was down got no answer');
        else if (/503/.test(refused)) tally.count('calls refused with 503 while the gateway was down');
        else problems.push(`a call while the gateway was down ended with "${refused}", not 503`);
        if (!(await rig.phoneReady(1000))) problems.push('the pad did not say "Phone ready" while only the gateway was down');

        await gateway.start();
        const backAt = Date.now();
        const next = await rig.connectedCall('phone-network');
        ids.push(next.id);
        tally.sample('next call with audio both ways after rtpengine was back', Date.now() - backAt);
        await rig.release();
        if (!(await next.farEndEnded(15_000))) problems.push("the next call's Release did not reach the caller");
      } catch (error) {
        if (!gateway.running()) await gateway.start().catch(() => undefined);
        problems.push(error instanceof Error ? error.message.split('\n')[0]! : String(error));
      }
      problems.push(...(await rig.settle()));
      tally.time(problems);
    }
    await rig.checkTasks(ids, tally);
    return tally.outcome();
  },
};

export default fault;

/** Dials the agent and says how the call ended (baresip's reason, "503 Media Gateway Unavailable"); undefined without an end in 15 s. */
async function refusedCall(phone: RunningBaresip): Promise<string | undefined> {
  const since = Date.now();
  // A refusal can come before baresip names the call: dial() then throws, and the closing event tells.
  const id = await phone.dial(`sip:${AGENT_SIP_USER}@${SIP_DOMAIN}`).catch(() => undefined);
  if (id !== undefined) return (await phone.waitForEnd(id, 15_000).catch(() => undefined))?.reason;
  return phone.events.find((event) => event.type === 'CALL_CLOSED' && event.at >= since)?.param;
}
