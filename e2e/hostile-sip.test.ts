/**
 * Malformed and hostile SIP toward the agent through the console's SIP edge (Kamailio and the
 * media gateway), from SIPp as a trunk and from a WebSocket peer as the platform
 * (scripts/sip-peers/test-support/hostile-sip.ts says what is sent and what must come back):
 * ContactPad does not crash, the agent stays Ready, ringing calls show their names without
 * control characters, and the next real call rings and connects with audio. About 100 messages here;
 * HOSTILE_SIP_MESSAGES=1000 for the long run (the fault suite's count), which also prints the
 * heap before and after.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { hostileTable, RINGING_NAMES_SHOWN, sendHostileSip } from '../scripts/sip-peers/test-support/hostile-sip.ts';
import { E2E_SIP_UDP_PORT } from '../scripts/test-ports.ts';
import { customerState, openReadySession, placeCall, taskFor, waitForAudioBothWays, type ConsoleSession } from './support/console-session.ts';
import { hostileAgent, hostileTarget, megabytes, pageMemory, statusOnceSettled } from '../scripts/sip-peers/test-support/hostile-agent.ts';

const MESSAGES = Number(process.env.HOSTILE_SIP_MESSAGES ?? 100);

describe('hostile SIP toward the agent through the SIP edge', () => {
  let session: ConsoleSession;
  const pageErrors: string[] = [];
  let crashed = false;

  before(async () => {
    session = await openReadySession();
    session.page.on('pageerror', (error) => pageErrors.push(error.message));
    session.page.on('crash', () => (crashed = true));
  });

  after(async () => {
    await session?.close();
  });

  it(`${MESSAGES} malformed and hostile messages: no crash, still Ready, names cleaned, and the next real call rings and connects`, async (t) => {
    const before = await pageMemory(session);
    const started = Date.now();
    const report = await sendHostileSip(hostileTarget(session, E2E_SIP_UDP_PORT), MESSAGES, hostileAgent(session));
    t.diagnostic(`${report.messagesSent} messages in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    for (const line of hostileTable(report)) t.diagnostic(line);
    assert.deepEqual(report.problems, []);
    assert.ok(report.messagesSent >= MESSAGES * 0.9, `${report.messagesSent} messages sent, ${MESSAGES} asked`);

    const { softphone } = session;
    assert.equal(crashed, false, 'the page did not crash');
    assert.deepEqual(pageErrors, [], 'no uncaught error');
    await softphone.getByText('Phone ready').waitFor();
    assert.equal(await statusOnceSettled(session, 'Ready'), 'Ready');
    for (const name of RINGING_NAMES_SHOWN) await softphone.getByRole('button', { name: new RegExp(`^Voice call, ${name}\\s+Missed`) }).first().waitFor();
    assert.equal(await softphone.getByText(/\u001b|\u0001|\[31m/).count(), 0, 'no control character or terminal escape shown');
    await softphone.getByText(/could not be offered: its media cannot be played here/).first().waitFor();

    const interactionId = await placeCall(session, { name: 'Maria Lopez', number: '+14155550100' });
    await softphone.getByRole('region', { name: /Incoming voice call from Maria Lopez/ }).getByRole('button', { name: 'Accept' }).click();
    await customerState(session, 'connected');
    await waitForAudioBothWays(session, interactionId);
    await softphone.getByRole('button', { name: 'Release' }).click();
    await softphone.getByRole('button', { name: 'Done' }).click();
    await taskFor(session, interactionId);

    const afterwards = await pageMemory(session);
    t.diagnostic(`heap: ${megabytes(before.heapBytes)} before, ${megabytes(afterwards.heapBytes)} after; DOM nodes: ${before.domNodes} before, ${afterwards.domNodes} after`);
  });
});
