/**
 * The SIP server hangs (Kamailio stopped with SIGSTOP: its connections stay open, nothing is
 * answered) during a connected call from the phone network, 3 times (once in the short run):
 *
 * - the pad must stop saying "Phone ready" within seconds (the phone's own "are you there?",
 *   adapter/src/telephony/server-watch.ts; a registration refresh would take minutes);
 * - the call's audio goes on meanwhile (rtpengine carries it, not Kamailio);
 * - after SIGCONT the phone registers again, refreshes the call, and the hang-up crosses (the
 *   turns alternate: the caller hangs up, the agent releases);
 * - the next call from the browser rings and connects.
 */
import { Tally, type Fault } from './fault.ts';
import { until } from './rig.ts';

/** How long the server stays frozen once the phone has noticed (it keeps trying meanwhile). */
const FROZEN_AFTER_NOTICED_MS = 3000;

const fault: Fault = {
  name: 'SIP server frozen (SIGSTOP), then SIGCONT',
  order: 20,
  budgetMs: { full: 4 * 60_000, short: 90_000 },
  async run(rig, { short }) {
    const tally = new Tally();
    const ids: string[] = [];
    const times = short ? 1 : 3;
    for (let index = 0; index < times; index++) {
      const problems: string[] = [];
      const proxy = rig.edge.proxy;
      try {
        const call = await rig.connectedCall('phone-network');
        ids.push(call.id);
        const receivedBefore = await call.farEndReceived();
        const frozenAt = Date.now();
        proxy.freeze();
        try {
          if (await rig.phoneNotReady(30_000)) tally.sample('noticed (no longer "Phone ready")', Date.now() - frozenAt);
          else problems.push('the pad still said "Phone ready" 30 s after the server froze');
          await new Promise((done) => setTimeout(done, FROZEN_AFTER_NOTICED_MS));
          if ((await call.farEndReceived()) <= receivedBefore) problems.push("the caller's audio stopped while the server was frozen");
        } finally {
          proxy.thaw();
        }
        const thawedAt = Date.now();
        if (await rig.phoneReady(60_000)) tally.sample('"Phone ready" again after SIGCONT', Date.now() - thawedAt);
        else problems.push('the pad did not say "Phone ready" within 60 s of SIGCONT');
        const refreshed = await until(() => call.farEndReofferedAt(), (at) => at !== undefined && at >= thawedAt, 30_000);
        if (refreshed.held && refreshed.value !== undefined) tally.sample('call refreshed after SIGCONT', refreshed.value - thawedAt);
        else problems.push("the caller's phone never heard from the agent after SIGCONT");

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
        proxy.thaw();
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
