import { expect } from '@open-wc/testing';
import { Inviter, SessionState, UserAgent, type Session } from 'sip.js';
import {
  CallRig,
  audioTransceiver,
  expectCode,
  infosAt,
  otherLeg,
  peerConnectionOf,
  sendsAudio,
  type RigParts,
} from '../../test-support/sip-calls.ts';
import { failureOf } from '../../test-support/thrown.ts';
import { waitFor } from '../../test-support/wait-for.ts';

/** What the far end of a call hears of the agent: RTP packets and the energy of the decoded audio (getStats inbound-rtp). */
async function heard(session: Session): Promise<{ packets: number; energy: number }> {
  const report = await peerConnectionOf(session)?.getStats();
  let packets = 0;
  let energy = 0;
  report?.forEach((stat: { type?: string; kind?: string; packetsReceived?: number; totalAudioEnergy?: number }) => {
    if (stat.type !== 'inbound-rtp' || stat.kind !== 'audio') return;
    packets += stat.packetsReceived ?? 0;
    energy += stat.totalAudioEnergy ?? 0;
  });
  return { packets, energy };
}

/** The far end plays what it receives (WebRTC measures the energy of received audio only as it is played out). */
function playAtFarEnd(session: Session): void {
  const receiver = peerConnectionOf(session)?.getReceivers().find((candidate) => candidate.track.kind === 'audio');
  if (!receiver) throw new Error('the far end receives no audio');
  const audio = new Audio();
  audio.srcObject = new MediaStream([receiver.track]);
  // Not muted: a muted element is not played out, and WebRTC then measures no energy (headless: no speakers anyway).
  void audio.play().catch(() => undefined);
  rig.defer(() => {
    audio.pause();
    audio.srcObject = null;
  });
}

/** Over about a second and a half of the far end's audio (75 packets at 20 ms): how many packets came and how much sound was in them. */
async function listen(session: Session): Promise<{ packets: number; energy: number }> {
  const start = await heard(session);
  const end = await waitFor('75 more packets at the far end', async () => {
    const now = await heard(session);
    return now.packets - start.packets >= 75 ? now : undefined;
  });
  return { packets: end.packets - start.packets, energy: end.energy - start.energy };
}

/** An SDP without telephone-event: a far end that cannot take keypad tones in the audio. */
function withoutTelephoneEvent(description: RTCSessionDescriptionInit): Promise<RTCSessionDescriptionInit> {
  const sdp = description.sdp ?? '';
  const events = [...sdp.matchAll(/^a=rtpmap:(\d+) telephone-event\/\d+\r?$/gm)].map((match) => match[1]!);
  const kept = sdp
    .split('\r\n')
    .filter((line) => !events.some((pt) => line.startsWith(`a=rtpmap:${pt} `) || line.startsWith(`a=fmtp:${pt} `)))
    .map((line) => (line.startsWith('m=audio ') ? line.split(' ').filter((part, index) => index < 3 || !events.includes(part)).join(' ') : line))
    .join('\r\n');
  return Promise.resolve({ ...description, sdp: kept });
}

/** The tones the agent's DTMF sender plays, in order ('' ends the run). */
function tonesPlayed(agentPc: RTCPeerConnection): string[] {
  const played: string[] = [];
  const dtmf = agentPc.getSenders().find((sender) => sender.track?.kind === 'audio')?.dtmf;
  dtmf?.addEventListener('tonechange', (event) => played.push((event as RTCDTMFToneChangeEvent).tone));
  return played;
}

const rig = new CallRig();

describe('Phone: mute, keypad tones and media figures through the real SIP server', () => {
  afterEach(() => rig.tearDown());
  const { setup, answeredCall, ringingCall } = rig;

  /** A customer call without telephone-event in its offer, answered by the agent. */
  async function answeredWithoutTelephoneEvent(parts: RigParts, interactionId: string) {
    const { phone, listener, customer, agent, peers } = parts;
    const target = UserAgent.makeURI(`sip:${agent}@127.0.0.1`);
    if (!target) throw new Error('bad agent');
    const inviter = new Inviter(customer.ua, target, {
      extraHeaders: [`X-CP-Interaction-Id: ${interactionId}`],
      sessionDescriptionHandlerOptions: { constraints: { audio: true, video: false } },
      sessionDescriptionHandlerModifiers: [withoutTelephoneEvent],
    });
    void inviter.invite().catch(() => undefined);
    await waitFor('the call to ring', () => listener.offers.some((o) => o.callId === interactionId));
    await phone.accept(interactionId);
    await waitFor('the customer to be connected', () => inviter.state === SessionState.Established);
    const farPc = peerConnectionOf(inviter);
    if (!farPc) throw new Error('no peer connection');
    const agentPc = otherLeg(peers.connections, farPc);
    await waitFor('the agent to send audio', () => sendsAudio(agentPc));
    return { callId: interactionId, inviter, agentPc };
  }

  it('mutes: the far end keeps receiving packets, but silence; hold and retrieve keep it muted; unmute brings the voice back', async () => {
    const parts = await setup();
    const { phone } = parts;
    const { callId, inviter, agentPc } = await answeredCall(parts, 'int-mute-1');
    playAtFarEnd(inviter);

    const before = await listen(inviter);
    expect(before.energy, 'the far end hears the agent\'s microphone').to.be.greaterThan(0);

    await phone.mute(callId);
    expect(audioTransceiver(agentPc).sender.track?.enabled, 'the microphone track').to.equal(false);
    expect(audioTransceiver(agentPc).currentDirection, 'the call itself is not held').to.equal('sendrecv');
    await listen(inviter); // what was on its way when the mute came
    const muted = await listen(inviter);
    expect(muted.packets, 'packets still flow').to.be.at.least(75);
    expect(muted.energy, 'but they carry silence').to.equal(0);

    await phone.hold(callId);
    await phone.retrieve(callId);
    expect(audioTransceiver(agentPc).currentDirection).to.equal('sendrecv');
    expect(audioTransceiver(agentPc).sender.track?.enabled, 'still muted after retrieve').to.equal(false);

    await phone.unmute(callId);
    expect(sendsAudio(agentPc)).to.equal(true);
    const back = await waitFor('the far end to hear the agent again', async () => {
      const window = await listen(inviter);
      return window.energy > 0 ? window : undefined;
    });
    expect(back.energy).to.be.greaterThan(0);
  });

  it('keeps a call muted while it is held and unmuted while held: retrieve gives the microphone back only then', async () => {
    const parts = await setup();
    const { phone } = parts;
    const { callId, agentPc } = await answeredCall(parts, 'int-mute-held');
    await phone.hold(callId);
    await phone.mute(callId);
    await phone.unmute(callId);
    expect(audioTransceiver(agentPc).sender.track?.enabled, 'held: the microphone stays off').to.equal(false);
    await phone.mute(callId);
    await phone.retrieve(callId);
    expect(audioTransceiver(agentPc).sender.track?.enabled, 'muted before retrieve: still off').to.equal(false);
    await phone.unmute(callId);
    expect(sendsAudio(agentPc)).to.equal(true);
  });

  it('refuses to mute a ringing call (INVALID_TRANSITION) and an unknown one (CALL_NOT_FOUND)', async () => {
    const parts = await setup();
    await ringingCall(parts, 'int-mute-ringing');
    expectCode(await failureOf(parts.phone.mute('int-mute-ringing')), 'INVALID_TRANSITION', /not answered/);
    expectCode(await failureOf(parts.phone.unmute('nope')), 'CALL_NOT_FOUND');
  });

  it('sends keypad tones in the audio (RFC 4733) when the call carries telephone-events, queued behind those still playing', async () => {
    const parts = await setup();
    const { phone } = parts;
    const { callId, inviter, agentPc } = await answeredCall(parts, 'int-dtmf-audio');
    const infos = infosAt(inviter);
    const played = tonesPlayed(agentPc);

    expect(await phone.sendDtmf(callId, '12')).to.deep.equal({ sentAs: 'rfc4733', fellBack: false });
    expect(await phone.sendDtmf(callId, '#')).to.deep.equal({ sentAs: 'rfc4733', fellBack: false });
    await waitFor('the tones to play', () => played.at(-1) === '' && played.length >= 4);
    expect(played).to.deep.equal(['1', '2', '#', '']);
    expect(infos, 'no SIP INFO').to.deep.equal([]);
  });

  it('sends keypad tones as SIP INFO (application/dtmf-relay) when the far end offered no telephone-event', async () => {
    const parts = await setup();
    const { phone } = parts;
    const { callId, inviter, agentPc } = await answeredWithoutTelephoneEvent(parts, 'int-dtmf-fallback');
    expect(agentPc.getSenders().find((sender) => sender.track?.kind === 'audio')?.dtmf?.canInsertDTMF, 'no DTMF sender for this call').to.equal(false);
    const infos = infosAt(inviter);

    expect(await phone.sendDtmf(callId, '1*')).to.deep.equal({ sentAs: 'info', fellBack: true });
    expect(infos).to.deep.equal([
      { contentType: 'application/dtmf-relay', body: 'Signal=1\r\nDuration=160' },
      { contentType: 'application/dtmf-relay', body: 'Signal=*\r\nDuration=160' },
    ]);
  });

  it('sends SIP INFO when the call center says info, though the call carries telephone-events', async () => {
    const parts = await setup();
    const { callId, inviter, agentPc } = await answeredCall(parts, 'int-dtmf-info');
    const infos = infosAt(inviter);
    const played = tonesPlayed(agentPc);
    expect(await parts.phone.sendDtmf(callId, '9', 'info')).to.deep.equal({ sentAs: 'info', fellBack: false });
    expect(infos.map((info) => info.body)).to.deep.equal(['Signal=9\r\nDuration=160']);
    expect(played, 'nothing in the audio').to.deep.equal([]);
  });

  it('stops at a SIP INFO the far end refuses: DTMF_FAILED says what went out, and the call goes on', async () => {
    const parts = await setup();
    const { callId, inviter } = await answeredWithoutTelephoneEvent(parts, 'int-dtmf-refused');
    let answered = 0;
    const infos = infosAt(inviter, (info) => (answered++ === 0 ? info.accept() : info.reject({ statusCode: 415 })));
    const error = await failureOf(parts.phone.sendDtmf(callId, '123'));
    expectCode(error, 'DTMF_FAILED', /refused the SIP INFO of 2 \(415 Unsupported Media Type\); 1 went out, 23 did not/);
    expect(infos.map((info) => info.body)).to.deep.equal(['Signal=1\r\nDuration=160', 'Signal=2\r\nDuration=160']);
    expect(inviter.state).to.equal(SessionState.Established);
  });

  it('refuses keys that are none (INVALID_INPUT naming the character) and keys on a held call (INVALID_TRANSITION): nothing is sent', async () => {
    const parts = await setup();
    const { phone } = parts;
    const { callId, inviter, agentPc } = await answeredCall(parts, 'int-dtmf-refusals');
    const infos = infosAt(inviter);
    const played = tonesPlayed(agentPc);
    expectCode(await failureOf(phone.sendDtmf(callId, '1x2')), 'INVALID_INPUT', /^"x" is not a keypad key/);
    await phone.hold(callId);
    expectCode(await failureOf(phone.sendDtmf(callId, '1')), 'INVALID_TRANSITION', /not connected/);
    expect(played).to.deep.equal([]);
    expect(infos).to.deep.equal([]);
  });

  it('reads a call\'s media figures: packets of the far end\'s audio, loss, jitter and round trip', async () => {
    const parts = await setup();
    const { callId } = await answeredCall(parts, 'int-media-figures');
    const stats = await waitFor('packets, jitter and a round trip', async () => {
      const figures = await parts.phone.mediaStats(callId);
      return figures.packetsReceived > 50 && figures.jitterMs !== undefined && figures.roundTripMs !== undefined ? figures : undefined;
    });
    expect(stats.iceConnectionState).to.be.oneOf(['connected', 'completed']);
    expect(stats.packetsLost).to.be.at.least(0);
    expect(stats.jitterMs).to.be.at.least(0);
    expect(stats.roundTripMs).to.be.at.least(0);
  });
});
