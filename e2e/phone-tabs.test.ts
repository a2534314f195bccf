/**
 * The agent's console open twice, and a page that goes during a call, through every real part:
 * two console pages in one browser context (as two tabs or windows of the agent's browser: the
 * same origin, so the same Web Locks and BroadcastChannel), Kamailio's registrar asked what it
 * holds for the agent, and a plain-RTP phone (baresip) as the caller of a call the page reloads
 * during. Figures measured here are printed (`[phone-tabs] ...`), never asserted.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { SipPeer } from '../scripts/sip-server/test-support/sip-peer.ts';
import { startBaresip, type RunningBaresip } from '../scripts/sip-peers/baresip.ts';
import { AGENT_SIP_USER, E2E_SIP_UDP_PORT, SIP_DOMAIN } from '../scripts/test-ports.ts';
import { PAGE_LEFT } from '../adapter/src/model/phone-tab.ts';
import { customerState, openReadySession, placeCall, reloadConsole, taskFor, tasksFor, type ConsoleSession } from './support/console-session.ts';
import { waitForPhoneAudioBothWays } from './support/phone-network.ts';
import { PHONE_ELSEWHERE, USE_THE_PHONE_HERE, crashPage, listedCalls, openAnotherPage, phoneLine, useThePhoneHere } from './support/phone-tabs.ts';

/** What the registrar holds for the agent now: a REGISTER without Contact from a trunk address (RFC 3261 10.2.3). */
async function agentBindings(): Promise<string[]> {
  const peer = await SipPeer.overUdp(E2E_SIP_UDP_PORT, { user: 'e2e-registrar-query' });
  try {
    return await peer.bindings(AGENT_SIP_USER);
  } finally {
    peer.close();
  }
}

/** Polls the registrar until it holds `count` bindings for the agent; says what it held last. */
async function bindingsBecome(count: number, timeoutMs = 20_000): Promise<string[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const bindings = await agentBindings();
    if (bindings.length === count) return bindings;
    if (Date.now() > deadline) throw new Error(`The registrar held ${bindings.length} bindings for ${AGENT_SIP_USER}, not ${count}: ${bindings.join(' | ')}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

function report(line: string): void {
  console.log(`[phone-tabs] ${line}`);
}

describe('two console pages of one agent: one phone', () => {
  let session: ConsoleSession;
  /** The console's first page (A), with the phone first, and a second page (B) of the same browser context. */
  let a: ConsoleSession;
  let b: ConsoleSession;

  before(async () => {
    session = await openReadySession({ '/ContactPad/wrapUpSeconds': '120' });
    a = session;
    b = await openAnotherPage(session);
  });

  after(async () => {
    await session?.close();
  });

  it('only the first page registers: the registrar holds one binding, and the second page says the phone is elsewhere', async () => {
    await phoneLine(b.softphone, PHONE_ELSEWHERE).waitFor();
    await b.softphone.getByRole('button', { name: USE_THE_PHONE_HERE, exact: true }).waitFor();
    await phoneLine(a.softphone, 'Phone ready').waitFor();
    const bindings = await bindingsBecome(1);
    report(`registrar bindings for ${AGENT_SIP_USER} with two pages open: ${bindings.length}`);
  });

  it('a call rings only the page with the phone; answered there, the other page never lists it (no Missed call); taking over meanwhile is refused', async () => {
    const interactionId = await placeCall(a, { name: 'Maria Lopez', number: '+14155550100', queue: 'Sales' });
    const pop = a.softphone.getByRole('region', { name: /Incoming voice call from Maria Lopez/ });
    await pop.getByRole('button', { name: 'Accept' }).click();
    await customerState(a, 'connected');

    await useThePhoneHere(b.softphone);
    await b.softphone.getByText(/The phone stays in the other tab or window: a call is live there/).waitFor();
    await phoneLine(b.softphone, PHONE_ELSEWHERE).waitFor();
    assert.deepEqual(await listedCalls(a.softphone), [interactionId], 'the call goes on in the first page');
    assert.deepEqual(await listedCalls(b.softphone), [], 'the second page never listed the call');

    await a.softphone.getByRole('button', { name: 'Release' }).click();
    await customerState(a, 'ended');
    await a.softphone.getByRole('button', { name: 'Done' }).click();
    await taskFor(a, interactionId);
    assert.equal((await tasksFor(a, interactionId)).length, 1);
    assert.deepEqual(await listedCalls(b.softphone), [], 'not even as Missed');
  });

  it('"Use the phone here" takes it over: the first page unregisters and says so, one binding (the new page\'s), and calls ring the new page', async () => {
    const [before] = await bindingsBecome(1);
    const started = Date.now();
    await useThePhoneHere(b.softphone);
    await phoneLine(b.softphone, 'Phone ready').waitFor();
    report(`take over: "Use the phone here" to "Phone ready" in ${Date.now() - started} ms`);
    await phoneLine(a.softphone, PHONE_ELSEWHERE).waitFor();
    const [after] = await bindingsBecome(1);
    assert.notEqual(after, before, 'the binding is the new page\'s');

    const interactionId = await placeCall(a, { name: 'Daniel Kim', number: '+14155550101', queue: 'Support' });
    const pop = b.softphone.getByRole('region', { name: /Incoming voice call from Daniel Kim/ });
    await pop.getByRole('button', { name: 'Reject' }).click();
    await customerState(a, 'rejected');
    assert.ok(!(await listedCalls(a.softphone)).includes(interactionId), 'the first page never rang');
  });

  it('closing the page with the phone hands it to the other page within seconds, which registers alone', async () => {
    await phoneLine(b.softphone, 'Phone ready').waitFor();
    const closed = Date.now();
    await b.page.close();
    await phoneLine(a.softphone, 'Phone ready').waitFor({ timeout: 30_000 });
    const handedOver = Date.now() - closed;
    const bindings = await bindingsBecome(1);
    report(`closed page with the phone: the other page showed "Phone ready" ${handedOver} ms after the close; registrar bindings then: ${bindings.length}`);

    await placeCall(a, { name: 'Ann Smith', number: '+14155550102', queue: 'Sales' });
    await a.softphone.getByRole('region', { name: /Incoming voice call from Ann Smith/ }).getByRole('button', { name: 'Reject' }).click();
    await customerState(a, 'rejected');
  });

  it('a crashed page with the phone hands it over too (the browser releases its lock), leaves no binding behind, and a call rings the page left', async () => {
    const c = await openAnotherPage(a);
    await phoneLine(c.softphone, PHONE_ELSEWHERE).waitFor();
    const crashed = Date.now();
    await crashPage(a);
    await phoneLine(c.softphone, 'Phone ready').waitFor({ timeout: 30_000 });
    const handedOver = Date.now() - crashed;
    // A crashed page unregisters nothing. Its binding goes all the same: the page left registers
    // as the same device (the browser's kept +sip.instance) and the registrar replaces it, and a
    // binding whose connection is gone counts as expired (Kamailio usrloc handle_lost_tcp).
    const bindings = await bindingsBecome(1);
    report(`crashed page with the phone: the other page showed "Phone ready" ${handedOver} ms after the crash; registrar bindings then: ${bindings.length}`);

    await placeCall(c, { name: 'Lena Fischer', number: '+14155550103', queue: 'Sales' });
    await c.softphone.getByRole('region', { name: /Incoming voice call from Lena Fischer/ }).getByRole('button', { name: 'Reject' }).click();
    await customerState(c, 'rejected');
  });
});

describe('a reload during a connected call (a caller from the phone network)', () => {
  let session: ConsoleSession;
  let caller: RunningBaresip | undefined;

  before(async () => {
    session = await openReadySession({ '/ContactPad/wrapUpSeconds': '120' });
  });

  after(async () => {
    await caller?.stop();
    await session?.close();
  });

  it('the caller gets a BYE, the call comes back in wrap up after the reload, and exactly one Task is logged', async () => {
    caller = await startBaresip({ proxyPort: E2E_SIP_UDP_PORT, name: 'e2e-reload', user: '+14155550100', displayName: 'Maria Lopez' });
    const callId = await caller.dial(`sip:${AGENT_SIP_USER}@${SIP_DOMAIN}`);
    await session.softphone.getByRole('region', { name: /Incoming voice call from Maria Lopez/ }).getByRole('button', { name: 'Accept' }).click();
    await caller.waitForEstablished(callId);
    await waitForPhoneAudioBothWays(session, callId, caller);

    const reloaded = Date.now();
    const ended = caller.waitForEnd(callId, 30_000);
    await reloadConsole(session);
    const end = await ended;
    assert.ok(end.byPeer, `the caller's phone got ContactPad's BYE (${end.reason})`);
    report(`reload during a call: the caller's call ended ${end.at - reloaded} ms after the reload began (${end.reason})`);

    const row = session.softphone.locator(`li[data-id="${callId}"]`);
    await row.getByText('Wrap Up').first().waitFor({ timeout: 30_000 });
    await session.softphone.getByRole('button', { name: 'Done' }).click();
    const task = await taskFor(session, callId);
    assert.ok(String(task['Description']).includes(PAGE_LEFT), `the Task says why the call ended: ${String(task['Description'])}`);
    assert.equal(task['CallType'], 'Inbound');
    assert.equal((await tasksFor(session, callId)).length, 1, 'exactly one Task');
    assert.equal((await agentBindings()).length, 1, 'the reloaded page alone is registered');
  });
});
