/**
 * The in-call controls end to end (issue 11, item 1), through Kamailio and rtpengine to real
 * phones of the phone network: ContactPad in the local console (Debian's Chromium), a baresip
 * phone (plain RTP, PCMU: what most trunks offer) and SIPp (plain RTP, PCMU only, no
 * telephone-event).
 *
 * What is checked at the far end, not in the browser:
 * - mute: the agent's fake microphone plays a tone; baresip records the audio it decodes
 *   (sndfile), and its loudness is measured there: sound before Mute (about -26 dBFS), silence
 *   after it (about -84 dBFS) while RTP packets keep coming (baresip's RTCP counters), sound
 *   again after Unmute. (The loudness, not the tone itself: the browser's
 *   noise suppression, on for every call as it should be, wears a steady tone down within
 *   seconds, to about -30 dBFS here.)
 * - keypad tones in the audio (RFC 4733): baresip's CALL_DTMF_START events name the keys;
 * - keypad tones as SIP INFO when the far end offered no telephone-event: SIPp's message
 *   trace holds each INFO (application/dtmf-relay) it answered.
 * And on the call in ContactPad: the call timer counting, the line-quality indicator with its
 * figures, the mute announced.
 */
import { after, afterEach, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Frame } from 'playwright-core';
import { startBaresip, type RunningBaresip } from '../scripts/sip-peers/baresip.ts';
import type { BaresipEvent } from '../scripts/sip-peers/baresip-control.ts';
import { startSippRtpCaller } from '../scripts/sip-peers/sipp-rtp.ts';
import { AGENT_SIP_USER, E2E_SIP_UDP_PORT, SIP_DOMAIN } from '../scripts/test-ports.ts';
import { openReadySession, taskFor, type ConsoleSession } from './support/console-session.ts';
import { agentMedia, waitForPhoneAudioBothWays } from './support/phone-network.ts';
import { readWav, secondsOf, since, writeToneWav, type Pcm } from './support/tones.ts';

const AGENT_URI = `sip:${AGENT_SIP_USER}@${SIP_DOMAIN}`;
/** The agent's fake microphone plays this tone. */
const AGENT_HZ = 1000;
/** Audio louder than this (dB full scale, RMS) is heard; the agent's tone arrives at about -26. */
const HEARD_DBFS = -60;
/** Audio at most this loud is silence: what a muted call carries arrives at about -84 dBFS (a peak of 2 in 32768). */
const SILENT_DBFS = -75;
/** The demo org's Lead Maria Lopez: a known caller, so her record pops (no new-Lead form over the console). */
const KNOWN_CALLER = { user: '+14155550100', displayName: 'Maria Lopez' };
const RUN_DIR = join(fileURLToPath(new URL('..', import.meta.url)), '.run', 'e2e-in-call-controls');

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** How loud `pcm` is: RMS in dB full scale (-Infinity for digital silence), and its largest sample (of 32768). */
function loudness(pcm: Pcm): { dbfs: number; peak: number } {
  let energy = 0;
  let peak = 0;
  for (const sample of pcm.samples) {
    energy += sample * sample;
    peak = Math.max(peak, Math.abs(sample));
  }
  const rms = Math.sqrt(energy / Math.max(1, pcm.samples.length));
  return { dbfs: rms === 0 ? Number.NEGATIVE_INFINITY : Math.round(20 * Math.log10(rms)), peak: Math.round(peak * 32768) };
}

/** Over the next `ms` of what a baresip phone decoded: how loud it was, how many seconds it holds, and the RTP packets that came meanwhile. */
async function phoneHears(phone: RunningBaresip, ms = 2000): Promise<{ dbfs: number; peak: number; seconds: number; packets: number }> {
  const from = secondsOf(readWav(phone.receivedAudio()));
  const packetsBefore = (await phone.audioStats()).packetsReceived;
  await sleep(ms);
  const heard = since(readWav(phone.receivedAudio()), from);
  return { ...loudness(heard), seconds: Math.round(secondsOf(heard) * 10) / 10, packets: (await phone.audioStats()).packetsReceived - packetsBefore };
}

/** The keys a baresip phone received, as its CALL_DTMF_START events name them. */
function keysReceived(phone: RunningBaresip): string[] {
  return phone.events.filter((event: BaresipEvent) => event.type === 'CALL_DTMF_START').map((event) => event.param ?? '');
}

/** Polls `read` until `check` holds. */
async function eventually<T>(what: string, read: () => Promise<T> | T, check: (value: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (check(value)) return value;
    if (Date.now() > deadline) throw new Error(`${what}: still ${JSON.stringify(value)} after ${timeoutMs} ms`);
    await sleep(250);
  }
}

/** The call's own controls in ContactPad (cp-call-controls, in the caller detail). */
function callControls(softphone: Frame) {
  return softphone.getByRole('group', { name: 'Call controls' });
}

describe('in-call controls through Kamailio and rtpengine', () => {
  let session: ConsoleSession;
  const phones: RunningBaresip[] = [];

  before(async () => {
    mkdirSync(RUN_DIR, { recursive: true });
    const microphone = join(RUN_DIR, `agent-${AGENT_HZ}hz.wav`);
    writeToneWav(microphone, AGENT_HZ);
    session = await openReadySession({ '/ContactPad/wrapUpSeconds': '120' }, { fakeMicrophoneWav: microphone });
  });

  afterEach(async () => {
    await Promise.all(phones.splice(0).map((phone) => phone.stop()));
  });

  after(async () => {
    await session?.close();
  });

  /** A PCMU-only plain-RTP phone that records what it hears calls the agent, who answers; audio flows both ways. */
  async function answeredPhoneCall(name: string): Promise<{ phone: RunningBaresip; callId: string }> {
    const { user, displayName } = KNOWN_CALLER;
    const phone = await startBaresip({ name, proxyPort: E2E_SIP_UDP_PORT, user, displayName, codecs: 'pcmu', recordReceived: true });
    phones.push(phone);
    const callId = await phone.dial(AGENT_URI);
    await session.softphone.getByRole('region', { name: new RegExp(`Incoming voice call from ${displayName}`) }).getByRole('button', { name: 'Accept' }).click();
    await phone.waitForEstablished(callId);
    await waitForPhoneAudioBothWays(session, callId, phone);
    return { phone, callId };
  }

  /** Releases the call and finishes its wrap up. */
  async function releaseAndWrapUp(callId: string): Promise<void> {
    const { softphone } = session;
    await softphone.locator(`li[data-id="${callId}"]`).getByRole('button', { name: 'Release' }).click();
    await softphone.getByRole('button', { name: 'Done' }).click();
    await taskFor(session, callId);
  }

  it('Mute: the plain-RTP phone keeps receiving packets, but silence; Unmute: it hears the agent again; each change is shown and announced', async () => {
    const { softphone } = session;
    const { phone, callId } = await answeredPhoneCall('e2e-mute');
    const controls = callControls(softphone);

    const before = await eventually('the phone hearing the agent', () => phoneHears(phone), (heard) => heard.dbfs > HEARD_DBFS);
    assert.ok(before.packets >= 50, `packets came: ${before.packets}`);

    await controls.getByRole('button', { name: 'Mute', pressed: false }).click();
    await controls.getByRole('button', { name: 'Mute', pressed: true }).waitFor();
    await controls.getByText('Muted', { exact: true }).waitFor();
    await softphone.getByRole('status').filter({ hasText: 'Voice call with Maria Lopez: Muted.' }).waitFor({ state: 'attached' });
    await softphone.locator(`li[data-id="${callId}"]`).getByText('Muted').waitFor();
    await sleep(300); // what was already on its way
    const muted = await phoneHears(phone);
    assert.ok(muted.seconds >= 1.5, `the phone decoded audio meanwhile: ${JSON.stringify(muted)}`);
    assert.ok(muted.dbfs <= SILENT_DBFS, `the phone hears silence while muted: ${JSON.stringify(muted)} (before: ${JSON.stringify(before)})`);
    assert.ok(muted.packets >= 50, `and RTP keeps coming (silence, not a dropped line): ${muted.packets} packets in 2 s`);

    await controls.getByRole('button', { name: 'Mute', pressed: true }).click();
    await controls.getByRole('button', { name: 'Mute', pressed: false }).waitFor();
    await softphone.getByRole('status').filter({ hasText: 'Voice call with Maria Lopez: Microphone on.' }).waitFor({ state: 'attached' });
    const back = await eventually('the phone hearing the agent again', () => phoneHears(phone), (heard) => heard.dbfs > HEARD_DBFS);
    assert.ok(back.peak > 0);

    await releaseAndWrapUp(callId);
  });

  it('the call timer counts on the call, and the line-quality indicator shows the line\'s figures', async () => {
    const { softphone } = session;
    const { callId } = await answeredPhoneCall('e2e-timer');
    const controls = callControls(softphone);
    const timer = controls.getByRole('timer');
    const first = await timer.innerText();
    assert.match(first, /^\d\d:\d\d$/);
    const later = await eventually('the call timer to count', () => timer.innerText(), (shown) => shown !== first);
    assert.ok(later > first, `${later} after ${first}`);

    // Read every 5 s while connected: loss, jitter and round trip in its accessible name.
    const indicator = controls.getByRole('button', { name: /^Line quality (good|fair|poor): / });
    await indicator.waitFor({ timeout: 20_000 });
    const name = (await indicator.getAttribute('aria-label')) ?? '';
    assert.match(name, /\d+(\.\d)? % of the caller's audio lost/);
    assert.match(name, /jitter \d+ ms/);
    assert.match(name, /round trip \d+ ms/);
    await indicator.click();
    const details = softphone.getByRole('region', { name: /^Line details: / });
    await details.waitFor();
    assert.match(await details.innerText(), /Round trip\s+\d+ ms/);
    const agent = await agentMedia(session, callId);
    assert.ok(agent.bytesReceived > 0);

    await releaseAndWrapUp(callId);
  });

  it('keys typed on the keypad reach the plain-RTP phone as RFC 4733 telephone-events, and it names them', async () => {
    const { softphone, page } = session;
    const { phone, callId } = await answeredPhoneCall('e2e-dtmf');
    const controls = callControls(softphone);
    await controls.getByRole('button', { name: 'Keypad' }).click();
    const keypad = softphone.getByRole('group', { name: 'Keypad' });
    await keypad.waitFor();
    await keypad.getByRole('button', { name: '1' }).focus();
    await page.keyboard.type('12#');
    await keypad.getByText('Sent: 12#').waitFor();
    await eventually('the phone to receive the keys', () => keysReceived(phone), (keys) => keys.length >= 3);
    assert.deepEqual(keysReceived(phone), ['1', '2', '#']);

    // A click on a key sends it too; a letter that is no key sends nothing.
    await keypad.getByRole('button', { name: 'Star' }).click();
    await page.keyboard.type('x');
    await keypad.getByText('"x" is not a keypad key').waitFor();
    await eventually('the phone to receive *', () => keysReceived(phone), (keys) => keys.length >= 4);
    await sleep(500);
    assert.deepEqual(keysReceived(phone), ['1', '2', '#', '*']);
    assert.equal(await softphone.getByText('DTMF_SENT_AS_INFO').count(), 0, 'the call carries them in its audio: no INFO');

    await releaseAndWrapUp(callId);
  });

  it('a far end without telephone-event gets the keys as SIP INFO (application/dtmf-relay), and the agent is told once', async () => {
    const { softphone, page } = session;
    const call = await startSippRtpCaller({ name: 'e2e-dtmf-info', proxyPort: E2E_SIP_UDP_PORT, fromUser: KNOWN_CALLER.user, fromDisplayName: KNOWN_CALLER.displayName, answersInfo: true, timeoutMs: 60_000 });
    try {
      await softphone.getByRole('region', { name: /Incoming voice call from Maria Lopez/ }).getByRole('button', { name: 'Accept' }).click();
      await eventually('the agent to hear SIPp', () => agentMedia(session, call.callId), (media) => media.bytesReceived > 4000);
      const controls = callControls(softphone);
      await controls.getByRole('button', { name: 'Keypad' }).click();
      const keypad = softphone.getByRole('group', { name: 'Keypad' });
      await keypad.getByRole('button', { name: '4' }).click();
      await softphone.getByText('DTMF_SENT_AS_INFO').waitFor();
      await keypad.getByRole('button', { name: '1' }).focus();
      await page.keyboard.type('*9');
      await keypad.getByText('Sent: 4*9').waitFor();
      await sleep(1500); // the INFOs go one after the other, a tone's length apart
      assert.equal(await softphone.getByText('DTMF_SENT_AS_INFO').count(), 1, 'told once for the call');

      await softphone.locator(`li[data-id="${call.callId}"]`).getByRole('button', { name: 'Release' }).click();
      const result = await call.done;
      assert.equal(result.exitCode, 0, result.log.slice(-2000));
      assert.deepEqual(result.infos, [
        { contentType: 'application/dtmf-relay', body: 'Signal=4\r\nDuration=160' },
        { contentType: 'application/dtmf-relay', body: 'Signal=*\r\nDuration=160' },
        { contentType: 'application/dtmf-relay', body: 'Signal=9\r\nDuration=160' },
      ]);
    } finally {
      call.kill();
    }
    await softphone.getByRole('button', { name: 'Done' }).click();
    await taskFor(session, call.callId);
  });
});
