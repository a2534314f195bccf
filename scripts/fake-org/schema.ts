/**
 * The sObjects the fake org knows, with the standard fields ContactPad and its tests
 * touch: Salesforce's describe metadata, reduced (name, label, type, reference targets,
 * relationship name, picklist values, which fields are read-only or required).
 *
 * The fake org plays an org where force-app is deployed: the project's custom fields are
 * declared with their real types (Task.ContactPad_Caller_Number__c, Case.ContactPad_Web_Phone__c
 * and LiveChatTranscript.ContactPad_Visitor_Phone__c are Phone fields, so SOSL `IN PHONE
 * FIELDS` searches them), and so are the two custom metadata types (screen-pop rules and
 * settings). Any other custom field (a name ending in `__c`) is accepted on every object as
 * a text field that may serve as an External ID.
 *
 * Phone fields, honestly: only fields of type `phone` are searched by `IN PHONE FIELDS`.
 * Case.SuppliedPhone ("Web Phone") is a Text field in Salesforce, and is modelled as one, so
 * a phone search never finds it (hence the custom Phone field on Case).
 */

/** A Salesforce field type (describe `type`). */
export type FieldType =
  | 'id' | 'string' | 'textarea' | 'phone' | 'email' | 'url' | 'boolean' | 'int' | 'double'
  | 'date' | 'datetime' | 'reference' | 'picklist';

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
  /** Must be given on create (`REQUIRED_FIELD_MISSING`). */
  required?: boolean;
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

const SOBJECTS: SObjectDef[] = [
  {
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
      f('LeadSource', 'Lead Source', 'picklist', { picklistValues: ['Web', 'Phone Inquiry', 'Partner Referral', 'Purchased List', 'Other'] }),
      f('Description', 'Contact Description', 'textarea'),
    ],
  },
  {
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
      f('Description', 'Description', 'textarea'),
    ],
  },
  {
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
    ],
  },
  {
    name: 'Task', label: 'Task', labelPlural: 'Tasks', keyPrefix: '00T',
    fields: [
      ...system(true),
      ref('WhoId', 'Name ID', ['Contact', 'Lead'], 'Who'),
      ref('WhatId', 'Related To ID', ['Account', 'Case', 'LiveChatTranscript'], 'What'),
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
      f('ContactPad_Interaction_Id__c', 'Interaction ID', 'string', { custom: true, externalId: true }),
      f('ContactPad_Caller_Number__c', 'Caller Number', 'phone', { custom: true }),
      f('ContactPad_Channel__c', 'Channel', 'string', { custom: true }),
      f('ContactPad_Status__c', 'Interaction Status', 'picklist', {
        custom: true, restricted: true, picklistValues: ['Waiting', 'Assigning', 'Assigned', 'Transferring', 'Ended', 'Failed'],
      }),
    ],
  },
  {
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
      f('ContactPad_SIP_User__c', 'ContactPad SIP User', 'string', { custom: true, length: 80 }),
    ],
  },
  {
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
    // Which objects a queue supports ("Supported Objects" in Setup): one row per queue and object.
    name: 'QueueSobject', label: 'Queue Sobject', labelPlural: 'Queue Sobjects', keyPrefix: '03g', searchable: false,
    fields: [
      f('Id', 'Queue Sobject ID', 'id', { readOnly: true }),
      ref('QueueId', 'Group ID', ['Group'], 'Queue', { required: true }),
      f('SobjectType', 'Sobject Type', 'picklist', { required: true, restricted: true, picklistValues: ['Case', 'Lead', 'LiveChatTranscript', 'Task'] }),
      ref('CreatedById', 'Created By ID', ['User'], 'CreatedBy', { readOnly: true }),
      f('SystemModstamp', 'System Modstamp', 'datetime', { readOnly: true }),
    ],
  },
  {
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
    name: 'LiveChatTranscript', label: 'Chat Transcript', labelPlural: 'Chat Transcripts', keyPrefix: '570',
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
