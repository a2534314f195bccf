import { expect } from '@open-wc/testing';
import { isContactPadError } from '../model/errors.ts';
import { INTERACTION_ID_FIELD } from './activity-log.ts';
import { MAX_COMPOSITE_SUBREQUESTS } from './crm-connection.ts';
import type { CompositeSubrequest } from './crm-connection.ts';
import { connectTo, fakeOrg } from '../../test-support/fake-org.ts';
import { rejectionOf } from '../../test-support/thrown.ts';

declare const describe: (title: string, body: () => void) => void;
declare const it: (title: string, body: () => void | Promise<void>) => void;

function upsertTask(interactionId: string, referenceId: string, fields: Record<string, unknown> = {}): CompositeSubrequest {
  return {
    method: 'PATCH',
    url: `/sobjects/Task/${INTERACTION_ID_FIELD}/${encodeURIComponent(interactionId)}`,
    referenceId,
    body: { Subject: `Call ${interactionId}`, Status: 'Completed', ...fields },
  };
}

describe('a composite request to the org', () => {
  it('runs several upserts as ONE API request and answers each with its own status, in order', async () => {
    const session = await fakeOrg.createOrg();
    const before = await fakeOrg.apiUsage(session.orgId);
    const answers = await connectTo(session).composite([upsertTask('cp-c1', 'a'), upsertTask('cp-c2', 'b'), upsertTask('cp-c1', 'c')]);
    expect(answers.map((a) => [a.referenceId, a.httpStatusCode])).to.deep.equal([
      ['a', 201],
      ['b', 201],
      ['c', 200],
    ]);
    expect((answers[0]?.body as { id?: unknown }).id).to.be.a('string');
    expect(await fakeOrg.apiUsage(session.orgId)).to.equal(before + 1);
    const tasks = await fakeOrg.records(session.orgId, 'Task');
    expect(tasks.map((t) => t[INTERACTION_ID_FIELD]).sort()).to.deep.equal(['cp-c1', 'cp-c2']);
  });

  it('without allOrNone, applies the good subrequests and reports the refused one with its Salesforce error', async () => {
    const session = await fakeOrg.createOrg();
    const accountId = await fakeOrg.insert(session.orgId, 'Account', { Name: 'Acme Logistics' });
    const answers = await connectTo(session).composite([
      upsertTask('cp-ok-1', 'ok1'),
      upsertTask('cp-bad', 'bad', { WhoId: accountId }), // WhoId must be a Lead or Contact
      upsertTask('cp-ok-2', 'ok2'),
    ]);
    expect(answers.map((a) => a.httpStatusCode)).to.deep.equal([201, 400, 201]);
    expect(answers[1]?.body).to.be.an('array');
    expect((answers[1]?.body as Array<{ errorCode?: unknown }>)[0]?.errorCode).to.equal('FIELD_INTEGRITY_EXCEPTION');
    const tasks = await fakeOrg.records(session.orgId, 'Task');
    expect(tasks.map((t) => t[INTERACTION_ID_FIELD]).sort()).to.deep.equal(['cp-ok-1', 'cp-ok-2']);
  });

  it('with allOrNone, applies nothing when one subrequest is refused', async () => {
    const session = await fakeOrg.createOrg();
    const accountId = await fakeOrg.insert(session.orgId, 'Account', { Name: 'Acme Logistics' });
    const answers = await connectTo(session).composite([upsertTask('cp-1', 'one'), upsertTask('cp-2', 'two', { WhoId: accountId })], true);
    expect(answers.map((a) => a.httpStatusCode)).to.deep.equal([400, 400]);
    expect(await fakeOrg.records(session.orgId, 'Task')).to.have.length(0);
  });

  it('refuses more than 25 subrequests without sending anything, and sends nothing for none', async () => {
    const session = await fakeOrg.createOrg();
    const before = await fakeOrg.apiUsage(session.orgId);
    const tooMany = Array.from({ length: MAX_COMPOSITE_SUBREQUESTS + 1 }, (_, i) => upsertTask(`cp-${i}`, `r${i}`));
    const error = await rejectionOf(connectTo(session).composite(tooMany));
    expect(isContactPadError(error, 'INVALID_CONFIGURATION')).to.equal(true);
    expect(await connectTo(session).composite([])).to.deep.equal([]);
    expect(await fakeOrg.apiUsage(session.orgId)).to.equal(before);
  });

  it('fails as a whole with the catalogue code when the org refuses the request (401, 403, 503)', async () => {
    const session = await fakeOrg.createOrg();
    const cases = [
      ['sessionExpired', 'CRM_SESSION_EXPIRED'],
      ['requestLimit', 'CRM_REQUEST_LIMIT'],
      ['unavailable', 'CRM_UNAVAILABLE'],
    ] as const;
    for (const [kind, code] of cases) {
      await fakeOrg.setFault(session.orgId, { kind, times: 1 });
      const error = await rejectionOf(connectTo(session).composite([upsertTask('cp-x', 'x'), upsertTask('cp-y', 'y')]));
      expect(isContactPadError(error, code), `${kind} -> ${code}`).to.equal(true);
    }
    expect(await fakeOrg.records(session.orgId, 'Task')).to.have.length(0);
  });

  it('gives up with CRM_UNAVAILABLE when the org does not answer in time', async () => {
    const session = await fakeOrg.createOrg();
    await fakeOrg.setFault(session.orgId, { kind: 'hang', times: 1, ms: 5_000 });
    const error = await rejectionOf(connectTo(session, 200).composite([upsertTask('cp-slow', 's'), upsertTask('cp-slow-2', 't')]));
    expect(isContactPadError(error, 'CRM_UNAVAILABLE')).to.equal(true);
    expect(isContactPadError(error) && error.detail['reason']).to.equal('timeout');
    await fakeOrg.clearFaults(session.orgId);
  });
});
