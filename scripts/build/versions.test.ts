/**
 * The versions a problem report names (adapter/src/versions.ts) are the ones built: ContactPad's
 * from package.json, sip.js's from the installed package (the bundle cannot read either).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { CONTACTPAD_VERSION, SIP_JS_VERSION } from '../../adapter/src/versions.ts';

const versionOf = (path: string): unknown => (JSON.parse(readFileSync(new URL(path, import.meta.url), 'utf8')) as { version?: unknown }).version;

describe('the versions a problem report names', () => {
  it("are package.json's and the installed sip.js's", () => {
    assert.equal(CONTACTPAD_VERSION, versionOf('../../package.json'));
    assert.equal(SIP_JS_VERSION, versionOf('../../node_modules/sip.js/package.json'));
  });
});
