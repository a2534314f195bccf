/**
 * The agent's console open twice, and the page with the phone reloaded, closed or crashed
 * (issue 13). In turns, each against the rig's console page (A, the agent Ready, the phone
 * registered):
 *
 * - second tab: the console opened again (B); B must say the phone is elsewhere; a browser call
 *   rings A only, and B never lists it; "Use the phone here" in B while the call is up is refused;
 * - take over, then close: B takes the phone ("Use the phone here" to "Phone ready" is a figure),
 *   A says it is elsewhere; B closes and A has the phone again (the figure: close to "Phone ready");
 * - take over, then crash: the same, B's renderer crashed instead (nothing sent: the browser
 *   releases its Web Lock);
 * - reload during a call from the phone network: the caller's phone must get the agent's BYE (the
 *   figure: reload to the caller's end), the phone registers again, the call is in wrap up after
 *   the reload, and it logs exactly one Task.
 */
import { customerState, placeCall, reloadConsole } from '../../e2e/support/console-session.ts';
import { PHONE_ELSEWHERE, crashPage, listedCalls, openAnotherPage, phoneSays, useThePhoneHere } from '../../e2e/support/phone-tabs.ts';
import { Tally, type Fault } from './fault.ts';
import { until, type FaultRig } from './rig.ts';

type Turn = 'second tab' | 'take over, then close' | 'take over, then crash' | 'reload during a call';
const TURNS: readonly Turn[] = ['second tab', 'take over, then close', 'take over, then crash', 'reload during a call'];

/** One turn; pushes what was lost or stuck to `problems`, and the ids of calls that must log one Task each to `logged`. */
async function turn(rig: FaultRig, kind: Turn, tally: Tally, problems: string[], logged: string[]): Promise<void> {
  const a = rig.session;
  if (kind === 'reload during a call') {
    const call = await rig.connectedCall('phone-network');
    logged.push(call.id);
    const reloadedAt = Date.now();
    const endedAt = call.farEndEnded(15_000).then((ended) => (ended ? Date.now() : undefined));
    await reloadConsole(a);
    const ended = await endedAt;
    if (ended !== undefined) tally.sample("reload during a call: reload to the caller's BYE", ended - reloadedAt);
    else problems.push("reload during a call: the caller's phone got no BYE (the customer stays connected)");
    if (await rig.phoneReady(30_000)) tally.sample('reload during a call: reload to "Phone ready"', Date.now() - reloadedAt);
    else problems.push('reload during a call: the phone was not ready within 30 s of the reload');
    const shown = await until(() => rig.interactionState(call.id), (state) => state === 'wrap-up', 30_000, 250);
    if (!shown.held) problems.push(`reload during a call: the call is not in wrap up after the reload (${shown.value ?? 'not listed'})`);
    await rig.finishWrapUps();
    return;
  }

  const b = await openAnotherPage(a);
  try {
    if (!(await phoneSays(b.softphone, PHONE_ELSEWHERE, 10_000))) problems.push(`${kind}: the second page did not say "${PHONE_ELSEWHERE}"`);
    if (kind === 'second tab') {
      const call = await rig.connectedCall('browser');
      logged.push(call.id);
      await useThePhoneHere(b.softphone);
      if (!(await b.softphone.getByText(/a call is live there/).waitFor({ timeout: 10_000 }).then(() => true, () => false))) problems.push('second tab: taking the phone over during a call was not refused');
      if ((await listedCalls(b.softphone)).length > 0) problems.push('second tab: the page without the phone listed the call');
      if (!(await phoneSays(a.softphone, 'Phone ready', 5000))) problems.push('second tab: the page with the phone lost it while on a call');
      await rig.release();
      if (!(await call.farEndEnded(15_000))) problems.push("second tab: the agent's Release did not reach the caller");
      await rig.finishWrapUps();
      if ((await listedCalls(b.softphone)).length > 0) problems.push('second tab: the page without the phone listed the call once over (as Missed)');
      return;
    }
    const askedAt = Date.now();
    await useThePhoneHere(b.softphone);
    if (await phoneSays(b.softphone, 'Phone ready', 15_000)) tally.sample('take over: "Use the phone here" to "Phone ready"', Date.now() - askedAt);
    else problems.push(`${kind}: the second page did not get the phone within 15 s`);
    if (!(await phoneSays(a.softphone, PHONE_ELSEWHERE, 10_000))) problems.push(`${kind}: the first page did not say the phone is elsewhere`);
    const goneAt = Date.now();
    if (kind === 'take over, then crash') await crashPage(b);
    else await b.page.close();
    if (await rig.phoneReady(30_000)) tally.sample(`${kind === 'take over, then crash' ? 'crashed' : 'closed'} page with the phone: to "Phone ready" in the other`, Date.now() - goneAt);
    else problems.push(`${kind}: the first page did not get the phone back within 30 s`);
    // The page left rings: a call from the console page's simulator, refused there (Busy Here).
    await placeCall(a, { name: 'Ann Smith', number: '+14155550102', queue: 'Sales' });
    const reject = a.softphone.getByRole('region', { name: /Incoming voice call from Ann Smith/ }).getByRole('button', { name: 'Reject' });
    if (await reject.click({ timeout: 15_000 }).then(() => true, () => false)) await customerState(a, 'rejected').catch(() => problems.push(`${kind}: the caller never heard the rejection`));
    else problems.push(`${kind}: a call did not ring the page left with the phone`);
  } finally {
    if (!b.page.isClosed()) await b.page.close().catch(() => undefined);
  }
}

const fault: Fault = {
  name: 'console in two tabs; the tab with the phone reloaded, closed or crashed',
  order: 60,
  budgetMs: { full: 6 * 60_000, short: 3 * 60_000 },
  async run(rig, { short }) {
    const tally = new Tally();
    const logged: string[] = [];
    const times = short ? TURNS.length : 2 * TURNS.length;
    for (let index = 0; index < times; index++) {
      const kind = TURNS[index % TURNS.length]!;
      const problems: string[] = [];
      try {
        await turn(rig, kind, tally, problems, logged);
      } catch (error) {
        problems.push(`${kind}: ${error instanceof Error ? error.message.split('\n')[0]! : String(error)}`);
      }
      problems.push(...(await rig.settle()));
      tally.time(problems);
    }
    await rig.checkTasks(logged, tally);
    return tally.outcome();
  },
};

export default fault;
