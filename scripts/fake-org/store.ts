/**
 * The fake org's in-memory state: one or more orgs (Salesforce organizations), each with
 * its records per sObject, its features (which optional objects exist), its clock, its
 * search index, its daily API request allocation and usage, and the faults a test asked it
 * to show.
 */
import { convertFields, formatDateTime, type FieldValue, type WriteMode } from './record-values.ts';
import { SalesforceApiError, entityIsDeleted, invalidType, notFound, serverUnavailable } from './salesforce-error.ts';
import { idChecksum, isSalesforceId, makeId, toId18 } from './salesforce-id.ts';
import { allSObjects, findField, findSObject, sObjectOfId, type FieldDef, type OrgFeature, type SObjectDef } from './schema.ts';
import { listViewOf, type ListViewDefinition, type ListViewSeed } from './list-views.ts';

/** A stored record: field API name -> value, always with `Id`. */
export type SfRecord = Record<string, FieldValue>;

/**
 * What a test can make an org do (control API `POST /__fake-org/orgs/:orgId/faults`):
 * - `sessionExpired`: every API request answers 401 INVALID_SESSION_ID;
 * - `unavailable`: 503 SERVER_UNAVAILABLE;
 * - `requestLimit`: 403 REQUEST_LIMIT_EXCEEDED;
 * - `hang`: the answer is held back for `ms` milliseconds, or until faults are cleared.
 * With `times`, the fault applies to the next `times` API requests only.
 */
export interface Fault {
  kind: 'sessionExpired' | 'unavailable' | 'requestLimit' | 'hang';
  times?: number;
  ms?: number;
}

/** The kinds of {@link Fault}. */
export const FAULT_KINDS: readonly Fault['kind'][] = ['sessionExpired', 'unavailable', 'requestLimit', 'hang'];

/** Records per sObject, created in the order given. */
export type SeedRecords = Record<string, Array<Record<string, unknown>>>;

/**
 * Seed data: records per sObject, created in the order given. A record may carry
 * `"$ref": "name"`; a later field value `"@name"` is replaced by that record's id.
 * `featureRecords` are created after `records`, each group only in an org that has the
 * feature (the demo's chat transcripts only where legacy Chat is on); `@name` references
 * reach across the groups. `listViews` are the org's list views (list-views.ts). Other keys
 * (the demo fixture's `callers`, read by the local console) are ignored.
 */
export interface OrgSeed {
  records?: SeedRecords;
  featureRecords?: Partial<Record<OrgFeature, SeedRecords>>;
  listViews?: ListViewSeed[];
}

/** Which optional objects an org has (see schema.ts `SObjectDef.feature`). */
export interface OrgFeatures {
  /** Legacy Chat: LiveChatTranscript exists. */
  legacyChat: boolean;
  /** Messaging: MessagingSession, MessagingEndUser and MessagingChannel exist. */
  messaging: boolean;
}

/**
 * The org's ContactPad SIP Edge setting (the protected custom setting ContactPad_SIP_Edge__c that
 * force-app ships, organization default values): what the SIP credential endpoint signs with.
 * `sipSecret` null: the setting is not filled in (SIP_EDGE_NOT_CONFIGURED). See apex-rest.ts.
 */
export interface SipEdgeSetting {
  /** SIP_Secret__c: the secret shared with the SIP server (Kamailio auth_ephemeral). */
  sipSecret: string | null;
  /** TURN_Secret__c: the TURN server's shared secret; null: no TURN credential is issued. */
  turnSecret: string | null;
  /** Credential_Lifetime_Minutes__c; null: the endpoint's default (720). */
  lifetimeMinutes: number | null;
}

/** Whether an Apex class is deployed in the org and the API user may run it (profile or permission set class access). */
export interface ApexClassAccess {
  deployed: boolean;
  access: boolean;
}

/**
 * The features of a new org unless told otherwise: Messaging, no legacy Chat. Legacy Chat
 * (Live Agent, LiveChatTranscript) retires on 14 February 2026 and new orgs cannot turn it
 * on; Messaging for In-App and Web ("Enhanced Chat") is its successor (issue 8 and
 * ../shared/design/SALESFORCE-NOTES.md; public notice e.g. trufflecorp.com "Legacy Chat Is
 * Retiring", which also notes that migrated queues gain the Messaging User and Messaging
 * Session objects). Salesforce's own retirement article was not read: unverified.
 */
export const DEFAULT_FEATURES: OrgFeatures = { legacyChat: false, messaging: true };

/**
 * How long, by default, a record written through the REST API waits before SOSL finds it.
 * Salesforce indexes for search asynchronously: "The indexes are created using the search
 * indexing servers, which also generate and asynchronously process queue entries of newly
 * created or modified data. These servers generally process queues of fewer than 9,000
 * records in 1 to 3 minutes. [...] Until the records are indexed, they do not show up in
 * searches" (Best Practices for Deployments with Large Data Volumes, "Search Architecture",
 * https://developer.salesforce.com/docs/platform/salesforce-large-data-volumes-bp/guide/ldv-deployments-concepts-search-architecture.html;
 * quoted in salesforce.stackexchange.com question 62826, where an API-created Contact took
 * "about 5 or 10 minutes" to show in search). The upper end of the usual case: 3 minutes.
 */
export const DEFAULT_SEARCH_INDEX_DELAY_SECONDS = 180;

/** Options for a new org. */
export interface CreateOrgOptions {
  seed?: OrgSeed;
  /** Daily API request allocation (`Sforce-Limit-Info` LIMIT); 15000 by default. */
  dailyLimit?: number;
  /** Requests already spent today. */
  apiUsed?: number;
  name?: string;
  /**
   * Whether the org has the project's shipped custom metadata records (screen-pop rules and
   * settings, as force-app deploys them); true by default. A seed may add more.
   */
  customMetadata?: boolean;
  /** Which optional objects exist; {@link DEFAULT_FEATURES} for what is not given. */
  features?: Partial<OrgFeatures>;
  /** Seconds before a REST API write is found by SOSL; {@link DEFAULT_SEARCH_INDEX_DELAY_SECONDS} by default. */
  searchIndexDelaySeconds?: number;
}

/**
 * What SOSL can see of one record: the values the search index holds (undefined until the
 * record is first indexed) and the writes still waiting to be indexed, oldest first.
 */
interface IndexEntry {
  indexed?: SfRecord;
  queue: Array<{ values: SfRecord; writtenAt: number }>;
}

const ORG_KEY_PREFIX = '00D';
/** The API version a blob field's URL names (the newest the fake org serves: api-handlers.ts VERSIONS). */
const BLOB_URL_VERSION = '68.0';
/** ContentVersion.FileType by the PathOnClient's extension (a subset; others are UNKNOWN). */
const FILE_TYPES: Readonly<Record<string, string>> = { txt: 'TEXT', csv: 'CSV', pdf: 'PDF', png: 'PNG', jpg: 'JPG', jpeg: 'JPG' };
const AGENT_USER = { Username: 'agent1@contactpad.example', FirstName: 'Agent', LastName: 'One', Alias: 'agent1', Email: 'agent1@contactpad.example' };

function randomSecret(): string {
  const bytes = new Uint8Array(24);
  crypto.getRandomValues(bytes);
  let text = '';
  for (const b of bytes) text += 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._'.charAt(b % 64);
  return `AQ${text}`;
}

/** One Salesforce org: records, API usage, faults. */
export class FakeOrg {
  /** 18-character organization id (`00D...`). */
  readonly orgId: string;
  readonly name: string;
  /** A session id for this org, `<15-char org id>!<secret>`, as Salesforce issues them. */
  readonly accessToken: string;
  /** The org's integration user, owner of records created through the API. */
  readonly userId: string;
  dailyLimit: number;
  apiUsed: number;
  faults: Fault[] = [];
  /** The org's list views (list-views.ts), in the order they were set up. */
  listViews: ListViewDefinition[] = [];
  private tables = new Map<string, Map<string, SfRecord>>();
  private serial: number;
  private autoNumber = 1000;
  private customNames = new Map<string, string>();
  private releaseHangs = new Set<() => void>();
  private hiddenObjects = new Set<string>();
  private hiddenFields = new Set<string>();
  /** The search index per record id (see {@link indexedValues}). */
  private searchIndex = new Map<string, IndexEntry>();
  /** Blob fields' contents (base64) by `<record id>/<field>`; the record holds the URL to them (ContentVersion.VersionData). */
  private blobs = new Map<string, string>();
  /** The store's clock (real time plus the store-wide offset). */
  private readonly storeNow: () => Date;
  /** This org's own clock offset, moved by the control API (`POST /__fake-org/orgs/:orgId/clock`). */
  private clockOffsetMs = 0;
  private readonly deployed: OrgSeed | undefined;
  /** Which optional objects exist in this org. */
  readonly features: OrgFeatures;
  /** Seconds before a REST API write shows in SOSL (see {@link DEFAULT_SEARCH_INDEX_DELAY_SECONDS}). */
  searchIndexDelaySeconds: number;

  private readonly options: CreateOrgOptions;
  private readonly baseSerial: number;
  /**
   * Sessions that belong to a user other than the org's integration user (a token -> a User id):
   * the running user of an Apex REST call. Kept across {@link reset} (logins, not data).
   */
  private readonly sessionUsers = new Map<string, string>();
  /** The org's own ContactPad SIP Edge setting; undefined: the store-wide one applies (FakeOrgStore.sipEdge). */
  sipEdge: SipEdgeSetting | undefined;
  /** Apex classes a test took away (not deployed, or no access); every other project class is deployed and granted. */
  readonly apexClasses = new Map<string, ApexClassAccess>();

  constructor(serial: number, options: CreateOrgOptions, now: () => Date, deployed?: OrgSeed) {
    this.orgId = makeId(ORG_KEY_PREFIX, serial, '000');
    this.name = options.name ?? 'ContactPad Test Org';
    this.accessToken = `${this.orgId.slice(0, 15)}!${randomSecret()}`;
    this.dailyLimit = options.dailyLimit ?? 15000;
    this.apiUsed = options.apiUsed ?? 0;
    this.storeNow = now;
    this.options = options;
    this.features = { ...DEFAULT_FEATURES, ...options.features };
    this.searchIndexDelaySeconds = options.searchIndexDelaySeconds ?? DEFAULT_SEARCH_INDEX_DELAY_SECONDS;
    this.deployed = options.customMetadata === false ? undefined : deployed;
    this.baseSerial = 10_000 + serial * 100_000;
    this.serial = this.baseSerial;
    this.userId = this.insert('User', AGENT_USER, 'seed').Id as string;
    if (this.deployed) this.seed(this.deployed);
    if (options.seed) this.seed(options.seed);
  }

  /** Puts the org back as it was created: same records, same ids, no faults, usage reset, clock and search delay as created. */
  reset(): void {
    this.clearFaults();
    this.sipEdge = undefined;
    this.apexClasses.clear();
    this.tables = new Map();
    this.listViews = [];
    this.customNames = new Map();
    this.hiddenObjects = new Set();
    this.hiddenFields = new Set();
    this.searchIndex = new Map();
    this.blobs = new Map();
    this.clockOffsetMs = 0;
    this.searchIndexDelaySeconds = this.options.searchIndexDelaySeconds ?? DEFAULT_SEARCH_INDEX_DELAY_SECONDS;
    this.serial = this.baseSerial;
    this.autoNumber = 1000;
    this.apiUsed = this.options.apiUsed ?? 0;
    this.dailyLimit = this.options.dailyLimit ?? 15000;
    this.insert('User', AGENT_USER, 'seed');
    if (this.deployed) this.seed(this.deployed);
    if (this.options.seed) this.seed(this.options.seed);
  }

  /** The org's current time: the store's clock plus this org's offset. Stamps and index readiness use it. */
  now(): Date {
    return new Date(this.storeNow().getTime() + this.clockOffsetMs);
  }

  /** Moves this org's clock forward by `seconds` (a test's way to let time pass). */
  advanceClock(seconds: number): void {
    this.clockOffsetMs += Math.round(seconds * 1000);
  }

  /** Seconds this org's own clock is ahead of the store's. */
  clockOffsetSeconds(): number {
    return this.clockOffsetMs / 1000;
  }

  /**
   * A new session of `userId` in this org (`<15-char org id>!<secret>`, as Salesforce issues
   * them): what a user's browser holds after logging in. The user must be an active User.
   */
  createSession(userId: string): string {
    const token = `${this.orgId.slice(0, 15)}!${randomSecret()}`;
    this.bindSession(token, userId);
    return token;
  }

  /** Makes `token` a session of `userId` (the local console's fixed session is its agent's). */
  bindSession(token: string, userId: string): void {
    const user = this.byId(userId);
    if (!user || sObjectOfId(userId)?.name !== 'User') throw new SalesforceApiError(400, 'INVALID_CROSS_REFERENCE_KEY', `No User with id ${userId}`);
    this.sessionUsers.set(token, user.Id as string);
  }

  /** The user a session runs as: the one it was created or bound for, else the org's integration user. */
  sessionUserId(token: string): string {
    return this.sessionUsers.get(token) ?? this.userId;
  }

  /**
   * Creates the records of a seed (`$ref` / `@ref` resolved): `records`, then each
   * `featureRecords` group the org has the feature for.
   */
  seed(seed: OrgSeed): void {
    const refs = new Map<string, string>();
    const groups: SeedRecords[] = [seed.records ?? {}];
    for (const [feature, records] of Object.entries(seed.featureRecords ?? {}) as Array<[OrgFeature, SeedRecords]>) {
      if (this.features[feature]) groups.push(records);
    }
    for (const group of groups) {
      for (const [sobject, records] of Object.entries(group)) {
        for (const raw of records) {
          const fields: Record<string, unknown> = {};
          let ref: string | undefined;
          for (const [key, value] of Object.entries(raw)) {
            if (key === '$ref') ref = String(value);
            else if (typeof value === 'string' && value.startsWith('@') && refs.has(value.slice(1))) fields[key] = refs.get(value.slice(1));
            else fields[key] = value;
          }
          const record = this.insert(sobject, fields, 'seed');
          if (ref) refs.set(ref, record.Id as string);
        }
      }
    }
    for (const view of seed.listViews ?? []) {
      this.serial += 1;
      this.listViews.push(listViewOf(view, this.serial));
    }
  }

  /**
   * Whether the object exists in this org: always, unless it comes with a feature the org
   * lacks (LiveChatTranscript without legacy Chat, the Messaging objects without Messaging).
   * An object that does not exist answers as Salesforce answers for a name it does not know
   * (the way an org without a feature answers for that feature's objects):
   * - describe and every `/sobjects/X...` resource, writes included: 404
   *   `[{"errorCode":"NOT_FOUND","message":"The requested resource does not exist"}]`
   *   (api-handlers.ts; github.com/sorenkrabbe/Chrome-Salesforce-inspector issue 62 records it
   *   for describe, github.com/electricimp/Salesforce issue 11 for a POST to an object the
   *   org lacks);
   * - absent from `GET /sobjects` (describeGlobal);
   * - SOQL and SOSL: 400 INVALID_TYPE "sObject type 'X' is not supported. If you are
   *   attempting to use a custom object, be sure to append the '__c' after the entity name.
   *   Please reference your WSDL or the describe call for the appropriate names." after the
   *   `ERROR at Row:1:Column:N` locator (github.com/vlocityinc/vlocity_build issue 446 records
   *   it for objects of a feature the org did not have; SalesforceLabs/QuotaEdit issue 24 and
   *   mshanemc/processBuilderBlocks issue 2 show the same message for features not enabled);
   * - the control API and seeds: the same INVALID_TYPE body.
   */
  hasObject(def: SObjectDef): boolean {
    return def.feature === undefined || this.features[def.feature];
  }

  /** The sObject `name` when it exists in this org and the API user may see it. */
  visibleSObject(name: string): SObjectDef | undefined {
    const def = findSObject(name);
    return def && this.hasObject(def) && !this.hiddenObjects.has(def.name.toLowerCase()) ? def : undefined;
  }

  /** The fields of `sobject` the API user may see (field-level security). */
  visibleFields(sobject: SObjectDef): FieldDef[] {
    return sobject.fields.filter((field) => !this.hiddenFields.has(`${sobject.name}.${field.name}`.toLowerCase()));
  }

  /**
   * Field-level security and object access, as a test arranges them (control API
   * `PUT /__fake-org/orgs/:orgId/visibility`): a hidden object answers describe with 404
   * and queries with INVALID_TYPE; a hidden field is missing from describe and queries
   * answer INVALID_FIELD for it. Records keep their values.
   */
  setVisibility(sobjectName: string, fieldName: string | undefined, visible: boolean): void {
    const def = this.definition(sobjectName);
    if (fieldName === undefined) {
      if (visible) this.hiddenObjects.delete(def.name.toLowerCase());
      else this.hiddenObjects.add(def.name.toLowerCase());
      return;
    }
    const field = findField(def, fieldName);
    if (!field) throw new SalesforceApiError(400, 'INVALID_FIELD', `No such column '${fieldName}' on sobject of type ${def.name}`);
    const key = `${def.name}.${field.name}`.toLowerCase();
    if (visible) this.hiddenFields.delete(key);
    else this.hiddenFields.add(key);
  }

  /** What is hidden: `Object` and `Object.Field` names. */
  hidden(): string[] {
    return [...this.hiddenObjects, ...this.hiddenFields].sort();
  }

  /** The sObject `name` whatever the user may see (control API, seeds), or INVALID_TYPE when the org has no such object. */
  definition(name: string): SObjectDef {
    const def = findSObject(name);
    if (!def || !this.hasObject(def)) throw invalidType(name);
    return def;
  }

  /** The canonical API name of a field (custom fields keep their first-seen spelling). */
  canonicalName(sobject: SObjectDef, field: FieldDef): string {
    if (!field.name.endsWith('__c')) return field.name;
    const key = `${sobject.name}.${field.name.toLowerCase()}`;
    const known = this.customNames.get(key);
    if (known) return known;
    this.customNames.set(key, field.name);
    return field.name;
  }

  /** The field of `sobject` named `name`, under its canonical name; undefined when unknown or hidden. */
  field(sobject: SObjectDef, name: string): FieldDef | undefined {
    const field = findField(sobject, name);
    if (!field || this.hiddenFields.has(`${sobject.name}.${field.name}`.toLowerCase())) return undefined;
    return field.name.endsWith('__c') ? { ...field, name: this.canonicalName(sobject, field) } : field;
  }

  private table(sobject: string): Map<string, SfRecord> {
    let table = this.tables.get(sobject);
    if (!table) {
      table = new Map();
      this.tables.set(sobject, table);
    }
    return table;
  }

  /** True when a record with this (15- or 18-char) id exists (and is not in the Recycle Bin). */
  exists(id: string): boolean {
    return this.byId(id) !== undefined;
  }

  /** The record with this id, of any sObject (not one in the Recycle Bin). */
  byId(id: string): SfRecord | undefined {
    if (!isSalesforceId(id)) return undefined;
    const def = sObjectOfId(id);
    const record = def ? this.table(def.name).get(toId18(id)) : undefined;
    return record && record.IsDeleted !== true ? record : undefined;
  }

  /** All records of an sObject, oldest first (the Recycle Bin's too with `includeDeleted`, as `queryAll` sees them). */
  list(sobject: string, includeDeleted = false): SfRecord[] {
    const records = [...this.table(this.definition(sobject).name).values()];
    return includeDeleted ? records : records.filter((record) => record.IsDeleted !== true);
  }

  /** Creates a record (REST `POST /sobjects/X`, or a seed); throws Salesforce errors. */
  insert(sobjectName: string, body: Record<string, unknown>, mode: WriteMode = 'create'): SfRecord {
    const def = this.definition(sobjectName);
    const { Id: givenId, ...rest } = body;
    const values = convertFields(def, mode === 'seed' ? rest : body, mode, (id) => this.exists(id), (field) => this.canonicalName(def, field));
    this.checkOwner(def, values, mode);
    let id: string;
    if (mode === 'seed' && typeof givenId === 'string' && isSalesforceId(givenId) && givenId.startsWith(def.keyPrefix)) {
      id = toId18(givenId);
    } else {
      this.serial += 1;
      id = makeId(def.keyPrefix, this.serial);
    }
    const stamp = formatDateTime(this.now());
    const record: SfRecord = {};
    for (const field of def.fields) record[field.name] = field.defaultValue ?? null;
    if (def.customMetadata) {
      Object.assign(record, { Id: id, SystemModstamp: stamp });
    } else {
      Object.assign(record, {
        Id: id,
        IsDeleted: false,
        CreatedDate: stamp,
        CreatedById: this.userId ?? id,
        LastModifiedDate: stamp,
        LastModifiedById: this.userId ?? id,
        SystemModstamp: stamp,
      });
    }
    if ('OwnerId' in record) record.OwnerId = this.userId ?? null;
    if (def.name === 'Case') record.CaseNumber = String(++this.autoNumber).padStart(8, '0');
    if (def.name === 'LiveChatTranscript' || def.name === 'MessagingSession') record.Name = String(++this.autoNumber).padStart(8, '0');
    if (def.name === 'ContactPad_Callback_Request__c') record.Name = `CB-${String(++this.autoNumber).padStart(6, '0')}`;
    for (const [name, value] of values) record[name] = value;
    this.keepBlobs(def, record);
    derive(def, record);
    this.deriveLinks(def, record);
    this.table(def.name).set(id, record);
    if (def.name === 'ContentVersion') this.publishVersion(record);
    this.recordWrite(def, record, mode);
    return record;
  }

  /** The base64 content of a record's blob field, if it has one (REST `GET /sobjects/X/id/Field` serves it). */
  blob(id: string, field: string): string | undefined {
    return this.blobs.get(`${toId18(id)}/${field}`);
  }

  /**
   * Blob fields are read back as the URL of their binary: a ContentVersion's VersionData in a
   * query or a GET is "/services/data/vXX.X/sobjects/ContentVersion/<id>/VersionData" (REST
   * "sObject Blob Retrieve", .../api_rest/resources_sobject_blob_retrieve.htm; its example reads a
   * Document's Body the same way). The URL names the newest API version the fake org serves,
   * whatever version wrote it (Salesforce names the version of the request: a deviation).
   */
  private keepBlobs(def: SObjectDef, record: SfRecord): void {
    for (const field of def.fields) {
      if (field.type !== 'base64' || typeof record[field.name] !== 'string') continue;
      this.blobs.set(`${record.Id as string}/${field.name}`, record[field.name] as string);
      record[field.name] = `/services/data/v${BLOB_URL_VERSION}/sobjects/${def.name}/${record.Id as string}/${field.name}`;
    }
  }

  /**
   * A new ContentVersion without ContentDocumentId makes its file: a ContentDocument (Title,
   * FileType, size, LatestPublishedVersionId) linked to its owner (ContentDocumentLink, ShareType I)
   * and, when FirstPublishLocationId names a record, to that record (ShareType V, Visibility
   * AllUsers): Object Reference, ContentVersion FirstPublishLocationId ("When a file is created,
   * it's automatically linked to the record, and PublishStatus will change to Public";
   * "If FirstPublishLocationId is left blank, it defaults to the user's ID"), and ContentDocument
   * ("To create a document, create a new version via the ContentVersion object without setting the
   * ContentDocumentId. This automatically creates a parent document record"). The links' ShareType
   * and Visibility are unverified (what the Files related list shows for an attached file). A
   * version of an existing document (ContentDocumentId given) is stored as it is: revisions are not
   * modelled. FileType: TEXT for .txt, CSV, PDF, PNG, JPG, else UNKNOWN (a subset).
   */
  private publishVersion(version: SfRecord): void {
    const base64 = this.blobs.get(`${version.Id as string}/VersionData`) ?? '';
    const padding = base64.endsWith('==') ? 2 : base64.endsWith('=') ? 1 : 0;
    const extension = /\.([A-Za-z0-9]+)$/.exec(String(version.PathOnClient ?? ''))?.[1]?.toLowerCase() ?? '';
    const owner = version.OwnerId as string;
    const location = typeof version.FirstPublishLocationId === 'string' ? version.FirstPublishLocationId : owner;
    Object.assign(version, {
      ContentSize: (base64.length / 4) * 3 - padding,
      FileExtension: extension || null,
      FileType: FILE_TYPES[extension] ?? 'UNKNOWN',
      VersionNumber: '1',
      IsLatest: true,
      FirstPublishLocationId: location,
      PublishStatus: location === owner ? 'R' : 'P',
    });
    if (typeof version.ContentDocumentId === 'string') return;
    const document = this.insert(
      'ContentDocument',
      { Title: version.Title, FileType: version.FileType, FileExtension: version.FileExtension, ContentSize: version.ContentSize, LatestPublishedVersionId: version.Id, PublishStatus: version.PublishStatus },
      'seed',
    );
    version.ContentDocumentId = document.Id as string;
    this.insert('ContentDocumentLink', { ContentDocumentId: document.Id, LinkedEntityId: owner, ShareType: 'I', Visibility: 'AllUsers' }, 'seed');
    if (location !== owner) this.insert('ContentDocumentLink', { ContentDocumentId: document.Id, LinkedEntityId: location, ShareType: 'V', Visibility: 'AllUsers' }, 'seed');
  }

  /** Updates a record (REST `PATCH /sobjects/X/id`); NOT_FOUND when it does not exist. */
  update(sobjectName: string, id: string, body: Record<string, unknown>, mode: WriteMode = 'update'): SfRecord {
    const def = this.definition(sobjectName);
    const record = this.find(def, id);
    const values = convertFields(def, body, mode, (ref) => this.exists(ref), (field) => this.canonicalName(def, field));
    this.checkOwner(def, values, mode);
    for (const [name, value] of values) record[name] = value;
    this.keepBlobs(def, record);
    derive(def, record);
    this.deriveLinks(def, record);
    const stamp = formatDateTime(this.now());
    if (!def.customMetadata) record.LastModifiedDate = stamp;
    record.SystemModstamp = stamp;
    this.recordWrite(def, record, mode);
    return record;
  }

  /**
   * Fields Salesforce fills from related records: a MessagingSession's channel type, name and
   * key come from its MessagingChannel, its end user's contact and account from its
   * MessagingEndUser (see schema.ts). Only where the related record is there.
   */
  private deriveLinks(def: SObjectDef, record: SfRecord): void {
    if (def.name === 'CampaignMember') return this.deriveCampaignMember(record);
    if (def.name !== 'MessagingSession') return;
    const channel = typeof record.MessagingChannelId === 'string' ? this.byId(record.MessagingChannelId) : undefined;
    if (channel) {
      record.ChannelType = channel.MessageType ?? null;
      record.ChannelName = channel.MasterLabel ?? null;
      record.ChannelKey = channel.MessagingPlatformKey ?? null;
    }
    const endUser = typeof record.MessagingEndUserId === 'string' ? this.byId(record.MessagingEndUserId) : undefined;
    if (endUser) {
      record.EndUserContactId = endUser.ContactId ?? null;
      record.EndUserAccountId = endUser.AccountId ?? null;
    }
  }

  /**
   * A CampaignMember's person fields are its Lead's or Contact's (read-only in the Object
   * Reference, see schema.ts); without a Status it takes the campaign's default member status
   * (CampaignMemberStatus IsDefault), and HasResponded follows the status's HasResponded.
   */
  private deriveCampaignMember(record: SfRecord): void {
    const personId = typeof record.ContactId === 'string' ? record.ContactId : typeof record.LeadId === 'string' ? record.LeadId : null;
    const person = personId ? this.byId(personId) : undefined;
    record.LeadOrContactId = personId;
    record.Type = person ? (typeof record.ContactId === 'string' ? 'Contact' : 'Lead') : null;
    if (person) {
      const account = typeof person.AccountId === 'string' ? this.byId(person.AccountId) : undefined;
      for (const field of ['Name', 'FirstName', 'LastName', 'Title', 'Phone', 'MobilePhone', 'Email']) record[field] = person[field] ?? null;
      record.CompanyOrAccount = (record.Type === 'Lead' ? person.Company : account?.Name) ?? null;
      record.City = (person.City ?? person.MailingCity) ?? null;
      record.State = (person.State ?? person.MailingState) ?? null;
      record.Country = (person.Country ?? person.MailingCountry) ?? null;
      record.DoNotCall = person.DoNotCall === true;
    }
    const statuses = [...this.table('CampaignMemberStatus').values()].filter((status) => status.CampaignId === record.CampaignId);
    if (record.Status === null || record.Status === undefined) record.Status = statuses.find((status) => status.IsDefault === true)?.Label ?? null;
    record.HasResponded = statuses.some((status) => status.Label === record.Status && status.HasResponded === true);
  }

  /**
   * Keeps the search index in step with a write. Seeds and the control API stand for data
   * that was there before the test: indexed at once. A REST API write (composite included)
   * joins the indexing queue: SOSL keeps matching what the index held before (nothing, for a
   * new record) until the org's delay has passed (see {@link DEFAULT_SEARCH_INDEX_DELAY_SECONDS}).
   */
  private recordWrite(def: SObjectDef, record: SfRecord, mode: WriteMode): void {
    if (def.customMetadata) return;
    const id = record.Id as string;
    const values = { ...record };
    if (mode === 'seed' || mode === 'seed-update') {
      this.searchIndex.set(id, { indexed: values, queue: [] });
      return;
    }
    const entry = this.searchIndex.get(id) ?? { queue: [] };
    entry.queue.push({ values, writtenAt: this.now().getTime() });
    this.searchIndex.set(id, entry);
  }

  /**
   * The values of `record` the search index holds now, or undefined when it is not indexed
   * yet. SOSL matches its search term against these; what it returns are the record's current
   * values (Salesforce finds ids in its search index, then reads the records: a record changed
   * since it was indexed is found by its old values and shown with its new ones). Queued
   * writes older than the org's delay are indexed first, in order. The delay in force when
   * SOSL runs applies to every queued write.
   */
  indexedValues(record: SfRecord): SfRecord | undefined {
    const entry = this.searchIndex.get(record.Id as string);
    if (!entry) return undefined;
    const readyBefore = this.now().getTime() - this.searchIndexDelaySeconds * 1000;
    while (entry.queue.length > 0 && (entry.queue[0]?.writtenAt ?? Infinity) <= readyBefore) {
      entry.indexed = entry.queue.shift()?.values;
    }
    return entry.indexed;
  }

  /**
   * Deletes a record (REST `DELETE /sobjects/X/id`): like Salesforce, it goes to the Recycle
   * Bin (`IsDeleted` true), where queries no longer see it, `queryAll` still does, and a GET,
   * PATCH or DELETE of it answers 404 ENTITY_IS_DELETED. Custom metadata records (deleted
   * through the control API) are gone for good.
   */
  remove(sobjectName: string, id: string): void {
    const def = this.definition(sobjectName);
    const record = this.find(def, id);
    if (def.customMetadata) {
      this.table(def.name).delete(record.Id as string);
      return;
    }
    const stamp = formatDateTime(this.now());
    Object.assign(record, { IsDeleted: true, LastModifiedDate: stamp, SystemModstamp: stamp });
  }

  /** The record `id` of `def`: NOT_FOUND when there is none, ENTITY_IS_DELETED when it is in the Recycle Bin. */
  find(def: SObjectDef, id: string): SfRecord {
    if (!isSalesforceId(id) || !id.startsWith(def.keyPrefix)) throw notFound();
    const record = this.table(def.name).get(toId18(id));
    if (!record) throw notFound();
    if (record.IsDeleted === true) throw entityIsDeleted();
    return record;
  }

  /**
   * Checks a new OwnerId as Salesforce does on an API create or update (seeds and the control
   * API are trusted). A queue owns only the objects it supports (its QueueSobject rows), and a
   * Group that is not a queue owns nothing: FIELD_INTEGRITY_EXCEPTION "Owner ID: id value of
   * incorrect type: <id>" on [OwnerId], the answer Salesforce gives for a queue or group where
   * the object takes none (reported from real orgs in github.com/mshanemc/roundRobinProcessBuilder
   * issue 24 and apex-enterprise-patterns/fflib-apex-common issue 293). An inactive user cannot
   * own a Case, Lead or Contact: INACTIVE_OWNER_OR_USER "operation performed with inactive user
   * [<id>] as owner of case" (help.salesforce.com knowledge article 000205862 names the code and
   * message). An id of another object (MALFORMED_ID, FIELD_INTEGRITY_EXCEPTION) or of no record
   * (INVALID_CROSS_REFERENCE_KEY) was refused before, by convertFields.
   */
  private checkOwner(def: SObjectDef, values: Map<string, FieldValue>, mode: WriteMode): void {
    const ownerId = values.get('OwnerId');
    if ((mode !== 'create' && mode !== 'update') || typeof ownerId !== 'string') return;
    const owner = this.byId(ownerId);
    const ownerType = sObjectOfId(ownerId)?.name;
    if (ownerType === 'Group') {
      const supported = owner?.Type === 'Queue'
        && this.list('QueueSobject').some((row) => row.QueueId === ownerId && row.SobjectType === def.name);
      if (!supported) throw new SalesforceApiError(400, 'FIELD_INTEGRITY_EXCEPTION', `Owner ID: id value of incorrect type: ${ownerId}`, ['OwnerId']);
    }
    if (ownerType === 'User' && owner?.IsActive === false) {
      const entity = def.name.charAt(0).toLowerCase() + def.name.slice(1);
      throw new SalesforceApiError(400, 'INACTIVE_OWNER_OR_USER', `operation performed with inactive user [${ownerId}] as owner of ${entity}`, ['OwnerId']);
    }
  }

  /** A copy of all records, to roll back an `allOrNone` composite request. */
  snapshot(): () => void {
    const saved = new Map([...this.tables].map(([name, table]) => [name, new Map([...table].map(([id, r]) => [id, { ...r }]))]));
    const index = new Map([...this.searchIndex].map(([id, entry]) => [id, { indexed: entry.indexed, queue: [...entry.queue] }]));
    const blobs = new Map(this.blobs);
    const serial = this.serial;
    const autoNumber = this.autoNumber;
    return () => {
      this.tables = saved;
      this.searchIndex = index;
      this.blobs = blobs;
      this.serial = serial;
      this.autoNumber = autoNumber;
    };
  }

  /** Adds a fault (see {@link Fault}). */
  addFault(fault: Fault): void {
    this.faults.push({ ...fault });
  }

  /** Clears every fault and releases every hung request. */
  clearFaults(): void {
    this.faults = [];
    for (const release of this.releaseHangs) release();
    this.releaseHangs.clear();
  }

  /**
   * Applies the org's faults to one incoming API request: waits out a `hang`, then
   * returns the error a fault calls for, if any. Each fault with `times` is spent once.
   */
  // The fault answers: 401 INVALID_SESSION_ID "Session expired or invalid" and 403
  // REQUEST_LIMIT_EXCEEDED "TotalRequests Limit exceeded." as errorcodes.htm lists them
  // (messages as commonly recorded, e.g. jsforce's error handling); 503 SERVER_UNAVAILABLE as
  // serverUnavailable() answers it (salesforce-error.ts cites its status, code and message).
  // The 401's body is Salesforce's list of errors, [{"message":"Session expired or invalid",
  // "errorCode":"INVALID_SESSION_ID"}] (api-response.ts): REST API Developer Guide, "Status Codes
  // and Error Responses" (developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/
  // errorcodes.htm): "401: The session ID or OAuth token used has expired or is invalid. The
  // response body contains the message and errorCode."; the code by "Error Handling for Session
  // Expiration" (api_meta/meta_error_handling_session_exp.htm): "When your session expires, the
  // exception code INVALID_SESSION_ID is returned." A `times` fault is one expiry the next
  // requests see while later ones with the same token are taken again, as ContactPad meets it
  // during a shift (issue 13).
  async applyFaults(): Promise<SalesforceApiError | undefined> {
    const hang = this.take('hang');
    if (hang) await this.hang(hang.ms);
    const fault = this.faults.find((f) => f.kind !== 'hang');
    if (!fault) return undefined;
    this.spend(fault);
    switch (fault.kind) {
      case 'sessionExpired':
        return new SalesforceApiError(401, 'INVALID_SESSION_ID', 'Session expired or invalid');
      case 'unavailable':
        return serverUnavailable();
      default:
        return new SalesforceApiError(403, 'REQUEST_LIMIT_EXCEEDED', 'TotalRequests Limit exceeded.');
    }
  }

  private take(kind: Fault['kind']): Fault | undefined {
    const fault = this.faults.find((f) => f.kind === kind);
    if (fault) this.spend(fault);
    return fault;
  }

  private spend(fault: Fault): void {
    if (fault.times === undefined) return;
    fault.times -= 1;
    if (fault.times <= 0) this.faults = this.faults.filter((f) => f !== fault);
  }

  private hang(ms: number | undefined): Promise<void> {
    return new Promise((resolve) => {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const release = () => {
        if (timer !== undefined) clearTimeout(timer);
        this.releaseHangs.delete(release);
        resolve();
      };
      this.releaseHangs.add(release);
      if (ms !== undefined && ms >= 0) timer = setTimeout(release, ms);
    });
  }
}

function derive(def: SObjectDef, record: SfRecord): void {
  if (def.name === 'Lead' || def.name === 'Contact' || def.name === 'User') {
    record.Name = [record.FirstName, record.LastName].filter((part) => typeof part === 'string' && part !== '').join(' ');
  }
  if (def.name === 'Task') record.IsClosed = record.Status === 'Completed';
  if (def.name === 'Case') record.IsClosed = record.Status === 'Closed';
  if (def.customMetadata) {
    record.Label = record.MasterLabel ?? null;
    record.QualifiedApiName = record.DeveloperName ?? null;
  }
}

/**
 * All orgs of the fake Salesforce, with the DEFAULT org (the local console's) that takes
 * any token naming no known org.
 */
export class FakeOrgStore {
  private orgs = new Map<string, FakeOrg>();
  private count = 0;
  private readonly realNow: () => Date;
  /** How far the store-wide fake clock is ahead of real time (`POST /__fake-org/clock`). */
  private clockOffsetMs = 0;
  /** The store's clock: real time (or the injected `now`) plus the store-wide offset; every org's clock builds on it. */
  readonly now = (): Date => new Date(this.realNow().getTime() + this.clockOffsetMs);
  /** Named seeds a new org may ask for (`{ "seed": "demo" }`). */
  readonly namedSeeds: Map<string, OrgSeed>;
  /** Records every org has because force-app deployed them (the shipped custom metadata). */
  private readonly deployed: OrgSeed | undefined;
  defaultOrg: FakeOrg;
  /**
   * The ContactPad SIP Edge setting of every org without its own (FakeOrg.sipEdge): the local
   * console and the test servers give the fake org the secret they give the SIP server, once.
   */
  sipEdge: SipEdgeSetting | undefined;

  constructor(options: { defaultOrg?: CreateOrgOptions; namedSeeds?: Record<string, OrgSeed>; now?: () => Date; deployed?: OrgSeed; sipEdge?: SipEdgeSetting } = {}) {
    this.realNow = options.now ?? (() => new Date());
    this.sipEdge = options.sipEdge;
    this.namedSeeds = new Map(Object.entries(options.namedSeeds ?? {}));
    this.deployed = options.deployed;
    this.defaultOrg = this.createOrg({ name: 'ContactPad Local Console', ...options.defaultOrg });
  }

  /** Moves every org's clock forward by `seconds` (control API `POST /__fake-org/clock`). */
  advanceClock(seconds: number): void {
    this.clockOffsetMs += Math.round(seconds * 1000);
  }

  /** Seconds the store-wide clock is ahead of real time. */
  clockOffsetSeconds(): number {
    return this.clockOffsetMs / 1000;
  }

  /** Creates an org (control API `POST /__fake-org/orgs`). */
  createOrg(options: CreateOrgOptions = {}): FakeOrg {
    this.count += 1;
    const org = new FakeOrg(this.count, options, this.now, this.deployed);
    this.orgs.set(org.orgId, org);
    return org;
  }

  /** The org with this 15- or 18-character id; `default` names the DEFAULT org. */
  getOrg(orgId: string): FakeOrg | undefined {
    if (orgId === 'default') return this.defaultOrg;
    if (!isSalesforceId(orgId)) return undefined;
    return this.orgs.get(orgId.length === 15 ? orgId + idChecksum(orgId) : toId18(orgId));
  }

  /**
   * The org a bearer token belongs to: the org named by the token's org id prefix
   * (`00D...!secret`), else the DEFAULT org. Undefined for a missing or empty token.
   */
  orgForToken(token: string | undefined): FakeOrg | undefined {
    if (!token) return undefined;
    const prefix = token.split('!')[0] ?? '';
    return this.getOrg(prefix === 'default' ? '' : prefix) ?? this.defaultOrg;
  }

  /** The SIP Edge setting `org` signs with: its own, else the store-wide one (none: not configured). */
  sipEdgeOf(org: FakeOrg): SipEdgeSetting | undefined {
    return org.sipEdge ?? this.sipEdge;
  }

  /** Every sObject this fake org knows. */
  sobjectNames(): string[] {
    return allSObjects().map((s) => s.name);
  }
}

export { SalesforceApiError };
