/**
 * The Service Cloud Voice connector page a real deployment serves (force-app-voice
 * ContactPadConnector.page, the ConversationVendorInfo's connectorUrl): it loads scv.js and
 * nothing else, from its own origin (the contactpad static resource), under a
 * Content-Security-Policy that allows no inline script; the agent's session and User fields reach
 * scv.js as HTML-encoded data attributes, read by app/scv-page-options.ts.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { CONNECTOR_PAGE_ELEMENT_ID, CONNECTOR_PAGE_FIELDS, connectorOptionsFromPage } from '../app/scv-page-options.ts';
import { PROJECT_ROOT } from './build/bundle-paths.ts';

const PAGE = join(PROJECT_ROOT, 'force-app-voice', 'main', 'default', 'pages', 'ContactPadConnector.page');

/** `dataName` (a dataset key) as the page writes it: data-access-token. */
const attributeOf = (dataName: string) => `data-${dataName.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}`;

describe('the Service Cloud Voice connector page (force-app-voice ContactPadConnector.page)', () => {
  let markup = '';
  before(async () => {
    markup = (await readFile(PAGE, 'utf8')).replace(/<!--[\s\S]*?-->/g, '');
  });

  it('loads one script, scv.js, as a module from the contactpad static resource on its own origin, and nothing else from anywhere', () => {
    const scripts = [...markup.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    assert.equal(scripts.length, 1);
    assert.match(scripts[0]![1]!, /\btype="module"/);
    assert.match(scripts[0]![1]!, /\bsrc="\{!URLFOR\(\$Resource\.contactpad, 'scv\.js'\)\}"/, 'URLFOR of a static resource is a path on the page\'s own origin');
    assert.equal(scripts[0]![2]!.trim(), '', 'no inline script');
    assert.deepEqual([...markup.matchAll(/\b(?:src|href)="([^"]*)"/g)].map((match) => match[1]), ["{!URLFOR($Resource.contactpad, 'scv.js')}"]);
    assert.doesNotMatch(markup, /<(?:link|iframe|img|object|embed|apex:includeScript)\b/);
    assert.doesNotMatch(markup, /\bon[a-z]+=/i, 'no inline event handler');
  });

  it('has a Content-Security-Policy: nothing by default, scripts from its own origin only (no inline script, no eval), the SIP server over wss:', () => {
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(markup)?.[1] ?? '';
    const directives = new Map(csp.split(';').map((part) => part.trim().split(/\s+/)).filter((words) => words[0]).map(([name, ...values]) => [name!, values]));
    assert.deepEqual(directives.get('default-src'), ["'none'"]);
    assert.deepEqual(directives.get('script-src'), ["'self'"]);
    assert.deepEqual(directives.get('connect-src'), ["'self'", 'wss:']);
    assert.deepEqual(directives.get('base-uri'), ["'none'"]);
    assert.doesNotMatch(csp, /unsafe-|\*|data:|http:/);
  });

  it('hands scv.js the session and the User fields as HTML-encoded data attributes of the element it reads, and no merge field elsewhere', () => {
    const element = new RegExp(`<body id="${CONNECTOR_PAGE_ELEMENT_ID}"([^>]*)>`).exec(markup)?.[1] ?? '';
    const given = Object.fromEntries([...element.matchAll(/(data-[a-z-]+)="\{!HTMLENCODE\(([^)]+)\)\}"/g)].map((match) => [match[1], match[2]]));
    const expected = Object.fromEntries(Object.entries(CONNECTOR_PAGE_FIELDS).map(([name, field]) => [attributeOf(name), field]));
    assert.deepEqual(given, expected);
    const mergeFields = [...markup.matchAll(/\{!([^}]*)\}/g)].map((match) => match[1]!);
    assert.ok(mergeFields.every((field) => /^HTMLENCODE\(/.test(field) || field === "URLFOR($Resource.contactpad, 'scv.js')"), mergeFields.join(', '));
  });
});

describe('connectorOptionsFromPage (app/scv-page-options.ts)', () => {
  it('reads the page\'s data attributes, finds the ringtone beside scv.js, and names the page\'s origin as Salesforce\'s instance', () => {
    const options = connectorOptionsFromPage(
      { accessToken: '00D!session', userId: '005000000000001AAA', profileId: '00e000000000001AAA', sipUser: 'alex.morgan', language: 'es', locale: 'es_MX' },
      'https://acme--c.vf.force.com/resource/1700000000000/contactpad/scv.js',
      'https://acme--c.vf.force.com',
    );
    assert.deepEqual(options, {
      crm: { instanceUrl: 'https://acme--c.vf.force.com', accessToken: '00D!session' },
      ringtoneUrl: 'https://acme--c.vf.force.com/resource/1700000000000/contactpad/ringtone.wav',
      agent: { userId: '005000000000001AAA', profileId: '00e000000000001AAA', sipUser: 'alex.morgan', language: 'es', locale: 'es_MX' },
    });
  });

  it('a missing attribute is blank (the agent reader then says what is missing), never undefined', () => {
    const { agent, crm } = connectorOptionsFromPage({}, 'https://acme--c.vf.force.com/resource/1/contactpad/scv.js', 'https://acme--c.vf.force.com');
    assert.deepEqual(agent, { userId: '', profileId: '', sipUser: '', language: '', locale: '' });
    assert.equal(crm.accessToken, '');
  });
});
