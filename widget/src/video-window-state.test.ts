import { expect } from '@open-wc/testing';
import { canMoveVideoWindow, moveVideoWindow, offersShowVideo, type VideoWindowEvent, type VideoWindowState } from './video-window-state.ts';

const STATES: readonly VideoWindowState[] = ['none', 'open', 'asking', 'kept', 'blocked', 'ending', 'gone'];
const EVENTS: readonly VideoWindowEvent[] = ['opened', 'blocked', 'closed-by-agent', 'keep-call', 'end-call', 'call-ended'];

describe('the video window table', () => {
  it('asks when the agent closes an open window, and only then; keeping the call offers Show video', () => {
    expect(moveVideoWindow('open', 'closed-by-agent')).to.equal('asking');
    expect(moveVideoWindow('asking', 'keep-call')).to.equal('kept');
    expect(moveVideoWindow('asking', 'end-call')).to.equal('ending');
    expect(moveVideoWindow('kept', 'opened')).to.equal('open');
    expect(STATES.filter((state) => canMoveVideoWindow(state, 'closed-by-agent'))).to.deep.equal(['open']);
    expect(STATES.filter(offersShowVideo)).to.deep.equal(['none', 'kept', 'blocked']);
  });

  it('ends in gone from every state once the call is over, and refuses everything after', () => {
    for (const state of STATES) expect(moveVideoWindow(state, 'call-ended'), state).to.equal('gone');
    expect(EVENTS.filter((event) => canMoveVideoWindow('gone', event))).to.deep.equal(['call-ended']);
    expect(() => moveVideoWindow('gone', 'opened')).to.throw('The video window cannot go from gone on opened.');
    expect(() => moveVideoWindow('ending', 'keep-call')).to.throw();
  });
});
