/**
 * The CallCenter definition that admins deploy: every ContactPad item it ships is one the
 * adapter reads without a problem, and every setting the adapter reads is shipped (so an
 * admin finds it in Setup).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { DEFAULT_SETTINGS, readSettings, SETTINGS_PREFIX } from '../adapter/src/model/settings.ts';

const xml = readFileSync(new URL('../force-app/main/default/callCenters/ContactPad.callCenter-meta.xml', import.meta.url), 'utf8').replace(/<!--[\s\S]*?-->/g, '');

/** The items of the ContactPad section as Open CTI getCallCenterSettings returns them. */
function shippedItems(): Record<string, string> {
  const section = /<sections>((?:(?!<\/sections>)[\s\S])*?<name>ContactPad<\/name>\s*<\/sections>)/.exec(xml)?.[1] ?? '';
  const items: Record<string, string> = {};
  for (const match of section.matchAll(/<items>\s*<label>[^<]*<\/label>\s*<name>([^<]+)<\/name>\s*(?:<value>([^<]*)<\/value>|<value\/>)?\s*<\/items>/g)) {
    items[`${SETTINGS_PREFIX}${match[1]}`] = match[2] ?? '';
  }
  return items;
}

test('the shipped ContactPad items are read without a problem, but for the SIP server an admin must set', () => {
  const { problems } = readSettings(shippedItems());
  assert.deepEqual(
    problems.filter((problem) => !/sipServerUrl|sipDomain/.test(problem)),
    [],
  );
});

test('every setting ContactPad reads is shipped as a CallCenter item', () => {
  const shipped = Object.keys(shippedItems()).map((key) => key.slice(SETTINGS_PREFIX.length));
  assert.deepEqual(Object.keys(DEFAULT_SETTINGS).filter((name) => !shipped.includes(name)), []);
});
