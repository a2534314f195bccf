/**
 * The voice desk alone, with the real model and desks, over stand-ins for the phone and the
 * host (the controller tests run it on real SIP). No crm room: lookups say Salesforce is off.
 */
import { expect } from '@open-wc/testing';
import { ContactPadError } from '../model/errors.ts';
import { callOffer as offer, RecordingHost, RecordingPhone, settled, testDesks } from '../../test-support/desk-rig.ts';

function withPhone(items: Record<string, string> = {}) {
  const desks = testDesks(items);
  const phone = new RecordingPhone();
  const host = new RecordingHost();
  desks.rooms.phone = phone;
  desks.rooms.host = host;
  return { ...desks, phone, host };
}

function codes(desks: ReturnType<typeof testDesks>): string[] {
  return desks.store.snapshot.notices.map((n) => n.code);
}

describe('the voice desk', () => {
  it('starts the phone when the agent leaves Offline and stops it when Offline again; before that, only `stopped` shows', () => {
    const desks = withPhone();
    desks.voice.connection({ state: 'registered' });
    expect(desks.store.snapshot.phone.state, 'not started').to.equal('stopped');
    desks.agent.choose({ status: 'ready' });
    expect(desks.phone.asked).to.deep.equal(['start']);
    expect(desks.store.snapshot.phone.state).to.equal('connecting');
    desks.voice.connection({ state: 'registered' });
    expect(desks.store.snapshot.phone.state).to.equal('registered');
    desks.agent.choose({ status: 'not-ready', reason: 'Lunch' });
    expect(desks.phone.asked, 'started once').to.deep.equal(['start']);
    desks.agent.choose({ status: 'offline' });
    expect(desks.phone.asked).to.deep.equal(['start', 'stop']);
    expect(desks.store.snapshot.phone.state).to.equal('stopped');
  });

  it('shows the error the phone gives with a connection state (a refused REGISTER) as a notice', () => {
    const desks = withPhone();
    desks.agent.choose({ status: 'ready' });
    desks.voice.connection({ state: 'refused', reason: '403 Forbidden', retryAt: desks.clock.now() + 4000 }, new ContactPadError('SIP_REGISTRATION_REFUSED', 'Refused: 403 Forbidden'));
    expect(codes(desks)).to.deep.equal(['SIP_REGISTRATION_REFUSED']);
  });

  it('lists a ringing call with what the INVITE said, shows the panel, and says the lookup is off without Salesforce', async () => {
    const desks = withPhone();
    desks.host.panelVisible = false;
    desks.voice.incoming(offer('c1'));
    desks.voice.incoming(offer('c1'));
    expect(desks.store.snapshot.interactions, 'a repeated INVITE is one call').to.have.length(1);
    expect(desks.view.interaction('c1')).to.include({ state: 'alerting', direction: 'inbound', callerName: 'Maria Lopez', callerNumber: '+14155550100', queue: 'Sales' });
    expect(desks.view.view('c1')?.caller).to.deep.equal({ state: 'failed', code: 'CRM_UNAVAILABLE', message: 'Salesforce lookup is off.' });
    await settled();
    expect(desks.host.panelShown).to.equal(1);
  });

  it('shows a callback under the number to call back', () => {
    const desks = withPhone();
    desks.voice.incoming(offer('cb', { kind: 'callback', callbackNumber: '+14155550199' }));
    expect(desks.view.interaction('cb')).to.include({ channel: 'callback', callerNumber: '+14155550199' });
  });

  it('refuses a call beyond the voice capacity Busy Here, says why, and does not list it', async () => {
    const desks = withPhone({ '/ContactPad/capacityVoice': '1' });
    desks.voice.incoming(offer('c1'));
    desks.voice.incoming(offer('c2', { callerName: '' }));
    expect(desks.phone.asked).to.deep.equal(['reject c2']);
    expect(desks.store.snapshot.interactions.map((v) => v.interaction.id)).to.deep.equal(['c1']);
    expect(desks.store.snapshot.notices[0]?.message).to.match(/^A voice call from \+14155550100 was refused: /);
  });

  it('accepts through the phone; the phone\'s `connected` makes the agent Busy', async () => {
    const desks = withPhone();
    desks.agent.choose({ status: 'ready' });
    desks.voice.incoming(offer('c1'));
    await desks.voice.accept('c1');
    expect(desks.phone.asked).to.include('accept c1');
    expect(desks.view.stateOf('c1'), 'not before the phone says so').to.equal('alerting');
    desks.voice.connected('c1');
    expect(desks.view.stateOf('c1')).to.equal('connected');
    expect(desks.store.snapshot.agent.status).to.equal('busy');
  });

  it('rejects with the configured status and applies stateAfterReject', async () => {
    const desks = withPhone({ '/ContactPad/rejectStatusCode': '603', '/ContactPad/stateAfterReject': 'not-ready', '/ContactPad/rejectNotReadyReason': 'Missed' });
    desks.agent.choose({ status: 'ready' });
    desks.voice.incoming(offer('c1'));
    await desks.voice.reject('c1');
    expect(desks.phone.asked).to.include('reject c1');
    expect(desks.view.interaction('c1')?.journey.at(-1)).to.include({ kind: 'rejected', detail: '603 sent' });
    expect(desks.store.snapshot.agent).to.include({ status: 'not-ready', reason: 'Missed' });
  });

  it('records how a ringing call ended: the caller hung up (missed), refused, failed', () => {
    const desks = withPhone({ '/ContactPad/capacityVoice': '3' });
    for (const id of ['m', 'r', 'f']) desks.voice.incoming(offer(id));
    desks.voice.ended('m', { reason: 'caller-cancelled' });
    desks.voice.ended('r', { reason: 'rejected', statusCode: 486 });
    desks.voice.ended('f', { reason: 'failed', code: 'SIP_CALL_FAILED', message: 'ICE failed' });
    expect(['m', 'r', 'f'].map((id) => desks.view.interaction(id)?.journey.at(-1))).to.deep.equal([
      { at: desks.clock.now(), kind: 'missed', detail: 'caller hung up while ringing' },
      { at: desks.clock.now(), kind: 'rejected', detail: '486' },
      { at: desks.clock.now(), kind: 'failed', detail: 'ICE failed' },
    ]);
    desks.voice.ended('unknown', { reason: 'released' });
  });

  it('takes a ringing call answered elsewhere off the list: not a missed call, no Task, and the line is free for the next', () => {
    const desks = withPhone();
    desks.agent.choose({ status: 'ready' });
    desks.voice.incoming(offer('elsewhere'));
    desks.voice.ended('elsewhere', { reason: 'answered-elsewhere' });
    expect(desks.view.interaction('elsewhere')).to.equal(undefined);
    expect(desks.store.snapshot.interactions.map((view) => view.interaction.id)).to.deep.equal([]);
    desks.voice.incoming(offer('next'));
    expect(desks.view.interaction('next')?.state).to.equal('alerting');
  });

  it('says who called and why when the phone refused a call before it rang (media the browser cannot take), and lists nothing', () => {
    const desks = withPhone();
    desks.agent.choose({ status: 'ready' });
    const why = 'its media cannot be played here: it offers plain RTP without ICE or DTLS. The caller was refused (488 Not Acceptable Here).';
    desks.voice.refused(offer('p', { callerName: '' }), new ContactPadError('CALL_MEDIA_UNPLAYABLE', why));
    desks.voice.refused(offer('g', { callerName: 'Grace Hopper' }), new ContactPadError('CALL_CODECS_UNSUPPORTED', 'its media cannot be played here: the caller\'s phone offers only g729.'));
    expect(desks.store.snapshot.notices.map((n) => [n.code, n.message])).to.deep.equal([
      ['CALL_MEDIA_UNPLAYABLE', `A voice call from +14155550100 could not be offered: ${why}`],
      ['CALL_CODECS_UNSUPPORTED', 'A voice call from Grace Hopper could not be offered: its media cannot be played here: the caller\'s phone offers only g729.'],
    ]);
    expect(desks.store.snapshot.interactions, 'nothing rang, nothing is listed').to.deep.equal([]);
    expect(desks.store.snapshot.agent.status, 'the agent stays Ready').to.equal('ready');
    expect(desks.phone.asked.filter((asked) => asked.startsWith('reject')), 'the phone answered the caller itself').to.deep.equal([]);
  });

  it('starts wrap up when an answered call ends: released by us, or hung up by the far end (a failure is also told)', async () => {
    const desks = withPhone({ '/ContactPad/capacityVoice': '2' });
    await desks.wrapUp(); // loaded at start, as the app preloads it: the end moves the call at once
    desks.agent.choose({ status: 'ready' });
    for (const id of ['a', 'b']) {
      desks.voice.incoming(offer(id));
      desks.voice.connected(id);
    }
    desks.voice.ended('a', { reason: 'remote-hangup' });
    desks.voice.ended('b', { reason: 'failed', code: 'SIP_CALL_FAILED', message: 'The call was cut off.' });
    expect(desks.view.interaction('a')?.journey.at(-1)?.kind).to.equal('remote-hangup');
    expect(desks.view.stateOf('b')).to.equal('wrap-up');
    expect(codes(desks)).to.include('SIP_CALL_FAILED');
    expect(desks.store.snapshot.agent.status).to.equal('wrap-up');
  });

  it('hands a call over when the phone says the transfer was taken: logged as transferred, off the list, the agent free', async () => {
    const desks = withPhone();
    await desks.wrapUp();
    desks.agent.choose({ status: 'ready' });
    desks.voice.incoming(offer('a'));
    desks.voice.connected('a');
    desks.voice.ended('a', { reason: 'transferred' });
    expect(desks.view.has('a')).to.equal(false);
    expect(desks.store.snapshot.agent.status).to.equal('ready');
  });

  it('a call that ends before wrap up has loaded goes into wrap up once it has, in the order the calls ended', async () => {
    const desks = withPhone({ '/ContactPad/capacityVoice': '2' });
    desks.agent.choose({ status: 'ready' });
    for (const id of ['a', 'b']) {
      desks.voice.incoming(offer(id));
      desks.voice.connected(id);
    }
    desks.voice.ended('a', { reason: 'remote-hangup' });
    desks.voice.ended('b', { reason: 'transferred' });
    await desks.wrapUp();
    await settled();
    expect(desks.view.stateOf('a')).to.equal('wrap-up');
    expect(desks.view.has('b'), 'handed over: off the list').to.equal(false);
    expect(desks.store.snapshot.agent.status).to.equal('wrap-up');
  });

  it('holds and retrieves through the phone, and refuses a hold the capability table does not offer', async () => {
    const desks = withPhone();
    desks.voice.incoming(offer('a'));
    await desks.voice.hold('a').catch((error: unknown) => desks.notices.notify(error));
    expect(codes(desks)).to.deep.equal(['INVALID_TRANSITION']);
    desks.voice.connected('a');
    await desks.voice.hold('a');
    expect(desks.view.stateOf('a')).to.equal('held');
    await desks.voice.retrieve('a');
    expect(desks.view.stateOf('a')).to.equal('connected');
    expect(desks.phone.asked.filter((a) => a.startsWith('hold') || a.startsWith('retrieve'))).to.deep.equal(['hold a', 'retrieve a']);
  });

  it('releases through the phone into wrap up; a release the phone fails leaves the call as it was', async () => {
    const desks = withPhone();
    desks.voice.incoming(offer('a'));
    desks.voice.connected('a');
    desks.phone.fail.set('release', new ContactPadError('SIP_CALL_FAILED', 'Could not release the call'));
    const failure = await desks.voice.release('a').catch((error: unknown) => error);
    expect(failure).to.be.instanceOf(ContactPadError);
    expect(desks.view.stateOf('a')).to.equal('connected');
    await desks.voice.release('a');
    expect(desks.view.stateOf('a')).to.equal('wrap-up');
  });

  it('without Salesforce, dials a SIP address but no number: the compliance check cannot be made, so it fails closed', async () => {
    const desks = withPhone();
    const id = await desks.voice.dial({ typed: 'sip:jordan.lee@pbx.example.com' });
    expect(desks.phone.asked).to.deep.equal(['dial sip:jordan.lee@pbx.example.com']);
    expect(desks.view.interaction(id)).to.include({ direction: 'outbound', callerNumber: 'sip:jordan.lee@pbx.example.com', state: 'alerting' });
    const failure = await desks.voice.dial({ typed: ' +1 (415) 555-0100 ' }).catch((error: unknown) => error);
    expect((failure as ContactPadError).code).to.equal('CALL_BLOCKED_UNCHECKED');
    expect((failure as ContactPadError).message).to.equal('Compliance check: Salesforce is not connected, so the number could not be checked. The call was not placed.');
    expect(desks.phone.asked).to.deep.equal(['dial sip:jordan.lee@pbx.example.com']);
  });

  it('refuses a bare name in the dial box as an input error, without asking the phone', async () => {
    const desks = withPhone();
    const failure = await desks.voice.dial({ typed: 'jordan' }).catch((error: unknown) => error);
    expect(failure).to.be.instanceOf(ContactPadError);
    expect((failure as ContactPadError).code).to.equal('INVALID_INPUT');
    expect((failure as ContactPadError).message).to.equal('Cannot dial "jordan": type a phone number or a SIP address (sip:user@domain).');
    expect(desks.phone.asked).to.deep.equal([]);
    expect(desks.store.snapshot.interactions).to.deep.equal([]);
  });
});
