/**
 * The CallCenter definition that admins deploy: every ContactPad item it ships is one the
 * adapter reads without a problem, and every setting the adapter reads is shipped (so an
 * admin finds it in Setup). The agent's SIP user is not among them: it is per agent, the User
 * field ContactPad SIP User, which the Visualforce host page hands to ContactPad.
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
  assert.ok(Object.keys(shippedItems()).length > 10, 'the ContactPad section is found');
  const { problems } = readSettings(shippedItems());
  assert.deepEqual(
    problems.filter((problem) => !/sipServerUrl|sipDomain/.test(problem)),
    [],
  );
});

test('every setting ContactPad reads is shipped as a CallCenter item, and every shipped item is one it reads', () => {
  const shipped = Object.keys(shippedItems()).map((key) => key.slice(SETTINGS_PREFIX.length));
  const read = Object.keys(DEFAULT_SETTINGS);
  assert.deepEqual(read.filter((name) => !shipped.includes(name)), []);
  assert.deepEqual(shipped.filter((name) => !read.includes(name)), []);
});

test('the shipped iceServers item is none: no STUN or TURN server, so no public STUN server is contacted', () => {
  assert.equal(shippedItems()[`${SETTINGS_PREFIX}iceServers`], 'none');
  assert.deepEqual(readSettings(shippedItems()).settings.iceServers, []);
});

test('no item names the SIP user or display name: each agent has their own (User.ContactPad_SIP_User__c)', () => {
  const shipped = Object.keys(shippedItems()).map((key) => key.slice(SETTINGS_PREFIX.length));
  assert.deepEqual(shipped.filter((name) => /^sip(User|DisplayName)$/.test(name)), []);
});
