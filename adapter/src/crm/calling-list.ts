/**
 * Preview dialling's calling list in Salesforce: the active Campaigns an agent can work, the
 * members of one (CampaignMember, with the fields of their Lead or Contact), and each outcome
 * logged on the member's record.
 *
 * Salesforce shapes (Object Reference): CampaignMember "represents the relationship between a
 * campaign and either a lead or a contact"; its person fields (Name, Title, CompanyOrAccount,
 * Phone, MobilePhone, Email, City, State, Country, DoNotCall, LeadOrContactId, Type) are read-only
 * copies of the Lead's or Contact's; Status is one of the campaign's CampaignMemberStatus
 * labels. Task: "If the WhoId refers to a lead, then the WhatId field must be empty", so an
 * outcome on a Lead member names the campaign in its Subject only, and one on a Contact member
 * links the Campaign as WhatId. The next call attempt is the custom field
 * CampaignMember.ContactPad_Next_Attempt__c (force-app).
 *
 * API budget: campaigns, one query; a list, one composite request (the campaign, its members,
 * its member statuses); an outcome, the Task upsert and the member update in one composite
 * request of the durable activity outbox (shared with the call Tasks queued at the time). Values from Salesforce are data from outside: blanks where unreadable.
 */
import { CALLING_OUTCOMES, outcomeKey, type CallingRecord, type CallingRecordState, type CampaignChoice } from '../model/calling-record.ts';

export type { CampaignChoice } from '../model/calling-record.ts';
import { ContactPadError } from '../model/errors.ts';
import { isSalesforceId } from '../model/salesforce-id.ts';
import type { CrmConnection, SalesforceRecord } from './crm-connection.ts';
import { recordsOf } from './crm-connection.ts';
import { salesforceTime } from './customer-journey.ts';
import { shownText } from '../model/shown-text.ts';
import { CALLER_NUMBER_FIELD, CHANNEL_FIELD, STATUS_FIELD, type OutcomeTaskFields } from './activity-log.ts';
import type { RecordUpdate } from './outbox-store.ts';
import type { OutboxState } from './outbox-sender.ts';
import { refusedAs, subrequestError } from './salesforce-error.ts';

/** The CampaignMember field with the time a rescheduled attempt is due (force-app, DateTime). */
export const NEXT_ATTEMPT_FIELD = 'ContactPad_Next_Attempt__c';
/** How many members one list holds at most (the oldest first). */
export const MAX_CALLING_RECORDS = 200;

/** A campaign's calling list as read. */
export interface CallingList {
  readonly campaign: CampaignChoice;
  /** Every member not responded yet, oldest first, each `waiting` (due or not: the desk filters by time). */
  readonly records: readonly CallingRecord[];
  /** The campaign's member statuses (CampaignMemberStatus Label). */
  readonly memberStatuses: readonly string[];
}

/** An outcome to log on a member. */
export interface CallingOutcomeLog {
  readonly campaign: CampaignChoice;
  readonly record: CallingRecord;
  /** The outcome state: called, not-reached, rejected or rescheduled. */
  readonly outcome: 'called' | 'not-reached' | 'rejected' | 'rescheduled';
  /** The member's number in E.164 when known (the Task's caller number, so the customer journey finds it). */
  readonly numberE164: string;
  /** When it happened (epoch ms): part of the Task's key, so a retry updates the same Task. */
  readonly at: number;
  /** Whether the campaign has the outcome's member status: then the member's Status is set. */
  readonly setStatus: boolean;
  /** Told where the outcome's write stands (saving, retrying with why, saved), from the durable outbox. */
  readonly progress?: OutcomeProgress;
}

/** Where an outcome's write stands, as the outbox tells it: `error` says why it waits to retry (or is held). */
export type OutcomeProgress = (state: OutboxState, error?: ContactPadError) => void;

const CAMPAIGNS_SOQL = 'SELECT Id, Name FROM Campaign WHERE IsActive = true ORDER BY Name LIMIT 100';
const MEMBER_FIELDS = `Id, LeadOrContactId, Type, Name, Title, CompanyOrAccount, Phone, MobilePhone, Email, City, State, Country, DoNotCall, Status, ${NEXT_ATTEMPT_FIELD}`;

/** The active campaigns, by name: one query. CALLING_LIST_UNAVAILABLE when the agent cannot read Campaigns. */
export async function loadCampaigns(connection: CrmConnection): Promise<readonly CampaignChoice[]> {
  let records: readonly SalesforceRecord[];
  try {
    records = await connection.query(CAMPAIGNS_SOQL);
  } catch (error) {
    throw refusedAs('CALLING_LIST_UNAVAILABLE', 'The campaigns could not be read', error);
  }
  return Object.freeze(records.flatMap((record) => (isSalesforceId(text(record['Id'])) ? [Object.freeze({ id: text(record['Id']), name: text(record['Name']) })] : [])));
}

/**
 * A campaign's calling list: one composite request. CALLING_LIST_UNAVAILABLE for an id that
 * is no Salesforce id, a campaign that is gone or inactive, or one the agent cannot read.
 */
export async function loadCallingList(connection: CrmConnection, campaignId: string): Promise<CallingList> {
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
    campaign: Object.freeze({ id: text(campaign['Id']), name: text(campaign['Name']) }),
    records: Object.freeze(records('members').flatMap(callingRecord)),
    memberStatuses: Object.freeze(records('statuses').map((status) => text(status['Label'])).filter((label) => label !== '')),
  });
}

/** An outcome as the activity outbox writes it (crm-room.ts queues it): the Task on its key, then the member's update. */
export interface CallingOutcomeWrite {
  /** The Task's ContactPad_Interaction_Id__c: the same for every try of this outcome, so a retry or a replay updates the same Task. */
  readonly key: string;
  readonly task: OutcomeTaskFields;
  /** The CampaignMember's Status (when the campaign has the outcome's status) and next attempt: fixed values, so idempotent. */
  readonly member: RecordUpdate;
}

/**
 * The write of an outcome on the member's record (pure): a Task upserted on its key on the
 * member's Lead or Contact, and the member's Status and next attempt. Both go through the
 * durable activity outbox (activity-outbox.ts), stored before they are sent, in one composite
 * request, the Task first (allOrNone false: each answered on its own, both idempotent, so the
 * outbox sends both again until both are in).
 */
export function callingOutcomeWrite(log: CallingOutcomeLog): CallingOutcomeWrite {
  const { record, outcome, at } = log;
  const member: Record<string, unknown> = { [NEXT_ATTEMPT_FIELD]: outcome === 'rescheduled' && record.rescheduledTo !== undefined ? new Date(record.rescheduledTo).toISOString() : null };
  if (log.setStatus) member['Status'] = CALLING_OUTCOMES[outcome].memberStatus;
  return { key: outcomeKey(record.memberId, at), task: outcomeTask(log), member: { objectType: 'CampaignMember', id: record.memberId, fields: member } };
}

/** What each outcome says in the Task's Subject. */
const OUTCOME_WORDS: Readonly<Record<CallingOutcomeLog['outcome'], string>> = {
  called: 'Called',
  'not-reached': 'Not reached',
  rejected: 'Rejected',
  rescheduled: 'Call rescheduled',
};

/** The Task of an outcome (pure): on the Lead or Contact, with the Campaign as WhatId for a Contact only (see the file comment). */
export function outcomeTask(log: CallingOutcomeLog): OutcomeTaskFields {
  const { record, campaign, outcome, at } = log;
  const lines = [`Calling list: ${campaign.name}`, `Outcome: ${OUTCOME_WORDS[outcome]}`];
  if (record.rejectReason) lines.push(`Reason: ${record.rejectReason}`);
  if (outcome === 'rescheduled' && record.rescheduledTo !== undefined) lines.push(`Next attempt: ${new Date(record.rescheduledTo).toISOString().slice(0, 16).replace('T', ' ')} UTC`);
  const rescheduled = outcome === 'rescheduled' && record.rescheduledTo !== undefined;
  return {
    Subject: `${OUTCOME_WORDS[outcome]}: ${campaign.name}`.slice(0, 255),
    Status: rescheduled ? 'Not Started' : 'Completed',
    Type: 'Call',
    ActivityDate: new Date(rescheduled ? record.rescheduledTo! : at).toISOString().slice(0, 10),
    Description: lines.join('\n'),
    ...(record.rejectReason ? { CallDisposition: record.rejectReason } : {}),
    WhoId: record.personId,
    ...(record.objectType === 'Contact' ? { WhatId: campaign.id } : {}),
    [CHANNEL_FIELD]: 'voice',
    [STATUS_FIELD]: CALLING_OUTCOMES[outcome].journeyStatus,
    ...(/^\+[1-9]\d{6,14}$/.test(log.numberE164) ? { [CALLER_NUMBER_FIELD]: log.numberE164 } : {}),
  };
}

/** One member as a calling record, `waiting`; none when it names no Lead or Contact. */
function callingRecord(member: SalesforceRecord): CallingRecord[] {
  const memberId = text(member['Id']);
  const personId = text(member['LeadOrContactId']);
  const objectType = personId.startsWith('00Q') ? 'Lead' : personId.startsWith('003') ? 'Contact' : undefined;
  if (!isSalesforceId(memberId) || !isSalesforceId(personId) || !objectType) return [];
  const next = salesforceTime(member[NEXT_ATTEMPT_FIELD]);
  const state: CallingRecordState = 'waiting';
  return [
    Object.freeze({
      memberId,
      personId,
      objectType,
      name: text(member['Name']),
      title: text(member['Title']),
      company: text(member['CompanyOrAccount']),
      phone: text(member['Phone']),
      mobilePhone: text(member['MobilePhone']),
      email: text(member['Email']),
      place: [member['City'], member['State'], member['Country']].map(text).filter((part) => part !== '').join(', '),
      memberStatus: text(member['Status']),
      doNotCall: member['DoNotCall'] === true,
      nextAttemptAt: next > 0 ? next : undefined,
      state,
    }),
  ];
}

function text(value: unknown): string {
  return typeof value === 'string' ? shownText(value) : '';
}
