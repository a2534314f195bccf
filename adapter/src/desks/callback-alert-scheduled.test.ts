/**
 * A scheduled call rings the agent at its time as a callback alert naming its request
 * (X-CP-Callback-Request), and Start Call pops the record it was scheduled from, whatever the
 * screen-pop rules would find for the number (callback-alert-desk.ts). The real model, the real
 * crm room on a fake org (its callback queue answers as ContactPadCallbackQueue does), and
 * stand-ins for the phone and the host that record what they were asked. Sam Carter is both a Lead
 * ((415) 555-0104) and a Contact (mobile 415-555-0104): the rules pop the open Lead.
 */
import { expect } from '@open-wc/testing';
import { callOffer, settled, testDesks, withRooms } from '../../test-support/desk-rig.ts';
import { fakeOrg, taskFor } from '../../test-support/fake-org.ts';
import { refusal } from '../../test-support/thrown.ts';
import { waitFor } from '../../test-support/wait-for.ts';

const DAY = 86_400_000;

async function withCrm() {
  const desks = testDesks({ '/ContactPad/wrapUpSeconds': '10' });
  const { phone, host, orgId } = await withRooms(desks);
  desks.agent.choose({ status: 'ready' });
  const sam = async (object: 'Lead' | 'Contact') => {
    const record = (await fakeOrg.records(orgId, object)).find((r) => r['LastName'] === 'Carter')!;
    return { recordId: String(record.Id), objectType: object, name: 'Sam Carter' };
  };
  return { ...desks, phone, host, orgId, sam };
}

type Floor = Awaited<ReturnType<typeof withCrm>>;

/** The agent schedules a call to `number` from `record` two days ahead (through the Call back desk); the request's id. */
async function scheduled(desks: Floor, number: string, record: { recordId: string; objectType: string; name: string }): Promise<string> {
  const callback = await (await desks.voice.outbound()).callback();
  const at = new Date(Math.max(Date.now(), desks.clock.now()) + 2 * DAY).toISOString();
  return callback.scheduled.schedule(number, at, record);
}

/** Its time came: the platform rings the agent with the request's id. */
async function rings(desks: Floor, id: string, number: string, requestId?: string): Promise<void> {
  desks.voice.incoming(callOffer(id, { kind: 'callback', callerName: 'Sam Carter', callerNumber: number, callbackNumber: number, queue: 'Scheduled', ...(requestId ? { callbackRequestId: requestId } : {}) }));
  await waitFor('the callback shown', () => desks.view.view(id)?.callback);
  await waitFor('the caller looked up', () => desks.view.view(id)?.caller.state === 'done');
}

async function started(desks: Floor, id: string): Promise<void> {
  await desks.voice.accept(id);
  desks.voice.connected(id);
  await settled();
}

describe('a scheduled call started', () => {
  it('a number shared by a Lead and a Contact: pops the Contact it was scheduled from (the rules would pop the Lead), and its Task links to it', async () => {
    const desks = await withCrm();
    const contact = await desks.sam('Contact');
    const lead = await desks.sam('Lead');
    const requestId = await scheduled(desks, '+1 415 555 0104', contact);

    await rings(desks, 'plain', '+14155550104');
    await started(desks, 'plain');
    await waitFor('the rules\' pop', () => desks.host.pops.length === 1);
    expect(desks.host.pops, 'without its request, the rules decide: the open Lead').to.deep.equal([`record ${lead.recordId}`]);
    desks.voice.ended('plain', { reason: 'released' });

    await rings(desks, 'sched', '+14155550104', requestId);
    await started(desks, 'sched');
    expect(desks.host.pops.slice(1)).to.deep.equal([`record ${contact.recordId}`]);
    expect(desks.view.facts('sched')?.popped).to.include({ recordId: contact.recordId, objectType: 'Contact' });
    expect(desks.view.view('sched')?.record).to.include({ id: contact.recordId, title: 'Sam Carter' });
    desks.voice.ended('sched', { reason: 'released' });
    desks.clock.advance(10_000);
    expect((await taskFor(desks.orgId, 'sched'))['WhoId']).to.equal(contact.recordId);
    expect(desks.host.pops, 'nothing else popped').to.have.length(2);
  });

  it('the record deleted since: the rules pop instead, and the agent is told why', async () => {
    const desks = await withCrm();
    const contact = await desks.sam('Contact');
    const requestId = await scheduled(desks, '+1 415 555 0104', contact);
    await fakeOrg.remove(desks.orgId, 'Contact', contact.recordId);
    await rings(desks, 'gone', '+14155550104', requestId);
    await started(desks, 'gone');
    await waitFor('the rules\' pop', () => desks.host.pops.length === 1);
    expect(desks.host.pops).to.deep.equal([`record ${(await desks.sam('Lead')).recordId}`]);
    expect(desks.store.snapshot.notices.map((n) => [n.code, n.message])).to.deep.include([
      'SCHEDULED_RECORD_UNAVAILABLE',
      `The record this call was scheduled from (${contact.recordId}) cannot be read: the Contact was deleted, or is not shared with you. The screen-pop rules find the caller by number instead.`,
    ]);
  });

  it('no record named on the request: the rules pop, and nothing is said', async () => {
    const desks = await withCrm();
    const callback = await (await desks.voice.outbound()).callback();
    const requestId = await callback.scheduled.schedule('+1 415 555 0104', new Date(Math.max(Date.now(), desks.clock.now()) + 2 * DAY).toISOString());
    await rings(desks, 'none', '+14155550104', requestId);
    await started(desks, 'none');
    await waitFor('the rules\' pop', () => desks.host.pops.length === 1);
    expect(desks.host.pops).to.deep.equal([`record ${(await desks.sam('Lead')).recordId}`]);
    expect(desks.store.snapshot.notices).to.deep.equal([]);
  });

  it('the record made Do Not Call since: Start Call is blocked naming the rule (though its number is not the record\'s), the request kept', async () => {
    const desks = await withCrm();
    const contact = await desks.sam('Contact');
    const requestId = await scheduled(desks, '+1 415 555 0177', contact);
    await fakeOrg.update(desks.orgId, 'Contact', contact.recordId, { DoNotCall: true });
    await rings(desks, 'dnc', '+14155550177', requestId);
    const blocked = await refusal(desks.voice.accept('dnc'));
    expect(blocked.code).to.equal('CALL_BLOCKED_DO_NOT_CALL');
    expect(blocked.message).to.equal('Callback to +14155550177 not started: Do Not Call: Sam Carter (Contact) is marked Do Not Call in Salesforce. The call was not placed. The request is kept for later.');
    expect(desks.phone.asked.filter((what) => what !== 'start')).to.deep.equal(['reject dnc']);
    expect(desks.view.view('dnc')?.callback).to.include({ status: 'waiting', outcome: 'blocked' });
    expect(desks.host.pops).to.deep.equal([]);
  });
});
