/**
 * The Salesforce DX project as an admin deploys it. Two package directories:
 * - force-app (default): everything ContactPad needs in any org: the call center, the
 *   Visualforce host page, the built static resource, the Activity fields, the permission sets,
 *   the trusted URLs, the console bridge, the screen-pop rules and the SIP credential endpoint
 *   (an Apex REST class, its test and the protected custom setting holding its secrets);
 * - force-app-legacy-chat: only what names LiveChatTranscript (legacy Chat, retired on
 *   14 February 2026: new orgs cannot enable it, so the object is missing there, and a deploy that
 *   names an object the org lacks fails as a whole). Admins deploy it only where Chat is on.
 * `sf project convert source` must turn each into a Metadata API package on its own. Runs the real
 * Salesforce CLI, offline, with its state in a temp folder.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { promisify } from 'node:util';
import { PROJECT_ROOT } from './build/bundle-paths.ts';
import { ensureBundle } from './build/build-bundle.ts';
import { measureBundleSize } from './bench/bundle-size.ts';
import { BRIDGE_PROTOCOL_VERSION } from '../adapter/src/host/console-bridge-protocol.ts';

const run = promisify(execFile);
const SF_BIN = join(PROJECT_ROOT, 'node_modules', '@salesforce', 'cli', 'bin', 'run.js');

/**
 * The API version of the release that is generally available today (December 2026): Winter '27,
 * API 68.0. Source: the documentation's release lists, for example "68.0 | Winter '27" in
 * developer.salesforce.com/docs/platform/pkg1-dev/guide/pkg1-dev-pdf-archive.html and
 * developer.salesforce.com/docs/platform/salesforce-soql-sosl/guide/soql-sosl-pdf-archive.html
 * (Spring '27, 69.0, ships in February 2027). Every metadata file, the project's sourceApiVersion
 * and the Open CTI script the page loads use it.
 */
const CURRENT_API_VERSION = '68.0';

const DEFAULT_DIR = 'force-app';
const LEGACY_CHAT_DIR = 'force-app-legacy-chat';
/** Service Cloud Voice partner telephony: only for orgs with that license (issue 14). */
const VOICE_DIR = 'force-app-voice';

/** The Activity (Task and Event) custom fields ContactPad writes. */
const ACTIVITY_FIELDS = ['ContactPad_Caller_Number__c', 'ContactPad_Channel__c', 'ContactPad_Interaction_Id__c', 'ContactPad_Status__c', 'ContactPad_Work_Item_Id__c'];

/** Names the legacy Chat object (API name or label), in any case. */
const NAMES_LEGACY_CHAT = /LiveChatTranscript|Live\s*Chat\s*Transcript/i;

let home: string;
let converted: string;
let legacyConverted: string;

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

/** `sf project convert source` of one package directory into `<home>/<name>`; returns that folder. */
async function convert(packageDir: string, name: string): Promise<string> {
  const output = join(home, name);
  const result = (await sf(['project', 'convert', 'source', '--root-dir', packageDir, '--output-dir', output])) as { status: number };
  assert.equal(result.status, 0, `sf project convert source --root-dir ${packageDir}`);
  return output;
}

/** A package.xml's members by type. */
function packageMembers(packageXml: string): Map<string, string[]> {
  const members = new Map<string, string[]>();
  for (const match of packageXml.matchAll(/<types>([\s\S]*?)<\/types>/g)) {
    const body = match[1] ?? '';
    const name = /<name>([^<]*)<\/name>/.exec(body)?.[1] ?? '';
    members.set(name, [...body.matchAll(/<members>([^<]*)<\/members>/g)].map((m) => m[1] ?? ''));
  }
  return members;
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

interface CallCenterSection {
  readonly name: string;
  readonly label: string;
  readonly items: ReadonlyArray<{ readonly label: string; readonly name: string; readonly value: string }>;
}

/** The call center's sections in file order, each with its items in file order (comments dropped). */
function callCenterSections(xml: string): CallCenterSection[] {
  const text = xml.replace(/<!--[\s\S]*?-->/g, '');
  return [...text.matchAll(/<sections>([\s\S]*?)<\/sections>/g)].map((section) => {
    const body = section[1] ?? '';
    const own = body.replace(/<items>[\s\S]*?<\/items>/g, '');
    return {
      name: /<name>([^<]*)<\/name>/.exec(own)?.[1] ?? '',
      label: /<label>([^<]*)<\/label>/.exec(own)?.[1] ?? '',
      items: [...body.matchAll(/<items>([\s\S]*?)<\/items>/g)].map((item) => {
        const itemBody = item[1] ?? '';
        return {
          label: /<label>([^<]*)<\/label>/.exec(itemBody)?.[1] ?? '',
          name: /<name>([^<]*)<\/name>/.exec(itemBody)?.[1] ?? '',
          value: /<value>([^<]*)<\/value>/.exec(itemBody)?.[1] ?? '',
        };
      }),
    };
  });
}

/** A permission set's blocks of one kind (objectPermissions, fieldPermissions...) keyed by `key`. */
function permissionBlocks(xml: string, kind: string, key: string): Map<string, string> {
  const blocks = new Map<string, string>();
  for (const match of xml.matchAll(new RegExp(`<${kind}>([\\s\\S]*?)</${kind}>`, 'g'))) {
    const body = match[1] ?? '';
    blocks.set(new RegExp(`<${key}>([^<]*)</${key}>`).exec(body)?.[1] ?? '', body);
  }
  return blocks;
}

/** A boolean element of an XML block. */
function flag(block: string | undefined, name: string): boolean | undefined {
  const value = new RegExp(`<${name}>(true|false)</${name}>`).exec(block ?? '')?.[1];
  return value === undefined ? undefined : value === 'true';
}

/** Every file under `dir`, relative to the project root with / separators. */
async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(join(PROJECT_ROOT, dir), { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => relative(PROJECT_ROOT, join(entry.parentPath, entry.name)).split(sep).join('/')).sort();
}

/** XML text with its entities decoded (for lengths Salesforce counts in characters). */
function decodeXml(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
}

describe('force-app', () => {
  before(async () => {
    await ensureBundle();
    home = await mkdtemp(join(tmpdir(), 'contactpad-sf-'));
    converted = await convert(DEFAULT_DIR, 'mdapi');
    legacyConverted = await convert(LEGACY_CHAT_DIR, 'mdapi-legacy-chat');
  });

  after(async () => {
    if (home !== undefined) await rm(home, { recursive: true, force: true });
  });

  it('declares three package directories: force-app (the default), force-app-legacy-chat and force-app-voice, at the current API version', async () => {
    const project = JSON.parse(await readFile(join(PROJECT_ROOT, 'sfdx-project.json'), 'utf8')) as { packageDirectories: Array<{ path: string; default?: boolean }>; sourceApiVersion: string };
    assert.deepEqual(project.packageDirectories.map((dir) => [dir.path, dir.default === true]), [[DEFAULT_DIR, true], [LEGACY_CHAT_DIR, false], [VOICE_DIR, false]]);
    assert.equal(project.sourceApiVersion, CURRENT_API_VERSION);
  });

  it('converts force-app to a package with the call center, host page, static resource, Activity fields, permission sets, trusted URLs and no legacy Chat', async () => {
    const packageXml = await readFile(join(converted, 'package.xml'), 'utf8');
    const members = packageMembers(packageXml);
    assert.deepEqual(members.get('CallCenter'), ['ContactPad']);
    assert.deepEqual(members.get('ApexPage'), ['ContactPad']);
    assert.deepEqual(members.get('ApexClass'), ['ContactPadCallbackQueue', 'ContactPadCallbackQueueTest', 'ContactPadSipCredential', 'ContactPadSipCredentialTest']);
    assert.deepEqual(members.get('StaticResource'), ['contactpad']);
    assert.deepEqual(members.get('CustomField'), [
      ...ACTIVITY_FIELDS.map((name) => `Activity.${name}`),
      'CampaignMember.ContactPad_Next_Attempt__c',
      'Case.ContactPad_Report_Id__c',
      'Case.ContactPad_Web_Phone__c',
      ...['Ad_Source__c', 'Agent__c', 'Attempts__c', 'Caller_Name__c', 'Duplicate_Of__c', 'Location__c', 'Number__c', 'Outcome__c', 'Queue__c', 'Reason__c', 'Record_Id__c', 'Requested_At__c', 'Scheduled_At__c', 'Status__c'].map(
        (name) => `ContactPad_Callback_Request__c.${name}`,
      ),
      ...['Active__c', 'Agent__c', 'List__c', 'Number__c'].map((name) => `ContactPad_Dialing_List_Entry__mdt.${name}`),
      ...['Allowed_Countries__c', 'Calling_Days__c', 'Calling_Hours_End__c', 'Calling_Hours_Start__c', 'Record_Time_Zone_Field__c'].map((name) => `ContactPad_Outbound_Setting__mdt.${name}`),
      ...['Credential_Lifetime_Minutes__c', 'SIP_Secret__c', 'TURN_Secret__c'].map((name) => `ContactPad_SIP_Edge__c.${name}`),
      ...['Active__c', 'Caller_Label__c', 'Default_Field_Values__c', 'Filter__c', 'Flow_Arguments__c', 'Flow_Name__c', 'Name_Field__c', 'New_Record_Object__c', 'Object__c', 'Phone_Fields__c', 'Pop_Action__c', 'Priority__c'].map((name) => `ContactPad_Screen_Pop_Rule__mdt.${name}`),
      ...['Caller_Cache_Seconds__c', 'Journey_Size__c', 'No_Match_Action__c', 'Several_Match_Action__c'].map((name) => `ContactPad_Screen_Pop_Setting__mdt.${name}`),
      ...['Active__c', 'Audio_URL__c'].map((name) => `ContactPad_Voicemail_Message__mdt.${name}`),
      'User.ContactPad_SIP_User__c',
    ]);
    assert.deepEqual(members.get('CustomObject'), ['ContactPad_Callback_Request__c', 'ContactPad_Dialing_List_Entry__mdt', 'ContactPad_Outbound_Setting__mdt', 'ContactPad_SIP_Edge__c', 'ContactPad_Screen_Pop_Rule__mdt', 'ContactPad_Screen_Pop_Setting__mdt', 'ContactPad_Voicemail_Message__mdt']);
    assert.deepEqual(members.get('CustomMetadata'), [
      'ContactPad_Outbound_Setting.Default',
      'ContactPad_Screen_Pop_Rule.Customer_Account',
      'ContactPad_Screen_Pop_Rule.Customer_Contact',
      'ContactPad_Screen_Pop_Rule.Open_Case_Web_Phone',
      'ContactPad_Screen_Pop_Rule.Open_Lead',
      'ContactPad_Screen_Pop_Rule.Previous_Customer_Account',
      'ContactPad_Screen_Pop_Setting.Default',
      'ContactPad_Voicemail_Message.Call_Us_Back',
    ]);
    assert.deepEqual(members.get('PermissionSet'), ['ContactPad_Agent', 'ContactPad_Case_Transfer']);
    assert.deepEqual(members.get('CspTrustedSite'), ['ContactPad_SIP_Server', 'ContactPad_Softphone_Frame']);
    assert.deepEqual(members.get('LightningMessageChannel'), ['ContactPad_Bridge']);
    assert.deepEqual(members.get('AuraDefinitionBundle'), ['ContactPadConsoleBridge']);
    assert.deepEqual([...members.keys()].sort(), [
      'ApexClass', 'ApexPage', 'AuraDefinitionBundle', 'CallCenter', 'CspTrustedSite', 'CustomField', 'CustomMetadata', 'CustomObject', 'LightningMessageChannel', 'PermissionSet', 'StaticResource',
    ]);
    assert.doesNotMatch(packageXml, NAMES_LEGACY_CHAT);
    assert.match(packageXml, new RegExp(`<version>${CURRENT_API_VERSION.replace('.', '\\.')}</version>`));
  });

  it('converts force-app-legacy-chat on its own to a package with only the visitor phone field, its screen-pop rule and its permission set', async () => {
    const packageXml = await readFile(join(legacyConverted, 'package.xml'), 'utf8');
    assert.deepEqual(Object.fromEntries(packageMembers(packageXml)), {
      CustomField: ['LiveChatTranscript.ContactPad_Visitor_Phone__c'],
      CustomMetadata: ['ContactPad_Screen_Pop_Rule.Live_Chat_Visitor'],
      PermissionSet: ['ContactPad_Legacy_Chat'],
    });
    assert.match(packageXml, new RegExp(`<version>${CURRENT_API_VERSION.replace('.', '\\.')}</version>`));

    const object = await readFile(join(legacyConverted, 'objects', 'LiveChatTranscript.object'), 'utf8');
    assert.match(object, /<fullName>ContactPad_Visitor_Phone__c<\/fullName>[\s\S]*?<type>Phone<\/type>/, 'a Phone field, so SOSL IN PHONE FIELDS finds a visitor who calls');

    const rule = await readFile(join(legacyConverted, 'customMetadata', 'ContactPad_Screen_Pop_Rule.Live_Chat_Visitor.md'), 'utf8');
    const values = new Map([...rule.matchAll(/<field>([^<]*)<\/field>\s*<value[^>]*?(?:\/>|>([^<]*)<\/value>)/g)].map((m) => [m[1] ?? '', m[2] ?? '']));
    assert.deepEqual(['Object__c', 'Phone_Fields__c', 'Active__c'].map((f) => values.get(f)), ['LiveChatTranscript', 'ContactPad_Visitor_Phone__c', 'true']);

    // Read only, as Salesforce advises for Chat agents and transcripts
    // (help.salesforce.com/s/articleView?id=service.live_agent_support_agent_permissions.htm).
    const set = await readFile(join(legacyConverted, 'permissionsets', 'ContactPad_Legacy_Chat.permissionset'), 'utf8');
    const transcript = permissionBlocks(set, 'objectPermissions', 'object').get('LiveChatTranscript');
    assert.deepEqual(['allowRead', 'allowCreate', 'allowEdit', 'allowDelete', 'viewAllRecords', 'modifyAllRecords'].map((name) => flag(transcript, name)), [true, false, false, false, false, false]);
    const phone = permissionBlocks(set, 'fieldPermissions', 'field').get('LiveChatTranscript.ContactPad_Visitor_Phone__c');
    assert.deepEqual([flag(phone, 'readable'), flag(phone, 'editable')], [true, false]);
    assert.match(set, /<label>ContactPad Legacy Chat<\/label>/);
  });

  it('names LiveChatTranscript in no file of the default package, comments included', async () => {
    // The built static resource (staticresources/contactpad/, gitignored, rebuilt by
    // `npm run build`) is not scanned: it is ContactPad's JavaScript, which reads legacy chat
    // transcripts where the org has them and checks at run time, and to the Metadata API it is one
    // opaque zip (StaticResource content is not parsed for object names), so a string in it
    // cannot fail a deploy in an org without Chat. Its metadata file
    // (contactpad.resource-meta.xml) is metadata and is scanned.
    const files = (await filesUnder(DEFAULT_DIR)).filter((file) => !file.startsWith(`${DEFAULT_DIR}/main/default/staticresources/contactpad/`));
    for (const expected of [
      'force-app/main/default/permissionsets/ContactPad_Agent.permissionset-meta.xml',
      'force-app/main/default/objects/ContactPad_Screen_Pop_Rule__mdt/fields/Object__c.field-meta.xml',
      'force-app/main/default/staticresources/contactpad.resource-meta.xml',
      'force-app/main/default/aura/ContactPadConsoleBridge/ContactPadConsoleBridgeHelper.js',
      'force-app/main/default/pages/ContactPad.page',
    ]) {
      assert.ok(files.includes(expected), `scanned ${expected}`);
    }
    const naming: string[] = [];
    for (const file of files) {
      const text = await readFile(join(PROJECT_ROOT, file), 'utf8');
      if (NAMES_LEGACY_CHAT.test(text)) naming.push(file);
    }
    assert.deepEqual(naming, []);
    assert.ok(!files.some((file) => file.includes('/objects/LiveChatTranscript/')), 'no LiveChatTranscript folder');
  });

  it('ships the built bundle in the static resource: main.js, with jsforce in a chunk of its own, off the ring path', async () => {
    const names = zipEntryNames(await readFile(join(converted, 'staticresources', 'contactpad.resource')));
    assert.ok(names.includes('main.js'), `static resource holds ${names.join(', ')}`);
    assert.ok(names.some((name) => /^chunks\/jsforce-[\w-]+\.js$/.test(name)), `static resource holds ${names.join(', ')}`);
    const meta = await readFile(join(converted, 'staticresources', 'contactpad.resource-meta.xml'), 'utf8');
    assert.match(meta, /<contentType>application\/zip<\/contentType>/);
    assert.match(meta, /<cacheControl>Private<\/cacheControl>/);

    const size = await measureBundleSize({ dir: join(PROJECT_ROOT, 'force-app', 'main', 'default', 'staticresources', 'contactpad') });
    assert.equal(size.ringPathFiles[0], 'main.js');
    assert.ok(!size.ringPathFiles.some((file) => file.includes('jsforce')), size.ringPathFiles.join(', '));
    const main = await readFile(join(PROJECT_ROOT, 'force-app', 'main', 'default', 'staticresources', 'contactpad', 'main.js'), 'utf8');
    assert.match(main, /export\s*\{[^}]*\bstartContactPadApp\b[^}]*\}/, 'main.js exports startContactPadApp for the host page');
    assert.doesNotMatch(main, /sourceMappingURL/);
  });

  describe('the call center, shaped like the one Salesforce ships for Open CTI in Lightning', () => {
    // Salesforce's sample: github.com/developerforce/open-cti-demo-adapter src/callCenters/OpenCTI.callCenter
    // (adapterUrl, customSettings, displayName, displayNameLabel, internalNameLabel, then
    // sections; reqGeneralInfo holds reqAdapterUrl, [reqStandbyUrl, reqTimeout,] reqUseApi,
    // reqSoftphoneHeight, reqSoftphoneWidth, reqSalesforceCompatibilityMode; no reqInternalName or
    // reqDisplayName item: the component name and displayName carry them).
    let xml: string;
    let sections: CallCenterSection[];
    before(async () => {
      xml = await readFile(join(converted, 'callCenters', 'ContactPad.callCenter'), 'utf8');
      sections = callCenterSections(xml);
    });

    it('has the sample\'s top-level elements in its order, and a name Open CTI accepts as the internal name', () => {
      const root = xml.replace(/<!--[\s\S]*?-->/g, '').replace(/<sections>[\s\S]*<\/sections>/, '<sections/>');
      const elements = [...root.matchAll(/^ {4}<([A-Za-z]+)[ />]/gm)].map((m) => m[1]);
      assert.deepEqual(elements, ['adapterUrl', 'customSettings', 'displayName', 'displayNameLabel', 'internalNameLabel', 'sections']);
      // reqInternalName: at most 40 alphanumerics, starting with a letter (Open CTI guide, Required
      // Call Center Elements and Attributes). The component name is the call center's internal name.
      assert.match('ContactPad', /^[A-Za-z][A-Za-z0-9]{0,39}$/);
      assert.match(xml, /<displayName>ContactPad<\/displayName>/);
      assert.match(xml, /<displayNameLabel>[^<]+<\/displayNameLabel>/);
      assert.match(xml, /<internalNameLabel>[^<]+<\/internalNameLabel>/);
    });

    it('holds General Information first with the Open CTI items in the sample\'s order, then ContactPad\'s own section', () => {
      assert.deepEqual(sections.map((s) => [s.name, s.label]), [['reqGeneralInfo', 'General Information'], ['ContactPad', 'ContactPad']]);
      const general = new Map(sections[0]?.items.map((item) => [item.name, item.value]));
      assert.deepEqual([...general.keys()], ['reqAdapterUrl', 'reqUseApi', 'reqSoftphoneHeight', 'reqSoftphoneWidth', 'reqSalesforceCompatibilityMode']);
      assert.equal(general.get('reqSalesforceCompatibilityMode'), 'Lightning', 'Lightning Experience shows the softphone only with Lightning or Classic_and_Lightning');
      assert.equal(general.get('reqUseApi'), 'true');
      // setSoftphonePanelHeight/Width for Lightning Experience accept 240-2560 and 200-1920 pixels.
      const height = Number(general.get('reqSoftphoneHeight'));
      const width = Number(general.get('reqSoftphoneWidth'));
      assert.ok(height >= 240 && height <= 2560, `height ${height}`);
      assert.ok(width >= 200 && width <= 1920, `width ${width}`);
    });

    it('points the adapter at the ContactPad page by a relative /apex path, in the element and the item alike', () => {
      const adapterUrl = /<adapterUrl>([^<]*)<\/adapterUrl>/.exec(xml)?.[1];
      assert.equal(adapterUrl, '/apex/ContactPad');
      assert.equal(sections[0]?.items.find((item) => item.name === 'reqAdapterUrl')?.value, adapterUrl);
    });

    it('repeats the Open CTI settings in customSettings, as the sample does, with the same values as the items', () => {
      const raw = decodeXml(/<customSettings>([^<]*)<\/customSettings>/.exec(xml)?.[1] ?? '');
      const custom = JSON.parse(raw) as Record<string, string>;
      const general = new Map(sections[0]?.items.map((item) => [item.name, item.value]));
      assert.deepEqual(Object.keys(custom), ['reqSoftphoneHeight', 'reqSoftphoneWidth', 'reqUseApi', 'reqSalesforceCompatibilityMode']);
      for (const [name, value] of Object.entries(custom)) assert.equal(value, general.get(name), name);
    });

    it('gives every item a label and a value (CallCenterItem value is required), and holds no secret', () => {
      for (const section of sections) {
        for (const item of section.items) {
          assert.notEqual(item.value.trim(), '', `${section.name}/${item.name} has a value`);
          assert.notEqual(item.label.trim(), '', `${section.name}/${item.name} has a label`);
        }
      }
      assert.doesNotMatch(xml.replace(/<!--[\s\S]*?-->/g, ''), /<value\s*\/>|<value>\s*<\/value>/);
      const names = sections.flatMap((s) => s.items.map((item) => item.name));
      assert.equal(new Set(names).size, names.length, 'no item twice');
      const secretLike = names.filter((name) => /pass|pwd|token|secret|credential|apikey|api_key/i.test(name));
      assert.deepEqual(secretLike, []);
    });

    it('carries ContactPad\'s settings but no SIP user: that is each agent\'s User field, handed over by the page', () => {
      const contactPad = new Map(sections[1]?.items.map((item) => [item.name, item.value]));
      for (const name of ['sipServerUrl', 'sipDomain', 'wrapUpSeconds', 'notReadyReasons', 'dispositions', 'rejectStatusCode', 'defaultCountry', 'lookupTimeoutMs']) {
        assert.ok(contactPad.has(name), `call center item ${name}`);
      }
      assert.ok(!contactPad.has('sipUser') && !contactPad.has('sipDisplayName'));
      assert.match(contactPad.get('rejectStatusCode') ?? '', /^(486|603)$/);
      assert.match(contactPad.get('sipServerUrl') ?? '', /^wss:\/\//);
    });
  });

  it('hosts ContactPad in a page that loads Open CTI and hands it the session and the agent (with their language and locale), every merge value JavaScript-encoded', async () => {
    const page = await readFile(join(converted, 'pages', 'ContactPad.page'), 'utf8');
    const openCti = page.indexOf(`/support/api/${CURRENT_API_VERSION}/lightning/opencti_min.js`);
    const moduleScript = page.indexOf('<script type="module">');
    assert.ok(openCti >= 0 && moduleScript > openCti, 'Open CTI loads before ContactPad starts');
    assert.match(page, /import\s*\{\s*startContactPadApp\s*\}\s*from\s*'\{!JSENCODE\(URLFOR\(\$Resource\.contactpad, 'main\.js'\)\)\}'/);
    const sessions = [...page.matchAll(/\$Api\.Session_ID/gi)];
    assert.equal(sessions.length, 1, 'the session is merged into the page once');
    assert.match(page, /accessToken:\s*'\{!JSENCODE\(\$Api\.Session_ID\)\}'/);
    assert.doesNotMatch(page, /jsforceUrl|jsforce-core/, 'jsforce comes with the bundle (a chunk of its own): the page names no script for it');
    assert.match(page, /ringtoneUrl:\s*'\{!JSENCODE\(URLFOR\(\$Resource\.contactpad, 'ringtone\.wav'\)\)\}'/);
    assert.match(
      page,
      /agent:\s*\{\s*userId:\s*'\{!JSENCODE\(\$User\.Id\)\}',\s*profileId:\s*'\{!JSENCODE\(\$User\.ProfileId\)\}',\s*sipUser:\s*'\{!JSENCODE\(\$User\.ContactPad_SIP_User__c\)\}',\s*language:\s*'\{!JSENCODE\(\$User\.LanguageLocaleKey\)\}',\s*locale:\s*'\{!JSENCODE\(\$User\.LocaleSidKey\)\}'\s*\}/,
    );
    const merges = [...page.replace(/<!--[\s\S]*?-->/g, '').matchAll(/\{!([^}]*)\}/g)].map((m) => m[1] ?? '');
    assert.ok(merges.length >= 6, `${merges.length} merge values`);
    assert.deepEqual(merges.filter((merge) => !/^JSENCODE\(/.test(merge)), [], 'every merge value goes through JSENCODE');
    assert.doesNotMatch(page, /console\.|alert\(|localStorage|sessionStorage|document\.cookie|postMessage/);
  });

  it('makes the interaction id an external id on activities, so a retried call log upserts', async () => {
    const object = await readFile(join(converted, 'objects', 'Activity.object'), 'utf8');
    assert.match(object, /<fullName>ContactPad_Interaction_Id__c<\/fullName>/);
    assert.match(object, /<externalId>true<\/externalId>/);
    assert.match(object, /<type>Text<\/type>/);
    assert.match(object, /<length>255<\/length>/);
  });

  it('adds the caller number (a Phone field, found by SOSL IN PHONE FIELDS), channel, journey status and work item to activities', async () => {
    const object = await readFile(join(converted, 'objects', 'Activity.object'), 'utf8');
    const fields = new Map<string, string>();
    for (const match of object.matchAll(/<fields>([\s\S]*?)<\/fields>/g)) {
      const body = match[1] ?? '';
      fields.set(/<fullName>([^<]*)<\/fullName>/.exec(body)?.[1] ?? '', body);
    }
    assert.deepEqual([...fields.keys()].sort(), ACTIVITY_FIELDS);
    assert.match(fields.get('ContactPad_Caller_Number__c') ?? '', /<type>Phone<\/type>/);
    const channel = fields.get('ContactPad_Channel__c') ?? '';
    assert.match(channel, /<type>Text<\/type>/);
    assert.match(channel, /<length>40<\/length>/);
    const status = fields.get('ContactPad_Status__c') ?? '';
    assert.match(status, /<type>Picklist<\/type>/);
    assert.match(status, /<restricted>true<\/restricted>/);
    const values = [...status.matchAll(/<value>\s*<fullName>([^<]*)<\/fullName>/g)].map((m) => m[1]);
    assert.deepEqual(values, ['Waiting', 'Assigning', 'Assigned', 'Transferring', 'Ended', 'Failed']);
    // The Omni-Channel work item (messaging session 0Mw, chat transcript 570, case 500): Task.WhatId
    // cannot point at a session or a transcript, so its id rides in this Text(18) field.
    const workItem = fields.get('ContactPad_Work_Item_Id__c') ?? '';
    assert.deepEqual(['type', 'length', 'label', 'externalId', 'required'].map((tag) => new RegExp(`<${tag}>([^<]*)</${tag}>`).exec(workItem)?.[1]), ['Text', '18', 'Work Item ID', 'false', 'false']);
  });

  describe('permission sets', () => {
    let agent: string;
    before(async () => {
      agent = await readFile(join(converted, 'permissionsets', 'ContactPad_Agent.permissionset'), 'utf8');
    });

    it('grant agents the page, Task create/edit/delete, read on the records ContactPad pops, the SIP users and the screen-pop rules', () => {
      assert.match(agent, /<pageAccesses>\s*<apexPage>ContactPad<\/apexPage>\s*<enabled>true<\/enabled>/);
      for (const type of ['ContactPad_Screen_Pop_Rule__mdt', 'ContactPad_Screen_Pop_Setting__mdt', 'ContactPad_Voicemail_Message__mdt', 'ContactPad_Dialing_List_Entry__mdt', 'ContactPad_Outbound_Setting__mdt']) {
        assert.match(agent, new RegExp(`<customMetadataTypeAccesses>\\s*<enabled>true</enabled>\\s*<name>${type}</name>`), type);
      }
      const objects = permissionBlocks(agent, 'objectPermissions', 'object');
      // Delete: the outbox removes a second copy of a call log that two late tries both created.
      assert.deepEqual(['allowCreate', 'allowDelete', 'allowEdit', 'allowRead'].map((name) => flag(objects.get('Task'), name)), [true, true, true, true]);
      for (const name of ['Lead', 'Contact', 'Account', 'Case']) assert.equal(flag(objects.get(name), 'allowRead'), true, name);
      // Transferring a case or email to another agent or a queue changes the Case owner.
      assert.equal(flag(objects.get('Case'), 'allowEdit'), true, 'Case edit for transfers');
      // Report a problem opens a Case on its report id (upsert: edit and create), the log its file.
      assert.equal(flag(objects.get('Case'), 'allowCreate'), true, 'Case create for problem reports');
      const reportId = permissionBlocks(agent, 'fieldPermissions', 'field').get('Case.ContactPad_Report_Id__c');
      assert.deepEqual([flag(reportId, 'readable'), flag(reportId, 'editable')], [true, true], 'Case.ContactPad_Report_Id__c');
      // Do Not Call is read before every outbound call, never changed from ContactPad.
      for (const field of ['Contact.DoNotCall', 'Lead.DoNotCall']) {
        const doNotCall = permissionBlocks(agent, 'fieldPermissions', 'field').get(field);
        assert.deepEqual([flag(doNotCall, 'readable'), flag(doNotCall, 'editable')], [true, false], field);
      }
      const sipUser = permissionBlocks(agent, 'fieldPermissions', 'field').get('User.ContactPad_SIP_User__c');
      assert.deepEqual([flag(sipUser, 'readable'), flag(sipUser, 'editable')], [true, false]);
      assert.deepEqual([...permissionBlocks(agent, 'userPermissions', 'name').keys()], ['ApiEnabled']);
      // Preview dialling reads the campaigns and logs each outcome on the member (Status, next attempt).
      assert.deepEqual(['allowCreate', 'allowDelete', 'allowEdit', 'allowRead'].map((name) => flag(objects.get('Campaign'), name)), [false, false, true, true], 'Campaign');
      const nextAttempt = permissionBlocks(agent, 'fieldPermissions', 'field').get('CampaignMember.ContactPad_Next_Attempt__c');
      assert.deepEqual([flag(nextAttempt, 'readable'), flag(nextAttempt, 'editable')], [true, true]);
      assert.ok(!objects.has(''), 'every object permission names its object');
    });

    it('let agents call the SIP credential endpoint but never read the secret it signs with', () => {
      assert.deepEqual([...permissionBlocks(agent, 'classAccesses', 'apexClass').entries()].map(([name, body]) => [name, flag(body, 'enabled')]), [['ContactPadCallbackQueue', true], ['ContactPadSipCredential', true]]);
      assert.doesNotMatch(agent.replace(/<!--[\s\S]*?-->/g, ''), /customSettingAccesses|ContactPad_SIP_Edge__c|ViewAllCustomSettings|CustomizeApplication|ViewSetup/);
    });

    it('carry the same field-level security for Task and Event on every Activity field (the Task reference: deployments must include Event FLS)', async () => {
      // developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_task.htm,
      // "Shared Field-Level Security for Event and Task Objects": "Metadata deployments for the Task
      // object should always include the field-level security for the Event object", and "A
      // missing entry in the metadata is treated as field-level security being disabled".
      const shipped = (packageMembers(await readFile(join(converted, 'package.xml'), 'utf8')).get('CustomField') ?? []).filter((name) => name.startsWith('Activity.')).map((name) => name.slice('Activity.'.length));
      assert.deepEqual(shipped, ACTIVITY_FIELDS);
      const fields = permissionBlocks(agent, 'fieldPermissions', 'field');
      for (const field of shipped) {
        const task = fields.get(`Task.${field}`);
        const event = fields.get(`Event.${field}`);
        assert.deepEqual([flag(task, 'readable'), flag(task, 'editable')], [true, true], `Task.${field}`);
        assert.deepEqual([flag(event, 'readable'), flag(event, 'editable')], [flag(task, 'readable'), flag(task, 'editable')], `Event.${field} as Task.${field}`);
      }
      assert.deepEqual([...fields.keys()].filter((name) => /^(Task|Event|Activity)\./.test(name)).sort(), [...shipped.map((f) => `Event.${f}`), ...shipped.map((f) => `Task.${f}`)]);
    });

    it('keep the org-wide "Transfer Cases" right out of the agent set, and offer it apart for agents who hand over Cases they do not own', async () => {
      // Transferring a record the user does not own takes Transfer Cases or Transfer Record with Edit
      // on Cases (help.salesforce.com/s/articleView?id=xcloud.data_about_transfer.htm).
      assert.doesNotMatch(agent, /TransferAny|ModifyAllData|<modifyAllRecords>true/);
      const transfer = await readFile(join(converted, 'permissionsets', 'ContactPad_Case_Transfer.permissionset'), 'utf8');
      assert.deepEqual([...permissionBlocks(transfer, 'userPermissions', 'name').entries()].map(([name, body]) => [name, flag(body, 'enabled')]), [['TransferAnyCase', true]]);
      const kase = permissionBlocks(transfer, 'objectPermissions', 'object').get('Case');
      assert.deepEqual(['allowRead', 'allowEdit', 'allowCreate', 'allowDelete', 'modifyAllRecords'].map((name) => flag(kase, name)), [true, true, false, false, false]);
    });

    it('fit Salesforce\'s limits: a label and a description of at most 255 characters each', async () => {
      for (const [dir, name] of [[converted, 'ContactPad_Agent'], [converted, 'ContactPad_Case_Transfer'], [legacyConverted, 'ContactPad_Legacy_Chat']] as const) {
        const xml = await readFile(join(dir, 'permissionsets', `${name}.permissionset`), 'utf8');
        const description = decodeXml(/<description>([^<]*)<\/description>/.exec(xml)?.[1] ?? '');
        assert.ok(description.length > 40 && description.length <= 255, `${name} description: ${description.length} characters`);
        assert.match(xml, /<label>[^<]{1,80}<\/label>/, `${name} label`);
      }
    });
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

  it('ships the voicemail messages agents drop as a custom metadata type, with a sample message in the static resource', async () => {
    const type = await readFile(join(converted, 'objects', 'ContactPad_Voicemail_Message__mdt.object'), 'utf8');
    assert.match(type, /<visibility>Public<\/visibility>/);
    const fields = new Map([...type.matchAll(/<fields>([\s\S]*?)<\/fields>/g)].map((m) => [/<fullName>([^<]*)</.exec(m[1] ?? '')?.[1], /<type>([^<]*)</.exec(m[1] ?? '')?.[1]]));
    assert.deepEqual(Object.fromEntries(fields), { Active__c: 'Checkbox', Audio_URL__c: 'Text' });
    const sample = await readFile(join(converted, 'customMetadata', 'ContactPad_Voicemail_Message.Call_Us_Back.md'), 'utf8');
    assert.match(sample, /<label>Please call us back<\/label>/);
    const audioUrl = /<field>Audio_URL__c<\/field>\s*<value[^>]*>([^<]*)<\/value>/.exec(sample)?.[1] ?? '';
    assert.equal(audioUrl, '/resource/contactpad/voicemail-sample.wav');
    // The file it names ships in the contactpad static resource (a folder resource: /resource/contactpad/<file>).
    const shipped = await readFile(join(PROJECT_ROOT, 'force-app', 'main', 'default', 'staticresources', 'contactpad', 'voicemail-sample.wav'));
    assert.equal(shipped.subarray(0, 4).toString('latin1'), 'RIFF');
  });

  it('ships the dialing lists and the outbound setting as custom metadata types admins edit in Setup, the Default setting with no calling hours and every country', async () => {
    const fieldTypes = (xml: string) => new Map([...xml.matchAll(/<fields>([\s\S]*?)<\/fields>/g)].map((m) => [/<fullName>([^<]*)<\/fullName>/.exec(m[1] ?? '')?.[1] ?? '', /<type>([^<]*)<\/type>/.exec(m[1] ?? '')?.[1] ?? '']));
    const lists = await readFile(join(converted, 'objects', 'ContactPad_Dialing_List_Entry__mdt.object'), 'utf8');
    assert.match(lists, /<visibility>Public<\/visibility>/);
    assert.deepEqual(Object.fromEntries(fieldTypes(lists)), { Active__c: 'Checkbox', Agent__c: 'Text', List__c: 'Picklist', Number__c: 'Text' });
    const listBody = [...lists.matchAll(/<fields>([\s\S]*?)<\/fields>/g)].map((m) => m[1] ?? '').find((b) => b.includes('<fullName>List__c</fullName>')) ?? '';
    assert.deepEqual([...listBody.matchAll(/<value>\s*<fullName>([^<]*)<\/fullName>/g)].map((m) => m[1]), ['Block', 'Allow', 'Personal Allow']);
    assert.match(listBody, /<restricted>true<\/restricted>/);
    const setting = await readFile(join(converted, 'objects', 'ContactPad_Outbound_Setting__mdt.object'), 'utf8');
    assert.deepEqual(Object.fromEntries(fieldTypes(setting)), {
      Allowed_Countries__c: 'Text', Calling_Days__c: 'Text', Calling_Hours_End__c: 'Text', Calling_Hours_Start__c: 'Text', Record_Time_Zone_Field__c: 'Text',
    });
    const defaults = await readFile(join(converted, 'customMetadata', 'ContactPad_Outbound_Setting.Default.md'), 'utf8');
    const values = [...defaults.matchAll(/<field>([^<]*)<\/field>\s*<value([^>]*?)(?:\/>|>([^<]*)<\/value>)/g)];
    assert.deepEqual(values.map((m) => [m[1], /xsi:nil="true"/.test(m[2] ?? '')]), [
      ['Allowed_Countries__c', true], ['Calling_Days__c', true], ['Calling_Hours_End__c', true], ['Calling_Hours_Start__c', true], ['Record_Time_Zone_Field__c', true],
    ]);
  });

  describe('the SIP credential endpoint', () => {
    // Apex REST: @RestResource(urlMapping) on a global class, @HttpGet on a global static method
    // (Apex Developer Guide, "Exposing Apex Classes as REST Web Services"); the secret in a
    // protected hierarchy custom setting (Help, "Protection and Privacy Options for Custom
    // Settings"); the credential in auth_ephemeral's scheme (scripts/sip-server/sip-credential.ts).
    let source: string;
    let test: string;
    before(async () => {
      source = await readFile(join(converted, 'classes', 'ContactPadSipCredential.cls'), 'utf8');
      test = await readFile(join(converted, 'classes', 'ContactPadSipCredentialTest.cls'), 'utf8');
    });

    it('answers GET /services/apexrest/contactpad/sip-credential for the running user only, signing with HMAC-SHA1 of the org\'s secret', () => {
      const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
      assert.match(code, /@RestResource\(urlMapping='\/contactpad\/sip-credential'\)\s*global with sharing class ContactPadSipCredential\b/);
      assert.match(code, /@HttpGet\s*global static void issue\(\)/);
      assert.match(code, /Crypto\.generateMac\('hmacSHA1', Blob\.valueOf\(username\), Blob\.valueOf\(secret\)\)/);
      assert.match(code, /EncodingUtil\.base64Encode\(mac\)/);
      assert.match(code, /ContactPad_SIP_Edge__c\.getOrgDefaults\(\)/);
      assert.match(code, /WHERE Id = :UserInfo\.getUserId\(\)/);
      assert.doesNotMatch(code, /RestContext\.request|requestURI|params\.get/, 'nothing in the request can name another user');
      for (const [status, errorCode] of [[500, 'SIP_EDGE_NOT_CONFIGURED'], [404, 'NO_SIP_USER'], [404, 'INVALID_SIP_USER']] as const) {
        assert.match(code, new RegExp(`fail\\(response, ${status}, '${errorCode}'`), errorCode);
      }
      assert.match(code, /DEFAULT_LIFETIME_MINUTES = 720;/, 'a shift: 12 hours');
    });

    it('is tested: success, no SIP user, no secret, and the signature against values computed outside Salesforce', () => {
      assert.match(test, /^@IsTest\s*private class ContactPadSipCredentialTest/m);
      for (const expected of ['NO_SIP_USER', 'INVALID_SIP_USER', 'SIP_EDGE_NOT_CONFIGURED', "'turn'", '7/zfauXrL6LSdBbV8YTfnCWafHk=', 'wxsqFgVDS1gQsMF2YVvFSjqFG9s=']) {
        assert.ok(test.includes(expected), `the test checks ${expected}`);
      }
    });

    it('keeps the secrets in a protected hierarchy custom setting whose data no package carries', async () => {
      const object = await readFile(join(converted, 'objects', 'ContactPad_SIP_Edge__c.object'), 'utf8');
      assert.match(object, /<customSettingsType>Hierarchy<\/customSettingsType>/);
      assert.match(object, /<visibility>Protected<\/visibility>/);
      const fields = new Map([...object.matchAll(/<fields>([\s\S]*?)<\/fields>/g)].map((m) => [/<fullName>([^<]*)</.exec(m[1] ?? '')?.[1] ?? '', m[1] ?? '']));
      assert.deepEqual([...fields.keys()].sort(), ['Credential_Lifetime_Minutes__c', 'SIP_Secret__c', 'TURN_Secret__c']);
      for (const name of ['SIP_Secret__c', 'TURN_Secret__c']) {
        assert.match(fields.get(name) ?? '', /<type>Text<\/type>/, name);
        assert.match(fields.get(name) ?? '', /<length>255<\/length>/, name);
      }
      assert.match(fields.get('Credential_Lifetime_Minutes__c') ?? '', /<type>Number<\/type>/);
      const shipped = await filesUnder(DEFAULT_DIR);
      assert.deepEqual(shipped.filter((file) => /customSettings|\.settings-meta/.test(file)), [], 'no setting values ship');
    });
  });

  it('adds a Phone field to Case, so phone search (SOSL IN PHONE FIELDS) finds web cases', async () => {
    const xml = await readFile(join(converted, 'objects', 'Case.object'), 'utf8');
    assert.match(xml, /<fullName>ContactPad_Web_Phone__c<\/fullName>[\s\S]*?<type>Phone<\/type>/);
  });

  describe('trusted URLs', () => {
    /** A converted trusted URL's elements (CspTrustedSite, Metadata API). */
    const site = async (name: string): Promise<string> => readFile(join(converted, 'cspTrustedSites', `${name}.cspTrustedSite`), 'utf8');
    const CSP_DIRECTIVES = ['isApplicableToConnectSrc', 'isApplicableToFontSrc', 'isApplicableToFrameSrc', 'isApplicableToImgSrc', 'isApplicableToMediaSrc', 'isApplicableToStyleSrc'];

    it('trust the SIP server placeholder for WebSocket connections only, and tell admins to change it', async () => {
      const xml = await site('ContactPad_SIP_Server');
      assert.match(xml, /<endpointUrl>wss:\/\/sip\.example\.com<\/endpointUrl>/);
      assert.equal(flag(xml, 'isActive'), true);
      assert.deepEqual(CSP_DIRECTIVES.map((name) => flag(xml, name)), [true, false, false, false, false, false]);
      assert.deepEqual([flag(xml, 'canAccessMicrophone'), flag(xml, 'canAccessCamera')], [false, false]);
      assert.match(xml, /<description>[^<]*change[^<]*<\/description>/i);
    });

    it('let the softphone frame (the org\'s Visualforce domain) use the microphone and camera under a Permissions-Policy, and grant it nothing else', async () => {
      // CspTrustedSite canAccessMicrophone / canAccessCamera "take effect only when the
      // enablePermissionsPolicy field equals true and the grantMicrophoneAccess (grantCameraAccess)
      // field equals TrustedUrls in the SecuritySettings metadata API type" (Metadata API,
      // developer.salesforce.com/docs/atlas.en-us.api_meta.meta/api_meta/meta_csptrustedsite.htm).
      const xml = await site('ContactPad_Softphone_Frame');
      assert.match(xml, /<endpointUrl>https:\/\/\*\.vf\.force\.com<\/endpointUrl>/);
      assert.equal(flag(xml, 'isActive'), true);
      assert.deepEqual([flag(xml, 'canAccessMicrophone'), flag(xml, 'canAccessCamera')], [true, true]);
      assert.deepEqual(CSP_DIRECTIVES.map((name) => flag(xml, name)), CSP_DIRECTIVES.map(() => false));
      assert.match(xml, /<context>All<\/context>/);
    });

    it('fit the 255-character description of a trusted URL', async () => {
      for (const name of ['ContactPad_SIP_Server', 'ContactPad_Softphone_Frame']) {
        const description = decodeXml(/<description>([^<]*)<\/description>/.exec(await site(name))?.[1] ?? '');
        assert.ok(description.length > 40 && description.length <= 255, `${name}: ${description.length} characters`);
      }
    });
  });

  it('puts every metadata file, the project and the Open CTI script on the same, current API version', async () => {
    const versions = new Map<string, string>();
    for (const dir of [DEFAULT_DIR, LEGACY_CHAT_DIR]) {
      for (const file of await filesUnder(dir)) {
        if (file.includes('/staticresources/contactpad/')) continue;
        const text = await readFile(join(PROJECT_ROOT, file), 'utf8');
        for (const match of text.matchAll(/<apiVersion>([^<]*)<\/apiVersion>/g)) versions.set(file, match[1] ?? '');
        for (const match of text.matchAll(/\/support\/api\/([^/]+)\/lightning\/opencti/g)) versions.set(`${file} (Open CTI)`, match[1] ?? '');
      }
    }
    assert.deepEqual(Object.fromEntries(versions), {
      'force-app/main/default/aura/ContactPadConsoleBridge/ContactPadConsoleBridge.cmp-meta.xml': CURRENT_API_VERSION,
      'force-app/main/default/classes/ContactPadCallbackQueue.cls-meta.xml': CURRENT_API_VERSION,
      'force-app/main/default/classes/ContactPadCallbackQueueTest.cls-meta.xml': CURRENT_API_VERSION,
      'force-app/main/default/classes/ContactPadSipCredential.cls-meta.xml': CURRENT_API_VERSION,
      'force-app/main/default/classes/ContactPadSipCredentialTest.cls-meta.xml': CURRENT_API_VERSION,
      'force-app/main/default/pages/ContactPad.page (Open CTI)': CURRENT_API_VERSION,
      'force-app/main/default/pages/ContactPad.page-meta.xml': CURRENT_API_VERSION,
    });
    for (const dir of [converted, legacyConverted]) {
      assert.equal(/<version>([^<]*)<\/version>/.exec(await readFile(join(dir, 'package.xml'), 'utf8'))?.[1], CURRENT_API_VERSION);
    }
  });

  describe('the console bridge', () => {
    it('ships the exposed ContactPad_Bridge message channel with the protocol\'s fields, and the utility-bar Aura component', async () => {
      const channel = await readFile(join(converted, 'messageChannels', 'ContactPad_Bridge.messageChannel'), 'utf8');
      assert.match(channel, /<isExposed>true<\/isExposed>/, 'Open CTI (a Visualforce page) can only use exposed channels');
      assert.match(channel, /<masterLabel>ContactPad Bridge<\/masterLabel>/);
      const fields = [...channel.matchAll(/<lightningMessageFields>([\s\S]*?)<\/lightningMessageFields>/g)].map((m) => m[1] ?? '');
      assert.deepEqual(fields.map((f) => /<fieldName>([^<]*)<\/fieldName>/.exec(f)?.[1]), ['version', 'source', 'kind', 'id', 'replyTo', 'body']);
      for (const field of fields) assert.match(field, /<description>[^<]{20,}<\/description>/, 'every field is documented');
      assert.match(fields[0] ?? '', new RegExp(`a number, ${BRIDGE_PROTOCOL_VERSION}\\)`), 'the channel documents the protocol version ContactPad speaks');

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
      for (const call of ['openTab', 'focusTab', 'closeTab', 'getTabInfo', 'getAllTabInfo', 'acceptAgentWork', 'declineAgentWork', 'closeAgentWork', 'setServicePresenceStatus', 'logout', 'getAgentWorks', 'getServicePresenceStatusId']) {
        assert.match(helper, new RegExp(`\\.${call}\\(`), call);
      }
      assert.doesNotMatch(helper + cmp, /innerHTML|eval\(|sessionId|Session_ID/);
    });

    it('takes its protocol from the static resource (bridge-protocol.js, built from the TypeScript module), not from a copy of its own', async () => {
      const names = zipEntryNames(await readFile(join(converted, 'staticresources', 'contactpad.resource')));
      assert.ok(names.includes('bridge-protocol.js'), `static resource holds ${names.join(', ')}`);
      const bundle = join(converted, 'aura', 'ContactPadConsoleBridge');
      const cmp = await readFile(join(bundle, 'ContactPadConsoleBridge.cmp'), 'utf8');
      assert.match(cmp, /<ltng:require[^>]*\$Resource\.contactpad[^>]*bridge-protocol\.js/);
      const helper = await readFile(join(bundle, 'ContactPadConsoleBridgeHelper.js'), 'utf8');
      assert.doesNotMatch(helper, /VERSION\s*:\s*\d/, 'no protocol version of its own');
    });
  });
});

/**
 * force-app-voice: ContactPad as a Service Cloud Voice partner telephony provider (issue 14). Its
 * own package directory, deployed only where the org has the Service Cloud Voice for Partner
 * Telephony license (ConversationVendorInfo requires it: Metadata API ConversationVendorInfo,
 * "Special Access Rules"), converted on its own by `sf project convert source`.
 */
describe('force-app-voice', () => {
  let voiceConverted: string;
  let openCti: CallCenterSection[];
  before(async () => {
    home = await mkdtemp(join(tmpdir(), 'contactpad-sf-'));
    voiceConverted = await convert(VOICE_DIR, 'mdapi-voice');
    openCti = callCenterSections(await readFile(join(PROJECT_ROOT, DEFAULT_DIR, 'main', 'default', 'callCenters', 'ContactPad.callCenter-meta.xml'), 'utf8'));
  });
  after(async () => {
    if (home !== undefined) await rm(home, { recursive: true, force: true });
  });

  it('converts to a package with only the contact center, the ConversationVendorInfo and the connector page, at the current API version', async () => {
    const packageXml = await readFile(join(voiceConverted, 'package.xml'), 'utf8');
    assert.deepEqual(Object.fromEntries(packageMembers(packageXml)), { ApexPage: ['ContactPadConnector'], CallCenter: ['ContactPad_Voice'], ConversationVendorInfo: ['ContactPad'] });
    assert.match(packageXml, new RegExp(`<version>${CURRENT_API_VERSION.replace('.', '\\.')}</version>`));
  });

  it('declares ContactPad a partner telephony vendor (vendorType ServiceCloudVoicePartner) with the connector\'s https URL, and switches on no capability ContactPad lacks', async () => {
    const vendor = await readFile(join(voiceConverted, 'ConversationVendorInformation', 'ContactPad.ConversationVendorInformation'), 'utf8');
    const element = (name: string) => new RegExp(`<${name}>([^<]*)</${name}>`).exec(vendor)?.[1];
    assert.deepEqual([element('developerName'), element('masterLabel'), element('vendorType')], ['ContactPad', 'ContactPad', 'ServiceCloudVoicePartner']);
    assert.match(element('connectorUrl') ?? '', /^https:\/\//);
    assert.doesNotMatch(vendor.replace(/<!--[\s\S]*?-->/g, ''), />true</, 'no capability is claimed');
  });

  it('names the ConversationVendorInfo from the contact center, holds a certificate (never a private key) for the Telephony Integration API, and no secret', async () => {
    const xml = await readFile(join(voiceConverted, 'callCenters', 'ContactPad_Voice.callCenter'), 'utf8');
    const sections = callCenterSections(xml);
    assert.deepEqual(sections.map((s) => s.name), ['reqGeneralInfo', 'reqHvcc', 'ContactPad']);
    const items = new Map(sections.flatMap((s) => s.items.map((item) => [`${s.name}/${item.name}`, item.value] as const)));
    assert.equal(items.get('reqGeneralInfo/reqVendorInfoApiName'), 'c__ContactPad');
    assert.match(items.get('reqHvcc/reqTelephonyIntegrationCertificate') ?? '', /^-----BEGIN CERTIFICATE-----[\s\S]*-----END CERTIFICATE-----$/);
    assert.match(items.get('reqHvcc/reqUniversalCallRecordingAccess') ?? '', /^false$/);
    const text = xml.replace(/<!--[\s\S]*?-->/g, '');
    assert.doesNotMatch(text, /PRIVATE KEY/);
    for (const section of sections) for (const item of section.items) assert.notEqual(item.value.trim(), '', `${section.name}/${item.name} has a value`);
    const secretLike = sections.flatMap((s) => s.items.map((item) => item.name)).filter((name) => /pass|pwd|token|secret|credential|apikey|api_key/i.test(name));
    assert.deepEqual(secretLike, []);
  });

  it('carries the same ContactPad section as the Open CTI call center, so one settings reader serves both hosts', async () => {
    const xml = await readFile(join(voiceConverted, 'callCenters', 'ContactPad_Voice.callCenter'), 'utf8');
    const voice = callCenterSections(xml).find((s) => s.name === 'ContactPad');
    assert.deepEqual(voice, openCti.find((s) => s.name === 'ContactPad'));
  });

  it('is the contact center the voice call service signs for and the local console plays', async () => {
    const { CONSOLE_CONTACT_CENTER } = await import('./console/voice-calls.ts');
    assert.equal(CONSOLE_CONTACT_CENTER, 'ContactPad_Voice');
    const readme = await readFile(join(PROJECT_ROOT, 'scripts', 'voice-call-service', 'README.md'), 'utf8');
    assert.match(readme, /CP_CONTACT_CENTER_API_NAME=ContactPad_Voice/);
  });
});
