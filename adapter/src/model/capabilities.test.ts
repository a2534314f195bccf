import { expect } from '@open-wc/testing';
import type { Channel, InteractionState } from './interaction.ts';
import type { InteractionAction } from './interaction-action.ts';
import { isContactPadError } from './errors.ts';
import { thrown } from '../../test-support/thrown.ts';
import { afterCallActions, allowedActions, interactionKind, isActionAllowed } from './capabilities.ts';

declare const describe: (title: string, body: () => void) => void;
declare const it: (title: string, body: () => void | Promise<void>) => void;

const CHANNELS: readonly Channel[] = ['voice', 'video', 'callback', 'chat', 'email', 'case'];
const STATES: readonly InteractionState[] = ['alerting', 'connected', 'held', 'wrap-up', 'ended', 'rejected', 'missed', 'failed', 'transferred', 'abandoned'];

/**
 * Seed 004's table, written out by hand for every channel, state and "release failed" flag:
 * `channel state releaseFailed` -> the actions in display order. Missing rows allow nothing.
 */
const EXPECTED: Readonly<Record<string, readonly InteractionAction[]>> = {
  // live: release, hold and retrieve, consult and transfer
  'voice alerting false': ['accept', 'reject'],
  'voice alerting true': ['accept', 'reject'],
  'voice connected false': ['release', 'hold', 'consult', 'transfer'],
  'voice connected true': ['release', 'hold', 'consult', 'transfer'],
  'voice held false': ['retrieve', 'release', 'consult', 'transfer'],
  'voice held true': ['retrieve', 'release', 'consult', 'transfer'],
  'voice wrap-up false': ['extend-wrap-up'],
  'voice wrap-up true': ['extend-wrap-up'],
  'video alerting false': ['accept', 'reject'],
  'video alerting true': ['accept', 'reject'],
  'video connected false': ['release', 'hold', 'consult', 'transfer'],
  'video connected true': ['release', 'hold', 'consult', 'transfer'],
  'video held false': ['retrieve', 'release', 'consult', 'transfer'],
  'video held true': ['retrieve', 'release', 'consult', 'transfer'],
  'video wrap-up false': ['extend-wrap-up'],
  'video wrap-up true': ['extend-wrap-up'],
  'callback alerting false': ['accept', 'reject'],
  'callback alerting true': ['accept', 'reject'],
  'callback connected false': ['release', 'hold', 'consult', 'transfer'],
  'callback connected true': ['release', 'hold', 'consult', 'transfer'],
  'callback held false': ['retrieve', 'release', 'consult', 'transfer'],
  'callback held true': ['retrieve', 'release', 'consult', 'transfer'],
  'callback wrap-up false': ['extend-wrap-up'],
  'callback wrap-up true': ['extend-wrap-up'],
  // semi-live: release, consult; abandon only once release has failed
  'chat alerting false': ['accept', 'reject'],
  'chat alerting true': ['accept', 'reject'],
  'chat connected false': ['release', 'consult'],
  'chat connected true': ['release', 'abandon', 'consult'],
  'chat wrap-up false': ['extend-wrap-up'],
  'chat wrap-up true': ['extend-wrap-up'],
  // non-live: release, abandon, consult, transfer
  'email alerting false': ['accept', 'reject'],
  'email alerting true': ['accept', 'reject'],
  'email connected false': ['release', 'abandon', 'consult', 'transfer'],
  'email connected true': ['release', 'abandon', 'consult', 'transfer'],
  'email wrap-up false': ['extend-wrap-up'],
  'email wrap-up true': ['extend-wrap-up'],
  'case alerting false': ['accept', 'reject'],
  'case alerting true': ['accept', 'reject'],
  'case connected false': ['release', 'abandon', 'consult', 'transfer'],
  'case connected true': ['release', 'abandon', 'consult', 'transfer'],
  'case wrap-up false': ['extend-wrap-up'],
  'case wrap-up true': ['extend-wrap-up'],
};

describe('interaction kinds', () => {
  it('calls voice, video and callback live, chat semi-live, email and case non-live', () => {
    expect(CHANNELS.map(interactionKind)).to.deep.equal(['live', 'live', 'live', 'semi-live', 'non-live', 'non-live']);
  });

  it('refuses an unknown channel with INVALID_INTERACTION', () => {
    const error = thrown(() => interactionKind('fax' as Channel));
    expect(isContactPadError(error, 'INVALID_INTERACTION')).to.equal(true);
    expect((error as Error).message).to.contain('"fax"');
  });
});

describe('capability table: every channel, state and release outcome', () => {
  for (const channel of CHANNELS) {
    for (const state of STATES) {
      for (const releaseFailed of [false, true]) {
        const expected = EXPECTED[`${channel} ${state} ${releaseFailed}`] ?? [];
        const what = expected.length === 0 ? 'nothing' : expected.join(', ');
        it(`${channel} ${state}${releaseFailed ? ' after a failed release' : ''}: ${what}`, () => {
          const actions = allowedActions({ channel, state }, { releaseFailed });
          expect(actions).to.deep.equal(expected);
          expect(Object.isFrozen(actions), 'a caller cannot change the table').to.equal(true);
          for (const action of ['accept', 'reject', 'release', 'hold', 'retrieve', 'consult', 'transfer', 'abandon', 'extend-wrap-up'] as const) {
            expect(isActionAllowed({ channel, state }, action, { releaseFailed }), action).to.equal(expected.includes(action));
          }
        });
      }
    }
  }
});

describe('capability table: a call the agent placed', () => {
  it('while it rings at the far end offers only Release (the agent hangs up: CANCEL), never Accept or Reject; once answered, as any call', () => {
    for (const channel of ['voice', 'video', 'callback'] as const) {
      expect(allowedActions({ channel, state: 'alerting', direction: 'outbound' }, { releaseFailed: false }), channel).to.deep.equal(['release']);
      expect(isActionAllowed({ channel, state: 'alerting', direction: 'outbound' }, 'accept', { releaseFailed: false })).to.equal(false);
      expect(allowedActions({ channel, state: 'connected', direction: 'outbound' }, { releaseFailed: false })).to.deep.equal(allowedActions({ channel, state: 'connected', direction: 'inbound' }, { releaseFailed: false }));
    }
    expect(allowedActions({ channel: 'voice', state: 'alerting', direction: 'inbound' }, { releaseFailed: false })).to.deep.equal(['accept', 'reject']);
  });
});

describe('after a call', () => {
  it('offers Report a problem for a live call in wrap up or any end, never for a call under way, a chat, an email or a case', () => {
    const over = ['wrap-up', 'ended', 'rejected', 'missed', 'failed', 'transferred', 'abandoned'];
    for (const channel of CHANNELS) {
      for (const state of STATES) {
        const expected = interactionKind(channel) === 'live' && over.includes(state) ? ['report-problem'] : [];
        expect(afterCallActions({ channel, state }), `${channel} ${state}`).to.deep.equal(expected);
      }
    }
    expect(afterCallActions({ channel: 'fax' as Channel, state: 'ended' })).to.deep.equal([]);
  });
});

describe('capability table: outside data', () => {
  it('allows nothing for an unknown channel or state, without throwing', () => {
    expect(allowedActions({ channel: 'fax' as Channel, state: 'connected' }, { releaseFailed: false })).to.deep.equal([]);
    expect(allowedActions({ channel: 'voice', state: 'parked' as InteractionState }, { releaseFailed: false })).to.deep.equal([]);
    expect(allowedActions({ channel: 'toString' as Channel, state: 'connected' }, { releaseFailed: true })).to.deep.equal([]);
  });
});
