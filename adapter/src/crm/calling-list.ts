/**
 * Preview dialling's calling lists in Salesforce: the lists an agent can work (the active
 * Campaigns and the Lead and Contact list views), the members of a Campaign (CampaignMember,
 * with the fields of their Lead or Contact; a list view's records: list-view-list.ts), and each
 * outcome logged on the member's record.
 *
 * Salesforce shapes (Object Reference): CampaignMember "represents the relationship between a
 * campaign and either a lead or a contact"; its person fields (Name, Title, CompanyOrAccount,
 * Phone, MobilePhone, Email, City, State, Country, DoNotCall, LeadOrContactId, Type) are read-only
 * copies of the Lead's or Contact's; Status is one of the campaign's CampaignMemberStatus
 * labels. Task: "If the WhoId refers to a lead, then the WhatId field must be empty", so an
 * outcome on a Lead member names the campaign in its Subject only, and one on a Contact member
 * links the Campaign as WhatId (a list view's outcome links nothing else: a list view is no
 * record). The next call attempt is the custom field CampaignMember.ContactPad_Next_Attempt__c
 * (force-app), and on the outcome's Task its reminder (ReminderDateTime, IsReminderSet: "the
 * time when the reminder is scheduled to fire"), which is where a list view's record keeps it.
 *
 * API budget: the lists to choose from, one composite request (the campaigns query and the
 * Lead and Contact list views, "List Views for an Object": Composite runs "all sObject
 * resources"); a campaign's list, one composite request (the campaign, its members, its member
 * statuses); a list view's, two (list-view-list.ts); an outcome, the Task upsert and the member
 * update in one composite request of the durable activity outbox, all or none. Values from
 * Salesforce are data from outside: blanks where unreadable.
 */
import { CALLING_OUTCOMES, outcomeKey, type CallingListSource, type CallingRecord } from '../model/calling-record.ts';
import { ContactPadError } from '../model/errors.ts';
import { isSalesforceId } from '../model/salesforce-id.ts';
import type { CompositeSubresponse, CrmConnection, SalesforceRecord } from './crm-connection.ts';
import { recordsOf } from './crm-connection.ts';
import { salesforceTime } from './customer-journey.ts';
import { CALLER_NUMBER_FIELD, CHANNEL_FIELD, STATUS_FIELD, type OutcomeTaskFields } from './activity-log.ts';
import type { RecordUpdate } from './outbox-store.ts';
import type { OutboxState } from './outbox-sender.ts';
import { refusedAs, subrequestError } from './salesforce-error.ts';
import { loadListViewList, LIST_VIEW_OBJECTS } from './list-view-list.ts';
import { MAX_CALLING_RECORDS, text, waitingRecord } from './calling-record-fields.ts';

export { MAX_CALLING_RECORDS } from './calling-record-fields.ts';

/** The CampaignMember field with the time a rescheduled attempt is due (force-app, DateTime). */
export const NEXT_ATTEMPT_FIELD = 'ContactPad_Next_Attempt__c';

/** A calling list as read. */
export interface CallingList {
  readonly source: CallingListSource;
  /** Every member not responded yet, in the list's order, each `waiting` (due or not: the desk filters by time). */
  readonly records: readonly CallingRecord[];
  /** The campaign's member statuses (CampaignMemberStatus Label); none for a list view. */
  readonly memberStatuses: readonly string[];
}

/** An outcome to log on a member. */
export interface CallingOutcomeLog {
  readonly source: CallingListSource;
  readonly record: CallingRecord;
  /** The outcome state: called, not-reached, rejected or rescheduled. */
  readonly outcome: 'called' | 'not-reached' | 'rejected' | 'rescheduled';
  /** The member's number in E.164 when known (the Task's caller number, so the customer journey finds it). */
  readonly numberE164: string;
  /** When it happened (epoch ms): part of the Task's key, so a retry updates the same Task. */
  readonly at: number;
  /** Whether the campaign has the outcome's member status: then the member's Status is set (a campaign's member only). */
  readonly setStatus: boolean;
  /** Told where the outcome's write stands (saving, retrying with why, saved, refused), from the durable outbox. */
  readonly progress?: OutcomeProgress;
}

/** Where an outcome's write stands, as the outbox tells it: `error` says why it waits to retry, or why Salesforce refused it. */
export type OutcomeProgress = (state: OutboxState, error?: ContactPadError) => void;

const CAMPAIGNS_SOQL = 'SELECT Id, Name FROM Campaign WHERE IsActive = true ORDER BY Name LIMIT 100';
const MEMBER_FIELDS = `Id, LeadOrContactId, Type, Name, Title, CompanyOrAccount, Phone, MobilePhone, Email, City, State, Country, DoNotCall, Status, ${NEXT_ATTEMPT_FIELD}`;

/**
 * The lists the agent may work: the active campaigns by name, then the Lead and the Contact list
 * views as Salesforce lists them, in one composite request. What the agent cannot read is left
 * out (no Campaign access: list views only); CALLING_LIST_UNAVAILABLE when nothing could be read.
 */
export async function loadCallingListSources(connection: CrmConnection): Promise<readonly CallingListSource[]> {
  let answers: readonly CompositeSubresponse[];
  try {
    answers = await connection.composite([
      { method: 'GET', referenceId: 'campaigns', url: `/query?q=${encodeURIComponent(CAMPAIGNS_SOQL)}` },
      ...LIST_VIEW_OBJECTS.map((objectType) => ({ method: 'GET' as const, referenceId: objectType, url: `/sobjects/${objectType}/listviews` })),
    ]);
  } catch (error) {
    throw refusedAs('CALLING_LIST_UNAVAILABLE', 'The calling lists could not be read', error);
  }
  const answer = (referenceId: string) => answers.find((response) => response.referenceId === referenceId);
  const campaigns = answer('campaigns');
  const sources: CallingListSource[] = campaigns?.httpStatusCode === 200
    ? recordsOf(campaigns.body).flatMap((record) => (isSalesforceId(text(record['Id'])) ? [Object.freeze({ kind: 'campaign' as const, id: text(record['Id']), name: text(record['Name']) })] : []))
    : [];
  for (const objectType of LIST_VIEW_OBJECTS) {
    const views = answer(objectType);
    if (views?.httpStatusCode !== 200) continue;
    const listviews = (views.body as { listviews?: unknown } | null)?.listviews;
    for (const view of Array.isArray(listviews) ? (listviews as unknown[]) : []) {
      const fields = (typeof view === 'object' && view !== null ? view : {}) as Record<string, unknown>;
      const id = text(fields['id']);
      if (isSalesforceId(id) && id.startsWith('00B')) sources.push(Object.freeze({ kind: 'list-view', id, name: text(fields['label']) || text(fields['developerName']), objectType }));
    }
  }
  const failed = answers.find((response) => response.httpStatusCode !== 200);
  if (sources.length === 0 && failed) throw refusedAs('CALLING_LIST_UNAVAILABLE', 'The calling lists could not be read', subrequestError(failed));
  return Object.freeze(sources);
}

/** A calling list: a campaign's (one composite request) or a list view's (list-view-list.ts). */
export function loadCallingList(connection: CrmConnection, source: CallingListSource): Promise<CallingList> {
  return source.kind === 'campaign' ? loadCampaignList(connection, source.id) : loadListViewList(connection, source);
}

/**
 * A campaign's calling list: one composite request. CALLING_LIST_UNAVAILABLE for an id that
 * is no Salesforce id, a campaign that is gone or inactive, or one the agent cannot read.
 */
async function loadCampaignList(connection: CrmConnection, campaignId: string): Promise<CallingList> {
  if (!isSalesforceId(campaignId)) throw new ContactPadError('CALLING_LIST_UNAVAILABLE', 'That is not a campaign: choose one from the list.');
  const id = `'${campaignId}'`;
  const query = (soql: string): string => `/query?q=${encodeURIComponent(soql)}`;
  const answers = await connection.composite([
    { method: 'GET', referenceId: 'campaign', url: query(`SELECT Id, Name, IsActive FROM Campaign WHERE Id = ${id}`) },
    { method: 'GET', referenceId: 'members', url: query(`SELECT ${MEMBER_FIELDS} FROM CampaignMember WHERE CampaignId = ${id} AND HasResponded = false ORDER BY CreatedDate LIMIT ${MAX_CALLING_RECORDS}`) },
    { method: 'GET', referenceId: 'statuses', url: query(`SELECT Label FROM CampaignMemberStatus WHERE CampaignId = ${id} ORDER BY SortOrder`) },
  ]);
  const records = (referenceId: string): readonly SalesforceRecord[] => {
    const answer = answers.find((response) => response.referenceId === referenceId);
    if (answer?.httpStatusCode !== 200) throw refusedAs('CALLING_LIST_UNAVAILABLE', 'The calling list could not be read', subrequestError(answer));
    return recordsOf(answer.body);
  };
  const campaign = records('campaign')[0];
  if (!campaign || campaign['IsActive'] !== true) throw new ContactPadError('CALLING_LIST_UNAVAILABLE', 'That campaign is no longer active (or was deleted): choose another.');
  return Object.freeze({
    source: Object.freeze({ kind: 'campaign' as const, id: text(campaign['Id']), name: text(campaign['Name']) }),
    records: Object.freeze(records('members').flatMap(callingRecord)),
    memberStatuses: Object.freeze(records('statuses').map((status) => text(status['Label'])).filter((label) => label !== '')),
  });
}

/** An outcome as the activity outbox writes it (crm-room.ts queues it): the Task on its key, then the member's update. */
export interface CallingOutcomeWrite {
  /** The Task's ContactPad_Interaction_Id__c: the same for every try of this outcome, so a retry or a replay updates the same Task. */
  readonly key: string;
  readonly task: OutcomeTaskFields;
  /** A campaign member's Status (when the campaign has the outcome's status) and next attempt: fixed values, so idempotent; none on a list view's list. */
  readonly member: RecordUpdate | undefined;
  /** The outcome in the agent's words (the record, the outcome, the list): what a refusal names. */
  readonly about: string;
}

/**
 * The write of an outcome on the member's record (pure): a Task upserted on its key on the
 * member's Lead or Contact, and a campaign member's Status and next attempt. Both go through the
 * durable activity outbox (activity-outbox.ts), stored before they are sent, in one composite
 * request with allOrNone true, the Task first: Salesforce writes both or neither, so the member
 * never says Called without its Task or the other way round. Both are idempotent, so a retry
 * writes nothing twice.
 */
export function callingOutcomeWrite(log: CallingOutcomeLog): CallingOutcomeWrite {
  const { record, outcome, at, source } = log;
  const about = `${record.name || record.personId}: ${OUTCOME_WORDS[outcome]} (${source.name})`;
  const key = outcomeKey(source.id, record.memberId, at);
  if (source.kind !== 'campaign') return { key, task: outcomeTask(log), member: undefined, about };
  const member: Record<string, unknown> = { [NEXT_ATTEMPT_FIELD]: outcome === 'rescheduled' && record.rescheduledTo !== undefined ? new Date(record.rescheduledTo).toISOString() : null };
  if (log.setStatus) member['Status'] = CALLING_OUTCOMES[outcome].memberStatus;
  return { key, task: outcomeTask(log), member: { objectType: 'CampaignMember', id: record.memberId, fields: member }, about };
}

/**
 * An outcome Salesforce refused for good (the outbox's `refused`, its detail naming the outcome
 * in `about`), as the agent is told it: which record's outcome, and Salesforce's reason.
 */
export function refusedOutcome(error: ContactPadError | undefined): ContactPadError {
  const about = String(error?.detail['about'] ?? '') || 'A calling list outcome';
  const errorCode = error?.detail['errorCode'];
  const reason = (error?.message ?? '').replace(/^Salesforce rejected the request: /, '') || 'no reason given';
  return new ContactPadError(
    'CALLING_OUTCOME_REFUSED',
    `${about}: not written to Salesforce, which refused it (${reason}${errorCode ? `, ${String(errorCode)}` : ''}). It is not tried again: log it by hand if it still matters, then dismiss this notice.`,
    { cause: error, detail: { ...(error?.detail ?? {}) } },
  );
}

/** What each outcome says in the Task's Subject. */
const OUTCOME_WORDS: Readonly<Record<CallingOutcomeLog['outcome'], string>> = {
  called: 'Called',
  'not-reached': 'Not reached',
  rejected: 'Rejected',
  rescheduled: 'Call rescheduled',
};

/** The Task of an outcome (pure): on the Lead or Contact, with the Campaign as WhatId for a campaign's Contact only (see the file comment). */
export function outcomeTask(log: CallingOutcomeLog): OutcomeTaskFields {
  const { record, source, outcome, at } = log;
  const lines = [`Calling list: ${source.name}${source.kind === 'list-view' ? ` (${source.objectType} list view)` : ''}`, `Outcome: ${OUTCOME_WORDS[outcome]}`];
  if (record.rejectReason) lines.push(`Reason: ${record.rejectReason}`);
  if (outcome === 'rescheduled' && record.rescheduledTo !== undefined) lines.push(`Next attempt: ${new Date(record.rescheduledTo).toISOString().slice(0, 16).replace('T', ' ')} UTC`);
  const rescheduled = outcome === 'rescheduled' && record.rescheduledTo !== undefined;
  return {
    Subject: `${OUTCOME_WORDS[outcome]}: ${source.name}`.slice(0, 255),
    Status: rescheduled ? 'Not Started' : 'Completed',
    Type: 'Call',
    ActivityDate: new Date(rescheduled ? record.rescheduledTo! : at).toISOString().slice(0, 10),
    Description: lines.join('\n'),
    ...(record.rejectReason ? { CallDisposition: record.rejectReason } : {}),
    ...(rescheduled ? { ReminderDateTime: new Date(record.rescheduledTo!).toISOString(), IsReminderSet: true } : {}),
    WhoId: record.personId,
    ...(record.objectType === 'Contact' && source.kind === 'campaign' ? { WhatId: source.id } : {}),
    [CHANNEL_FIELD]: 'voice',
    [STATUS_FIELD]: CALLING_OUTCOMES[outcome].journeyStatus,
    ...(/^\+[1-9]\d{6,14}$/.test(log.numberE164) ? { [CALLER_NUMBER_FIELD]: log.numberE164 } : {}),
  };
}

/** One member as a calling record, `waiting`; none when it names no Lead or Contact. */
function callingRecord(member: SalesforceRecord): CallingRecord[] {
  return waitingRecord({
    memberId: member['Id'],
    personId: member['LeadOrContactId'],
    name: member['Name'],
    title: member['Title'],
    company: member['CompanyOrAccount'],
    phone: member['Phone'],
    mobilePhone: member['MobilePhone'],
    email: member['Email'],
    place: [member['City'], member['State'], member['Country']],
    memberStatus: member['Status'],
    doNotCall: member['DoNotCall'],
    nextAttemptAt: salesforceTime(member[NEXT_ATTEMPT_FIELD]),
  });
}
