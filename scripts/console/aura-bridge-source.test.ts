/**
 * The shipped console bridge's files as Salesforce will take them: plain ES5 with Promises (what
 * Aura component code may use), no protocol of their own (the version, the channel's messages
 * and their checks come from bridge-protocol.js), and markup whose channel and protocol script
 * are the ones the build and ContactPad use.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { transformSync } from 'esbuild';
import { BRIDGE_CHANNEL } from '../../adapter/src/host/console-bridge-protocol.ts';
import { BRIDGE_PROTOCOL_FILE_NAME } from '../build/bridge-protocol-global.ts';
import { PROJECT_ROOT } from '../build/bundle-paths.ts';
import { parseComponentMarkup, scriptUrls } from './page/aura-runtime.ts';

const BUNDLE = join(PROJECT_ROOT, 'force-app', 'main', 'default', 'aura', 'ContactPadConsoleBridge');
const read = (file: string) => readFileSync(join(BUNDLE, file), 'utf8');
const CONTROLLER = read('ContactPadConsoleBridgeController.js');
const HELPER = read('ContactPadConsoleBridgeHelper.js');
const MARKUP = read('ContactPadConsoleBridge.cmp');

/** Code with comments and string literals blanked, to look at the code alone. */
function codeOnly(source: string): string {
  return source
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\/\/[^\n]*/g, '')
    .replace(/'(?:[^'\\\n]|\\.)*'/g, "''");
}

describe('the shipped console bridge source', () => {
  for (const [file, source] of [['ContactPadConsoleBridgeController.js', CONTROLLER], ['ContactPadConsoleBridgeHelper.js', HELPER]] as const) {
    it(`${file} is ES5 (ES6 Promises aside), as Aura component code must be`, () => {
      // "The Aura Components programming model supports ES5 syntax and ES6 Promises"
      // (developer.salesforce.com/docs/atlas.en-us.lightning.meta/lightning/js_supported_es.htm);
      // async/await and dynamic import fail in Aura under Lightning Web Security
      // (developer.salesforce.com/docs/platform/lightning-components-security/guide/lws-limitations.html).
      // esbuild refuses to bring let, const, classes, async functions, for-of, generators and
      // method shorthand down to ES5; what it would quietly rewrite is looked for in the code.
      try {
        transformSync(source, { loader: 'js', target: 'es5' });
      } catch (error) {
        assert.fail(`${file} uses syntax newer than ES5: ${(error as { errors?: { text: string }[] }).errors?.map((e) => e.text).join('; ') ?? String(error)}`);
      }
      const code = codeOnly(source);
      const newer: [RegExp, string][] = [
        [/=>/, 'an arrow function'],
        [/`/, 'a template literal'],
        [/\.\.\./, 'spread or rest'],
        [/\*\*/, 'the exponent operator'],
        [/\{\s*[A-Za-z_$][\w$]*\s*[,}]|,\s*[A-Za-z_$][\w$]*\s*\}/, 'a shorthand property'],
        [/function\s*[\w$]*\s*\([^)]*=/, 'a default parameter'],
        [/\bvar\s*[{[]/, 'destructuring'],
        [/\b(?:let|const|class|async|await|import|export|yield)\b/, 'an ES2015+ keyword'],
      ];
      for (const [pattern, what] of newer) assert.doesNotMatch(code, pattern, `${file} uses ${what}`);
      assert.match(source.trim(), /^\(\{[\s\S]*\}\)$/, 'one object literal in parentheses');
    });
  }

  it('has no protocol of its own: no version, no hand-made messages, no channel name in its code', () => {
    for (const source of [CONTROLLER, HELPER]) {
      const code = codeOnly(source);
      // The one object with version and source fields is the received message, read field by field.
      assert.doesNotMatch(code, /\bversion\s*:(?!\s*message\.getParam\()/, 'no message version written by hand');
      assert.doesNotMatch(code, /\bsource\s*:(?!\s*message\.getParam\()/, 'no message built by hand (bridgeEvent builds them)');
      assert.doesNotMatch(source, /ContactPad_Bridge__c/, 'the channel is named in the markup only');
      assert.doesNotMatch(code, /\bVERSION\b/);
    }
    assert.match(HELPER, /protocol\.bridgeEvent\(/, 'events are built with the protocol\'s bridgeEvent');
    assert.match(HELPER, /protocol\.parseBridgeMessage\(raw\)/, 'requests are checked with the protocol\'s parser');
    assert.match(HELPER, /window\.ContactPadBridgeProtocol/, 'the protocol comes from the script ltng:require loaded');
  });

  it('wraps every promise callback in $A.getCallback', () => {
    const code = codeOnly(HELPER);
    const callbacks = [...code.matchAll(/\.then\(([\s\S]*?)\)\s*;/g)].length;
    assert.ok(callbacks > 0);
    // Every function passed to then() is a $A.getCallback(...) (the one exception: none() in
    // hello's catch(), which touches nothing).
    const bare = [...code.matchAll(/\.then\(\s*function/g), ...code.matchAll(/,\s*function\s*\([^)]*\)\s*\{[^}]*\}\s*\)\s*;/g)];
    assert.deepEqual(bare.map((match) => match[0]), [], 'no bare function handed to then()');
  });

  it('names, in its markup, the channel ContactPad uses and the protocol script the build emits, loaded before hello', () => {
    const platformTags = new Set(['lightning:workspaceAPI', 'lightning:omniToolkitAPI', 'lightning:messageChannel']);
    const markup = parseComponentMarkup(MARKUP, platformTags);
    const channel = markup.children.find((child) => child.tag === 'lightning:messageChannel');
    assert.equal(channel?.attributes['type'], BRIDGE_CHANNEL);
    assert.equal(channel?.attributes['scope'], 'APPLICATION');
    assert.equal(markup.requires.length, 1);
    assert.deepEqual(scriptUrls(markup.requires[0]!.scripts, (name) => `/resource/${name}`), [`/resource/contactpad/${BRIDGE_PROTOCOL_FILE_NAME}`]);
    assert.equal(markup.requires[0]!.afterScriptsLoaded, 'onScriptsLoaded');
    assert.match(CONTROLLER, /onScriptsLoaded:\s*function[^{]*\{\s*helper\.start\(cmp\);/);
    assert.doesNotMatch(CONTROLLER.match(/onInit:[\s\S]*?\n {4}\},/)?.[0] ?? '', /sendHello|send\(/, 'init comes before the script: it sends nothing');
    assert.deepEqual([...markup.children.map((child) => child.auraId)].sort(), ['bridgeChannel', 'omniToolkit', 'workspace']);
  });
});
