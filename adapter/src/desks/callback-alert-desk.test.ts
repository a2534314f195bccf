/**
 * Callback alerts (seed 001) through the voice desk's door, as the switchboard uses it: the real
 * model, the real crm room on a fake org (demo data, the shipped outbound settings), and
 * stand-ins for the phone and the host that record what they were asked. The clock is Monday
 * 09:00 in London, 01:00 in San Francisco.
 */
import { expect } from '@open-wc/testing';
import { ContactPadError } from '../model/errors.ts';
import { callOffer, settled, testDesks, withRooms } from '../../test-support/desk-rig.ts';
import { fakeOrg, taskFor } from '../../test-support/fake-org.ts';
import { waitFor } from '../../test-support/wait-for.ts';

async function withCrm(items: Record<string, string> = {}) {
  const desks = testDesks({ '/ContactPad/wrapUpSeconds': '10', ...items });
  const { phone, host, orgId } = await withRooms(desks);
  desks.agent.choose({ status: 'ready' });
  return { ...desks, phone, host, orgId };
}

type Floor = Awaited<ReturnType<typeof withCrm>>;

/** A callback alert rings for `number` (a London number: inside calling hours at 09:00), attempt `attempt`. */
async function rings(desks: Floor, id: string, number = '+44 20 7946 0958', attempt?: number): Promise<void> {
  desks.voice.incoming(callOffer(id, { kind: 'callback', callbackNumber: number, callbackAttempt: attempt, location: 'Downtown', adSource: 'Radio', queue: 'Callbacks' }));
  // The callback alert desk loads with the first callback that rings (off the ring path).
  await waitFor('the callback shown', () => desks.view.view(id)?.callback);
}

/** Start Call, and the platform connects the agent to the customer. */
async function started(desks: Floor, id: string): Promise<void> {
  await desks.voice.accept(id);
  desks.voice.connected(id);
}

async function refusal(work: Promise<unknown>): Promise<{ code: string; message: string }> {
  const error = await work.then(() => undefined, (e: unknown) => e);
  if (!(error instanceof ContactPadError)) throw new Error(`expected a refusal, got ${String(error)}`);
  return { code: error.code, message: error.message };
}

/** What the phone was asked, but starting (the agent chose Ready). */
function asked(desks: Floor): string[] {
  return desks.phone.asked.filter((what) => what !== 'start');
}

function codes(desks: Floor): string[] {
  return desks.store.snapshot.notices.map((n) => n.code);
}

describe('callback alerts', () => {
  it('rings with its attempt of the limit; Start Call checks the number, then answers: the callback is in progress', async () => {
    const desks = await withCrm();
    await rings(desks, 'cb1', '+44 20 7946 0958', 2);
    expect(desks.view.interaction('cb1')).to.include({ channel: 'callback', callerNumber: '+44 20 7946 0958', location: 'Downtown', adSource: 'Radio', queue: 'Callbacks' });
    expect(desks.view.view('cb1')?.callback).to.deep.equal({ attempt: 2, attemptLimit: 3, status: 'offered', outcome: '', reason: '' });
    await started(desks, 'cb1');
    expect(asked(desks)).to.deep.equal(['accept cb1']);
    expect(desks.view.view('cb1')?.callback?.status).to.equal('in-progress');
    expect(desks.store.snapshot.agent.status).to.equal('busy');
  });

  it('answered: released by the agent, the callback is completed, and its Task says so', async () => {
    const desks = await withCrm();
    await rings(desks, 'cb2');
    await started(desks, 'cb2');
    desks.voice.ended('cb2', { reason: 'released' });
    expect(desks.view.view('cb2')?.callback).to.include({ status: 'completed', outcome: 'answered' });
    expect(codes(desks)).to.deep.equal([]);
    desks.clock.advance(10_000);
    const task = await taskFor(desks.orgId, 'cb2');
    expect(task['Description']).to.contain('callback completed (answered, attempt 1 of 3)');
    expect(task['ContactPad_Channel__c']).to.equal('callback');
    expect(task['ContactPad_Status__c'], 'a completed callback is Ended in the journey').to.equal('Ended');
  });

  it('voicemail: the platform ends the call saying the customer\'s voicemail answered (Reason: SIP;cause=200;text="Voicemail"): completed', async () => {
    const desks = await withCrm();
    await rings(desks, 'cb3');
    await started(desks, 'cb3');
    desks.voice.ended('cb3', { reason: 'remote-hangup', byeReason: 'SIP ;cause=200 ;text="Voicemail"' });
    expect(desks.view.view('cb3')?.callback).to.include({ status: 'completed', outcome: 'voicemail' });
  });

  it('no answer: kept waiting for another attempt, the reason and attempt said and written to the Task; at the last attempt, Failed', async () => {
    const desks = await withCrm();
    await rings(desks, 'cb4');
    await started(desks, 'cb4');
    desks.voice.ended('cb4', { reason: 'remote-hangup', byeReason: 'SIP;cause=480;text="Temporarily Unavailable"' });
    expect(desks.view.view('cb4')?.callback).to.deep.equal({ attempt: 1, attemptLimit: 3, status: 'waiting', outcome: 'no-answer', reason: 'No answer (480 Temporarily Unavailable)' });
    expect(desks.store.snapshot.notices.at(-1)).to.include({
      code: 'CALLBACK_NOT_CONNECTED',
      message: 'Callback to +44 20 7946 0958 not connected: No answer (480 Temporarily Unavailable); attempt 1 of 3, kept for another attempt.',
    });
    desks.clock.advance(10_000);
    expect((await taskFor(desks.orgId, 'cb4'))['Description']).to.contain('callback not connected: No answer (480 Temporarily Unavailable) (attempt 1 of 3, kept for another attempt)');
    expect((await taskFor(desks.orgId, 'cb4'))['ContactPad_Status__c'], 'kept for another attempt: Waiting in the journey').to.equal('Waiting');

    await rings(desks, 'cb5', '+44 20 7946 0958', 3);
    await started(desks, 'cb5');
    desks.voice.ended('cb5', { reason: 'remote-hangup', byeReason: 'SIP;cause=486' });
    expect(desks.view.view('cb5')?.callback).to.include({ status: 'failed', outcome: 'busy', reason: 'Busy (486 Busy Here)' });
    expect(desks.store.snapshot.notices.at(-1)?.message).to.match(/attempt 3 of 3, Failed: no more attempts\.$/);
    desks.clock.advance(10_000);
    expect((await taskFor(desks.orgId, 'cb5'))['ContactPad_Status__c'], 'no attempts left: Failed in the journey').to.equal('Failed');
  });

  it('the attempt limit is the call center\'s callbackAttemptLimit', async () => {
    const desks = await withCrm({ '/ContactPad/callbackAttemptLimit': '2' });
    await rings(desks, 'cb6', '+44 20 7946 0958', 2);
    await started(desks, 'cb6');
    desks.voice.ended('cb6', { reason: 'remote-hangup', byeReason: 'SIP;cause=408' });
    expect(desks.view.view('cb6')?.callback).to.include({ attempt: 2, attemptLimit: 2, status: 'failed', outcome: 'no-answer' });
  });

  it('blocked by a compliance rule: the INVITE is declined, the rule named, the request kept waiting, and no state after reject', async () => {
    const desks = await withCrm({ '/ContactPad/stateAfterReject': 'not-ready' });
    const kim = (await fakeOrg.records(desks.orgId, 'Contact')).find((r) => r['LastName'] === 'Kim');
    await fakeOrg.update(desks.orgId, 'Contact', kim!.Id, { DoNotCall: true });
    await rings(desks, 'cb7', '+1 415-555-0101');
    const blocked = await refusal(desks.voice.accept('cb7'));
    expect(blocked.code).to.equal('CALL_BLOCKED_DO_NOT_CALL');
    expect(blocked.message).to.match(/^Callback to \+1 415-555-0101 not started: Do Not Call: .* The request is kept for later\.$/);
    expect(asked(desks)).to.deep.equal(['reject cb7']);
    expect(desks.view.interaction('cb7')?.state).to.equal('failed');
    expect(desks.view.view('cb7')?.callback).to.include({ status: 'waiting', outcome: 'blocked' });
    expect(desks.store.snapshot.agent.status).to.equal('ready');
  });

  it('outside calling hours (01:00 in San Francisco): blocked with the rule named', async () => {
    const desks = await withCrm();
    const setting = (await fakeOrg.records(desks.orgId, 'ContactPad_Outbound_Setting__mdt')).find((r) => r['DeveloperName'] === 'Default');
    await fakeOrg.update(desks.orgId, 'ContactPad_Outbound_Setting__mdt', setting!.Id, { Calling_Hours_Start__c: '08:00', Calling_Hours_End__c: '21:00' });
    await rings(desks, 'cb8', '+1 415 555 0142');
    expect((await refusal(desks.voice.accept('cb8'))).code).to.equal('CALL_BLOCKED_CALLING_HOURS');
    expect(asked(desks)).to.deep.equal(['reject cb8']);
  });

  it('Reject passes it on like a rejected call: stateAfterReject applies', async () => {
    const desks = await withCrm({ '/ContactPad/stateAfterReject': 'not-ready' });
    await rings(desks, 'cb9');
    await desks.voice.reject('cb9');
    expect(asked(desks)).to.deep.equal(['reject cb9']);
    expect(desks.view.interaction('cb9')?.state).to.equal('rejected');
    expect(desks.store.snapshot.agent.status).to.equal('not-ready');
  });

  it('cooldown follows a completed callback (cooldownAfterCallback), not one that did not reach the customer', async () => {
    const desks = await withCrm({ '/ContactPad/cooldownAfterCallback': 'true', '/ContactPad/cooldownSeconds': '30' });
    await rings(desks, 'cbA');
    await started(desks, 'cbA');
    desks.voice.ended('cbA', { reason: 'remote-hangup', byeReason: 'SIP;cause=486' });
    desks.clock.advance(10_000);
    await settled();
    expect(desks.store.snapshot.agent.status, 'not connected: no cooldown').to.equal('ready');
    await rings(desks, 'cbB');
    await started(desks, 'cbB');
    desks.voice.ended('cbB', { reason: 'released' });
    desks.clock.advance(10_000);
    await settled();
    expect(desks.store.snapshot.agent.status).to.equal('cooldown');
    desks.clock.advance(30_000);
    expect(desks.store.snapshot.agent.status).to.equal('ready');
  });
});
