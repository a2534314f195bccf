/**
 * The phone's recording commands and voicemail drop through the real SIP server (Kamailio), a
 * sip.js customer at the far end standing for the platform or the voicemail. What the far end
 * hears of a dropped message is checked end to end (e2e/recording-and-voicemail.test.ts, at a
 * plain-RTP phone); here: the INFO as it arrives, the refusals, and what happens to the call.
 */
import { expect } from '@open-wc/testing';
import { SessionState } from 'sip.js';
import { CallRig, audioTransceiver, expectCode, infosAt, sendsAudio } from '../../test-support/sip-calls.ts';
import { failureOf } from '../../test-support/thrown.ts';
import { waitFor } from '../../test-support/wait-for.ts';

/** The sample message force-app offers, as the test server serves the committed file. */
const SAMPLE = '/app/assets/voicemail-sample.wav';

const rig = new CallRig();

describe('Phone: recording commands and voicemail drop through the real SIP server', () => {
  afterEach(() => rig.tearDown());
  const { setup, answeredCall, ringingCall } = rig;

  it('asks the platform with one SIP INFO per command in the call\'s dialog, and resolves on its 200 OK', async () => {
    const parts = await setup();
    const { callId, inviter } = await answeredCall(parts, 'int-rec-1');
    const infos = infosAt(inviter);
    for (const command of ['start', 'pause', 'resume', 'stop'] as const) await parts.phone.recording(callId, command);
    expect(infos).to.deep.equal(
      ['start', 'pause', 'resume', 'stop'].map((command) => ({ contentType: 'application/vnd.contactpad.recording+json', body: `{"recording":"${command}"}` })),
    );
  });

  it('a platform that refuses (501) or has no business with it (403): RECORDING_FAILED saying what it answered; the call goes on', async () => {
    const parts = await setup();
    const { callId, inviter } = await answeredCall(parts, 'int-rec-2');
    infosAt(inviter, (info) => info.reject({ statusCode: 501 }));
    expectCode(await failureOf(parts.phone.recording(callId, 'start')), 'RECORDING_FAILED', /refused to start the recording \(501 Not Implemented\); the recording is as it was/);
    infosAt(inviter, (info) => info.reject({ statusCode: 403 }));
    expectCode(await failureOf(parts.phone.recording(callId, 'stop')), 'RECORDING_FAILED', /\(403 Forbidden\)/);
    expect(inviter.state).to.equal(SessionState.Established);
  });

  it('sends nothing for a call still ringing (INVALID_TRANSITION) or unknown (CALL_NOT_FOUND)', async () => {
    const parts = await setup();
    const inviter = await ringingCall(parts, 'int-rec-ringing');
    const infos = infosAt(inviter);
    expectCode(await failureOf(parts.phone.recording('int-rec-ringing', 'start')), 'INVALID_TRANSITION', /not answered/);
    expectCode(await failureOf(parts.phone.recording('nope', 'start')), 'CALL_NOT_FOUND');
    expect(infos).to.deep.equal([]);
  });

  it('drops a message: it plays instead of the microphone (stopped), and the phone hangs up when it ends', async () => {
    const parts = await setup();
    const { callId, inviter, agentPc } = await answeredCall(parts, 'int-vm-1');
    const microphone = audioTransceiver(agentPc).sender.track;
    expect(await parts.phone.dropVoicemail(callId, SAMPLE)).to.deep.equal({ seconds: 2.6 });
    const sent = audioTransceiver(agentPc).sender.track;
    expect(sent, 'the sender sends the message').not.to.equal(microphone);
    expect(sent?.readyState).to.equal('live');
    expect(microphone?.readyState, 'the microphone is let go').to.equal('ended');
    expect(inviter.state, 'the call stays up while the message plays').to.equal(SessionState.Established);
    expect(await parts.listener.endOf(callId)).to.deep.equal({ reason: 'released' });
    await waitFor('the far end to get the BYE', () => inviter.state === SessionState.Terminated);
  });

  it('a message file that is not there (404) or not audio: VOICEMAIL_DROP_FAILED, the call still connected with the microphone', async () => {
    const parts = await setup();
    const { callId, inviter, agentPc } = await answeredCall(parts, 'int-vm-2');
    const microphone = audioTransceiver(agentPc).sender.track;
    expectCode(await failureOf(parts.phone.dropVoicemail(callId, '/app/assets/no-such-message.wav')), 'VOICEMAIL_DROP_FAILED', /could not be loaded \(404 Not Found\); nothing was sent, and the call is still yours/);
    expectCode(await failureOf(parts.phone.dropVoicemail(callId, '/package.json')), 'VOICEMAIL_DROP_FAILED', /is not audio this browser can play/);
    expect(audioTransceiver(agentPc).sender.track).to.equal(microphone);
    expect(sendsAudio(agentPc)).to.equal(true);
    expect(inviter.state).to.equal(SessionState.Established);
    expect(parts.listener.ends).to.deep.equal([]);
  });

  it('refuses a held call (nothing sent), and lets a call whose far end hangs up during the message end as hung up', async () => {
    const parts = await setup();
    const { callId, inviter } = await answeredCall(parts, 'int-vm-3');
    await parts.phone.hold(callId);
    expectCode(await failureOf(parts.phone.dropVoicemail(callId, SAMPLE)), 'VOICEMAIL_DROP_FAILED', /on hold/);
    await parts.phone.retrieve(callId);
    await parts.phone.dropVoicemail(callId, SAMPLE);
    await inviter.bye();
    expect(await parts.listener.endOf(callId)).to.deep.equal({ reason: 'remote-hangup' });
    expect(parts.listener.ends, 'ended once').to.have.length(1);
  });
});
