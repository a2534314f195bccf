/**
 * A problem report in the fake org (problem-report.ts): the Case and its file in one request, the
 * file's text as Salesforce serves it back, a try after a lost answer that sends nothing again,
 * and Salesforce's refusals and faults as the codes the report desk acts on.
 */
import { expect } from '@open-wc/testing';
import { REPORT_ID_FIELD, sendProblemReport, type ProblemReportRecord } from './problem-report.ts';
import { connectTo, fakeOrg } from '../../test-support/fake-org.ts';
import { rejectionOf } from '../../test-support/thrown.ts';
import { isContactPadError } from '../model/errors.ts';

declare const describe: (title: string, body: () => void) => void;
declare const it: (title: string, body: () => void | Promise<void>) => void;

const TEXT = 'ContactPad problem report\n== SIP messages ==\nINVITE sip:agent1@127.0.0.1 SIP/2.0\r\nCall-ID: c-1\r\n… ñ';

function record(reportId = crypto.randomUUID()): ProblemReportRecord {
  return { reportId, subject: 'ContactPad problem report: no audio', description: 'The caller could not hear me.', fileName: 'contactpad-problem-report.txt', fileTitle: 'ContactPad diagnostic log', fileText: TEXT };
}

/** The report's Case and the files linked to it, as the org holds them. */
async function filed(orgId: string, reportId: string) {
  const cases = (await fakeOrg.records(orgId, 'Case')).filter((c) => c[REPORT_ID_FIELD] === reportId);
  const caseId = cases[0]?.['Id'];
  const versions = (await fakeOrg.records(orgId, 'ContentVersion')).filter((v) => v['FirstPublishLocationId'] === caseId);
  return { cases, versions };
}

describe('a problem report in Salesforce', () => {
  it('opens a Case with the comment and attaches the log as a text file whose contents Salesforce serves back', async () => {
    const session = await fakeOrg.createOrg('demo');
    const report = record();
    const sent = await sendProblemReport(connectTo(session), report, false);
    expect(sent.caseNumber).to.match(/^\d{8}$/);
    const { cases, versions } = await filed(session.orgId, report.reportId);
    expect(cases.map((c) => [c['Id'], c['Subject'], c['Description'], c['CaseNumber']])).to.deep.equal([[sent.caseId, report.subject, report.description, sent.caseNumber]]);
    expect(versions.map((v) => [v['Title'], v['PathOnClient'], v['FileType']])).to.deep.equal([['ContactPad diagnostic log', 'contactpad-problem-report.txt', 'TEXT']]);
    const blob = await fetch(`${session.instanceUrl}${String(versions[0]?.['VersionData'])}`, { headers: { Authorization: `Bearer ${session.accessToken}` } });
    expect(await blob.text()).to.equal(TEXT);
  });

  it('sent again after a lost answer, asks first and writes nothing twice: one Case, one file', async () => {
    const session = await fakeOrg.createOrg('demo');
    const report = record();
    const first = await sendProblemReport(connectTo(session), report, false);
    const again = await sendProblemReport(connectTo(session), report, true);
    expect(again).to.deep.equal(first);
    const { cases, versions } = await filed(session.orgId, report.reportId);
    expect([cases.length, versions.length]).to.deep.equal([1, 1]);
  });

  it('leaves nothing behind when Salesforce refuses, and tells why: refused, session expired, unavailable', async () => {
    const session = await fakeOrg.createOrg('demo');
    const bad = { ...record(), fileTitle: '' }; // Title is required
    const refused = await rejectionOf(sendProblemReport(connectTo(session), bad, false));
    expect(isContactPadError(refused, 'PROBLEM_REPORT_REFUSED'), String(refused)).to.equal(true);
    expect((refused as Error).message).to.include('Required fields are missing: [Title]');
    expect((await filed(session.orgId, bad.reportId)).cases).to.deep.equal([], 'all or none: no Case without its file');

    await fakeOrg.setFault(session.orgId, { kind: 'sessionExpired', times: 1 });
    expect(isContactPadError(await rejectionOf(sendProblemReport(connectTo(session), record(), false)), 'CRM_SESSION_EXPIRED')).to.equal(true);
    await fakeOrg.setFault(session.orgId, { kind: 'unavailable', times: 1 });
    expect(isContactPadError(await rejectionOf(sendProblemReport(connectTo(session), record(), false)), 'CRM_UNAVAILABLE')).to.equal(true);
  });
});
