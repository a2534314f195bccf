/**
 * The state of the stand-in Lightning console: its workspace tabs (the Tasks home tab, record
 * tabs, search tabs, flow tabs, the admins' rule tester), the new-record modal, click-to-dial,
 * and the Tasks list. What the console workspace API (openTab, focusTab, closeTab) and Open CTI
 * screen pops act on in a real console. Rendering lives in workspace-view.ts; this file knows
 * no DOM.
 */
import type { NavigationChangePayload } from '../../../adapter/src/host/open-cti.ts';
import type { FlowArgument } from './flow-arguments.ts';
import { isRecordId, objectTypeOfId, recordNameOf, recordUrlOf } from './object-types.ts';
import { escapeSosl, RestError, type RestClient, type SObjectRecord } from './rest-client.ts';

/** The Tasks home tab (not closable). */
export interface TasksTab {
  readonly kind: 'tasks';
  readonly key: 'tasks';
  readonly title: 'Tasks';
}

/** A record's console tab, titled with the record's name once loaded. */
export interface RecordTab {
  readonly kind: 'record';
  readonly key: string;
  readonly recordId: string;
  readonly objectType: string;
  title: string;
  record?: SObjectRecord;
  error?: string;
}

/** A search results tab ('Search: <text>'), as a SEARCH screen pop opens. */
export interface SearchTab {
  readonly kind: 'search';
  readonly key: string;
  readonly searchString: string;
  readonly title: string;
  results?: SObjectRecord[];
  error?: string;
}

/** A flow's tab ('Flow: <flowDevName>'), as a FLOW screen pop opens: the flow and its input variables. */
export interface FlowTab {
  readonly kind: 'flow';
  readonly key: string;
  readonly flowDevName: string;
  readonly args: readonly FlowArgument[];
  readonly title: string;
}

/** The admins' screen-pop rule tester (one tab, opened from the header's 'Rule tester' button). */
export interface RuleTesterTab {
  readonly kind: 'rule-tester';
  readonly key: 'rule-tester';
  readonly title: 'Rule tester';
}

/** Any console tab. */
export type ConsoleTab = TasksTab | RecordTab | SearchTab | FlowTab | RuleTesterTab;

/** The NEW_RECORD_MODAL screen pop's dialog: which object, and the fields as typed so far. */
export interface NewRecordModal {
  readonly entityName: string;
  readonly fields: Record<string, string>;
  saving: boolean;
  error?: string;
}

/** The Tasks list shown in the Tasks home tab. */
export interface TaskList {
  rows: SObjectRecord[];
  error?: string;
  refreshedAt?: Date;
}

/** The Task fields the Tasks tab lists (the call log ContactPad writes). */
export const TASK_LIST_SOQL =
  'SELECT Id, Subject, CallType, CallDurationInSeconds, CallDisposition, ContactPad_Interaction_Id__c, WhoId, Who.Name, WhatId, What.Name, CreatedDate ' +
  'FROM Task ORDER BY CreatedDate DESC LIMIT 50';

/** The fields a new record dialog offers besides the default values, per object. */
const NEW_RECORD_FIELDS: Readonly<Record<string, readonly string[]>> = {
  Lead: ['FirstName', 'LastName', 'Company', 'Phone', 'Email'],
  Contact: ['FirstName', 'LastName', 'Phone', 'Email'],
  Account: ['Name', 'Phone'],
  Case: ['Subject', 'Description'],
};

function messageOf(error: unknown): string {
  if (error instanceof RestError) return error.message;
  return error instanceof Error ? error.message : String(error);
}

/** Whether a search text is a phone number (digits with phone punctuation, at least 7 digits). */
export function looksLikePhoneNumber(text: string): boolean {
  return /^[\d\s+().\-/]+$/.test(text) && text.replace(/\D/g, '').length >= 7;
}

/**
 * The SOSL a SEARCH pop runs, as the console's global search would: a phone number in phone
 * fields (formatting ignored), anything else in all fields, across the objects agents work with.
 */
export function searchSosl(searchString: string): string {
  const scope = looksLikePhoneNumber(searchString) ? 'PHONE' : 'ALL';
  return (
    `FIND {${escapeSosl(searchString)}} IN ${scope} FIELDS RETURNING ` +
    'Lead(Id, Name, Phone, Company), Contact(Id, Name, Phone), Account(Id, Name, Phone), Case(Id, CaseNumber, Subject)'
  );
}

/**
 * A tab opened, focused or closed (what the workspace API's tabCreated, tabFocused and
 * tabClosed events report). `byBridge` marks changes the console bridge asked for (it answers
 * those itself); every other change was made by the user or an Open CTI screen pop.
 */
export interface WorkspaceTabEvent {
  readonly type: 'opened' | 'focused' | 'closed';
  readonly tab: ConsoleTab;
  readonly byBridge: boolean;
}

/** Who asks the workspace for a change: the console bridge, or anyone else (the user, Open CTI). */
export interface ChangeOrigin {
  readonly byBridge?: boolean;
}

/** The console's state, with change and navigation listeners. */
export class ConsoleWorkspace {
  readonly #rest: RestClient;
  readonly #changeListeners = new Set<() => void>();
  readonly #navigationListeners = new Set<(payload: NavigationChangePayload) => void>();
  readonly #tabListeners = new Set<(event: WorkspaceTabEvent) => void>();
  #tabs: ConsoleTab[] = [{ kind: 'tasks', key: 'tasks', title: 'Tasks' }];
  #activeKey = 'tasks';
  #searchSerial = 0;
  #flowSerial = 0;
  /** Record tabs get workspace-API-like ids (ctab0, ctab1...), new each time a tab opens. */
  #recordTabSerial = 0;
  /** describeGlobal's key prefixes (custom objects included), read once when an id's prefix is not a standard one. */
  #keyPrefixes: Promise<ReadonlyMap<string, string>> | undefined;
  /** Open CTI enableClickToDial / disableClickToDial. */
  clickToDialEnabled = false;
  /** The open new-record dialog, if any. */
  modal: NewRecordModal | undefined;
  /** The Tasks home tab's list. */
  readonly tasks: TaskList = { rows: [] };

  constructor(rest: RestClient) {
    this.#rest = rest;
  }

  get tabs(): readonly ConsoleTab[] {
    return this.#tabs;
  }

  get activeTab(): ConsoleTab {
    return this.#tabs.find((tab) => tab.key === this.#activeKey) ?? this.#tabs[0]!;
  }

  /** Called after every state change (render then). */
  onChange(listener: () => void): () => void {
    this.#changeListeners.add(listener);
    return () => this.#changeListeners.delete(listener);
  }

  /** Called when a record tab gains focus: what Open CTI onNavigationChange reports. */
  onNavigation(listener: (payload: NavigationChangePayload) => void): () => void {
    this.#navigationListeners.add(listener);
    return () => this.#navigationListeners.delete(listener);
  }

  /** Called when a tab opens, gains focus or closes (see {@link WorkspaceTabEvent}). */
  onTabEvent(listener: (event: WorkspaceTabEvent) => void): () => void {
    this.#tabListeners.add(listener);
    return () => this.#tabListeners.delete(listener);
  }

  #tabEvent(type: WorkspaceTabEvent['type'], tab: ConsoleTab, byBridge: boolean): void {
    for (const listener of this.#tabListeners) listener({ type, tab, byBridge });
  }

  /** Focuses `tab` (already in the list); reports the focus when it moved. */
  #activate(tab: ConsoleTab, byBridge: boolean): void {
    const moved = this.#activeKey !== tab.key;
    this.#activeKey = tab.key;
    if (moved) this.#tabEvent('focused', tab, byBridge);
  }

  /** Adds a tab to the list and reports it. */
  #add(tab: ConsoleTab, byBridge: boolean): void {
    this.#tabs.push(tab);
    this.#tabEvent('opened', tab, byBridge);
  }

  /** The tab with this key (the tab id the console bridge reports). */
  tabByKey(key: string): ConsoleTab | undefined {
    return this.#tabs.find((tab) => tab.key === key);
  }

  changed(): void {
    for (const listener of this.#changeListeners) listener();
  }

  /** What Open CTI getAppViewInfo returns: the focused record, or the home page. */
  appViewInfo(): NavigationChangePayload {
    const tab = this.activeTab;
    if (tab.kind === 'record') return this.#navigationPayload(tab);
    return { url: '/lightning/page/home', recordId: '', recordName: '', objectType: '' };
  }

  #navigationPayload(tab: RecordTab): NavigationChangePayload {
    return { url: recordUrlOf(tab.objectType, tab.recordId), recordId: tab.recordId, recordName: tab.title, objectType: tab.objectType };
  }

  /** Focuses a tab (workspace API focusTab); a record tab reports the navigation. */
  focusTab(key: string, origin: ChangeOrigin = {}): void {
    const tab = this.#tabs.find((candidate) => candidate.key === key);
    if (!tab) return;
    const moved = this.#activeKey !== key;
    this.#activate(tab, origin.byBridge ?? false);
    this.changed();
    if (tab.kind === 'record' && moved && tab.record) this.#announce(tab);
  }

  #announce(tab: RecordTab): void {
    const payload = this.#navigationPayload(tab);
    for (const listener of this.#navigationListeners) listener(payload);
  }

  /**
   * Closes a tab (workspace API closeTab); the Tasks tab stays. When it was focused, its left
   * neighbour gains focus (reported as the console's own focus change, whoever closed it).
   */
  closeTab(key: string, origin: ChangeOrigin = {}): void {
    if (key === 'tasks') return;
    const index = this.#tabs.findIndex((tab) => tab.key === key);
    const closed = this.#tabs[index];
    if (index < 0 || !closed) return;
    this.#tabs.splice(index, 1);
    this.#tabEvent('closed', closed, origin.byBridge ?? false);
    if (this.#activeKey === key) {
      const next = this.#tabs[Math.max(0, index - 1)] ?? this.#tabs[0]!;
      this.#activate(next, false);
      this.changed();
      if (next.kind === 'record' && next.record) this.#announce(next);
      return;
    }
    this.changed();
  }

  /**
   * Opens the record's tab, or focuses it when open (screen pop SOBJECT; workspace API openTab),
   * and loads its fields. `focus: false` opens it behind the focused tab. Rejects (leaving a tab
   * that shows the error) when the id is not a record id of a known type or the org does not
   * return it. A new tab is reported opened, and focused, once its record is loaded.
   */
  async openRecord(recordId: string, options: ChangeOrigin & { focus?: boolean } = {}): Promise<RecordTab> {
    const byBridge = options.byBridge ?? false;
    const focus = options.focus ?? true;
    const objectType = await this.objectTypeOf(recordId);
    if (!objectType) throw new Error(`"${recordId}" is not a record id the console knows (Lead, Contact, Account, Case, Task, LiveChatTranscript or an object of the org).`);
    const existing = this.#tabs.find((tab): tab is RecordTab => tab.kind === 'record' && tab.recordId.slice(0, 15) === recordId.slice(0, 15));
    const tab: RecordTab = existing ?? { kind: 'record', key: `ctab${this.#recordTabSerial++}`, recordId, objectType, title: recordId };
    if (!existing) this.#tabs.push(tab);
    const moved = focus && this.#activeKey !== tab.key;
    if (focus) this.#activeKey = tab.key;
    this.changed();
    await this.#load(tab);
    const stillOpen = this.#tabs.includes(tab);
    if (!existing && stillOpen) this.#tabEvent('opened', tab, byBridge);
    if (moved && stillOpen && this.#activeKey === tab.key) this.#tabEvent('focused', tab, byBridge);
    if (this.#activeKey === tab.key && tab.record) this.#announce(tab);
    if (tab.error) throw new Error(tab.error);
    return tab;
  }

  /**
   * The sObject type of a record id: from the standard key prefixes, else from the org's
   * describeGlobal (`GET /sobjects`, read once), which names custom objects' prefixes too.
   * Undefined for a malformed id or a prefix the org does not know.
   */
  async objectTypeOf(recordId: string): Promise<string | undefined> {
    if (!isRecordId(recordId)) return undefined;
    const standard = objectTypeOfId(recordId);
    if (standard) return standard;
    this.#keyPrefixes ??= this.#rest.describeGlobal().then((objects) => new Map(objects.filter((o) => o.keyPrefix !== '').map((o) => [o.keyPrefix, o.name])));
    const prefixes = this.#keyPrefixes;
    try {
      return (await prefixes).get(recordId.slice(0, 3));
    } catch (error) {
      if (this.#keyPrefixes === prefixes) this.#keyPrefixes = undefined; // ask again next time
      throw error;
    }
  }

  async #load(tab: RecordTab): Promise<void> {
    try {
      const record = await this.#rest.getRecord(tab.objectType, tab.recordId);
      tab.record = record;
      tab.error = undefined;
      tab.title = recordNameOf(tab.objectType, record, tab.recordId);
    } catch (error) {
      tab.error = messageOf(error);
    }
    this.changed();
  }

  /** Reloads the focused tab's data (Open CTI refreshView). */
  async refreshView(): Promise<void> {
    const tab = this.activeTab;
    if (tab.kind === 'record') await this.#load(tab);
    else if (tab.kind === 'search') await this.#runSearch(tab);
    else if (tab.kind === 'tasks') await this.refreshTasks();
  }

  /** Opens a 'Search: <text>' tab with the SOSL results (screen pop SEARCH). */
  async openSearch(searchString: string): Promise<SearchTab> {
    const tab: SearchTab = { kind: 'search', key: `search-${++this.#searchSerial}`, searchString, title: `Search: ${searchString}` };
    this.#add(tab, false);
    this.#activate(tab, false);
    this.changed();
    await this.#runSearch(tab);
    return tab;
  }

  async #runSearch(tab: SearchTab): Promise<void> {
    try {
      tab.results = await this.#rest.search(searchSosl(tab.searchString));
      tab.error = undefined;
    } catch (error) {
      tab.error = messageOf(error);
    }
    this.changed();
  }

  /** Opens a 'Flow: <flowDevName>' tab listing the flow's input variables (screen pop FLOW). */
  openFlow(flowDevName: string, args: readonly FlowArgument[]): FlowTab {
    const tab: FlowTab = { kind: 'flow', key: `flow-${++this.#flowSerial}`, flowDevName, args, title: `Flow: ${flowDevName}` };
    this.#add(tab, false);
    this.#activate(tab, false);
    this.changed();
    return tab;
  }

  /** Opens (or focuses) the admins' rule tester tab. */
  openRuleTester(): RuleTesterTab {
    let tab = this.#tabs.find((candidate): candidate is RuleTesterTab => candidate.kind === 'rule-tester');
    if (!tab) {
      tab = { kind: 'rule-tester', key: 'rule-tester', title: 'Rule tester' };
      this.#add(tab, false);
    }
    this.#activate(tab, false);
    this.changed();
    return tab;
  }

  /** Reads the org's Tasks for the Tasks home tab. */
  async refreshTasks(): Promise<void> {
    try {
      this.tasks.rows = await this.#rest.query(TASK_LIST_SOQL);
      this.tasks.error = undefined;
    } catch (error) {
      this.tasks.error = messageOf(error);
    }
    this.tasks.refreshedAt = new Date();
    this.changed();
  }

  /** Opens the 'New <Entity>' dialog with the default field values prefilled (screen pop NEW_RECORD_MODAL). */
  openNewRecordModal(entityName: string, defaultFieldValues: Readonly<Record<string, unknown>> = {}): void {
    const fields: Record<string, string> = {};
    for (const name of NEW_RECORD_FIELDS[entityName] ?? []) fields[name] = '';
    for (const [name, value] of Object.entries(defaultFieldValues)) {
      if (/^[A-Za-z][A-Za-z0-9_]*$/.test(name) && value !== null && value !== undefined) fields[name] = String(value);
    }
    this.modal = { entityName, fields, saving: false };
    this.changed();
  }

  /** Cancel in the new-record dialog. */
  cancelModal(): void {
    this.modal = undefined;
    this.changed();
  }

  /** Save in the new-record dialog: creates the record (REST POST) and opens its tab. */
  async saveModal(): Promise<void> {
    const modal = this.modal;
    if (!modal || modal.saving) return;
    modal.saving = true;
    modal.error = undefined;
    this.changed();
    const values = Object.fromEntries(Object.entries(modal.fields).filter(([, value]) => value.trim() !== ''));
    try {
      const id = await this.#rest.createRecord(modal.entityName, values);
      this.modal = undefined;
      this.changed();
      await this.openRecord(id).catch(() => undefined);
    } catch (error) {
      modal.saving = false;
      modal.error = messageOf(error);
      this.changed();
    }
  }

  /** Open CTI saveLog: creates (`entityApiName`) or updates (`Id`) a record; resolves with its id. */
  async saveLog(value: Readonly<Record<string, unknown>>): Promise<string> {
    const { entityApiName, Id, ...fields } = value;
    if (typeof Id === 'string' && Id !== '') {
      const objectType = objectTypeOfId(Id);
      if (!objectType) throw new Error(`saveLog: "${Id}" is not a record id the console knows.`);
      await this.#rest.updateRecord(objectType, Id, fields);
      return Id;
    }
    if (typeof entityApiName !== 'string' || entityApiName === '') throw new Error('saveLog needs value.entityApiName (create) or value.Id (update).');
    return this.#rest.createRecord(entityApiName, fields);
  }

  /** Phone-number search for searchAndScreenPop. */
  async searchPhone(searchParams: string): Promise<SObjectRecord[]> {
    return this.#rest.search(
      `FIND {${escapeSosl(searchParams)}} IN PHONE FIELDS RETURNING Lead(Id, Name, Phone), Contact(Id, Name, Phone), Account(Id, Name, Phone)`,
    );
  }
}
