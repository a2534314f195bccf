/**
 * The voicemail desk alone: the real model and desks, the real crm room on the fake org (the
 * messages force-app ships, the Task written), and a stand-in phone that records each request
 * (the end-to-end suite plays the message to a real SIP phone).
 */
import { expect } from '@open-wc/testing';
import { ContactPadError, isContactPadError } from '../model/errors.ts';
import type { CallOffer } from '../telephony/sip-header-contract.ts';
import { offerInteraction } from '../model/interaction-state.ts';
import { callFacts } from '../model/interaction-facts.ts';
import { taskFor } from '../../test-support/fake-org.ts';
import { crmOnFakeOrg, RecordingPhone, loadedTestDesks } from '../../test-support/desk-rig.ts';
import { failureOf, rejectionOf } from '../../test-support/thrown.ts';
import { VoicemailDesk } from './voicemail-desk.ts';

declare const describe: (title: string, body: () => void) => void;
declare const it: (title: string, body: () => void | Promise<void>) => void;

const SAMPLE = { id: 'Call_Us_Back', label: 'Please call us back' };
const SAMPLE_URL = '/resource/contactpad/voicemail-sample.wav';

async function floor() {
  const desks = await loadedTestDesks({ '/ContactPad/capacityVoice': '1', '/ContactPad/wrapUpSeconds': '60' });
  const { crm, orgId } = await crmOnFakeOrg(desks);
  const phone = new RecordingPhone();
  desks.rooms.phone = phone;
  desks.rooms.crm = crm;
  desks.agent.choose({ status: 'ready' });
  return { ...desks, phone, orgId, voicemail: new VoicemailDesk(desks) };
}

type Floor = Awaited<ReturnType<typeof floor>>;

let calls = 0;

/** A call the agent placed (as the voice desk lists it) is answered by a voicemail; the switchboard tells the voicemail desk. */
async function answeredOutbound(desks: Floor): Promise<string> {
  const id = `outbound-${(calls += 1)}`;
  desks.view.add(offerInteraction({ id, channel: 'voice', direction: 'outbound', callerNumber: '+1 415 555 0142' }, desks.clock.now()), callFacts());
  desks.voice.connected(id);
  await desks.voicemail.connected(id);
  return id;
}

function offer(callId: string): CallOffer {
  return { callId, sipCallId: callId, kind: 'voice', callerName: 'Daniel Kim', callerNumber: '+14155550101', queue: '', location: '', adSource: '', callbackNumber: '', callbackAttempt: undefined };
}

describe('the voicemail desk', () => {
  it('offers the admin\'s messages on an outbound call while it is connected', async () => {
    const desks = await floor();
    const id = await answeredOutbound(desks);
    expect(desks.view.view(id)?.voicemailDrop).to.deep.equal({ messages: [SAMPLE] });
    await desks.voice.hold(id);
    expect(desks.view.view(id)?.voicemailDrop, 'not while held').to.equal(undefined);
  });

  it('drop: the message plays, the agent is free at once (wrap up, capacity for the next call), and the Task says what was left', async () => {
    const desks = await floor();
    const id = await answeredOutbound(desks);
    await desks.voicemail.drop(id, SAMPLE.id);
    expect(desks.phone.asked.at(-1)).to.equal(`drop-voicemail ${id} ${SAMPLE_URL}`);
    expect(desks.view.stateOf(id)).to.equal('wrap-up');
    expect(desks.view.interaction(id)?.journey.at(-1)).to.deep.equal({ at: desks.clock.now(), kind: 'voicemail-dropped', detail: SAMPLE.label });
    expect(desks.store.snapshot.agent.status).to.equal('wrap-up');
    expect(desks.view.view(id)?.voicemailDrop).to.equal(undefined);

    // The next call rings and is listed, although the message still plays (capacity 1).
    desks.voice.incoming(offer('next'));
    expect(desks.view.stateOf('next')).to.equal('alerting');
    // The message ends: the phone hangs up; the interaction is in wrap up already and stays there.
    desks.voice.ended(id, { reason: 'released' });
    expect(desks.view.stateOf(id)).to.equal('wrap-up');

    desks.wrapUp.finish(id, {}, 'done');
    const task = await taskFor(desks.orgId, id);
    expect(String(task['Description'])).to.match(/^Voicemail dropped: Please call us back\n\nJourney:\n/);
    expect(String(task['Description'])).to.match(/ voicemail-dropped — Please call us back\n/);
    expect(task['CallType']).to.equal('Outbound');
  });

  it('a message that cannot be loaded: the agent is told, the call stays connected with the drop offered again', async () => {
    const desks = await floor();
    const id = await answeredOutbound(desks);
    desks.phone.fail.set('drop-voicemail', new ContactPadError('VOICEMAIL_DROP_FAILED', 'The voicemail message could not be loaded (404 Not Found); nothing was sent, and the call is still yours.'));
    const dropping = desks.voicemail.drop(id, SAMPLE.id);
    expect(desks.view.view(id)?.voicemailDrop).to.deep.equal({ messages: [SAMPLE], dropping: SAMPLE.id });
    expect(isContactPadError(await rejectionOf(dropping), 'VOICEMAIL_DROP_FAILED')).to.equal(true);
    expect(desks.view.stateOf(id)).to.equal('connected');
    expect(desks.view.view(id)?.voicemailDrop).to.deep.equal({ messages: [SAMPLE] });
    expect(desks.store.snapshot.agent.status).to.equal('busy');
  });

  it('refuses a second drop while one loads, and a message that is not offered', async () => {
    const desks = await floor();
    const id = await answeredOutbound(desks);
    const first = desks.voicemail.drop(id, SAMPLE.id);
    expect(isContactPadError(await failureOf(desks.voicemail.drop(id, SAMPLE.id)), 'INVALID_TRANSITION')).to.equal(true);
    await first;
    expect(desks.phone.asked.filter((asked) => asked.startsWith('drop-voicemail'))).to.have.length(1);
    expect(isContactPadError(await failureOf(desks.voicemail.drop(id, 'Nope')), 'INVALID_TRANSITION')).to.equal(true);
  });

  it('the far end hangs up while the message loads: nothing to drop, nothing to tell', async () => {
    const desks = await floor();
    const id = await answeredOutbound(desks);
    desks.phone.fail.set('drop-voicemail', new ContactPadError('CALL_NOT_FOUND', 'The call ended while the voicemail message was loading.'));
    const dropping = desks.voicemail.drop(id, SAMPLE.id);
    desks.voice.ended(id, { reason: 'remote-hangup' });
    expect(await failureOf(dropping)).to.equal(undefined);
    expect(desks.view.interaction(id)?.journey.at(-1)?.kind).to.equal('remote-hangup');
    expect(desks.store.snapshot.notices).to.deep.equal([]);
  });

  it('offers nothing on a call the agent answered', async () => {
    const desks = await floor();
    desks.voice.incoming(offer('in'));
    desks.voice.connected('in');
    await desks.voicemail.connected('in');
    expect(desks.view.view('in')?.voicemailDrop).to.equal(undefined);
  });
});
