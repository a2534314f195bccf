import { expect } from '@open-wc/testing';
import { isContactPadError } from '../model/errors.ts';
import {
  CALL_STATES,
  CALL_TRANSITIONS,
  callEnd,
  canApply,
  startCall,
  transitionCall,
  type CallEvent,
  type CallEventType,
  type CallLeg,
  type CallState,
} from './call-state.ts';

const ALL_STATES: readonly CallState[] = [
  'ringing',
  'rejecting',
  'answering',
  'dialling',
  'calling',
  'connected',
  'holding',
  'held',
  'retrieving',
  'transferring',
  'transferring-held',
  'replacing',
  'dropping-voicemail',
  'ending',
  'ended',
];

const ALL_EVENTS: readonly CallEventType[] = [
  'answer',
  'reject',
  'reject-failed',
  'cancel',
  'invite-sent',
  'refused',
  'established',
  'ack',
  'fail',
  'hold',
  'hold-accepted',
  'hold-failed',
  'retrieve',
  'retrieve-accepted',
  'retrieve-failed',
  'transfer',
  'transfer-failed',
  'replace',
  'replace-failed',
  'hand-over',
  'release',
  'remote-bye',
  'far-end-gone',
  'drop-voicemail',
  'terminated',
  'mute',
  'unmute',
];

/** Every legal move, `state > event: next`, written out from the diagram independently of the table. */
const LEGAL: Readonly<Record<string, CallState>> = {
  'ringing > answer': 'answering',
  'ringing > reject': 'rejecting',
  'ringing > cancel': 'ending',
  'ringing > release': 'ending',
  'ringing > terminated': 'ended',

  'rejecting > reject-failed': 'ringing',
  'rejecting > cancel': 'rejecting',
  'rejecting > release': 'ending',
  'rejecting > terminated': 'ended',

  'answering > cancel': 'answering',
  'answering > established': 'connected',
  'answering > ack': 'answering',
  'answering > fail': 'ending',
  'answering > release': 'ending',

  'dialling > invite-sent': 'calling',
  'dialling > refused': 'dialling',
  'dialling > established': 'connected',
  'dialling > fail': 'ending',
  'dialling > release': 'ending',

  'calling > refused': 'calling',
  'calling > established': 'connected',
  'calling > fail': 'ending',
  'calling > release': 'ending',
  'calling > terminated': 'ended',

  'connected > ack': 'connected',
  'connected > hold': 'holding',
  'connected > transfer': 'transferring',
  'connected > replace': 'replacing',
  'connected > hand-over': 'ending',
  'connected > release': 'ending',
  'connected > remote-bye': 'ending',
  'connected > terminated': 'ended',
  'connected > drop-voicemail': 'dropping-voicemail',

  // a voicemail message plays into the call: the far end's ACK, BYE, our release (when the message ends)
  'dropping-voicemail > ack': 'dropping-voicemail',
  'dropping-voicemail > release': 'ending',
  'dropping-voicemail > remote-bye': 'ending',
  'dropping-voicemail > terminated': 'ended',

  'holding > ack': 'holding',
  'holding > hold-accepted': 'held',
  'holding > hold-failed': 'connected',
  'holding > hand-over': 'ending',
  'holding > release': 'ending',
  'holding > remote-bye': 'ending',
  'holding > terminated': 'ended',

  'held > ack': 'held',
  'held > retrieve': 'retrieving',
  'held > transfer': 'transferring-held',
  'held > hand-over': 'ending',
  'held > release': 'ending',
  'held > remote-bye': 'ending',
  'held > terminated': 'ended',

  'retrieving > ack': 'retrieving',
  'retrieving > retrieve-accepted': 'connected',
  'retrieving > retrieve-failed': 'held',
  'retrieving > hand-over': 'ending',
  'retrieving > release': 'ending',
  'retrieving > remote-bye': 'ending',
  'retrieving > terminated': 'ended',

  'transferring > ack': 'transferring',
  'transferring > transfer-failed': 'connected',
  'transferring > hand-over': 'ending',
  'transferring > release': 'ending',
  'transferring > remote-bye': 'ending',
  'transferring > terminated': 'ended',

  'transferring-held > ack': 'transferring-held',
  'transferring-held > transfer-failed': 'held',
  'transferring-held > hand-over': 'ending',
  'transferring-held > release': 'ending',
  'transferring-held > remote-bye': 'ending',
  'transferring-held > terminated': 'ended',

  'replacing > ack': 'replacing',
  'replacing > replace-failed': 'connected',
  'replacing > hand-over': 'ending',
  'replacing > release': 'ending',
  'replacing > remote-bye': 'ending',

  // far-end-gone (a 481 to the dialog refresh after a reconnect): from every up state, and while a voicemail plays
  ...Object.fromEntries(
    (['connected', 'holding', 'held', 'retrieving', 'transferring', 'transferring-held', 'replacing', 'dropping-voicemail'] as const).map((state) => [`${state} > far-end-gone`, 'ending']),
  ),
  'replacing > terminated': 'ended',

  // mute and unmute: a fact in every up state, the state stays
  ...Object.fromEntries(
    (['connected', 'holding', 'held', 'retrieving', 'transferring', 'transferring-held', 'replacing'] as const).flatMap((state) => [
      [`${state} > mute`, state],
      [`${state} > unmute`, state],
    ]),
  ),

  'ending > cancel': 'ending',
  'ending > invite-sent': 'ending',
  'ending > refused': 'ending',
  'ending > established': 'ending',
  'ending > ack': 'ending',
  'ending > fail': 'ending',
  'ending > hand-over': 'ending',
  'ending > release': 'ending',
  'ending > remote-bye': 'ending',
  'ending > terminated': 'ended',
};

/** An event of each type, with its payload. */
function eventOf(type: CallEventType): CallEvent {
  switch (type) {
    case 'reject':
      return { type, statusCode: 603 };
    case 'refused':
      return { type, statusCode: 404 };
    case 'fail':
      return { type, code: 'MEDIA_UNAVAILABLE', message: 'Could not open the microphone (NotAllowedError).' };
    default:
      return { type } as CallEvent;
  }
}

/** A leg in `state` (the facts as they start for its direction). */
function legIn(state: CallState): CallLeg {
  const outbound = state === 'dialling' || state === 'calling';
  return Object.freeze({ ...startCall(outbound ? 'outbound' : 'inbound'), state });
}

/** Walks `events` from a fresh leg. */
function walk(direction: 'inbound' | 'outbound', ...events: CallEvent[]): CallLeg {
  return events.reduce((leg, event) => transitionCall(leg, event), startCall(direction));
}

describe('call state table', () => {
  it('lists every state and every event once', () => {
    expect([...CALL_STATES]).to.deep.equal(ALL_STATES);
    expect(Object.keys(CALL_TRANSITIONS)).to.deep.equal(ALL_EVENTS);
  });

  it('cannot be changed by a caller', () => {
    expect(Object.isFrozen(CALL_TRANSITIONS)).to.equal(true);
    expect(Object.values(CALL_TRANSITIONS).every((row) => Object.isFrozen(row))).to.equal(true);
    expect(Object.isFrozen(CALL_STATES)).to.equal(true);
    expect(Object.isFrozen(startCall('inbound'))).to.equal(true);
  });

  it('starts an incoming call ringing and unconfirmed, an outbound one dialling and confirmed (it sends the ACK itself)', () => {
    expect(startCall('inbound')).to.include({ state: 'ringing', direction: 'inbound', confirmed: false, answered: false });
    expect(startCall('outbound')).to.include({ state: 'dialling', direction: 'outbound', confirmed: true, answered: false });
  });

  it('lets nothing out of ended', () => {
    expect(ALL_EVENTS.filter((event) => canApply('ended', event))).to.deep.equal([]);
  });
});

describe('call state table: every state with every event', () => {
  for (const state of ALL_STATES) {
    for (const type of ALL_EVENTS) {
      const next = LEGAL[`${state} > ${type}`];
      if (next) {
        it(`${state} --${type}--> ${next}`, () => {
          expect(canApply(state, type)).to.equal(true);
          const before = legIn(state);
          const after = transitionCall(before, eventOf(type));
          expect(after.state).to.equal(next);
          expect(Object.isFrozen(after)).to.equal(true);
          expect(before.state, 'the leg it moved from is unchanged').to.equal(state);
        });
      } else {
        it(`${state} refuses ${type} with INVALID_TRANSITION`, () => {
          expect(canApply(state, type)).to.equal(false);
          let error: unknown;
          try {
            transitionCall(legIn(state), eventOf(type));
          } catch (thrown) {
            error = thrown;
          }
          expect(isContactPadError(error, 'INVALID_TRANSITION')).to.equal(true);
          expect((error as Error).message).to.equal(`Invalid transition: ${type} in ${state}`);
          expect((error as { detail: Record<string, unknown> }).detail).to.deep.equal({ from: state, event: type });
        });
      }
    }
  }
});

describe('call state table: the facts each event brings', () => {
  it('records the answer and the far end\'s ACK', () => {
    const answered = walk('inbound', { type: 'answer' }, { type: 'established' });
    expect(answered).to.include({ state: 'connected', answered: true, confirmed: false });
    expect(transitionCall(answered, { type: 'ack' }).confirmed).to.equal(true);
  });

  it('records our reject with its status, and forgets it when the reject could not be sent', () => {
    const rejecting = walk('inbound', { type: 'reject', statusCode: 603 });
    expect(rejecting).to.include({ local: 'rejected', rejectedWith: 603 });
    expect(transitionCall(rejecting, { type: 'reject-failed' })).to.include({ state: 'ringing', local: undefined, rejectedWith: undefined });
  });

  it('records a release, but a release after a reject or a hand-over keeps what ended the call', () => {
    expect(walk('inbound', { type: 'release' }).local).to.equal('released');
    expect(walk('inbound', { type: 'reject', statusCode: 486 }, { type: 'release' }).local).to.equal('rejected');
    const connected = walk('outbound', { type: 'invite-sent' }, { type: 'established' });
    expect(transitionCall(transitionCall(connected, { type: 'hand-over' }), { type: 'release' }).local).to.equal('transferred');
  });

  it('lets a late acceptance of the REFER override a release (the far end follows the transfer)', () => {
    const connected = walk('outbound', { type: 'invite-sent' }, { type: 'established' });
    expect(transitionCall(transitionCall(connected, { type: 'release' }), { type: 'hand-over' }).local).to.equal('transferred');
  });

  it('puts a held call back on hold when its transfer fails, and a connected one back connected', () => {
    const connected = walk('inbound', { type: 'answer' }, { type: 'established' });
    const held = transitionCall(transitionCall(connected, { type: 'hold' }), { type: 'hold-accepted' });
    expect(transitionCall(transitionCall(held, { type: 'transfer' }), { type: 'transfer-failed' }).state).to.equal('held');
    expect(transitionCall(transitionCall(connected, { type: 'transfer' }), { type: 'transfer-failed' }).state).to.equal('connected');
  });

  it('starts a call unmuted and keeps a mute across hold and retrieve until unmute', () => {
    expect(startCall('inbound').muted).to.equal(false);
    const connected = walk('inbound', { type: 'answer' }, { type: 'established' });
    const muted = transitionCall(connected, { type: 'mute' });
    expect(muted).to.include({ state: 'connected', muted: true });
    const back = [{ type: 'hold' }, { type: 'hold-accepted' }, { type: 'retrieve' }, { type: 'retrieve-accepted' }] as const;
    const retrieved = back.reduce((leg, event) => transitionCall(leg, event), muted);
    expect(retrieved).to.include({ state: 'connected', muted: true });
    expect(transitionCall(retrieved, { type: 'unmute' })).to.include({ state: 'connected', muted: false });
  });
});

describe('call state table: how an ended call is reported', () => {
  const connected = walk('inbound', { type: 'answer' }, { type: 'established' });
  const end = (leg: CallLeg) => callEnd(transitionCall(leg, { type: 'terminated' }));

  it('keeps the Reason header of the far end\'s BYE (a callback\'s outcome, RFC 3326), as received', () => {
    const bye = transitionCall(connected, { type: 'remote-bye', reason: 'SIP;cause=480;text="Temporarily Unavailable"' });
    expect(end(bye)).to.deep.equal({ reason: 'remote-hangup', byeReason: 'SIP;cause=480;text="Temporarily Unavailable"' });
    expect(end(transitionCall(connected, { type: 'remote-bye', reason: undefined }))).to.deep.equal({ reason: 'remote-hangup' });
  });

  it('reports each way a call ends', () => {
    expect(end(transitionCall(connected, { type: 'release' }))).to.deep.equal({ reason: 'released' });
    expect(end(transitionCall(connected, { type: 'remote-bye' }))).to.deep.equal({ reason: 'remote-hangup' });
    // The far end no longer knew the call when the phone came back (481 to the dialog refresh): its BYE was lost.
    expect(end(transitionCall(transitionCall(connected, { type: 'hold' }), { type: 'far-end-gone' }))).to.deep.equal({ reason: 'remote-hangup' });
    expect(end(walk('inbound', { type: 'cancel' }))).to.deep.equal({ reason: 'caller-cancelled' });
    expect(end(walk('inbound', { type: 'cancel', answeredElsewhere: false }))).to.deep.equal({ reason: 'caller-cancelled' });
    expect(end(walk('inbound', { type: 'cancel', answeredElsewhere: true }))).to.deep.equal({ reason: 'answered-elsewhere' });
    expect(end(walk('inbound', { type: 'reject', statusCode: 603 }))).to.deep.equal({ reason: 'rejected', statusCode: 603 });
    expect(end(transitionCall(connected, { type: 'hand-over' }))).to.deep.equal({ reason: 'transferred' });
    expect(end(walk('outbound', { type: 'invite-sent' }, { type: 'refused', statusCode: 404 }))).to.deep.equal({ reason: 'rejected', statusCode: 404 });
    expect(end(walk('outbound', { type: 'fail', code: 'MEDIA_UNAVAILABLE', message: 'No microphone.' }))).to.deep.equal({
      reason: 'failed',
      code: 'MEDIA_UNAVAILABLE',
      message: 'No microphone.',
    });
  });

  it('reports the consult call of an attended transfer as transferred when the transfer target replaces it (its BYE), and as hung up outside one', () => {
    const replacing = transitionCall(connected, { type: 'replace' });
    expect(end(transitionCall(replacing, { type: 'remote-bye' }))).to.deep.equal({ reason: 'transferred' });
    expect(end(transitionCall(transitionCall(replacing, { type: 'replace-failed' }), { type: 'remote-bye' }))).to.deep.equal({ reason: 'remote-hangup' });
  });

  it('reports a dropped voicemail as released when the message ended (our BYE), and as hung up when the far end left first', () => {
    const dropping = transitionCall(connected, { type: 'drop-voicemail' });
    expect(end(transitionCall(dropping, { type: 'release' }))).to.deep.equal({ reason: 'released' });
    expect(end(transitionCall(dropping, { type: 'remote-bye' }))).to.deep.equal({ reason: 'remote-hangup' });
  });

  it('reports a call sip.js ended on its own as cut off once answered, else as ended before it was answered', () => {
    expect(end(connected)).to.deep.equal({ reason: 'failed', code: 'SIP_CALL_FAILED', message: 'The call was cut off.' });
    expect(end(walk('inbound'))).to.deep.equal({ reason: 'failed', code: 'SIP_CALL_FAILED', message: 'The call ended before it was answered.' });
  });

  it('reports the caller\'s CANCEL over a failure of the accept() it interrupted (a missed call)', () => {
    const leg = walk('inbound', { type: 'answer' }, { type: 'cancel' }, { type: 'fail', code: 'MEDIA_UNAVAILABLE', message: 'No microphone.' });
    expect(end(leg)).to.deep.equal({ reason: 'caller-cancelled' });
  });

  it('reports a failure of accept() over the release that came meanwhile', () => {
    const leg = walk('inbound', { type: 'answer' }, { type: 'release' }, { type: 'fail', code: 'SIP_CALL_FAILED', message: 'Could not answer the call: gone' });
    expect(end(leg)).to.include({ reason: 'failed', code: 'SIP_CALL_FAILED' });
  });

  it('reports our release over the far end\'s BYE that crossed it, and our cancel of a dialled call over the 487 it brings', () => {
    expect(end(transitionCall(transitionCall(connected, { type: 'release' }), { type: 'remote-bye' }))).to.deep.equal({ reason: 'released' });
    const cancelled = walk('outbound', { type: 'invite-sent' }, { type: 'release' }, { type: 'refused', statusCode: 487 });
    expect(end(cancelled)).to.deep.equal({ reason: 'released' });
  });
});
