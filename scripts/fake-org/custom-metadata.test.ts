import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { FakeOrgSession } from './client.ts';
import { LEGACY_CHAT_CUSTOM_METADATA_DIR, SHIPPED_CUSTOM_METADATA_DIR } from './custom-metadata.ts';
import { queryPath, searchPath, sf, startFakeOrgServer, type FakeOrgServer } from './test-server.ts';

type Query = { totalSize: number; records: Array<Record<string, unknown>> };
type Describe = { name: string; custom: boolean; searchable: boolean; fields: Array<{ name: string; type: string; custom: boolean }> };
type Composite = { compositeResponse: Array<{ body: unknown; httpStatusCode: number; referenceId: string }> };
type DescribeWithLength = { fields: Array<{ name: string; type: string; custom: boolean; length: number }> };

/** Salesforce's metadata field types as describe names them. */
const FIELD_TYPES: Record<string, string> = { Text: 'string', Phone: 'phone', Picklist: 'picklist', Checkbox: 'boolean', Number: 'double', LongTextArea: 'textarea', DateTime: 'datetime', Lookup: 'reference' };

/**
 * Whether a shipped object is a custom setting (ContactPad_SIP_Edge__c): its values are read by
 * Apex only, and an agent's API session cannot see it ("Restrict access to custom settings", on by
 * default: Help, "Protection and Privacy Options for Custom Settings").
 */
function isCustomSetting(objects: URL, object: string): boolean {
  const definition = new URL(`${object}/${object}.object-meta.xml`, objects);
  return existsSync(definition) && /<customSettingsType>/.test(readFileSync(definition, 'utf8'));
}

/**
 * The custom fields the two package directories ship on standard objects, read from their
 * field-meta.xml (Activity fields are Task's and Event's); custom settings aside.
 */
function shippedFields(): Array<{ sobject: string; name: string; type: string; length?: number }> {
  const out: Array<{ sobject: string; name: string; type: string; length?: number }> = [];
  for (const root of ['../../force-app/main/default/objects/', '../../force-app-legacy-chat/main/default/objects/']) {
    const objects = new URL(root, import.meta.url);
    if (!existsSync(objects)) continue;
    for (const object of readdirSync(objects).filter((name) => !name.endsWith('__mdt') && !isCustomSetting(objects, name))) {
      const fields = new URL(`${object}/fields/`, objects);
      if (!existsSync(fields)) continue;
      for (const file of readdirSync(fields).filter((name) => name.endsWith('.field-meta.xml'))) {
        const xml = readFileSync(new URL(file, fields), 'utf8');
        const length = /<length>(\d+)<\/length>/.exec(xml)?.[1];
        out.push({
          sobject: object === 'Activity' ? 'Task' : object,
          name: file.replace('.field-meta.xml', ''),
          type: /<type>([^<]+)<\/type>/.exec(xml)?.[1] ?? '',
          ...(length === undefined ? {} : { length: Number(length) }),
        });
      }
    }
  }
  return out;
}

const V = '/services/data/v62.0';
const RULE_FIELDS = 'DeveloperName, MasterLabel, Active__c, Object__c, Phone_Fields__c, Filter__c, Caller_Label__c, Priority__c, Pop_Action__c, New_Record_Object__c, Default_Field_Values__c, Flow_Name__c, Flow_Arguments__c, Name_Field__c';

let server: FakeOrgServer;
let org: FakeOrgSession;

before(async () => {
  server = await startFakeOrgServer();
  org = await server.client.createOrg();
});
after(() => server.close());

/**
 * The shipped records read straight from the XML text with a deliberately naive reading
 * (independent of custom-metadata.ts): label, and each <field> with its <value> text.
 */
function shippedRecords(type: string, dirs: URL[] = [SHIPPED_CUSTOM_METADATA_DIR]): Map<string, Record<string, string | null>> {
  const out = new Map<string, Record<string, string | null>>();
  for (const dir of dirs.filter((candidate) => existsSync(candidate))) readInto(out, type, dir);
  return out;
}

function readInto(out: Map<string, Record<string, string | null>>, type: string, dir: URL): void {
  for (const file of readdirSync(dir).filter((name) => name.startsWith(`${type}.`))) {
    const xml = readFileSync(new URL(file, dir), 'utf8');
    const record: Record<string, string | null> = { MasterLabel: /<label>(.*)<\/label>/.exec(xml)?.[1] ?? '' };
    for (const match of xml.matchAll(/<field>(.*)<\/field>\s*<value[^>]*?(?:\/>|>(.*)<\/value>)/g)) record[match[1] ?? ''] = match[2] ?? null;
    out.set(file.split('.')[1] ?? '', record);
  }
}

/** A SOQL answer's value as the XML writes it (30.0, true, text). */
function asXmlText(value: unknown): string | null {
  if (value === null) return null;
  if (typeof value === 'number') return value.toFixed(1);
  return String(value);
}

describe('custom metadata: the shipped screen-pop rules and settings', () => {
  it('answers SOQL on the rule type with exactly the records force-app ships, in every org and in the demo org', async () => {
    const shipped = shippedRecords('ContactPad_Screen_Pop_Rule');
    assert.ok(shipped.size >= 5, 'force-app ships the default rules');
    const demo = await server.client.createOrg('demo');
    for (const session of [org, demo]) {
      await expectRules(session, shipped);
    }
  });

  it('adds the legacy-Chat package\'s records (the chat visitor rule) only in orgs with legacy Chat', async () => {
    const legacyOrg = await server.client.createOrg(undefined, { features: { legacyChat: true } });
    const both = shippedRecords('ContactPad_Screen_Pop_Rule', [SHIPPED_CUSTOM_METADATA_DIR, LEGACY_CHAT_CUSTOM_METADATA_DIR]);
    await expectRules(legacyOrg, both);
    await expectRules(org, shippedRecords('ContactPad_Screen_Pop_Rule'));
    const forceApp = new Set(shippedRecords('ContactPad_Screen_Pop_Rule').keys());
    const legacyOnly = [...both.keys()].filter((name) => !forceApp.has(name));
    for (const name of legacyOnly) assert.match(String(both.get(name)?.Object__c), /LiveChatTranscript/, `${name} is the legacy package's own rule`);
  });

  async function expectRules(session: FakeOrgSession, shipped: Map<string, Record<string, string | null>>): Promise<void> {
    {
      const answer = await sf(session, queryPath(`SELECT ${RULE_FIELDS} FROM ContactPad_Screen_Pop_Rule__mdt WHERE Active__c = true`));
      assert.equal(answer.status, 200);
      const records = (answer.body as Query).records;
      assert.deepEqual(records.map((r) => r.DeveloperName).sort(), [...shipped.keys()].sort());
      for (const record of records) {
        const expected = shipped.get(String(record.DeveloperName)) ?? {};
        const { attributes, DeveloperName: _name, ...fields } = record;
        assert.equal((attributes as { type: string }).type, 'ContactPad_Screen_Pop_Rule__mdt');
        assert.deepEqual(Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, asXmlText(v)])), expected);
      }
    }
  }

  it('answers the Default settings record as shipped', async () => {
    const answer = await sf(org, queryPath("SELECT DeveloperName, No_Match_Action__c, Several_Match_Action__c, Caller_Cache_Seconds__c, Journey_Size__c FROM ContactPad_Screen_Pop_Setting__mdt WHERE DeveloperName = 'Default'"));
    const [record] = (answer.body as Query).records;
    const shipped = shippedRecords('ContactPad_Screen_Pop_Setting').get('Default');
    assert.deepEqual(
      { No_Match_Action__c: record?.No_Match_Action__c, Several_Match_Action__c: record?.Several_Match_Action__c, Caller_Cache_Seconds__c: asXmlText(record?.Caller_Cache_Seconds__c), Journey_Size__c: asXmlText(record?.Journey_Size__c) },
      { No_Match_Action__c: shipped?.No_Match_Action__c, Several_Match_Action__c: shipped?.Several_Match_Action__c, Caller_Cache_Seconds__c: shipped?.Caller_Cache_Seconds__c, Journey_Size__c: shipped?.Journey_Size__c },
    );
  });

  it('leaves the records out of an org created without them, and lets a test add, change and delete rules', async () => {
    const bare = await server.client.createOrg(undefined, { customMetadata: false });
    assert.equal(((await sf(bare, queryPath('SELECT Id FROM ContactPad_Screen_Pop_Rule__mdt'))).body as Query).totalSize, 0);
    const id = await server.client.insert(bare.orgId, 'ContactPad_Screen_Pop_Rule__mdt', {
      DeveloperName: 'Vip_Contact', MasterLabel: 'VIP Contact', Object__c: 'Contact', Phone_Fields__c: 'Phone', Caller_Label__c: 'Customer', Priority__c: 5, Pop_Action__c: 'Record',
    });
    await server.client.update(bare.orgId, 'ContactPad_Screen_Pop_Rule__mdt', id, { Active__c: false });
    assert.equal(((await sf(bare, queryPath('SELECT Id FROM ContactPad_Screen_Pop_Rule__mdt WHERE Active__c = true'))).body as Query).totalSize, 0);
    const rest = await sf(bare, '/sobjects/ContactPad_Screen_Pop_Rule__mdt', { method: 'POST', body: { DeveloperName: 'X', MasterLabel: 'X' } });
    assert.deepEqual([rest.status, (rest.body as Array<{ errorCode: string }>)[0]?.errorCode], [400, 'INVALID_TYPE_FOR_OPERATION'], 'the REST API does not write custom metadata');
    await server.client.remove(bare.orgId, 'ContactPad_Screen_Pop_Rule__mdt', id);
    assert.equal(((await sf(bare, queryPath('SELECT Id FROM ContactPad_Screen_Pop_Rule__mdt'))).body as Query).totalSize, 0);
  });
});

describe('describe and field-level security', () => {
  it('describes each custom field the packages ship with its shipped type and length, and answers 404 NOT_FOUND for an unknown object', async () => {
    const legacyOrg = await server.client.createOrg(undefined, { features: { legacyChat: true } });
    const shipped = shippedFields();
    assert.ok(shipped.length >= 8, 'the packages ship their custom fields');
    for (const field of shipped) {
      const describe = (await sf(legacyOrg, `/sobjects/${field.sobject}/describe`)).body as DescribeWithLength;
      const described = describe.fields.find((f) => f.name === field.name);
      assert.ok(described?.custom, `${field.sobject}.${field.name} is described as a custom field`);
      assert.equal(described.type, FIELD_TYPES[field.type], `${field.sobject}.${field.name} type`);
      if (field.length !== undefined) assert.equal(described.length, field.length, `${field.sobject}.${field.name} length`);
    }
    const task = (await sf(org, '/sobjects/Task/describe')).body as Describe;
    assert.deepEqual(task.fields.filter((f) => f.custom).map((f) => f.name).sort(), shipped.filter((f) => f.sobject === 'Task').map((f) => f.name).sort());
    const kase = (await sf(org, '/sobjects/Case/describe')).body as Describe;
    assert.equal(kase.fields.find((f) => f.name === 'SuppliedPhone')?.type, 'string', 'Web Phone is a Text field in Salesforce');
    const rules = (await sf(org, '/sobjects/ContactPad_Screen_Pop_Rule__mdt/describe')).body as Describe;
    assert.deepEqual([rules.custom, rules.searchable], [true, false]);
    const secrets = await sf(org, '/sobjects/ContactPad_SIP_Edge__c/describe');
    assert.equal(secrets.status, 404, 'the agent cannot see the protected setting that holds the SIP secrets');
    const unknown = await sf(org, '/sobjects/Prospect__c/describe');
    assert.equal(unknown.status, 404);
    assert.deepEqual(unknown.body, [{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }]);
  });

  it('hides a field from describe, queries and phone search, and an object from describe, until shown again', async () => {
    const session = await server.client.createOrg();
    await server.client.insert(session.orgId, 'Lead', { LastName: 'Lopez', Company: 'Lopez Bakery', MobilePhone: '(415) 555-0100' });
    await server.client.setVisibility(session.orgId, { sobject: 'Lead', field: 'MobilePhone' }, false);
    const lead = (await sf(session, '/sobjects/Lead/describe')).body as Describe;
    assert.equal(lead.fields.some((f) => f.name === 'MobilePhone'), false);
    const query = await sf(session, queryPath('SELECT MobilePhone FROM Lead'));
    assert.equal((query.body as Array<{ errorCode: string }>)[0]?.errorCode, 'INVALID_FIELD');
    const search = await sf(session, searchPath('FIND {4155550100} IN PHONE FIELDS RETURNING Lead(Id)'));
    assert.deepEqual((search.body as { searchRecords: unknown[] }).searchRecords, []);

    await server.client.setVisibility(session.orgId, { sobject: 'MessagingSession' }, false);
    assert.equal((await sf(session, '/sobjects/MessagingSession/describe')).status, 404);
    const hiddenSearch = await sf(session, searchPath('FIND {Waiting} RETURNING MessagingSession(Id)'));
    assert.equal((hiddenSearch.body as Array<{ errorCode: string }>)[0]?.errorCode, 'INVALID_TYPE');

    await server.client.setVisibility(session.orgId, { sobject: 'Lead', field: 'MobilePhone' }, true);
    await server.client.setVisibility(session.orgId, { sobject: 'MessagingSession' }, true);
    const found = await sf(session, searchPath('FIND {4155550100} IN PHONE FIELDS RETURNING Lead(Id, MobilePhone)'));
    assert.equal((found.body as { searchRecords: unknown[] }).searchRecords.length, 1);
    assert.equal((await sf(session, '/sobjects/MessagingSession/describe')).status, 200);
  });
});

describe('phone search over the project phone fields', () => {
  it('finds a Case by its searchable web phone but never by the Text field SuppliedPhone, a chat visitor, and Tasks by caller number', async () => {
    const session = await server.client.createOrg(undefined, { features: { legacyChat: true } });
    const { orgId } = session;
    const webCase = await server.client.insert(orgId, 'Case', { Subject: 'Web', ContactPad_Web_Phone__c: '415-555-0108', SuppliedPhone: '415-555-0108' });
    await server.client.insert(orgId, 'Case', { Subject: 'Only SuppliedPhone', SuppliedPhone: '415-555-0108' });
    const chat = await server.client.insert(orgId, 'LiveChatTranscript', { Status: 'Completed', ContactPad_Visitor_Phone__c: '(415) 555-0108' });
    const older = await server.client.insert(orgId, 'Task', { Subject: 'Call 1', CreatedDate: '2024-05-01T10:00:00.000Z', ContactPad_Caller_Number__c: '+14155550108', ContactPad_Status__c: 'Ended' });
    const newer = await server.client.insert(orgId, 'Task', { Subject: 'Call 2', CreatedDate: '2024-06-01T10:00:00.000Z', ContactPad_Caller_Number__c: '+14155550108', ContactPad_Status__c: 'Failed' });
    const answer = await sf(session, searchPath('FIND {14155550108 OR 4155550108} IN PHONE FIELDS RETURNING Case(Id), LiveChatTranscript(Id), Task(Id, Owner.Name ORDER BY CreatedDate DESC LIMIT 5)'));
    assert.equal(answer.status, 200);
    const ids = (answer.body as { searchRecords: Array<{ Id: string }> }).searchRecords.map((r) => r.Id);
    assert.deepEqual(ids, [webCase, chat, newer, older]);
  });

  it('refuses a journey status outside the picklist, as the restricted picklist does', async () => {
    const answer = await sf(org, '/sobjects/Task', { method: 'POST', body: { Subject: 'x', ContactPad_Status__c: 'Lost' } });
    assert.equal((answer.body as Array<{ errorCode: string }>)[0]?.errorCode, 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST');
  });
});

describe('composite with queries and describes', () => {
  it('resolves references to query results in describe URLs; a reference past the last record fails alone, and so does a search', async () => {
    const before = await server.client.apiUsage(org.orgId);
    const answer = await sf(org, '/composite', {
      method: 'POST',
      body: {
        allOrNone: false,
        compositeRequest: [
          { method: 'GET', url: `${V}/query?q=${encodeURIComponent("SELECT Object__c FROM ContactPad_Screen_Pop_Rule__mdt WHERE DeveloperName = 'Open_Lead'")}`, referenceId: 'rules' },
          { method: 'GET', url: `${V}/sobjects/@{rules.records[0].Object__c}/describe`, referenceId: 'object0' },
          { method: 'GET', url: `${V}/sobjects/@{rules.records[1].Object__c}/describe`, referenceId: 'object1' },
          { method: 'GET', url: `${V}/search?q=${encodeURIComponent('FIND {4155550100} IN PHONE FIELDS RETURNING Lead(Id)')}`, referenceId: 'search' },
        ],
      },
    });
    assert.equal(answer.status, 200);
    const [rules, object0, object1, search] = (answer.body as Composite).compositeResponse;
    assert.equal(rules?.httpStatusCode, 200);
    assert.equal(object0?.httpStatusCode, 200);
    assert.equal((object0?.body as Describe).name, 'Lead');
    assert.equal(object1?.httpStatusCode, 400);
    assert.equal((object1?.body as Array<{ errorCode: string }>)[0]?.errorCode, 'PROCESSING_HALTED');
    assert.deepEqual([search?.httpStatusCode, search?.body], [404, [{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }]], 'composite runs no Search');
    assert.equal(await server.client.apiUsage(org.orgId), before + 1);
  });
});
