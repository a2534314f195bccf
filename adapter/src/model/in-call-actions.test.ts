import { expect } from '@open-wc/testing';
import type { Channel, InteractionState } from './interaction.ts';
import { inCallActions } from './capabilities.ts';
import { callFacts, withPopSettled } from './interaction-facts.ts';
import { withMuted } from './in-call-facts.ts';
import { isContactPadError } from './errors.ts';
import { offerInteraction, transitionInteraction } from './interaction-state.ts';
import { thrown } from '../../test-support/thrown.ts';

declare const describe: (title: string, body: () => void) => void;
declare const it: (title: string, body: () => void | Promise<void>) => void;

const STATES: readonly InteractionState[] = ['alerting', 'connected', 'held', 'wrap-up', 'ended', 'rejected', 'missed', 'failed', 'transferred', 'abandoned'];

describe('in-call controls offered', () => {
  it('offers mute and the keypad on a connected call, mute alone on a held one', () => {
    for (const channel of ['voice', 'video', 'callback'] as const) {
      expect(inCallActions({ channel, state: 'connected' }, { muted: false }), channel).to.deep.equal(['mute', 'send-dtmf']);
      expect(inCallActions({ channel, state: 'held' }, { muted: false }), channel).to.deep.equal(['mute']);
    }
  });

  it('offers unmute instead of mute once the agent muted the call', () => {
    expect(inCallActions({ channel: 'voice', state: 'connected' }, { muted: true })).to.deep.equal(['unmute', 'send-dtmf']);
    expect(inCallActions({ channel: 'voice', state: 'held' }, { muted: true })).to.deep.equal(['unmute']);
  });

  it('offers nothing while a call rings or once it is over, nor for chats, emails, cases or unknown channels', () => {
    for (const state of STATES.filter((s) => s !== 'connected' && s !== 'held')) {
      expect(inCallActions({ channel: 'voice', state }, { muted: false }), state).to.deep.equal([]);
    }
    for (const channel of ['chat', 'email', 'case', 'fax', 'toString'] as Channel[]) {
      expect(inCallActions({ channel, state: 'connected' }, { muted: false }), channel).to.deep.equal([]);
    }
    expect(Object.isFrozen(inCallActions({ channel: 'voice', state: 'connected' }, { muted: false }))).to.equal(true);
  });
});

describe('in-call facts: mute', () => {
  const ringing = offerInteraction({ id: 'call-1', channel: 'voice', direction: 'inbound', callerNumber: '+14155550100' }, 1000);
  const connected = transitionInteraction(ringing, 'connected', 2000);
  const held = transitionInteraction(connected, 'held', 3000);

  it('starts unmuted, and mutes and unmutes a connected or held call, keeping the other facts', () => {
    const facts = withPopSettled(callFacts());
    expect(facts.muted ?? false).to.equal(false);
    const muted = withMuted(facts, connected, true);
    expect(muted).to.include({ muted: true, popSettled: true });
    expect(Object.isFrozen(muted)).to.equal(true);
    expect(withMuted(muted, held, true), 'nothing changes: the same facts').to.equal(muted);
    expect(withMuted(muted, held, false).muted).to.equal(false);
  });

  it('refuses to mute a ringing or ended call, or a chat (INVALID_TRANSITION)', () => {
    const ended = transitionInteraction(transitionInteraction(connected, 'wrap-up', 4000), 'ended', 5000);
    const chat = transitionInteraction(offerInteraction({ id: 'chat-1', channel: 'chat', direction: 'inbound' }, 1000), 'connected', 2000);
    for (const interaction of [ringing, ended, chat]) {
      const error = thrown(() => withMuted(callFacts(), interaction, true));
      expect(isContactPadError(error, 'INVALID_TRANSITION'), interaction.state).to.equal(true);
    }
  });
});
