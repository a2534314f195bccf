/**
 * `<cp-video-window>` with a real window: a same-origin iframe's window stands in for the one
 * window.open gives (a test cannot open a window without the agent's click), so what the element
 * renders into it, and what happens when it goes away, are the browser's own.
 */
import { expect, fixture, html } from '@open-wc/testing';
import './cp-video-window.ts';
import type { CpVideoWindow } from './cp-video-window.ts';
import type { InteractionView, VideoView } from '../../adapter/src/store.ts';
import { view } from '../test-support/snapshots.ts';
import { getByRole, queryAllByRole, recordIntents, shownText } from '../test-support/queries.ts';
import { openedVideoWindows } from './video-window-opener.ts';
import { waitFor } from '../../adapter/test-support/wait-for.ts';

/** Each test's call has an id of its own (the last test's element lets go of its call's window when it leaves). */
let ID = 'ci-video-0';
let calls = 0;

/** A moving picture (a canvas that is drawn on), as a camera's stream. */
function picture(): MediaStream {
  const canvas = document.createElement('canvas');
  canvas.width = 160;
  canvas.height = 120;
  canvas.getContext('2d')!.fillRect(0, 0, 10, 10);
  return canvas.captureStream(10);
}

function videoCall(video: Partial<VideoView> = {}, state: 'connected' | 'held' | 'wrap-up' = 'connected'): InteractionView {
  return view(
    { id: ID, channel: 'video', state, callerName: 'Maria Lopez' },
    {
      actions: state === 'connected' ? ['release', 'hold', 'consult', 'transfer', 'mute', 'send-dtmf'] : state === 'held' ? ['retrieve', 'release', 'mute'] : [],
      video: { camera: 'on', picture: 'shown', remote: picture(), local: picture(), ...video },
    },
  );
}

/** A same-origin window (an iframe's) handed to the element as its video window. */
function aWindow(): { frame: HTMLIFrameElement; win: Window } {
  const frame = document.createElement('iframe');
  document.body.append(frame);
  return { frame, win: frame.contentWindow! };
}

async function withWindow(callView: InteractionView) {
  const { frame, win } = aWindow();
  openedVideoWindows.set(ID, win);
  const element = await fixture<CpVideoWindow>(html`<cp-video-window .view=${callView}></cp-video-window>`);
  await element.updateComplete;
  return { element, frame, win, doc: win.document };
}

describe('<cp-video-window>', () => {
  beforeEach(() => {
    calls += 1;
    ID = `ci-video-${calls}`;
  });
  afterEach(() => openedVideoWindows.clear());

  it("shows the caller's video, the agent's camera and the controls in the window, titled for the caller", async () => {
    const { doc } = await withWindow(videoCall());
    expect(doc.title).to.equal('Video call: Maria Lopez');
    expect(doc.querySelector<HTMLVideoElement>('video.caller')?.srcObject).to.be.instanceOf(MediaStream);
    expect(doc.querySelector('video.caller')?.getAttribute('aria-label')).to.equal("Maria Lopez's video");
    expect(doc.querySelector<HTMLVideoElement>('video.own')?.srcObject).to.be.instanceOf(MediaStream);
    expect(queryAllByRole(doc.body, 'button').map(shownText)).to.deep.equal(['Turn camera off', 'Mute', 'Hold', 'Release']);
  });

  it("fires the window's buttons as intents from the element, in the console's document", async () => {
    const { element, doc } = await withWindow(videoCall());
    const fired = recordIntents(element);
    for (const name of ['Turn camera off', 'Mute', 'Hold', 'Release']) getByRole(doc.body, 'button', { name }).click();
    expect(fired.intents).to.deep.equal([
      { type: 'camera', interactionId: ID, on: false },
      { type: 'mute', interactionId: ID },
      { type: 'hold', interactionId: ID },
      { type: 'release', interactionId: ID },
    ]);
  });

  it('says the camera is off and why when the call has no camera, and offers to turn it on (to try again)', async () => {
    const { element, doc } = await withWindow(videoCall({ camera: 'busy', local: undefined }));
    expect(shownText(doc.querySelector('.camera-off')!)).to.equal('Camera off: another application is using the camera');
    expect(doc.querySelector('video.own')).to.equal(null);
    expect(queryAllByRole(doc.body, 'button').map(shownText)).to.deep.equal(['Turn camera on', 'Mute', 'Hold', 'Release']);
    const fired = recordIntents(element);
    getByRole(doc.body, 'button', { name: 'Turn camera on' }).click();
    expect(fired.intents).to.deep.equal([{ type: 'camera', interactionId: ID, on: true }]);
  });

  it('offers Turn camera on once the agent turned it off, and Retrieve while held', async () => {
    const { doc } = await withWindow(videoCall({ camera: 'off' }, 'held'));
    expect(shownText(doc.querySelector('.camera-off')!)).to.equal('Camera off');
    expect(queryAllByRole(doc.body, 'button').map(shownText)).to.deep.equal(['Turn camera on', 'Mute', 'Retrieve', 'Release']);
  });

  it('says the camera is paused while the call is on hold, and lets the agent turn it off for good', async () => {
    const { element, doc } = await withWindow(videoCall({ camera: 'paused', local: undefined }, 'held'));
    expect(shownText(doc.querySelector('.camera-off')!)).to.equal('Camera paused while the call is on hold');
    expect(doc.querySelector('video.own')).to.equal(null);
    const fired = recordIntents(element);
    getByRole(doc.body, 'button', { name: 'Turn camera off' }).click();
    expect(fired.intents).to.deep.equal([{ type: 'camera', interactionId: ID, on: false }]);
  });

  it('says the camera is turning on while it starts, and follows it as it comes on', async () => {
    const { element, doc } = await withWindow(videoCall({ camera: 'starting', local: undefined }));
    expect(shownText(doc.querySelector('.camera-off')!)).to.equal('Camera turning on…');
    expect(queryAllByRole(doc.body, 'button').map(shownText)[0]).to.equal('Turn camera off');
    element.view = videoCall({ camera: 'on' });
    await element.updateComplete;
    expect(doc.querySelector<HTMLVideoElement>('video.own')?.srcObject).to.be.instanceOf(MediaStream);
    expect(doc.querySelector('.camera-off')).to.equal(null);
  });

  it('keeps showing the camera on while the microphone is muted', async () => {
    const muted = videoCall();
    const { doc } = await withWindow({ ...muted, actions: ['release', 'hold', 'unmute'] });
    expect(doc.querySelector<HTMLVideoElement>('video.own')?.srcObject).to.be.instanceOf(MediaStream);
    expect(queryAllByRole(doc.body, 'button').map(shownText)).to.deep.equal(['Turn camera off', 'Mute', 'Hold', 'Release']);
  });

  it("says the call goes on with audio when the caller's video cannot be shown", async () => {
    const { doc } = await withWindow(videoCall({ picture: 'audio-only', camera: 'none', remote: undefined, local: undefined }));
    expect(shownText(doc.querySelector('.audio-only')!)).to.equal("The caller's video cannot be shown in this browser: the call goes on with audio.");
    expect(doc.querySelector('video.caller')).to.equal(null);
    expect(queryAllByRole(doc.body, 'button').map(shownText), 'no camera for a call that carries no video').to.deep.equal(['Mute', 'Hold', 'Release']);
  });

  it('asks before ending the call when the window closes: Keep the call keeps it and offers Show video', async () => {
    const { element, frame } = await withWindow(videoCall());
    const fired = recordIntents(element);
    expect(queryAllByRole(element, 'button')).to.have.length(0);
    frame.remove();
    const question = await waitFor('the question', () => queryAllByRole(element, 'alertdialog')[0]);
    expect(shownText(question)).to.equal('The video window is closed. End the call with Maria Lopez? Keep the call End call');
    getByRole(element, 'button', { name: 'Keep the call' }).click();
    await element.updateComplete;
    expect(queryAllByRole(element, 'button').map(shownText)).to.deep.equal(['Show video']);
    expect(fired.intents).to.deep.equal([]);
  });

  it('ends the call only when the agent says End call', async () => {
    const { element, frame } = await withWindow(videoCall());
    const fired = recordIntents(element);
    frame.remove();
    await waitFor('the question', () => queryAllByRole(element, 'alertdialog')[0]);
    getByRole(element, 'button', { name: 'End call' }).click();
    await element.updateComplete;
    expect(fired.intents).to.deep.equal([{ type: 'release', interactionId: ID }]);
    expect(queryAllByRole(element, 'button')).to.have.length(0);
  });

  it('says the browser blocked the window, and offers Show video', async () => {
    openedVideoWindows.set(ID, null);
    const element = await fixture<CpVideoWindow>(html`<cp-video-window .view=${videoCall()}></cp-video-window>`);
    expect(shownText(element)).to.equal('The browser blocked the video window: allow pop-ups for ContactPad, then press Show video. Show video');
    expect(element.windowState).to.equal('blocked');
  });

  it('is done with the window once the call is over: nothing shown, nothing asked', async () => {
    const { element, frame } = await withWindow(videoCall());
    element.view = videoCall({}, 'wrap-up');
    await element.updateComplete;
    expect(element.windowState).to.equal('gone');
    frame.remove();
    await element.updateComplete;
    expect(element.windowState).to.equal('gone');
    expect(queryAllByRole(element, 'alertdialog')).to.have.length(0);
    expect(shownText(element)).to.equal('');
  });
});
