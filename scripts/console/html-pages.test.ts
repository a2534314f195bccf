/**
 * ContactPad.page as the local console serves it: force-app's page itself, rendered the way
 * Visualforce renders it, and refused when it uses something the console cannot fill, so a page
 * change cannot silently break the console.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { CONNECTOR_PAGE, CONTACTPAD_PAGE } from './console-server.ts';
import { jsEncode, openCtiPathOf, renderVisualforcePage, SCV_CONSOLE_ORIGIN, scvConnectorPageHtml, VisualforceRenderError, type VisualforceContext } from './html-pages.ts';

const PAGE = readFileSync(CONTACTPAD_PAGE, 'utf8');
const SCV_PAGE = readFileSync(CONNECTOR_PAGE, 'utf8');
const CONTEXT: VisualforceContext = {
  sessionId: '00D000000000001!secret',
  user: { Id: '005000000000001AAA', ProfileId: '00e000000000001AAA', ContactPad_SIP_User__c: "o'brien\\agent", LanguageLocaleKey: 'es', LocaleSidKey: 'es_ES' },
  resourceUrl: (name) => `/resource/${name}`,
};
const wrap = (body: string) =>
  `<apex:page showHeader="false" sidebar="false" standardStylesheets="false" applyHtmlTag="true" applyBodyTag="false" docType="html-5.0" title="T"><head></head><body>${body}</body></apex:page>\n`;

describe('the local console\'s Visualforce rendering of ContactPad.page', () => {
  it('encodes like JSENCODE does in Salesforce Help\'s example', () => {
    assert.equal(jsEncode("<B>Enter the user's name</b>"), "\\u003CB\\u003EEnter the user\\'s name\\u003C\\/b\\u003E");
  });

  it('fills the shipped page: session, agent fields (language and locale too) through JSENCODE, static resource URLs; a JavaScript string stays one string', () => {
    const html = renderVisualforcePage(PAGE, CONTEXT);
    assert.match(html, /^<!DOCTYPE html>\n/);
    assert.doesNotMatch(html, /\{!|apex:/);
    assert.ok(html.includes("accessToken: '00D000000000001!secret'"));
    assert.ok(html.includes("sipUser: 'o\\'brien\\\\agent'"), 'quote and backslash escaped');
    assert.doesNotMatch(html, /jsforceUrl|jsforce-core/, 'jsforce comes with the bundle: the page names no script for it');
    // The module script still parses, with the values the page meant.
    const script = /<script type="module">([\s\S]*?)<\/script>/.exec(html)![1]!;
    const calls: unknown[] = [];
    new Function('startContactPadApp', 'document', 'window', script.replace(/^\s*import[^;]+;/, ''))(
      (options: unknown) => calls.push(options),
      { getElementById: () => 'mount' },
      { location: { origin: 'https://org.example' } },
    );
    assert.deepEqual(calls, [{
      mount: 'mount',
      crm: { instanceUrl: 'https://org.example', accessToken: '00D000000000001!secret' },
      ringtoneUrl: '/resource/contactpad/ringtone.wav',
      agent: { userId: '005000000000001AAA', profileId: '00e000000000001AAA', sipUser: "o'brien\\agent", language: 'es', locale: 'es_ES' },
    }]);
  });

  it('serves Open CTI at the version the page names, and only one such script', () => {
    assert.match(openCtiPathOf(PAGE), /^\/support\/api\/\d+\.\d\/lightning\/opencti_min\.js$/);
    assert.throws(() => openCtiPathOf(wrap('')), /load Open CTI once/);
  });

  it('refuses a merge field, a function or a tag it does not know, and page settings it cannot honour', () => {
    assert.throws(() => renderVisualforcePage(wrap('{!$User.Email}'), CONTEXT), VisualforceRenderError);
    assert.throws(() => renderVisualforcePage(wrap('{!$Setup.ContactPad__c.Value__c}'), CONTEXT), /not a merge field/);
    assert.throws(() => renderVisualforcePage(wrap('{!URLENCODE($User.Id)}'), CONTEXT), /URLENCODE/);
    assert.throws(() => renderVisualforcePage(wrap('<apex:includeScript value="x"/>'), CONTEXT), /apex:includeScript/);
    assert.throws(() => renderVisualforcePage(wrap('').replace('showHeader="false"', 'showHeader="true"'), CONTEXT), /showHeader/);
    assert.equal(renderVisualforcePage(wrap("{!JSENCODE($User.Id)}"), CONTEXT).includes('005000000000001AAA'), true);
  });
});

describe('the local console\'s Service Cloud Voice connector page (/softphone?host=scv)', () => {
  it('is force-app-voice\'s ContactPadConnector.page rendered: scv.js from the static resource, the session and the agent as HTML-encoded data attributes (a quote stays inside its attribute)', () => {
    const html = scvConnectorPageHtml(SCV_PAGE, CONTEXT);
    assert.doesNotMatch(html, /\{!|apex:/);
    assert.ok(html.includes('<script type="module" src="/resource/contactpad/scv.js"></script>'));
    const body = /<body id="contactpad-connector"([^>]*)>/.exec(html)![1]!;
    const data = Object.fromEntries([...body.matchAll(/(data-[a-z-]+)="([^"]*)"/g)].map((match) => [match[1], match[2]]));
    assert.deepEqual(data, {
      'data-access-token': '00D000000000001!secret',
      'data-user-id': '005000000000001AAA',
      'data-profile-id': '00e000000000001AAA',
      'data-sip-user': 'o&#39;brien\\agent',
      'data-language': 'es',
      'data-locale': 'es_ES',
    });
  });

  it('keeps the page\'s Content-Security-Policy, adding only the console\'s ws://127.0.0.1 SIP server; the relay comes before the policy', () => {
    const html = scvConnectorPageHtml(SCV_PAGE, CONTEXT);
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html)![1]!;
    const shipped = /<meta http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(SCV_PAGE)![1]!;
    assert.equal(csp, shipped.replace(/(connect-src [^;]*)/, '$1 ws://127.0.0.1:*'));
    assert.ok(html.indexOf('<script>') < html.indexOf('<meta http-equiv="Content-Security-Policy"'));
  });

  it('hands on only the console\'s own SETUP_CONNECTOR (from its parent, same origin), as from a Salesforce origin, with its port', () => {
    const relay = /<script>([\s\S]*?)<\/script>/.exec(scvConnectorPageHtml(SCV_PAGE, CONTEXT))![1]!;
    const listeners: Array<(event: unknown) => void> = [];
    const dispatched: Array<{ data: unknown; origin: string; ports: unknown[] }> = [];
    const parent = {};
    const win = { parent, addEventListener: (_: string, listener: (event: unknown) => void) => listeners.push(listener), dispatchEvent: (event: { data: unknown; origin: string; ports: unknown[] }) => dispatched.push(event) };
    class FakeMessageEvent {
      constructor(_: string, init: { data: unknown; origin: string; ports: unknown[] }) {
        Object.assign(this, init);
      }
    }
    new Function('window', 'location', 'MessageEvent', relay)(win, { origin: 'http://127.0.0.1:8000' }, FakeMessageEvent);
    const setup = { type: 'SETUP_CONNECTOR', connectorConfig: {} };
    listeners[0]!({ source: parent, origin: 'http://127.0.0.1:8000', data: setup, ports: ['port'] });
    listeners[0]!({ source: {}, origin: 'http://127.0.0.1:8000', data: setup, ports: ['port'] });
    listeners[0]!({ source: parent, origin: 'https://evil.example', data: setup, ports: ['port'] });
    listeners[0]!({ source: parent, origin: 'http://127.0.0.1:8000', data: { type: 'ACCEPT_CALL' }, ports: [] });
    assert.deepEqual(JSON.parse(JSON.stringify(dispatched)), [{ data: setup, origin: SCV_CONSOLE_ORIGIN, ports: ['port'] }]);
  });
});
