import { expect } from '@open-wc/testing';
import { isContactPadError } from './errors.ts';
import { agentIn, LUNCH, T0 } from '../../test-support/agent-states.ts';
import { thrown } from '../../test-support/thrown.ts';
import {
  afterReject,
  agentCooldownDue,
  agentCooldownEnded,
  agentCooldownStarted,
  agentMadeInactive,
  agentWorkEnded,
  agentWorkStarted,
  agentWrapUpEnded,
  chooseAgentStatus,
} from './agent-state.ts';

declare const describe: (title: string, body: () => void) => void;
declare const it: (title: string, body: () => void | Promise<void>) => void;

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
