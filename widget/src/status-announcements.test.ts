import { expect } from '@open-wc/testing';
import { statusChanges } from './status-announcements.ts';
import { connected, readyAgent, ringing, snapshot, view, wrappingUp } from '../test-support/snapshots.ts';

describe('what a screen reader hears between two snapshots', () => {
  const onCall = snapshot({ interactions: [connected] });

  it('says nothing on the first snapshot, or when nothing the agent did not see changed', () => {
    expect(statusChanges(undefined, onCall)).to.deep.equal([]);
    expect(statusChanges(onCall, { ...onCall, selectedId: connected.interaction.id })).to.deep.equal([]);
  });

  it("says a call's new state once it is answered: connected, on hold, back, wrap up", () => {
    const answered = view({ ...ringing.interaction, state: 'connected' }, { actions: ['release', 'hold'] });
    expect(statusChanges(snapshot({ interactions: [ringing] }), snapshot({ interactions: [answered] }))).to.deep.equal(['Voice call with Ann Smith: Connected.']);
    const held = view({ ...connected.interaction, state: 'held' }, { actions: ['release', 'retrieve'] });
    expect(statusChanges(onCall, snapshot({ interactions: [held] }))).to.deep.equal(['Voice call with Bob Jones: On Hold.']);
    expect(statusChanges(snapshot({ interactions: [held] }), onCall)).to.deep.equal(['Voice call with Bob Jones: Connected.']);
    const released = view({ ...connected.interaction, state: 'wrap-up' }, { actions: ['extend-wrap-up'] });
    expect(statusChanges(onCall, snapshot({ interactions: [released, wrappingUp] }))).to.deep.equal(['Voice call with Bob Jones: Wrap Up.']);
  });

  it('says when the microphone is muted and when it is back', () => {
    const mutedCall = view({ ...connected.interaction }, { ...connected, muted: true });
    expect(statusChanges(onCall, snapshot({ interactions: [mutedCall] }))).to.deep.equal(['Voice call with Bob Jones: Muted.']);
    expect(statusChanges(snapshot({ interactions: [mutedCall] }), onCall)).to.deep.equal(['Voice call with Bob Jones: Microphone on.']);
  });

  it("says the agent's new status", () => {
    const busy = { ...readyAgent, status: 'busy' as const };
    expect(statusChanges(onCall, { ...onCall, agent: busy })).to.deep.equal(['You are Busy.']);
  });
});
