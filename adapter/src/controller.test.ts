/**
 * The controller with every room real: the phone on the suite's Kamailio, a customer
 * calling it from a second sip.js user agent, the crm room on the fake org (demo data),
 * and the host bridge over the Open CTI fake, with a console that records what it was asked.
 * Only the wrap-up timer is driven by hand (a manual clock), so no test waits for it.
 */
import { expect } from '@open-wc/testing';
import { Controller, type Clock } from './controller.ts';
import { Phone } from './telephony/phone.ts';
import { Customer, sipServer, uniqueUser, waitFor } from './telephony/test-support.ts';
import { createCrmService, type CrmService } from './crm/crm-service.ts';
import { TEST_JSFORCE_URL, fakeOrg } from './crm/fake-org-session.ts';
import { OpenCtiHost } from './host/open-cti-host.ts';
import type { DefaultFieldValues, ScreenPopTypeName } from './host/open-cti.ts';
import { readSettings } from './model/settings.ts';
import type { InteractionView } from './store.ts';
import { installOpenCtiShim } from '../../scripts/console/opencti/opencti-shim.ts';
import { serveOpenCti, type ConsoleApi, type OpenCtiConsole } from '../../scripts/console/opencti/console-side.ts';

/** A clock whose timers run only when the test says so. */
class ManualClock implements Clock {
  readonly #timers: Array<{ fn: () => void; cancelled: boolean }> = [];
  now(): number {
    return Date.now();
  }
  schedule(fn: () => void, _ms: number): () => void {
    const timer = { fn, cancelled: false };
    this.#timers.push(timer);
    return () => {
      timer.cancelled = true;
    };
  }
  runPending(): void {
    for (const timer of this.#timers.splice(0)) if (!timer.cancelled) timer.fn();
  }
}

/** The console side of Open CTI, recording the screen pops it was asked for. */
class RecordingConsole implements ConsoleApi {
  readonly pops: Array<{ type: ScreenPopTypeName; params: Record<string, unknown>; defaultFieldValues?: DefaultFieldValues }> = [];
  panelVisible = true;
  screenPop(type: ScreenPopTypeName, params: Record<string, unknown>, defaultFieldValues?: DefaultFieldValues): void {
    this.pops.push(defaultFieldValues === undefined ? { type, params } : { type, params, defaultFieldValues });
  }
  setPanelVisible(visible: boolean): void {
    this.panelVisible = visible;
  }
  isPanelVisible(): boolean {
    return this.panelVisible;
  }
  callCenterSettings(): Record<string, string> {
    return {};
  }
  clickToDialEnabled(): void {}
}

interface Rig {
  controller: Controller;
  clock: ManualClock;
  consolePage: RecordingConsole;
  console: OpenCtiConsole;
  customer: Customer;
  agentUser: string;
  orgId: string;
  phone: Phone;
  host: OpenCtiHost;
  crm: CrmService;
  storage: RigStorage & { org: { orgId: string; accessToken: string; instanceUrl: string } };
}

const rigs: Rig[] = [];

/** Where a rig keeps what survives a reload (the outbox database, remembered picks) and its org. */
interface RigStorage {
  outboxDatabase: string;
  choicesKey: string;
  org?: { orgId: string; accessToken: string; instanceUrl: string };
}

async function startRig(storage: RigStorage = { outboxDatabase: uniqueUser('outbox'), choicesKey: uniqueUser('choices') }): Promise<Rig> {
  const { wsUrl } = await sipServer();
  const agentUser = uniqueUser('agent');
  const { settings } = readSettings({
    '/ContactPad/sipServerUrl': wsUrl,
    '/ContactPad/sipDomain': '127.0.0.1',
    '/ContactPad/sipUser': agentUser,
    '/ContactPad/wrapUpSeconds': '30',
  });
  const clock = new ManualClock();
  const controller = new Controller(settings, clock);

  const channel = new MessageChannel();
  const win = {} as Window;
  installOpenCtiShim(win, channel.port1);
  const consolePage = new RecordingConsole();
  const consoleHandle = serveOpenCti(channel.port2, consolePage);
  const host = await OpenCtiHost.connect(controller, { win, waitMs: 0 });

  const org = storage.org ?? (await fakeOrg.createOrg('demo'));
  const crm = createCrmService({
    session: { instanceUrl: org.instanceUrl, accessToken: org.accessToken, jsforceUrl: TEST_JSFORCE_URL },
    settings,
    activityState: (id, state) => controller.activityState(id, state),
    onError: (error) => controller.notify(error),
    outboxDatabase: storage.outboxDatabase,
    rememberedChoicesKey: storage.choicesKey,
  });
  const phone = new Phone({ serverUrl: wsUrl, aor: `sip:${agentUser}@127.0.0.1` }, controller);
  controller.attach({ phone, crm, host });
  await controller.handle({ type: 'set-agent-status', choice: { status: 'ready' } });
  await waitFor('the agent to register', () => controller.store.snapshot.phone.state === 'registered');

  const customer = new Customer(wsUrl, uniqueUser('customer'));
  await customer.start();
  const rig = { controller, clock, consolePage, console: consoleHandle, customer, agentUser, orgId: org.orgId, phone, host, crm, storage: { ...storage, org } };
  rigs.push(rig);
  return rig;
}

function viewOf(rig: Rig, id: string): InteractionView | undefined {
  return rig.controller.store.snapshot.interactions.find((v) => v.interaction.id === id);
}

/** A customer calls with this name and number; returns the interaction id once the lookup is done. */
async function calls(rig: Rig, name: string, number: string): Promise<string> {
  const id = uniqueUser('it');
  rig.customer.call(rig.agentUser, [`X-CP-Interaction-Id: ${id}`, 'X-CP-Queue: Sales', `P-Asserted-Identity: "${name}" <sip:${number}@127.0.0.1>`]);
  await waitFor('the call pop with the lookup', () => viewOf(rig, id)?.caller.state === 'done');
  return id;
}

/** Maria Lopez (a Lead in the demo org) calls; returns the interaction id. */
function mariaCalls(rig: Rig): Promise<string> {
  return calls(rig, 'Maria Lopez', '+14155550100');
}

async function answered(rig: Rig, id: string): Promise<void> {
  await rig.controller.handle({ type: 'accept', interactionId: id });
  await waitFor('the call to connect', () => viewOf(rig, id)?.interaction.state === 'connected');
}

async function taskOf(rig: Rig, id: string): Promise<Record<string, unknown>> {
  return waitFor('the Task in the org', async () =>
    (await fakeOrg.records(rig.orgId, 'Task')).find((t) => t['ContactPad_Interaction_Id__c'] === id),
  );
}

afterEach(async function () {
  this.timeout(30_000);
  for (const rig of rigs.splice(0)) {
    rig.console.close();
    await rig.phone.stop();
    await rig.customer.stop();
  }
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

    rig.clock.runPending();
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

    const reloaded = await startRig(rig.storage);
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
});
