/**
 * The agent's devices on real calls through the suite's Kamailio: the microphone a call opens,
 * the output its sound plays on (HTMLMediaElement.setSinkId: the element's sinkId), choices
 * made during a call, and a headset unplugged mid-call. The devices are the test browser's fake
 * ones (Fake Audio Input 1 and 2, Fake Audio Output 1 and 2); unplugging is played by
 * UnpluggableDevices in front of navigator.mediaDevices (fake devices cannot be taken away).
 */
import { expect } from '@open-wc/testing';
import { CallRig, audioTransceiver, sessionBytesReceived } from '../../test-support/sip-calls.ts';
import { audioDevicesForTest, audioInputs, audioOutputs } from '../../test-support/audio-devices-rig.ts';
import { UnpluggableDevices } from '../../test-support/fake-media-devices.ts';
import { waitFor } from '../../test-support/wait-for.ts';

/** The device the agent's side of a call sends from. */
function microphoneOf(agentPc: RTCPeerConnection): string | undefined {
  return audioTransceiver(agentPc).sender.track?.getSettings().deviceId;
}

/** Two fake microphones and two fake outputs besides the defaults. */
async function fakeDevices() {
  const [micA, micB] = await audioInputs();
  const [outA, outB] = await audioOutputs();
  if (!micA || !micB || !outA || !outB) throw new Error('The test browser lists fewer fake devices than expected');
  return { micA: micA.deviceId, micB: micB.deviceId, outA: outA.deviceId, outB: outB.deviceId };
}

/**
 * The agent's devices with the headset chosen (Fake Audio Input 1 as microphone, Fake Audio
 * Output 1 as speaker), listed and followed through `media`, where it can be unplugged.
 */
async function headsetChosen() {
  const devices = await fakeDevices();
  const media = new UnpluggableDevices();
  const { audio, listener } = audioDevicesForTest({ media });
  audio.start();
  await audio.list(true);
  await audio.choose('microphone', devices.micA);
  await audio.choose('speaker', devices.outA);
  return { ...devices, media, audio, listener };
}

describe('Phone: the agent\'s microphone and speaker on calls', () => {
  const rig = new CallRig();
  afterEach(rig.tearDown);

  it('a call opens the chosen microphone and plays on the chosen speaker (setSinkId)', async () => {
    const { micA, outA, audio } = await headsetChosen();
    const parts = await rig.setup({ audio });
    const call = await rig.answeredCall(parts, 'dev-chosen-1');
    expect(microphoneOf(call.agentPc)).to.equal(micA);
    await waitFor('the call to play on the chosen speaker', () => parts.phone.speakerOf(call.callId) === outA);
  });

  it('a choice made during a call moves it at once: the other microphone (the far end still hears the agent) and the other speaker', async () => {
    const { micB, outB, audio } = await headsetChosen();
    const parts = await rig.setup({ audio });
    const call = await rig.answeredCall(parts, 'dev-live-1');
    await audio.choose('microphone', micB);
    await audio.choose('speaker', outB);
    await waitFor('the call to send from the other microphone', () => microphoneOf(call.agentPc) === micB);
    await waitFor('the call to play on the other speaker', () => parts.phone.speakerOf(call.callId) === outB);
    const before = await sessionBytesReceived(call.inviter);
    await waitFor('audio still reaching the customer', async () => (await sessionBytesReceived(call.inviter)) > before + 1000);
  });

  it('a headset unplugged mid-call: the call falls back to the default microphone and speaker, and the agent is told', async () => {
    const { micA, outA, media, audio, listener } = await headsetChosen();
    const parts = await rig.setup({ audio });
    const call = await rig.answeredCall(parts, 'dev-unplug-1');
    expect(microphoneOf(call.agentPc)).to.equal(micA);

    media.unplug(micA);
    media.unplug(outA);
    await waitFor('the call to send from the default microphone', () => microphoneOf(call.agentPc) === 'default');
    await waitFor('the call to play on the default output', () => parts.phone.speakerOf(call.callId) === '');
    expect(listener.notices.map((notice) => notice.code)).to.deep.equal(['AUDIO_DEVICE_LOST', 'AUDIO_DEVICE_LOST']);
    expect(listener.notices[0]?.message).to.match(/^The microphone “Fake Audio Input 1” was disconnected: ContactPad uses the default microphone now\./);
    const before = await sessionBytesReceived(call.inviter);
    await waitFor('audio still reaching the customer', async () => (await sessionBytesReceived(call.inviter)) > before + 1000);
    expect(audio.preferences, 'the choice is kept for when it comes back').to.include({ microphone: micA, speaker: outA });
  });

  it('plugged in again, the headset is not taken back by the call in progress, but the next call uses it', async () => {
    const { micA, outA, media, audio } = await headsetChosen();
    const parts = await rig.setup({ audio });
    const first = await rig.answeredCall(parts, 'dev-back-1');
    media.unplug(micA);
    media.unplug(outA);
    await waitFor('the fallback', () => microphoneOf(first.agentPc) === 'default' && parts.phone.speakerOf(first.callId) === '');
    media.plugIn(micA);
    media.plugIn(outA);
    await waitFor('the devices to be listed again', () => audio.microphoneForNewCall() === micA && audio.speakerForNewCall() === outA);
    expect(microphoneOf(first.agentPc), 'the call in progress keeps the default microphone').to.equal('default');
    expect(parts.phone.speakerOf(first.callId), 'and the default speaker').to.equal('');

    await parts.phone.release(first.callId);
    const second = await rig.answeredCall(parts, 'dev-back-2');
    expect(microphoneOf(second.agentPc)).to.equal(micA);
    await waitFor('the next call to play on the headset', () => parts.phone.speakerOf(second.callId) === outA);
  });

  it('a call answered while the chosen microphone is gone opens the default one', async () => {
    const { micA, media, audio } = await headsetChosen();
    media.unplug(micA);
    await waitFor('the list without it', () => audio.microphoneForNewCall() === '');
    const parts = await rig.setup({ audio });
    const call = await rig.answeredCall(parts, 'dev-gone-1');
    expect(microphoneOf(call.agentPc)).to.equal('default');
  });
});
