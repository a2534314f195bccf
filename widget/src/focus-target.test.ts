import { expect } from '@open-wc/testing';
import { focusTarget } from './focus-target.ts';
import { NOW, connected, ringing, snapshot, view, wrappingUp } from '../test-support/snapshots.ts';

describe('where the focus goes when its element is rendered away', () => {
  it('to the call that rang first while calls ring', () => {
    const later = view({ id: 'ci-later', offeredAt: NOW - 1_000 });
    expect(focusTarget(snapshot({ interactions: [later, ringing, connected] }))).to.deep.equal({ kind: 'call-pop', interactionId: ringing.interaction.id });
  });

  it("after Accept, to the accepted call's entry; after Release, to its wrap-up form", () => {
    expect(focusTarget(snapshot({ interactions: [connected], selectedId: connected.interaction.id }))).to.deep.equal({ kind: 'interaction', interactionId: connected.interaction.id });
    expect(focusTarget(snapshot({ interactions: [connected, wrappingUp], selectedId: wrappingUp.interaction.id }))).to.deep.equal({ kind: 'wrap-up' });
  });

  it('after Done, to another wrap up, else a live call, else the agent status', () => {
    expect(focusTarget(snapshot({ interactions: [connected, wrappingUp] }))).to.deep.equal({ kind: 'wrap-up' });
    expect(focusTarget(snapshot({ interactions: [connected] }))).to.deep.equal({ kind: 'interaction', interactionId: connected.interaction.id });
    expect(focusTarget(snapshot({ interactions: [] }))).to.deep.equal({ kind: 'agent-state' });
  });
});
