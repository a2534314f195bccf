import { expect } from '@open-wc/testing';
import { ContactPadError, isContactPadError } from './errors.ts';
import type { Interaction, InteractionState, JourneyEventKind } from './interaction.ts';
import { thrown } from '../../test-support/thrown.ts';
import {
  INTERACTION_STATES,
  INTERACTION_TRANSITIONS,
  canTransitionInteraction,
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

declare const describe: (title: string, body: () => void) => void;
declare const it: (title: string, body: () => void | Promise<void>) => void;

const T0 = Date.UTC(2026, 10, 22, 10, 2, 3);
const ALL: readonly InteractionState[] = ['alerting', 'connected', 'held', 'wrap-up', 'ended', 'rejected', 'missed', 'failed', 'transferred', 'abandoned'];

/** The legal moves and the journey event each records by default, written out independently of the table. */
const LEGAL: Readonly<Record<string, JourneyEventKind>> = {
  'alerting>connected': 'answered',
  'alerting>rejected': 'rejected',
  'alerting>missed': 'missed',
  'alerting>failed': 'failed',
  'alerting>abandoned': 'abandoned',
  'connected>held': 'held',
  'connected>wrap-up': 'released',
  'connected>failed': 'failed',
  'connected>transferred': 'transferred',
  'connected>abandoned': 'abandoned',
  'held>connected': 'retrieved',
  'held>wrap-up': 'released',
  'held>failed': 'failed',
  'held>transferred': 'transferred',
  'held>abandoned': 'abandoned',
  'wrap-up>ended': 'wrapped-up',
  'wrap-up>abandoned': 'abandoned',
};

function offer(): Interaction {
  return offerInteraction(
    { id: 'cp-1001', channel: 'voice', direction: 'inbound', callerName: 'Ada Lovelace', callerNumber: '+1 (415) 555-0100', queue: 'Sales' },
    T0,
  );
}

/** An interaction brought to `state` through legal moves, one second apart. */
function interactionIn(state: InteractionState): Interaction {
  const alerting = offer();
  switch (state) {
    case 'alerting':
      return alerting;
    case 'rejected':
    case 'missed':
    case 'failed':
    case 'abandoned':
      return transitionInteraction(alerting, state, T0 + 1000);
    case 'connected':
      return transitionInteraction(alerting, 'connected', T0 + 1000);
    case 'held':
    case 'transferred':
      return transitionInteraction(interactionIn('connected'), state, T0 + 2000);
    case 'wrap-up':
      return transitionInteraction(interactionIn('connected'), 'wrap-up', T0 + 2000);
    case 'ended':
      return transitionInteraction(interactionIn('wrap-up'), 'ended', T0 + 3000);
  }
}

describe('interaction state machine: the table', () => {
  it('lists every state once', () => {
    expect([...INTERACTION_STATES].sort()).to.deep.equal([...ALL].sort());
    expect(Object.keys(INTERACTION_TRANSITIONS).sort()).to.deep.equal([...ALL].sort());
  });

  it('allows exactly the moves of the diagram', () => {
    for (const from of ALL) {
      for (const to of ALL) {
        expect(canTransitionInteraction(from, to), `${from} -> ${to}`).to.equal(`${from}>${to}` in LEGAL);
      }
    }
  });

  it('cannot be changed by a caller', () => {
    expect(Object.isFrozen(INTERACTION_TRANSITIONS)).to.equal(true);
    expect(Object.isFrozen(INTERACTION_TRANSITIONS.alerting)).to.equal(true);
  });
});

describe('interaction state machine: every pair of states', () => {
  for (const from of ALL) {
    for (const to of ALL) {
      const kind = LEGAL[`${from}>${to}`];
      if (kind !== undefined) {
        it(`${from} -> ${to} succeeds and records '${kind}' in the journey`, () => {
          const before = interactionIn(from);
          const at = T0 + 60_000;
          const after = transitionInteraction(before, to, at);
          expect(after.state).to.equal(to);
          expect(after.journey.length).to.equal(before.journey.length + 1);
          expect(after.journey.at(-1)).to.deep.equal({ at, kind });
          expect(after.journey.slice(0, -1)).to.deep.equal(before.journey);
          expect(before.state, 'the old value is unchanged').to.equal(from);
          expect(Object.isFrozen(after)).to.equal(true);
          expect(Object.isFrozen(after.journey)).to.equal(true);
        });
      } else {
        it(`${from} -> ${to} is refused with INVALID_TRANSITION naming both states`, () => {
          const before = interactionIn(from);
          const error = thrown(() => transitionInteraction(before, to, T0 + 60_000));
          expect(error).to.be.instanceOf(ContactPadError);
          expect(isContactPadError(error, 'INVALID_TRANSITION')).to.equal(true);
          expect((error as ContactPadError).message).to.equal(`Invalid transition from ${from} to ${to}`);
          expect(before.state).to.equal(from);
        });
      }
    }
  }
});

describe('offering an interaction', () => {
  it('starts alerting, with the call pop fields and a journey that begins with offered', () => {
    const interaction = offerInteraction(
      {
        id: 'cp-42',
        channel: 'voice',
        direction: 'inbound',
        callerName: 'Grace Hopper',
        callerNumber: '+44 20 7946 0000',
        queue: 'Support',
        location: '+1 800 555 0199',
        adSource: 'Spring radio ad',
      },
      T0,
    );
    expect(interaction).to.deep.equal({
      id: 'cp-42',
      channel: 'voice',
      direction: 'inbound',
      callerName: 'Grace Hopper',
      callerNumber: '+44 20 7946 0000',
      queue: 'Support',
      location: '+1 800 555 0199',
      adSource: 'Spring radio ad',
      state: 'alerting',
      offeredAt: T0,
      journey: [{ at: T0, kind: 'offered' }],
      disposition: '',
      notes: '',
    });
    expect(Object.isFrozen(interaction)).to.equal(true);
    expect(Object.isFrozen(interaction.journey[0])).to.equal(true);
  });

  it('leaves missing caller fields blank, never undefined', () => {
    const interaction = offerInteraction({ id: 'call-id-1@host', channel: 'voice', direction: 'inbound' }, T0);
    expect([interaction.callerName, interaction.callerNumber, interaction.queue, interaction.location, interaction.adSource]).to.deep.equal([
      '',
      '',
      '',
      '',
      '',
    ]);
    expect(interaction.answeredAt).to.equal(undefined);
    expect(interaction.releasedAt).to.equal(undefined);
    expect(interaction.endedAt).to.equal(undefined);
  });

  it('trims caller text and turns line breaks and control characters into spaces', () => {
    const interaction = offerInteraction(
      { id: '  cp-7 ', channel: 'callback', direction: 'outbound', callerName: '  Ada\r\nLovelace\u0000 ', queue: '\tSales\t', adSource: '   ' },
      T0,
    );
    expect(interaction.id).to.equal('cp-7');
    expect(interaction.callerName).to.equal('Ada Lovelace');
    expect(interaction.queue).to.equal('Sales');
    expect(interaction.adSource).to.equal('');
  });

  it('keeps HTML in a caller name as plain text (rendering escapes it)', () => {
    const interaction = offerInteraction({ id: 'cp-8', channel: 'voice', direction: 'inbound', callerName: '<img src=x onerror=alert(1)>' }, T0);
    expect(interaction.callerName).to.equal('<img src=x onerror=alert(1)>');
  });

  it('treats a non-text field from outside as blank', () => {
    const fields = { id: 'cp-9', channel: 'voice', direction: 'inbound', callerName: 42, queue: null } as unknown as Parameters<typeof offerInteraction>[0];
    const interaction = offerInteraction(fields, T0);
    expect(interaction.callerName).to.equal('');
    expect(interaction.queue).to.equal('');
  });

  it('refuses an interaction without an id, or with an unknown channel or direction, with INVALID_INTERACTION', () => {
    for (const fields of [
      { id: '', channel: 'voice', direction: 'inbound' },
      { id: '   ', channel: 'voice', direction: 'inbound' },
      { id: 'cp-1', channel: 'fax', direction: 'inbound' },
      { id: 'cp-1', channel: 'voice', direction: 'sideways' },
    ]) {
      const error = thrown(() => offerInteraction(fields as Parameters<typeof offerInteraction>[0], T0));
      expect(isContactPadError(error, 'INVALID_INTERACTION'), JSON.stringify(fields)).to.equal(true);
    }
  });
});

describe('moving an interaction', () => {
  it('stamps answeredAt when the call is answered', () => {
    const connected = transitionInteraction(offer(), 'connected', T0 + 5000);
    expect(connected.answeredAt).to.equal(T0 + 5000);
    expect(connected.releasedAt).to.equal(undefined);
    expect(connected.endedAt).to.equal(undefined);
  });

  it('stamps releasedAt on release and endedAt when wrap up ends, keeping the earlier stamps', () => {
    const connected = transitionInteraction(offer(), 'connected', T0 + 5000);
    const wrapUp = transitionInteraction(connected, 'wrap-up', T0 + 65_000);
    expect(wrapUp.answeredAt).to.equal(T0 + 5000);
    expect(wrapUp.releasedAt).to.equal(T0 + 65_000);
    expect(wrapUp.endedAt).to.equal(undefined);
    const ended = transitionInteraction(wrapUp, 'ended', T0 + 90_000);
    expect([ended.offeredAt, ended.answeredAt, ended.releasedAt, ended.endedAt]).to.deep.equal([T0, T0 + 5000, T0 + 65_000, T0 + 90_000]);
    expect(ended.journey.map((event) => event.kind)).to.deep.equal(['offered', 'answered', 'released', 'wrapped-up']);
  });

  it('stamps endedAt, and no answer or release, for a call that was missed, rejected or failed while ringing', () => {
    for (const end of ['missed', 'rejected', 'failed'] as const) {
      const finished = transitionInteraction(offer(), end, T0 + 7000);
      expect(finished.endedAt, end).to.equal(T0 + 7000);
      expect(finished.answeredAt, end).to.equal(undefined);
      expect(finished.releasedAt, end).to.equal(undefined);
    }
  });

  it('stamps both releasedAt and endedAt when a connected call fails', () => {
    const connected = transitionInteraction(offer(), 'connected', T0 + 1000);
    const failed = transitionInteraction(connected, 'failed', T0 + 4000, { detail: 'ICE failed' });
    expect(failed.releasedAt).to.equal(T0 + 4000);
    expect(failed.endedAt).to.equal(T0 + 4000);
    expect(failed.journey.at(-1)).to.deep.equal({ at: T0 + 4000, kind: 'failed', detail: 'ICE failed' });
  });

  it('records a remote hang-up when the caller sends BYE', () => {
    const connected = transitionInteraction(offer(), 'connected', T0 + 1000);
    const wrapUp = transitionInteraction(connected, 'wrap-up', T0 + 9000, { kind: 'remote-hangup', detail: 'caller hung up' });
    expect(wrapUp.state).to.equal('wrap-up');
    expect(wrapUp.journey.at(-1)).to.deep.equal({ at: T0 + 9000, kind: 'remote-hangup', detail: 'caller hung up' });
  });

  it('records the reject status in the journey', () => {
    const rejected = transitionInteraction(offer(), 'rejected', T0 + 2000, { detail: '486 Busy Here' });
    expect(rejected.journey.at(-1)).to.deep.equal({ at: T0 + 2000, kind: 'rejected', detail: '486 Busy Here' });
  });

  it('keeps a journey detail from outside on one line and drops a blank one', () => {
    const missed = transitionInteraction(offer(), 'missed', T0 + 2000, { detail: ' caller\ncancelled ' });
    expect(missed.journey.at(-1)?.detail).to.equal('caller cancelled');
    const rejected = transitionInteraction(offer(), 'rejected', T0 + 2000, { detail: '  ' });
    expect(rejected.journey.at(-1)).to.deep.equal({ at: T0 + 2000, kind: 'rejected' });
  });

  it('carries the caller and wrap up details across moves', () => {
    const connected = withWrapUp(transitionInteraction(offer(), 'connected', T0 + 1000), { notes: 'asked about pricing' });
    const ended = transitionInteraction(transitionInteraction(connected, 'wrap-up', T0 + 2000), 'ended', T0 + 3000);
    expect(ended.callerName).to.equal('Ada Lovelace');
    expect(ended.queue).to.equal('Sales');
    expect(ended.notes).to.equal('asked about pricing');
  });

  it('says which interaction an illegal move was asked for, in the error detail', () => {
    const error = thrown(() => transitionInteraction(offer(), 'ended', T0)) as ContactPadError;
    expect(error.detail).to.deep.equal({ interactionId: 'cp-1001', from: 'alerting', to: 'ended' });
  });
});

describe('hold, transfer and abandon', () => {
  it('keeps the answer time when a call is retrieved from hold, and records held and retrieved', () => {
    const connected = transitionInteraction(offer(), 'connected', T0 + 1000);
    const held = transitionInteraction(connected, 'held', T0 + 5000);
    expect(held.releasedAt, 'holding is not releasing').to.equal(undefined);
    const back = transitionInteraction(held, 'connected', T0 + 9000);
    expect(back.answeredAt).to.equal(T0 + 1000);
    expect(back.journey.map((event) => event.kind)).to.deep.equal(['offered', 'answered', 'held', 'retrieved']);
  });

  it('counts hold time as talk time, and stamps the release when a held call is released', () => {
    const held = transitionInteraction(transitionInteraction(offer(), 'connected', T0), 'held', T0 + 10_000);
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
    const abandoned = transitionInteraction(offer(), 'abandoned', T0 + 3000);
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
    expect(ALL.filter(isFinished)).to.deep.equal(['ended', 'rejected', 'missed', 'failed', 'transferred', 'abandoned']);
  });

  it('calls only connected live (no media flows on hold)', () => {
    expect(ALL.filter(isLive)).to.deep.equal(['connected']);
  });

  it('calls connected and held in progress', () => {
    expect(ALL.filter(isInProgress)).to.deep.equal(['connected', 'held']);
  });

  it('has no move out of a finished state', () => {
    for (const state of ALL.filter(isFinished)) expect(INTERACTION_TRANSITIONS[state], state).to.deep.equal([]);
  });
});

describe('talk time', () => {
  it('counts whole seconds from answer to release, rounding down', () => {
    const connected = transitionInteraction(offer(), 'connected', T0 + 4000);
    const wrapUp = transitionInteraction(connected, 'wrap-up', T0 + 4000 + 125_999);
    expect(talkSeconds(wrapUp)).to.equal(125);
    expect(talkSeconds(transitionInteraction(wrapUp, 'ended', T0 + 999_999))).to.equal(125);
  });

  it('ignores the time asked about once the call is released', () => {
    const wrapUp = transitionInteraction(transitionInteraction(offer(), 'connected', T0), 'wrap-up', T0 + 30_000);
    expect(talkSeconds(wrapUp, T0 + 500_000)).to.equal(30);
  });

  it('counts up to the given time while the call is live, and 0 without one', () => {
    const connected = transitionInteraction(offer(), 'connected', T0);
    expect(talkSeconds(connected, T0 + 61_500)).to.equal(61);
    expect(talkSeconds(connected)).to.equal(0);
  });

  it('is 0 for a call never answered', () => {
    expect(talkSeconds(offer(), T0 + 30_000)).to.equal(0);
    expect(talkSeconds(interactionIn('missed'), T0 + 30_000)).to.equal(0);
    expect(talkSeconds(interactionIn('rejected'))).to.equal(0);
  });

  it('is never negative when the clock stepped back', () => {
    const connected = transitionInteraction(offer(), 'connected', T0 + 10_000);
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
