import { expect } from '@open-wc/testing';
import { ContactPadError, isContactPadError } from './errors.ts';
import { agentIn, LUNCH, T0 } from '../../test-support/agent-states.ts';
import { thrown } from '../../test-support/thrown.ts';
import {
  AGENT_STATUSES,
  AGENT_TRANSITIONS,
  type AgentStatus,
  type AgentStatusChoice,
  agentWorkEnded,
  agentWorkStarted,
  agentWrapUpDue,
  agentWrapUpEnded,
  agentWrapUpExtended,
  canTransitionAgent,
  chooseAgentStatus,
  initialAgentState,
  transitionAgent,
} from './agent-state.ts';

declare const describe: (title: string, body: () => void) => void;
declare const it: (title: string, body: () => void | Promise<void>) => void;

const ALL: readonly AgentStatus[] = ['offline', 'ready', 'not-ready', 'busy', 'wrap-up', 'cooldown', 'inactive'];

/** The legal moves, written out independently of the table. */
const LEGAL = new Set([
  'offline>ready',
  'offline>not-ready',
  'ready>not-ready',
  'ready>offline',
  'ready>busy',
  'ready>cooldown',
  'ready>inactive',
  'not-ready>ready',
  'not-ready>offline',
  'not-ready>busy',
  'not-ready>not-ready',
  'busy>wrap-up',
  'busy>ready',
  'busy>not-ready',
  'busy>offline',
  'busy>cooldown',
  'wrap-up>busy',
  'wrap-up>ready',
  'wrap-up>not-ready',
  'wrap-up>offline',
  'wrap-up>cooldown',
  'cooldown>busy',
  'cooldown>ready',
  'cooldown>not-ready',
  'cooldown>offline',
  'inactive>ready',
  'inactive>not-ready',
  'inactive>offline',
]);

describe('agent state machine: the table', () => {
  it('lists every status once', () => {
    expect([...AGENT_STATUSES].sort()).to.deep.equal([...ALL].sort());
    expect(Object.keys(AGENT_TRANSITIONS).sort()).to.deep.equal([...ALL].sort());
  });

  it('allows exactly the moves of the diagram', () => {
    for (const from of ALL) {
      for (const to of ALL) expect(canTransitionAgent(from, to), `${from} -> ${to}`).to.equal(LEGAL.has(`${from}>${to}`));
    }
  });

  it('cannot be changed by a caller', () => {
    expect(Object.isFrozen(AGENT_TRANSITIONS)).to.equal(true);
    expect(Object.isFrozen(AGENT_TRANSITIONS.busy)).to.equal(true);
  });
});

describe('agent state machine: every pair of statuses', () => {
  for (const from of ALL) {
    for (const to of ALL) {
      if (LEGAL.has(`${from}>${to}`)) {
        it(`${from} -> ${to} succeeds`, () => {
          const before = agentIn(from);
          const at = T0 + 600_000;
          const after = transitionAgent(before, to, at, { reason: 'Break', wrapUpEndsAt: at + 30_000, cooldownEndsAt: at + 20_000 });
          expect(after.status).to.equal(to);
          expect(after.since).to.equal(at);
          expect(after.reason).to.equal(to === 'not-ready' ? 'Break' : '');
          expect(after.wrapUpEndsAt).to.equal(to === 'wrap-up' ? at + 30_000 : undefined);
          expect(after.cooldownEndsAt).to.equal(to === 'cooldown' ? at + 20_000 : undefined);
          expect(before.status, 'the old value is unchanged').to.equal(from);
          expect(Object.isFrozen(after)).to.equal(true);
        });
      } else {
        it(`${from} -> ${to} is refused with INVALID_TRANSITION naming both statuses`, () => {
          const before = agentIn(from);
          const error = thrown(() => transitionAgent(before, to, T0 + 600_000, { reason: 'Break' }));
          expect(error).to.be.instanceOf(ContactPadError);
          expect(isContactPadError(error, 'INVALID_TRANSITION')).to.equal(true);
          expect((error as ContactPadError).message).to.equal(`Invalid transition from ${from} to ${to}`);
        });
      }
    }
  }

  it('refuses Not Ready without a reason with INVALID_AGENT_STATE_CHOICE', () => {
    const error = thrown(() => transitionAgent(agentIn('ready'), 'not-ready', T0 + 5000));
    expect(isContactPadError(error, 'INVALID_AGENT_STATE_CHOICE')).to.equal(true);
  });

  it('remembers a choosable target as the choice, and keeps the choice through Busy and Wrap Up', () => {
    const notReady = transitionAgent(agentIn('ready'), 'not-ready', T0 + 5000, { reason: 'Meeting' });
    expect(notReady.chosen).to.deep.equal({ status: 'not-ready', reason: 'Meeting' });
    const busy = transitionAgent(notReady, 'busy', T0 + 6000);
    expect(busy.chosen).to.deep.equal({ status: 'not-ready', reason: 'Meeting' });
    expect(busy.reason).to.equal('');
    expect(transitionAgent(busy, 'wrap-up', T0 + 7000).chosen).to.deep.equal({ status: 'not-ready', reason: 'Meeting' });
  });
});

describe('agent starts and chooses', () => {
  it('starts Offline, having chosen Offline', () => {
    const agent = initialAgentState(T0);
    expect(agent).to.deep.equal({ status: 'offline', reason: '', chosen: { status: 'offline' }, since: T0 });
    expect(Object.isFrozen(agent)).to.equal(true);
  });

  it('goes Ready at once from Offline', () => {
    const ready = chooseAgentStatus(initialAgentState(T0), { status: 'ready' }, T0 + 1000);
    expect(ready).to.deep.equal({ status: 'ready', reason: '', chosen: { status: 'ready' }, since: T0 + 1000 });
  });

  it('goes Not Ready (Lunch) at once from Ready, showing the reason', () => {
    const notReady = chooseAgentStatus(agentIn('ready'), LUNCH, T0 + 5000);
    expect(notReady).to.deep.equal({ status: 'not-ready', reason: 'Lunch', chosen: LUNCH, since: T0 + 5000 });
  });

  it('changes the Not Ready reason from Lunch to Meeting, restarting the status time', () => {
    const meeting = chooseAgentStatus(agentIn('not-ready'), { status: 'not-ready', reason: 'Meeting' }, T0 + 9000);
    expect(meeting).to.include({ status: 'not-ready', reason: 'Meeting', since: T0 + 9000 });
  });

  it('goes Offline from Ready or Not Ready', () => {
    expect(chooseAgentStatus(agentIn('ready'), { status: 'offline' }, T0 + 9000)).to.include({ status: 'offline', reason: '' });
    expect(chooseAgentStatus(agentIn('not-ready'), { status: 'offline' }, T0 + 9000)).to.include({ status: 'offline', reason: '' });
  });

  it('changes nothing when the agent chooses the status they are in', () => {
    const ready = agentIn('ready');
    expect(chooseAgentStatus(ready, { status: 'ready' }, T0 + 9000)).to.equal(ready);
    const lunch = agentIn('not-ready');
    expect(chooseAgentStatus(lunch, { status: 'not-ready', reason: ' Lunch ' }, T0 + 9000)).to.equal(lunch);
    const offline = agentIn('offline');
    expect(chooseAgentStatus(offline, { status: 'offline' }, T0 + 9000)).to.equal(offline);
  });

  it('trims the Not Ready reason', () => {
    expect(chooseAgentStatus(agentIn('ready'), { status: 'not-ready', reason: '  Break ' }, T0 + 1).reason).to.equal('Break');
  });

  it('refuses Not Ready with a blank reason, leaving the agent where they were', () => {
    for (const reason of ['', '   ', undefined as unknown as string]) {
      const ready = agentIn('ready');
      const error = thrown(() => chooseAgentStatus(ready, { status: 'not-ready', reason }, T0 + 1));
      expect(isContactPadError(error, 'INVALID_AGENT_STATE_CHOICE'), JSON.stringify(reason)).to.equal(true);
      expect(ready.status).to.equal('ready');
    }
  });

  it('refuses Not Ready with a blank reason even while Busy', () => {
    const error = thrown(() => chooseAgentStatus(agentIn('busy'), { status: 'not-ready', reason: '' }, T0 + 1));
    expect(isContactPadError(error, 'INVALID_AGENT_STATE_CHOICE')).to.equal(true);
  });

  it('refuses Busy, Wrap Up or an unknown state as a choice', () => {
    for (const status of ['busy', 'wrap-up', 'cooldown', 'inactive', 'lunch', undefined]) {
      const error = thrown(() => chooseAgentStatus(agentIn('ready'), { status } as unknown as AgentStatusChoice, T0 + 1));
      expect(isContactPadError(error, 'INVALID_AGENT_STATE_CHOICE'), String(status)).to.equal(true);
    }
  });

  it('only remembers a choice made while Busy: the agent stays Busy', () => {
    const busy = agentIn('busy');
    const chose = chooseAgentStatus(busy, LUNCH, T0 + 9000);
    expect(chose).to.deep.equal({ ...busy, chosen: LUNCH });
  });

  it('only remembers a choice made in Wrap Up: the agent stays in Wrap Up with the same timer', () => {
    const wrapUp = agentIn('wrap-up');
    const chose = chooseAgentStatus(wrapUp, { status: 'offline' }, T0 + 9000);
    expect(chose).to.deep.equal({ ...wrapUp, chosen: { status: 'offline' } });
  });
});

describe('agent work and wrap up', () => {
  it('is Busy when a call is answered from Ready, and Ready again after Wrap Up', () => {
    const busy = agentWorkStarted(agentIn('ready'), T0 + 10_000);
    expect(busy).to.include({ status: 'busy', reason: '', since: T0 + 10_000 });
    const wrapUp = agentWorkEnded(busy, T0 + 70_000, 60_000);
    expect(wrapUp).to.include({ status: 'wrap-up', since: T0 + 70_000, wrapUpEndsAt: T0 + 130_000 });
    const ready = agentWrapUpEnded(wrapUp, T0 + 130_000);
    expect(ready).to.deep.equal({ status: 'ready', reason: '', chosen: { status: 'ready' }, since: T0 + 130_000 });
  });

  it('an extended Wrap Up ends later and stays the same Wrap Up (status and since kept)', () => {
    const wrapUp = agentIn('wrap-up');
    const extended = agentWrapUpExtended(wrapUp, (wrapUp.wrapUpEndsAt ?? 0) + 30_000);
    expect(extended).to.deep.equal({ ...wrapUp, wrapUpEndsAt: (wrapUp.wrapUpEndsAt ?? 0) + 30_000 });
    expect(agentWrapUpDue(extended, (wrapUp.wrapUpEndsAt ?? 0) + 29_999)).to.equal(false);
    expect(Object.isFrozen(extended)).to.equal(true);
  });

  it('refuses to extend anything but Wrap Up, or to an end that is not a time', () => {
    expect((thrown(() => agentWrapUpExtended(agentIn('busy'), T0 + 99_000)) as ContactPadError).code).to.equal('INVALID_TRANSITION');
    expect((thrown(() => agentWrapUpExtended(agentIn('wrap-up'), Number.NaN)) as ContactPadError).code).to.equal('INVALID_INPUT');
  });

  it('Wrap Up returns the agent to Not Ready (Lunch) when that is what they chose while busy', () => {
    const busy = chooseAgentStatus(agentIn('busy'), LUNCH, T0 + 20_000);
    const wrapUp = agentWorkEnded(busy, T0 + 30_000, 45_000);
    expect(wrapUp.status).to.equal('wrap-up');
    const after = agentWrapUpEnded(wrapUp, T0 + 75_000);
    expect(after).to.deep.equal({ status: 'not-ready', reason: 'Lunch', chosen: LUNCH, since: T0 + 75_000 });
  });

  it('Wrap Up returns the agent to Offline when they chose Offline during Wrap Up', () => {
    const wrapUp = chooseAgentStatus(agentIn('wrap-up'), { status: 'offline' }, T0 + 20_000);
    expect(agentWrapUpEnded(wrapUp, T0 + 63_000)).to.include({ status: 'offline', reason: '' });
  });

  it('an agent who was Not Ready (Training) and took a call goes back to Not Ready (Training)', () => {
    const training = chooseAgentStatus(agentIn('ready'), { status: 'not-ready', reason: 'Training' }, T0 + 1000);
    const busy = agentWorkStarted(training, T0 + 2000);
    expect(busy.reason, 'Busy shows no Not Ready reason').to.equal('');
    const after = agentWrapUpEnded(agentWorkEnded(busy, T0 + 3000, 1000), T0 + 4000);
    expect(after).to.include({ status: 'not-ready', reason: 'Training' });
  });

  it('with no wrap up time the agent goes straight from Busy to the state they chose', () => {
    expect(agentWorkEnded(agentIn('busy'), T0 + 9000, 0)).to.deep.equal({
      status: 'ready',
      reason: '',
      chosen: { status: 'ready' },
      since: T0 + 9000,
    });
    const lunch = chooseAgentStatus(agentIn('busy'), LUNCH, T0 + 5000);
    expect(agentWorkEnded(lunch, T0 + 9000, 0)).to.include({ status: 'not-ready', reason: 'Lunch' });
    const offline = chooseAgentStatus(agentIn('busy'), { status: 'offline' }, T0 + 5000);
    expect(agentWorkEnded(offline, T0 + 9000, -5).status).to.equal('offline');
    expect(agentWorkEnded(agentIn('busy'), T0 + 9000, Number.NaN).status).to.equal('ready');
  });

  it('with an untimed wrap up (Infinity) the agent stays in Wrap Up until Done', () => {
    const wrapUp = agentWorkEnded(agentIn('busy'), T0 + 9000, Number.POSITIVE_INFINITY);
    expect(wrapUp.status).to.equal('wrap-up');
    expect(wrapUp.wrapUpEndsAt).to.equal(undefined);
    expect(agentWrapUpDue(wrapUp, T0 + 10 * 3600_000)).to.equal(false);
    expect(agentWrapUpEnded(wrapUp, T0 + 20_000).status).to.equal('ready');
  });

  it('accepting a new call during Wrap Up makes the agent Busy and drops the wrap up timer', () => {
    const busy = agentWorkStarted(agentIn('wrap-up'), T0 + 20_000);
    expect(busy).to.include({ status: 'busy', since: T0 + 20_000 });
    expect(busy.wrapUpEndsAt).to.equal(undefined);
    expect(agentWrapUpDue(busy, T0 + 1_000_000)).to.equal(false);
  });

  it('a second call starting while Busy changes nothing', () => {
    const busy = agentIn('busy');
    expect(agentWorkStarted(busy, T0 + 99_000)).to.equal(busy);
  });

  it('an Offline agent cannot start work', () => {
    const error = thrown(() => agentWorkStarted(agentIn('offline'), T0 + 1));
    expect(isContactPadError(error, 'INVALID_TRANSITION')).to.equal(true);
    expect((error as Error).message).to.equal('Invalid transition from offline to busy');
  });

  it('work can only end while Busy', () => {
    for (const status of ['offline', 'ready', 'not-ready', 'wrap-up', 'cooldown', 'inactive'] as const) {
      const error = thrown(() => agentWorkEnded(agentIn(status), T0 + 99_000, 60_000));
      expect(isContactPadError(error, 'INVALID_TRANSITION'), status).to.equal(true);
      expect((error as Error).message, status).to.contain(`Invalid transition from ${status} to wrap-up`);
    }
  });

  it('a late wrap up timer cannot pull the agent out of a new call', () => {
    for (const status of ['offline', 'ready', 'not-ready', 'busy', 'cooldown', 'inactive'] as const) {
      const error = thrown(() => agentWrapUpEnded(agentIn(status), T0 + 99_000));
      expect(isContactPadError(error, 'INVALID_TRANSITION'), status).to.equal(true);
    }
  });

  it('says Wrap Up is due exactly when its end time has come', () => {
    const wrapUp = agentIn('wrap-up');
    const endsAt = wrapUp.wrapUpEndsAt as number;
    expect(endsAt).to.equal(T0 + 63_000);
    expect(agentWrapUpDue(wrapUp, endsAt - 1)).to.equal(false);
    expect(agentWrapUpDue(wrapUp, endsAt)).to.equal(true);
    expect(agentWrapUpDue(wrapUp, endsAt + 5000)).to.equal(true);
  });

  it('says Wrap Up is never due outside Wrap Up', () => {
    for (const status of ['offline', 'ready', 'not-ready', 'busy', 'cooldown', 'inactive'] as const) expect(agentWrapUpDue(agentIn(status), T0 + 1e9), status).to.equal(false);
  });
});

