/**
 * The sObjects the fake org knows, with the standard fields ContactPad and its tests
 * touch: Salesforce's describe metadata, reduced (name, label, type, reference targets,
 * relationship name, picklist values, which fields are read-only or required).
 *
 * Sources (each object cites its own page below): the Object Reference for the Salesforce
 * Platform, https://developer.salesforce.com/docs/platform/object-reference/references/standard-objects/object-<name>.html
 * (formerly https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_<name>.htm).
 * Where the live page could not be read whole, the API 63.0 (Spring '25) text of the same
 * reference, split per object in github.com/koichiro-o/wip (salesforce/standard_objects/<Name>.md),
 * was read instead. A field's "Properties" there map onto this file as: no "Create" and no
 * "Update" -> `readOnly`; "Create" without "Update" -> `createOnly`; not "Nillable" and not
 * "Defaulted on create" -> `required`.
 *
 * The fake org plays an org where force-app is deployed: the project's custom fields are
 * declared with their real types (Task.ContactPad_Caller_Number__c, Case.ContactPad_Web_Phone__c
 * and LiveChatTranscript.ContactPad_Visitor_Phone__c are Phone fields, so SOSL `IN PHONE
 * FIELDS` searches them), and so are the custom metadata types (screen-pop rules and
 * settings, dialing lists and outbound setting). Any other custom field (a name ending in `__c`) is accepted on every object as
 * a text field that may serve as an External ID.
 *
 * Some objects exist only where the org has the feature (`feature`): LiveChatTranscript
 * where legacy Chat is on (it was retired on 14 Feb 2026 and new orgs cannot turn it on),
 * MessagingSession / MessagingEndUser / MessagingChannel where Messaging (for In-App and
 * Web, WhatsApp...) is set up. In an org without the feature the object does not exist: see
 * store.ts (`FakeOrg.hasObject`) for what Salesforce answers then.
 *
 * Phone fields, honestly: only fields of type `phone` are searched by `IN PHONE FIELDS`.
 * Case.SuppliedPhone ("Web Phone") is a Text field in Salesforce, and is modelled as one, so
 * a phone search never finds it (hence the custom Phone field on Case).
 */

/** An org feature that brings objects with it (see {@link SObjectDef.feature}). */
export type OrgFeature = 'legacyChat' | 'messaging';

/** A Salesforce field type (describe `type`). */
export type FieldType =
  | 'id' | 'string' | 'textarea' | 'phone' | 'email' | 'url' | 'boolean' | 'int' | 'double'
  | 'date' | 'datetime' | 'reference' | 'picklist'
  /** A blob (ContentVersion.VersionData): written as base64 in JSON, read back as a URL to the binary (api-handlers.ts). */
  | 'base64';

/** One field of an sObject (describe `fields[]`). */
export interface FieldDef {
  name: string;
  label: string;
  type: FieldType;
  /** For references: the sObjects the id may point at (polymorphic when several). */
  referenceTo?: string[];
  /** For references: the name used in relationship paths (`Account.Name`). */
  relationshipName?: string;
  /** Not writable through the API (system fields, formulas, auto-numbers). */
  readOnly?: boolean;
  /** Writable on create only (the reference lists "Create" but not "Update"): an API update is refused. */
  createOnly?: boolean;
  /** Must be given on create (`REQUIRED_FIELD_MISSING`). */
  required?: boolean;
  /**
   * A seed or the control API (trusted data "that was there before the test") may leave this
   * required field empty, to stand for data a test needs and the API would not create (a
   * MessagingSession whose end user is gone). Not a Salesforce notion.
   */
  seedMayOmit?: boolean;
  picklistValues?: string[];
  /** A restricted picklist rejects other values (`INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST`). */
  restricted?: boolean;
  /** Value given on create when none is sent. */
  defaultValue?: string | boolean | number;
  /** Searched by SOSL `IN NAME FIELDS`. */
  nameField?: boolean;
  externalId?: boolean;
  /** A custom field (describe `custom: true`). */
  custom?: boolean;
  /** Text length when it is not the type's usual one (a custom Text(80) field: 80). */
  length?: number;
}

/** One sObject type (describe). */
export interface SObjectDef {
  name: string;
  label: string;
  labelPlural: string;
  keyPrefix: string;
  fields: FieldDef[];
  /** A custom metadata type (`__mdt`): queryable by SOQL, not searchable, no owner or audit dates. */
  customMetadata?: boolean;
  /** false for setup objects SOSL does not search (Group, QueueSobject...); see {@link isSearchable}. */
  searchable?: boolean;
  /** The org feature the object comes with; without it the object does not exist in the org. */
  feature?: OrgFeature;
}

const f = (name: string, label: string, type: FieldType, extra: Partial<FieldDef> = {}): FieldDef => ({ name, label, type, ...extra });
const ref = (name: string, label: string, referenceTo: string[], relationshipName: string, extra: Partial<FieldDef> = {}): FieldDef =>
  f(name, label, 'reference', { referenceTo, relationshipName, ...extra });

/**
 * The system fields; `owners` are the types an owned record's OwnerId may name (Case and Lead
 * may be owned by a queue, a Group of Type Queue: describe says `referenceTo: ["Group", "User"]`).
 */
const system = (owned: boolean, owners: string[] = ['User']): FieldDef[] => [
  f('Id', 'Record ID', 'id', { readOnly: true }),
  f('IsDeleted', 'Deleted', 'boolean', { readOnly: true }),
  ...(owned ? [ref('OwnerId', 'Owner ID', owners, 'Owner')] : []),
  f('CreatedDate', 'Created Date', 'datetime', { readOnly: true }),
  ref('CreatedById', 'Created By ID', ['User'], 'CreatedBy', { readOnly: true }),
  f('LastModifiedDate', 'Last Modified Date', 'datetime', { readOnly: true }),
  ref('LastModifiedById', 'Last Modified By ID', ['User'], 'LastModifiedBy', { readOnly: true }),
  f('SystemModstamp', 'System Modstamp', 'datetime', { readOnly: true }),
];

const personName = (): FieldDef[] => [
  f('Salutation', 'Salutation', 'picklist', { picklistValues: ['Mr.', 'Ms.', 'Mrs.', 'Dr.', 'Prof.'] }),
  f('FirstName', 'First Name', 'string', { nameField: true }),
  f('LastName', 'Last Name', 'string', { required: true, nameField: true }),
  f('Name', 'Full Name', 'string', { readOnly: true, nameField: true }),
];

/**
 * Task.WhatId ("Related To ID") may point only at the objects the Task reference lists under
 * "Refers To" for WhatId (polymorphic, relationship name What):
 * https://developer.salesforce.com/docs/platform/object-reference/references/standard-objects/object-task.html
 * The API 63.0 text of that reference (github.com/koichiro-o/wip,
 * salesforce/standard_objects/Task.md) lists: Account, Accreditation,
 * AssessmentIndicatorDefinition, AssessmentTask, AssessmentTaskContentDocument,
 * AssessmentTaskDefinition, AssessmentTaskOrder, Asset, AssetRelationship, AssignedResource,
 * Award, BoardCertification, BusinessLicense, BusinessMilestone, BusinessProfile, Campaign,
 * CareBarrier, CareBarrierDeterminant, CareBarrierType, CareDeterminant, CareDeterminantType,
 * CareDiagnosis, CareInterventionType, CareMetricTarget, CareObservation,
 * CareObservationComponent, CarePgmProvHealthcareProvider, CarePreauth, CarePreauthItem,
 * CareProgram, CareProgramCampaign, CareProgramEligibilityRule, CareProgramEnrollee,
 * CareProgramEnrolleeProduct, CareProgramEnrollmentCard, CareProgramGoal, CareProgramProduct,
 * CareProgramProvider, CareProgramTeamMember, CareProviderAdverseAction,
 * CareProviderFacilitySpecialty, CareProviderSearchableField, CareRegisteredDevice,
 * CareRequest, CareRequestDrug, CareRequestExtension, CareRequestItem, CareSpecialty,
 * CareSpecialtyTaxonomy, CareTaxonomy, Case, CommSubscriptionConsent, ContactEncounter,
 * ContactEncounterParticipant, ContactRequest, Contract, CoverageBenefit, CoverageBenefitItem,
 * CreditMemo, DelegatedAccount, DocumentChecklistItem, EnrollmentEligibilityCriteria,
 * HealthcareFacility, HealthcareFacilityNetwork, HealthcarePayerNetwork,
 * HealthcarePractitionerFacility, HealthcareProvider, HealthcareProviderNpi,
 * HealthcareProviderSpecialty, HealthcareProviderTaxonomy, IdentityDocument, Image,
 * IndividualApplication, Invoice, ListEmail, Location, MemberPlan, Opportunity, Order,
 * OtherComponentTask, PartyConsent, PersonLifeEvent, PlanBenefit, PlanBenefitItem,
 * ProcessException, Product2, ProductItem, ProductRequest, ProductRequestLineItem,
 * ProductTransfer, PurchaserPlan, ReceivedDocument, ResourceAbsence, ReturnOrder,
 * ReturnOrderLineItem, ServiceAppointment, ServiceResource, Shift, Shipment, ShipmentItem,
 * Solution, Visit, VisitedParty, VolunteerProject, WorkOrder, WorkOrderLineItem
 * (plus custom objects with activities allowed). Neither LiveChatTranscript nor
 * MessagingSession is among them. The fake org knows Account, Campaign and Case of that list; an id of
 * any other object is refused (FIELD_INTEGRITY_EXCEPTION, see record-values.ts), which is
 * stricter than Salesforce for the listed objects the fake does not model (Opportunity...).
 * WhoId ("Name ID", relationship Who) refers to Contact, Lead.
 */
const TASK_WHAT_TARGETS = ['Account', 'Campaign', 'Case'];
const TASK_WHO_TARGETS = ['Contact', 'Lead'];

/**
 * What a file may be linked to (ContentVersion.FirstPublishLocationId, ContentDocumentLink.LinkedEntityId):
 * of the long "Refers To" lists of both references (identical; the API 63.0 text in
 * github.com/koichiro-o/wip), the objects the fake org knows.
 */
const FILE_LINK_TARGETS = ['Account', 'Campaign', 'Case', 'Contact', 'Lead', 'Task', 'User'];

const SOBJECTS: SObjectDef[] = [
  {
    // https://developer.salesforce.com/docs/platform/object-reference/references/standard-objects/object-account.html
    name: 'Account', label: 'Account', labelPlural: 'Accounts', keyPrefix: '001',
    fields: [
      ...system(true),
      f('Name', 'Account Name', 'string', { required: true, nameField: true }),
      f('Type', 'Account Type', 'picklist', {
        picklistValues: ['Prospect', 'Customer - Direct', 'Customer - Channel', 'Channel Partner / Reseller', 'Installation Partner', 'Technology Partner', 'Former Customer', 'Other'],
      }),
      f('AccountNumber', 'Account Number', 'string'),
      f('Phone', 'Account Phone', 'phone'),
      f('Fax', 'Account Fax', 'phone'),
      f('Website', 'Website', 'url'),
      f('Industry', 'Industry', 'picklist', { picklistValues: ['Banking', 'Education', 'Healthcare', 'Hospitality', 'Retail', 'Technology', 'Other'] }),
      f('BillingStreet', 'Billing Street', 'textarea'),
      f('BillingCity', 'Billing City', 'string'),
      f('BillingState', 'Billing State/Province', 'string'),
      f('BillingPostalCode', 'Billing Zip/Postal Code', 'string'),
      f('BillingCountry', 'Billing Country', 'string'),
      f('Description', 'Account Description', 'textarea'),
    ],
  },
  {
    // https://developer.salesforce.com/docs/platform/object-reference/references/standard-objects/object-contact.html
    name: 'Contact', label: 'Contact', labelPlural: 'Contacts', keyPrefix: '003',
    fields: [
      ...system(true),
      ...personName(),
      ref('AccountId', 'Account ID', ['Account'], 'Account'),
      f('Title', 'Title', 'string'),
      f('Department', 'Department', 'string'),
      f('Email', 'Email', 'email'),
      f('Phone', 'Business Phone', 'phone'),
      f('MobilePhone', 'Mobile Phone', 'phone'),
      f('HomePhone', 'Home Phone', 'phone'),
      f('OtherPhone', 'Other Phone', 'phone'),
      f('AssistantPhone', 'Asst. Phone', 'phone'),
      f('Fax', 'Business Fax', 'phone'),
      f('MailingCity', 'Mailing City', 'string'),
      f('MailingState', 'Mailing State/Province', 'string'),
      f('MailingCountry', 'Mailing Country', 'string'),
      f('LeadSource', 'Lead Source', 'picklist', { picklistValues: ['Web', 'Phone Inquiry', 'Partner Referral', 'Purchased List', 'Other'] }),
      // "Indicates that the contact doesn't want to receive calls." Properties: Create, Defaulted on create, Filter, Group, Sort, Update.
      f('DoNotCall', 'Do Not Call', 'boolean', { defaultValue: false }),
      f('Description', 'Contact Description', 'textarea'),
    ],
  },
  {
    // https://developer.salesforce.com/docs/platform/object-reference/references/standard-objects/object-lead.html
    name: 'Lead', label: 'Lead', labelPlural: 'Leads', keyPrefix: '00Q',
    fields: [
      ...system(true, ['Group', 'User']),
      ...personName(),
      f('Company', 'Company', 'string', { required: true, nameField: true }),
      f('Title', 'Title', 'string'),
      f('Email', 'Email', 'email'),
      f('Phone', 'Phone', 'phone'),
      f('MobilePhone', 'Mobile Phone', 'phone'),
      f('Fax', 'Fax', 'phone'),
      f('City', 'City', 'string'),
      f('State', 'State/Province', 'string'),
      f('Country', 'Country', 'string'),
      f('Status', 'Status', 'picklist', {
        picklistValues: ['Open - Not Contacted', 'Working - Contacted', 'Closed - Converted', 'Closed - Not Converted'],
        defaultValue: 'Open - Not Contacted',
      }),
      f('LeadSource', 'Lead Source', 'picklist', { picklistValues: ['Web', 'Phone Inquiry', 'Partner Referral', 'Purchased List', 'Other'] }),
      f('Rating', 'Rating', 'picklist', { picklistValues: ['Hot', 'Warm', 'Cold'] }),
      f('IsConverted', 'Converted', 'boolean', { readOnly: true, defaultValue: false }),
      f('ConvertedDate', 'Converted Date', 'date', { readOnly: true }),
      ref('ConvertedAccountId', 'Converted Account ID', ['Account'], 'ConvertedAccount', { readOnly: true }),
      ref('ConvertedContactId', 'Converted Contact ID', ['Contact'], 'ConvertedContact', { readOnly: true }),
      // Field Reference, Lead (developer.salesforce.com/docs/platform/field-reference/references/field-reference/salesforce-field-reference-lead.html):
      // "DoNotCall | Do Not Call | boolean" (the API 63.0 Object Reference text does not list it yet).
      f('DoNotCall', 'Do Not Call', 'boolean', { defaultValue: false }),
      f('Description', 'Description', 'textarea'),
    ],
  },
  {
    // https://developer.salesforce.com/docs/platform/object-reference/references/standard-objects/object-case.html
    name: 'Case', label: 'Case', labelPlural: 'Cases', keyPrefix: '500',
    fields: [
      ...system(true, ['Group', 'User']),
      f('CaseNumber', 'Case Number', 'string', { readOnly: true, nameField: true }),
      ref('AccountId', 'Account ID', ['Account'], 'Account'),
      ref('ContactId', 'Contact ID', ['Contact'], 'Contact'),
      f('Subject', 'Subject', 'string'),
      f('Description', 'Description', 'textarea'),
      f('Status', 'Status', 'picklist', { picklistValues: ['New', 'Working', 'Escalated', 'Closed'], defaultValue: 'New' }),
      f('Priority', 'Priority', 'picklist', { picklistValues: ['High', 'Medium', 'Low'], defaultValue: 'Medium' }),
      f('Origin', 'Case Origin', 'picklist', { picklistValues: ['Phone', 'Email', 'Web', 'Chat'] }),
      f('SuppliedName', 'Web Name', 'string'),
      f('SuppliedEmail', 'Web Email', 'email'),
      f('SuppliedPhone', 'Web Phone', 'string'),
      f('IsClosed', 'Closed', 'boolean', { readOnly: true, defaultValue: false }),
      f('ContactPad_Web_Phone__c', 'Web Phone (searchable)', 'phone', { custom: true }),
      // force-app: Text(36), External ID, Unique: a problem report's own id, so a retried report never makes a second Case.
      f('ContactPad_Report_Id__c', 'ContactPad Report Id', 'string', { custom: true, externalId: true, length: 36 }),
    ],
  },
  {
    // https://developer.salesforce.com/docs/platform/object-reference/references/standard-objects/object-contentversion.html
    // (the API 63.0 text: github.com/koichiro-o/wip salesforce/standard_objects/ContentVersion.md). Key
    // prefix 068 (Standard Field Record ID Prefix Decoder, as kept in github.com/grokify/go-salesforce
    // entityprefixes.csv). A file's version: inserting one without ContentDocumentId makes the file (a
    // ContentDocument) and, with FirstPublishLocationId, links it to that record ("When a file is
    // created, it's automatically linked to the record"): store.ts publishVersion. VersionData
    // ("base64 | Create, Nillable, Update") is kept apart and read back as a URL (api-handlers.ts).
    name: 'ContentVersion', label: 'Content Version', labelPlural: 'Content Versions', keyPrefix: '068',
    fields: [
      ...system(true),
      // "Title | string | Create, Filter, Group, idLookup, Sort, Update": not Nillable, so required.
      f('Title', 'Title', 'string', { required: true, nameField: true }),
      f('PathOnClient', 'Path On Client', 'string', { createOnly: true }),
      f('VersionData', 'Version Data', 'base64'),
      f('Description', 'Description', 'textarea', { length: 1000 }),
      f('ReasonForChange', 'Reason For Change', 'string'),
      ref('FirstPublishLocationId', 'First Publish Location ID', FILE_LINK_TARGETS, 'FirstPublishLocation', { createOnly: true }),
      ref('ContentDocumentId', 'ContentDocument ID', ['ContentDocument'], 'ContentDocument', { createOnly: true }),
      f('ContentLocation', 'Content Location', 'picklist', { picklistValues: ['S', 'E', 'L'], restricted: true, defaultValue: 'S', createOnly: true }),
      f('Origin', 'Content Origin', 'picklist', { picklistValues: ['C', 'H'], restricted: true, defaultValue: 'C', createOnly: true }),
      f('FileType', 'File Type', 'string', { readOnly: true }),
      f('FileExtension', 'File Extension', 'string', { readOnly: true }),
      f('ContentSize', 'Size', 'int', { readOnly: true }),
      f('IsLatest', 'Is Latest', 'boolean', { readOnly: true, defaultValue: true }),
      f('VersionNumber', 'Version Number', 'string', { readOnly: true }),
      f('PublishStatus', 'Publish Status', 'picklist', { picklistValues: ['P', 'R', 'U'], readOnly: true }),
    ],
  },
  {
    // https://developer.salesforce.com/docs/platform/object-reference/references/standard-objects/object-contentdocument.html
    // Key prefix 069 (the same decoder). The file a version belongs to; made by the first version's insert.
    name: 'ContentDocument', label: 'Content Document', labelPlural: 'Content Documents', keyPrefix: '069',
    searchable: false,
    fields: [
      ...system(true),
      f('Title', 'Title', 'string', { nameField: true }),
      f('Description', 'Description', 'textarea'),
      f('FileType', 'File Type', 'string', { readOnly: true }),
      f('FileExtension', 'File Extension', 'string', { readOnly: true }),
      f('ContentSize', 'Size', 'int', { readOnly: true }),
      ref('LatestPublishedVersionId', 'Latest Published Version ID', ['ContentVersion'], 'LatestPublishedVersion', { readOnly: true }),
      f('PublishStatus', 'Publish Status', 'picklist', { picklistValues: ['P', 'R', 'U'], readOnly: true }),
    ],
  },
  {
    // https://developer.salesforce.com/docs/platform/object-reference/references/standard-objects/object-contentdocumentlink.html
    // (github.com/koichiro-o/wip salesforce/standard_objects/ContentDocumentLink.md). Key prefix 06A
    // (the same decoder). Where a file is shared: a record's Files related list reads these.
    // Not modelled: "A SOQL query must filter on one of Id, ContentDocumentId, or LinkedEntityId".
    name: 'ContentDocumentLink', label: 'Content Document Link', labelPlural: 'Content Document Links', keyPrefix: '06A',
    searchable: false,
    fields: [
      f('Id', 'Content Document Link ID', 'id', { readOnly: true }),
      f('IsDeleted', 'Deleted', 'boolean', { readOnly: true }),
      f('SystemModstamp', 'System Modstamp', 'datetime', { readOnly: true }),
      ref('ContentDocumentId', 'ContentDocument ID', ['ContentDocument'], 'ContentDocument', { required: true, createOnly: true }),
      ref('LinkedEntityId', 'Linked Entity ID', FILE_LINK_TARGETS, 'LinkedEntity', { required: true, createOnly: true }),
      f('ShareType', 'Share Type', 'picklist', { picklistValues: ['V', 'C', 'I'], restricted: true }),
      f('Visibility', 'Visibility', 'picklist', { picklistValues: ['AllUsers', 'InternalUsers', 'SharedUsers'] }),
    ],
  },
  {
    // https://developer.salesforce.com/docs/platform/object-reference/references/standard-objects/object-task.html
    // (custom fields: force-app/main/default/objects/Activity/fields/)
    name: 'Task', label: 'Task', labelPlural: 'Tasks', keyPrefix: '00T',
    fields: [
      ...system(true),
      ref('WhoId', 'Name ID', TASK_WHO_TARGETS, 'Who'),
      ref('WhatId', 'Related To ID', TASK_WHAT_TARGETS, 'What'),
      f('Subject', 'Subject', 'string', { nameField: true }),
      f('ActivityDate', 'Due Date Only', 'date'),
      f('Status', 'Status', 'picklist', {
        picklistValues: ['Not Started', 'In Progress', 'Completed', 'Waiting on someone else', 'Deferred'],
        defaultValue: 'Not Started',
      }),
      f('Priority', 'Priority', 'picklist', { picklistValues: ['High', 'Normal', 'Low'], defaultValue: 'Normal' }),
      f('Description', 'Description', 'textarea'),
      f('Type', 'Type', 'picklist', { picklistValues: ['Call', 'Email', 'Meeting', 'Other'] }),
      f('TaskSubtype', 'Task Subtype', 'picklist', {
        picklistValues: ['Task', 'Email', 'ListEmail', 'Cadence', 'Call', 'LinkedIn'], restricted: true, defaultValue: 'Task',
      }),
      f('CallType', 'Call Type', 'picklist', { picklistValues: ['Internal', 'Inbound', 'Outbound'], restricted: true }),
      f('CallDurationInSeconds', 'Call Duration', 'int'),
      f('CallDisposition', 'Call Result', 'string'),
      f('CallObject', 'Call Object Identifier', 'string'),
      f('IsClosed', 'Closed', 'boolean', { readOnly: true, defaultValue: false }),
      // "Represents the time when the reminder is scheduled to fire, if IsReminderSet is set to
      // true"; IsReminderSet: Create, Defaulted on create, Update (a rescheduled calling attempt).
      f('ReminderDateTime', 'Reminder Date/Time', 'datetime'),
      f('IsReminderSet', 'Reminder Set', 'boolean', { defaultValue: false }),
      f('ContactPad_Interaction_Id__c', 'Interaction ID', 'string', { custom: true, externalId: true }),
      f('ContactPad_Caller_Number__c', 'Caller Number', 'phone', { custom: true }),
      f('ContactPad_Channel__c', 'Channel', 'string', { custom: true, length: 40 }),
      f('ContactPad_Status__c', 'Interaction Status', 'picklist', {
        custom: true, restricted: true, picklistValues: ['Waiting', 'Assigning', 'Assigned', 'Transferring', 'Ended', 'Failed'],
      }),
      // The Omni-Channel work item the activity logs (Chat Transcript 570, Messaging Session
      // 0Mw, Case 500): Text(18), since WhatId cannot point at a transcript or a session.
      f('ContactPad_Work_Item_Id__c', 'Work Item ID', 'string', { custom: true, length: 18 }),
    ],
  },
  {
    // https://developer.salesforce.com/docs/platform/object-reference/references/standard-objects/object-user.html
    name: 'User', label: 'User', labelPlural: 'Users', keyPrefix: '005',
    fields: [
      ...system(false),
      f('Username', 'Username', 'string', { required: true }),
      f('FirstName', 'First Name', 'string', { nameField: true }),
      f('LastName', 'Last Name', 'string', { required: true, nameField: true }),
      f('Name', 'Full Name', 'string', { readOnly: true, nameField: true }),
      f('Alias', 'Alias', 'string'),
      f('Email', 'Email', 'email'),
      f('Phone', 'Phone', 'phone'),
      f('MobilePhone', 'Mobile', 'phone'),
      f('Extension', 'Extension', 'phone'),
      f('IsActive', 'Active', 'boolean', { defaultValue: true }),
      // Salesforce requires a ProfileId on every user; the fake does not (the org's own user
      // "Agent One" and users that tests create have none unless given one).
      ref('ProfileId', 'Profile ID', ['Profile'], 'Profile'),
      f('ContactPad_SIP_User__c', 'ContactPad SIP User', 'string', { custom: true, length: 80 }),
      // The user's language and locale: restricted picklists Salesforce sets on every user (the
      // org's defaults when not chosen); a few of their values here.
      f('LanguageLocaleKey', 'Language', 'picklist', { picklistValues: ['en_US', 'en_GB', 'es', 'es_MX', 'de', 'fr', 'pt_BR', 'ja'], restricted: true, defaultValue: 'en_US' }),
      f('LocaleSidKey', 'Locale', 'picklist', { picklistValues: ['en_US', 'en_GB', 'es_ES', 'es_MX', 'de_DE', 'fr_FR', 'pt_BR', 'ja_JP'], restricted: true, defaultValue: 'en_US' }),
    ],
  },
  {
    // https://developer.salesforce.com/docs/platform/object-reference/references/standard-objects/object-group.html
    // Public groups, roles... and queues (Type 'Queue'): a queue owns the records of the
    // objects its QueueSobject rows name.
    name: 'Group', label: 'Group', labelPlural: 'Groups', keyPrefix: '00G', searchable: false,
    fields: [
      ...system(false),
      f('Name', 'Name', 'string', { required: true, nameField: true, length: 40 }),
      f('DeveloperName', 'Developer Name', 'string', { length: 80 }),
      f('Type', 'Type', 'picklist', {
        picklistValues: ['Regular', 'Role', 'RoleAndSubordinates', 'RoleAndSubordinatesInternal', 'Organization', 'Queue', 'Territory'],
        restricted: true, defaultValue: 'Regular',
      }),
      f('Email', 'Email', 'email'),
      f('DoesSendEmailToMembers', 'Send Email to Members', 'boolean', { defaultValue: false }),
      f('DoesIncludeBosses', 'Include Bosses', 'boolean', { defaultValue: true }),
    ],
  },
  {
    // https://developer.salesforce.com/docs/platform/object-reference/references/standard-objects/object-queuesobject.html
    // Which objects a queue supports ("Supported Objects" in Setup): one row per queue and object.
    name: 'QueueSobject', label: 'Queue Sobject', labelPlural: 'Queue Sobjects', keyPrefix: '03g', searchable: false,
    fields: [
      f('Id', 'Queue Sobject ID', 'id', { readOnly: true }),
      ref('QueueId', 'Group ID', ['Group'], 'Queue', { required: true }),
      f('SobjectType', 'Sobject Type', 'picklist', { required: true, restricted: true, picklistValues: ['Case', 'Lead', 'LiveChatTranscript', 'MessagingSession', 'Task'] }),
      ref('CreatedById', 'Created By ID', ['User'], 'CreatedBy', { readOnly: true }),
      f('SystemModstamp', 'System Modstamp', 'datetime', { readOnly: true }),
    ],
  },
  {
    // https://developer.salesforce.com/docs/platform/object-reference/references/standard-objects/object-servicepresencestatus.html
    // Omni-Channel presence statuses (Setup > Presence Statuses): what an agent can be in Omni-Channel.
    name: 'ServicePresenceStatus', label: 'Presence Status', labelPlural: 'Presence Statuses', keyPrefix: '0N5', searchable: false,
    fields: [
      ...system(false),
      f('DeveloperName', 'Developer Name', 'string', { required: true, length: 80 }),
      f('MasterLabel', 'Label', 'string', { required: true, nameField: true, length: 80 }),
      f('Language', 'Master Language', 'picklist', { defaultValue: 'en_US', picklistValues: ['en_US'] }),
    ],
  },
  {
    // https://developer.salesforce.com/docs/platform/object-reference/references/standard-objects/object-livechattranscript.html
    // Legacy Chat only (feature legacyChat). ContactPad_Visitor_Phone__c is shipped by
    // force-app-legacy-chat, deployed only where Chat is on.
    name: 'LiveChatTranscript', label: 'Chat Transcript', labelPlural: 'Chat Transcripts', keyPrefix: '570', feature: 'legacyChat',
    fields: [
      ...system(true),
      f('Name', 'Chat Transcript Name', 'string', { readOnly: true, nameField: true }),
      ref('ContactId', 'Contact ID', ['Contact'], 'Contact'),
      ref('LeadId', 'Lead ID', ['Lead'], 'Lead'),
      ref('AccountId', 'Account ID', ['Account'], 'Account'),
      ref('CaseId', 'Case ID', ['Case'], 'Case'),
      f('ChatKey', 'Chat Key', 'string'),
      f('Status', 'Status', 'picklist', { picklistValues: ['Waiting', 'InProgress', 'Completed', 'Missed'], restricted: true }),
      f('Body', 'Body', 'textarea'),
      f('StartTime', 'Start Time', 'datetime'),
      f('EndTime', 'End Time', 'datetime'),
      f('Location', 'Location', 'string'),
      f('ContactPad_Visitor_Phone__c', 'Visitor Phone', 'phone', { custom: true }),
    ],
  },
  {
    // https://developer.salesforce.com/docs/platform/object-reference/references/standard-objects/object-profile.html
    // Key prefix 00e: Salesforce's "Standard Field Record ID Prefix Decoder" (knowledge article
    // 000005995) as kept in github.com/grokify/go-salesforce entityprefixes.csv (PROFILE, 00e).
    name: 'Profile', label: 'Profile', labelPlural: 'Profiles', keyPrefix: '00e', searchable: false,
    fields: [
      ...system(false),
      f('Name', 'Name', 'string', { required: true, nameField: true }),
      f('Description', 'Description', 'string'),
    ],
  },
  {
    // https://developer.salesforce.com/docs/platform/object-reference/references/standard-objects/object-presenceuserconfig.html
    // (Omni-Channel presence configuration: capacity, auto-accept, decline). Supported calls
    // have no search(): not searchable. No OwnerId. Key prefix 0Nd: unverified (no public
    // source found; chosen as the prefix seen in orgs).
    name: 'PresenceUserConfig', label: 'Presence Configuration', labelPlural: 'Presence Configurations', keyPrefix: '0Nd', searchable: false,
    fields: [
      ...system(false),
      f('DeveloperName', 'Developer Name', 'string', { required: true, createOnly: true, length: 80 }),
      f('MasterLabel', 'Label', 'string', { required: true, createOnly: true, nameField: true, length: 80 }),
      f('Language', 'Language', 'picklist', { createOnly: true, restricted: true, picklistValues: ['en_US'] }),
      f('Capacity', 'Capacity', 'int', { required: true, createOnly: true }),
      // "Available only if OptionsIsDeclineEnabled is set to false" (and the other way round):
      // not enforced here.
      f('OptionsIsAutoAcceptEnabled', 'Automatically Accept Requests', 'boolean', { createOnly: true, defaultValue: false }),
      f('OptionsIsDeclineEnabled', 'Allow Agents to Decline Requests', 'boolean', { createOnly: true, defaultValue: false }),
      f('OptionsIsDeclineReasonEnabled', 'Allow Agents to Choose a Decline Reason', 'boolean', { createOnly: true, defaultValue: false }),
      f('OptionsIsRequestSoundEnabled', 'Request Sound Enabled', 'boolean', { createOnly: true, defaultValue: true }),
      f('OptionsIsDisconnectSoundEnabled', 'Disconnect Sound Enabled', 'boolean', { createOnly: true, defaultValue: false }),
      // Relationship names not given by the reference; chosen by Salesforce's usual Id -> name rule.
      ref('PresenceStatusOnDeclineId', 'Status on Decline', ['ServicePresenceStatus'], 'PresenceStatusOnDecline', { createOnly: true }),
      ref('PresenceStatusOnPushTimeoutId', 'Status on Push Timeout', ['ServicePresenceStatus'], 'PresenceStatusOnPushTimeout', { createOnly: true }),
    ],
  },
  {
    // https://developer.salesforce.com/docs/platform/object-reference/references/standard-objects/object-presenceuserconfiguser.html
    // A user's presence configuration; overrides the profile's (PresenceUserConfigProfile).
    // PresenceUserConfigId: relationship PresenceUserConfig (master-detail); UserId: relationship
    // User, Nillable. Key prefix 0Ne: unverified.
    name: 'PresenceUserConfigUser', label: 'Presence Configuration for User', labelPlural: 'Presence Configurations for Users', keyPrefix: '0Ne', searchable: false,
    fields: [
      ...system(false),
      ref('PresenceUserConfigId', 'Presence Configuration ID', ['PresenceUserConfig'], 'PresenceUserConfig', { required: true, createOnly: true }),
      ref('UserId', 'User ID', ['User'], 'User', { createOnly: true }),
    ],
  },
  {
    // https://developer.salesforce.com/docs/platform/object-reference/references/standard-objects/object-presenceuserconfigprofile.html
    // A profile's presence configuration. PresenceUserConfigId: relationship PresenceUserConfig;
    // ProfileId: relationship Profile, Nillable. Key prefix 0Nf: unverified.
    name: 'PresenceUserConfigProfile', label: 'Presence Configuration for Profile', labelPlural: 'Presence Configurations for Profiles', keyPrefix: '0Nf', searchable: false,
    fields: [
      ...system(false),
      ref('PresenceUserConfigId', 'Presence Configuration ID', ['PresenceUserConfig'], 'PresenceUserConfig', { required: true, createOnly: true }),
      ref('ProfileId', 'Profile ID', ['Profile'], 'Profile', { createOnly: true }),
    ],
  },
  {
    // https://developer.salesforce.com/docs/platform/object-reference/references/standard-objects/object-messagingchannel.html
    // Messaging only (feature messaging). Supported calls: create, describeLayout,
    // describeSObjects, query, retrieve, search, update, upsert (no delete, no OwnerId).
    // MessageType "EmbeddedMessaging" is Messaging for In-App and Web (API 50.0+).
    // IsActive is "Defaulted on create" without the default named: false chosen.
    // Key prefix 0Mj: unverified.
    name: 'MessagingChannel', label: 'Messaging Channel', labelPlural: 'Messaging Channels', keyPrefix: '0Mj', feature: 'messaging',
    fields: [
      ...system(false),
      f('DeveloperName', 'Developer Name', 'string', { required: true, length: 80 }),
      f('MasterLabel', 'Label', 'string', { required: true, nameField: true, length: 80 }),
      f('MessageType', 'Message Type', 'picklist', {
        required: true, restricted: true,
        picklistValues: ['AppleBusinessChat', 'Custom', 'EmbeddedMessaging', 'Facebook', 'Phone', 'Text', 'Voice', 'WhatsApp'],
      }),
      f('MessagingPlatformKey', 'Messaging Platform Key', 'string', { required: true }),
      f('IsActive', 'Active', 'boolean', { defaultValue: false }),
      f('IsoCountryCode', 'ISO Country Code', 'string', { createOnly: true, length: 2 }),
      f('PlatformType', 'Platform Type', 'picklist', { createOnly: true, restricted: true, picklistValues: ['Standard', 'Enhanced'] }),
      f('RoutingType', 'Routing Type', 'picklist', { restricted: true, picklistValues: ['OmniQueue', 'OmniSkills'] }),
      ref('TargetQueueId', 'Queue ID', ['Group'], 'TargetQueue'),
      f('ChannelAddressIdentifier', 'Channel Address Identifier', 'string', { readOnly: true }),
    ],
  },
  {
    // https://developer.salesforce.com/docs/platform/object-reference/references/standard-objects/object-messagingenduser.html
    // Messaging only. One address (a phone number, a Facebook page, a web visitor) talking to
    // one channel. MessagingPlatformKey: "The phone number, Facebook page ID, or unique key";
    // Salesforce Help "Messaging User Fields" (help.salesforce.com, service.livemessage_messaging_user_fields.htm):
    // for WhatsApp "the phone number associated with the messaging user's WhatsApp account".
    // Key prefix 0PA: unverified.
    name: 'MessagingEndUser', label: 'Messaging User', labelPlural: 'Messaging Users', keyPrefix: '0PA', feature: 'messaging',
    fields: [
      ...system(true, ['Group', 'User']),
      f('Name', 'Messaging User Name', 'string', { required: true, nameField: true }),
      f('MessagingPlatformKey', 'Messaging Platform Key', 'string', { required: true, createOnly: true }),
      f('MessageType', 'Message Type', 'picklist', {
        required: true, createOnly: true, restricted: true,
        picklistValues: ['AppleBusinessChat', 'Custom', 'EmbeddedMessaging', 'Facebook', 'Phone', 'Text', 'Voice', 'WhatsApp'],
      }),
      ref('MessagingChannelId', 'Messaging Channel ID', ['MessagingChannel'], 'MessagingChannel', { required: true, createOnly: true }),
      ref('ContactId', 'Contact ID', ['Contact'], 'Contact'),
      ref('AccountId', 'Account ID', ['Account'], 'Account'),
      ref('LeadId', 'Lead ID', ['Lead'], 'Lead'),
      f('IsoCountryCode', 'ISO Country Code', 'string', { createOnly: true, length: 2 }),
      f('Locale', 'Locale', 'string', { createOnly: true, length: 20 }),
      f('MessagingConsentStatus', 'Messaging Consent Status', 'picklist', {
        restricted: true, picklistValues: ['DoublyOptedIn', 'ExplicitlyOptedIn', 'ImplicitlyOptedIn', 'OptedOut'],
      }),
      f('HasInitialResponseSent', 'Has Initial Response Been Sent', 'boolean', { defaultValue: false }),
      f('IsFullyOptedIn', 'Opted In', 'boolean', { readOnly: true, defaultValue: false }),
      f('ProfilePictureUrl', 'Profile Picture URL', 'url', { createOnly: true }),
    ],
  },
  {
    // https://developer.salesforce.com/docs/platform/object-reference/references/standard-objects/object-messagingsession.html
    // Messaging only. Key prefix 0Mw (the Omni-Channel work item id ContactPad receives for a
    // messaging session; stated in the issue and ../shared/design/SALESFORCE-NOTES.md, no
    // public page found that lists it: unverified).
    // MessagingEndUserId and MessagingChannelId are not Nillable (required on create). Status,
    // Origin, StartTime, EndTime are "Create" without "Update". ChannelType / ChannelName /
    // ChannelKey ("the type / name / unique identifier of the associated Messaging channel") and
    // EndUserContactId / EndUserAccountId ("the end user's contact / account record") are
    // read-only: the fake fills them from the channel and the end user (store.ts `deriveLinks`);
    // how Salesforce fills them is not documented beyond those words. Name is an auto-number
    // (format not documented; 8 digits chosen, as for LiveChatTranscript). Origin is "Defaulted
    // on create" without the default named: InboundInitiated chosen.
    name: 'MessagingSession', label: 'Messaging Session', labelPlural: 'Messaging Sessions', keyPrefix: '0Mw', feature: 'messaging',
    fields: [
      ...system(true, ['Group', 'User']),
      f('Name', 'Messaging Session Name', 'string', { readOnly: true, nameField: true }),
      ref('MessagingEndUserId', 'Messaging User ID', ['MessagingEndUser'], 'MessagingEndUser', { required: true, createOnly: true, seedMayOmit: true }),
      ref('MessagingChannelId', 'Messaging Channel ID', ['MessagingChannel'], 'MessagingChannel', { required: true, createOnly: true }),
      f('Status', 'Status', 'picklist', {
        required: true, createOnly: true, restricted: true,
        picklistValues: ['New', 'Active', 'Consent', 'Waiting', 'Paused', 'Inactive', 'Ended', 'Error'],
      }),
      f('ChannelType', 'Channel Type', 'picklist', {
        readOnly: true, restricted: true,
        picklistValues: ['Alexa', 'AppleBusinessChat', 'EmbeddedMessaging', 'Facebook', 'GoogleHome', 'Line', 'Omega', 'Phone', 'Text', 'Voice', 'WeChat', 'WebChat', 'WhatsApp'],
      }),
      f('ChannelName', 'Channel Name', 'string', { readOnly: true, length: 80 }),
      f('ChannelKey', 'Channel Key', 'string', { readOnly: true, length: 150 }),
      f('ChannelGroup', 'Group', 'string'),
      f('ChannelIntent', 'Intent', 'string'),
      f('ChannelLocale', 'Locale', 'string'),
      ref('CaseId', 'Case ID', ['Case'], 'Case'),
      ref('LeadId', 'Lead ID', ['Lead'], 'Lead'),
      ref('EndUserAccountId', 'Account ID', ['Account'], 'EndUserAccount', { readOnly: true }),
      ref('EndUserContactId', 'Contact ID', ['Contact'], 'EndUserContact', { readOnly: true }),
      f('Origin', 'Origin', 'picklist', {
        createOnly: true, restricted: true, defaultValue: 'InboundInitiated',
        picklistValues: ['AgentInitiated', 'ConversationClose', 'ConversationControlLost', 'Help', 'InboundInitiated', 'OptIn', 'OptOut', 'TriggeredOutbound'],
      }),
      f('AgentType', 'Agent Type', 'picklist', { createOnly: true, restricted: true, picklistValues: ['Agent', 'Bot', 'BotToAgent', 'System'] }),
      f('StartTime', 'Start Time', 'datetime', { createOnly: true }),
      f('AcceptTime', 'Accept Time', 'datetime'),
      f('EndTime', 'End Time', 'datetime', { createOnly: true }),
      f('EndedByType', 'Ended By Type', 'picklist', { createOnly: true, restricted: true, picklistValues: ['Agent', 'Bot', 'EndUser', 'System'] }),
      f('SessionKey', 'Session Key', 'string', { createOnly: true, length: 36 }),
      f('PreviewDetails', 'Preview Details', 'string', { readOnly: true }),
      ref('TargetUserId', 'Target User ID', ['User'], 'TargetUser'),
      f('AgentMessageCount', 'Agent Message Count', 'int', { readOnly: true }),
      f('EndUserMessageCount', 'End User Message Count', 'int', { readOnly: true }),
    ],
  },
  {
    // https://developer.salesforce.com/docs/platform/object-reference/references/standard-objects/object-campaign.html
    // (Field Reference: .../field-reference/salesforce-field-reference-campaign.html). Key prefix 701
    // (Standard Field Record ID Prefix Decoder, as kept in github.com/grokify/go-salesforce entityprefixes.csv).
    // A subset: what preview dialling reads (Name, IsActive, Status, Type) and the member counts (read-only roll-ups).
    name: 'Campaign', label: 'Campaign', labelPlural: 'Campaigns', keyPrefix: '701',
    fields: [
      ...system(true),
      f('Name', 'Name', 'string', { required: true, nameField: true, length: 80 }),
      f('Type', 'Type', 'picklist', { picklistValues: ['Conference', 'Webinar', 'Trade Show', 'Public Relations', 'Partners', 'Referral Program', 'Advertisement', 'Banner Ads', 'Direct Mail', 'Email', 'Telemarketing', 'Other'] }),
      f('Status', 'Status', 'picklist', { picklistValues: ['Planned', 'In Progress', 'Completed', 'Aborted'] }),
      f('IsActive', 'Active', 'boolean', { defaultValue: false }),
      f('StartDate', 'Start Date', 'date'),
      f('EndDate', 'End Date', 'date'),
      f('Description', 'Description', 'textarea'),
      f('NumberOfLeads', 'Leads in Campaign', 'int', { readOnly: true }),
      f('NumberOfContacts', 'Contacts in Campaign', 'int', { readOnly: true }),
    ],
  },
  {
    // https://developer.salesforce.com/docs/platform/object-reference/references/standard-objects/object-campaignmember.html
    // (Object Reference, sforce_api_objects_campaignmember.htm; Field Reference salesforce-field-reference-campaignmember.html).
    // Key prefix 00v (entityprefixes.csv as above). CampaignId, ContactId and LeadId: "Create"
    // (no Update); Status: a picklist of the campaign's member statuses (CampaignMemberStatus
    // Label), settable on create and update; HasResponded is read-only and follows the status
    // ("Each predefined value implies a HasResponded flag value"). The person fields (Name,
    // FirstName, LastName, Title, CompanyOrAccount, Phone, MobilePhone, Email, City, State,
    // Country, DoNotCall, LeadOrContactId, Type) have only Filter/Group/Nillable/Sort: read-only,
    // the lead's or contact's values (store.ts `deriveLinks` fills them). Unverified: Salesforce
    // refuses a Status that is not one of the campaign's member statuses; the fake accepts any
    // text, and a member created without a Status gets the campaign's default status.
    name: 'CampaignMember', label: 'Campaign Member', labelPlural: 'Campaign Members', keyPrefix: '00v',
    fields: [
      ...system(false),
      ref('CampaignId', 'Campaign ID', ['Campaign'], 'Campaign', { required: true, createOnly: true }),
      ref('LeadId', 'Lead ID', ['Lead'], 'Lead', { createOnly: true }),
      ref('ContactId', 'Contact ID', ['Contact'], 'Contact', { createOnly: true }),
      f('Status', 'Status', 'picklist', {}),
      f('HasResponded', 'Responded', 'boolean', { readOnly: true, defaultValue: false }),
      f('FirstRespondedDate', 'First Responded Date', 'date', { readOnly: true }),
      ref('LeadOrContactId', 'Lead/Contact ID', ['Contact', 'Lead'], 'LeadOrContact', { readOnly: true }),
      f('Type', 'Type', 'string', { readOnly: true }),
      f('Name', 'Name', 'string', { readOnly: true, nameField: true }),
      f('FirstName', 'First Name', 'string', { readOnly: true }),
      f('LastName', 'Last Name', 'string', { readOnly: true }),
      f('Title', 'Title', 'string', { readOnly: true }),
      f('CompanyOrAccount', 'Company (Account)', 'string', { readOnly: true }),
      f('Phone', 'Phone', 'phone', { readOnly: true }),
      f('MobilePhone', 'Mobile', 'phone', { readOnly: true }),
      f('Email', 'Email', 'email', { readOnly: true }),
      f('City', 'City', 'string', { readOnly: true }),
      f('State', 'State', 'string', { readOnly: true }),
      f('Country', 'Country', 'string', { readOnly: true }),
      f('DoNotCall', 'Do Not Call', 'boolean', { readOnly: true, defaultValue: false }),
      // force-app/main/default/objects/CampaignMember/fields/ContactPad_Next_Attempt__c (DateTime):
      // when a rescheduled call attempt is due (preview dialling).
      f('ContactPad_Next_Attempt__c', 'Next Call Attempt', 'datetime', { custom: true }),
    ],
  },
  {
    // https://developer.salesforce.com/docs/platform/object-reference/references/standard-objects/object-campaignmemberstatus.html
    // "One or more member status values defined for a campaign": CampaignId, Label (the Status
    // picklist value), HasResponded, IsDefault, SortOrder. Key prefix 01Y (entityprefixes.csv).
    name: 'CampaignMemberStatus', label: 'Campaign Member Status', labelPlural: 'Campaign Member Statuses', keyPrefix: '01Y', searchable: false,
    fields: [
      ...system(false),
      ref('CampaignId', 'Campaign ID', ['Campaign'], 'Campaign', { required: true, createOnly: true }),
      f('Label', 'Member Status', 'string', { required: true, length: 765 }),
      f('HasResponded', 'Responded', 'boolean', { defaultValue: false }),
      f('IsDefault', 'Is Default', 'boolean', { defaultValue: false }),
      f('SortOrder', 'Sort Order', 'int'),
    ],
  },
  // The project's custom metadata types (force-app/main/default/objects/*__mdt). Their records
  // are read with SOQL like data (Salesforce Help "Access Custom Metadata Records
  // Programmatically", https://help.salesforce.com/s/articleView?id=platform.custommetadatatypes_accessing.htm):
  // DeveloperName, MasterLabel, Label, QualifiedApiName, NamespacePrefix, Language and the
  // custom fields; "DML operations aren't allowed on custom metadata in the Partner or
  // Enterprise APIs". Key prefixes m00/m01: per org in Salesforce (chosen here).
  {
    name: 'ContactPad_Screen_Pop_Rule__mdt', label: 'ContactPad Screen Pop Rule', labelPlural: 'ContactPad Screen Pop Rules', keyPrefix: 'm00',
    customMetadata: true,
    fields: [
      ...customMetadataSystem(),
      f('Active__c', 'Active', 'boolean', { custom: true, defaultValue: true }),
      f('Object__c', 'Object', 'string', { custom: true }),
      f('Phone_Fields__c', 'Phone Fields', 'string', { custom: true }),
      f('Filter__c', 'Filter', 'string', { custom: true }),
      f('Caller_Label__c', 'Caller Label', 'picklist', { custom: true, picklistValues: ['Lead', 'Customer', 'Previous Customer'] }),
      f('Priority__c', 'Priority', 'double', { custom: true }),
      f('Pop_Action__c', 'Pop Action', 'picklist', { custom: true, picklistValues: ['Record', 'New Record', 'Search', 'Flow'] }),
      f('New_Record_Object__c', 'New Record Object', 'string', { custom: true }),
      f('Default_Field_Values__c', 'Default Field Values', 'textarea', { custom: true }),
      f('Flow_Name__c', 'Flow Name', 'string', { custom: true }),
      f('Flow_Arguments__c', 'Flow Arguments', 'textarea', { custom: true }),
      f('Name_Field__c', 'Name Field', 'string', { custom: true }),
    ],
  },
  {
    name: 'ContactPad_Screen_Pop_Setting__mdt', label: 'ContactPad Screen Pop Setting', labelPlural: 'ContactPad Screen Pop Settings', keyPrefix: 'm01',
    customMetadata: true,
    fields: [
      ...customMetadataSystem(),
      f('No_Match_Action__c', 'No Match Action', 'picklist', { custom: true, picklistValues: ['Greeting', 'Search'] }),
      f('Several_Match_Action__c', 'Several Match Action', 'picklist', { custom: true, picklistValues: ['Search'] }),
      f('Caller_Cache_Seconds__c', 'Caller Cache Seconds', 'double', { custom: true }),
      f('Journey_Size__c', 'Journey Size', 'double', { custom: true }),
    ],
  },
  {
    // force-app/main/default/objects/ContactPad_Voicemail_Message__mdt: Audio_URL__c Text(255), Active__c Checkbox.
    name: 'ContactPad_Voicemail_Message__mdt', label: 'ContactPad Voicemail Message', labelPlural: 'ContactPad Voicemail Messages', keyPrefix: 'm04',
    customMetadata: true,
    fields: [
      ...customMetadataSystem(),
      f('Active__c', 'Active', 'boolean', { custom: true, defaultValue: true }),
      f('Audio_URL__c', 'Audio URL', 'string', { custom: true, length: 255 }),
    ],
  },
  {
    // force-app/main/default/objects/ContactPad_Callback_Request__c (issue 12): a custom object, so
    // OwnerId, the audit fields and an auto-number Name (CB-{000000}) as for any custom object
    // (Object Reference, "Custom Objects": "Name", "OwnerId", "CreatedDate"...); key prefixes of
    // custom objects start with a0 and differ per org.
    name: 'ContactPad_Callback_Request__c', label: 'Callback Request', labelPlural: 'Callback Requests', keyPrefix: 'a0C',
    fields: [
      ...system(true, ['Group', 'User']),
      f('Name', 'Callback Request Number', 'string', { readOnly: true, nameField: true, length: 80 }),
      f('Requested_At__c', 'Requested At', 'datetime', { custom: true, required: true }),
      f('Number__c', 'Number', 'phone', { custom: true }),
      f('Caller_Name__c', 'Caller Name', 'string', { custom: true, length: 255 }),
      f('Location__c', 'Location', 'string', { custom: true, length: 255 }),
      f('Ad_Source__c', 'Ad Source', 'string', { custom: true, length: 255 }),
      f('Queue__c', 'Queue', 'string', { custom: true, length: 80 }),
      f('Scheduled_At__c', 'Scheduled At', 'datetime', { custom: true }),
      f('Status__c', 'Status', 'picklist', {
        custom: true, restricted: true, defaultValue: 'Waiting',
        picklistValues: ['Waiting', 'Scheduled', 'Offered', 'In Progress', 'Completed', 'Failed', 'Duplicate', 'Follow-up', 'Cancelled'],
      }),
      f('Attempts__c', 'Attempts', 'double', { custom: true, defaultValue: 0 }),
      f('Outcome__c', 'Outcome', 'picklist', { custom: true, restricted: true, picklistValues: ['Answered', 'Voicemail', 'Busy', 'No Answer', 'Failed', 'Blocked'] }),
      f('Reason__c', 'Reason', 'string', { custom: true, length: 255 }),
      ref('Duplicate_Of__c', 'Duplicate Of', ['ContactPad_Callback_Request__c'], 'Duplicate_Of__r', { custom: true }),
      ref('Agent__c', 'Agent', ['User'], 'Agent__r', { custom: true }),
      f('Record_Id__c', 'Record', 'string', { custom: true, length: 18 }),
    ],
  },
  {
    name: 'ContactPad_Dialing_List_Entry__mdt', label: 'ContactPad Dialing List Entry', labelPlural: 'ContactPad Dialing List Entries', keyPrefix: 'm02',
    customMetadata: true,
    fields: [
      ...customMetadataSystem(),
      f('Active__c', 'Active', 'boolean', { custom: true, defaultValue: true }),
      f('List__c', 'List', 'picklist', { custom: true, restricted: true, picklistValues: ['Block', 'Allow', 'Personal Allow'] }),
      f('Number__c', 'Number', 'string', { custom: true, length: 40 }),
      f('Agent__c', 'Agent', 'string', { custom: true, length: 80 }),
    ],
  },
  {
    name: 'ContactPad_Outbound_Setting__mdt', label: 'ContactPad Outbound Setting', labelPlural: 'ContactPad Outbound Settings', keyPrefix: 'm03',
    customMetadata: true,
    fields: [
      ...customMetadataSystem(),
      f('Calling_Hours_Start__c', 'Calling Hours Start', 'string', { custom: true, length: 5 }),
      f('Calling_Hours_End__c', 'Calling Hours End', 'string', { custom: true, length: 5 }),
      f('Calling_Days__c', 'Calling Days', 'string', { custom: true, length: 80 }),
      f('Allowed_Countries__c', 'Allowed Countries', 'string', { custom: true }),
      f('Record_Time_Zone_Field__c', 'Record Time Zone Field', 'string', { custom: true, length: 80 }),
    ],
  },
];

/** The standard fields of every custom metadata type (its records are metadata, not data). */
function customMetadataSystem(): FieldDef[] {
  return [
    f('Id', 'Custom Metadata Record ID', 'id', { readOnly: true }),
    f('DeveloperName', 'Custom Metadata Record Name', 'string', { required: true }),
    f('MasterLabel', 'Label', 'string', { required: true, nameField: true }),
    f('Label', 'Label', 'string', { readOnly: true }),
    f('Language', 'Master Language', 'picklist', { readOnly: true, defaultValue: 'en_US', picklistValues: ['en_US'] }),
    f('NamespacePrefix', 'Namespace Prefix', 'string', { readOnly: true }),
    f('QualifiedApiName', 'Qualified API Name', 'string', { readOnly: true }),
    f('SystemModstamp', 'System Modstamp', 'datetime', { readOnly: true }),
  ];
}

const BY_NAME = new Map(SOBJECTS.map((s) => [s.name.toLowerCase(), s]));
const BY_PREFIX = new Map(SOBJECTS.map((s) => [s.keyPrefix, s]));

/** All sObject types the fake org knows (describeGlobal). */
export function allSObjects(): readonly SObjectDef[] {
  return SOBJECTS;
}

/** Whether SOSL searches the sObject (describe `searchable`): not custom metadata nor setup objects. */
export function isSearchable(sobject: SObjectDef): boolean {
  return sobject.searchable ?? !sobject.customMetadata;
}

/** The sObject named `name` (case-insensitive, as Salesforce resolves names), if known. */
export function findSObject(name: string): SObjectDef | undefined {
  return BY_NAME.get(name.toLowerCase());
}

/** The sObject whose records' ids start with this id's key prefix. */
export function sObjectOfId(id: string): SObjectDef | undefined {
  return BY_PREFIX.get(id.slice(0, 3));
}

/** The field `name` of `sobject` (case-insensitive); a custom `__c` field is always found. */
export function findField(sobject: SObjectDef, name: string): FieldDef | undefined {
  const lower = name.toLowerCase();
  const known = sobject.fields.find((field) => field.name.toLowerCase() === lower);
  if (known) return known;
  if (/^[A-Za-z][A-Za-z0-9_]*__c$/.test(name) && !name.includes('___')) {
    return { name, label: name.slice(0, -3).replace(/_/g, ' '), type: 'string', externalId: true };
  }
  return undefined;
}

/** The reference field whose relationship name is `name` (`Account` -> `AccountId`). */
export function findRelationship(sobject: SObjectDef, name: string): FieldDef | undefined {
  const lower = name.toLowerCase();
  return sobject.fields.find((field) => field.relationshipName?.toLowerCase() === lower);
}
