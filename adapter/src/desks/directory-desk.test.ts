/**
 * The directory desk alone, with the real model, the real crm room on a fake org (its agents
 * and services, a Case's owner) and stand-ins for the phone and the console bridge. Telephony
 * builds the SIP address: the desk hands it the directory entry's SIP user as it is.
 */
import { expect } from '@open-wc/testing';
import { isContactPadError } from '../model/errors.ts';
import { offerInteraction } from '../model/interaction-state.ts';
import { callFacts } from '../model/interaction-facts.ts';
import { workFacts } from '../model/work-item-facts.ts';
import { fakeOrg, taskFor } from '../../test-support/fake-org.ts';
import { DirectoryDesk } from './directory-desk.ts';
import { RecordingBridge, RecordingPhone, crmOnFakeOrg, loadedTestDesks } from '../../test-support/desk-rig.ts';

const COLLEAGUE_SIP_USER = 'casey.colleague';

async function floor() {
  const desks = await loadedTestDesks({ '/ContactPad/capacityVoice': '2' });
  const { crm, orgId } = await crmOnFakeOrg(desks);
  await fakeOrg.insert(orgId, 'User', { Username: 'casey@example.com', LastName: 'Colleague', FirstName: 'Casey', ContactPad_SIP_User__c: COLLEAGUE_SIP_USER, IsActive: true });
  const phone = new RecordingPhone();
  const bridge = new RecordingBridge();
  Object.assign(desks.rooms, { crm, phone, bridge });
  desks.agent.choose({ status: 'ready' });
  phone.asked.splice(0); // the phone started with Ready; each test looks at what follows
  const directory = new DirectoryDesk(desks);
  await directory.load();
  const entry = (name: string) => {
    const found = desks.store.snapshot.directory.find((candidate) => candidate.name === name);
    if (!found) throw new Error(`${name} is not in the directory`);
    return found;
  };
  return { ...desks, crm, orgId, phone, bridge, directory, entry };
}

type Floor = Awaited<ReturnType<typeof floor>>;

function answeredCall(desks: Floor, id: string): void {
  desks.view.add(offerInteraction({ id, channel: 'voice', direction: 'inbound', callerName: 'Maria Lopez', callerNumber: '+14155550100' }, desks.clock.now()), callFacts());
  desks.view.move(id, 'connected');
  desks.agent.workStarted(id);
}

async function failureOf(work: Promise<unknown>): Promise<string> {
  const error = await work.then(() => undefined, (failure: unknown) => failure);
  return isContactPadError(error) ? `${error.code}: ${error.message}` : String(error);
}

describe('the directory desk', () => {
  it('loads the org\'s agents (with their SIP user) and services', async () => {
    const desks = await floor();
    expect(desks.entry('Casey Colleague')).to.include({ kind: 'agent', sipUser: COLLEAGUE_SIP_USER });
    expect(desks.entry('Billing Support')).to.include({ kind: 'service', sipUser: 'queue-Billing_Support' });
  });

  it('consults a colleague about a call: the call is held, the colleague\'s SIP user dialled, the consult call selected', async () => {
    const desks = await floor();
    answeredCall(desks, 'call');
    await desks.directory.consult('call', desks.entry('Casey Colleague').id);
    expect(desks.phone.asked).to.deep.equal(['hold call', `dial ${COLLEAGUE_SIP_USER}`]);
    expect(desks.view.stateOf('call')).to.equal('held');
    expect(desks.view.interaction('outbound-1')).to.include({ direction: 'outbound', callerName: 'Casey Colleague', callerNumber: COLLEAGUE_SIP_USER, queue: 'Consult about Maria Lopez' });
    expect(desks.view.facts('outbound-1')?.consultFor).to.equal('call');
    expect(desks.store.snapshot.selectedId).to.equal('outbound-1');
  });

  it('consults about a chat without holding it (only live calls are held)', async () => {
    const desks = await floor();
    desks.view.add(offerInteraction({ id: 'chat', channel: 'chat', direction: 'inbound' }, 0), workFacts({ workId: 'chat', workItemId: '0Mw000000000001AAA' }, { objectType: 'MessagingSession' }));
    desks.view.move('chat', 'connected');
    await desks.directory.consult('chat', desks.entry('Casey Colleague').id);
    expect(desks.phone.asked).to.deep.equal([`dial ${COLLEAGUE_SIP_USER}`]);
    expect(desks.view.interaction('outbound-1')?.queue).to.equal('Consult about chat');
  });

  it('refuses to consult someone not in the directory, or an agent without a phone, and nothing is dialled', async () => {
    const desks = await floor();
    answeredCall(desks, 'call');
    expect(await failureOf(desks.directory.consult('call', '005000000000999AAA'))).to.equal('TRANSFER_FAILED: That agent or service is not in the directory (any more).');
    desks.store.update((s) => ({ ...s, directory: [...s.directory, { id: '005000000000998AAA', name: 'Robin Deskless', kind: 'agent', sipUser: '' }] }));
    expect(await failureOf(desks.directory.consult('call', '005000000000998AAA'))).to.equal('TRANSFER_FAILED: Robin Deskless has no ContactPad phone to call.');
    expect(desks.phone.asked).to.deep.equal([]);
  });

  it('transfers a call blind to a colleague\'s SIP user; once the phone says it was taken, the call is handed over to them', async () => {
    const desks = await floor();
    answeredCall(desks, 'call');
    await desks.directory.transfer('call', desks.entry('Casey Colleague').id);
    expect(desks.phone.asked).to.deep.equal([`transfer call ${COLLEAGUE_SIP_USER}`]);
    expect(desks.view.facts('call')?.transferTo).to.equal('Casey Colleague');
    desks.voice.ended('call', { reason: 'transferred' });
    expect(desks.view.has('call')).to.equal(false);
    expect(String((await taskFor(desks.orgId, 'call'))['Description'])).to.contain('to Casey Colleague');
  });

  it('transfers a call blind to a service: the REFER names the queue\'s SIP user (queue-<API name>), and the Task says to which service', async () => {
    const desks = await floor();
    answeredCall(desks, 'call');
    await desks.directory.transfer('call', desks.entry('Billing Support').id);
    expect(desks.phone.asked).to.deep.equal(['transfer call queue-Billing_Support']);
    desks.voice.ended('call', { reason: 'transferred' });
    expect(String((await taskFor(desks.orgId, 'call'))['Description'])).to.contain('to Billing Support');
  });

  it('transfers a case to a service: the Case changes owner, its work closes, it leaves the list', async () => {
    const desks = await floor();
    const caseId = String((await fakeOrg.records(desks.orgId, 'Case'))[0]?.['Id']);
    desks.view.add(offerInteraction({ id: 'work', channel: 'case', direction: 'inbound' }, 0), workFacts({ workId: 'work', workItemId: caseId }, { objectType: 'Case' }));
    desks.view.move('work', 'connected');
    const billing = desks.entry('Billing Support');
    await desks.directory.transfer('work', billing.id);
    expect((await fakeOrg.records(desks.orgId, 'Case')).find((c) => c['Id'] === caseId)?.['OwnerId']).to.equal(billing.id);
    expect(desks.bridge.asked).to.deep.equal(['closeWork work']);
    expect(desks.view.has('work')).to.equal(false);
  });

  it('a typed number for a consult call or a blind transfer passes the compliance check first: blocked, nothing is dialled; allowed, it is dialled in E.164', async () => {
    const desks = await floor();
    await fakeOrg.insert(desks.orgId, 'ContactPad_Dialing_List_Entry__mdt', { DeveloperName: 'Premium', MasterLabel: 'Premium rate', Active__c: true, List__c: 'Block', Number__c: '+1900*' });
    answeredCall(desks, 'call');
    expect(await failureOf(desks.directory.consult('call', '', '1-900-555-0100'))).to.equal('CALL_BLOCKED_BLOCK_LIST: Company block list: +1 900 555 0100 is on the company block list (Premium rate). The call was not placed.');
    expect(await failureOf(desks.directory.transfer('call', '', '+1 900 555 0101'))).to.match(/^CALL_BLOCKED_BLOCK_LIST: /);
    expect(desks.phone.asked, 'nothing dialled, nothing transferred').to.deep.equal([]);
    await desks.directory.transfer('call', '', '+44 20 7946 0958');
    expect(desks.phone.asked).to.deep.equal(['transfer call +442079460958']);
  });
});
