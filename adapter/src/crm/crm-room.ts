/**
 * The crm room as the controller sees it (its `CrmPort`): caller lookup on the org's REST
 * API by the screen-pop rules, the screen-pop decision, remembered picks, the Task for an
 * interaction, and Task writes through the durable outbox. Holds the current connection, so
 * a renewed Salesforce session reaches lookups and queued writes alike.
 *
 * For multi-interaction routing it also reads the directory of agents and services, the
 * Omni-Channel presence statuses and the record behind a work item, and hands a Case to
 * another owner.
 *
 * API budget: the rules load once per session (one composite request; a load that could not
 * reach the org is tried again at the next lookup, meanwhile the built-in rules serve);
 * each lookup is one SOSL request; a caller seen within the settings' Caller_Cache_Seconds__c
 * costs none (`cached: true`). The directory (one composite request) and the Omni-Channel
 * setup (presence statuses and the agent's auto-accept: one composite request) are read once
 * per session, again only after a failure; each work record is one query, each transfer one PATCH.
 */
import type { Interaction } from '../model/interaction.ts';
import { salesforceId15 } from '../model/salesforce-id.ts';
import type { CrmConnection, SalesforceRecord } from './crm-connection.ts';
import type { ReadBack } from './outbox-store.ts';
import { RecentActivity, memoryStorage } from './recent-activity.ts';
import type { ActivityOutbox, OutboxState } from './activity-outbox.ts';
import type { ContactPadError } from '../model/errors.ts';
import type { ActivityDraft } from './outbox-store.ts';
import { activityFromInteraction, INTERACTION_ID_FIELD, type ActivityLinks, type TaskFields } from './activity-log.ts';
import { classifyCaller, ruleObjects, searchCallerRecords, UNKNOWN_CALLER } from './caller-lookup.ts';
import type { CallerIdentity } from './caller-lookup.ts';
import { searchableNumbers } from './phone-number.ts';
import { RememberedChoices } from './remembered-choices.ts';
import { decideScreenPop } from './screen-pop-decision.ts';
import type { ScreenPopDecision } from './screen-pop-decision.ts';
import { DEFAULT_SCREEN_POP_SETTINGS, loadScreenPopRules } from './screen-pop-rules.ts';
import type { LoadedRules, ScreenPopSettings } from './screen-pop-rules.ts';
import type { DirectoryEntry } from '../model/directory-entry.ts';
import { loadDirectory } from './directory.ts';
import { loadOmniChannelSetup, type OmniAgent, type OmniChannelSetup, type PresenceStatus } from './omni-channel-setup.ts';
import { transferRecord } from './record-transfer.ts';
import { sendProblemReport, type ProblemReportCase, type ProblemReportRecord } from './problem-report.ts';
import { loadWorkRecord, type WorkRecord } from './work-record.ts';
import { loadVoicemailMessages, type VoicemailMessages } from './voicemail-messages.ts';
import { callingOutcomeWrite, loadCallingList, loadCallingListSources, refusedOutcome, type OutcomeProgress, type CallingList, type CallingOutcomeLog } from './calling-list.ts';
import { isOutcomeKey, type CallingListSource } from '../model/calling-record.ts';
import { readOutboundFacts, type OutboundAgent, type OutboundCheckRequest, type OutboundFacts } from './outbound-policy.ts';
import { readRecordPhones } from './record-phones.ts';
import type { ScheduledCallsPort } from './scheduled-calls-port.ts';

export type { OmniAgent, PresenceStatus } from './omni-channel-setup.ts';
export type { WorkRecord } from './work-record.ts';

/** What the crm room is built from. */
export interface CrmRoomOptions {
  readonly connection: CrmConnection;
  /** The outbox; give it the same connection (or call `setConnection` here, which does). */
  readonly outbox: ActivityOutbox;
  /** ISO 3166 alpha-2 country for numbers without a country code ('US'). */
  readonly defaultCountry: string;
  /** Where the agent's picks are remembered (localStorage by default). */
  readonly choices?: RememberedChoices;
  /** The clock of the repeat-caller cache (epoch ms; Date.now by default). */
  readonly now?: () => number;
  /** The agent's own SIP user (User.ContactPad_SIP_User__c), left out of the directory; '' by default. */
  readonly sipUser?: string;
  /** The agent's user and profile ids (from the host page), for their Omni-Channel presence configuration. */
  readonly agent?: OmniAgent;
  /** What this browser logged lately, per number (localStorage by default). */
  readonly recent?: RecentActivity;
}

/** What a Task links to: a Lead or Contact (Who), an Account, Case... (What), and the Omni-Channel work item. */
export type TaskLinks = ActivityLinks;

/** How many callers the repeat-caller cache holds (the oldest go first). */
export const CALLER_CACHE_SIZE = 200;

/** What the phone search found for a number, kept for the settings' cache time (classified anew on each hit). */
interface CachedCaller {
  readonly records: readonly SalesforceRecord[];
  readonly rules: LoadedRules;
  readonly expiresAt: number;
}

/** Implements the controller's CrmPort over jsforce and the activity outbox. */
export class CrmRoom {
  #connection: CrmConnection;
  readonly #outbox: ActivityOutbox;
  /** Who logged each calling list outcome still on its way (logCallingOutcome), by its write's key. */
  readonly #outcomeProgress = new Map<string, OutcomeProgress>();
  readonly #defaultCountry: string;
  readonly #choices: RememberedChoices;
  readonly #now: () => number;
  readonly #cache = new Map<string, CachedCaller>();
  readonly #recent: RecentActivity;
  #rules: Promise<LoadedRules> | undefined;
  /** The rules once loaded (a Task write does not wait for them). */
  #loadedRules: LoadedRules | undefined;
  #settings: ScreenPopSettings = DEFAULT_SCREEN_POP_SETTINGS;
  readonly #directory: () => Promise<readonly DirectoryEntry[]>;
  readonly #omniChannel: () => Promise<OmniChannelSetup>;
  readonly #voicemailMessages: () => Promise<VoicemailMessages>;
  /** Whose personal allow list applies to outbound calls. */
  readonly #outboundAgent: OutboundAgent;
  /** The org's objects by key prefix (Describe Global), read once when a scheduled call's record is of an object no rule names. */
  #objectsByPrefix: Promise<ReadonlyMap<string, string>> | undefined;

  constructor(options: CrmRoomOptions) {
    this.#connection = options.connection;
    this.#outbox = options.outbox;
    this.#defaultCountry = options.defaultCountry;
    this.#choices = options.choices ?? new RememberedChoices();
    this.#now = options.now ?? (() => Date.now());
    // Kept in memory unless the factory gives one kept per org and user (localStorage).
    this.#recent = options.recent ?? new RecentActivity({ key: 'recent', now: this.#now, storage: memoryStorage() });
    this.#outbox.onDelivered = (interactionId, delivered) => this.#recent.delivered(interactionId, delivered.taskId, delivered.records);
    const sipUser = options.sipUser ?? '';
    this.#outboundAgent = { userId: options.agent?.userId ?? '', sipUser };
    this.#directory = keptOnceLoaded(() => loadDirectory(this.#connection, sipUser));
    this.#omniChannel = keptOnceLoaded(() => loadOmniChannelSetup(this.#connection, options.agent));
    this.#voicemailMessages = keptOnceLoaded(() => loadVoicemailMessages(this.#connection));
  }

  /**
   * Who is calling: one SOSL request by the screen-pop rules (see caller-lookup.ts), none
   * when the number has nothing searchable or the caller is in the repeat-caller cache
   * (`cached: true`). What this browser logged for the number while search may not have it yet
   * (recent-activity.ts: the last call's Task, the Lead created during it) is added, at no
   * request. `rememberedId` carries the agent's earlier pick for this number when it is still
   * among the winners. Rejects with a ContactPadError when Salesforce fails.
   */
  async lookUpCaller(callerNumber: string): Promise<CallerIdentity> {
    const key = numberKey(callerNumber, this.#defaultCountry);
    if (key === '') return UNKNOWN_CALLER;
    const now = this.#now();
    let found = this.#cache.get(key);
    const cached = found !== undefined && found.expiresAt > now;
    if (!found || !cached) {
      this.#cache.delete(key);
      const rules = await this.rules();
      const records = await searchCallerRecords(this.#connection, rules, callerNumber, this.#defaultCountry);
      found = { records, rules, expiresAt: this.#now() + rules.settings.callerCacheSeconds * 1000 };
      if (rules.settings.callerCacheSeconds > 0) {
        this.#cache.set(key, found);
        while (this.#cache.size > CALLER_CACHE_SIZE) this.#cache.delete(this.#cache.keys().next().value as string);
      }
    }
    const records = withRecentActivity(found.records, this.#recent.recordsFor(key));
    const identity = classifyCaller(records, found.rules, searchableNumbers(callerNumber, this.#defaultCountry), this.#defaultCountry);
    return this.#withRememberedChoice(key, cached ? { ...identity, cached: true } : identity);
  }

  /**
   * The session's screen-pop rules, loaded with one request the first time and kept; a load
   * that could not reach the org (built-in rules) is not kept, so the next call tries again.
   */
  rules(): Promise<LoadedRules> {
    if (!this.#rules) {
      const load: Promise<LoadedRules> = loadScreenPopRules(this.#connection).then(
        (loaded) => {
          this.#settings = loaded.settings;
          this.#loadedRules = loaded;
          if (!loaded.final && this.#rules === load) this.#rules = undefined;
          return loaded;
        },
        (error: unknown) => {
          if (this.#rules === load) this.#rules = undefined;
          throw error;
        },
      );
      this.#rules = load;
    }
    return this.#rules;
  }

  /** Why rules were skipped or defaults used (loads the rules if needed). */
  async ruleProblems(): Promise<readonly string[]> {
    return (await this.rules()).problems;
  }

  /** The screen-pop settings of the loaded rules (the shipped defaults until they load). */
  get settings(): ScreenPopSettings {
    return this.#settings;
  }

  /** Remembers the agent's pick among several records for this number (localStorage). */
  rememberChoice(callerNumber: string, recordId: string): void {
    this.#choices.remember(numberKey(callerNumber, this.#defaultCountry), recordId);
  }

  /** See screen-pop-decision.ts; the settings are the loaded rules'. */
  decideScreenPop(identity: CallerIdentity, callerNumber: string, pickedRecordId?: string): ScreenPopDecision {
    return decideScreenPop(identity, callerNumber, this.#settings, pickedRecordId);
  }

  /**
   * Logs an ended interaction: its Task (activity-log.ts, with the caller's number in E.164
   * for the customer journey) is queued in the durable outbox; resolves once it is stored.
   * Progress goes to the outbox listener. Clears the interaction's wrap-up draft.
   */
  logInteraction(interaction: Interaction, links: TaskLinks, at: number): Promise<void> {
    const fields = activityFromInteraction(interaction, links, at, this.#e164(interaction.callerNumber));
    const key = numberKey(interaction.callerNumber, this.#defaultCountry);
    if (key === '') return this.#outbox.enqueue(interaction.id, fields);
    // Search will not have this Task (nor a Lead the agent just created) for minutes: the
    // next lookup of this number adds them from here; the linked records are read back with
    // the write (their rule fields), in the same request.
    this.#recent.remember(key, interaction.id, journeyTask(interaction.id, fields, at));
    return this.#outbox.enqueue(interaction.id, fields, this.#readBackFor(fields));
  }

  /** The Task's Who and What, where a screen-pop rule searches their object: read with the write. */
  #readBackFor(fields: TaskFields): ReadBack[] {
    const objects = this.#loadedRules ? ruleObjects(this.#loadedRules) : [];
    return [fields.WhoId, fields.WhatId].flatMap((id): ReadBack[] => {
      const object = id === undefined ? undefined : objects.find((candidate) => candidate.keyPrefix !== '' && id.startsWith(candidate.keyPrefix));
      return id === undefined || !object ? [] : [{ id, objectType: object.objectType, fields: object.fields }];
    });
  }

  /** Keeps the interaction being wrapped up (not sent), so a reload in wrap up loses nothing. */
  saveWrapUpDraft(interaction: Interaction, links: TaskLinks): Promise<void> {
    const callerNumberE164 = this.#e164(interaction.callerNumber);
    return this.#outbox.saveDraft(interaction.id, { interaction, links, ...(callerNumberE164 ? { callerNumberE164 } : {}) });
  }

  /** The interactions left in wrap up by a reload (oldest first). */
  wrapUpDrafts(): Promise<readonly ActivityDraft[]> {
    return this.#outbox.drafts();
  }

  /** The calling lists an agent may work through, active campaigns and list views (calling-list.ts): one composite request. */
  callingListSources(): Promise<readonly CallingListSource[]> {
    return loadCallingListSources(this.#connection);
  }

  /** A campaign's or a list view's calling list (calling-list.ts): one or two requests. */
  callingList(source: CallingListSource): Promise<CallingList> {
    return loadCallingList(this.#connection, source);
  }

  /**
   * Queues a calling record's outcome in the durable outbox: its Task and the member's Status
   * and next attempt (calling-list.ts); resolves with the write's key once it is stored, not
   * when Salesforce has it (`log.progress` is told, until it is saved; an outcome replayed after a
   * reload is told to the outbox listener, like a call's Task). The Task joins the customer's
   * journey at once (kept with what this browser logged, recent-activity.ts). A refusal by
   * Salesforce is final for an outcome: told (CALLING_OUTCOME_REFUSED, {@link outboxEvent}) and
   * kept until {@link forgetRefusedOutcome}.
   */
  async logCallingOutcome(log: Omit<CallingOutcomeLog, 'numberE164'>): Promise<{ readonly key: string }> {
    const number = log.record.phone || log.record.mobilePhone;
    const write = callingOutcomeWrite({ ...log, numberE164: this.#e164(number) });
    if (log.progress) this.#outcomeProgress.set(write.key, log.progress);
    try {
      await this.#outbox.enqueue(write.key, write.task, [], write.member, { about: write.about });
    } catch (error) {
      this.#outcomeProgress.delete(write.key);
      throw error;
    }
    const journey: SalesforceRecord = { attributes: { type: 'Task' }, ...write.task, CreatedDate: new Date(log.at).toISOString().replace('Z', '+0000'), [INTERACTION_ID_FIELD]: write.key };
    this.#recent.remember(numberKey(number, this.#defaultCountry), write.key, journey);
    return { key: write.key };
  }

  /**
   * Where an outbox write stands, for whoever must hear it: an outcome's progress goes to the
   * desk that logged it (see logCallingOutcome), any other write's (a call's Task, an outcome
   * replayed after a reload) to `listener`; an outcome Salesforce refused for good goes to both,
   * told as CALLING_OUTCOME_REFUSED (the switchboard tells the agent, the desk marks the record).
   */
  outboxEvent(key: string, state: OutboxState, error: ContactPadError | undefined, listener: (key: string, state: OutboxState, error?: ContactPadError) => void): void {
    const told = state === 'refused' && isOutcomeKey(key) ? refusedOutcome(error) : error;
    const progress = this.#outcomeProgress.get(key);
    if (state === 'saved' || state === 'refused') this.#outcomeProgress.delete(key);
    progress?.(state, told);
    if (!progress || state === 'refused') listener(key, state, told);
  }

  /** Drops an outcome Salesforce refused for good, once the agent dismissed its notice. */
  forgetRefusedOutcome(key: string): Promise<void> {
    return this.#outbox.forget(key);
  }

  #e164(callerNumber: string): string {
    const digits = numberKey(callerNumber, this.#defaultCountry);
    return digits === '' ? '' : `+${digits}`;
  }

  /**
   * Agents and services to consult or transfer to, sorted by name (directory.ts): one
   * composite request the first time, kept for the session; a failed read is tried again
   * next time. Rejects with a ContactPadError (CRM_*).
   */
  directory(): Promise<readonly DirectoryEntry[]> {
    return this.#directory();
  }

  /** The voicemail messages agents may drop (voicemail-messages.ts): one query, kept for the session after the first success. */
  voicemailMessages(): Promise<VoicemailMessages> {
    return this.#voicemailMessages();
  }

  /**
   * Hands a Case to another owner, a User or a queue (record-transfer.ts): one PATCH.
   * TRANSFER_FAILED with Salesforce's message when it refuses; CRM_* otherwise.
   */
  transferRecord(recordId: string, ownerId: string): Promise<void> {
    return transferRecord(this.#connection, recordId, ownerId);
  }

  /** A problem report as a Case with the log attached (problem-report.ts): one composite request (one query first when `askFirst`). */
  sendProblemReport(report: ProblemReportRecord, askFirst: boolean): Promise<ProblemReportCase> {
    return sendProblemReport(this.#connection, report, askFirst);
  }

  /** The org's Omni-Channel presence statuses: one request the first time (with {@link omniAutoAccept}), kept for the session. */
  async presenceStatuses(): Promise<readonly PresenceStatus[]> {
    return (await this.#omniChannel()).statuses;
  }

  /**
   * Whether Omni-Channel accepts work for this agent on its own (their presence
   * configuration): read with the presence statuses, kept for the session.
   */
  async omniAutoAccept(): Promise<boolean> {
    return (await this.#omniChannel()).autoAccept;
  }

  /**
   * The Messaging Session, Case or Chat Transcript behind an Omni-Channel work item
   * (work-record.ts): one query. WORK_RECORD_UNAVAILABLE when it was deleted, is not shared
   * with the agent, is of another object or the org has no such object; CRM_* otherwise.
   */
  workRecord(recordId: string): Promise<WorkRecord> {
    return loadWorkRecord(this.#connection, recordId);
  }

  /**
   * What the compliance check of an outbound call needs (outbound-policy.ts): the dialing lists
   * and the outbound setting, the Do Not Call flags of the record called from and of the number's
   * Contacts and Leads; one request per call (two when the record's time zone field is read).
   */
  checkOutbound(request: OutboundCheckRequest): Promise<OutboundFacts> {
    return readOutboundFacts(this.#connection, request, { defaultCountry: this.#defaultCountry, agent: this.#outboundAgent });
  }

  /** The phone numbers on a record, in the fields the screen-pop rules name for its object (record-phones.ts): Call back offers them. */
  async recordPhones(record: { readonly recordId: string; readonly objectType: string }): Promise<readonly string[]> {
    return readRecordPhones(this.#connection, await this.rules(), record);
  }

  /**
   * Scheduled calls (scheduled-calls.ts, loaded on first use): through the callback queue's
   * endpoint (ContactPadCallbackQueue), for the agent of this session.
   */
  async scheduledCalls(): Promise<ScheduledCallsPort> {
    const [calls, origins] = await Promise.all([import('./scheduled-calls.ts'), import('./scheduled-call-origin.ts')]);
    const connection = () => this.#connection;
    const agentId = this.#outboundAgent.userId;
    // A record id's object: the screen-pop rules' objects first, else the org's objects (Describe Global, read once).
    const objectOf = async (recordId: string): Promise<string | undefined> => {
      const known = ruleObjects(await this.rules()).find((object) => object.keyPrefix !== '' && recordId.startsWith(object.keyPrefix));
      if (known) return known.objectType;
      this.#objectsByPrefix ??= origins.objectsByKeyPrefix(connection()).catch((error: unknown) => {
        this.#objectsByPrefix = undefined;
        throw error;
      });
      return (await this.#objectsByPrefix).get(recordId.slice(0, 3));
    };
    return {
      list: () => calls.scheduledCalls(connection(), agentId),
      schedule: (request) => calls.scheduleCall(connection(), { ...request, agentId }),
      move: (id, at) => calls.moveScheduledCall(connection(), id, at),
      cancel: (id) => calls.cancelScheduledCall(connection(), id),
      originOfRequest: (requestId) => origins.readRequestOrigin(connection(), requestId, objectOf),
      originOfRecord: (recordId, name) => origins.readRecordOrigin(connection(), recordId, name, objectOf),
    };
  }

  /** Loads jsforce and the screen-pop rules now, so the first lookup waits for neither. */
  async preload(): Promise<void> {
    await this.#connection.preload();
    await this.rules();
  }

  /** Salesforce answered a request made outside the room with the same session (the phone's SIP credential): CrmConnection.answeredElsewhere. */
  salesforceAnsweredElsewhere(): void {
    this.#connection.answeredElsewhere();
  }

  /** A renewed session: lookups use it, and held Task writes are retried with it. */
  setConnection(connection: CrmConnection): void {
    this.#connection = connection;
    this.#outbox.setConnection(connection);
  }

  #withRememberedChoice(key: string, identity: CallerIdentity): CallerIdentity {
    const remembered = this.#choices.get(key);
    const { rememberedId: _old, ...rest } = identity;
    return remembered !== undefined && identity.winners.some((winner) => winner.id === remembered) ? { ...rest, rememberedId: remembered } : rest;
  }
}

/**
 * `load`, run once and its answer kept; a failed load is forgotten, so the next call tries
 * again. Calls while it runs share it.
 */
function keptOnceLoaded<T>(load: () => Promise<T>): () => Promise<T> {
  let kept: Promise<T> | undefined;
  return () => {
    if (!kept) {
      const loading = load();
      kept = loading;
      loading.catch(() => {
        if (kept === loading) kept = undefined;
      });
    }
    return kept;
  };
}

/** What search found, then what this browser logged that search does not have yet (by Id; Tasks not yet confirmed always). */
function withRecentActivity(found: readonly SalesforceRecord[], recent: readonly SalesforceRecord[]): readonly SalesforceRecord[] {
  if (recent.length === 0) return found;
  const ids = new Set(found.map((record) => (typeof record['Id'] === 'string' ? salesforceId15(record['Id']) : '')));
  return [...found, ...recent.filter((record) => typeof record['Id'] !== 'string' || record['Id'] === '' || !ids.has(salesforceId15(record['Id'])))];
}

/** The Task as the journey reads it, before Salesforce has it (no Id yet, no owner name). */
function journeyTask(interactionId: string, fields: TaskFields, at: number): SalesforceRecord {
  return {
    attributes: { type: 'Task' },
    Id: '',
    Subject: fields.Subject,
    CreatedDate: new Date(at).toISOString().replace('Z', '+0000'),
    CallType: fields.CallType,
    ContactPad_Channel__c: fields.ContactPad_Channel__c,
    ContactPad_Status__c: fields.ContactPad_Status__c,
    ContactPad_Caller_Number__c: fields.ContactPad_Caller_Number__c ?? null,
    ContactPad_Interaction_Id__c: interactionId,
    WhoId: fields.WhoId ?? null,
    WhatId: fields.WhatId ?? null,
  };
}

/** The number's key for the cache and the remembered picks: its E.164 digits ('' when unsearchable). */
function numberKey(callerNumber: string, defaultCountry: string): string {
  return searchableNumbers(callerNumber, defaultCountry)[0] ?? '';
}
