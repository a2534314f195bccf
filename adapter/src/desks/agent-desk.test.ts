import { expect } from '@open-wc/testing';
import { isContactPadError } from '../model/errors.ts';
import type { AgentStatus } from '../model/agent-state.ts';
import type { Channel } from '../model/interaction.ts';
import { offerInteraction } from '../model/interaction-state.ts';
import { callFacts } from '../model/interaction-facts.ts';
import { testDesks } from '../../test-support/desk-rig.ts';

type TestDesks = ReturnType<typeof testDesks>;

/** An interaction answered: listed, connected, the agent Busy. */
function answered(desks: TestDesks, id: string, channel: Channel = 'voice'): void {
  desks.view.add(offerInteraction({ id, channel, direction: 'inbound' }, desks.clock.now()), callFacts());
  desks.view.move(id, 'connected');
  desks.agent.workStarted(id);
}

/** The interaction is released into wrap up with its clock (as the wrap-up desk does). */
function released(desks: TestDesks, id: string): void {
  desks.view.move(id, 'wrap-up');
  desks.agent.startWrapUpClock(id);
}

describe('the agent desk', () => {
  it('applies the agent\'s choice through the model and tells who listens (the phone follows it)', () => {
    const desks = testDesks();
    const heard: AgentStatus[] = [];
    desks.agent.onChosen((status) => heard.push(status));
    desks.agent.choose({ status: 'ready' });
    desks.agent.choose({ status: 'not-ready', reason: 'Lunch' });
    expect(desks.store.snapshot.agent).to.include({ status: 'not-ready', reason: 'Lunch' });
    expect(heard).to.deep.equal(['ready', 'not-ready']);
  });

  it('makes the agent Busy when work starts and selects it; an Offline agent who takes work stays Offline', () => {
    const desks = testDesks();
    answered(desks, 'a');
    expect(desks.store.snapshot.agent.status, 'Offline').to.equal('offline');
    desks.agent.choose({ status: 'ready' });
    answered(desks, 'b');
    expect(desks.store.snapshot.agent.status).to.equal('busy');
    expect(desks.store.snapshot.selectedId).to.equal('b');
  });

  it('starts a wrap-up clock of wrapUpSeconds: wrap up ends on it, not a millisecond earlier', () => {
    const desks = testDesks({ '/ContactPad/wrapUpSeconds': '45' });
    const ranOut: string[] = [];
    desks.agent.onWrapUpTimeUp((id) => ranOut.push(id));
    desks.agent.choose({ status: 'ready' });
    answered(desks, 'a');
    released(desks, 'a');
    const end = desks.clock.now() + 45_000;
    expect(desks.view.view('a')?.wrapUpEndsAt).to.equal(end);
    expect(desks.store.snapshot.agent).to.include({ status: 'wrap-up', wrapUpEndsAt: end });
    expect(desks.clock.pending.map((timer) => timer.delay)).to.deep.equal([45_000]);
    desks.clock.advance(44_999);
    expect(ranOut).to.deep.equal([]);
    desks.clock.advance(1);
    expect(ranOut).to.deep.equal(['a']);
  });

  it('keeps the agent Busy when wrap up starts while another interaction is in progress', () => {
    const desks = testDesks();
    desks.agent.choose({ status: 'ready' });
    answered(desks, 'a');
    answered(desks, 'b');
    released(desks, 'a');
    expect(desks.store.snapshot.agent.status).to.equal('busy');
  });

  it('without a wrap-up time (wrapUpSeconds 0) sets no clock: wrap up lasts until Done', () => {
    const desks = testDesks({ '/ContactPad/wrapUpSeconds': '0' });
    desks.agent.choose({ status: 'ready' });
    answered(desks, 'a');
    released(desks, 'a');
    expect(desks.view.view('a')?.wrapUpEndsAt).to.equal(undefined);
    expect(desks.clock.pending).to.deep.equal([]);
    expect(desks.store.snapshot.agent.status).to.equal('wrap-up');
  });

  it('extends wrap up by wrapUpExtendSeconds from its end, and the clock then runs out only at the new end', () => {
    const desks = testDesks({ '/ContactPad/wrapUpSeconds': '30', '/ContactPad/wrapUpExtendSeconds': '20' });
    const ranOut: string[] = [];
    desks.agent.onWrapUpTimeUp((id) => ranOut.push(id));
    desks.agent.choose({ status: 'ready' });
    answered(desks, 'a');
    released(desks, 'a');
    const end = desks.clock.now() + 30_000;
    desks.clock.advance(25_000);
    desks.agent.extendWrapUp('a');
    expect(desks.view.view('a')?.wrapUpEndsAt).to.equal(end + 20_000);
    expect(desks.store.snapshot.agent.wrapUpEndsAt).to.equal(end + 20_000);
    expect(desks.clock.pending.map((timer) => timer.delay), 'the 5 s left and 20 s more').to.deep.equal([25_000]);
    desks.clock.advance(5_000);
    expect(ranOut, 'the old end').to.deep.equal([]);
    desks.clock.advance(19_999);
    expect(ranOut).to.deep.equal([]);
    desks.clock.advance(1);
    expect(ranOut).to.deep.equal(['a']);
  });

  it('refuses to extend what is not a timed wrap up', () => {
    const desks = testDesks({ '/ContactPad/wrapUpSeconds': '0' });
    answered(desks, 'a');
    const refused = (id: string) => {
      try {
        desks.agent.extendWrapUp(id);
      } catch (error) {
        return isContactPadError(error, 'INVALID_TRANSITION') ? error.message : String(error);
      }
      return 'extended';
    };
    expect(refused('a')).to.equal('Only a timed wrap up can be extended.');
    released(desks, 'a');
    expect(refused('a'), 'no clock').to.equal('Only a timed wrap up can be extended.');
  });

  it('after the last wrap up of a callback, cools down for cooldownSeconds (setting on), then returns to the chosen state', () => {
    const desks = testDesks({ '/ContactPad/cooldownAfterCallback': 'true', '/ContactPad/cooldownSeconds': '12' });
    desks.agent.choose({ status: 'ready' });
    answered(desks, 'cb', 'callback');
    released(desks, 'cb');
    desks.agent.stopWrapUpClock('cb');
    desks.view.move('cb', 'ended');
    desks.agent.wrapUpFinished('cb');
    expect(desks.store.snapshot.agent).to.include({ status: 'cooldown', cooldownEndsAt: desks.clock.now() + 12_000 });
    desks.clock.advance(11_999);
    expect(desks.store.snapshot.agent.status).to.equal('cooldown');
    desks.clock.advance(1);
    expect(desks.store.snapshot.agent.status).to.equal('ready');
  });

  it('leaves Wrap Up only when no other interaction is in wrap up or in progress', () => {
    const desks = testDesks();
    desks.agent.choose({ status: 'ready' });
    answered(desks, 'a');
    answered(desks, 'b');
    released(desks, 'a');
    released(desks, 'b');
    desks.view.move('a', 'ended');
    desks.agent.wrapUpFinished('a');
    expect(desks.store.snapshot.agent.status, 'b still wraps up').to.equal('wrap-up');
    desks.view.move('b', 'ended');
    desks.agent.wrapUpFinished('b');
    expect(desks.store.snapshot.agent.status).to.equal('ready');
  });

  it('frees the agent when work stops without wrap up (abandoned, transferred) and nothing else is in progress', () => {
    const desks = testDesks();
    desks.agent.choose({ status: 'ready' });
    answered(desks, 'a');
    desks.view.move('a', 'abandoned');
    desks.agent.workStopped();
    expect(desks.store.snapshot.agent.status).to.equal('ready');
  });

  it('applies stateAfterReject: a cooldown of cooldownSeconds on its own clock', () => {
    const desks = testDesks({ '/ContactPad/stateAfterReject': 'cooldown', '/ContactPad/cooldownSeconds': '20' });
    desks.agent.choose({ status: 'ready' });
    desks.agent.afterReject();
    expect(desks.store.snapshot.agent.status).to.equal('cooldown');
    expect(desks.clock.pending.map((timer) => timer.delay)).to.deep.equal([20_000]);
    desks.clock.advance(20_000);
    expect(desks.store.snapshot.agent.status).to.equal('ready');
    expect(desks.clock.pending).to.deep.equal([]);
  });

  it('stops an interaction\'s wrap-up clock when it ends otherwise (abandoned) or leaves the list', () => {
    const desks = testDesks();
    desks.agent.choose({ status: 'ready' });
    answered(desks, 'a');
    answered(desks, 'b');
    released(desks, 'a');
    released(desks, 'b');
    expect(desks.clock.pending).to.have.length(2);
    desks.view.move('a', 'abandoned');
    desks.view.remove('b');
    expect(desks.clock.pending).to.deep.equal([]);
  });

  it('says when one more interaction of a kind does not fit the agent\'s capacity', () => {
    const desks = testDesks({ '/ContactPad/capacityVoice': '1' });
    answered(desks, 'a');
    const second = offerInteraction({ id: 'b', channel: 'voice', direction: 'inbound' }, desks.clock.now());
    const beyond = desks.agent.beyondCapacity(second, 'A voice call was refused');
    expect(beyond?.code).to.equal('CAPACITY_EXCEEDED');
    expect(beyond?.message).to.match(/^A voice call was refused: .*1 of 1/);
    expect(desks.agent.beyondCapacity(desks.view.interaction('a')!, 'itself'), 'the interaction itself is not counted twice').to.equal(undefined);
  });
});
