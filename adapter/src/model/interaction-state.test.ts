import { expect } from '@open-wc/testing';
import { ContactPadError, isContactPadError } from './errors.ts';
import type { JourneyEventKind } from './interaction.ts';
import {
  INTERACTION_STATES,
  INTERACTION_TRANSITIONS,
  canTransitionInteraction,
  offerInteraction,
  transitionInteraction,
  withWrapUp,
} from './interaction-state.ts';
import { ALL_STATES, T0, interactionIn, offeredCall } from '../../test-support/interaction-states.ts';
import { thrown } from '../../test-support/thrown.ts';

declare const describe: (title: string, body: () => void) => void;
declare const it: (title: string, body: () => void | Promise<void>) => void;

/*
 * The interaction state machine: its table, every pair of states, offering an interaction and
 * moving it. Hold, transfer, abandon, wrap up details, the state questions, talk time and the
 * details a work item's record fills in are in interaction-state-details.test.ts.
 */

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

describe('interaction state machine: the table', () => {
  it('lists every state once', () => {
    expect([...INTERACTION_STATES].sort()).to.deep.equal([...ALL_STATES].sort());
    expect(Object.keys(INTERACTION_TRANSITIONS).sort()).to.deep.equal([...ALL_STATES].sort());
  });

  it('allows exactly the moves of the diagram', () => {
    for (const from of ALL_STATES) {
      for (const to of ALL_STATES) {
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
  for (const from of ALL_STATES) {
    for (const to of ALL_STATES) {
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
    const connected = transitionInteraction(offeredCall(), 'connected', T0 + 5000);
    expect(connected.answeredAt).to.equal(T0 + 5000);
    expect(connected.releasedAt).to.equal(undefined);
    expect(connected.endedAt).to.equal(undefined);
  });

  it('stamps releasedAt on release and endedAt when wrap up ends, keeping the earlier stamps', () => {
    const connected = transitionInteraction(offeredCall(), 'connected', T0 + 5000);
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
      const finished = transitionInteraction(offeredCall(), end, T0 + 7000);
      expect(finished.endedAt, end).to.equal(T0 + 7000);
      expect(finished.answeredAt, end).to.equal(undefined);
      expect(finished.releasedAt, end).to.equal(undefined);
    }
  });

  it('stamps both releasedAt and endedAt when a connected call fails', () => {
    const connected = transitionInteraction(offeredCall(), 'connected', T0 + 1000);
    const failed = transitionInteraction(connected, 'failed', T0 + 4000, { detail: 'ICE failed' });
    expect(failed.releasedAt).to.equal(T0 + 4000);
    expect(failed.endedAt).to.equal(T0 + 4000);
    expect(failed.journey.at(-1)).to.deep.equal({ at: T0 + 4000, kind: 'failed', detail: 'ICE failed' });
  });

  it('records a remote hang-up when the caller sends BYE', () => {
    const connected = transitionInteraction(offeredCall(), 'connected', T0 + 1000);
    const wrapUp = transitionInteraction(connected, 'wrap-up', T0 + 9000, { kind: 'remote-hangup', detail: 'caller hung up' });
    expect(wrapUp.state).to.equal('wrap-up');
    expect(wrapUp.journey.at(-1)).to.deep.equal({ at: T0 + 9000, kind: 'remote-hangup', detail: 'caller hung up' });
  });

  it('records the reject status in the journey', () => {
    const rejected = transitionInteraction(offeredCall(), 'rejected', T0 + 2000, { detail: '486 Busy Here' });
    expect(rejected.journey.at(-1)).to.deep.equal({ at: T0 + 2000, kind: 'rejected', detail: '486 Busy Here' });
  });

  it('keeps a journey detail from outside on one line and drops a blank one', () => {
    const missed = transitionInteraction(offeredCall(), 'missed', T0 + 2000, { detail: ' caller\ncancelled ' });
    expect(missed.journey.at(-1)?.detail).to.equal('caller cancelled');
    const rejected = transitionInteraction(offeredCall(), 'rejected', T0 + 2000, { detail: '  ' });
    expect(rejected.journey.at(-1)).to.deep.equal({ at: T0 + 2000, kind: 'rejected' });
  });

  it('carries the caller and wrap up details across moves', () => {
    const connected = withWrapUp(transitionInteraction(offeredCall(), 'connected', T0 + 1000), { notes: 'asked about pricing' });
    const ended = transitionInteraction(transitionInteraction(connected, 'wrap-up', T0 + 2000), 'ended', T0 + 3000);
    expect(ended.callerName).to.equal('Ada Lovelace');
    expect(ended.queue).to.equal('Sales');
    expect(ended.notes).to.equal('asked about pricing');
  });

  it('says which interaction an illegal move was asked for, in the error detail', () => {
    const error = thrown(() => transitionInteraction(offeredCall(), 'ended', T0)) as ContactPadError;
    expect(error.detail).to.deep.equal({ interactionId: 'cp-1001', from: 'alerting', to: 'ended' });
  });
});
