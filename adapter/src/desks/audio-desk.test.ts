/**
 * The audio desk with the real telephony room for the agent's devices (AudioDevices over the
 * test browser's fake devices). The test browser grants the microphone to every page
 * (--use-fake-ui-for-media-stream, scripts/chromium.mjs), so a blocked microphone is the
 * browser's answer played by a stand-in for navigator.permissions; e2e/ringing-and-devices.test.ts
 * blocks it for real through Chromium's DevTools.
 */
import { expect } from '@open-wc/testing';
import { testDesks } from '../../test-support/desk-rig.ts';
import { audioDevicesForTest, audioInputs, audioOutputs, memoryStorage } from '../../test-support/audio-devices-rig.ts';
import { UnpluggableDevices } from '../../test-support/fake-media-devices.ts';
import type { AudioDevicesListener, AudioDevicesOptions } from '../telephony/audio-devices.ts';

/** What navigator.permissions.query answers for the microphone. */
function permission(state: PermissionState): Pick<Permissions, 'query'> {
  return { query: () => Promise.resolve({ state, name: 'microphone' } as unknown as PermissionStatus) };
}

/** The desks with the audio room attached, its events routed to them as the switchboard routes them. */
function desksWithAudio(options: Partial<AudioDevicesOptions> = {}) {
  const desks = testDesks();
  const listener: AudioDevicesListener = {
    audioDevicesChanged: (view) => desks.audio.devicesChanged(view),
    audioNotice: (error) => desks.notices.notify(error),
    ringtoneBlocked: (blocked) => desks.audio.ringtoneBlocked(blocked),
  };
  const { audio, storage } = audioDevicesForTest({ listener, ...options });
  desks.rooms.audio = audio;
  return { desks, audio, storage };
}

describe('the audio desk', () => {
  it('an agent whose browser blocks the microphone stays Not Ready, told plainly what is missing (MICROPHONE_BLOCKED)', async () => {
    const { desks } = desksWithAudio({ permissions: permission('denied') });
    await desks.agent.choose({ status: 'ready' });
    expect(desks.store.snapshot.agent).to.include({ status: 'not-ready', reason: 'Microphone blocked' });
    expect(desks.store.snapshot.notices.map((notice) => [notice.code, notice.message])).to.deep.equal([
      [
        'MICROPHONE_BLOCKED',
        'ContactPad cannot use a microphone: the browser blocked it for this site. Allow it in the address bar\'s site settings, then try Ready again.',
      ],
    ]);
  });

  it('an agent with no microphone connected stays Not Ready (MICROPHONE_MISSING)', async () => {
    const media = new UnpluggableDevices();
    for (const device of await navigator.mediaDevices.enumerateDevices()) if (device.kind === 'audioinput') media.unplug(device.deviceId);
    const { desks } = desksWithAudio({ media, permissions: permission('granted') });
    await desks.agent.choose({ status: 'ready' });
    expect(desks.store.snapshot.agent).to.include({ status: 'not-ready', reason: 'No microphone' });
    expect(desks.store.snapshot.notices.map((notice) => notice.code)).to.deep.equal(['MICROPHONE_MISSING']);
    expect(desks.store.snapshot.notices[0]?.message).to.match(/^No microphone is connected\./);
  });

  it('goes Ready once a microphone can be used; not asked yet, it is opened once (the browser asks) and closed', async () => {
    const media = new UnpluggableDevices();
    const { desks } = desksWithAudio({ media, permissions: permission('prompt') });
    await desks.agent.choose({ status: 'ready' });
    expect(desks.store.snapshot.agent.status).to.equal('ready');
    expect(media.opened, 'the probe').to.deep.equal(['']);
    expect(desks.store.snapshot.notices).to.deep.equal([]);
  });

  it('a choice made while the microphone is checked wins over the check', async () => {
    const { desks } = desksWithAudio({ permissions: permission('denied') });
    const checking = desks.agent.choose({ status: 'ready' });
    desks.agent.choose({ status: 'offline' });
    await checking;
    expect(desks.store.snapshot.agent.status).to.equal('offline');
  });

  it('without the audio room (a phone not started) Ready is chosen at once, as before', () => {
    const desks = testDesks();
    desks.agent.choose({ status: 'ready' });
    expect(desks.store.snapshot.agent.status).to.equal('ready');
  });

  it('"Click anywhere in ContactPad to let it ring" while the ringtone waits for a click, gone once it rings', () => {
    const desks = testDesks();
    desks.audio.ringtoneBlocked(true);
    expect(desks.store.snapshot.notices.map((notice) => [notice.code, notice.message])).to.deep.equal([['RINGTONE_BLOCKED', 'Click anywhere in ContactPad to let it ring.']]);
    desks.audio.ringtoneBlocked(false);
    expect(desks.store.snapshot.notices).to.deep.equal([]);
  });

  it('lists the devices with their names, and saves the agent\'s choices for the next session', async () => {
    const storage = memoryStorage();
    const { desks } = desksWithAudio({ storage });
    const [microphone] = await audioInputs();
    const [, output] = await audioOutputs();
    if (!microphone || !output) throw new Error('The test browser lists no fake devices');
    await desks.audio.listDevices();
    const listed = desks.store.snapshot.audio;
    expect(listed.named).to.equal(true);
    expect(listed.microphones.map((device) => device.label)).to.include(microphone.label);
    expect(listed.outputs.map((device) => device.label)).to.include(output.label);
    await desks.audio.choose('microphone', microphone.deviceId);
    await desks.audio.choose('ringer', output.deviceId);
    desks.audio.setRingVolume(35);
    expect(desks.store.snapshot.audio.chosen).to.deep.equal({ microphone: microphone.deviceId, speaker: '', ringer: output.deviceId, ringVolume: 35 });
    const { audio: nextSession } = audioDevicesForTest({ storage });
    expect(nextSession.preferences).to.deep.equal({ microphone: microphone.deviceId, speaker: '', ringer: output.deviceId, ringVolume: 35 });
  });

  it('refuses a volume that is not a number and a device that is not connected; the choices stay', async () => {
    const { desks } = desksWithAudio();
    await desks.audio.listDevices();
    expect(() => desks.audio.setRingVolume(Number.NaN)).to.throw(/0 to 100/);
    desks.audio.setRingVolume(250);
    expect(desks.store.snapshot.audio.chosen.ringVolume, 'kept within 0-100').to.equal(100);
    const error = await desks.audio.choose('speaker', 'no-such-headset').then(() => undefined, (e: unknown) => e);
    expect(error).to.have.property('code', 'AUDIO_DEVICE_FAILED');
    expect(desks.store.snapshot.audio.chosen.speaker).to.equal('');
  });
});
