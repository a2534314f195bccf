import { expect } from '@open-wc/testing';
import { isContactPadError } from './errors.ts';
import {
  INTERACTION_TRANSITIONS,
  isFinished,
  isInProgress,
  isLive,
  offerInteraction,
  talkSeconds,
  transitionInteraction,
  withCustomer,
  withWorkChannel,
  withWrapUp,
} from './interaction-state.ts';
import { ALL_STATES, T0, interactionIn, offeredCall } from '../../test-support/interaction-states.ts';
import { thrown } from '../../test-support/thrown.ts';

declare const describe: (title: string, body: () => void) => void;
declare const it: (title: string, body: () => void | Promise<void>) => void;

/*
 * The interaction state machine beyond its table (interaction-state.test.ts): hold, transfer
 * and abandon, wrap up details, the state questions, talk time, and the details a work item's
 * record fills in (withCustomer, withWorkChannel).
 */

describe('hold, transfer and abandon', () => {
  it('keeps the answer time when a call is retrieved from hold, and records held and retrieved', () => {
    const connected = transitionInteraction(offeredCall(), 'connected', T0 + 1000);
    const held = transitionInteraction(connected, 'held', T0 + 5000);
    expect(held.releasedAt, 'holding is not releasing').to.equal(undefined);
    const back = transitionInteraction(held, 'connected', T0 + 9000);
    expect(back.answeredAt).to.equal(T0 + 1000);
    expect(back.journey.map((event) => event.kind)).to.deep.equal(['offered', 'answered', 'held', 'retrieved']);
  });

  it('counts hold time as talk time, and stamps the release when a held call is released', () => {
    const held = transitionInteraction(transitionInteraction(offeredCall(), 'connected', T0), 'held', T0 + 10_000);
    expect(talkSeconds(held, T0 + 40_000)).to.equal(40);
    const wrapUp = transitionInteraction(held, 'wrap-up', T0 + 50_000);
    expect(wrapUp.releasedAt).to.equal(T0 + 50_000);
    expect(talkSeconds(wrapUp)).to.equal(50);
  });

  for (const channel of ['voice', 'video', 'callback'] as const) {
    it(`holds a ${channel} interaction`, () => {
      const connected = transitionInteraction(offerInteraction({ id: 'cp-h', channel, direction: 'inbound' }, T0), 'connected', T0 + 1000);
      expect(transitionInteraction(connected, 'held', T0 + 2000).state).to.equal('held');
    });
  }

  for (const channel of ['chat', 'email', 'case'] as const) {
    it(`refuses to hold a ${channel}: only live interactions can be held`, () => {
      const connected = transitionInteraction(offerInteraction({ id: 'cp-h', channel, direction: 'inbound' }, T0), 'connected', T0 + 1000);
      const error = thrown(() => transitionInteraction(connected, 'held', T0 + 2000));
      expect(isContactPadError(error, 'INVALID_TRANSITION')).to.equal(true);
      expect((error as Error).message).to.equal(`Invalid transition from connected to held: a ${channel} cannot be held`);
    });
  }

  it('a transferred case leaves the agent: released and ended at the transfer, with the target in the journey', () => {
    const connected = transitionInteraction(offerInteraction({ id: 'cp-c', channel: 'case', direction: 'inbound' }, T0), 'connected', T0 + 1000);
    const transferred = transitionInteraction(connected, 'transferred', T0 + 30_000, { detail: 'to Billing' });
    expect(isFinished(transferred.state)).to.equal(true);
    expect([transferred.releasedAt, transferred.endedAt]).to.deep.equal([T0 + 30_000, T0 + 30_000]);
    expect(transferred.journey.at(-1)).to.deep.equal({ at: T0 + 30_000, kind: 'transferred', detail: 'to Billing' });
  });

  it('an abandoned chat ends at once, even from wrap up, keeping the earlier release time', () => {
    const chat = transitionInteraction(offerInteraction({ id: 'cp-chat', channel: 'chat', direction: 'inbound' }, T0), 'connected', T0 + 1000);
    const wrapUp = transitionInteraction(chat, 'wrap-up', T0 + 20_000);
    const abandoned = transitionInteraction(wrapUp, 'abandoned', T0 + 25_000, { detail: 'release failed' });
    expect(abandoned.state).to.equal('abandoned');
    expect([abandoned.releasedAt, abandoned.endedAt]).to.deep.equal([T0 + 20_000, T0 + 25_000]);
    expect(abandoned.journey.at(-1)).to.deep.equal({ at: T0 + 25_000, kind: 'abandoned', detail: 'release failed' });
  });

  it('an interaction abandoned while still alerting was never answered', () => {
    const abandoned = transitionInteraction(offeredCall(), 'abandoned', T0 + 3000);
    expect([abandoned.answeredAt, abandoned.releasedAt, abandoned.endedAt]).to.deep.equal([undefined, undefined, T0 + 3000]);
  });
});

describe('wrap up details', () => {
  it('records a disposition and notes in wrap-up, trimming the disposition and keeping notes as typed', () => {
    const wrapUp = interactionIn('wrap-up');
    const done = withWrapUp(wrapUp, { disposition: ' Resolved ', notes: 'Line one\nLine two ' });
    expect(done.disposition).to.equal('Resolved');
    expect(done.notes).to.equal('Line one\nLine two ');
    expect(done.state).to.equal('wrap-up');
    expect(wrapUp.disposition, 'the old value is unchanged').to.equal('');
    expect(Object.isFrozen(done)).to.equal(true);
  });

  it('lets the agent type notes during the call', () => {
    expect(withWrapUp(interactionIn('connected'), { notes: 'wants a callback' }).notes).to.equal('wants a callback');
  });

  it('keeps a field that is not given', () => {
    const first = withWrapUp(interactionIn('wrap-up'), { disposition: 'Resolved', notes: 'ok' });
    expect(withWrapUp(first, { notes: 'better notes' })).to.include({ disposition: 'Resolved', notes: 'better notes' });
    expect(withWrapUp(first, { disposition: 'Wrong number' })).to.include({ disposition: 'Wrong number', notes: 'ok' });
  });

  it('lets the agent type notes while the call is on hold', () => {
    expect(withWrapUp(interactionIn('held'), { notes: 'checking stock' }).notes).to.equal('checking stock');
  });

  for (const state of ['alerting', 'ended', 'rejected', 'missed', 'failed', 'transferred', 'abandoned'] as const) {
    it(`is refused with INTERACTION_CLOSED while ${state}`, () => {
      const error = thrown(() => withWrapUp(interactionIn(state), { disposition: 'Resolved' }));
      expect(isContactPadError(error, 'INTERACTION_CLOSED')).to.equal(true);
      expect((error as Error).message).to.contain(state);
    });
  }
});

describe('state questions', () => {
  it('calls ended, rejected, missed, failed, transferred and abandoned finished, and nothing else', () => {
    expect(ALL_STATES.filter(isFinished)).to.deep.equal(['ended', 'rejected', 'missed', 'failed', 'transferred', 'abandoned']);
  });

  it('calls only connected live (no media flows on hold)', () => {
    expect(ALL_STATES.filter(isLive)).to.deep.equal(['connected']);
  });

  it('calls connected and held in progress', () => {
    expect(ALL_STATES.filter(isInProgress)).to.deep.equal(['connected', 'held']);
  });

  it('has no move out of a finished state', () => {
    for (const state of ALL_STATES.filter(isFinished)) expect(INTERACTION_TRANSITIONS[state], state).to.deep.equal([]);
  });
});

describe('talk time', () => {
  it('counts whole seconds from answer to release, rounding down', () => {
    const connected = transitionInteraction(offeredCall(), 'connected', T0 + 4000);
    const wrapUp = transitionInteraction(connected, 'wrap-up', T0 + 4000 + 125_999);
    expect(talkSeconds(wrapUp)).to.equal(125);
    expect(talkSeconds(transitionInteraction(wrapUp, 'ended', T0 + 999_999))).to.equal(125);
  });

  it('ignores the time asked about once the call is released', () => {
    const wrapUp = transitionInteraction(transitionInteraction(offeredCall(), 'connected', T0), 'wrap-up', T0 + 30_000);
    expect(talkSeconds(wrapUp, T0 + 500_000)).to.equal(30);
  });

  it('counts up to the given time while the call is live, and 0 without one', () => {
    const connected = transitionInteraction(offeredCall(), 'connected', T0);
    expect(talkSeconds(connected, T0 + 61_500)).to.equal(61);
    expect(talkSeconds(connected)).to.equal(0);
  });

  it('is 0 for a call never answered', () => {
    expect(talkSeconds(offeredCall(), T0 + 30_000)).to.equal(0);
    expect(talkSeconds(interactionIn('missed'), T0 + 30_000)).to.equal(0);
    expect(talkSeconds(interactionIn('rejected'))).to.equal(0);
  });

  it('is never negative when the clock stepped back', () => {
    const connected = transitionInteraction(offeredCall(), 'connected', T0 + 10_000);
    expect(talkSeconds(transitionInteraction(connected, 'wrap-up', T0))).to.equal(0);
  });
});

describe('withCustomer', () => {
  it('fills a blank customer name and number from the work item\'s record, never overwriting what the platform sent', () => {
    const chat = offerInteraction({ id: '0Bz000000000001AAA', channel: 'chat', direction: 'inbound' }, 1000);
    const filled = withCustomer(chat, { name: ' Ada\nLovelace ', number: '+14155550100' });
    expect(filled).to.include({ callerName: 'Ada Lovelace', callerNumber: '+14155550100', state: 'alerting' });
    expect(withCustomer(filled, { name: 'Someone Else', number: '+1' })).to.include({ callerName: 'Ada Lovelace', callerNumber: '+14155550100' });
    expect(Object.isFrozen(filled)).to.equal(true);
    expect(withCustomer(chat, {}), 'nothing known: the same value').to.equal(chat);
  });
});

describe('withWorkChannel', () => {
  it('makes a routed Case an email once its record says it came by email (and back), keeping state and journey', () => {
    const routed = transitionInteraction(offerInteraction({ id: '0Bz000000000002AAA', channel: 'case', direction: 'inbound' }, 1000), 'connected', 2000);
    const email = withWorkChannel(routed, 'email');
    expect(email).to.include({ channel: 'email', state: 'connected' });
    expect(email.journey).to.deep.equal(routed.journey);
    expect(Object.isFrozen(email)).to.equal(true);
    expect(withWorkChannel(email, 'case').channel).to.equal('case');
    expect(withWorkChannel(email, 'email'), 'unchanged: the same value').to.equal(email);
  });

  it('refuses to turn a chat or a call into another kind (INVALID_INTERACTION)', () => {
    const chat = offerInteraction({ id: '0Bz000000000003AAA', channel: 'chat', direction: 'inbound' }, 1000);
    const error = thrown(() => withWorkChannel(chat, 'email'));
    expect(isContactPadError(error, 'INVALID_INTERACTION')).to.equal(true);
    const call = offerInteraction({ id: 'call-1', channel: 'voice', direction: 'inbound' }, 1000);
    expect(isContactPadError(thrown(() => withWorkChannel(call, 'case')), 'INVALID_INTERACTION')).to.equal(true);
    const emailCase = offerInteraction({ id: '0Bz000000000004AAA', channel: 'case', direction: 'inbound' }, 1000);
    expect(isContactPadError(thrown(() => withWorkChannel(emailCase, 'chat')), 'INVALID_INTERACTION')).to.equal(true);
  });
});
