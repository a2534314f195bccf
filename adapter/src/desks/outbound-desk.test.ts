/**
 * The outbound desk (through the voice desk's door, as the switchboard uses it), with the real
 * model, the real crm room on a fake org with the demo data and the shipped custom metadata,
 * and stand-ins for the phone and the host that record what they were asked.
 */
import { expect } from '@open-wc/testing';
import { testDesks, withRooms } from '../../test-support/desk-rig.ts';
import { fakeOrg, taskFor } from '../../test-support/fake-org.ts';
import { refusal } from '../../test-support/thrown.ts';

async function withCrm(items: Record<string, string> = {}) {
  const desks = testDesks(items);
  const { phone, host, orgId } = await withRooms(desks);
  return { ...desks, phone, host, orgId };
}

type Floor = Awaited<ReturnType<typeof withCrm>>;

async function idOf(desks: Floor, sobject: string, lastName: string): Promise<string> {
  const record = (await fakeOrg.records(desks.orgId, sobject)).find((r) => r['LastName'] === lastName);
  if (!record) throw new Error(`no ${sobject} ${lastName}`);
  return record.Id;
}

async function setting(desks: Floor, fields: Record<string, unknown>): Promise<void> {
  const record = (await fakeOrg.records(desks.orgId, 'ContactPad_Outbound_Setting__mdt')).find((r) => r['DeveloperName'] === 'Default');
  await fakeOrg.update(desks.orgId, 'ContactPad_Outbound_Setting__mdt', record!.Id, fields);
}

async function listed(desks: Floor, list: string, number: string, extra: Record<string, unknown> = {}): Promise<void> {
  const name = `${list.replace(/\W/g, '_')}_${Math.random().toString(36).slice(2, 8)}`;
  await fakeOrg.insert(desks.orgId, 'ContactPad_Dialing_List_Entry__mdt', { DeveloperName: name, MasterLabel: name, Active__c: true, List__c: list, Number__c: number, ...extra });
}

describe('calls the agent places', () => {
  it('dials a typed number in E.164, lists it as the agent\'s call and puts it at the top of the recent numbers', async () => {
    const desks = await withCrm();
    const id = await desks.voice.dial({ typed: '0044 20 7946 0958' });
    expect(desks.phone.asked).to.deep.equal(['dial +442079460958']);
    expect(desks.view.interaction(id)).to.include({ direction: 'outbound', callerNumber: '+442079460958', state: 'alerting' });
    expect(desks.view.view(id)?.caller.state, 'no lookup left pending').to.equal('done');
    expect(desks.store.snapshot.dialHistory.recent.map((r) => r.number)).to.deep.equal(['+442079460958']);
    expect(desks.host.pops).to.deep.equal([]);
  });

  it('click-to-dial: the record it came from pops, names the call, and its Task links to it (a Contact with its Account)', async () => {
    const desks = await withCrm();
    const elena = await idOf(desks, 'Contact', 'Rossi');
    const id = await desks.voice.dial({ typed: '+1 (415) 555-0105', record: { recordId: elena, objectType: 'Contact', name: 'Elena' } });
    expect(desks.host.pops).to.deep.equal([`record ${elena}`]);
    expect(desks.view.interaction(id)?.callerName).to.match(/Rossi/);
    expect(desks.view.view(id)?.record?.id).to.equal(elena);
    const facts = desks.view.facts(id);
    expect(facts?.popped?.recordId).to.equal(elena);
    expect(facts?.popped?.accountId).to.match(/^001/);
    desks.voice.ended(id, { reason: 'rejected', statusCode: 486 });
    const task = await taskFor(desks.orgId, id);
    expect([task['WhoId'], task['WhatId'], task['CallType'], task['ContactPad_Status__c']]).to.deep.equal([elena, facts?.popped?.accountId, 'Outbound', 'Failed']);
    expect(desks.store.snapshot.dialHistory.recent[0]?.record?.recordId).to.equal(elena);
  });

  it('Do Not Call on the record called from: nothing is dialled and the rule is named', async () => {
    const desks = await withCrm();
    const daniel = await idOf(desks, 'Contact', 'Kim');
    await fakeOrg.update(desks.orgId, 'Contact', daniel, { DoNotCall: true });
    const blocked = await refusal(desks.voice.dial({ typed: '+1 415-555-0101', record: { recordId: daniel, objectType: 'Contact', name: 'Daniel Kim' } }));
    expect(blocked).to.deep.equal({ code: 'CALL_BLOCKED_DO_NOT_CALL', message: 'Do Not Call: Daniel Kim (Contact) is marked Do Not Call in Salesforce. The call was not placed.' });
    const typed = await refusal(desks.voice.dial({ typed: '4155550101' }));
    expect(typed.code, 'the same number typed in the pad').to.equal('CALL_BLOCKED_DO_NOT_CALL');
    expect(desks.phone.asked).to.deep.equal([]);
    expect(desks.store.snapshot.interactions).to.deep.equal([]);
    expect(desks.host.pops).to.deep.equal([]);
  });

  it('the company block list blocks over every allow list; the allow list admits only its numbers and the agent\'s own', async () => {
    const desks = await withCrm();
    await listed(desks, 'Block', '+1900*');
    await listed(desks, 'Allow', '+1900*');
    await listed(desks, 'Allow', '+1415555*');
    await listed(desks, 'Personal Allow', '+442079460958', { Agent__c: '005000000000001AAA' });
    expect((await refusal(desks.voice.dial({ typed: '1-900-555-0100' }))).code).to.equal('CALL_BLOCKED_BLOCK_LIST');
    expect((await refusal(desks.voice.dial({ typed: '+33 1 42 68 53 00' }))).code).to.equal('CALL_BLOCKED_NOT_ON_ALLOW_LIST');
    await desks.voice.dial({ typed: '+44 20 7946 0958' });
    await desks.voice.dial({ typed: '415 555 0142' });
    expect(desks.phone.asked).to.deep.equal(['dial +442079460958', 'dial +14155550142']);
  });

  it('the country list and calling hours in the recipient\'s time zone (the clock: Monday 09:00 in London, 01:00 in San Francisco)', async () => {
    const desks = await withCrm();
    await setting(desks, { Allowed_Countries__c: 'US, GB', Calling_Hours_Start__c: '08:00', Calling_Hours_End__c: '21:00' });
    const france = await refusal(desks.voice.dial({ typed: '+33 1 42 68 53 00' }));
    expect(france.code).to.equal('CALL_BLOCKED_COUNTRY');
    const night = await refusal(desks.voice.dial({ typed: '+1 415 555 0142' }));
    expect(night).to.deep.equal({ code: 'CALL_BLOCKED_CALLING_HOURS', message: 'Calling hours: It is Mon 01:00 for the recipient (America/Los_Angeles); calls are allowed 08:00–21:00, every day in the recipient\'s time. The call was not placed.' });
    await desks.voice.dial({ typed: '+44 20 7946 0958' });
    expect(desks.phone.asked).to.deep.equal(['dial +442079460958']);
  });

  it('fails closed when Salesforce cannot be asked, and tells an admin\'s malformed entry once', async () => {
    const desks = await withCrm();
    await listed(desks, 'Block', 'not a number');
    await desks.voice.dial({ typed: '+44 20 7946 0958' });
    await desks.voice.dial({ typed: '+44 20 7946 0959' });
    expect(desks.store.snapshot.notices.filter((n) => n.code === 'INVALID_CONFIGURATION').length).to.equal(1);
    await fakeOrg.setFault(desks.orgId, { kind: 'unavailable' });
    try {
      const down = await refusal(desks.voice.dial({ typed: '+44 20 7946 0960' }));
      expect(down.code).to.equal('CALL_BLOCKED_UNCHECKED');
      expect(down.message).to.match(/^Compliance check: Salesforce could not be asked \(.+\), so the number could not be checked\. The call was not placed\.$/);
    } finally {
      await fakeOrg.clearFaults(desks.orgId);
    }
    expect(desks.phone.asked.length).to.equal(2);
  });

  it('a busy number fails in words with its own code; the agent\'s reason becomes the Task\'s disposition', async () => {
    const desks = await withCrm();
    const maria = await idOf(desks, 'Lead', 'Lopez');
    const id = await desks.voice.dial({ typed: '(415) 555-0100', record: { recordId: maria, objectType: 'Lead', name: 'Maria Lopez' } });
    desks.voice.ended(id, { reason: 'rejected', statusCode: 486 });
    expect(desks.view.stateOf(id)).to.equal('failed');
    expect(desks.view.view(id)?.placed?.failure).to.deep.equal({ kind: 'busy', detail: 'Busy (486 Busy Here)' });
    expect(desks.store.snapshot.notices.at(-1)).to.include({ code: 'CALL_BUSY', message: 'Call to Maria Lopez not connected: Busy (486 Busy Here).' });
    const first = await taskFor(desks.orgId, id);
    expect(first['WhoId']).to.equal(maria);
    expect(String(first['Description'])).to.contain('Busy (486 Busy Here)');
    (await desks.voice.outbound()).recordReason(id, 'Try again later');
    expect(desks.view.view(id)?.placed?.reason).to.equal('Try again later');
    await fakeOrg.records(desks.orgId, 'Task');
    const deadline = Date.now() + 10_000;
    while ((await taskFor(desks.orgId, id))['CallDisposition'] !== 'Try again later') {
      if (Date.now() > deadline) throw new Error('the reason did not reach the Task');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  });

  it('a number nobody answers is given up after the ring time (CANCEL), as not answered; declined and invalid numbers say so', async () => {
    const desks = await withCrm({ '/ContactPad/noAnswerSeconds': '20' });
    const id = await desks.voice.dial({ typed: '+44 20 7946 0958' });
    desks.clock.advance(19_999);
    expect(desks.phone.asked).to.deep.equal(['dial +442079460958']);
    desks.clock.advance(1);
    expect(desks.phone.asked).to.deep.equal(['dial +442079460958', `release ${id}`]);
    desks.voice.ended(id, { reason: 'released' });
    expect(desks.view.view(id)?.placed?.failure).to.deep.equal({ kind: 'no-answer', detail: 'No answer within 20 s' });
    expect(desks.store.snapshot.notices.at(-1)?.code).to.equal('CALL_NOT_ANSWERED');
    const declined = await desks.voice.dial({ typed: '+44 20 7946 0959' });
    desks.voice.ended(declined, { reason: 'rejected', statusCode: 603 });
    const invalid = await desks.voice.dial({ typed: '+44 20 7946 0960' });
    desks.voice.ended(invalid, { reason: 'rejected', statusCode: 404 });
    expect(desks.store.snapshot.notices.slice(-2).map((n) => n.code)).to.deep.equal(['CALL_DECLINED', 'CALL_NUMBER_INVALID']);
  });

  it('a call the agent hangs up before an answer ends without a notice; an answered call is not the outbound desk\'s to end', async () => {
    const desks = await withCrm();
    const id = await desks.voice.dial({ typed: '+44 20 7946 0958' });
    const before = desks.store.snapshot.notices.length;
    desks.voice.ended(id, { reason: 'released' });
    expect(desks.view.view(id)?.placed?.failure?.detail).to.equal('Hung up before an answer');
    expect(desks.store.snapshot.notices.length).to.equal(before);
    const answered = await desks.voice.dial({ typed: '+44 20 7946 0959' });
    desks.voice.connected(answered);
    desks.clock.advance(60_000);
    expect(desks.phone.asked.filter((a) => a.startsWith('release'))).to.deep.equal([], 'the ring time ends with the answer');
    desks.voice.ended(answered, { reason: 'remote-hangup' });
    expect(desks.view.stateOf(answered)).to.equal('wrap-up');
  });

  it('checks a number typed for a consult call or a transfer by the same rules: the address to dial, or the rule that blocks it', async () => {
    const desks = await withCrm();
    await listed(desks, 'Block', '+1900*');
    const outbound = await desks.voice.outbound();
    expect(await outbound.clear('+44 20 7946 0958')).to.deep.equal({ name: '+44 20 7946 0958', address: '+442079460958' });
    expect((await refusal(outbound.clear('1-900-555-0100'))).code).to.equal('CALL_BLOCKED_BLOCK_LIST');
    expect((await refusal(outbound.clear('jordan'))).code).to.equal('INVALID_INPUT');
    expect(desks.phone.asked, 'the check dials nothing itself').to.deep.equal([]);
  });

  it('redial calls the last number again, with its record; a recent number can be starred and unstarred', async () => {
    const desks = await withCrm();
    const maria = await idOf(desks, 'Lead', 'Lopez');
    await desks.voice.dial({ typed: '(415) 555-0100', record: { recordId: maria, objectType: 'Lead', name: 'Maria Lopez' } });
    const outbound = await desks.voice.outbound();
    const again = await outbound.redial();
    expect(desks.phone.asked).to.deep.equal(['dial +14155550100', 'dial +14155550100']);
    expect(desks.view.facts(again)?.popped?.recordId).to.equal(maria);
    outbound.favourite('+14155550100', true);
    expect(desks.store.snapshot.dialHistory.favourites.map((f) => [f.number, f.record?.name])).to.deep.equal([['+14155550100', 'Maria Lopez']]);
    outbound.favourite('+14155550100', false);
    expect(desks.store.snapshot.dialHistory.favourites).to.deep.equal([]);
  });
});
