import { expect } from '@open-wc/testing';
import { ContactPadError, isContactPadError } from './errors.ts';
import { thrown } from './test-support.ts';
import {
  AGENT_STATUSES,
  AGENT_TRANSITIONS,
  type AgentState,
  type AgentStatus,
  type AgentStatusChoice,
  afterReject,
  agentCooldownDue,
  agentCooldownEnded,
  agentCooldownStarted,
  agentMadeInactive,
  agentWorkEnded,
  agentWorkStarted,
  agentWrapUpDue,
  agentWrapUpEnded,
  canTransitionAgent,
  chooseAgentStatus,
  initialAgentState,
  transitionAgent,
} from './agent-state.ts';

declare const describe: (title: string, body: () => void) => void;
declare const it: (title: string, body: () => void | Promise<void>) => void;

const T0 = Date.UTC(2026, 10, 22, 9, 0, 0);
const ALL: readonly AgentStatus[] = ['offline', 'ready', 'not-ready', 'busy', 'wrap-up', 'cooldown', 'inactive'];
const LUNCH: AgentStatusChoice = { status: 'not-ready', reason: 'Lunch' };

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

/** An agent brought to `status` through the public operations. */
function agentIn(status: AgentStatus): AgentState {
  const offline = initialAgentState(T0);
  switch (status) {
    case 'offline':
      return offline;
    case 'ready':
      return chooseAgentStatus(offline, { status: 'ready' }, T0 + 1000);
    case 'not-ready':
      return chooseAgentStatus(offline, LUNCH, T0 + 1000);
    case 'busy':
      return agentWorkStarted(agentIn('ready'), T0 + 2000);
    case 'wrap-up':
      return agentWorkEnded(agentIn('busy'), T0 + 3000, 60_000);
    case 'cooldown':
      return agentWrapUpEnded(agentIn('wrap-up'), T0 + 4000, 30_000);
    case 'inactive':
      return agentMadeInactive(agentIn('ready'), T0 + 2000);
  }
}

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

describe('agent cooldown', () => {
  it('after a callback with a wrap up, Cooldown follows Wrap Up and then the agent is Ready again', () => {
    const wrapUp = agentWorkEnded(agentIn('busy'), T0 + 10_000, 30_000);
    const cooldown = agentWrapUpEnded(wrapUp, T0 + 40_000, 15_000);
    expect(cooldown).to.deep.equal({ status: 'cooldown', reason: '', chosen: { status: 'ready' }, since: T0 + 40_000, cooldownEndsAt: T0 + 55_000 });
    expect(agentCooldownEnded(cooldown, T0 + 55_000)).to.deep.equal({ status: 'ready', reason: '', chosen: { status: 'ready' }, since: T0 + 55_000 });
  });

  it('after a callback with no wrap up, Cooldown follows Busy directly', () => {
    const cooldown = agentWorkEnded(agentIn('busy'), T0 + 10_000, 0, 20_000);
    expect(cooldown).to.include({ status: 'cooldown', since: T0 + 10_000, cooldownEndsAt: T0 + 30_000 });
  });

  it('a Wrap Up or Busy without cooldown (0, negative, NaN, Infinity) goes straight to the chosen state', () => {
    for (const ms of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(agentWrapUpEnded(agentIn('wrap-up'), T0 + 70_000, ms).status, String(ms)).to.equal('ready');
      expect(agentWorkEnded(agentIn('busy'), T0 + 70_000, 0, ms).status, String(ms)).to.equal('ready');
      expect(agentCooldownStarted(agentIn('busy'), T0 + 70_000, ms).status, String(ms)).to.equal('ready');
    }
  });

  it('starts from Ready (after a reject) and returns to Ready', () => {
    const cooldown = agentCooldownStarted(agentIn('ready'), T0 + 8000, 10_000);
    expect(cooldown).to.deep.equal({ status: 'cooldown', reason: '', chosen: { status: 'ready' }, since: T0 + 8000, cooldownEndsAt: T0 + 18_000 });
    expect(agentCooldownEnded(cooldown, T0 + 18_000)).to.include({ status: 'ready', since: T0 + 18_000 });
  });

  it('starts from Busy or Wrap Up, keeping the state chosen during the work for its end', () => {
    for (const status of ['busy', 'wrap-up'] as const) {
      const cooldown = agentCooldownStarted(chooseAgentStatus(agentIn(status), LUNCH, T0 + 5000), T0 + 8000, 10_000);
      expect(cooldown, status).to.include({ status: 'cooldown', reason: '', cooldownEndsAt: T0 + 18_000 });
      expect(cooldown.chosen, status).to.deep.equal(LUNCH);
      expect(agentCooldownEnded(cooldown, T0 + 18_000), status).to.include({ status: 'not-ready', reason: 'Lunch' });
    }
  });

  it('a Ready agent with no cooldown length stays Ready, unchanged', () => {
    const ready = agentIn('ready');
    expect(agentCooldownStarted(ready, T0 + 8000, 0)).to.equal(ready);
  });

  it('cannot start from Offline, Not Ready, Cooldown or Inactive', () => {
    for (const status of ['offline', 'not-ready', 'cooldown', 'inactive'] as const) {
      const error = thrown(() => agentCooldownStarted(agentIn(status), T0 + 99_000, 10_000));
      expect(isContactPadError(error, 'INVALID_TRANSITION'), status).to.equal(true);
      expect((error as Error).message, status).to.equal(`Invalid transition from ${status} to cooldown`);
    }
  });

  it('a choice made during Cooldown is only remembered, and applied when it ends', () => {
    const cooldown = agentIn('cooldown');
    const chose = chooseAgentStatus(cooldown, { status: 'offline' }, T0 + 5000);
    expect(chose).to.deep.equal({ ...cooldown, chosen: { status: 'offline' } });
    expect(agentCooldownEnded(chose, T0 + 34_000)).to.include({ status: 'offline', since: T0 + 34_000 });
  });

  it('a call placed during Cooldown makes the agent Busy and drops the cooldown timer', () => {
    const busy = agentWorkStarted(agentIn('cooldown'), T0 + 6000);
    expect(busy).to.include({ status: 'busy', since: T0 + 6000 });
    expect(busy.cooldownEndsAt).to.equal(undefined);
    expect(agentCooldownDue(busy, T0 + 1e9)).to.equal(false);
  });

  it('says Cooldown is due exactly when its end time has come, and never outside Cooldown', () => {
    const cooldown = agentIn('cooldown');
    expect(cooldown.cooldownEndsAt).to.equal(T0 + 34_000);
    expect(agentCooldownDue(cooldown, T0 + 33_999)).to.equal(false);
    expect(agentCooldownDue(cooldown, T0 + 34_000)).to.equal(true);
    for (const status of ['offline', 'ready', 'not-ready', 'busy', 'wrap-up', 'inactive'] as const) {
      expect(agentCooldownDue(agentIn(status), T0 + 1e9), status).to.equal(false);
    }
  });

  it('a late cooldown timer changes nothing the agent did since', () => {
    for (const status of ['offline', 'ready', 'not-ready', 'busy', 'wrap-up', 'inactive'] as const) {
      const error = thrown(() => agentCooldownEnded(agentIn(status), T0 + 99_000));
      expect(isContactPadError(error, 'INVALID_TRANSITION'), status).to.equal(true);
    }
  });
});

describe('agent inactive', () => {
  it('is made Inactive from Ready, keeping what they chose, and stays Inactive until they choose', () => {
    const inactive = agentMadeInactive(agentIn('ready'), T0 + 5000);
    expect(inactive).to.deep.equal({ status: 'inactive', reason: '', chosen: { status: 'ready' }, since: T0 + 5000 });
    expect(agentMadeInactive(inactive, T0 + 9000)).to.equal(inactive);
    expect(agentCooldownDue(inactive, T0 + 1e9)).to.equal(false);
  });

  it('leaves Inactive at once by choosing Ready, Not Ready or Offline, even the state chosen before', () => {
    expect(chooseAgentStatus(agentIn('inactive'), { status: 'ready' }, T0 + 9000)).to.deep.equal({
      status: 'ready',
      reason: '',
      chosen: { status: 'ready' },
      since: T0 + 9000,
    });
    expect(chooseAgentStatus(agentIn('inactive'), LUNCH, T0 + 9000)).to.include({ status: 'not-ready', reason: 'Lunch' });
    expect(chooseAgentStatus(agentIn('inactive'), { status: 'offline' }, T0 + 9000).status).to.equal('offline');
  });

  it('is not offered work while Inactive: work cannot start', () => {
    const error = thrown(() => agentWorkStarted(agentIn('inactive'), T0 + 9000));
    expect(isContactPadError(error, 'INVALID_TRANSITION')).to.equal(true);
    expect((error as Error).message).to.equal('Invalid transition from inactive to busy');
  });

  it('cannot be made Inactive from Offline, Not Ready, Busy, Wrap Up or Cooldown', () => {
    for (const status of ['offline', 'not-ready', 'busy', 'wrap-up', 'cooldown'] as const) {
      const error = thrown(() => agentMadeInactive(agentIn(status), T0 + 99_000));
      expect(isContactPadError(error, 'INVALID_TRANSITION'), status).to.equal(true);
    }
  });
});

describe('the state after a reject (management setting)', () => {
  const settings = { rejectNotReadyReason: 'Rejected call', cooldownSeconds: 45 } as const;

  it('stay: a Ready agent who rejects stays Ready', () => {
    const ready = agentIn('ready');
    expect(afterReject(ready, T0 + 5000, { ...settings, stateAfterReject: 'stay' })).to.equal(ready);
  });

  it('not-ready: a Ready agent goes Not Ready with the configured reason, and stays there', () => {
    const after = afterReject(agentIn('ready'), T0 + 5000, { ...settings, stateAfterReject: 'not-ready' });
    expect(after).to.deep.equal({
      status: 'not-ready',
      reason: 'Rejected call',
      chosen: { status: 'not-ready', reason: 'Rejected call' },
      since: T0 + 5000,
    });
  });

  it('not-ready with a blank reason uses "Rejected call"', () => {
    const after = afterReject(agentIn('ready'), T0 + 5000, { ...settings, rejectNotReadyReason: '  ', stateAfterReject: 'not-ready' });
    expect(after).to.include({ status: 'not-ready', reason: 'Rejected call' });
  });

  it('inactive: a Ready agent becomes Inactive', () => {
    expect(afterReject(agentIn('ready'), T0 + 5000, { ...settings, stateAfterReject: 'inactive' })).to.include({ status: 'inactive', since: T0 + 5000 });
  });

  it('cooldown: a Ready agent cools down for the configured seconds, then is Ready again', () => {
    const cooldown = afterReject(agentIn('ready'), T0 + 5000, { ...settings, stateAfterReject: 'cooldown' });
    expect(cooldown).to.include({ status: 'cooldown', since: T0 + 5000, cooldownEndsAt: T0 + 50_000 });
    expect(agentCooldownEnded(cooldown, T0 + 50_000).status).to.equal('ready');
  });

  it('cooldown of 0 seconds leaves a Ready agent Ready', () => {
    const ready = agentIn('ready');
    expect(afterReject(ready, T0 + 5000, { ...settings, cooldownSeconds: 0, stateAfterReject: 'cooldown' })).to.equal(ready);
  });

  it('not-ready during other work becomes the intended next state: the agent stays Busy, then goes Not Ready', () => {
    const busy = afterReject(agentIn('busy'), T0 + 5000, { ...settings, stateAfterReject: 'not-ready' });
    expect(busy).to.include({ status: 'busy' });
    expect(busy.chosen).to.deep.equal({ status: 'not-ready', reason: 'Rejected call' });
    expect(agentWorkEnded(busy, T0 + 9000, 0)).to.include({ status: 'not-ready', reason: 'Rejected call' });
  });

  it('inactive and cooldown change nothing for an agent at work (Busy, Wrap Up, Cooldown)', () => {
    for (const status of ['busy', 'wrap-up', 'cooldown'] as const) {
      for (const stateAfterReject of ['inactive', 'cooldown', 'stay'] as const) {
        const before = agentIn(status);
        expect(afterReject(before, T0 + 5000, { ...settings, stateAfterReject }), `${status} ${stateAfterReject}`).to.equal(before);
      }
    }
  });

  it('changes nothing for an agent who is Offline, Not Ready or Inactive, whatever the setting', () => {
    for (const status of ['offline', 'not-ready', 'inactive'] as const) {
      for (const stateAfterReject of ['stay', 'not-ready', 'inactive', 'cooldown'] as const) {
        const before = agentIn(status);
        expect(afterReject(before, T0 + 5000, { ...settings, stateAfterReject }), `${status} ${stateAfterReject}`).to.equal(before);
      }
    }
  });
});
