/**
 * The phone rings aloud through the real SIP server: a customer (sip.js in the page) calls
 * the agent's phone through the suite's Kamailio, and the ringtone (ringer.ts, the shipped
 * ringtone.wav) plays while the call rings and stops at each way a ringing call can end.
 */
import { expect } from '@open-wc/testing';
import { SessionState } from 'sip.js';
import { CallRig, type RigParts } from '../../test-support/sip-calls.ts';
import { audioDevicesForTest, audioOutputs, recordPlayingElements } from '../../test-support/audio-devices-rig.ts';
import { waitFor } from '../../test-support/wait-for.ts';
import type { AudioDevices } from './audio-devices.ts';

describe('Phone: the ringtone of an incoming call', () => {
  const rig = new CallRig();
  afterEach(rig.tearDown);

  async function setup(): Promise<RigParts & { audio: AudioDevices }> {
    const { audio } = audioDevicesForTest();
    const parts = await rig.setup({ audio });
    return { ...parts, audio };
  }

  /** Waits until the ringtone plays and moves on. */
  async function ringing(audio: AudioDevices): Promise<void> {
    const at = await waitFor('the ringtone to play', () => audio.ringtoneStatus().playing && audio.ringtoneStatus().currentTime);
    await waitFor('the ringtone to move on', () => audio.ringtoneStatus().currentTime !== at);
  }

  const silent = (audio: AudioDevices) => !audio.ringtoneStatus().ringing && !audio.ringtoneStatus().playing;

  /** A customer's call ringing at the agent, the ringtone playing. */
  async function ringingCall(interactionId: string) {
    const parts = await setup();
    const inviter = await rig.ringingCall(parts, interactionId);
    await ringing(parts.audio);
    return { ...parts, inviter };
  }

  it('rings while the call rings and stops the moment the agent accepts', async () => {
    const parts = await ringingCall('ring-accept-1');
    const answering = parts.phone.accept('ring-accept-1');
    expect(silent(parts.audio), 'silent as soon as Accept is pressed').to.equal(true);
    await answering;
    expect(silent(parts.audio)).to.equal(true);
  });

  it('rings on the ringer the agent chose, at the volume they set', async () => {
    const [, ringerDevice] = await audioOutputs();
    if (!ringerDevice) throw new Error('The test browser lists fewer fake outputs than expected');
    const { audio } = audioDevicesForTest();
    await audio.list(true);
    await audio.choose('ringer', ringerDevice.deviceId);
    audio.setRingVolume(40);
    const parts = await rig.setup({ audio });
    await rig.ringingCall(parts, 'ring-sink-1');
    await ringing(audio);
    expect(audio.ringtoneStatus()).to.include({ sinkId: ringerDevice.deviceId, volume: 0.4 });
  });

  it('stops when the agent rejects', async () => {
    const parts = await ringingCall('ring-reject-1');
    await parts.phone.reject('ring-reject-1');
    expect(silent(parts.audio)).to.equal(true);
  });

  it('stops when the caller hangs up while it rings (CANCEL)', async () => {
    const { inviter, ...parts } = await ringingCall('ring-cancel-1');
    await inviter.cancel();
    expect(await parts.listener.endOf('ring-cancel-1')).to.deep.equal({ reason: 'caller-cancelled' });
    expect(silent(parts.audio)).to.equal(true);
  });

  it('stops when the call is answered elsewhere (CANCEL with Reason: SIP;cause=200)', async () => {
    const { inviter, ...parts } = await ringingCall('ring-elsewhere-1');
    // What a forking proxy sends the phones that lost the race (RFC 3326).
    await inviter.cancel({ extraHeaders: ['Reason: SIP;cause=200;text="Call completed elsewhere"'] });
    // Kamailio passes the Reason on with the CANCEL (tm's e2e_cancel_reason): not a missed call.
    expect(await parts.listener.endOf('ring-elsewhere-1')).to.deep.equal({ reason: 'answered-elsewhere' });
    expect(silent(parts.audio)).to.equal(true);
  });

  it('stops when the agent goes Offline (the phone stops and hangs the call up)', async () => {
    const { inviter, ...parts } = await ringingCall('ring-offline-1');
    await parts.phone.stop();
    expect(silent(parts.audio)).to.equal(true);
    await waitFor('the caller to be told', () => inviter.state === SessionState.Terminated);
  });

  it('rings one ringtone for two calls, which goes on while either rings', async () => {
    const played = recordPlayingElements();
    try {
      const parts = await setup();
      const first = await rig.ringingCall(parts, 'ring-two-1');
      await rig.ringingCall(parts, 'ring-two-2');
      await ringing(parts.audio);
      await first.cancel();
      await parts.listener.endOf('ring-two-1');
      expect(parts.audio.ringtoneStatus().playing, 'the second call still rings').to.equal(true);
      await parts.phone.reject('ring-two-2');
      expect(silent(parts.audio)).to.equal(true);
      expect(played.elements.size, 'one ringtone element played').to.equal(1);
    } finally {
      played.restore();
    }
  });

  it('does not ring for a call the agent places (its ringback is the far end\'s early media)', async () => {
    const parts = await setup();
    const callee = await rig.registeredCallee(parts.wsUrl);
    await parts.phone.dial(`sip:${callee.user}@127.0.0.1`);
    await waitFor('the callee to ring', () => callee.incoming[0]);
    expect(silent(parts.audio)).to.equal(true);
  });
});
