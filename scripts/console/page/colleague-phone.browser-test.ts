/**
 * The console page's SIP phones on the suite's real Kamailio: the colleague's phone (registers,
 * answers on its own with a voice, declines from its panel, is busy on a call, hangs up) and
 * the customer simulator following a blind transfer (REFER) to it.
 */
import { expect } from '@open-wc/testing';
import type { Invitation, Session } from 'sip.js';
import { Customer, serverCommand, sessionBytesReceived, sipServer, uniqueUser } from '../../../adapter/test-support/sip-calls.ts';
import { waitFor } from '../../../adapter/test-support/wait-for.ts';
import { blindTransfer } from '../blind-transfer.ts';
import { mountColleaguePanel } from './colleague-panel.ts';
import { ColleaguePhone } from './colleague-phone.ts';
import { CustomerSimulator, type SimulatedCall } from './customer-simulator.ts';

declare const describe: (title: string, body: () => void) => void;
declare const it: (title: string, body: () => void | Promise<void>) => void;
declare const afterEach: (body: () => void | Promise<void>) => void;

const GRACE: SimulatedCall = { name: 'Grace Hopper', number: '+14155550101', queue: 'Support', location: '', adSource: '', kind: 'voice' };

/** Everything a test started, stopped after it. */
let cleanups: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  cleanups = [];
});

async function startColleague(options: { wsUrl?: string; answerDelayMs?: number } = {}): Promise<ColleaguePhone> {
  const wsUrl = options.wsUrl ?? (await sipServer()).wsUrl;
  const colleague = new ColleaguePhone({ sipWsUrl: wsUrl, sipDomain: '127.0.0.1', user: uniqueUser('jordan'), displayName: 'Jordan Lee', ...options });
  cleanups.push(() => colleague.stop());
  await colleague.start();
  return colleague;
}

async function registered(colleague: ColleaguePhone): Promise<void> {
  await waitFor(`${colleague.user} to register (${colleague.registrationStatus})`, () => colleague.registration === 'registered');
}

async function startCaller(displayName: string): Promise<Customer> {
  const caller = new Customer((await sipServer()).wsUrl, uniqueUser('caller'), displayName);
  cleanups.push(() => caller.stop());
  await caller.start();
  return caller;
}

/** Resolves with the response code of a BYE (the far end has handled it once it answered). */
function byeAnswered(session: Session): Promise<number> {
  return new Promise((done, fail) => {
    session.bye({ requestDelegate: { onAccept: (response) => done(response.message.statusCode ?? 0), onReject: (response) => done(response.message.statusCode ?? 0) } }).catch(fail);
  });
}

describe('the colleague\'s phone in the local console', () => {
  it('registers on Kamailio, rings, answers a plain sip.js caller on its own with a voice, and sees the caller hang up', async () => {
    const colleague = await startColleague();
    await registered(colleague);
    expect(colleague.state).to.equal('Idle');
    const states: string[] = [];
    colleague.onChange(() => {
      if (states.at(-1) !== colleague.state) states.push(colleague.state);
    });
    const caller = await startCaller('Ada Customer');
    const { inviter, finalStatus } = caller.call(colleague.user);
    expect(await finalStatus).to.equal(200);
    await waitFor('the colleague to be in the call', () => colleague.phase === 'connected');
    expect(states).to.deep.equal(['Ringing', 'In a call with Ada Customer']);
    expect(colleague.calls).to.deep.equal([{ from: 'Ada Customer', answered: true }]);

    // Its voice (a tone) reaches the caller, and the caller's reaches it.
    await waitFor('audio from the colleague', async () => (await sessionBytesReceived(inviter)) > 0);
    await waitFor('audio at the colleague', async () => (await colleague.mediaStats()).bytesReceived > 0);

    expect(await byeAnswered(inviter)).to.equal(200);
    await waitFor('the call to end', () => colleague.phase === 'ended');
    expect(colleague.state).to.equal('Call ended');
    expect(colleague.calls).to.deep.equal([{ from: 'Ada Customer', answered: true, endedBy: 'caller' }]);
  });

  it('hangs up a call itself, and turns a second caller away busy while on a call', async () => {
    const colleague = await startColleague({ answerDelayMs: 0 });
    await registered(colleague);
    const first = await startCaller('Ada Customer');
    const call = first.call(colleague.user);
    expect(await call.finalStatus).to.equal(200);
    await waitFor('the colleague to be in the call', () => colleague.phase === 'connected');

    const second = await startCaller('Bob Second');
    expect(await second.call(colleague.user).finalStatus).to.equal(486);
    expect(colleague.state).to.equal('In a call with Ada Customer');

    await colleague.hangUp();
    await Customer.terminated(call.inviter);
    await waitFor('the call to end', () => colleague.phase === 'ended');
    expect(colleague.calls).to.deep.equal([{ from: 'Ada Customer', answered: true, endedBy: 'colleague' }]);
  });

  it('with "Answer automatically" off, rings until Decline in its panel turns the caller away (603)', async () => {
    const colleague = await startColleague();
    await registered(colleague);
    const host = document.createElement('section');
    document.body.append(host);
    cleanups.push(() => host.remove());
    mountColleaguePanel(host, colleague);
    expect(host.querySelector('h2')?.textContent).to.equal('Colleague: Jordan Lee');
    expect(host.querySelector('[data-testid="colleague-registration"]')?.textContent?.trim()).to.equal(`SIP: registered as ${colleague.user}`);
    expect(host.querySelector('[data-testid="colleague-answer"]')).to.equal(null);

    const autoAnswer = host.querySelector<HTMLInputElement>('[data-testid="colleague-auto-answer"]')!;
    expect(autoAnswer.checked).to.equal(true);
    autoAnswer.click();
    expect(colleague.autoAnswer).to.equal(false);
    const answer = host.querySelector<HTMLButtonElement>('[data-testid="colleague-answer"]')!;
    const decline = host.querySelector<HTMLButtonElement>('[data-testid="colleague-decline"]')!;
    expect([answer.textContent, answer.disabled, decline.textContent, decline.disabled]).to.deep.equal(['Answer', true, 'Decline', true]);

    const caller = await startCaller('Ada Customer');
    const { finalStatus } = caller.call(colleague.user);
    await waitFor('the panel to ring', () => host.querySelector('[data-testid="colleague-state"]')?.textContent === 'Ringing');
    expect(host.querySelector('[data-testid="colleague-caller"]')?.textContent).to.equal('Ada Customer is calling');
    expect([answer.disabled, decline.disabled]).to.deep.equal([false, false]);
    decline.click();
    expect(await finalStatus).to.equal(603);
    await waitFor('the panel to show the end', () => host.querySelector('[data-testid="colleague-state"]')?.textContent === 'Call ended');
    expect(colleague.calls).to.deep.equal([{ from: 'Ada Customer', answered: false, endedBy: 'colleague' }]);
  });

  it('answers with Answer in its panel when it does not answer automatically', async () => {
    const colleague = await startColleague();
    await registered(colleague);
    colleague.setAutoAnswer(false);
    const host = document.createElement('section');
    document.body.append(host);
    cleanups.push(() => host.remove());
    mountColleaguePanel(host, colleague);
    const caller = await startCaller('');
    const { finalStatus } = caller.call(colleague.user);
    await waitFor('the call to ring', () => colleague.phase === 'ringing');
    host.querySelector<HTMLButtonElement>('[data-testid="colleague-answer"]')!.click();
    expect(await finalStatus).to.equal(200);
    await waitFor('the panel to show the call', () => host.querySelector('[data-testid="colleague-state"]')?.textContent === `In a call with ${caller.user}`);
    const hangUp = host.querySelector<HTMLButtonElement>('[data-testid="colleague-hangup"]')!;
    expect(hangUp.disabled).to.equal(false);
    hangUp.click();
    await waitFor('the call to end', () => colleague.phase === 'ended');
    expect(colleague.calls).to.deep.equal([{ from: caller.user, answered: true, endedBy: 'colleague' }]);
  });

  it('says it cannot reach a SIP server that is down, and registers once it is back', async () => {
    const name = `colleague-${Math.random().toString(36).slice(2, 8)}`;
    const { wsUrl } = await serverCommand<{ wsUrl: string }>('sip-server-start', { name });
    cleanups.push(() => serverCommand('sip-server-stop', { name }));
    await serverCommand('sip-server-stop', { name });
    const colleague = await startColleague({ wsUrl });
    await waitFor('the phone to give up for now', () => colleague.registration === 'failed');
    expect(colleague.registrationStatus).to.equal(`Cannot reach the SIP server at ${wsUrl}; retrying`);
    await serverCommand('sip-server-start', { name });
    await registered(colleague);
    expect(colleague.registrationStatus).to.equal(`Registered as ${colleague.user}`);
  });
});

describe('the customer simulator and a blind transfer', () => {
  /** A bare agent (a plain sip.js phone) that the simulator calls; answers, then REFERs. */
  async function agentAndSimulator(): Promise<{ agent: Customer; simulator: CustomerSimulator; agentSession: Invitation }> {
    const { wsUrl } = await sipServer();
    const agent = new Customer(wsUrl, uniqueUser('agent'), 'Agent');
    cleanups.push(() => agent.stop());
    await agent.start(true);
    const simulator = new CustomerSimulator({ sipWsUrl: wsUrl, sipDomain: '127.0.0.1', agentUser: agent.user });
    cleanups.push(() => simulator.stop());
    await simulator.start();
    await waitFor(`the simulator to register (${simulator.status})`, () => simulator.registration === 'registered');
    await simulator.call(GRACE);
    const agentSession = await waitFor('the call at the agent', () => agent.incoming[0]);
    await agentSession.accept({ sessionDescriptionHandlerOptions: { constraints: { audio: true, video: false } } });
    await waitFor('the simulator to be connected', () => simulator.state === 'connected');
    return { agent, simulator, agentSession };
  }

  /** The agent's REFER to `user`; resolves with the REFER's status, and collects the NOTIFY bodies. */
  function refer(session: Session, user: string, notifications: string[]): Promise<number> {
    return blindTransfer(session, user, '127.0.0.1', notifications);
  }

  it('follows the agent\'s REFER: calls the colleague as the same caller, shows the transfer, and ends with the colleague', async () => {
    const colleague = await startColleague();
    await registered(colleague);
    const { simulator, agentSession } = await agentAndSimulator();
    const interactionId = simulator.lastInteractionId;
    const statuses: string[] = [];
    simulator.onChange(() => {
      if (statuses.at(-1) !== simulator.status) statuses.push(simulator.status);
    });

    const notifications: string[] = [];
    expect(await refer(agentSession, colleague.user, notifications)).to.equal(202);
    await waitFor('the colleague to answer', () => colleague.phase === 'connected');
    expect(colleague.state).to.equal('In a call with Grace Hopper');
    await waitFor('the simulator to be connected to the colleague', () => simulator.status === `Transferred to ${colleague.user}: Connected`);
    expect(simulator.state).to.equal('connected');
    expect(simulator.transferredTo).to.equal(colleague.user);
    expect(simulator.lastInteractionId).to.equal(interactionId);
    expect(statuses[0]).to.equal(`Transferred to ${colleague.user}`);
    expect(statuses.at(-1)).to.equal(`Transferred to ${colleague.user}: Connected`);
    await waitFor('the NOTIFY that the transfer succeeded', () => notifications.includes('SIP/2.0 200 OK'));

    // The agent leaves; the customer stays on with the colleague.
    expect(await byeAnswered(agentSession)).to.equal(200);
    expect([simulator.state, colleague.state]).to.deep.equal(['connected', 'In a call with Grace Hopper']);
    await waitFor('audio from the colleague', async () => (await simulator.mediaStats()).bytesReceived > 0);

    await colleague.hangUp();
    await waitFor('the simulator to see the end', () => simulator.state === 'ended');
    expect(simulator.status).to.equal(`Transferred to ${colleague.user}: Ended`);
    expect(colleague.calls).to.deep.equal([{ from: 'Grace Hopper', answered: true, endedBy: 'colleague' }]);
  });

  /** A plain sip.js phone, registered, that records the calls it gets (a transfer target). */
  async function startTarget(): Promise<Customer> {
    const target = new Customer((await sipServer()).wsUrl, uniqueUser('target'), 'Target');
    cleanups.push(() => target.stop());
    await target.start(true);
    return target;
  }

  it('calls the Refer-To target with the caller\'s identity, contract headers and Referred-By; shows a refusal once the agent has left', async () => {
    const target = await startTarget();
    const { agent, simulator, agentSession } = await agentAndSimulator();
    expect(await refer(agentSession, target.user, [])).to.equal(202);

    const transferred = await waitFor('the transferred call', () => target.incoming[0]);
    expect(transferred.remoteIdentity.displayName).to.equal('Grace Hopper');
    expect(transferred.remoteIdentity.uri.user).to.equal('+14155550101');
    expect(transferred.request.getHeader('X-CP-Interaction-Id')).to.equal(simulator.lastInteractionId);
    expect(transferred.request.getHeader('X-CP-Queue')).to.equal('Support');
    expect(transferred.request.getHeader('Referred-By')).to.contain(`sip:${agent.user}@127.0.0.1`);
    expect([simulator.inCall, simulator.transferredTo]).to.deep.equal([true, target.user]);

    expect(await byeAnswered(agentSession)).to.equal(200);
    await transferred.reject({ statusCode: 603 });
    await waitFor('the simulator to show the refusal', () => simulator.state === 'rejected');
    expect(simulator.status).to.equal(`Transferred to ${target.user}: Rejected (603 Decline)`);
    expect(simulator.lastStatusCode).to.equal(603);
  });

  it('stays with the agent when the transfer is refused while the agent is still on the call', async () => {
    const target = await startTarget();
    const { simulator, agentSession } = await agentAndSimulator();
    const notifications: string[] = [];
    expect(await refer(agentSession, target.user, notifications)).to.equal(202);
    const transferred = await waitFor('the transferred call', () => target.incoming[0]);
    await transferred.reject({ statusCode: 603 });

    await waitFor('the simulator to be back with the agent', () => simulator.status === `Transfer to ${target.user} failed (603 Decline); still with the agent`);
    expect([simulator.state, simulator.transferredTo]).to.deep.equal(['connected', undefined]);
    await waitFor('the NOTIFY that the transfer failed', () => notifications.includes('SIP/2.0 603 Decline'));

    await simulator.hangUp();
    await Customer.terminated(agentSession);
    await waitFor('the simulator to end the call', () => simulator.state === 'ended');
    expect(simulator.status).to.equal('Ended');
  });
});
