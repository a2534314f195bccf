/**
 * The in-call desk alone (mute, keypad tones, the line's quality), with the real model and
 * desks, over a stand-in for the phone (the telephony tests run them on real SIP, the
 * end-to-end suite through the media gateway).
 */
import { expect } from '@open-wc/testing';
import { ContactPadError, isContactPadError } from '../model/errors.ts';
import type { MediaStats } from '../telephony/phone.ts';
import { callOffer as offer, RecordingPhone, settled, testDesks } from '../../test-support/desk-rig.ts';
import { rejectionOf } from '../../test-support/thrown.ts';
import { InCallDesk, QUALITY_SAMPLE_MS } from './in-call-desk.ts';
import { DiagnosticLog, type DiagnosticSink } from '../model/diagnostic-log.ts';

function rig(items: Record<string, string> = {}, diagnostics?: DiagnosticSink) {
  const desks = testDesks(items);
  const phone = new RecordingPhone();
  desks.rooms.phone = phone;
  const inCall = new InCallDesk(diagnostics ? { ...desks, diagnostics } : desks);
  /** A call that rang and was answered. */
  const connectedCall = (id: string) => {
    desks.voice.incoming(offer(id));
    desks.voice.connected(id);
    return id;
  };
  const notices = () => desks.store.snapshot.notices.map((notice) => `${notice.code}: ${notice.message}`);
  return { ...desks, phone, inCall, connectedCall, notices };
}

/** Media figures as getStats gives them (cumulative). */
function media(packetsReceived: number, packetsLost: number, jitterMs = 4, roundTripMs = 30): MediaStats {
  return { iceConnectionState: 'connected', bytesReceived: packetsReceived * 160, bytesSent: 0, packetsReceived, packetsLost, jitterMs, roundTripMs };
}

describe('the in-call desk: mute', () => {
  it('mutes a connected call: the phone is asked, the call shows muted and offers unmute; unmute gives it back', async () => {
    const { inCall, phone, view, connectedCall } = rig();
    const id = connectedCall('c1');
    expect(view.view(id)?.actions).to.include.members(['mute', 'send-dtmf']);
    expect(view.view(id)?.muted, 'a new call starts unmuted').to.equal(undefined);

    await inCall.mute(id);
    expect(phone.asked).to.deep.equal(['mute c1']);
    expect(view.view(id)?.muted).to.equal(true);
    expect(view.view(id)?.actions).to.include('unmute').and.not.include('mute');

    await inCall.unmute(id);
    expect(phone.asked).to.deep.equal(['mute c1', 'unmute c1']);
    expect(view.view(id)?.muted).to.equal(undefined);
    expect(view.view(id)?.actions).to.include('mute');
  });

  it('keeps the call muted across hold and retrieve, and mutes only that call', async () => {
    const { inCall, voice, view, connectedCall } = rig({ '/ContactPad/capacityVoice': '2' });
    const id = connectedCall('c1');
    await inCall.mute(id);
    await voice.hold(id);
    expect(view.view(id)).to.include({ muted: true });
    expect(view.view(id)?.actions).to.include('unmute').and.not.include('send-dtmf');
    await voice.retrieve(id);
    expect(view.view(id)).to.include({ muted: true });

    const other = connectedCall('c2');
    expect(view.view(other)?.muted, 'another call starts unmuted').to.equal(undefined);
  });

  it('refuses to mute a ringing call without asking the phone, and leaves a call unmuted when the phone refuses', async () => {
    const { inCall, phone, voice, view, connectedCall } = rig({ '/ContactPad/capacityVoice': '2' });
    voice.incoming(offer('ringing'));
    const refused = await rejectionOf(inCall.mute('ringing'));
    expect(isContactPadError(refused, 'INVALID_TRANSITION')).to.equal(true);
    expect(phone.asked).to.deep.equal([]);

    const id = connectedCall('c2');
    phone.fail.set('mute', new ContactPadError('CALL_NOT_FOUND', 'That call is no longer here.'));
    expect(isContactPadError(await rejectionOf(inCall.mute(id)), 'CALL_NOT_FOUND')).to.equal(true);
    expect(view.view(id)?.muted).to.equal(undefined);
  });
});

describe('the in-call desk: keypad tones', () => {
  it('sends the keys the way the call center says (in the audio by default, SIP INFO with dtmfMethod info)', async () => {
    const audio = rig();
    await audio.inCall.sendDtmf(audio.connectedCall('c1'), '12#');
    expect(audio.phone.asked).to.deep.equal(['send-dtmf c1 12# rfc4733']);
    const info = rig({ '/ContactPad/dtmfMethod': 'info' });
    await info.inCall.sendDtmf(info.connectedCall('c1'), '*0a');
    expect(info.phone.asked).to.deep.equal(['send-dtmf c1 *0A info']);
    expect(info.notices(), 'INFO as configured is no news').to.deep.equal([]);
  });

  it('refuses a key that is none, naming it, and sends nothing', async () => {
    const { inCall, phone, connectedCall } = rig();
    const error = await rejectionOf(inCall.sendDtmf(connectedCall('c1'), '12x'));
    expect(isContactPadError(error, 'INVALID_INPUT')).to.equal(true);
    expect((error as Error).message).to.match(/^"x" is not a keypad key/);
    expect(phone.asked).to.deep.equal([]);
  });

  it('refuses keys on a held call (the keypad is offered only while connected)', async () => {
    const { inCall, phone, voice, connectedCall } = rig();
    const id = connectedCall('c1');
    await voice.hold(id);
    expect(isContactPadError(await rejectionOf(inCall.sendDtmf(id, '1')), 'INVALID_TRANSITION')).to.equal(true);
    expect(phone.asked).to.deep.equal(['hold c1']);
  });

  it('says once per call that the tones go as SIP INFO when the call cannot carry them in its audio', async () => {
    const { inCall, phone, connectedCall, notices } = rig({ '/ContactPad/capacityVoice': '2' });
    phone.dtmfSent = { sentAs: 'info', fellBack: true };
    const id = connectedCall('c1');
    await inCall.sendDtmf(id, '1');
    await inCall.sendDtmf(id, '2');
    expect(notices()).to.deep.equal(['DTMF_SENT_AS_INFO: This call cannot carry keypad tones in its audio (the far end offered no telephone-event), so they are sent as SIP INFO.']);
    await inCall.sendDtmf(connectedCall('c2'), '3');
    expect(notices(), 'another call is told again').to.have.length(2);
  });
});

describe('the in-call desk: the line\'s quality', () => {
  it('reads the line of a connected call every few seconds on the clock and shows it, classed', async () => {
    const { inCall, phone, view, clock, connectedCall } = rig();
    const id = connectedCall('c1');
    phone.media.set(id, [media(250, 0, 4, 30), media(500, 0, 12, 42)]);
    inCall.watch(id);
    expect(clock.pending.map((timer) => timer.delay)).to.include(QUALITY_SAMPLE_MS);
    expect(view.view(id)?.quality, 'nothing before the first reading').to.equal(undefined);

    clock.advance(QUALITY_SAMPLE_MS);
    await settled();
    expect(view.view(id)?.quality).to.deep.equal({ lossPercent: 0, jitterMs: 4, roundTripMs: 30, level: 'good', cause: undefined });
    clock.advance(QUALITY_SAMPLE_MS);
    await settled();
    expect(view.view(id)?.quality).to.include({ jitterMs: 12, roundTripMs: 42, level: 'good' });
    expect(phone.mediaReads).to.equal(2);
  });

  it('warns the agent once when the line turns poor, not at every reading, and again after it was good', async () => {
    const { inCall, phone, clock, connectedCall, notices, view } = rig();
    const id = connectedCall('c1');
    // 250 packets due every reading: 20 lost is 8 %.
    phone.media.set(id, [media(250, 0), media(480, 20), media(710, 40), media(960, 40), media(1190, 60)]);
    inCall.watch(id);
    const read = async () => {
      clock.advance(QUALITY_SAMPLE_MS);
      await settled();
    };
    await read();
    expect(notices()).to.deep.equal([]);
    await read();
    expect(view.view(id)?.quality).to.include({ level: 'poor', lossPercent: 8, cause: 'loss' });
    expect(notices()).to.have.length(1);
    expect(notices()[0]).to.match(/^CALL_QUALITY_POOR: The line is poor: 8 % of the caller's audio is being lost\./);
    await read();
    expect(notices(), 'still poor: no second warning').to.have.length(1);
    await read();
    expect(view.view(id)?.quality?.level).to.equal('good');
    await read();
    expect(notices(), 'a new degradation warns again').to.have.length(2);
  });

  it('does not read the line of a held call, and stops reading once the call is over', async () => {
    const { inCall, phone, voice, clock, connectedCall, wrapUp } = rig();
    await wrapUp(); // loaded at start, as the app preloads it
    const id = connectedCall('c1');
    phone.media.set(id, [media(250, 0)]);
    inCall.watch(id);
    await voice.hold(id);
    clock.advance(QUALITY_SAMPLE_MS * 3);
    await settled();
    expect(phone.mediaReads, 'held: no reading').to.equal(0);
    await voice.retrieve(id);
    clock.advance(QUALITY_SAMPLE_MS);
    await settled();
    expect(phone.mediaReads).to.equal(1);

    voice.ended(id, { reason: 'remote-hangup' });
    clock.advance(QUALITY_SAMPLE_MS * 3);
    await settled();
    expect(phone.mediaReads, 'no reading once the call is over').to.equal(1);
    expect(clock.pending.filter((timer) => timer.delay === QUALITY_SAMPLE_MS), 'nor any waiting').to.deep.equal([]);
  });

  it('writes each reading of the line to the diagnostic log, and their summary the moment the call ends (a problem report carries them)', async () => {
    const log = new DiagnosticLog({ now: () => Date.now() });
    const desks = rig({}, log);
    const { inCall } = desks;
    await desks.wrapUp();
    const id = desks.connectedCall('c1');
    desks.phone.media.set(id, [media(250, 0, 4, 30), media(480, 20, 61, 42)]);
    inCall.watch(id);
    for (let reading = 0; reading < 2; reading++) {
      desks.clock.advance(QUALITY_SAMPLE_MS);
      await settled();
    }
    desks.voice.ended(id, { reason: 'remote-hangup' });
    inCall.ended(id); // the switchboard tells it when the phone says the call ended
    expect(log.entries().map((entry) => [entry.kind, entry.text])).to.deep.equal([
      ['media', 'call c1: media ice=connected, received 40000 B, sent 0 B, packets 250 received, 0 lost (0 % since the last reading), jitter 4 ms, round trip 30 ms: line good'],
      ['media', 'call c1: media ice=connected, received 76800 B, sent 0 B, packets 480 received, 20 lost (8 % since the last reading), jitter 61 ms, round trip 42 ms: line poor (loss)'],
      ['media', 'call c1: media summary of 2 readings over 5 s: received 76800 B, sent 0 B; packets 480 received, 20 lost (4 %); jitter at most 61 ms; round trip at most 42 ms; line at worst poor (loss); ice=connected at the last reading'],
    ]);
    desks.clock.advance(QUALITY_SAMPLE_MS);
    await settled();
    expect(log.entries(), 'one summary, no reading after the end').to.have.length(3);
  });
});
