/**
 * The controller with every room real: the phone on the suite's Kamailio, a customer
 * calling it from a second sip.js user agent, the crm room on the fake org (demo data),
 * and the host bridge over the Open CTI fake, with a console that records what it was asked.
 * The wrap-up and cooldown clocks run on a fake clock the test moves (each timer at its own
 * time), so no test waits for them and a wrong duration fails.
 */
import { expect } from '@open-wc/testing';
import { fakeOrg } from '../test-support/fake-org.ts';
import { Customer, sipServer, uniqueUser } from '../test-support/sip-calls.ts';
import { waitFor } from '../test-support/wait-for.ts';
import { RIG_WRAP_UP_SECONDS, answered, calls, mariaCalls, startRig, stopRigs, taskOf, viewOf } from '../test-support/controller-rig.ts';
import { QUALITY_SAMPLE_MS } from './desks/in-call-desk.ts';

afterEach(async function () {
  this.timeout(30_000);
  await stopRigs();
});

describe('the controller with real rooms', function () {
  // Each test places real calls through Kamailio; under a loaded machine that takes longer than mocha's default.
  this.timeout(60_000);

  it('pops the Lead on accept, and when wrap up runs out it logs the draft and returns the agent to the state chosen while busy', async () => {
    const rig = await startRig();
    const id = await mariaCalls(rig);
    const caller = viewOf(rig, id)?.caller;
    expect(caller?.state === 'done' && caller.labels).to.deep.equal(['Lead']);

    await answered(rig, id);
    expect(rig.controller.store.snapshot.agent.status).to.equal('busy');
    await waitFor('the screen pop', () => rig.consolePage.pops.length > 0);
    const lead = (await fakeOrg.records(rig.orgId, 'Lead')).find((l) => l['LastName'] === 'Lopez');
    expect(rig.consolePage.pops[0]).to.deep.equal({ type: 'SOBJECT', params: { recordId: lead?.Id } });

    await rig.controller.handle({ type: 'set-agent-status', choice: { status: 'not-ready', reason: 'Lunch' } });
    expect(rig.controller.store.snapshot.agent.status, 'still busy: the choice is what comes next').to.equal('busy');

    await rig.controller.handle({ type: 'release', interactionId: id });
    expect(viewOf(rig, id)?.interaction.state).to.equal('wrap-up');
    expect(rig.controller.store.snapshot.agent.status).to.equal('wrap-up');
    await rig.controller.handle({ type: 'wrap-up-draft', interactionId: id, disposition: 'Resolved', notes: 'Wants a quote' });

    expect(viewOf(rig, id)?.wrapUpEndsAt).to.equal(rig.clock.now() + RIG_WRAP_UP_SECONDS * 1000);
    rig.clock.advance(RIG_WRAP_UP_SECONDS * 1000 - 1);
    expect(viewOf(rig, id)?.interaction.state, 'a moment before the wrap-up time is up').to.equal('wrap-up');
    rig.clock.advance(1);
    expect(viewOf(rig, id)?.interaction.state).to.equal('ended');
    expect(rig.controller.store.snapshot.agent).to.include({ status: 'not-ready', reason: 'Lunch' });
    const task = await taskOf(rig, id);
    expect(task).to.include({ CallDisposition: 'Resolved', WhoId: lead?.Id, CallType: 'Inbound' });
    expect(String(task['Description'])).to.contain('Wants a quote');
    await waitFor('the list to say the Task is saved', () => viewOf(rig, id)?.log === 'saved');
  });

  it('links the Task to the record the agent opened during the call rather than the popped one', async () => {
    const rig = await startRig();
    const id = await mariaCalls(rig);
    await answered(rig, id);
    const contact = (await fakeOrg.records(rig.orgId, 'Contact')).find((c) => c['LastName'] === 'Kim');
    rig.console.pushNavigation({
      url: `/lightning/r/Contact/${contact?.Id}/view`,
      recordId: String(contact?.Id),
      recordName: 'Daniel Kim',
      objectType: 'Contact',
      accountId: String(contact?.['AccountId']),
    });
    await waitFor('the navigation to arrive', () => rig.host.lastNavigation()?.recordId === contact?.Id);
    await rig.controller.handle({ type: 'release', interactionId: id });
    await rig.controller.handle({ type: 'wrap-up-done', interactionId: id, disposition: '', notes: '' });
    const task = await taskOf(rig, id);
    expect(task['WhoId']).to.equal(contact?.Id);
    expect(task['WhatId']).to.equal(contact?.['AccountId']);
  });

  it('several matches pop a search; the agent\'s pick pops that record, links the Task and is remembered for the number', async () => {
    const rig = await startRig();
    const first = await calls(rig, 'Rossi', '+14155550105');
    const caller = viewOf(rig, first)?.caller;
    if (caller?.state !== 'done') throw new Error('lookup not done');
    expect(caller.pick.map((m) => m.objectType)).to.deep.equal(['Contact', 'Contact']);
    await answered(rig, first);
    await waitFor('the search pop', () => rig.consolePage.pops.length > 0);
    expect(rig.consolePage.pops[0]?.type).to.equal('SEARCH');

    const marco = caller.pick.find((m) => m.name.includes('Marco'))!;
    await rig.controller.handle({ type: 'pick-record', interactionId: first, recordId: marco.id });
    expect(rig.consolePage.pops[1]).to.deep.equal({ type: 'SOBJECT', params: { recordId: marco.id } });
    await rig.controller.handle({ type: 'release', interactionId: first });
    await rig.controller.handle({ type: 'wrap-up-done', interactionId: first, disposition: '', notes: '' });
    expect((await taskOf(rig, first))['WhoId']).to.equal(marco.id);

    await rig.customer.stop();
    rig.customer = new Customer((await sipServer()).wsUrl, uniqueUser('customer'));
    await rig.customer.start();
    const second = await calls(rig, 'Rossi', '+14155550105');
    const again = viewOf(rig, second)?.caller;
    expect(again?.state === 'done' && again.pickedId).to.equal(marco.id);
    await answered(rig, second);
    await waitFor('the second pop', () => rig.consolePage.pops.length > 2);
    expect(rig.consolePage.pops[2]).to.deep.equal({ type: 'SOBJECT', params: { recordId: marco.id } });
  });

  it('after a reload in the middle of wrap up, the interaction comes back in wrap up with its draft and is logged once', async () => {
    const rig = await startRig();
    const id = await mariaCalls(rig);
    await answered(rig, id);
    await rig.controller.handle({ type: 'release', interactionId: id });
    await rig.controller.handle({ type: 'wrap-up-draft', interactionId: id, disposition: 'Resolved', notes: 'Call back Friday' });
    await waitFor('the draft to be stored', async () => (await rig.crm.wrapUpDrafts()).some((d) => d.interaction.notes === 'Call back Friday'));

    const reloaded = await startRig({ storage: rig.storage });
    await reloaded.controller.restoreWrapUps();
    const restored = viewOf(reloaded, id);
    expect(restored?.interaction).to.include({ state: 'wrap-up', disposition: 'Resolved', notes: 'Call back Friday' });
    expect(reloaded.controller.store.snapshot.agent.status, 'the agent is in Wrap Up again, not offered calls').to.equal('wrap-up');
    await reloaded.controller.handle({ type: 'wrap-up-done', interactionId: id, disposition: 'Resolved', notes: 'Call back Friday' });
    const task = await taskOf(reloaded, id);
    expect(task).to.include({ CallDisposition: 'Resolved' });
    expect(reloaded.controller.store.snapshot.agent.status).to.equal('ready');
    expect(task['WhoId']).to.match(/^00Q/);
    expect((await fakeOrg.records(rig.orgId, 'Task')).filter((t) => t['ContactPad_Interaction_Id__c'] === id)).to.have.length(1);
  });

  it('rejecting answers the caller 486 and leaves the agent Ready with nothing to wrap up', async () => {
    const rig = await startRig();
    const id = uniqueUser('it');
    const { finalStatus } = rig.customer.call(rig.agentUser, [`X-CP-Interaction-Id: ${id}`]);
    await waitFor('the call pop', () => viewOf(rig, id)?.interaction.state === 'alerting');
    await rig.controller.handle({ type: 'reject', interactionId: id });
    expect(await finalStatus).to.equal(486);
    expect(viewOf(rig, id)?.interaction.state).to.equal('rejected');
    expect(rig.controller.store.snapshot.agent.status).to.equal('ready');
  });

  it('after a reject with stateAfterReject=cooldown the agent cools down, then is Ready again when the cooldown ends', async () => {
    const rig = await startRig({ settings: { '/ContactPad/stateAfterReject': 'cooldown', '/ContactPad/cooldownSeconds': '20' } });
    const id = uniqueUser('it');
    const { finalStatus } = rig.customer.call(rig.agentUser, [`X-CP-Interaction-Id: ${id}`]);
    await waitFor('the call pop', () => viewOf(rig, id)?.interaction.state === 'alerting');
    await rig.controller.handle({ type: 'reject', interactionId: id });
    expect(await finalStatus).to.equal(486);
    const agent = rig.controller.store.snapshot.agent;
    expect(agent.status).to.equal('cooldown');
    expect((agent.cooldownEndsAt ?? 0) - agent.since).to.equal(20_000);
    rig.clock.advance(19_999);
    expect(rig.controller.store.snapshot.agent.status, 'a moment before the cooldown ends').to.equal('cooldown');
    rig.clock.advance(1);
    expect(rig.controller.store.snapshot.agent.status).to.equal('ready');
  });

  it('Extend wrap up adds wrapUpExtendSeconds to the time left, and wrap up then ends only at the new end', async () => {
    const rig = await startRig({ settings: { '/ContactPad/wrapUpExtendSeconds': '45' } });
    const id = await mariaCalls(rig);
    await answered(rig, id);
    await rig.controller.handle({ type: 'release', interactionId: id });
    const end = rig.clock.now() + RIG_WRAP_UP_SECONDS * 1000;
    expect(viewOf(rig, id)?.wrapUpEndsAt).to.equal(end);
    expect(viewOf(rig, id)?.actions).to.deep.equal(['extend-wrap-up', 'report-problem']);

    rig.clock.advance(10_000);
    await rig.controller.handle({ type: 'extend-wrap-up', interactionId: id });
    expect(viewOf(rig, id)?.wrapUpEndsAt, '45 s more than the 20 s left').to.equal(end + 45_000);
    expect(rig.controller.store.snapshot.agent).to.include({ status: 'wrap-up', wrapUpEndsAt: end + 45_000 });

    rig.clock.advance(RIG_WRAP_UP_SECONDS * 1000 - 10_000);
    expect(viewOf(rig, id)?.interaction.state, 'the first end has passed: still in wrap up').to.equal('wrap-up');
    rig.clock.advance(45_000 - 1);
    expect(viewOf(rig, id)?.interaction.state, 'a moment before the new end').to.equal('wrap-up');
    rig.clock.advance(1);
    expect(viewOf(rig, id)?.interaction.state).to.equal('ended');
    expect(rig.controller.store.snapshot.agent.status).to.equal('ready');
    await taskOf(rig, id);
  });

  it('mutes a call (through hold and retrieve) and unmutes it, sends keypad tones, refuses a key that is none, and reads the line every few seconds on the clock', async () => {
    const rig = await startRig();
    const id = await mariaCalls(rig);
    await answered(rig, id);
    const codes = () => rig.controller.store.snapshot.notices.map((notice) => notice.code);

    await rig.controller.handle({ type: 'mute', interactionId: id });
    expect(viewOf(rig, id)).to.include({ muted: true });
    await rig.controller.handle({ type: 'hold', interactionId: id });
    await rig.controller.handle({ type: 'retrieve', interactionId: id });
    expect(viewOf(rig, id)?.interaction.state).to.equal('connected');
    expect(viewOf(rig, id), 'still muted after retrieve').to.include({ muted: true });
    await rig.controller.handle({ type: 'unmute', interactionId: id });
    expect(viewOf(rig, id)?.muted).to.equal(undefined);

    await rig.controller.handle({ type: 'send-dtmf', interactionId: id, digits: '12#' });
    expect(codes(), 'the customer\'s phone takes the tones in the audio: nothing to say').to.deep.equal([]);
    await rig.controller.handle({ type: 'send-dtmf', interactionId: id, digits: '1x' });
    expect(codes()).to.deep.equal(['INVALID_INPUT']);
    expect(rig.controller.store.snapshot.notices[0]?.message).to.match(/^"x" is not a keypad key/);

    expect(viewOf(rig, id)?.quality, 'not read before its time').to.equal(undefined);
    rig.clock.advance(QUALITY_SAMPLE_MS);
    const quality = await waitFor('the line read', () => viewOf(rig, id)?.quality);
    expect(quality.level).to.equal('good');
    expect(quality.roundTripMs).to.be.a('number');
  });
});
