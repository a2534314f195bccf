import { expect } from '@open-wc/testing';
import type { Interaction } from '../model/interaction.ts';
import { isContactPadError } from '../model/errors.ts';
import { activityFromInteraction, INTERACTION_ID_FIELD, logActivity } from './activity-log.ts';
import { connectTo, fakeOrg } from '../../test-support/fake-org.ts';
import { rejectionOf } from '../../test-support/thrown.ts';

declare const describe: (title: string, body: () => void) => void;
declare const it: (title: string, body: () => void | Promise<void>) => void;

const T0 = Date.UTC(2026, 10, 22, 10, 2, 3);

function interaction(id: string, notes = 'Wants a quote.'): Interaction {
  return {
    id,
    channel: 'voice',
    direction: 'inbound',
    callerName: 'Maria Lopez',
    callerNumber: '+1 415 555 0100',
    queue: 'Sales',
    location: 'Main line',
    adSource: '',
    state: 'ended',
    offeredAt: T0,
    answeredAt: T0 + 3_000,
    releasedAt: T0 + 95_000,
    endedAt: T0 + 120_000,
    journey: [
      { at: T0, kind: 'offered' },
      { at: T0 + 3_000, kind: 'answered' },
      { at: T0 + 95_000, kind: 'released' },
    ],
    disposition: 'Interested',
    notes,
  };
}

describe('logging the call as a Task in the org', () => {
  it('creates one Task with the call fields, linked to the caller', async () => {
    const session = await fakeOrg.createOrg();
    const leadId = await fakeOrg.insert(session.orgId, 'Lead', { LastName: 'Lopez', Company: 'Lopez Bakery' });
    const call = interaction('cp-0001');
    const outcome = await logActivity(connectTo(session), call.id, activityFromInteraction(call, { whoId: leadId }, T0 + 120_000));
    expect(outcome.created).to.equal(true);
    const tasks = await fakeOrg.records(session.orgId, 'Task');
    expect(tasks).to.have.length(1);
    expect(tasks[0]).to.include({
      Id: outcome.id,
      [INTERACTION_ID_FIELD]: 'cp-0001',
      Subject: 'Inbound call from Maria Lopez (+1 415 555 0100)',
      TaskSubtype: 'Call',
      Status: 'Completed',
      CallType: 'Inbound',
      CallDurationInSeconds: 92,
      CallDisposition: 'Interested',
      CallObject: 'cp-0001',
      WhoId: leadId,
    });
  });

  it("stores the caller's E.164 number, the channel and the journey status on the Task", async () => {
    const session = await fakeOrg.createOrg();
    const call = interaction('cp-0010');
    await logActivity(connectTo(session), call.id, activityFromInteraction(call, {}, T0 + 120_000, '+14155550100'));
    const tasks = await fakeOrg.records(session.orgId, 'Task');
    expect(tasks[0]).to.include({
      ContactPad_Caller_Number__c: '+14155550100',
      ContactPad_Channel__c: 'voice',
      ContactPad_Status__c: 'Ended',
    });
  });

  it('updates the same Task when the write is repeated, never making a second one', async () => {
    const session = await fakeOrg.createOrg();
    const connection = connectTo(session);
    const first = await logActivity(connection, 'cp-0002', activityFromInteraction(interaction('cp-0002', 'first try'), {}, T0));
    const second = await logActivity(connection, 'cp-0002', activityFromInteraction(interaction('cp-0002', 'second try'), {}, T0));
    expect(second).to.deep.equal({ id: first.id, created: false });
    const tasks = await fakeOrg.records(session.orgId, 'Task');
    expect(tasks).to.have.length(1);
    expect(String(tasks[0]?.['Description']).startsWith('second try')).to.equal(true);
  });

  it('keeps an interaction id with URL characters whole (it is URL-encoded in the path)', async () => {
    const session = await fakeOrg.createOrg();
    const connection = connectTo(session);
    const id = 'a84b4c76e66710@pbx.example.com/leg 2?x=1&y=%';
    await logActivity(connection, id, activityFromInteraction(interaction(id), {}, T0));
    await logActivity(connection, id, activityFromInteraction(interaction(id), {}, T0));
    const tasks = await fakeOrg.records(session.orgId, 'Task');
    expect(tasks.map((t) => t[INTERACTION_ID_FIELD])).to.deep.equal([id]);
  });

  it('refuses to log without an interaction id, and sends nothing', async () => {
    const session = await fakeOrg.createOrg();
    const before = await fakeOrg.apiUsage(session.orgId);
    const error = await rejectionOf(logActivity(connectTo(session), ' ', activityFromInteraction(interaction('x'), {}, T0)));
    expect(isContactPadError(error, 'CRM_REQUEST_REJECTED')).to.equal(true);
    expect(await fakeOrg.apiUsage(session.orgId)).to.equal(before);
  });

  it('reports an expired session as such', async () => {
    const session = await fakeOrg.createOrg();
    await fakeOrg.setFault(session.orgId, { kind: 'sessionExpired' });
    const error = await rejectionOf(logActivity(connectTo(session), 'cp-0003', activityFromInteraction(interaction('cp-0003'), {}, T0)));
    expect(isContactPadError(error, 'CRM_SESSION_EXPIRED')).to.equal(true);
    expect(await fakeOrg.records(session.orgId, 'Task')).to.have.length(0);
  });
});
