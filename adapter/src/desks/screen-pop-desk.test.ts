/**
 * The screen-pop desk alone, with the real model, the real crm room on a fake org (demo data:
 * the lookup and the pop decision are the crm room's) and the real host room over the Open CTI
 * fake, whose console records what it was asked to pop (as in the controller's rig).
 */
import { expect } from '@open-wc/testing';
import { isContactPadError } from '../model/errors.ts';
import { offerInteraction } from '../model/interaction-state.ts';
import { callFacts } from '../model/interaction-facts.ts';
import { fakeOrg } from '../../test-support/fake-org.ts';
import { waitFor } from '../../test-support/wait-for.ts';
import { hostOnOpenCtiFake } from '../../test-support/open-cti-console.ts';
import { crmOnFakeOrg, testDesks } from '../../test-support/desk-rig.ts';
import { revealPanel } from './panel.ts';

async function withCrm() {
  const desks = testDesks();
  const { crm, orgId } = await crmOnFakeOrg(desks);
  const { host, consolePage, close } = await hostOnOpenCtiFake({ clickToDial: () => {}, navigation: () => {} });
  openCtiLines.push(close);
  desks.rooms.crm = crm;
  desks.rooms.host = host;
  /** What the console was asked to pop, in the stand-ins' words: `record <id>`, `search <text>`... */
  const pops = () => consolePage.pops.map((pop) => (pop.type === 'SOBJECT' ? `record ${String(pop.params['recordId'])}` : `${pop.type.toLowerCase()} ${JSON.stringify(pop.params)}`));
  // The desk as the first ringing call gets it (loaded off the ring path).
  const screenPop = await desks.screenPop();
  return { ...desks, screenPop, crm, orgId, host, consolePage, pops };
}

const openCtiLines: (() => void)[] = [];
afterEach(() => {
  for (const close of openCtiLines.splice(0)) close();
});

type Floor = Awaited<ReturnType<typeof withCrm>>;

/** A call from `number` rings and is looked up; resolves once the lookup answered. */
async function rings(desks: Floor, id: string, number: string): Promise<void> {
  const interaction = offerInteraction({ id, channel: 'voice', direction: 'inbound', callerNumber: number }, desks.clock.now());
  desks.view.add(interaction, callFacts());
  desks.screenPop.lookUp(interaction);
  await waitFor('the lookup', () => desks.view.view(id)?.caller.state !== 'pending');
}

async function idOf(desks: Floor, sobject: string, lastName: string): Promise<string> {
  const record = (await fakeOrg.records(desks.orgId, sobject)).find((r) => r['LastName'] === lastName);
  return String(record?.['Id']);
}

describe('the screen-pop desk', () => {
  it('pops a known caller\'s record once the call is answered, once; the record becomes the interaction\'s (its Task, its tab)', async () => {
    const desks = await withCrm();
    await rings(desks, 'c1', '+14155550100');
    const caller = desks.view.view('c1')?.caller;
    expect(caller?.state === 'done' && caller.labels).to.deep.equal(['Lead']);
    desks.view.move('c1', 'connected');
    await desks.screenPop.pop('c1');
    await desks.screenPop.pop('c1');
    const lead = await idOf(desks, 'Lead', 'Lopez');
    expect(desks.pops()).to.deep.equal([`record ${lead}`]);
    expect(desks.view.facts('c1')).to.deep.include({ popSettled: true, popped: { recordId: lead, objectType: 'Lead' } });
  });

  it('pops when the lookup answers after the call was answered', async () => {
    const desks = await withCrm();
    const interaction = offerInteraction({ id: 'c1', channel: 'voice', direction: 'inbound', callerNumber: '+14155550100' }, desks.clock.now());
    desks.view.add(interaction, callFacts());
    desks.view.move('c1', 'connected');
    await desks.screenPop.pop('c1');
    expect(desks.pops(), 'the lookup is still on its way').to.deep.equal([]);
    desks.screenPop.lookUp(interaction);
    await waitFor('the pop', () => desks.pops().length > 0);
    expect(desks.pops()[0]).to.match(/^record 00Q/);
  });

  it('keeps the Account of a popped Contact, for the Task\'s WhatId', async () => {
    const desks = await withCrm();
    await rings(desks, 'c1', '+14155550101');
    desks.view.move('c1', 'connected');
    await desks.screenPop.pop('c1');
    const contact = (await fakeOrg.records(desks.orgId, 'Contact')).find((c) => c['LastName'] === 'Kim');
    expect(desks.view.facts('c1')?.popped).to.deep.equal({ recordId: contact?.['Id'], objectType: 'Contact', accountId: contact?.['AccountId'] });
  });

  it('with several matches pops a search; the agent\'s pick pops that record, becomes the popped one and is remembered for the number', async () => {
    const desks = await withCrm();
    await rings(desks, 'c1', '+14155550105');
    const caller = desks.view.view('c1')?.caller;
    if (caller?.state !== 'done') throw new Error('lookup not done');
    expect(caller.pick).to.have.length(2);
    desks.view.move('c1', 'connected');
    await desks.screenPop.pop('c1');
    expect(desks.pops()[0]).to.match(/^search /);

    const marco = caller.pick.find((m) => m.name.includes('Marco'))!;
    await desks.screenPop.pick('c1', marco.id);
    expect(desks.pops()[1]).to.equal(`record ${marco.id}`);
    const picked = desks.view.view('c1')?.caller;
    expect(picked?.state === 'done' && picked.pickedId).to.equal(marco.id);
    expect(desks.view.facts('c1')).to.include({ pickedId: marco.id });
    expect(desks.view.facts('c1')?.popped).to.include({ recordId: marco.id, objectType: 'Contact' });

    await waitFor('the pick remembered', async () => (await desks.crm.lookUpCaller('+14155550105')).rememberedId === marco.id);
    await rings(desks, 'c2', '+14155550105');
    const again = desks.view.view('c2')?.caller;
    expect(again?.state === 'done' && again.pickedId, 'the next call from the number').to.equal(marco.id);
  });

  it('a pick while the call still rings is remembered and popped with the answer, not before', async () => {
    const desks = await withCrm();
    await rings(desks, 'c1', '+14155550105');
    const caller = desks.view.view('c1')?.caller;
    if (caller?.state !== 'done') throw new Error('lookup not done');
    await desks.screenPop.pick('c1', caller.pick[0]!.id);
    expect(desks.pops()).to.deep.equal([]);
    desks.view.move('c1', 'connected');
    await desks.screenPop.pop('c1');
    expect(desks.pops()).to.deep.equal([`record ${caller.pick[0]!.id}`]);
  });

  it('refuses a pick that is not among the call\'s matches', async () => {
    const desks = await withCrm();
    await rings(desks, 'c1', '+14155550105');
    const failure = await desks.screenPop.pick('c1', '003000000000099AAA').catch((error: unknown) => error);
    expect(isContactPadError(failure, 'INVALID_TRANSITION') && failure.message).to.equal('That record is not among the matches for this call.');
  });

  it('shows the softphone panel for new work only when the console has it closed', async () => {
    const desks = await withCrm();
    const shown: boolean[] = [];
    const setPanelVisible = desks.consolePage.setPanelVisible.bind(desks.consolePage);
    desks.consolePage.setPanelVisible = (visible) => {
      shown.push(visible);
      setPanelVisible(visible);
    };
    revealPanel(desks.rooms, desks.notices);
    // Open CTI answers in order: once this answer is back, the desk has had its own and decided.
    expect(await desks.host.isPanelVisible()).to.equal(true);
    expect(shown, 'the panel was open').to.deep.equal([]);
    desks.consolePage.panelVisible = false;
    revealPanel(desks.rooms, desks.notices);
    await waitFor('the panel shown', () => shown.length > 0);
    expect(shown).to.deep.equal([true]);
  });

  it('opens a record in the console, and says so when the console is not connected', async () => {
    const desks = await withCrm();
    await desks.screenPop.openRecord('00T000000000001AAA');
    expect(desks.pops()).to.deep.equal(['record 00T000000000001AAA']);
    desks.rooms.host = undefined;
    const failure = await desks.screenPop.openRecord('00T000000000001AAA').catch((error: unknown) => error);
    expect(isContactPadError(failure, 'HOST_UNAVAILABLE')).to.equal(true);
  });
});
