/**
 * Files in the fake org, as a problem report writes them (adapter/src/crm/problem-report.ts): a
 * Case upserted on ContactPad_Report_Id__c and a ContentVersion with base64 VersionData and
 * FirstPublishLocationId, all or none in one composite request; the file read back as a URL and
 * its binary; the ContentDocument and the links Salesforce makes for it.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FakeOrgSession } from './client.ts';
import { queryPath, sf, startFakeOrgServer, type FakeOrgServer } from './test-server.ts';

type Composite = { compositeResponse: Array<{ body: unknown; httpStatusCode: number; referenceId: string }> };

let server: FakeOrgServer;
let org: FakeOrgSession;

before(async () => {
  server = await startFakeOrgServer();
  org = await server.client.createOrg();
});
after(() => server.close());

const V = '/services/data/v62.0';
const TEXT = 'INVITE sip:agent1@127.0.0.1 SIP/2.0\r\nCall-ID: abc\r\n\r\nv=0\r\n… ünïcødé';
const BASE64 = Buffer.from(TEXT, 'utf8').toString('base64');

function report(reportId: string, file: Record<string, unknown>) {
  return {
    allOrNone: true,
    compositeRequest: [
      { method: 'PATCH', url: `${V}/sobjects/Case/ContactPad_Report_Id__c/${reportId}`, referenceId: 'reportCase', body: { Subject: 'ContactPad problem report: no audio', Description: 'The caller could not hear me.' } },
      { method: 'POST', url: `${V}/sobjects/ContentVersion`, referenceId: 'reportFile', body: { FirstPublishLocationId: '@{reportCase.id}', ...file } },
      { method: 'GET', url: `${V}/sobjects/Case/@{reportCase.id}?fields=CaseNumber`, referenceId: 'reportNumber' },
    ],
  };
}

describe('a file attached to a Case', () => {
  it('writes the Case and its file in one request, serves the file back, and links it to the Case', async () => {
    const reportId = '3f1c2a7e-9b0d-4c1e-8f2a-1b2c3d4e5f60';
    const answer = await sf(org, '/composite', { method: 'POST', body: report(reportId, { Title: 'ContactPad diagnostic log', PathOnClient: 'contactpad-log.txt', VersionData: BASE64 }) });
    const [kase, file, number] = (answer.body as Composite).compositeResponse;
    assert.deepEqual([kase?.httpStatusCode, file?.httpStatusCode, number?.httpStatusCode], [201, 201, 200]);
    const caseId = (kase?.body as { id: string }).id;
    assert.match((number?.body as { CaseNumber: string }).CaseNumber, /^\d{8}$/);

    const versionId = (file?.body as { id: string }).id;
    const version = (await sf(org, `/sobjects/ContentVersion/${versionId}`)).body as Record<string, unknown>;
    assert.equal(version.VersionData, `/services/data/v68.0/sobjects/ContentVersion/${versionId}/VersionData`, 'VersionData reads as the URL of its binary');
    assert.deepEqual(
      [version.FirstPublishLocationId, version.FileType, version.FileExtension, version.ContentSize, version.IsLatest, version.PublishStatus],
      [caseId, 'TEXT', 'txt', Buffer.byteLength(TEXT), true, 'P'],
    );
    const blob = await fetch(`${org.instanceUrl}${V}/sobjects/ContentVersion/${versionId}/VersionData`, { headers: { Authorization: `Bearer ${org.accessToken}` } });
    assert.equal(blob.status, 200);
    assert.equal(await blob.text(), TEXT, 'the binary is the file as sent, UTF-8');

    const links = (await sf(org, queryPath(`SELECT LinkedEntityId, ShareType FROM ContentDocumentLink WHERE ContentDocumentId = '${String(version.ContentDocumentId)}'`))).body as { records: Array<{ LinkedEntityId: string; ShareType: string }> };
    assert.ok(links.records.some((link) => link.LinkedEntityId === caseId), 'the file shows on the Case');
    const document = (await sf(org, `/sobjects/ContentDocument/${String(version.ContentDocumentId)}`)).body as Record<string, unknown>;
    assert.deepEqual([document.Title, document.LatestPublishedVersionId], ['ContactPad diagnostic log', versionId]);

    const again = await sf(org, `/sobjects/Case/ContactPad_Report_Id__c/${reportId}`, { method: 'PATCH', body: { Subject: 'ContactPad problem report: no audio' } });
    assert.deepEqual([again.status, (again.body as { id: string; created: boolean }).created], [200, false], 'the same report id never makes a second Case');
    const cases = await server.client.records(org.orgId, 'Case');
    assert.equal(cases.filter((c) => c['ContactPad_Report_Id__c'] === reportId).length, 1);
  });

  it('writes neither the Case nor the file when Salesforce refuses the file (all or none)', async () => {
    const reportId = '00000000-0000-4000-8000-000000000001';
    const before = (await server.client.records(org.orgId, 'ContentVersion')).length;
    const noTitle = await sf(org, '/composite', { method: 'POST', body: report(reportId, { PathOnClient: 'log.txt', VersionData: BASE64 }) });
    const [kase, file] = (noTitle.body as Composite).compositeResponse;
    assert.equal(file?.httpStatusCode, 400);
    assert.equal((file?.body as Array<{ errorCode: string }>)[0]?.errorCode, 'REQUIRED_FIELD_MISSING', 'Title is required (not Nillable in the Object Reference)');
    assert.equal((kase?.body as Array<{ errorCode: string }>)[0]?.errorCode, 'PROCESSING_HALTED');
    const notBase64 = await sf(org, '/composite', { method: 'POST', body: report(reportId, { Title: 'log', PathOnClient: 'log.txt', VersionData: 'not base64!' }) });
    assert.equal(((notBase64.body as Composite).compositeResponse[1]?.body as Array<{ errorCode: string }>)[0]?.errorCode, 'JSON_PARSER_ERROR');
    const cases = await server.client.records(org.orgId, 'Case');
    assert.equal(cases.filter((c) => c['ContactPad_Report_Id__c'] === reportId).length, 0, 'no Case was left behind');
    assert.equal((await server.client.records(org.orgId, 'ContentVersion')).length, before);
  });

  it('files a version with no location in its owner\'s library, and refuses a location that is no record', async () => {
    const mine = await sf(org, '/sobjects/ContentVersion', { method: 'POST', body: { Title: 'Notes', PathOnClient: 'notes.txt', VersionData: BASE64 } });
    assert.equal(mine.status, 201);
    const version = (await sf(org, `/sobjects/ContentVersion/${(mine.body as { id: string }).id}`)).body as Record<string, unknown>;
    assert.deepEqual([version.FirstPublishLocationId, version.PublishStatus], [version.OwnerId, 'R']);
    const nowhere = await sf(org, '/sobjects/ContentVersion', { method: 'POST', body: { Title: 'Notes', PathOnClient: 'notes.txt', VersionData: BASE64, FirstPublishLocationId: '500000000000000AAA' } });
    assert.equal(nowhere.status, 400);
    assert.equal((nowhere.body as Array<{ errorCode: string }>)[0]?.errorCode, 'INVALID_CROSS_REFERENCE_KEY');
    const readOnly = await sf(org, '/sobjects/ContentVersion', { method: 'POST', body: { Title: 'Notes', PathOnClient: 'notes.txt', ContentSize: 3 } });
    assert.equal((readOnly.body as Array<{ errorCode: string }>)[0]?.errorCode, 'INVALID_FIELD_FOR_INSERT_UPDATE');
  });
});
