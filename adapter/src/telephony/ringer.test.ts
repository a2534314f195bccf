import { expect } from '@open-wc/testing';
import type { ContactPadError } from '../model/errors.ts';
import { Ringer, type RingerListener } from './ringer.ts';
import { audioOutputs, recordPlayingElements, refuseAutoplay, RINGTONE_URL } from '../../test-support/audio-devices-rig.ts';
import { waitFor } from '../../test-support/wait-for.ts';

/** A listener that keeps what the ringer says. */
function listener() {
  const blocked: boolean[] = [];
  const failures: ContactPadError[] = [];
  const ringerListener: RingerListener = { blocked: (value) => void blocked.push(value), failed: (error) => void failures.push(error) };
  return { blocked, failures, ringerListener };
}

/** Waits until the ringtone plays and its position moves on. */
async function sounding(ringer: Ringer): Promise<void> {
  const first = await waitFor('the ringtone to play', () => ringer.status().playing && ringer.status().currentTime > 0 && ringer.status().currentTime);
  await waitFor('the ringtone to move on', () => ringer.status().currentTime !== first);
}

describe('Ringer: the ringtone', () => {
  const ringers: Ringer[] = [];
  afterEach(() => {
    for (const ringer of ringers.splice(0)) ringer.silenceAll();
  });
  function ringer(...args: Partial<ConstructorParameters<typeof Ringer>>): Ringer {
    const made = new Ringer(args[0] ?? RINGTONE_URL, args[1] ?? listener().ringerListener, args[2]);
    ringers.push(made);
    return made;
  }

  it('plays the shipped ringtone, looping, while a call rings, and stops when it no longer rings', async () => {
    const ring = ringer();
    ring.ring('call-1');
    await sounding(ring);
    ring.silence('call-1');
    expect(ring.status()).to.include({ ringing: false, playing: false });
  });

  it('rings one ringtone however many calls ring, until the last of them stops', async () => {
    const played = recordPlayingElements();
    try {
      const ring = ringer();
      ring.ring('call-1');
      ring.ring('call-2');
      await sounding(ring);
      ring.silence('call-1');
      expect(ring.status().playing, 'another call still rings').to.equal(true);
      ring.ring('call-1');
      ring.ring('call-2');
      ring.silence('call-2');
      ring.silence('call-1');
      expect(ring.status().playing).to.equal(false);
      expect(played.elements.size, 'one element played').to.equal(1);
    } finally {
      played.restore();
    }
  });

  it('rings on the output chosen for the ringer, at the volume set', async () => {
    const [output] = await audioOutputs();
    if (!output) throw new Error('The test browser lists no audio output besides the default');
    const ring = ringer(RINGTONE_URL, undefined, { sinkForRing: () => output.deviceId });
    ring.setVolume(30);
    ring.ring('call-1');
    await sounding(ring);
    expect(ring.status().sinkId).to.equal(output.deviceId);
    expect(ring.status().volume).to.be.closeTo(0.3, 0.001);
  });

  it('rings on the default output when the chosen one is gone', async () => {
    const ring = ringer(RINGTONE_URL, undefined, { sinkForRing: () => 'a-headset-that-was-unplugged' });
    ring.ring('call-1');
    await sounding(ring);
    expect(ring.status().sinkId).to.equal('');
  });

  /** A call rings while the browser refuses to play (its autoplay policy); resolves once the ringer said so. */
  let autoplay: ReturnType<typeof refuseAutoplay> | undefined;
  afterEach(() => autoplay?.restore());
  async function ringRefused() {
    const heard = listener();
    autoplay = refuseAutoplay();
    const ring = ringer(RINGTONE_URL, heard.ringerListener);
    ring.ring('call-1');
    await waitFor('the ringer to say it is blocked', () => heard.blocked.length > 0);
    return { ring, heard, allow: autoplay.allow };
  }

  it('when the browser refuses to play before a click, says so, and rings at the agent\'s next click', async () => {
    const { ring, heard, allow } = await ringRefused();
    expect(heard.blocked).to.deep.equal([true]);
    expect(ring.status()).to.include({ blocked: true, playing: false });
    allow();
    document.body.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true, composed: true }));
    await sounding(ring);
    expect(heard.blocked).to.deep.equal([true, false]);
    expect(ring.status().blocked).to.equal(false);
  });

  it('a refused ringtone whose call stops ringing before the click is no longer waited for', async () => {
    const { ring, heard, allow } = await ringRefused();
    ring.silence('call-1');
    expect(heard.blocked).to.deep.equal([true, false]);
    allow();
    document.body.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true }));
    expect(ring.status().playing).to.equal(false);
  });

  it('without a ringtone file the call rings on screen only: nothing plays, nothing fails', () => {
    const heard = listener();
    const ring = ringer('', heard.ringerListener);
    ring.preload();
    ring.ring('call-1');
    expect(ring.status()).to.include({ ringing: true, playing: false });
    expect(heard.failures).to.deep.equal([]);
  });

  it('a ringtone file that cannot be played is said as RINGTONE_FAILED, not as a click to wait for', async () => {
    const heard = listener();
    const ring = ringer('/app/assets/no-such-ringtone.wav', heard.ringerListener);
    ring.ring('call-1');
    await waitFor('the failure', () => heard.failures[0]);
    expect(heard.failures.map((error) => error.code)).to.deep.equal(['RINGTONE_FAILED']);
    expect(heard.blocked).to.deep.equal([]);
  });
});
