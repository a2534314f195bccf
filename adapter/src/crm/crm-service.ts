/**
 * The crm room as the controller holds it, loaded lazily: the caller lookup (with
 * libphonenumber's metadata), the screen-pop rules, the connection and the outbox arrive in a
 * chunk of their own, and jsforce itself in another (crm/jsforce-loader.ts), so neither weighs on the
 * ring-and-answer path. The pure parts (screen-pop decision, Task fields) are small and load
 * with the controller.
 */
import type { CallerIdentity } from './caller-identity.ts';
import type { ScreenPopDecision } from './screen-pop-decision.ts';
import type { OutboxState } from './activity-outbox.ts';
import type { CrmRoom, PresenceStatus, TaskLinks, WorkRecord } from './crm-room.ts';
import type { ActivityDraft } from './outbox-store.ts';
import type { ScheduledCallsPort } from './scheduled-calls-port.ts';
import type { Interaction } from '../model/interaction.ts';
import type { ContactPadSettings } from '../model/settings.ts';
import type { AgentIdentity } from '../model/agent-identity.ts';
import type { ContactPadError } from '../model/errors.ts';
import type { DirectoryEntry } from '../model/directory-entry.ts';
import type { VoicemailMessages } from './voicemail-messages.ts';
import type { OutboundCheckRequest, OutboundFacts } from './outbound-policy.ts';
import type { CallingList, CallingOutcomeLog } from './calling-list.ts';
import type { CallingListSource } from '../model/calling-record.ts';
import type { ProblemReportCase, ProblemReportRecord } from './problem-report.ts';

export type { PresenceStatus, WorkRecord } from './crm-room.ts';
export type { OutboundCheckRequest, OutboundFacts } from './outbound-policy.ts';
export type { CallingList, CallingOutcomeLog } from './calling-list.ts';
export type { ProblemReportCase, ProblemReportRecord } from './problem-report.ts';

/** The Salesforce session the host page hands over. */
export interface CrmSession {
  readonly instanceUrl: string;
  readonly accessToken: string;
}

export interface CrmServiceOptions {
  readonly session: CrmSession;
  readonly settings: ContactPadSettings;
  /** The logged-in agent: left out of their own directory; their presence configuration says whether Omni-Channel auto-accepts. */
  readonly agent: AgentIdentity;
  /** Progress of each Task write (saving, saved, retrying; refused: a calling list outcome Salesforce refused for good, `error` CALLING_OUTCOME_REFUSED). */
  readonly activityState: (interactionId: string, state: OutboxState, error?: ContactPadError) => void;
  readonly onError: (error: unknown) => void;
  /** Salesforce stopped taking the session (`notice`: what the agent reads) or takes it again (crm-room-factory.ts). */
  readonly sessionState?: (state: 'working' | 'expired', notice?: ContactPadError) => void;
  /** Told each time Salesforce answers one of the room's requests within its timeout (CrmConnection.onAnswer): the org takes requests (again). */
  readonly salesforceAnswered?: () => void;
  /** IndexedDB database of the outbox (tests isolate with their own). */
  readonly outboxDatabase?: string;
  /** localStorage key of the agent's remembered picks (tests isolate with their own). */
  readonly rememberedChoicesKey?: string;
  /** localStorage key of what this browser logged lately, per caller (one per org and user; tests isolate with their own). */
  readonly recentActivityKey?: string;
}

/** Salesforce REST API version ContactPad speaks: the current release's (Winter '27), as sfdx-project.json's sourceApiVersion. */
export const API_VERSION = '68.0';

/** What the controller asks of the crm room. */
export interface CrmService {
  /**
   * Who is calling, by the org's screen-pop rules: one SOSL request (the rules load once per
   * session, with one more); none for a number with nothing searchable or a repeat caller
   * within the settings' cache time (`cached: true`). Rejects with a ContactPadError.
   */
  lookUpCaller(callerNumber: string): Promise<CallerIdentity>;
  /**
   * What to pop (screen-pop-decision.ts), with the loaded rules' settings (the shipped
   * defaults before they load). `pickedRecordId`: the record the agent picked among several;
   * without it, the one remembered for this number (`identity.rememberedId`) is used.
   */
  decideScreenPop(identity: CallerIdentity, callerNumber: string, pickedRecordId?: string): Promise<ScreenPopDecision>;
  /** Remembers the agent's pick among several records for this number (localStorage, survives a reload). */
  rememberChoice(callerNumber: string, recordId: string): Promise<void>;
  /** Rules skipped and why, defaults used, journey off...: for admins (loads the rules if needed). */
  ruleProblems(): Promise<readonly string[]>;
  /** Queues the interaction's Task in the durable outbox (crm-room.ts); resolves once it is stored. */
  logInteraction(interaction: Interaction, links: TaskLinks, at: number): Promise<void>;
  /** Keeps the interaction being wrapped up, unsent, so a reload in wrap up loses nothing. */
  saveWrapUpDraft(interaction: Interaction, links: TaskLinks): Promise<void>;
  /** The interactions a reload left in wrap up (oldest first). */
  wrapUpDrafts(): Promise<readonly ActivityDraft[]>;
  /**
   * Agents and services to consult or transfer to, sorted by name (locale compare,
   * accent-insensitive). Agents: active Users with a ContactPad SIP user
   * (User.ContactPad_SIP_User__c), except the agent themself (their own SIP user, any case).
   * Services: the queues that can own Cases (sipUser ''). One API request (a composite of
   * two queries), kept for the session after the first success. Rejects with CRM_*.
   */
  directory(): Promise<readonly DirectoryEntry[]>;
  /**
   * The pre-recorded voicemail messages agents may drop into a call (ContactPad Voicemail
   * Message custom metadata, active ones, by label), and the records left out and why. One
   * query, kept for the session after the first success. Rejects with CRM_*.
   */
  voicemailMessages(): Promise<VoicemailMessages>;
  /**
   * Hands a Case to another owner (a User or a queue): PATCH /sobjects/Case/{id} { OwnerId }.
   * TRANSFER_FAILED with Salesforce's message when Salesforce refuses (bad owner, no access,
   * deleted case); CRM_SESSION_EXPIRED / CRM_UNAVAILABLE / CRM_REQUEST_LIMIT as usual.
   */
  transferRecord(recordId: string, ownerId: string): Promise<void>;
  /**
   * Report a problem: a Case with the agent's comment and the diagnostic log attached as a file,
   * all or none in one composite request (problem-report.ts); `askFirst` (a later try): one query
   * first, and nothing sent again when an earlier try went through. PROBLEM_REPORT_REFUSED with
   * Salesforce's message when it refuses; CRM_* otherwise.
   */
  sendProblemReport(report: ProblemReportRecord, askFirst: boolean): Promise<ProblemReportCase>;
  /** The org's Omni-Channel presence statuses (ServicePresenceStatus), kept for the session. */
  presenceStatuses(): Promise<readonly PresenceStatus[]>;
  /**
   * Whether Omni-Channel accepts work for this agent on its own (their presence configuration's
   * auto-accept; read with the presence statuses, kept for the session); false when unreadable.
   */
  omniAutoAccept(): Promise<boolean>;
  /**
   * The record behind an Omni-Channel work item (a Messaging Session, a Case or a Chat
   * Transcript), for the interaction list and the Task's links: one query.
   * WORK_RECORD_UNAVAILABLE when it was deleted, is not shared with the agent, is of another
   * object or the org has no such object.
   */
  workRecord(recordId: string): Promise<WorkRecord>;
  /**
   * What the compliance check before an outbound call needs, read fresh (outbound-policy.ts): the
   * dialing lists, the outbound setting and the Do Not Call flags. One request (two when a record's
   * time zone field is read). Rejects with a ContactPadError: the call is then not placed.
   */
  checkOutbound(request: OutboundCheckRequest): Promise<OutboundFacts>;
  /** The phone numbers on a record, in the fields the screen-pop rules name for its object (Call back offers them). */
  recordPhones(record: { readonly recordId: string; readonly objectType: string }): Promise<readonly string[]>;
  /** The agent's scheduled calls: listed, scheduled, moved, cancelled through the callback queue's endpoint (ContactPadCallbackQueue). */
  scheduledCalls(): Promise<ScheduledCallsPort>;
  /** Preview dialling: the active campaigns and the Lead and Contact list views (one composite request; CALLING_LIST_UNAVAILABLE when none can be read). */
  callingListSources(): Promise<readonly CallingListSource[]>;
  /** Preview dialling: a campaign's members not responded yet, oldest first, and its member statuses (one composite request); a list view's records in its order (two requests). */
  callingList(source: CallingListSource): Promise<CallingList>;
  /** Preview dialling: queues an outcome's Task on the member's Lead or Contact and a campaign member's Status and next attempt in the durable outbox, all or none; resolves with the write's key once stored (its progress goes to `log.progress`, or to `activityState` after a reload). */
  logCallingOutcome(log: Omit<CallingOutcomeLog, 'numberE164'>): Promise<{ readonly key: string }>;
  /** Preview dialling: drops an outcome Salesforce refused for good (the agent dismissed its notice). */
  forgetRefusedOutcome(key: string): Promise<void>;
  /** Loads the room, jsforce and the screen-pop rules now (after registration), so the first lookup does not wait. */
  preload(): Promise<void>;
  /**
   * Salesforce answered a request made outside the room with the same session (the phone's SIP
   * credential): Task writes waiting for Salesforce go now (nothing when the room is not loaded:
   * its outbox is not running yet).
   */
  salesforceAnsweredElsewhere(): void;
}

export function createCrmService(options: CrmServiceOptions): CrmService {
  let room: Promise<CrmRoom> | undefined;
  /** The room once loaded: screen-pop decisions are synchronous and use its rules' settings. */
  let loaded: CrmRoom | undefined;
  const loadRoom = (): Promise<CrmRoom> => {
    room ??= import('./crm-room-factory.ts').then(async (factory) => {
      loaded = await factory.createCrmRoom({
        session: options.session,
        apiVersion: API_VERSION,
        timeoutMs: options.settings.lookupTimeoutMs,
        defaultCountry: options.settings.defaultCountry,
        outboxDatabase: options.outboxDatabase ?? 'contactpad-activity-outbox',
        listener: options.activityState,
        agent: options.agent,
        ...(options.sessionState ? { sessionState: options.sessionState } : {}),
        ...(options.salesforceAnswered ? { salesforceAnswered: options.salesforceAnswered } : {}),
        ...(options.rememberedChoicesKey === undefined ? {} : { rememberedChoicesKey: options.rememberedChoicesKey }),
        recentActivityKey: options.recentActivityKey ?? `contactpad-recent-activity-${options.agent.userId || 'agent'}`,
      });
      return loaded;
    });
    room.catch(() => (room = undefined)); // a failed load is tried again next time
    return room;
  };
  return {
    lookUpCaller: async (callerNumber) => (await loadRoom()).lookUpCaller(callerNumber),
    decideScreenPop: async (identity, callerNumber, pickedRecordId) => {
      if (loaded) return loaded.decideScreenPop(identity, callerNumber, pickedRecordId);
      // The crm room never loaded: the built-in rules decide (loaded here, off the ring path).
      const [{ decideScreenPop }, { DEFAULT_SCREEN_POP_SETTINGS }] = await Promise.all([import('./screen-pop-decision.ts'), import('./screen-pop-settings.ts')]);
      return decideScreenPop(identity, callerNumber, DEFAULT_SCREEN_POP_SETTINGS, pickedRecordId);
    },
    rememberChoice: async (callerNumber, recordId) => (await loadRoom()).rememberChoice(callerNumber, recordId),
    ruleProblems: async () => (await loadRoom()).ruleProblems(),
    logInteraction: async (interaction, links, at) => (await loadRoom()).logInteraction(interaction, links, at),
    saveWrapUpDraft: async (interaction, links) => (await loadRoom()).saveWrapUpDraft(interaction, links),
    wrapUpDrafts: async () => (await loadRoom()).wrapUpDrafts(),
    directory: async () => (await loadRoom()).directory(),
    voicemailMessages: async () => (await loadRoom()).voicemailMessages(),
    transferRecord: async (recordId, ownerId) => (await loadRoom()).transferRecord(recordId, ownerId),
    sendProblemReport: async (report, askFirst) => (await loadRoom()).sendProblemReport(report, askFirst),
    presenceStatuses: async () => (await loadRoom()).presenceStatuses(),
    omniAutoAccept: async () => (await loadRoom()).omniAutoAccept(),
    workRecord: async (recordId) => (await loadRoom()).workRecord(recordId),
    checkOutbound: async (request) => (await loadRoom()).checkOutbound(request),
    recordPhones: async (record) => (await loadRoom()).recordPhones(record),
    scheduledCalls: async () => (await loadRoom()).scheduledCalls(),
    callingListSources: async () => (await loadRoom()).callingListSources(),
    callingList: async (source) => (await loadRoom()).callingList(source),
    logCallingOutcome: async (log) => (await loadRoom()).logCallingOutcome(log),
    forgetRefusedOutcome: async (key) => (await loadRoom()).forgetRefusedOutcome(key),
    preload: async () => (await loadRoom()).preload(),
    salesforceAnsweredElsewhere: () => loaded?.salesforceAnsweredElsewhere(),
  };
}
