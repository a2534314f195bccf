/**
 * Video calls (seed 000) end to end in the local console: the customer simulator's caller (sip.js
 * in the console page, with Chromium's fake camera: a mobile app's WebRTC call) calls agent1
 * through Kamailio with X-CP-Kind: video; WebRTC to WebRTC, the media stays end to end (no
 * rtpengine). ContactPad rings with the video call's pop; Accept opens the video window (a
 * browser window the softphone opens), the record pops, video flows both ways (each side's
 * decoder counts the frames it received), and the window's controls work. Closing the window
 * asks before anything ends; keeping the call leaves "Show video". Rejecting sends the call to the
 * next agent: the caller calls the SIP edge's video queue (queue-video: agent1, then
 * emile.durand, a second ContactPad in a browser context of its own), agent1 rejects and goes
 * Inactive (the state after reject), the queue rings the second agent with the same call pop,
 * who accepts, and video flows between the caller and that agent. A second console gives the softphone no camera (its frame's `allow` says camera 'none', so the
 * browser refuses it): the call still goes ahead, the caller hears the agent, the agent sees the
 * caller, and the window says the camera is off. A third leaves the site without camera
 * permission (Chromium without its fake prompt answers as the site's permission says; the
 * customer paints its picture, `?customerCamera=painted`, so it needs none): the agent accepts
 * with the camera blocked, is told when Turn camera on meets it still blocked, allows it, turns
 * it on (the call is renegotiated) and the caller decodes the agent's video; hold lets the camera
 * go (its track ended, no frames reach the caller) and retrieve brings it back.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { chooseAgentStatus, customerState, openConsoleSession, openReadySession, openSecondAgent, placeCall, simulatorCalls, type ConsoleSession, type SimulatedCall } from './support/console-session.ts';

const MARIA: SimulatedCall = { name: 'Maria Lopez', number: '+14155550100', queue: 'Video Calls', location: 'Downtown store', adSource: 'Spring campaign' };

/** The customer simulator places a video call (X-CP-Kind: video, camera and microphone). */
async function placeVideoCall(session: ConsoleSession, call: SimulatedCall): Promise<string> {
  await session.page.getByTestId('sim-kind').selectOption('video');
  return placeCall(session, call);
}

/** Polls until `check` holds, or fails with what `describe` says was last seen. */
async function eventually<T>(what: string, read: () => Promise<T>, check: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (check(value)) return value;
    if (Date.now() > deadline) throw new Error(`${what}: last seen ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** The caller's decoder has decoded video frames from the agent (inbound-rtp, kind video, framesDecoded). */
function callerVideoFrames(session: ConsoleSession): Promise<number> {
  return session.page.evaluate(async () => (await window.customerSimulator!.mediaStats()).videoFramesDecoded);
}

/** The frames the video window's caller video has presented (HTMLVideoElement.getVideoPlaybackQuality), and its size. */
function windowCallerFrames(videoWindow: Page): Promise<{ frames: number; width: number }> {
  return videoWindow.evaluate(() => {
    const video = document.querySelector<HTMLVideoElement>('video.caller');
    return { frames: video?.getVideoPlaybackQuality().totalVideoFrames ?? 0, width: video?.videoWidth ?? 0 };
  });
}

describe('video calls with a camera', () => {
  let session: ConsoleSession;

  before(async () => {
    session = await openReadySession({ '/ContactPad/stateAfterReject': 'inactive', '/ContactPad/wrapUpSeconds': '300' });
  });

  after(async () => {
    await session?.close();
  });

  it('rings with the video call pop, opens the video window on Accept, pops the record, and video flows both ways', async () => {
    const { softphone, page } = session;
    const interactionId = await placeVideoCall(session, MARIA);
    const pop = softphone.getByRole('region', { name: /Incoming video call from Maria Lopez/ });
    await pop.waitFor();
    const popText = await pop.innerText();
    for (const expected of ['video call', 'Maria Lopez', '+14155550100', 'Video Calls', 'Downtown store']) {
      assert.ok(popText.toLowerCase().includes(expected.toLowerCase()), `call pop shows ${expected}: ${popText}`);
    }
    assert.ok(!popText.includes('Spring campaign'), `a video call's pop has no Ad Source: ${popText}`);

    const opened = page.context().waitForEvent('page');
    await pop.getByRole('button', { name: 'Accept' }).click();
    const videoWindow = await opened;
    await customerState(session, 'connected');
    await videoWindow.getByRole('heading', { name: 'Video call: Maria Lopez' }).waitFor();

    const fromAgent = await eventually('the caller decodes the agent\'s video', () => callerVideoFrames(session), (frames) => frames > 0);
    assert.ok(fromAgent > 0);
    const fromCaller = await eventually('the video window shows the caller\'s video', () => windowCallerFrames(videoWindow), (seen) => seen.frames > 0 && seen.width > 0);
    assert.ok(fromCaller.frames > 0);
    await videoWindow.locator('video.own').waitFor();

    // Screen pop as for any call: the caller's Lead opens in a console tab.
    await page.getByRole('tab', { name: /Maria Lopez/ }).waitFor();
    assert.ok(await softphone.locator(`li[data-id="${interactionId}"]`).getByText('Connected').count() > 0);
  });

  it('turns the camera off and on, mutes, holds and retrieves from the video window', async () => {
    const { page } = session;
    const videoWindow = page.context().pages().find((candidate) => candidate !== page)!;
    const camera = await videoWindow.locator('video.own').evaluateHandle((video) => ((video as HTMLVideoElement).srcObject as MediaStream).getVideoTracks()[0]!);
    await videoWindow.getByRole('button', { name: 'Turn camera off' }).click();
    await videoWindow.getByText('Camera off', { exact: true }).waitFor();
    assert.equal(await videoWindow.locator('video.own').count(), 0);
    assert.equal(await camera.evaluate((track) => track.readyState), 'ended', 'turned off, the camera is closed (its light goes off)');
    await videoWindow.getByRole('button', { name: 'Turn camera on' }).click();
    await videoWindow.locator('video.own').waitFor();

    const mute = videoWindow.getByRole('button', { name: 'Mute' });
    await mute.click();
    await videoWindow.locator('button.unmute[aria-pressed="true"]').waitFor();
    // Mute silences the microphone only: the camera stays on and the caller keeps receiving it.
    await videoWindow.locator('video.own').waitFor();
    const whileMuted = await callerVideoFrames(session);
    await eventually('the agent\'s video at the caller while muted', () => callerVideoFrames(session), (frames) => frames > whileMuted);
    await videoWindow.getByRole('button', { name: 'Mute' }).click();
    await videoWindow.locator('button.mute[aria-pressed="false"]').waitFor();

    await videoWindow.getByRole('button', { name: 'Hold' }).click();
    await videoWindow.getByRole('button', { name: 'Retrieve' }).click();
    await videoWindow.getByRole('button', { name: 'Hold' }).waitFor();
    await customerState(session, 'connected');
  });

  it('asks before ending the call when the agent closes the window; Keep the call keeps it, Show video reopens it, Release ends it', async () => {
    const { page, softphone } = session;
    const interactionId = await page.evaluate(() => window.customerSimulator!.lastInteractionId!);
    const videoWindow = page.context().pages().find((candidate) => candidate !== page)!;
    await videoWindow.close();

    const row = softphone.locator(`li[data-id="${interactionId}"]`);
    const question = row.getByRole('alertdialog');
    await question.getByText('The video window is closed. End the call with Maria Lopez?').waitFor();
    await question.getByRole('button', { name: 'Keep the call' }).click();
    assert.equal(await page.evaluate(() => window.customerSimulator!.state), 'connected');
    await row.getByText('Connected').waitFor();

    const reopened = page.context().waitForEvent('page');
    await row.getByRole('button', { name: 'Show video' }).click();
    const again = await reopened;
    await eventually('the reopened window shows the caller\'s video', () => windowCallerFrames(again), (seen) => seen.frames > 0);
    assert.equal(await row.getByRole('button', { name: 'Show video' }).count(), 0);

    const closed = again.waitForEvent('close');
    await again.getByRole('button', { name: 'Release' }).click();
    await customerState(session, 'ended');
    await closed;
    await softphone.getByRole('button', { name: 'Done' }).click();
  });

  it('rejects a video call to the queue: the agent goes Inactive, the next agent rings with the same call pop, accepts, and video flows', async () => {
    const { softphone, page } = session;
    const next = await openSecondAgent(session, 'emile.durand');
    try {
      await softphone.getByLabel(/Set status|Next/).selectOption({ label: 'Ready' });
      await simulatorCalls(session, 'queue-video');
      const interactionId = await placeVideoCall(session, { ...MARIA, name: 'Ann Video' });
      const pop = softphone.getByRole('region', { name: /Incoming video call from Ann Video/ });
      await pop.getByRole('button', { name: 'Reject' }).click();
      await softphone.locator('cp-agent-state').getByText('Inactive').first().waitFor();

      // The queue offers the call to the second agent: the same pop, from the same platform headers.
      const offered = next.softphone.getByRole('region', { name: /Incoming video call from Ann Video/ });
      await offered.waitFor();
      const popText = await offered.innerText();
      for (const expected of ['video call', 'Ann Video', '+14155550100', 'Video Calls', 'Downtown store']) {
        assert.ok(popText.toLowerCase().includes(expected.toLowerCase()), `the next agent's call pop shows ${expected}: ${popText}`);
      }
      assert.equal(await page.evaluate(() => window.customerSimulator!.state), 'ringing', 'the caller still rings: the reject did not end the call');
      const opened = next.page.context().waitForEvent('page');
      await offered.getByRole('button', { name: 'Accept' }).click();
      const videoWindow = await opened;
      await customerState(session, 'connected');
      await videoWindow.getByRole('heading', { name: 'Video call: Ann Video' }).waitFor();
      assert.ok((await eventually('the caller decodes the second agent\'s video', () => callerVideoFrames(session), (frames) => frames > 0)) > 0);
      const seen = await eventually('the second agent\'s video window shows the caller', () => windowCallerFrames(videoWindow), (frames) => frames.frames > 0 && frames.width > 0);
      assert.ok(seen.frames > 0);
      assert.equal(await page.evaluate(() => window.customerSimulator!.lastInteractionId), interactionId);
      assert.equal(page.context().pages().length, 1, 'no video window for the agent who rejected');
      await softphone.locator('cp-agent-state').getByText('Inactive').first().waitFor();

      await videoWindow.getByRole('button', { name: 'Release' }).click();
      await customerState(session, 'ended');
    } finally {
      await simulatorCalls(session, 'agent1');
      await next.close();
    }
  });
});

describe('a video call accepted without a camera', () => {
  let session: ConsoleSession;

  before(async () => {
    session = await openReadySession({}, {}, '&softphoneCamera=blocked');
  });

  after(async () => {
    await session?.close();
  });

  it('goes ahead: the caller hears the agent, the agent sees the caller, and the window says the camera is off', async () => {
    const { softphone, page } = session;
    // A caller who gave no name, from a number no record has: the name and Call To stay blank, and the greeting pops.
    const popsBefore = await page.evaluate(() => window.localConsole!.screenPops.length);
    const interactionId = await placeVideoCall(session, { number: '+14155550199', queue: 'Video Calls' });
    const pop = softphone.getByRole('region', { name: 'Incoming video call from +14155550199, queue Video Calls' });
    await pop.waitFor();
    assert.deepEqual(
      await pop.evaluate((region) => ['.name', '.number', '.location'].map((field) => region.querySelector(field)?.textContent?.trim())),
      ['', '+14155550199', ''],
      `blank fields: ${await pop.innerText()}`,
    );
    const opened = page.context().waitForEvent('page');
    await pop.getByRole('button', { name: 'Accept' }).click();
    const videoWindow = await opened;
    await customerState(session, 'connected');
    await videoWindow.getByRole('heading', { name: 'Video call: +14155550199' }).waitFor();
    await page.waitForFunction((n) => window.localConsole!.screenPops.length > n, popsBefore);
    const greeting = (await page.evaluate((n) => window.localConsole!.screenPops.slice(n), popsBefore))[0];
    assert.equal(greeting?.type, 'NEW_RECORD_MODAL', `the greeting pops for an unknown number: ${JSON.stringify(greeting)}`);
    assert.equal(greeting?.defaultFieldValues?.['Phone'], '+14155550199');

    await videoWindow.getByText('Camera off: the browser blocks the camera').waitFor();
    assert.equal(await videoWindow.getByRole('button', { name: 'Turn camera on' }).count(), 1, 'the window offers to try the camera again');
    await eventually('the video window shows the caller\'s video', () => windowCallerFrames(videoWindow), (seen) => seen.frames > 0 && seen.width > 0);
    const caller = await eventually(
      'the caller receives the agent\'s audio',
      () => page.evaluate(() => window.customerSimulator!.mediaStats()),
      (stats) => stats.bytesReceived > 0,
    );
    assert.equal(caller.videoFramesDecoded, 0, 'no video from an agent without a camera');
    await softphone.getByText(/CAMERA_UNAVAILABLE|Your camera is off for this video call/).first().waitFor();
    assert.equal(await page.evaluate(() => window.customerSimulator!.state), 'connected');

    await videoWindow.getByRole('button', { name: 'Release' }).click();
    await customerState(session, 'ended');
    assert.ok(interactionId);
  });
});

/**
 * A stretch of the call in which nothing is awaited (ms): the agent's fake camera would send
 * dozens of frames in it. Only for checks that frames do NOT arrive; no timing is asserted.
 */
function aStretchOfTheCall(page: Page, ms: number): Promise<void> {
  return page.waitForTimeout(ms);
}

describe('a camera turned on during a video call accepted without one', () => {
  let session: ConsoleSession;
  let origin: string;

  before(async () => {
    // Without the fake prompt Chromium answers the camera as the site's permission says: the
    // microphone is allowed, the camera not (yet).
    session = await openConsoleSession({}, undefined, '&customerCamera=painted', { leaveOut: ['--use-fake-ui-for-media-stream'] });
    origin = new URL(session.console.url).origin;
    await session.page.context().grantPermissions(['microphone'], { origin });
    await chooseAgentStatus(session, 'Ready');
    await session.softphone.getByText('Phone ready').waitFor();
  });

  after(async () => {
    await session?.close();
  });

  it('tells the agent while the camera is still blocked; once allowed, Turn camera on sends it and the caller decodes it; hold lets it go, retrieve brings it back', async (t) => {
    const { softphone, page } = session;
    await placeVideoCall(session, { ...MARIA, name: 'Carla Camera' });
    const pop = softphone.getByRole('region', { name: /Incoming video call from Carla Camera/ });
    const opened = page.context().waitForEvent('page');
    await pop.getByRole('button', { name: 'Accept' }).click();
    const videoWindow = await opened;
    await customerState(session, 'connected');
    await videoWindow.getByText('Camera off: the browser blocks the camera').waitFor();
    await eventually('the caller hears the agent', () => page.evaluate(() => window.customerSimulator!.mediaStats()), (stats) => stats.bytesReceived > 0);
    assert.equal(await callerVideoFrames(session), 0, 'no video from an agent whose camera is blocked');

    // Still blocked: the agent is told what to do, and the call goes on.
    await videoWindow.getByRole('button', { name: 'Turn camera on' }).click();
    await softphone.getByText(/Your camera could not be turned on: the browser refused the camera to ContactPad\..*Allow the camera in the site settings/).waitFor();
    await videoWindow.getByText('Camera off: the browser blocks the camera').waitFor();
    assert.equal(await page.evaluate(() => window.customerSimulator!.state), 'connected');

    // The agent allows the camera in the site settings and turns it on: the caller receives it.
    await page.context().grantPermissions(['microphone', 'camera'], { origin });
    const turnedOnAt = Date.now();
    await videoWindow.getByRole('button', { name: 'Turn camera on' }).click();
    await videoWindow.locator('video.own').waitFor();
    await videoWindow.getByRole('button', { name: 'Turn camera off' }).waitFor();
    const first = await eventually('the caller decodes the agent\'s video', () => callerVideoFrames(session), (frames) => frames > 0);
    const firstFrameMs = Date.now() - turnedOnAt;
    await eventually('more of the agent\'s video at the caller', () => callerVideoFrames(session), (frames) => frames > first);
    const camera = await videoWindow.locator('video.own').evaluateHandle((video) => ((video as HTMLVideoElement).srcObject as MediaStream).getVideoTracks()[0]!);
    assert.equal(await camera.evaluate((track) => track.readyState), 'live');

    // Hold: the camera is let go (its track ended: the light goes off), the caller receives no frames.
    await videoWindow.getByRole('button', { name: 'Hold' }).click();
    await videoWindow.getByRole('button', { name: 'Retrieve' }).waitFor();
    await videoWindow.getByText('Camera paused while the call is on hold').waitFor();
    assert.equal(await camera.evaluate((track) => track.readyState), 'ended', "the agent's camera is closed on hold");
    await aStretchOfTheCall(page, 500);
    const held = await callerVideoFrames(session);
    await aStretchOfTheCall(page, 2000);
    assert.equal(await callerVideoFrames(session), held, 'no frames from the agent while the call is held');

    // Retrieve: the camera opens again and the caller decodes the agent's video again.
    const retrievedAt = Date.now();
    await videoWindow.getByRole('button', { name: 'Retrieve' }).click();
    await videoWindow.getByRole('button', { name: 'Hold' }).waitFor();
    await videoWindow.locator('video.own').waitFor();
    await eventually('the agent\'s video at the caller again after the retrieve', () => callerVideoFrames(session), (frames) => frames > held);
    t.diagnostic(`Turn camera on (re-INVITE) -> first agent frame decoded at the caller ${firstFrameMs} ms; frames decoded before hold ${held}, new ones in 2 s of hold 0; Retrieve -> frames again ${Date.now() - retrievedAt} ms`);
    assert.equal(await page.evaluate(() => window.customerSimulator!.state), 'connected');

    await videoWindow.getByRole('button', { name: 'Release' }).click();
    await customerState(session, 'ended');
  });
});
