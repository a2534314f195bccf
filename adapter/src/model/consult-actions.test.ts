import { expect } from '@open-wc/testing';
import { allowedActions } from './capabilities.ts';
import { consultPairActions, type ConsultPair } from './consult-actions.ts';
import type { InteractionState } from './interaction.ts';

declare const describe: (title: string, body: () => void) => void;
declare const it: (title: string, body: () => void | Promise<void>) => void;

/** A voice call's actions in `state` as a call of the pair. */
function actions(state: InteractionState, pair: ConsultPair) {
  return consultPairActions(state, allowedActions({ channel: 'voice', state }, { releaseFailed: false }), pair);
}

describe('the actions of a consult pair', () => {
  it('while the consult rings: it can be given up, the held call only released', () => {
    expect(actions('alerting', { role: 'consult', partner: 'held', conference: false })).to.deep.equal(['release']);
    expect(actions('held', { role: 'original', partner: 'alerting', conference: false })).to.deep.equal(['release']);
  });

  it('once answered: the consult call drops, transfers or joins; the held call swaps back or is transferred blind (one consult at a time)', () => {
    expect(actions('connected', { role: 'consult', partner: 'held', conference: false })).to.deep.equal(['release', 'hold', 'drop-consult', 'complete-transfer', 'conference']);
    expect(actions('held', { role: 'original', partner: 'connected', conference: false })).to.deep.equal(['retrieve', 'release', 'transfer']);
  });

  it('swapped: the consult call is held, the caller connected', () => {
    expect(actions('held', { role: 'consult', partner: 'connected', conference: false })).to.deep.equal(['retrieve', 'release', 'complete-transfer', 'conference']);
    expect(actions('connected', { role: 'original', partner: 'held', conference: false })).to.deep.equal(['release', 'hold', 'transfer']);
  });

  it('in a three-way call nobody is held: each party can leave, the agent can leave or put them through', () => {
    expect(actions('connected', { role: 'consult', partner: 'connected', conference: true })).to.deep.equal(['release', 'complete-transfer', 'leave-conference']);
    expect(actions('connected', { role: 'original', partner: 'connected', conference: true })).to.deep.equal(['release', 'leave-conference']);
  });

  it('once the other call is over, each is a call of its own (a consult call is never consulted about or transferred)', () => {
    expect(actions('connected', { role: 'consult', partner: 'wrap-up', conference: true })).to.deep.equal(['release', 'hold']);
    expect(actions('connected', { role: 'consult', partner: undefined, conference: false })).to.deep.equal(['release', 'hold']);
    expect(actions('connected', { role: 'original', partner: 'ended', conference: false })).to.deep.equal(['release', 'hold', 'consult', 'transfer']);
    expect(actions('wrap-up', { role: 'original', partner: 'connected', conference: false })).to.deep.equal(['extend-wrap-up']);
  });

  it('is frozen', () => {
    expect(Object.isFrozen(actions('connected', { role: 'consult', partner: 'held', conference: false }))).to.equal(true);
  });
});
