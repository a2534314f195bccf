/**
 * The phone rings, on the agent's devices, end to end: the local console (Kamailio, the fake
 * org, the Open CTI fake) in Debian's Chromium with its fake devices, ContactPad built into the
 * static resource (ringtone.wav beside main.js), and a real caller (the customer simulator's
 * sip.js) through Kamailio. The agent picks the ringer and the speaker in the Devices panel; while
 * a call rings, the ringtone's <audio> element plays on the chosen output (paused false, sinkId
 * the chosen device, currentTime moving on), and it stops after Accept and after the caller
 * hangs up. Then a browser that really refuses the microphone (Chromium without its fake
 * permission prompt: nobody answers the prompt in headless mode) keeps the agent Not Ready with
 * the reason shown, and allowing it lets them go Ready.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Frame } from 'playwright-core';
import {
  chooseAgentStatus,
  customerState,
  openConsoleSession,
  openReadySession,
  placeCall,
  reloadConsole,
  waitForAudioBothWays,
  type ConsoleSession,
} from './support/console-session.ts';

/** The ringtone's element as ContactPad reports it (window.contactPad.ringtone: the element's own properties). */
type Ringtone = ReturnType<NonNullable<Window['contactPad']>['ringtone']>;

function ringtone(softphone: Frame): Promise<Ringtone> {
  return softphone.evaluate(() => window.contactPad!.ringtone());
}

/** Polls `check` on the ringtone until it holds; fails with what it last saw. */
async function ringtoneUntil(softphone: Frame, what: string, check: (r: Ringtone) => boolean, timeoutMs = 10_000): Promise<Ringtone> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const now = await ringtone(softphone);
    if (check(now)) return now;
    if (Date.now() > deadline) throw new Error(`The ringtone never ${what}: ${JSON.stringify(now)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The browser's id for the output named `label` (Fake Audio Output 1...), as the softphone's page sees it. */
function outputId(softphone: Frame, label: string): Promise<string> {
  return softphone.evaluate(async (name) => {
    const device = (await navigator.mediaDevices.enumerateDevices()).find((d) => d.kind === 'audiooutput' && d.label === name);
    if (!device) throw new Error(`No audio output named ${name}`);
    return device.deviceId;
  }, label);
}

describe('the ringtone on the chosen ringer, through Kamailio', () => {
  let session: ConsoleSession;
  let ringerId = '';
  let speakerId = '';

  before(async () => {
    session = await openReadySession({ '/ContactPad/wrapUpSeconds': '0' });
    const { softphone } = session;
    await softphone.getByRole('button', { name: 'Devices' }).click();
    await softphone.getByLabel('Ringer').selectOption({ label: 'Fake Audio Output 1' });
    await softphone.getByLabel('Speaker').selectOption({ label: 'Fake Audio Output 2' });
    ringerId = await outputId(softphone, 'Fake Audio Output 1');
    speakerId = await outputId(softphone, 'Fake Audio Output 2');
  });

  after(async () => {
    await session?.close();
  });

  it('rings on the chosen ringer while the call alerts, and stops when the agent accepts; the call plays on the chosen speaker', async () => {
    const { softphone } = session;
    const interactionId = await placeCall(session, { name: 'Maria Lopez', number: '+14155550100', queue: 'Sales' });
    const pop = softphone.getByRole('region', { name: /Incoming voice call from Maria Lopez/ });
    await pop.waitFor();

    const first = await ringtoneUntil(softphone, 'played', (r) => r.playing && r.currentTime > 0);
    assert.equal(first.sinkId, ringerId, 'on the output chosen as ringer');
    const later = await ringtoneUntil(softphone, 'moved on', (r) => r.currentTime !== first.currentTime);
    assert.equal(later.playing, true);
    assert.equal(later.sinkId, ringerId);

    await pop.getByRole('button', { name: 'Accept' }).click();
    const stopped = await ringtoneUntil(softphone, 'stopped after Accept', (r) => !r.playing);
    assert.equal(stopped.ringing, false);
    await customerState(session, 'connected');
    await waitForAudioBothWays(session, interactionId);
    assert.equal(await softphone.evaluate((id) => window.contactPad!.speakerOf(id), interactionId), speakerId, 'the call\'s sound on the chosen speaker');
    // Still silent once the call is up.
    assert.equal((await ringtone(softphone)).playing, false);

    await softphone.getByRole('button', { name: 'Release' }).click();
    await customerState(session, 'ended');
  });

  it('stops when the caller hangs up while it rings', async () => {
    const { softphone, page } = session;
    await placeCall(session, { name: 'Priya Natarajan', number: '+14155550103' });
    const pop = softphone.getByRole('region', { name: /Incoming voice call from Priya Natarajan/ });
    await pop.waitFor();
    const ringingNow = await ringtoneUntil(softphone, 'played', (r) => r.playing && r.currentTime > 0);
    assert.equal(ringingNow.sinkId, ringerId);
    await page.getByTestId('sim-hangup').click();
    await pop.waitFor({ state: 'detached' });
    const stopped = await ringtoneUntil(softphone, 'stopped after the caller hung up', (r) => !r.playing);
    assert.equal(stopped.ringing, false);
    await softphone.getByText('Missed').first().waitFor();
  });

  it('keeps the chosen devices after a reload (saved for this agent in this browser)', async () => {
    await reloadConsole(session);
    const { softphone } = session;
    await softphone.getByRole('button', { name: 'Devices' }).click();
    const ringer = softphone.getByLabel('Ringer');
    await ringer.waitFor();
    assert.equal(await ringer.inputValue(), ringerId);
    assert.equal(await softphone.getByLabel('Speaker').inputValue(), speakerId);
  });
});

describe('a browser that refuses the microphone', () => {
  let session: ConsoleSession;

  before(async () => {
    // Without the fake prompt Chromium answers the microphone as its permission says.
    session = await openConsoleSession({}, undefined, '', { leaveOut: ['--use-fake-ui-for-media-stream'] });
  });

  after(async () => {
    await session?.close();
  });

  /** What the agent-state control shows as chosen. */
  function chosenStatus(): Promise<string> {
    return session.softphone.getByLabel(/Set status|Next/).evaluate((element) => ((element as HTMLSelectElement).selectedOptions[0]?.textContent ?? '').trim());
  }

  /** The microphone permission as ContactPad's frame reads it. */
  function microphonePermission(): Promise<string> {
    return session.softphone.evaluate(async () => (await navigator.permissions.query({ name: 'microphone' as PermissionName })).state);
  }

  it('keeps the agent Not Ready and says plainly what is missing; allowed, the agent goes Ready', async () => {
    const { softphone } = session;
    assert.equal(await microphonePermission(), 'prompt', 'not asked yet');
    // ContactPad opens the microphone once so the browser asks; headless Chromium without its
    // fake prompt has nobody to answer and refuses (NotAllowedError), as an agent pressing Block.
    await chooseAgentStatus(session, 'Ready');
    await softphone.getByText('ContactPad cannot use a microphone: the browser blocked it for this site. Allow it in the address bar\'s site settings, then try Ready again.').waitFor();
    await softphone.getByText('MICROPHONE_BLOCKED').waitFor();
    assert.equal(await chosenStatus(), 'Not Ready — Microphone blocked', 'the reason shown in the state control');

    // The agent allows it in the site settings (Playwright grants the permission to the console's site).
    await session.page.context().grantPermissions(['microphone'], { origin: new URL(session.console.url).origin });
    assert.equal(await microphonePermission(), 'granted');
    await chooseAgentStatus(session, 'Ready');
    const deadline = Date.now() + 10_000;
    while ((await chosenStatus()) !== 'Ready') {
      if (Date.now() > deadline) throw new Error(`The agent did not go Ready: ${await chosenStatus()}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  });
});
