/**
 * Callers from the phone network: a real SIP phone that speaks plain RTP (baresip from Debian:
 * RTP/AVP, no ICE, no DTLS, a 440 Hz tone as its voice), as a trunk or a PBX sends calls,
 * reaches the agent through Kamailio and rtpengine, which turns its media into WebRTC
 * (ICE, DTLS-SRTP, rtcp-mux) for the browser and back. And the agent calls such a phone.
 */
import { after, afterEach, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startBaresip, type RunningBaresip } from '../scripts/sip-peers/baresip.ts';
import { startSippRtpCaller } from '../scripts/sip-peers/sipp-rtp.ts';
import { AGENT_SIP_USER, E2E_SIP_UDP_PORT, SIP_DOMAIN } from '../scripts/test-ports.ts';
import { customerState, openReadySession, taskFor, tasksFor, type ConsoleSession } from './support/console-session.ts';
import { agentMedia, negotiatedAudioCodecs, waitForPhoneAudioBothWays, watchPeerConnections } from './support/phone-network.ts';

const AGENT_URI = `sip:${AGENT_SIP_USER}@${SIP_DOMAIN}`;

describe('callers from the phone network (plain RTP through rtpengine)', () => {
  let session: ConsoleSession;
  const phones: RunningBaresip[] = [];

  before(async () => {
    session = await openReadySession({ '/ContactPad/wrapUpSeconds': '120' });
    await watchPeerConnections(session.softphone);
  });

  afterEach(async () => {
    await Promise.all(phones.splice(0).map((phone) => phone.stop()));
  });

  after(async () => {
    await session?.close();
  });

  async function phone(options: Omit<Parameters<typeof startBaresip>[0], 'proxyPort'>): Promise<RunningBaresip> {
    const started = await startBaresip({ proxyPort: E2E_SIP_UDP_PORT, ...options });
    phones.push(started);
    return started;
  }

  it('a plain-RTP caller rings with the call pop, Accept connects audio both ways, Release hangs up the caller, and the Task is logged', async () => {
    const { softphone } = session;
    const caller = await phone({ name: 'e2e-caller', user: '+14155550100', displayName: 'Maria Lopez' });
    const callId = await caller.dial(AGENT_URI);

    const pop = softphone.getByRole('region', { name: /Incoming voice call from Maria Lopez/ });
    await pop.waitFor();
    assert.match(await pop.innerText(), /\+1 415 555 0100|\+14155550100/);
    await pop.getByRole('button', { name: 'Accept' }).click();
    await caller.waitForEstablished(callId);

    const media = await waitForPhoneAudioBothWays(session, callId, caller);
    assert.ok(media.agent.bytesReceived > 0, 'the agent receives the caller\'s audio');
    assert.ok(media.phone.packetsReceived >= 50, 'the caller receives the agent\'s audio');
    assert.equal(media.phone.encoder, 'opus 48000Hz/2ch', 'offered opus first, the call uses it end to end');
    assert.deepEqual(await negotiatedAudioCodecs(softphone), { sending: 'audio/opus', receiving: 'audio/opus' });

    await softphone.getByRole('button', { name: 'Release' }).click();
    const end = await caller.waitForEnd(callId);
    assert.ok(end.byPeer, `the caller's phone got the agent's BYE (${end.reason})`);

    await softphone.getByLabel('Disposition').selectOption({ label: 'Resolved' });
    await softphone.getByRole('button', { name: 'Done' }).click();
    const task = await taskFor(session, callId);
    assert.equal(task['CallType'], 'Inbound');
    assert.equal(task['CallDisposition'], 'Resolved');
    assert.match(String(task['Subject']), /Maria Lopez/);
    assert.equal((await tasksFor(session, callId)).length, 1);
  });

  it('a PCMU-only caller (as most trunks offer) connects with PCMU in the browser and audio both ways', async () => {
    const { softphone } = session;
    const caller = await phone({ name: 'e2e-trunk', user: '+14155550101', displayName: 'Daniel Kim', codecs: 'pcmu' });
    const callId = await caller.dial(AGENT_URI);
    const pop = softphone.getByRole('region', { name: /Incoming voice call from Daniel Kim/ });
    await pop.getByRole('button', { name: 'Accept' }).click();
    await caller.waitForEstablished(callId);

    const media = await waitForPhoneAudioBothWays(session, callId, caller);
    assert.equal(media.phone.encoder, 'PCMU 8000Hz/1ch');
    assert.equal(media.phone.decoder, 'PCMU 8000Hz/1ch');
    assert.deepEqual(await negotiatedAudioCodecs(softphone), { sending: 'audio/PCMU', receiving: 'audio/PCMU' });

    // The caller hangs up this time: ContactPad ends the call and goes to wrap up.
    await caller.hangUp();
    await caller.waitForEnd(callId);
    await softphone.getByRole('button', { name: 'Done' }).click();
    const task = await taskFor(session, callId);
    assert.equal(task['CallType'], 'Inbound');
  });

  it('the agent calls a plain-RTP phone by its number: it answers and audio flows both ways until the agent releases', async () => {
    const { softphone } = session;
    const callee = await phone({ name: 'e2e-callee', user: '+14155550142', register: true, autoAnswer: true, codecs: 'pcmu' });
    await softphone.getByLabel('Number to call').fill('+1 415 555 0142');
    await softphone.getByRole('form', { name: 'Dial' }).getByRole('button', { name: 'Call', exact: true }).click();

    const callId = await callee.waitForIncoming();
    await callee.waitForEstablished(callId);
    const row = softphone.locator('li[data-id]').filter({ hasText: /415.?555.?0142/ }).first();
    await row.waitFor();
    const interactionId = (await row.getAttribute('data-id')) ?? '';
    const media = await waitForPhoneAudioBothWays(session, interactionId, callee);
    assert.ok(media.agent.bytesReceived > 0 && media.phone.packetsReceived >= 50);
    assert.deepEqual(await negotiatedAudioCodecs(softphone), { sending: 'audio/PCMU', receiving: 'audio/PCMU' });

    await softphone.getByRole('button', { name: 'Release' }).click();
    const end = await callee.waitForEnd(callId);
    assert.ok(end.byPeer, `the phone got the agent's BYE (${end.reason})`);
    await softphone.getByRole('button', { name: 'Done' }).click();
    const task = await taskFor(session, interactionId);
    assert.equal(task['CallType'], 'Outbound');
  });

  it('SIPp playing a PCMU tone (plain RTP) reaches the agent: the agent hears it over PCMU, and Release reaches SIPp as a BYE', async () => {
    const { softphone } = session;
    const call = await startSippRtpCaller({ name: 'e2e', proxyPort: E2E_SIP_UDP_PORT, fromUser: '+14155550103', fromDisplayName: 'Priya Natarajan', timeoutMs: 60_000 });
    try {
      const pop = softphone.getByRole('region', { name: /Incoming voice call from Priya Natarajan/ });
      await pop.getByRole('button', { name: 'Accept' }).click();
      const deadline = Date.now() + 20_000;
      let media = await agentMedia(session, call.callId);
      while (media.bytesReceived < 8000) {
        if (Date.now() > deadline) throw new Error(`The agent did not hear SIPp's tone: ${JSON.stringify(media)}`);
        await new Promise((resolve) => setTimeout(resolve, 200));
        media = await agentMedia(session, call.callId);
      }
      assert.ok(media.bytesSent > 0, 'the agent sends audio toward SIPp');
      assert.deepEqual(await negotiatedAudioCodecs(softphone), { sending: 'audio/PCMU', receiving: 'audio/PCMU' });
      await softphone.getByRole('button', { name: 'Release' }).click();
      const result = await call.done;
      assert.ok(result.gotBye, `SIPp got the agent's BYE: ${result.log.slice(-1500)}`);
      assert.equal(result.exitCode, 0, result.log.slice(-1500));
    } finally {
      call.kill();
    }
    await softphone.getByRole('button', { name: 'Done' }).click();
    assert.equal((await taskFor(session, call.callId))['CallType'], 'Inbound');
  });

  it('in the local console, "Caller from the phone network" calls the agent from a real phone: Accept, the tone is heard, the phone hears the agent, Hang up ends it', async () => {
    const { page, softphone } = session;
    await page.getByTestId('sim-name').fill('Maria Lopez');
    await page.getByTestId('sim-number').fill('+1 415 555 0100');
    await page.getByTestId('sim-line').selectOption('phone-network-pcmu');
    await page.getByTestId('sim-line-note').waitFor();
    assert.ok(await page.getByTestId('sim-queue').isDisabled(), 'a trunk call carries no queue');
    await page.getByTestId('sim-call').click();

    const pop = softphone.getByRole('region', { name: /Incoming voice call from Maria Lopez/ });
    await pop.getByRole('button', { name: 'Accept' }).click();
    await customerState(session, 'connected');
    const callId = await page.evaluate(() => window.customerSimulator!.lastInteractionId ?? '');
    const heard = page.getByTestId('sim-phone-network-media');
    const deadline = Date.now() + 20_000;
    let received = 0;
    while (received < 50 || (await agentMedia(session, callId)).bytesReceived === 0) {
      if (Date.now() > deadline) throw new Error(`No audio both ways: ${await heard.innerText().catch(() => 'no figures shown')}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
      received = Number(/has received (\d+) RTP packets/.exec(await heard.innerText().catch(() => ''))?.[1] ?? 0);
    }
    assert.match(await heard.innerText(), /PCMU 8000Hz\/1ch/);
    assert.deepEqual(await negotiatedAudioCodecs(softphone), { sending: 'audio/PCMU', receiving: 'audio/PCMU' });

    await page.getByTestId('sim-hangup').click();
    await customerState(session, 'ended');
    await softphone.getByRole('button', { name: 'Done' }).click();
    const task = await taskFor(session, callId);
    assert.match(String(task['Subject']), /Maria Lopez/);
  });
});
