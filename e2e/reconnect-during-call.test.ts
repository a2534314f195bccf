/**
 * The agent's connection to the SIP server is lost during a connected call and made again:
 * the call's audio never stops (it does not travel over that connection), and afterwards the
 * call is still under control both ways: the customer's hang-up reaches the agent, the agent's
 * Release reaches the customer; and a cut just after Accept, before the caller's ACK arrived,
 * does not lose the call. ContactPad reaches Kamailio through a relay the test can cut
 * (support/cuttable-link.ts); the customer simulator and the phone-network caller do not.
 */
import { after, afterEach, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startBaresip, type RunningBaresip } from '../scripts/sip-peers/baresip.ts';
import { AGENT_SIP_USER, E2E_SIP_UDP_PORT, E2E_SIP_WS_PORT, SIP_DOMAIN } from '../scripts/test-ports.ts';
import { customerState, openReadySession, placeCall, waitForAudioBothWays, type ConsoleSession } from './support/console-session.ts';
import { openCuttableLink, type CuttableLink } from './support/cuttable-link.ts';
import { agentMedia, waitForPhoneAudioBothWays } from './support/phone-network.ts';
import { eventually } from './support/tones.ts';

describe("the agent's connection to the SIP server lost during a call", () => {
  let session: ConsoleSession;
  let link: CuttableLink;
  const phones: RunningBaresip[] = [];

  before(async () => {
    link = await openCuttableLink(E2E_SIP_WS_PORT);
    session = await openReadySession({ '/ContactPad/sipServerUrl': link.wsUrl, '/ContactPad/wrapUpSeconds': '120' });
  });

  afterEach(async () => {
    await Promise.all(phones.splice(0).map((phone) => phone.stop()));
  });

  after(async () => {
    await session?.close();
    await link?.close();
  });

  /** A connected call from the customer simulator, with audio both ways. */
  async function connectedCall(name: string): Promise<string> {
    const interactionId = await placeCall(session, { name, number: '+14155550100' });
    await session.softphone.getByRole('region', { name: new RegExp(`Incoming voice call from ${name}`) }).getByRole('button', { name: 'Accept' }).click();
    await customerState(session, 'connected');
    await waitForAudioBothWays(session, interactionId);
    return interactionId;
  }

  /** Cuts the agent's connection and waits until ContactPad has made a new one and registered again. */
  async function cutAndReconnect(how: 'cut' | 'silence' = 'cut'): Promise<void> {
    const accepted = link.accepted;
    link[how]();
    await eventually('a new connection through the link', async () => link.accepted, (count) => count > accepted, 30_000, 100);
    await session.softphone.getByText('Phone ready').waitFor({ timeout: 30_000 });
  }

  const customerBytes = async () => (await session.page.evaluate(() => window.customerSimulator!.mediaStats())).bytesReceived;
  const interactionIn = (id: string, state: string) => session.softphone.locator(`li[data-id="${id}"].state-${state}`);

  it("the call's audio keeps flowing through the cut, and the customer's hang-up afterwards reaches the agent", async () => {
    const id = await connectedCall('Maria Lopez');
    const before = { customer: await customerBytes(), agent: (await agentMedia(session, id)).bytesReceived };
    await cutAndReconnect();
    await eventually('the customer to go on receiving the agent', customerBytes, (bytes) => bytes > before.customer + 4000);
    await eventually('the agent to go on receiving the customer', async () => (await agentMedia(session, id)).bytesReceived, (bytes) => bytes > before.agent + 4000);
    assert.equal(await interactionIn(id, 'connected').count(), 1, 'the call is still connected on the pad');

    await session.page.getByTestId('sim-hangup').click();
    await customerState(session, 'ended');
    await interactionIn(id, 'wrap-up').waitFor({ timeout: 15_000 });
    await session.softphone.getByRole('button', { name: 'Done' }).click();
  });

  it("after the cut the agent's Release reaches the customer", async () => {
    const id = await connectedCall('Daniel Kim');
    await cutAndReconnect();
    await interactionIn(id, 'connected').waitFor();
    await session.softphone.getByRole('button', { name: 'Release' }).click();
    await customerState(session, 'ended');
    await session.softphone.getByRole('button', { name: 'Done' }).click();
  });

  it('a customer who hung up while the connection was down is not left connected on the pad', async () => {
    const id = await connectedCall('Elena Rossi');
    link.silence(); // nothing reaches the agent now, and nobody is told
    await session.page.getByTestId('sim-hangup').click();
    await customerState(session, 'ended');
    // The phone notices the silent connection, reconnects, and learns the call is gone (481 to its refresh).
    await interactionIn(id, 'wrap-up').waitFor({ timeout: 30_000 });
    await session.softphone.getByText('Phone ready').waitFor({ timeout: 30_000 });
    await session.softphone.getByRole('button', { name: 'Done' }).click();
  });

  it("a cut right after Accept, before the caller's ACK reached the agent: the call is confirmed once the phone is back (Hold goes through), and the customer's hang-up reaches the agent", async () => {
    const id = await placeCall(session, { name: 'Lena Fischer', number: '+14155550103' });
    const accepted = link.accepted;
    link.cutOn('ACK sip:'); // the caller's ACK is lost with the agent's connection
    await session.softphone.getByRole('region', { name: /Incoming voice call from Lena Fischer/ }).getByRole('button', { name: 'Accept' }).click();
    await customerState(session, 'connected');
    await eventually('a new connection through the link', async () => link.accepted, (count) => count > accepted, 30_000, 100);
    await session.softphone.getByText('Phone ready').waitFor({ timeout: 30_000 });

    // A hold waits for the caller's ACK (10 s at most, then it is refused with a notice).
    await session.softphone.locator(`li[data-id="${id}"]`).getByRole('button', { name: 'Hold' }).click();
    await interactionIn(id, 'held').waitFor({ timeout: 15_000 });
    await session.page.getByTestId('sim-hangup').click();
    await customerState(session, 'ended');
    await interactionIn(id, 'wrap-up').waitFor({ timeout: 15_000 });
    await session.softphone.getByRole('button', { name: 'Done' }).click();
  });

  it('a caller from the phone network (through the media gateway) keeps hearing the agent through the cut, and hears the Release', async () => {
    const caller = await startBaresip({ proxyPort: E2E_SIP_UDP_PORT, name: 'e2e-reconnect', user: '+14155550109', displayName: 'Noah Park' });
    phones.push(caller);
    const callId = await caller.dial(`sip:${AGENT_SIP_USER}@${SIP_DOMAIN}`);
    await session.softphone.getByRole('region', { name: /Incoming voice call from Noah Park/ }).getByRole('button', { name: 'Accept' }).click();
    await caller.waitForEstablished(callId);
    await waitForPhoneAudioBothWays(session, callId, caller);
    const before = (await caller.audioStats()).packetsReceived;
    await cutAndReconnect();
    // 50 packets a second: a second and more of the agent's voice after the cut.
    await eventually('the caller to go on receiving the agent', async () => (await caller.audioStats()).packetsReceived, (packets) => packets > before + 60);
    await session.softphone.getByRole('button', { name: 'Release' }).click();
    const end = await caller.waitForEnd(callId);
    assert.ok(end.byPeer, `the caller's phone got the agent's BYE (${end.reason})`);
    await session.softphone.getByRole('button', { name: 'Done' }).click();
  });
});
