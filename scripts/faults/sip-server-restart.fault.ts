/**
 * Kamailio stops mid-shift during a connected call from the phone network and starts again
 * OUTAGE_MS later (rtpengine stays up), twice (once in the short run). Its registrations lived
 * in memory: the phone must register again on its own (how long after the server is back is the
 * figure), the call's audio must go on through the outage, the call must be refreshed and its
 * hang-up cross (the turns alternate: the caller hangs up, the agent releases), nothing may be
 * left open on the pad, and the next call from the browser must ring and connect.
 */
import { Tally, type Fault } from './fault.ts';
import { until } from './rig.ts';

/** How long Kamailio stays down. */
const OUTAGE_MS = 5000;

const fault: Fault = {
  name: 'Kamailio stopped and restarted',
  order: 30,
  budgetMs: { full: 4 * 60_000, short: 2 * 60_000 },
  async run(rig, { short }) {
    const tally = new Tally();
    const ids: string[] = [];
    const times = short ? 1 : 2;
    for (let index = 0; index < times; index++) {
      const problems: string[] = [];
      const proxy = rig.edge.proxy;
      try {
        const call = await rig.connectedCall('phone-network');
        ids.push(call.id);
        const receivedBefore = await call.farEndReceived();
        const stoppedAt = Date.now();
        await proxy.stop();
        if (await rig.phoneNotReady(15_000)) tally.sample('noticed (no longer "Phone ready")', Date.now() - stoppedAt);
        else problems.push('the pad still said "Phone ready" 15 s after Kamailio stopped');
        await new Promise((done) => setTimeout(done, Math.max(0, stoppedAt + OUTAGE_MS - Date.now())));
        if ((await call.farEndReceived()) <= receivedBefore) problems.push("the caller's audio stopped while Kamailio was down");
        await proxy.start();
        const backAt = Date.now();
        if (await rig.phoneReady(60_000)) tally.sample('re-registered after Kamailio was back', Date.now() - backAt);
        else problems.push('the phone did not register again within 60 s of Kamailio being back');
        const refreshed = await until(() => call.farEndReofferedAt(), (at) => at !== undefined && at >= backAt, 30_000);
        if (refreshed.held && refreshed.value !== undefined) tally.sample('call refreshed after Kamailio was back', refreshed.value - backAt);
        else problems.push("the caller's phone never heard from the agent after the restart");

        if (index % 2 === 0) {
          await call.hangUpFarEnd();
          if ((await rig.interactionLeaves(call.id, 'connected', 15_000)) === 'connected') problems.push("the caller's hang-up did not reach the agent");
        } else {
          await rig.release();
          if (!(await call.farEndEnded(15_000))) problems.push("the agent's Release did not reach the caller");
        }
        problems.push(...(await rig.settle()));

        const next = await rig.connectedCall('browser');
        ids.push(next.id);
        await rig.release();
        if (!(await next.farEndEnded(15_000))) problems.push("the next call's Release did not reach the caller");
      } catch (error) {
        if (!proxy.running()) await proxy.start().catch(() => undefined);
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
