/**
 * A problem report in Salesforce (model/problem-report.ts): a Case holding the agent's comment,
 * with the diagnostic log attached as a file, written in ONE composite request, all or none
 * (REST API "Composite", allOrNone: "If true, any error in one subrequest rolls back the entire
 * request", .../api_rest/resources_composite_composite_post.htm):
 *
 * 1. `PATCH /sobjects/Case/ContactPad_Report_Id__c/<report id>`: the Case, upserted on the
 *    report's own id (an External ID, Unique field force-app adds to Case), so a try sent again
 *    never makes a second Case (REST "Insert or Update (Upsert) a Record Using an External ID",
 *    .../api_rest/dome_upsert.htm: 201 created, 200 updated, both with `id` from API 46.0);
 * 2. `POST /sobjects/ContentVersion` with `VersionData` (the file, base64 in the JSON body: REST
 *    "Insert or Update Blob Data", .../api_rest/dome_sobject_insert_update_blob.htm, "you can
 *    insert or update blob data using a non-multipart message, but you are limited to 50 MB of
 *    text data or 37.5 MB of base64-encoded data"; the log is at most half a megabyte),
 *    `PathOnClient` (its name, which sets its FileType), `Title`, and `FirstPublishLocationId`, the
 *    Case (Object Reference, ContentVersion: "Setting FirstPublishLocationId allows you to create
 *    a file and share it with an initial record/group in a single transaction ... When a file is
 *    created, it's automatically linked to the record");
 * 3. `GET /sobjects/Case/<its id>?fields=CaseNumber`: the number the agent is told.
 *
 * A try whose answer never came may have gone through. All or none: if the Case is there, so is
 * its file. So every try after the first asks first (one query by the report id) and, when the
 * Case is there, is done without sending anything again: never a second Case, never a second file.
 */
import { ContactPadError } from '../model/errors.ts';
import type { CrmConnection, CompositeSubresponse } from './crm-connection.ts';
import { refusedAs, subrequestError } from './salesforce-error.ts';

/** The Case field holding the report's id (force-app: Text(36), External ID, Unique). */
export const REPORT_ID_FIELD = 'ContactPad_Report_Id__c';

/** What is sent: the Case's subject and description, the file's name, title and text. */
export interface ProblemReportRecord {
  /** The report's own id: a UUID. */
  readonly reportId: string;
  readonly subject: string;
  readonly description: string;
  readonly fileName: string;
  readonly fileTitle: string;
  readonly fileText: string;
}

/** The Case the report became. */
export interface ProblemReportCase {
  readonly caseId: string;
  readonly caseNumber: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `text` as UTF-8, base64 (what VersionData takes). */
export function base64Utf8(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (let index = 0; index < bytes.length; index += 0x8000) binary += String.fromCharCode(...bytes.subarray(index, index + 0x8000));
  return btoa(binary);
}

/** The Case of an earlier try of this report, if it went through (one query). */
async function alreadySent(connection: CrmConnection, reportId: string): Promise<ProblemReportCase | undefined> {
  const records = await connection.query(`SELECT Id, CaseNumber FROM Case WHERE ${REPORT_ID_FIELD} = '${reportId}' LIMIT 1`);
  const found = records[0];
  if (!found || typeof found['Id'] !== 'string') return undefined;
  return { caseId: found['Id'], caseNumber: typeof found['CaseNumber'] === 'string' ? found['CaseNumber'] : '' };
}

/** The failure that decided an all-or-none composite: the first subrequest that failed for its own reason, not the rollback. */
function failureOf(responses: readonly CompositeSubresponse[]): CompositeSubresponse | undefined {
  const failed = responses.filter((response) => !(response.httpStatusCode >= 200 && response.httpStatusCode < 300));
  const own = failed.find((response) => {
    const first: unknown = Array.isArray(response.body) ? response.body[0] : undefined;
    return !(typeof first === 'object' && first !== null && (first as { errorCode?: unknown }).errorCode === 'PROCESSING_HALTED');
  });
  return own ?? failed[0];
}

/**
 * Sends the report (see the file comment); `askFirst`: an earlier try may have gone through.
 * Resolves with the Case. Rejects with CRM_UNAVAILABLE, CRM_REQUEST_LIMIT, CRM_SESSION_EXPIRED as
 * usual, and PROBLEM_REPORT_REFUSED with Salesforce's message when it refuses the Case or the file
 * (no right to create Cases or files, a validation rule, the field missing): nothing is written then.
 */
export async function sendProblemReport(connection: CrmConnection, report: ProblemReportRecord, askFirst: boolean): Promise<ProblemReportCase> {
  if (!UUID.test(report.reportId)) throw new ContactPadError('INVALID_CONFIGURATION', `A problem report's id must be a UUID, not ${JSON.stringify(report.reportId)}.`);
  try {
    if (askFirst) {
      const earlier = await alreadySent(connection, report.reportId);
      if (earlier) return earlier;
    }
    const responses = await connection.composite(
      [
        { method: 'PATCH', url: `/sobjects/Case/${REPORT_ID_FIELD}/${report.reportId}`, referenceId: 'reportCase', body: { Subject: report.subject, Description: report.description } },
        {
          method: 'POST',
          url: '/sobjects/ContentVersion',
          referenceId: 'reportFile',
          body: { Title: report.fileTitle, PathOnClient: report.fileName, VersionData: base64Utf8(report.fileText), FirstPublishLocationId: '@{reportCase.id}' },
        },
        { method: 'GET', url: '/sobjects/Case/@{reportCase.id}?fields=CaseNumber', referenceId: 'reportNumber' },
      ],
      true,
    );
    const failed = failureOf(responses);
    if (failed || responses.length < 3) throw subrequestError(failed);
    const created = responses[0]?.body as { id?: unknown } | undefined;
    const number = responses[2]?.body as { CaseNumber?: unknown } | undefined;
    const caseId = typeof created?.id === 'string' ? created.id : '';
    return { caseId, caseNumber: typeof number?.CaseNumber === 'string' ? number.CaseNumber : '' };
  } catch (error) {
    throw refusedAs('PROBLEM_REPORT_REFUSED', 'Salesforce refused the problem report', error);
  }
}
