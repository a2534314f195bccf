/**
 * The local console end to end with its real parts: Kamailio, the fake org, the Open CTI shim,
 * the console page and its customer simulator, in Debian's Chromium.
 */
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { request } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { after, before, describe, it } from 'node:test';
import { build } from 'esbuild';
import { type Browser, type BrowserContext, type Frame, type Page } from 'playwright-core';
import { FakeOrgClient } from '../fake-org/client.ts';
import { readFileSync } from 'node:fs';
import { CONTACTPAD_PAGE, startConsole, type RunningConsole } from './console-server.ts';
import { jsEncode, openCtiPathOf } from './html-pages.ts';
import { LOCAL_AGENT, LOCAL_SESSION_ID } from './local-session.ts';
import { launchChromium } from './test-browser.ts';
import { signSipCredential } from '../sip-server/sip-credential.ts';
import { CONSOLE_SERVER_TEST_PORTS } from '../test-ports.ts';

const { web: PORT, sipWs: SIP_WS_PORT, sipUdp: SIP_UDP_PORT } = CONSOLE_SERVER_TEST_PORTS;
/** The softphone's own origin (startConsole's softphonePort). */
const SOFTPHONE_PORT = PORT + 1;
const API = '/services/data/v62.0';
/** The Open CTI script ContactPad.page names (its API version): the only place the shim is served. */
const OPENCTI_PATH = openCtiPathOf(readFileSync(CONTACTPAD_PAGE, 'utf8'));

let consoleServer: RunningConsole;
let browser: Browser;
let context: BrowserContext;

/** A raw GET (no URL normalisation, so `..` and encoded slashes reach the server as sent). */
function rawGet(path: string): Promise<{ status: number; type: string; body: string }> {
  return new Promise((done, fail) => {
    const req = request({ host: '127.0.0.1', port: PORT, path, method: 'GET' }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => done({ status: res.statusCode ?? 0, type: String(res.headers['content-type'] ?? ''), body }));
    });
    req.on('error', fail);
    req.end();
  });
}

async function rest(method: string, path: string, body?: unknown): Promise<{ status: number; json: unknown }> {
  const response = await fetch(`${consoleServer.url.replace(/\/$/, '')}${API}${path}`, {
    method,
    headers: { Authorization: `Bearer ${LOCAL_SESSION_ID}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, json: response.status === 204 ? undefined : await response.json() };
}

async function createRecord(type: string, fields: Record<string, unknown>): Promise<string> {
  const { status, json } = await rest('POST', `/sobjects/${type}`, fields);
  assert.equal(status, 201, `creating a ${type}: ${JSON.stringify(json)}`);
  return (json as { id: string }).id;
}

/** A record the org had before the test (the fake org's control API: indexed for search at once, unlike a REST write). */
function existingRecord(type: string, fields: Record<string, unknown>): Promise<string> {
  return new FakeOrgClient(consoleServer.url.replace(/\/$/, '')).insert('default', type, fields);
}

/**
 * Opens the console page. By default the softphone runs Open CTI only (`contactpad=off`), so a
 * test drives Open CTI itself, as ContactPad would, without ContactPad acting at the same time.
 */
async function openConsole(options: { withContactPad?: boolean; panelClosed?: boolean } = {}): Promise<{ page: Page; softphone: Frame }> {
  const query = new URLSearchParams({ refresh: '0' });
  if (!options.withContactPad) query.set('contactpad', 'off');
  if (options.panelClosed) query.set('panel', 'closed');
  const page = await context.newPage();
  await page.goto(`${consoleServer.url}?${query}`);
  await page.waitForFunction(() => window.localConsole?.openCtiConnected === true);
  const softphone = page.frame({ name: 'softphone' });
  assert.ok(softphone, 'the softphone iframe is on the page');
  await softphone.waitForFunction(() => window.sforce?.opencti !== undefined);
  return { page, softphone };
}

/** Calls an Open CTI method in the softphone frame, as ContactPad would, and returns the callback result. */
function openCti(frame: Frame, method: string, args: Record<string, unknown>): Promise<{ success: boolean; returnValue: unknown; errors: unknown }> {
  return frame.evaluate(
    ({ method, args }) =>
      new Promise((done) => {
        const api = window.sforce!.opencti as unknown as Record<string, (a: unknown) => void> & { SCREENPOP_TYPE: Record<string, string> };
        const resolved = { ...args } as Record<string, unknown>;
        if (typeof resolved['type'] === 'string' && resolved['type'] in api.SCREENPOP_TYPE) resolved['type'] = api.SCREENPOP_TYPE[resolved['type'] as string];
        api[method]!({ ...resolved, callback: done });
      }),
    { method, args },
  ) as Promise<{ success: boolean; returnValue: unknown; errors: unknown }>;
}

before(async () => {
  consoleServer = await startConsole({ port: PORT, sipWsPort: SIP_WS_PORT, sipUdpPort: SIP_UDP_PORT, name: 'console-test', softphonePort: SOFTPHONE_PORT });
  browser = await launchChromium();
  context = await browser.newContext({ permissions: ['microphone', 'camera'] });
});

after(async () => {
  await browser?.close();
  await consoleServer?.stop();
});

describe('the local console server', () => {
  it('serves the console, the softphone host, the Open CTI shim and the ContactPad bundle with their content types', async () => {
    const checks: [string, RegExp][] = [
      ['/', /^text\/html/],
      ['/softphone', /^text\/html/],
      [OPENCTI_PATH, /^text\/javascript/],
      ['/resource/contactpad/main.js', /^text\/javascript/],
      ['/resource/contactpad/bridge-protocol.js', /^text\/javascript/],
      ['/console/aura/ContactPadConsoleBridge/ContactPadConsoleBridgeHelper.js', /^text\/javascript/],
      ['/console/console-main.js', /^text\/javascript/],
      ['/console/console.css', /^text\/css/],
    ];
    for (const [path, type] of checks) {
      const response = await rawGet(path);
      assert.equal(response.status, 200, path);
      assert.match(response.type, type, path);
    }
  });

  it('answers 404 for unknown paths and for any path that leaves the static resource folder', async () => {
    for (const path of [
      '/nothing-here',
      '/resource/contactpad/no-such-file.js',
      '/resource/contactpad/../../../../../package.json',
      '/resource/contactpad/..%2F..%2F..%2F..%2F..%2Fpackage.json',
      '/resource/contactpad/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/package.json',
      '/resource/contactpad/%00main.js',
      '/console/../console-server.ts',
      '/console/aura/../pages/ContactPad.page',
      '/console/aura/%2e%2e/pages/ContactPad.page',
      OPENCTI_PATH.replace(/\/api\/[\d.]+\//, '/api/1.0/'),
    ]) {
      const response = await rawGet(path);
      assert.equal(response.status, 404, path);
      assert.doesNotMatch(response.body, /"name": "contactpad"/, path);
    }
  });

  it('sends scripts gzip-compressed to a browser that accepts it, as Salesforce serves static resources, and as they are to one that does not', async () => {
    const get = (path: string, encoding?: string) =>
      new Promise<{ encoding: string | undefined; vary: string | undefined; length: number; body: Buffer }>((done, fail) => {
        const req = request({ host: '127.0.0.1', port: PORT, path, method: 'GET', headers: encoding ? { 'Accept-Encoding': encoding } : {} }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => {
            const body = Buffer.concat(chunks);
            const header = res.headers['content-encoding'];
            done({ encoding: header, vary: res.headers.vary, length: Number(res.headers['content-length']), body });
          });
        });
        req.on('error', fail);
        req.end();
      });
    const plain = await get('/resource/contactpad/main.js');
    assert.equal(plain.encoding, undefined);
    assert.equal(plain.length, plain.body.byteLength);
    const compressed = await get('/resource/contactpad/main.js', 'gzip, deflate, br');
    assert.equal(compressed.encoding, 'gzip');
    assert.equal(compressed.vary, 'Accept-Encoding');
    assert.equal(compressed.length, compressed.body.byteLength);
    assert.deepEqual(gunzipSync(compressed.body), plain.body, 'the same script once inflated');
    assert.equal((await get('/resource/contactpad/main.js', 'gzip;q=0, identity')).encoding, undefined, 'gzip refused with q=0');
    assert.equal((await get('/resource/contactpad/ringtone.wav', 'gzip')).encoding, undefined, 'audio is sent as it is');
  });

  it('serves force-app\'s ContactPad.page as the softphone, its merge fields filled from the session and the agent user, never in a URL', async () => {
    const softphone = await rawGet('/softphone');
    assert.match(softphone.body, /^<!DOCTYPE html>\n/);
    assert.doesNotMatch(softphone.body, /apex:|\{!/, 'no Visualforce left');
    assert.ok(softphone.body.includes(`accessToken: '${jsEncode(LOCAL_SESSION_ID)}'`), 'the session is inline in the host page (JSENCODE)');
    assert.ok(softphone.body.includes(`<script src="${OPENCTI_PATH}"></script>`));
    assert.ok(softphone.body.includes(`import { startContactPadApp } from '${jsEncode('/resource/contactpad/main.js')}'`));
    assert.ok(softphone.body.includes(`userId: '${LOCAL_AGENT.userId}'`), 'the agent user (Alex Morgan)');
    assert.ok(softphone.body.includes(`sipUser: '${LOCAL_AGENT.sipUser}'`), 'the agent\'s SIP user from the User record');
    assert.match(softphone.body, /profileId: '00e[0-9A-Za-z]{15}'/, 'the agent\'s profile from the User record');
    assert.match(softphone.body, /<title>ContactPad<\/title>/);
    assert.ok(softphone.body.includes("language: 'en_US'") && softphone.body.includes("locale: 'en_US'"), 'the agent\'s language and locale from the User record');
    // ?lang=es (the console page passes it on): the agent's User record says Spanish.
    const spanish = await rawGet('/softphone?lang=es');
    assert.ok(spanish.body.includes("language: 'es'") && spanish.body.includes("locale: 'es_ES'"), 'a Spanish-speaking agent');
    assert.ok((await rawGet('/softphone?lang=es%27%29')).body.includes("language: 'en_US'"), 'anything but a language key leaves the record as it is');
    const bare = await rawGet('/softphone?contactpad=off');
    assert.match(bare.body, /opencti_min\.js/);
    assert.doesNotMatch(bare.body, /main\.js|startContactPadApp/);
    const consolePage = await rawGet('/');
    assert.ok(!/[?&](sid|token|session)=/i.test(consolePage.body), 'no session in any URL of the console page');
  });

  it('serves the fake org REST API to a bearer token and refuses a request without one', async () => {
    const id = await createRecord('Lead', { LastName: 'Rest Check', Company: 'Acme', Phone: '+1 415 555 0142' });
    const read = await rest('GET', `/sobjects/Lead/${id}`);
    assert.equal(read.status, 200);
    assert.equal((read.json as { Company: string }).Company, 'Acme');
    const anonymous = await fetch(`${consoleServer.url}services/data/v62.0/sobjects/Lead/${id}`);
    assert.equal(anonymous.status, 401);
    const body = (await anonymous.json()) as { errorCode: string }[];
    assert.equal(body[0]?.errorCode, 'INVALID_SESSION_ID');
  });
});

describe('the console page', () => {
  it('loads with ContactPad in the softphone iframe of an open utility bar panel, and the Phone button toggles it', async () => {
    const { page, softphone } = await openConsole({ withContactPad: true });
    const frame = page.getByTestId('softphone-frame');
    await frame.waitFor({ state: 'visible' });
    assert.equal(await frame.getAttribute('src'), '/softphone');
    await softphone.locator('contact-pad').waitFor({ state: 'attached' });
    const box = await frame.boundingBox();
    assert.ok(box && box.width >= 300 && box.height >= 500, `the panel is about 360 x 560, got ${JSON.stringify(box)}`);
    await page.getByRole('button', { name: 'Phone', exact: true }).click();
    await frame.waitFor({ state: 'hidden' });
    await page.getByRole('button', { name: 'Phone', exact: true }).click();
    await frame.waitFor({ state: 'visible' });
    await page.close();
  });

  it('with ?softphonePort serves the softphone from another origin of the same site, as Salesforce serves Visualforce, in a process of its own, and Open CTI still connects it to the console', async () => {
    const page = await context.newPage();
    await page.goto(`${consoleServer.url}?refresh=0&softphonePort=${SOFTPHONE_PORT}`);
    const src = await page.getByTestId('softphone-frame').getAttribute('src');
    assert.equal(src, `http://127.0.0.1:${SOFTPHONE_PORT}/softphone?sfdcIFrameOrigin=${encodeURIComponent(`http://127.0.0.1:${PORT}`)}`);
    await page.waitForFunction(() => window.localConsole?.openCtiConnected === true);
    const softphone = page.frames().find((frame) => frame.url().startsWith(`http://127.0.0.1:${SOFTPHONE_PORT}/softphone`));
    assert.ok(softphone, 'the softphone frame comes from the softphone port');
    await softphone.locator('contact-pad').waitFor({ state: 'attached' });
    const settings = await openCti(softphone, 'getCallCenterSettings', {});
    assert.equal(settings.success, true, 'Open CTI answers across the two origins');
    assert.equal(await softphone.evaluate(() => typeof sessionStorage.getItem('x')), 'object', 'the frame keeps its storage (same site)');
    const targets = (await (await browser.newBrowserCDPSession()).send('Target.getTargets')).targetInfos;
    assert.ok(targets.some((target) => target.type === 'iframe' && target.url.startsWith(`http://127.0.0.1:${SOFTPHONE_PORT}/`)), 'a frame of its own process (an out-of-process iframe target)');
    await page.close();
  });

  it('shows the softphone panel when Open CTI asks for it, and says whether it is visible', async () => {
    const { page, softphone } = await openConsole({ panelClosed: true });
    await page.getByTestId('softphone-frame').waitFor({ state: 'hidden' });
    const closed = await openCti(softphone, 'isSoftphonePanelVisible', {});
    assert.deepEqual(closed.returnValue, { visible: false });
    assert.equal((await openCti(softphone, 'setSoftphonePanelVisibility', { visible: true })).success, true);
    await page.getByTestId('softphone-frame').waitFor({ state: 'visible' });
    assert.deepEqual((await openCti(softphone, 'isSoftphonePanelVisible', {})).returnValue, { visible: true });
    await page.close();
  });

  it('gives the agent their SIP credential from the fake org for the local session (agent1), and its own phones theirs, all signed with the run\'s secret', async () => {
    const hmac = (text: string) => createHmac('sha1', consoleServer.sipSecret).update(text).digest('base64');
    const response = await fetch(`${consoleServer.url.replace(/\/$/, '')}/services/apexrest/contactpad/sip-credential`, { headers: { Authorization: `Bearer ${LOCAL_SESSION_ID}` } });
    assert.equal(response.status, 200);
    const agent = (await response.json()) as { sipUser: string; username: string; password: string };
    assert.equal(agent.sipUser, LOCAL_AGENT.sipUser);
    assert.match(agent.username, new RegExp(`^\\d+:${LOCAL_AGENT.sipUser}$`));
    assert.equal(agent.password, hmac(agent.username));

    const colleague = JSON.parse((await rawGet('/console/sip-credential?user=jordan.lee')).body) as { username: string; password: string };
    assert.match(colleague.username, /^\d+:jordan\.lee$/);
    assert.equal(colleague.password, hmac(colleague.username));
    const asAgent = await rawGet(`/console/sip-credential?user=${LOCAL_AGENT.sipUser}`);
    assert.equal(asAgent.status, 403, 'the console mints nothing for the agent: that is Salesforce\'s');
  });

  it('?agent=<SIP user> runs the console page and the softphone as another agent of the demo org, with that agent\'s own session; an unknown SIP user gets 404', async () => {
    const softphone = await rawGet('/softphone?agent=emile.durand');
    assert.ok(softphone.body.includes("sipUser: 'emile.durand'") && softphone.body.includes("userId: '005000000000004AAA'"), 'Émile Durand from the User record');
    const session = /accessToken: '([^']+)'/.exec(softphone.body)?.[1] ?? '';
    assert.notEqual(session, jsEncode(LOCAL_SESSION_ID), 'not agent1\'s session');
    const credential = await fetch(`${consoleServer.url.replace(/\/$/, '')}/services/apexrest/contactpad/sip-credential`, { headers: { Authorization: `Bearer ${session.replace(/\\(.)/g, '$1')}` } });
    assert.equal(((await credential.json()) as { sipUser: string }).sipUser, 'emile.durand', 'the session is Émile\'s: the credential endpoint signs for their SIP user');
    const page = await rawGet('/?agent=emile.durand');
    assert.match(page.body, /"agentUser":"emile\.durand"/);
    assert.match(page.body, /"queues":\[\{"address":"queue-sales","members":\["agent1","emile\.durand"\]\}/, 'the SIP edge\'s queues, for the simulator\'s Calls field');
    assert.equal((await rawGet('/?agent=nobody.here')).status, 404);
    assert.equal((await rawGet('/softphone?agent=casey.brooks')).status, 404, 'an inactive User is nobody\'s agent');
  });

  it('gives ContactPad the local SIP settings through getCallCenterSettings', async () => {
    const { page, softphone } = await openConsole();
    const result = await openCti(softphone, 'getCallCenterSettings', {});
    assert.equal(result.success, true);
    const settings = result.returnValue as Record<string, string>;
    assert.equal(settings['/ContactPad/sipServerUrl'], `ws://127.0.0.1:${SIP_WS_PORT}`);
    assert.equal(settings['/ContactPad/sipDomain'], '127.0.0.1');
    assert.equal(settings['/ContactPad/sipUser'], undefined, 'the SIP user is per agent: the page hands it over');
    assert.match(settings['/ContactPad/wrapUpSeconds'] ?? '', /^\d+$/);
    assert.match(settings['/ContactPad/rejectStatusCode'] ?? '', /^(486|603)$/);
    assert.ok((settings['/ContactPad/dispositions'] ?? '').length > 0);
    await page.close();
  });

  it('opens a record tab named after the record when ContactPad pops it, and focuses it on a second pop', async () => {
    const leadId = await createRecord('Lead', { FirstName: 'Ada', LastName: 'Popwell', Company: 'Analytical Engines', Phone: '+1 415 555 0101' });
    const { page, softphone } = await openConsole();
    const result = await openCti(softphone, 'screenPop', { type: 'SOBJECT', params: { recordId: leadId } });
    assert.equal(result.success, true, JSON.stringify(result.errors));
    const tab = page.getByRole('tab', { name: 'Ada Popwell' });
    await tab.waitFor();
    assert.equal(await tab.getAttribute('aria-selected'), 'true');
    assert.equal(await page.getByTestId('field-Company').textContent(), 'Analytical Engines');
    await page.getByRole('tab', { name: 'Tasks' }).click();
    await openCti(softphone, 'screenPop', { type: 'SOBJECT', params: { recordId: leadId } });
    assert.equal(await page.getByRole('tab', { name: 'Ada Popwell' }).count(), 1, 'one tab per record');
    assert.equal(await tab.getAttribute('aria-selected'), 'true');
    await page.getByRole('button', { name: 'Close Ada Popwell' }).click();
    await tab.waitFor({ state: 'detached' });
    await page.close();
  });

  it('opens a Case pop as a tab titled by its CaseNumber, a Task by its Subject, a chat transcript by its Name', async () => {
    const caseId = await createRecord('Case', { Subject: 'Broken delivery van', Origin: 'Phone' });
    const caseNumber = ((await rest('GET', `/sobjects/Case/${caseId}`)).json as { CaseNumber: string }).CaseNumber;
    assert.match(caseNumber, /^\d{8}$/);
    const taskId = await createRecord('Task', { Subject: 'Call back about the <van>', CallType: 'Inbound' });
    const chatId = await createRecord('LiveChatTranscript', { Body: 'Hello, my order is late', Status: 'Completed' });
    const chatName = ((await rest('GET', `/sobjects/LiveChatTranscript/${chatId}`)).json as { Name: string }).Name;
    const { page, softphone } = await openConsole();
    for (const [recordId, title, objectType] of [
      [caseId, caseNumber, 'Case'],
      [taskId, 'Call back about the <van>', 'Task'],
      [chatId, chatName, 'LiveChatTranscript'],
    ] as const) {
      const result = await openCti(softphone, 'screenPop', { type: 'SOBJECT', params: { recordId } });
      assert.equal(result.success, true, JSON.stringify(result.errors));
      const tab = page.getByRole('tab', { name: title, exact: true });
      await tab.waitFor();
      assert.equal(await tab.getAttribute('aria-selected'), 'true');
      const tabs = await page.evaluate(() => window.localConsole!.tabs);
      const { tabId, ...active } = tabs.find((entry) => entry.active) ?? { tabId: '' };
      assert.match(tabId, /^ctab\d+$/);
      assert.deepEqual(active, { title, kind: 'record', recordId, objectType, active: true });
    }
    assert.equal(await page.getByTestId('field-Body').textContent(), 'Hello, my order is late');
    const pops = await page.evaluate(() => window.localConsole!.screenPops);
    assert.deepEqual(pops.map((pop) => pop.params['recordId']), [caseId, taskId, chatId]);
    await page.close();
  });

  it('opens a record of an object the org defines itself, learning its type from the org (describeGlobal)', async () => {
    const fakeOrg = new FakeOrgClient(consoleServer.url.replace(/\/$/, ''));
    const rule = (await fakeOrg.records('default', 'ContactPad_Screen_Pop_Rule__mdt')).find((record) => record['DeveloperName'] === 'Open_Lead');
    assert.ok(rule, 'the org holds the shipped Open_Lead rule');
    const recordId = String(rule['Id']);
    const { page, softphone } = await openConsole();
    const result = await openCti(softphone, 'screenPop', { type: 'SOBJECT', params: { recordId } });
    assert.equal(result.success, true, JSON.stringify(result.errors));
    await page.getByRole('tab', { name: 'Open Lead', exact: true }).waitFor();
    const tabs = await page.evaluate(() => window.localConsole!.tabs);
    const { tabId, ...active } = tabs.find((entry) => entry.active) ?? { tabId: '' };
    assert.match(tabId, /^ctab\d+$/);
    assert.deepEqual(active, { title: 'Open Lead', kind: 'record', recordId, objectType: 'ContactPad_Screen_Pop_Rule__mdt', active: true });
    const unknownPrefix = await openCti(softphone, 'screenPop', { type: 'SOBJECT', params: { recordId: 'a0Z5g0000000001AAA' } });
    assert.equal(unknownPrefix.success, false);
    assert.match(JSON.stringify(unknownPrefix.errors), /not a record id the console knows/);
    await page.close();
  });

  it('opens a FLOW pop as a "Flow: <name>" tab listing its input variables as text, and records the pop', async () => {
    const { page, softphone } = await openConsole();
    const flowArgs = [
      { name: 'CallerNumber', type: 'String', value: '+1 415 555 0199' },
      { name: 'Greeting', type: 'String', value: '<img src=x onerror=alert(1)>' },
      { name: 'Attempt', type: 'Number', value: 2 },
    ];
    const result = await openCti(softphone, 'screenPop', { type: 'FLOW', params: { flowDevName: 'Greet_Unknown_Caller', flowArgs } });
    assert.equal(result.success, true, JSON.stringify(result.errors));
    const tab = page.getByRole('tab', { name: 'Flow: Greet_Unknown_Caller' });
    await tab.waitFor();
    assert.equal(await tab.getAttribute('aria-selected'), 'true');
    const rows = page.getByTestId('flow-argument');
    const cells = await rows.evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)));
    assert.deepEqual(cells, [
      ['CallerNumber', 'String', '+1 415 555 0199'],
      ['Greeting', 'String', '<img src=x onerror=alert(1)>'],
      ['Attempt', 'Number', '2'],
    ]);
    assert.equal(await page.locator('[data-testid="tab-panel"] img').count(), 0, 'a value is text, never markup');
    const pops = await page.evaluate(() => window.localConsole!.screenPops);
    assert.deepEqual(pops.at(-1), { type: 'FLOW', params: { flowDevName: 'Greet_Unknown_Caller', flowArgs } });

    const bare = await openCti(softphone, 'screenPop', { type: 'FLOW', params: { flowDevName: 'No_Inputs' } });
    assert.equal(bare.success, true, JSON.stringify(bare.errors));
    await page.getByRole('tab', { name: 'Flow: No_Inputs' }).waitFor();
    assert.equal(await page.getByTestId('flow-no-arguments').textContent(), 'The flow was started with no input variables.');
    await page.close();
  });

  it('fails a FLOW pop without a flow name or with malformed arguments, and says why', async () => {
    const { page, softphone } = await openConsole();
    const nameless = await openCti(softphone, 'screenPop', { type: 'FLOW', params: { flowArgs: [] } });
    assert.equal(nameless.success, false);
    assert.match(JSON.stringify(nameless.errors), /flowDevName is required/);
    const malformed = await openCti(softphone, 'screenPop', { type: 'FLOW', params: { flowDevName: 'Bad_Args', flowArgs: [{ type: 'String', value: 'x' }] } });
    assert.equal(malformed.success, false);
    assert.match(JSON.stringify(malformed.errors), /flowArgs\[0\] needs a name/);
    assert.equal(await page.getByRole('tab', { name: 'Flow: Bad_Args' }).count(), 0);
    await page.close();
  });

  it('fails a pop of an id that names no record, and says why', async () => {
    const { page, softphone } = await openConsole();
    const result = await openCti(softphone, 'screenPop', { type: 'SOBJECT', params: { recordId: 'not-an-id' } });
    assert.equal(result.success, false);
    assert.match(JSON.stringify(result.errors), /not a record id/);
    await page.close();
  });

  it('opens a prefilled New Lead dialog for NEW_RECORD_MODAL; Save creates the Lead and opens its tab', async () => {
    const { page, softphone } = await openConsole();
    const result = await openCti(softphone, 'screenPop', {
      type: 'NEW_RECORD_MODAL',
      params: { entityName: 'Lead' },
      defaultFieldValues: { Phone: '+1 415 555 0177' },
    });
    assert.equal(result.success, true, JSON.stringify(result.errors));
    const dialog = page.getByRole('dialog', { name: 'New Lead' });
    await dialog.waitFor();
    assert.equal(await dialog.getByLabel('Phone', { exact: true }).inputValue(), '+1 415 555 0177');
    await dialog.getByLabel('LastName', { exact: true }).fill('Newman');
    await dialog.getByLabel('Company', { exact: true }).fill('Modal Works');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('tab', { name: 'Newman' }).waitFor();
    await dialog.waitFor({ state: 'detached' });
    assert.equal(await page.getByTestId('field-Phone').textContent(), '+1 415 555 0177');
    await page.close();
  });

  it('Cancel closes the new-record dialog without creating anything', async () => {
    const { page, softphone } = await openConsole();
    await openCti(softphone, 'screenPop', { type: 'NEW_RECORD_MODAL', params: { entityName: 'Contact' }, defaultFieldValues: { LastName: 'Never Saved' } });
    const dialog = page.getByRole('dialog', { name: 'New Contact' });
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
    const found = await rest('GET', `/query?q=${encodeURIComponent("SELECT Id FROM Contact WHERE LastName = 'Never Saved'")}`);
    assert.equal((found.json as { totalSize: number }).totalSize, 0);
    await page.close();
  });

  it('opens a Search tab listing the matches of a SEARCH pop, whose rows open record tabs', async () => {
    // Records the org already had: search finds a record written just now only once it is indexed (minutes).
    await existingRecord('Contact', { FirstName: 'Sam', LastName: 'Searchfield', Phone: '+1 415 555 0123' });
    await existingRecord('Lead', { FirstName: 'Sue', LastName: 'Searchfield', Company: 'Find Co', Phone: '+1 415 555 0124' });
    const { page, softphone } = await openConsole();
    const result = await openCti(softphone, 'screenPop', { type: 'SEARCH', params: { searchString: 'Searchfield' } });
    assert.equal(result.success, true, JSON.stringify(result.errors));
    await page.getByRole('tab', { name: 'Search: Searchfield' }).waitFor();
    const rows = page.getByTestId('search-row');
    await rows.first().waitFor();
    assert.equal(await rows.count(), 2);
    await page.getByRole('button', { name: 'Sam Searchfield' }).click();
    await page.getByRole('tab', { name: 'Sam Searchfield' }).waitFor();
    await page.close();
  });

  it('tells ContactPad which record the user focuses (onNavigationChange)', async () => {
    const contactId = await createRecord('Contact', { FirstName: 'Nora', LastName: 'Navigate', Phone: '+1 415 555 0150' });
    const { page, softphone } = await openConsole();
    await softphone.evaluate(() => {
      const seen: unknown[] = [];
      (window as unknown as { navigations: unknown[] }).navigations = seen;
      window.sforce!.opencti!.onNavigationChange({ listener: (payload) => seen.push(payload) });
    });
    await openCti(softphone, 'screenPop', { type: 'SOBJECT', params: { recordId: contactId } });
    await page.getByRole('tab', { name: 'Tasks' }).click();
    await page.getByRole('tab', { name: 'Nora Navigate' }).click();
    await softphone.waitForFunction(() => (window as unknown as { navigations: unknown[] }).navigations.length >= 2);
    const last = await softphone.evaluate(() => (window as unknown as { navigations: unknown[] }).navigations.at(-1));
    assert.deepEqual(last, { url: `/lightning/r/Contact/${contactId}/view`, recordId: contactId, recordName: 'Nora Navigate', objectType: 'Contact' });
    await page.close();
  });

  it('makes phone numbers click-to-dial links once ContactPad enables click-to-dial, and tells it what was clicked', async () => {
    const contactId = await createRecord('Contact', { FirstName: 'Cleo', LastName: 'Dialer', Phone: '(415) 555-0160' });
    const { page, softphone } = await openConsole();
    await openCti(softphone, 'screenPop', { type: 'SOBJECT', params: { recordId: contactId } });
    await page.getByRole('tab', { name: 'Cleo Dialer' }).waitFor();
    assert.equal(await page.getByTestId('click-to-dial').count(), 0, 'plain text before click-to-dial is enabled');
    await softphone.evaluate(() => {
      const seen: unknown[] = [];
      (window as unknown as { dials: unknown[] }).dials = seen;
      window.sforce!.opencti!.onClickToDial({ listener: (payload) => seen.push(payload) });
    });
    assert.equal((await openCti(softphone, 'enableClickToDial', {})).success, true);
    await page.getByRole('link', { name: '(415) 555-0160' }).click();
    await softphone.waitForFunction(() => (window as unknown as { dials: unknown[] }).dials.length === 1);
    const dial = await softphone.evaluate(() => (window as unknown as { dials: unknown[] }).dials[0]);
    assert.deepEqual(dial, { number: '(415) 555-0160', recordId: contactId, recordName: 'Cleo Dialer', objectType: 'Contact' });
    await openCti(softphone, 'disableClickToDial', {});
    await page.getByTestId('click-to-dial').first().waitFor({ state: 'detached' });
    await page.close();
  });

  it('lists the org\'s Tasks in the Tasks tab, with the call fields ContactPad logs', async () => {
    const { page } = await openConsole();
    await createRecord('Task', {
      Subject: 'Inbound call from the console test',
      CallType: 'Inbound',
      CallDurationInSeconds: 42,
      CallDisposition: 'Resolved',
      ContactPad_Interaction_Id__c: 'console-test-interaction-1',
    });
    await page.getByTestId('tasks-refresh').click();
    const row = page.locator('[data-testid="task-row"][data-interaction-id="console-test-interaction-1"]');
    await row.waitFor();
    const text = await row.textContent();
    assert.match(text ?? '', /Inbound call from the console test/);
    assert.match(text ?? '', /Inbound/);
    assert.match(text ?? '', /42/);
    assert.match(text ?? '', /Resolved/);
    await page.close();
  });
});

describe('the rule tester', () => {
  /** Opens the rule tester tab, tests `number`, and waits for the report (or the failure). */
  async function testNumber(page: Page, number: string): Promise<void> {
    const input = page.getByLabel('Caller number', { exact: true });
    await input.fill(number);
    await page.getByTestId('rule-tester-run').click();
    await page.waitForFunction(() => {
      const results = document.querySelector('[data-testid="rule-tester-results"]');
      return results?.getAttribute('aria-busy') === 'false' && !/^\s*(Testing|Type a caller)/.test(results.textContent ?? '');
    });
    const failure = page.locator('[data-testid="rule-tester-results"] [role="alert"]');
    if (await failure.count()) assert.fail(await failure.textContent() ?? 'the test failed');
  }

  async function openTester(): Promise<Page> {
    const { page } = await openConsole({ panelClosed: true });
    await page.getByRole('button', { name: 'Rule tester' }).click();
    const tab = page.getByRole('tab', { name: 'Rule tester' });
    await tab.waitFor();
    assert.equal(await tab.getAttribute('aria-selected'), 'true');
    return page;
  }

  /** The matches table as rows of [record, object, label, rule, matched field]. */
  function matchRows(page: Page): Promise<string[][]> {
    return page.getByTestId('rule-tester-match').evaluateAll((rows) =>
      rows.map((row) => [...row.querySelectorAll('td')].map((cell) => (cell.textContent ?? '').replace(/\s+/g, ' ').trim())),
    );
  }

  it('shows the open Lead for +14155550100, its rule and field, and says it opens that Lead, without popping anything', async () => {
    const page = await openTester();
    await testNumber(page, '+14155550100');
    assert.deepEqual(await matchRows(page), [['Maria Lopez', 'Lead', 'Lead', 'Open Lead (Open_Lead, priority 10)', 'Phone', 'wins']]);
    assert.equal(await page.getByTestId('rule-tester-labels').textContent(), 'Lead');
    assert.equal(await page.getByTestId('rule-tester-winning-rule').textContent(), 'Open Lead (Open_Lead, priority 10)');
    assert.equal(await page.getByTestId('rule-tester-decision').textContent(), 'Opens Lead Maria Lopez');
    assert.equal((await page.getByTestId('rule-tester-problems').innerText()).trim(), 'None: every rule was usable.');
    assert.deepEqual(await page.evaluate(() => window.localConsole!.screenPops), [], 'the tester pops nothing in the console');
    await page.close();
  });

  it('shows both Contacts sharing +14155550105, each with the field that matched, and a search for the number', async () => {
    const page = await openTester();
    await testNumber(page, '+14155550105');
    assert.deepEqual(await matchRows(page), [
      ['Elena Rossi', 'Contact', 'Customer', 'Customer Contact (Customer_Contact, priority 20)', 'Phone', 'wins'],
      ['Marco Rossi', 'Contact', 'Customer', 'Customer Contact (Customer_Contact, priority 20)', 'HomePhone', 'wins'],
    ]);
    assert.equal(await page.getByTestId('rule-tester-labels').textContent(), 'Customer');
    assert.equal(await page.getByTestId('rule-tester-decision').textContent(), 'Opens a search for +14155550105');
    await page.close();
  });

  it('shows a caller who is both a Lead and a Customer with both labels, the Lead winning over the Contact', async () => {
    const page = await openTester();
    await testNumber(page, '(415) 555-0104');
    assert.deepEqual(await matchRows(page), [
      ['Sam Carter', 'Lead', 'Lead', 'Open Lead (Open_Lead, priority 10)', 'Phone', 'wins'],
      ['Sam Carter', 'Contact', 'Customer', 'Customer Contact (Customer_Contact, priority 20)', 'MobilePhone', ''],
    ]);
    assert.equal(await page.getByTestId('rule-tester-labels').textContent(), 'Lead, Customer');
    assert.equal(await page.getByTestId('rule-tester-decision').textContent(), 'Opens Lead Sam Carter');
    await page.close();
  });

  it('calls +14155550199 Unknown and opens the greeting screen: a new Lead with the number', async () => {
    const page = await openTester();
    await testNumber(page, '+14155550199');
    assert.equal(await page.getByTestId('rule-tester-match').count(), 0);
    assert.equal(await page.getByTestId('rule-tester-labels').textContent(), 'Unknown');
    assert.equal(await page.getByTestId('rule-tester-winning-rule').textContent(), 'none (no rule matched)');
    assert.equal(await page.getByTestId('rule-tester-decision').textContent(), 'Opens a new Lead with Phone +14155550199');
    await page.close();
  });

  it("lists the caller's recent interactions from their Tasks, newest first, and opens one in a tab", async () => {
    const page = await openTester();
    await testNumber(page, '+14155550101');
    const entries = page.getByTestId('rule-tester-journey-entry');
    assert.ok((await entries.count()) >= 2, "Daniel Kim's logged calls are his journey");
    const times = (await entries.evaluateAll((rows) => rows.map((row) => Number(row.getAttribute('data-at')))));
    assert.deepEqual(times, [...times].sort((a, b) => b - a), 'newest first');
    assert.match((await entries.first().innerText()).replace(/\s+/g, ' '), /Agent One/);
    const subject = (await entries.first().locator('td').last().textContent()) ?? '';
    await entries.first().getByRole('button').click();
    const tab = page.getByRole('tab', { name: subject, exact: true });
    await tab.waitFor();
    assert.equal(await tab.getAttribute('aria-selected'), 'true');
    await page.close();
  });

  it('shows a name with markup from the org as text', async () => {
    const page = await openTester();
    await testNumber(page, '415-555-0106');
    assert.equal((await matchRows(page))[0]?.[0], "<b>Ann</b> O'Neil & Co");
    assert.equal(await page.getByTestId('rule-tester-decision').textContent(), "Opens Lead <b>Ann</b> O'Neil & Co");
    assert.equal(await page.locator('[data-testid="rule-tester-results"] b').count(), 0);
    await page.close();
  });

  it('says why a test failed when Salesforce is unavailable, and works again once it is back', async () => {
    const fakeOrg = new FakeOrgClient(consoleServer.url.replace(/\/$/, ''));
    const page = await openTester();
    await fakeOrg.setFault('default', { kind: 'unavailable', times: 2 });
    try {
      await page.getByLabel('Caller number', { exact: true }).fill('+14155550100');
      await page.getByTestId('rule-tester-run').click();
      const alert = page.locator('[data-testid="rule-tester-results"] [role="alert"]');
      await alert.waitFor();
      assert.match(await alert.textContent() ?? '', /^The test failed: CRM_UNAVAILABLE: /);
    } finally {
      await fakeOrg.clearFaults('default');
    }
    await testNumber(page, '+14155550100');
    assert.equal(await page.getByTestId('rule-tester-decision').textContent(), 'Opens Lead Maria Lopez');
    await page.close();
  });

  it('names a malformed rule in the org among the problems, and keeps testing with the other rules', async () => {
    const fakeOrg = new FakeOrgClient(consoleServer.url.replace(/\/$/, ''));
    const ruleId = await fakeOrg.insert('default', 'ContactPad_Screen_Pop_Rule__mdt', {
      DeveloperName: 'Invoice_Payer',
      MasterLabel: 'Invoice payer',
      Active__c: true,
      Object__c: 'Invoice__c',
      Phone_Fields__c: 'Payer_Phone__c',
      Caller_Label__c: 'Customer',
      Priority__c: 5,
      Pop_Action__c: 'Record',
    });
    try {
      const page = await openTester();
      await testNumber(page, '+14155550100');
      const problems = await page.getByTestId('rule-tester-problem').allTextContents();
      assert.equal(problems.length, 1, JSON.stringify(problems));
      assert.match(problems[0] ?? '', /^Rule Invoice_Payer skipped: object Invoice__c does not exist or is not visible to this user/);
      assert.equal(await page.getByTestId('rule-tester-decision').textContent(), 'Opens Lead Maria Lopez');
      await page.close();
    } finally {
      await fakeOrg.remove('default', 'ContactPad_Screen_Pop_Rule__mdt', ruleId);
    }
  });
});

describe('the customer simulator', () => {
  let agentScript: string;
  before(async () => {
    const bundled = await build({
      entryPoints: [new URL('./test-agent.ts', import.meta.url).pathname],
      bundle: true,
      write: false,
      format: 'iife',
      platform: 'browser',
      target: 'es2022',
      logLevel: 'silent',
    });
    agentScript = bundled.outputFiles[0]!.text;
  });

  /** A bare SIP agent (not ContactPad) registered as agent1, in its own page at the console's origin. */
  async function startTestAgent(): Promise<Page> {
    const page = await context.newPage();
    await page.goto(`${consoleServer.url}console/console.css`);
    await page.addScriptTag({ content: agentScript });
    // agent1's credential, as Salesforce's endpoint would sign it with the console's secret.
    const credential = signSipCredential(consoleServer.sipSecret, 'agent1', Date.now() + 3_600_000);
    await page.evaluate(
      ({ wsUrl, credential }) => window.testAgent!.register({ wsUrl, domain: '127.0.0.1', user: 'agent1', credential }),
      { wsUrl: `ws://127.0.0.1:${SIP_WS_PORT}`, credential: { username: credential.username, password: credential.password } },
    );
    return page;
  }

  /** Waits for the simulator's call state; on timeout, says where it is instead. */
  async function waitForCallState(page: Page, state: string): Promise<void> {
    try {
      await page.waitForFunction((wanted) => window.customerSimulator!.state === wanted, state, { timeout: 15_000 });
    } catch {
      const seen = await page.evaluate(() => `${window.customerSimulator!.state}: ${window.customerSimulator!.status}`);
      assert.fail(`the simulator did not reach "${state}"; it is ${seen}`);
    }
  }

  it('registers on the local SIP server as a customer user', async () => {
    const { page } = await openConsole();
    await page.waitForFunction(() => window.customerSimulator?.registration === 'registered');
    assert.match(await page.getByTestId('sim-registration').textContent() ?? '', /registered as customer-/);
    const simulator = page.getByTestId('customer-simulator');
    assert.equal(await simulator.getByRole('button', { name: 'Call agent' }).isEnabled(), true);
    assert.equal(await simulator.getByRole('button', { name: 'Hang up' }).isEnabled(), false);
    await page.close();
  });

  it('calls agent1 with the caller and the call described in the SIP header contract, and shows a decline', async () => {
    const agent = await startTestAgent();
    const { page } = await openConsole({ panelClosed: true });
    await page.waitForFunction(() => window.customerSimulator?.registration === 'registered');
    const simulator = page.getByTestId('customer-simulator');
    await simulator.getByLabel('Name', { exact: true }).fill('Grace "Amazing" Hopper');
    await simulator.getByLabel('Number', { exact: true }).fill('+1 (415) 555-0101');
    await simulator.getByLabel('Queue', { exact: true }).fill('Support');
    await simulator.getByLabel('Location (Call To)', { exact: true }).fill('+1 800 555 0100');
    await simulator.getByLabel('Ad Source', { exact: true }).fill('Radio <spring>');
    await simulator.getByLabel('Kind', { exact: true }).selectOption('callback');
    const invite = agent.evaluate(() => window.testAgent!.nextInvite());
    await simulator.getByRole('button', { name: 'Call agent' }).click();
    const received = await invite;
    const interactionId = await page.evaluate(() => window.customerSimulator!.lastInteractionId);
    assert.ok(interactionId, 'the simulator made an interaction id');
    assert.match(received.headers['From'] ?? '', /^"Grace \\"Amazing\\" Hopper" <sip:\+1%20\(415\)%20555-0101@127\.0\.0\.1>;tag=/);
    assert.equal(decodeURIComponent(received.fromUser), '+1 (415) 555-0101');
    assert.match(received.headers['P-Asserted-Identity'] ?? '', /^"Grace \\"Amazing\\" Hopper" <sip:\+1%20\(415\)%20555-0101@127\.0\.0\.1>$/);
    assert.equal(received.headers['X-CP-Interaction-Id'], interactionId);
    assert.equal(received.headers['X-CP-Queue'], 'Support');
    assert.equal(received.headers['X-CP-Location'], '+1 800 555 0100');
    assert.equal(received.headers['X-CP-Ad-Source'], 'Radio <spring>');
    assert.equal(received.headers['X-CP-Kind'], 'callback');
    assert.equal(received.headers['X-CP-Callback-Number'], '+1 (415) 555-0101');
    await agent.evaluate(() => window.testAgent!.decline(603));
    await waitForCallState(page, 'rejected');
    assert.equal(await page.evaluate(() => window.customerSimulator!.lastStatusCode), 603);
    assert.equal(await page.getByTestId('sim-status').textContent(), 'Rejected (603 Decline)');
    await agent.evaluate(() => window.testAgent!.stop());
    await agent.close();
    await page.close();
  });

  it('gives each call a fresh interaction id, withholds a blank number, and carries audio both ways once answered', async () => {
    const agent = await startTestAgent();
    const { page } = await openConsole({ panelClosed: true });
    await page.waitForFunction(() => window.customerSimulator?.registration === 'registered');
    const simulator = page.getByTestId('customer-simulator');
    await simulator.getByLabel('Name', { exact: true }).fill('');
    await simulator.getByLabel('Number', { exact: true }).fill('');
    await simulator.getByLabel('Queue', { exact: true }).fill('');
    await simulator.getByLabel('Location (Call To)', { exact: true }).fill('');
    await simulator.getByLabel('Ad Source', { exact: true }).fill('');
    await simulator.getByLabel('Kind', { exact: true }).selectOption('voice');

    const firstInvite = agent.evaluate(() => window.testAgent!.nextInvite());
    await simulator.getByRole('button', { name: 'Call agent' }).click();
    const first = await firstInvite;
    assert.equal(first.fromUser, 'anonymous');
    assert.equal(first.headers['P-Asserted-Identity'], undefined);
    assert.equal(first.headers['X-CP-Queue'], undefined);
    assert.equal(first.headers['X-CP-Kind'], 'voice');
    await waitForCallState(page, 'ringing');
    assert.equal(await page.getByTestId('sim-status').textContent(), 'Ringing');
    await agent.evaluate(() => window.testAgent!.answer());
    await waitForCallState(page, 'connected');
    await page.waitForFunction(
      async () => {
        const stats = await window.customerSimulator!.mediaStats();
        return stats.iceConnectionState === 'connected' || stats.iceConnectionState === 'completed' ? stats.bytesReceived > 0 && stats.bytesSent > 0 : false;
      },
      undefined,
      { polling: 250 },
    );
    await simulator.getByRole('button', { name: 'Hang up' }).click();
    await waitForCallState(page, 'ended');
    assert.equal(await page.getByTestId('sim-status').textContent(), 'Ended');

    const secondInvite = agent.evaluate(() => window.testAgent!.nextInvite());
    await simulator.getByRole('button', { name: 'Call agent' }).click();
    const second = await secondInvite;
    assert.notEqual(second.headers['X-CP-Interaction-Id'], first.headers['X-CP-Interaction-Id']);
    await simulator.getByRole('button', { name: 'Hang up' }).click();
    await waitForCallState(page, 'ended');
    await agent.evaluate(() => window.testAgent!.stop());
    await agent.close();
    await page.close();
  });

  /** Opens the console with both phones registered, calls agent1 (a test agent) as Grace Hopper, and has the agent answer. */
  async function connectedCall(): Promise<{ agent: Page; page: Page }> {
    const agent = await startTestAgent();
    const { page } = await openConsole({ panelClosed: true });
    await page.waitForFunction(() => window.customerSimulator?.registration === 'registered' && window.localConsole?.colleague.registration === 'registered');
    const simulator = page.getByTestId('customer-simulator');
    await simulator.getByLabel('Name', { exact: true }).fill('Grace Hopper');
    await simulator.getByLabel('Number', { exact: true }).fill('+14155550101');
    await simulator.getByLabel('Kind', { exact: true }).selectOption('voice');
    const invite = agent.evaluate(() => window.testAgent!.nextInvite());
    await simulator.getByRole('button', { name: 'Call agent' }).click();
    await invite;
    await agent.evaluate(() => window.testAgent!.answer());
    await waitForCallState(page, 'connected');
    return { agent, page };
  }

  it('has a colleague, Jordan Lee (jordan.lee), who answers the call the agent blind-transfers to them', async () => {
    const { agent, page } = await connectedCall();
    const colleague = page.getByTestId('colleague');
    assert.equal(await colleague.getByRole('heading').textContent(), 'Colleague: Jordan Lee');
    assert.equal((await colleague.getByTestId('colleague-registration').textContent())?.trim(), 'SIP: registered as jordan.lee');
    assert.equal(await colleague.getByTestId('colleague-state').textContent(), 'Idle');
    assert.equal(await colleague.getByLabel('Answer automatically').isChecked(), true);
    assert.equal(await colleague.getByRole('button', { name: 'Hang up' }).isEnabled(), false);

    assert.equal(await agent.evaluate(() => window.testAgent!.refer('jordan.lee')), 202);
    await page.waitForFunction(() => window.localConsole!.colleague.state === 'In a call with Grace Hopper');
    await page.waitForFunction(() => window.customerSimulator!.status === 'Transferred to jordan.lee: Connected');
    assert.equal(await page.getByTestId('sim-status').textContent(), 'Transferred to jordan.lee: Connected');
    assert.equal(await page.evaluate(() => window.customerSimulator!.transferredTo), 'jordan.lee');
    assert.equal(await colleague.getByTestId('colleague-state').textContent(), 'In a call with Grace Hopper');
    await agent.waitForFunction(() => window.testAgent!.notifications.includes('SIP/2.0 200 OK'));
    await agent.evaluate(() => window.testAgent!.hangUp());

    await colleague.getByRole('button', { name: 'Hang up' }).click();
    await waitForCallState(page, 'ended');
    await page.waitForFunction(() => window.localConsole!.colleague.state === 'Call ended');
    assert.equal(await colleague.getByTestId('colleague-state').textContent(), 'Call ended');
    assert.deepEqual(await page.evaluate(() => window.localConsole!.colleague.calls), [{ from: 'Grace Hopper', answered: true, endedBy: 'colleague' }]);
    await agent.evaluate(() => window.testAgent!.stop());
    await agent.close();
    await page.close();
  });

  it('lets the colleague decline instead: the customer stays with the agent, who hears of it', async () => {
    const { agent, page } = await connectedCall();
    const colleague = page.getByTestId('colleague');
    await colleague.getByLabel('Answer automatically').uncheck();
    assert.equal(await page.evaluate(() => window.localConsole!.colleague.autoAnswer), false);
    assert.equal(await colleague.getByRole('button', { name: 'Answer' }).isEnabled(), false);

    assert.equal(await agent.evaluate(() => window.testAgent!.refer('jordan.lee')), 202);
    await page.waitForFunction(() => window.localConsole!.colleague.state === 'Ringing');
    assert.equal(await colleague.getByTestId('colleague-caller').textContent(), 'Grace Hopper is calling');
    await colleague.getByRole('button', { name: 'Decline' }).click();
    await page.waitForFunction(() => window.customerSimulator!.status === 'Transfer to jordan.lee failed (603 Decline); still with the agent');
    assert.equal(await page.evaluate(() => window.customerSimulator!.state), 'connected');
    await agent.waitForFunction(() => window.testAgent!.notifications.includes('SIP/2.0 603 Decline'));
    assert.deepEqual(await page.evaluate(() => window.localConsole!.colleague.calls), [{ from: 'Grace Hopper', answered: false, endedBy: 'colleague' }]);
    assert.equal(await colleague.getByTestId('colleague-state').textContent(), 'Call ended');

    await page.evaluate(() => window.localConsole!.colleague.setAutoAnswer(true));
    assert.equal(await colleague.getByLabel('Answer automatically').isChecked(), true);
    await page.getByTestId('customer-simulator').getByRole('button', { name: 'Hang up' }).click();
    await waitForCallState(page, 'ended');
    await agent.evaluate(() => window.testAgent!.stop());
    await agent.close();
    await page.close();
  });
});
