/**
 * The Salesforce DX project (force-app/) as an admin deploys it: `sf project convert source`
 * must turn it into a Metadata API package holding the call center, the Visualforce host page,
 * the built static resource, the Task external-id field, the agents' permission set and the SIP
 * server's trusted URL. Runs the real Salesforce CLI, offline, with its state in a temp folder.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { PROJECT_ROOT } from './build/bundle-paths.ts';
import { ensureBundle } from './build/build-bundle.ts';
import { measureBundleSize } from './bench/bundle-size.ts';

const run = promisify(execFile);
const SF_BIN = join(PROJECT_ROOT, 'node_modules', '@salesforce', 'cli', 'bin', 'run.js');

let home: string;
let converted: string;

/** The Salesforce CLI with its home, cache and config in `home`, no autoupdate, no telemetry. */
async function sf(args: string[]): Promise<unknown> {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: home,
    XDG_CACHE_HOME: join(home, 'cache'),
    XDG_CONFIG_HOME: join(home, 'config'),
    XDG_DATA_HOME: join(home, 'data'),
    SF_AUTOUPDATE_DISABLE: 'true',
    SF_DISABLE_AUTOUPDATE: 'true', // the updater hook reads this one; without it sf spawns `sf update` in the background
    SF_DISABLE_TELEMETRY: 'true',
    SF_SKIP_NEW_VERSION_CHECK: 'true',
    SF_USE_PROGRESS_BAR: 'false',
  };
  const { stdout } = await run(process.execPath, [SF_BIN, ...args, '--json'], { cwd: PROJECT_ROOT, env, maxBuffer: 16 * 1024 * 1024 });
  return JSON.parse(stdout);
}

/** The entry names of a zip file (its central directory), enough to see what a static resource holds. */
function zipEntryNames(zip: Buffer): string[] {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  assert.ok(end >= 0, 'the static resource is a zip');
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const names: string[] = [];
  for (let i = 0; i < count; i++) {
    assert.equal(zip.readUInt32LE(at), 0x02014b50);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    names.push(zip.subarray(at + 46, at + 46 + nameLength).toString('utf8'));
    at += 46 + nameLength + extraLength + commentLength;
  }
  return names;
}

/** The call center's items as name -> value. */
function callCenterItems(xml: string): Map<string, string> {
  const items = new Map<string, string>();
  for (const match of xml.matchAll(/<items>([\s\S]*?)<\/items>/g)) {
    const body = match[1] ?? '';
    const name = /<name>([^<]*)<\/name>/.exec(body)?.[1];
    const value = /<value>([^<]*)<\/value>/.exec(body)?.[1] ?? '';
    if (name !== undefined) items.set(name, value);
  }
  return items;
}

describe('force-app', () => {
  before(async () => {
    await ensureBundle();
    home = await mkdtemp(join(tmpdir(), 'contactpad-sf-'));
    converted = join(home, 'mdapi');
    const result = (await sf(['project', 'convert', 'source', '--root-dir', 'force-app', '--output-dir', converted])) as { status: number };
    assert.equal(result.status, 0);
  });

  after(async () => {
    if (home !== undefined) await rm(home, { recursive: true, force: true });
  });

  it('converts to a package listing the call center, host page, static resource, Task field, permission set and trusted URL', async () => {
    const packageXml = await readFile(join(converted, 'package.xml'), 'utf8');
    const members = new Map<string, string[]>();
    for (const match of packageXml.matchAll(/<types>([\s\S]*?)<\/types>/g)) {
      const body = match[1] ?? '';
      const name = /<name>([^<]*)<\/name>/.exec(body)?.[1] ?? '';
      members.set(name, [...body.matchAll(/<members>([^<]*)<\/members>/g)].map((m) => m[1] ?? ''));
    }
    assert.deepEqual(members.get('CallCenter'), ['ContactPad']);
    assert.deepEqual(members.get('ApexPage'), ['ContactPad']);
    assert.deepEqual(members.get('StaticResource'), ['contactpad']);
    for (const field of ['Activity.ContactPad_Caller_Number__c', 'Activity.ContactPad_Channel__c', 'Activity.ContactPad_Interaction_Id__c', 'Activity.ContactPad_Status__c']) {
      assert.ok(members.get('CustomField')?.includes(field), `package lists ${field}`);
    }
    for (const field of [
      'Case.ContactPad_Web_Phone__c',
      'LiveChatTranscript.ContactPad_Visitor_Phone__c',
      ...['Active__c', 'Caller_Label__c', 'Default_Field_Values__c', 'Filter__c', 'Flow_Arguments__c', 'Flow_Name__c', 'Name_Field__c', 'New_Record_Object__c', 'Object__c', 'Phone_Fields__c', 'Pop_Action__c', 'Priority__c'].map((name) => `ContactPad_Screen_Pop_Rule__mdt.${name}`),
      ...['Caller_Cache_Seconds__c', 'Journey_Size__c', 'No_Match_Action__c', 'Several_Match_Action__c'].map((name) => `ContactPad_Screen_Pop_Setting__mdt.${name}`),
    ]) {
      assert.ok(members.get('CustomField')?.includes(field), `package lists ${field}`);
    }
    assert.deepEqual(members.get('CustomObject'), ['ContactPad_Screen_Pop_Rule__mdt', 'ContactPad_Screen_Pop_Setting__mdt']);
    assert.deepEqual(members.get('CustomMetadata'), [
      'ContactPad_Screen_Pop_Rule.Customer_Account',
      'ContactPad_Screen_Pop_Rule.Customer_Contact',
      'ContactPad_Screen_Pop_Rule.Live_Chat_Visitor',
      'ContactPad_Screen_Pop_Rule.Open_Case_Web_Phone',
      'ContactPad_Screen_Pop_Rule.Open_Lead',
      'ContactPad_Screen_Pop_Rule.Previous_Customer_Account',
      'ContactPad_Screen_Pop_Setting.Default',
    ]);
    assert.deepEqual(members.get('PermissionSet'), ['ContactPad_Agent']);
    assert.deepEqual(members.get('CspTrustedSite'), ['ContactPad_SIP_Server']);
    assert.match(packageXml, /<version>62\.0<\/version>/);
  });

  it('ships the built bundle in the static resource: main.js, with jsforce beside it and off the ring path', async () => {
    const names = zipEntryNames(await readFile(join(converted, 'staticresources', 'contactpad.resource')));
    assert.ok(names.includes('main.js'), `static resource holds ${names.join(', ')}`);
    assert.ok(names.includes('jsforce-core.min.js'), `static resource holds ${names.join(', ')}`);
    const meta = await readFile(join(converted, 'staticresources', 'contactpad.resource-meta.xml'), 'utf8');
    assert.match(meta, /<contentType>application\/zip<\/contentType>/);
    assert.match(meta, /<cacheControl>Private<\/cacheControl>/);

    const size = await measureBundleSize({ dir: join(PROJECT_ROOT, 'force-app', 'main', 'default', 'staticresources', 'contactpad') });
    assert.equal(size.ringPathFiles[0], 'main.js');
    assert.ok(!size.ringPathFiles.includes('jsforce-core.min.js'));
    const main = await readFile(join(PROJECT_ROOT, 'force-app', 'main', 'default', 'staticresources', 'contactpad', 'main.js'), 'utf8');
    assert.match(main, /export\s*\{[^}]*\bstartContactPadApp\b[^}]*\}/, 'main.js exports startContactPadApp for the host page');
    assert.doesNotMatch(main, /sourceMappingURL/);
  });

  it('defines a Lightning call center whose adapter is the ContactPad page and whose settings hold no secret', async () => {
    const xml = await readFile(join(converted, 'callCenters', 'ContactPad.callCenter'), 'utf8');
    const items = callCenterItems(xml);
    assert.equal(items.get('reqSalesforceCompatibilityMode'), 'Lightning');
    assert.equal(items.get('reqAdapterUrl'), '/apex/ContactPad');
    assert.equal(items.get('reqUseApi'), 'true');
    const internalName = items.get('reqInternalName') ?? '';
    assert.match(internalName, /^[A-Za-z0-9]{1,40}$/);
    for (const name of ['sipServerUrl', 'sipDomain', 'sipUser', 'wrapUpSeconds', 'notReadyReasons', 'dispositions', 'rejectStatusCode', 'defaultCountry', 'lookupTimeoutMs']) {
      assert.ok(items.has(name), `call center item ${name}`);
    }
    assert.match(items.get('rejectStatusCode') ?? '', /^(486|603)$/);
    assert.match(items.get('sipServerUrl') ?? '', /^wss:\/\//);
    const secretLike = [...items.keys()].filter((name) => /pass|pwd|token|secret|credential|apikey|api_key/i.test(name));
    assert.deepEqual(secretLike, []);
  });

  it('hosts ContactPad in a page that loads Open CTI and hands the session to ContactPad without logging or storing it', async () => {
    const page = await readFile(join(converted, 'pages', 'ContactPad.page'), 'utf8');
    const openCti = page.indexOf('/support/api/62.0/lightning/opencti_min.js');
    const moduleScript = page.indexOf('<script type="module">');
    assert.ok(openCti >= 0 && moduleScript > openCti, 'Open CTI loads before ContactPad starts');
    assert.match(page, /import\s*\{\s*startContactPadApp\s*\}\s*from\s*'\{!JSENCODE\(URLFOR\(\$Resource\.contactpad, 'main\.js'\)\)\}'/);
    const sessions = [...page.matchAll(/\$Api\.Session_ID/gi)];
    assert.equal(sessions.length, 1, 'the session is merged into the page once');
    assert.match(page, /accessToken:\s*'\{!JSENCODE\(\$Api\.Session_ID\)\}'/);
    assert.doesNotMatch(page, /console\.|alert\(|localStorage|sessionStorage|document\.cookie|postMessage/);
    assert.match(page, /jsforceUrl:\s*'\{!JSENCODE\(URLFOR\(\$Resource\.contactpad, 'jsforce-core\.min\.js'\)\)\}'/);
  });

  it('makes the interaction id an external id on activities, so a retried call log upserts', async () => {
    const object = await readFile(join(converted, 'objects', 'Activity.object'), 'utf8');
    assert.match(object, /<fullName>ContactPad_Interaction_Id__c<\/fullName>/);
    assert.match(object, /<externalId>true<\/externalId>/);
    assert.match(object, /<type>Text<\/type>/);
    assert.match(object, /<length>255<\/length>/);
  });

  it('adds the caller number (a Phone field, found by SOSL IN PHONE FIELDS), channel and journey status to activities', async () => {
    const object = await readFile(join(converted, 'objects', 'Activity.object'), 'utf8');
    const fields = new Map<string, string>();
    for (const match of object.matchAll(/<fields>([\s\S]*?)<\/fields>/g)) {
      const body = match[1] ?? '';
      fields.set(/<fullName>([^<]*)<\/fullName>/.exec(body)?.[1] ?? '', body);
    }
    assert.match(fields.get('ContactPad_Caller_Number__c') ?? '', /<type>Phone<\/type>/);
    const channel = fields.get('ContactPad_Channel__c') ?? '';
    assert.match(channel, /<type>Text<\/type>/);
    assert.match(channel, /<length>40<\/length>/);
    const status = fields.get('ContactPad_Status__c') ?? '';
    assert.match(status, /<type>Picklist<\/type>/);
    assert.match(status, /<restricted>true<\/restricted>/);
    const values = [...status.matchAll(/<value>\s*<fullName>([^<]*)<\/fullName>/g)].map((m) => m[1]);
    assert.deepEqual(values, ['Waiting', 'Assigning', 'Assigned', 'Transferring', 'Ended', 'Failed']);
  });

  it('grants agents the page, the Task fields ContactPad writes, Task create/edit, read on the records ContactPad pops and on the screen-pop rules', async () => {
    const set = await readFile(join(converted, 'permissionsets', 'ContactPad_Agent.permissionset'), 'utf8');
    assert.match(set, /<pageAccesses>\s*<apexPage>ContactPad<\/apexPage>\s*<enabled>true<\/enabled>/);
    for (const field of ['ContactPad_Interaction_Id__c', 'ContactPad_Caller_Number__c', 'ContactPad_Channel__c', 'ContactPad_Status__c']) {
      assert.match(set, new RegExp(`<editable>true</editable>\\s*<field>Task\\.${field}</field>\\s*<readable>true</readable>`), field);
    }
    for (const type of ['ContactPad_Screen_Pop_Rule__mdt', 'ContactPad_Screen_Pop_Setting__mdt']) {
      assert.match(set, new RegExp(`<customMetadataTypeAccesses>\\s*<enabled>true</enabled>\\s*<name>${type}</name>`), type);
    }
    const objects = new Map<string, string>();
    for (const match of set.matchAll(/<objectPermissions>([\s\S]*?)<\/objectPermissions>/g)) {
      const body = match[1] ?? '';
      objects.set(/<object>([^<]*)<\/object>/.exec(body)?.[1] ?? '', body);
    }
    // Delete: the outbox removes a second copy of a call log that two late tries both created.
    assert.match(objects.get('Task') ?? '', /<allowCreate>true<\/allowCreate>\s*<allowDelete>true<\/allowDelete>\s*<allowEdit>true<\/allowEdit>\s*<allowRead>true<\/allowRead>/);
    for (const name of ['Lead', 'Contact', 'Account', 'Case']) assert.match(objects.get(name) ?? '', /<allowRead>true<\/allowRead>/, name);
    // Transferring a case or email to another agent or a queue changes the Case owner.
    assert.match(objects.get('Case') ?? '', /<allowEdit>true<\/allowEdit>/, 'Case edit for transfers');
    assert.match(set, /<name>ApiEnabled<\/name>/);
  });

  it('ships the screen-pop rules as custom metadata types CRM teams edit in Setup, with the default rules and settings', async () => {
    const rule = await readFile(join(converted, 'objects', 'ContactPad_Screen_Pop_Rule__mdt.object'), 'utf8');
    assert.match(rule, /<visibility>Public<\/visibility>/);
    const types = new Map<string, string>();
    for (const match of rule.matchAll(/<fields>([\s\S]*?)<\/fields>/g)) {
      const body = match[1] ?? '';
      types.set(/<fullName>([^<]*)<\/fullName>/.exec(body)?.[1] ?? '', /<type>([^<]*)<\/type>/.exec(body)?.[1] ?? '');
    }
    assert.deepEqual(Object.fromEntries(types), {
      Active__c: 'Checkbox', Caller_Label__c: 'Picklist', Default_Field_Values__c: 'LongTextArea', Filter__c: 'Text', Flow_Arguments__c: 'LongTextArea', Flow_Name__c: 'Text',
      Name_Field__c: 'Text', New_Record_Object__c: 'Text', Object__c: 'Text', Phone_Fields__c: 'Text', Pop_Action__c: 'Picklist', Priority__c: 'Number',
    });
    const picklist = (xml: string, field: string) => {
      const body = [...xml.matchAll(/<fields>([\s\S]*?)<\/fields>/g)].map((m) => m[1] ?? '').find((b) => b.includes(`<fullName>${field}</fullName>`)) ?? '';
      return [...body.matchAll(/<value>\s*<fullName>([^<]*)<\/fullName>/g)].map((m) => m[1]);
    };
    assert.deepEqual(picklist(rule, 'Caller_Label__c'), ['Lead', 'Customer', 'Previous Customer']);
    assert.deepEqual(picklist(rule, 'Pop_Action__c'), ['Record', 'New Record', 'Search', 'Flow']);
    const setting = await readFile(join(converted, 'objects', 'ContactPad_Screen_Pop_Setting__mdt.object'), 'utf8');
    assert.deepEqual(picklist(setting, 'No_Match_Action__c'), ['Greeting', 'Search']);
    assert.deepEqual(picklist(setting, 'Several_Match_Action__c'), ['Search']);

    /** A converted custom metadata record as field -> value text. */
    const record = async (name: string): Promise<Map<string, string>> => {
      const xml = await readFile(join(converted, 'customMetadata', `${name}.md`), 'utf8');
      return new Map([...xml.matchAll(/<field>([^<]*)<\/field>\s*<value[^>]*?(?:\/>|>([^<]*)<\/value>)/g)].map((m) => [m[1] ?? '', m[2] ?? '']));
    };
    const lead = await record('ContactPad_Screen_Pop_Rule.Open_Lead');
    assert.deepEqual(
      ['Object__c', 'Phone_Fields__c', 'Filter__c', 'Caller_Label__c', 'Priority__c', 'Pop_Action__c', 'Active__c'].map((f) => lead.get(f)),
      ['Lead', 'Phone, MobilePhone', 'IsConverted = false', 'Lead', '10.0', 'Record', 'true'],
    );
    const kase = await record('ContactPad_Screen_Pop_Rule.Open_Case_Web_Phone');
    assert.deepEqual(['Object__c', 'Phone_Fields__c', 'Name_Field__c'].map((f) => kase.get(f)), ['Case', 'ContactPad_Web_Phone__c', 'CaseNumber']);
    const settings = await record('ContactPad_Screen_Pop_Setting.Default');
    assert.deepEqual(['No_Match_Action__c', 'Several_Match_Action__c', 'Caller_Cache_Seconds__c', 'Journey_Size__c'].map((f) => settings.get(f)), ['Greeting', 'Search', '300.0', '5.0']);
  });

  it('adds Phone fields to Case and Chat Transcript, so phone search (SOSL IN PHONE FIELDS) finds web cases and chat visitors', async () => {
    for (const [object, field] of [['Case', 'ContactPad_Web_Phone__c'], ['LiveChatTranscript', 'ContactPad_Visitor_Phone__c']]) {
      const xml = await readFile(join(converted, 'objects', `${object}.object`), 'utf8');
      assert.match(xml, new RegExp(`<fullName>${field}</fullName>[\\s\\S]*?<type>Phone</type>`), `${object}.${field}`);
    }
  });

  it('trusts the SIP server placeholder for WebSocket connections and tells admins to change it', async () => {
    const site = await readFile(join(converted, 'cspTrustedSites', 'ContactPad_SIP_Server.cspTrustedSite'), 'utf8');
    assert.match(site, /<endpointUrl>wss:\/\/sip\.example\.com<\/endpointUrl>/);
    assert.match(site, /<isActive>true<\/isActive>/);
    assert.match(site, /<isApplicableToConnectSrc>true<\/isApplicableToConnectSrc>/);
    assert.match(site, /<description>[^<]*change[^<]*<\/description>/i);
  });
  it('ships the console bridge: the exposed ContactPad_Bridge message channel with the protocol\'s fields, and the utility-bar Aura component', async () => {
    const packageXml = await readFile(join(converted, 'package.xml'), 'utf8');
    const members = (type: string): string[] => {
      const body = [...packageXml.matchAll(/<types>([\s\S]*?)<\/types>/g)].map((m) => m[1] ?? '').find((b) => b.includes(`<name>${type}</name>`)) ?? '';
      return [...body.matchAll(/<members>([^<]*)<\/members>/g)].map((m) => m[1] ?? '');
    };
    assert.deepEqual(members('LightningMessageChannel'), ['ContactPad_Bridge']);
    assert.deepEqual(members('AuraDefinitionBundle'), ['ContactPadConsoleBridge']);

    const channel = await readFile(join(converted, 'messageChannels', 'ContactPad_Bridge.messageChannel'), 'utf8');
    assert.match(channel, /<isExposed>true<\/isExposed>/, 'Open CTI (a Visualforce page) can only use exposed channels');
    assert.match(channel, /<masterLabel>ContactPad Bridge<\/masterLabel>/);
    const fields = [...channel.matchAll(/<lightningMessageFields>([\s\S]*?)<\/lightningMessageFields>/g)].map((m) => m[1] ?? '');
    assert.deepEqual(fields.map((f) => /<fieldName>([^<]*)<\/fieldName>/.exec(f)?.[1]), ['version', 'source', 'kind', 'id', 'replyTo', 'body']);
    for (const field of fields) assert.match(field, /<description>[^<]{20,}<\/description>/, 'every field is documented');

    const bundle = join(converted, 'aura', 'ContactPadConsoleBridge');
    const cmp = await readFile(join(bundle, 'ContactPadConsoleBridge.cmp'), 'utf8');
    assert.match(cmp, /implements="flexipage:availableForAllPageTypes"/);
    assert.match(cmp, /<lightning:workspaceAPI aura:id="workspace"\/>/);
    assert.match(cmp, /<lightning:omniToolkitAPI aura:id="omniToolkit"\/>/);
    assert.match(cmp, /<lightning:messageChannel aura:id="bridgeChannel" type="ContactPad_Bridge__c"\s+onMessage="\{!c\.onMessage\}" scope="APPLICATION"\/>/);
    for (const event of ['tabCreated', 'tabFocused', 'tabClosed', 'omniChannelWorkAssigned', 'omniChannelWorkAccepted', 'omniChannelWorkDeclined', 'omniChannelWorkClosed', 'omniChannelStatusChanged', 'omniChannelLogout']) {
      assert.match(cmp, new RegExp(`<aura:handler event="lightning:${event}"`), event);
    }
    assert.match(cmp, /Utility Items[\s\S]*Start automatically/, 'the component says how to add it to the utility bar');
    const helper = await readFile(join(bundle, 'ContactPadConsoleBridgeHelper.js'), 'utf8');
    assert.match(helper, /VERSION: 1,/, 'the bridge speaks the protocol version ContactPad speaks');
    for (const call of ['openTab', 'focusTab', 'closeTab', 'getTabInfo', 'getAllTabInfo', 'acceptAgentWork', 'declineAgentWork', 'closeAgentWork', 'setServicePresenceStatus', 'logout', 'getAgentWorks', 'getServicePresenceStatusId']) {
      assert.match(helper, new RegExp(`\\.${call}\\(`), call);
    }
    assert.doesNotMatch(helper + cmp, /innerHTML|eval\(|sessionId|Session_ID/);
    const meta = await readFile(join(bundle, 'ContactPadConsoleBridge.cmp-meta.xml'), 'utf8');
    assert.match(meta, /<apiVersion>62\.0<\/apiVersion>/);
  });
});
