/**
 * The consult desk alone (with the directory desk that opens it), the real model and crm room on
 * a fake org, and a stand-in phone: the telephony room's reports (a call connected, ended) are
 * played as the switchboard would hand them to the voice desk.
 */
import { expect } from '@open-wc/testing';
import { offerInteraction } from '../model/interaction-state.ts';
import { callFacts } from '../model/interaction-facts.ts';
import { fakeOrg, taskFor } from '../../test-support/fake-org.ts';
import { DirectoryDesk } from './directory-desk.ts';
import { RecordingPhone, crmOnFakeOrg, loadedTestDesks } from '../../test-support/desk-rig.ts';

const CONSULT = 'outbound-1';

/** The actions a call offers that are about consulting (the in-call controls beside them left out). */
const CONSULTING = ['release', 'hold', 'retrieve', 'consult', 'transfer', 'drop-consult', 'complete-transfer', 'conference', 'leave-conference'];

async function floor() {
  const desks = await loadedTestDesks({ '/ContactPad/wrapUpSeconds': '10', '/ContactPad/consultTimeoutSeconds': '20' });
  const { crm, orgId } = await crmOnFakeOrg(desks);
  await fakeOrg.insert(orgId, 'User', { Username: 'casey@example.com', LastName: 'Colleague', FirstName: 'Casey', ContactPad_SIP_User__c: 'casey.colleague', IsActive: true });
  const phone = new RecordingPhone();
  Object.assign(desks.rooms, { crm, phone });
  desks.agent.choose({ status: 'ready' });
  const directory = new DirectoryDesk(desks);
  await directory.load();
  const casey = desks.store.snapshot.directory.find((entry) => entry.name === 'Casey Colleague')!;
  // A connected call from Maria Lopez.
  desks.view.add(offerInteraction({ id: 'call', channel: 'voice', direction: 'inbound', callerName: 'Maria Lopez', callerNumber: '+14155550100' }, desks.clock.now()), callFacts());
  desks.voice.connected('call');
  phone.asked.splice(0);
  const actions = (id: string) => (desks.view.view(id)?.actions ?? []).filter((action) => CONSULTING.includes(action));
  const notices = () => desks.store.snapshot.notices.map((notice) => `${notice.code}: ${notice.message}`);
  /** Consults Casey about the call; with `answered`, Casey's phone answers. */
  const consult = async (answered: boolean) => {
    await directory.consult('call', casey.id);
    // The consult call is selected as it starts.
    if (answered) desks.voice.connected(desks.store.snapshot.selectedId ?? '');
  };
  return { ...desks, orgId, phone, directory, consults: directory.consults, actions, notices, consult };
}

describe('the consult desk', () => {
  it('holds the call, dials the colleague, and offers each call what the pair allows: while it rings, once answered', async () => {
    const desks = await floor();
    await desks.consult(false);
    expect(desks.phone.asked).to.deep.equal(['hold call', 'dial casey.colleague']);
    expect(desks.actions(CONSULT), 'ringing: it can be given up').to.deep.equal(['release']);
    expect(desks.actions('call'), 'held while it rings').to.deep.equal(['release']);
    desks.voice.connected(CONSULT);
    expect(desks.actions(CONSULT)).to.deep.equal(['release', 'hold', 'drop-consult', 'complete-transfer', 'conference']);
    expect(desks.actions('call')).to.deep.equal(['retrieve', 'release', 'transfer']);
  });

  it('swaps: retrieving one call holds the other first, both ways', async () => {
    const desks = await floor();
    await desks.consult(true);
    desks.phone.asked.splice(0);
    await desks.voice.retrieve('call');
    expect(desks.phone.asked).to.deep.equal([`hold ${CONSULT}`, 'retrieve call']);
    expect([desks.view.stateOf('call'), desks.view.stateOf(CONSULT)]).to.deep.equal(['connected', 'held']);
    expect(desks.actions(CONSULT)).to.deep.equal(['retrieve', 'release', 'complete-transfer', 'conference']);
    await desks.voice.retrieve(CONSULT);
    expect(desks.phone.asked.slice(2)).to.deep.equal(['hold call', `retrieve ${CONSULT}`]);
  });

  it('completes an attended transfer (taking a held consult call back first): both calls are handed over, the Task names the colleague, the agent is free', async () => {
    const desks = await floor();
    await desks.consult(true);
    await desks.voice.retrieve('call');
    desks.phone.asked.splice(0);
    await desks.consults.completeTransfer(CONSULT);
    expect(desks.phone.asked).to.deep.equal(['hold call', `retrieve ${CONSULT}`, `complete-transfer call ${CONSULT}`]);
    desks.voice.ended('call', { reason: 'transferred' });
    desks.voice.ended(CONSULT, { reason: 'transferred' });
    expect([desks.view.has('call'), desks.view.has(CONSULT)]).to.deep.equal([false, false]);
    expect(String((await taskFor(desks.orgId, 'call'))['Description'])).to.contain('to Casey Colleague');
    expect(desks.store.snapshot.agent.status).to.equal('ready');
  });

  it('drops the consult call and takes the held call back', async () => {
    const desks = await floor();
    await desks.consult(true);
    desks.phone.asked.splice(0);
    await desks.consults.dropConsult(CONSULT);
    expect(desks.phone.asked).to.deep.equal([`release ${CONSULT}`, 'retrieve call']);
    expect(desks.view.stateOf('call')).to.equal('connected');
    expect(desks.actions('call'), 'a call on its own again').to.deep.equal(['release', 'hold', 'consult', 'transfer']);
  });

  it('joins the calls in a conference; a party leaving leaves a two-party call; the agent leaving ends both', async () => {
    const desks = await floor();
    await desks.consult(true);
    desks.phone.asked.splice(0);
    await desks.consults.conference(CONSULT);
    expect(desks.phone.asked).to.deep.equal([`conference call ${CONSULT}`]);
    expect(desks.view.stateOf('call')).to.equal('connected');
    expect([desks.view.view('call')?.inConference, desks.view.view(CONSULT)?.inConference]).to.deep.equal([true, true]);
    expect(desks.actions(CONSULT)).to.deep.equal(['release', 'complete-transfer', 'leave-conference']);
    expect(desks.actions('call')).to.deep.equal(['release', 'leave-conference']);

    desks.voice.ended(CONSULT, { reason: 'remote-hangup' });
    expect(desks.view.view('call')?.inConference).to.equal(undefined);
    expect(desks.actions('call')).to.deep.equal(['release', 'hold', 'consult', 'transfer']);

    await desks.directory.consult('call', desks.store.snapshot.directory.find((entry) => entry.name === 'Casey Colleague')!.id);
    desks.voice.connected('outbound-2');
    await desks.consults.conference('outbound-2');
    desks.phone.asked.splice(0);
    await desks.consults.leaveConference('call');
    expect(desks.phone.asked).to.deep.equal(['release outbound-2', 'release call']);
    expect(desks.view.stateOf('call')).to.equal('wrap-up');
  });

  it('gives up a consult nobody answers after consultTimeoutSeconds, says so once, and leaves the call on hold', async () => {
    const desks = await floor();
    await desks.consult(false);
    desks.clock.advance(19_999);
    expect(desks.phone.asked).to.not.include(`release ${CONSULT}`);
    desks.clock.advance(1);
    expect(desks.phone.asked.at(-1)).to.equal(`release ${CONSULT}`);
    desks.voice.ended(CONSULT, { reason: 'released' });
    expect(desks.notices()).to.deep.equal(['CONSULT_FAILED: Casey Colleague did not answer within 20 s, so the consult was cancelled. Maria Lopez is still on hold: Retrieve to go back to them.']);
    expect(desks.view.stateOf('call')).to.equal('held');
    expect(desks.actions('call'), 'a held call on its own again').to.deep.equal(['retrieve', 'release', 'consult', 'transfer']);
  });

  it('says why a consult did not connect (busy, declined, not found), and an answered consult is never given up', async () => {
    const desks = await floor();
    await desks.consult(false);
    desks.voice.ended(CONSULT, { reason: 'rejected', statusCode: 486 });
    await desks.consult(false);
    desks.voice.ended('outbound-2', { reason: 'rejected', statusCode: 404 });
    expect(desks.notices()).to.deep.equal([
      'CONSULT_FAILED: Casey Colleague is busy: the consult did not connect. Maria Lopez is still on hold: Retrieve to go back to them.',
      'CONSULT_FAILED: Casey Colleague does not exist (404 Not Found): the consult did not connect. Maria Lopez is still on hold: Retrieve to go back to them.',
    ]);
    await desks.consult(true);
    desks.clock.advance(60_000);
    expect(desks.phone.asked).to.not.include('release outbound-3');
  });

  it('keeps the agent Busy while either call is under way, and frees them once the held caller\'s wrap up is done after the consult ends', async () => {
    const desks = await floor();
    await desks.consult(true);
    desks.voice.ended('call', { reason: 'remote-hangup' });
    expect(desks.view.stateOf('call')).to.equal('wrap-up');
    expect(desks.store.snapshot.agent.status, 'still on the consult call').to.equal('busy');
    desks.voice.ended(CONSULT, { reason: 'remote-hangup' });
    expect(desks.store.snapshot.agent.status).to.equal('wrap-up');
    desks.clock.advance(10_000);
    expect(desks.store.snapshot.agent.status).to.equal('ready');
  });
});
