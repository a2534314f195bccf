import { expect } from '@open-wc/testing';
import { isContactPadError } from '../model/errors.ts';
import type { Channel, InteractionState } from '../model/interaction.ts';
import { offerInteraction } from '../model/interaction-state.ts';
import { callFacts, withPick, withReleaseFailed } from '../model/interaction-facts.ts';
import { withTabOpen } from '../model/tab-facts.ts';
import { workFacts } from '../model/work-item-facts.ts';
import { FINISHED_KEPT, actionsNow } from './view-desk.ts';
import { RecordingBridge, testDesks } from '../../test-support/desk-rig.ts';

function offer(id: string, channel: Channel = 'voice') {
  return offerInteraction({ id, channel, direction: 'inbound', callerName: `Customer ${id}` }, Date.UTC(2026, 0, 5, 9));
}

const SESSION = '0Mw000000000001AAA';

describe('the view desk (the view projection)', () => {
  it('lists a new interaction at the top, selected when nothing is, with the lookup pending and nothing logged', () => {
    const { view, store } = testDesks();
    view.add(offer('a'), callFacts());
    view.add(offer('b'), callFacts());
    expect(store.snapshot.interactions.map((v) => v.interaction.id)).to.deep.equal(['b', 'a']);
    expect(store.snapshot.selectedId).to.equal('a');
    expect(view.view('b')).to.deep.include({ caller: { state: 'pending' }, log: 'none', actions: ['accept', 'reject'] });
  });

  it('offers the actions of the capability table for the kind and state, then the in-call controls of a live call and, once it is over, Report a problem, after each move', () => {
    const { view } = testDesks();
    view.add(offer('call'), callFacts());
    view.move('call', 'connected');
    expect(view.view('call')?.actions).to.deep.equal(['release', 'hold', 'consult', 'transfer', 'mute', 'send-dtmf']);
    view.move('call', 'held');
    expect(view.view('call')?.actions).to.deep.equal(['retrieve', 'release', 'consult', 'transfer', 'mute']);
    view.move('call', 'wrap-up');
    expect(view.view('call')?.actions).to.deep.equal(['extend-wrap-up', 'report-problem']);
    view.move('call', 'ended');
    expect(view.view('call')?.actions).to.deep.equal(['report-problem']);
  });

  it('offers abandon for a chat once its release failed (a fact of the model)', () => {
    const { view } = testDesks();
    view.add(offer('chat', 'chat'), callFacts());
    view.move('chat', 'connected');
    expect(view.view('chat')?.actions).to.deep.equal(['release', 'consult']);
    view.changeFacts('chat', withReleaseFailed);
    expect(view.view('chat')?.actions).to.deep.equal(['release', 'abandon', 'consult']);
    expect(actionsNow(view.interaction('chat')!, { releaseFailed: false })).to.deep.equal(['release', 'consult']);
  });

  it('says whether a record tab is open only while tab sync is there, and follows the bridge connecting', () => {
    const { view, rooms } = testDesks();
    view.add(offer('w1', 'chat'), workFacts({ workId: 'w1', workItemId: SESSION }, { objectType: 'MessagingSession' }));
    view.add(offer('call'), callFacts());
    expect(view.view('w1')?.recordTabOpen, 'no bridge').to.equal(undefined);
    rooms.bridge = new RecordingBridge();
    view.bridgeState('connected');
    expect(view.view('w1')?.recordTabOpen, 'its tab is not open').to.equal(false);
    expect(view.view('call')?.recordTabOpen, 'a call without a popped record has no tab').to.equal(undefined);
    view.changeFacts('w1', (facts) => withTabOpen(facts, 'ctab1'));
    expect(view.view('w1')?.recordTabOpen).to.equal(true);
  });

  it('takes an interaction off the list and moves the selection to one not finished', () => {
    const { view, store } = testDesks();
    const removed: string[] = [];
    view.listen({ removed: (id) => removed.push(id) });
    for (const id of ['a', 'b', 'c']) view.add(offer(id), callFacts());
    view.move('b', 'missed');
    view.remove('a');
    expect(store.snapshot.selectedId).to.equal('c');
    expect(removed).to.deep.equal(['a']);
    view.remove('a');
    expect(removed, 'once').to.deep.equal(['a']);
  });

  it(`keeps only the newest ${FINISHED_KEPT} finished interactions, not those whose Task is still being written`, () => {
    const { view, store } = testDesks();
    view.add(offer('saving'), callFacts());
    view.move('saving', 'missed');
    view.setLog('saving', 'saving');
    for (let n = 0; n < FINISHED_KEPT + 2; n += 1) {
      view.add(offer(`f${n}`), callFacts());
      view.move(`f${n}`, 'missed');
    }
    view.add(offer('live'), callFacts());
    const listed = store.snapshot.interactions.map((v) => v.interaction.id);
    expect(listed).to.have.length(FINISHED_KEPT + 2);
    expect(listed).to.include.members(['live', 'saving', `f${FINISHED_KEPT + 1}`]);
    expect(listed).to.not.include.members(['f0', 'f1']);
  });

  it('tells its listeners when an interaction reaches an end state', () => {
    const { view } = testDesks();
    const ends: [string, InteractionState][] = [];
    view.listen({ finished: (id, state) => ends.push([id, state]) });
    view.add(offer('a'), callFacts());
    view.move('a', 'connected');
    view.move('a', 'abandoned');
    expect(ends).to.deep.equal([['a', 'abandoned']]);
  });

  it('refuses what the capability table does not offer now, and an interaction that is gone, with INVALID_TRANSITION', () => {
    const { view } = testDesks();
    view.add(offer('a'), callFacts());
    const refusal = (action: () => void) => {
      try {
        action();
      } catch (error) {
        return isContactPadError(error) ? `${error.code}: ${error.message}` : String(error);
      }
      return 'nothing thrown';
    };
    expect(refusal(() => view.requireAction('a', 'hold'))).to.equal('INVALID_TRANSITION: hold is not offered for this voice while it is alerting.');
    expect(refusal(() => view.requireAction('gone', 'accept'))).to.equal('INVALID_TRANSITION: This interaction is gone; accept is not possible.');
    expect(refusal(() => view.move('a', 'wrap-up'))).to.equal('INVALID_TRANSITION: Invalid transition from alerting to wrap-up');
    expect(refusal(() => view.selectExisting('gone'))).to.equal('INVALID_TRANSITION: No interaction gone.');
  });

  it('changes facts the view does not show without a new snapshot when told not to redraw', () => {
    const { view, store } = testDesks();
    view.add(offer('a'), callFacts());
    let snapshots = 0;
    store.subscribe(() => (snapshots += 1));
    view.move('a', 'connected');
    view.changeFacts('a', (facts) => withPick(facts, '003000000000001AAA'), false);
    expect(view.facts('a')?.pickedId).to.equal('003000000000001AAA');
    expect(snapshots, 'the subscribe call and the move').to.equal(2);
  });
});
