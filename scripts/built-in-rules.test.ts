/**
 * The screen-pop rules ContactPad falls back on when the org's cannot be read are exactly the
 * rule records the default package ships: none of the legacy Chat package (an org without Chat
 * has no Chat Transcripts, and a phone search naming one fails as a whole).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readCustomMetadataDir } from './fake-org/custom-metadata.ts';
import { BUILT_IN_RULES } from '../adapter/src/crm/screen-pop-rules.ts';

const DEFAULT_PACKAGE_METADATA = new URL('../force-app/main/default/customMetadata/', import.meta.url);

test('the built-in screen-pop rules are the default package\'s rule records, object, fields, label and priority alike', () => {
  const shipped = (readCustomMetadataDir(DEFAULT_PACKAGE_METADATA).records?.['ContactPad_Screen_Pop_Rule__mdt'] ?? []).filter((rule) => rule['Active__c'] !== false);
  const builtIn = BUILT_IN_RULES.map((rule) => ({ name: rule.name, object: rule.objectType, phones: rule.phoneFields.join(', '), label: rule.callerLabel, priority: rule.priority, filter: rule.filterText }));
  const fromFiles = shipped
    .map((rule) => ({
      name: String(rule['DeveloperName']),
      object: String(rule['Object__c']),
      phones: String(rule['Phone_Fields__c']).split(',').map((field) => field.trim()).join(', '),
      label: String(rule['Caller_Label__c']),
      priority: Number(rule['Priority__c']),
      filter: typeof rule['Filter__c'] === 'string' ? rule['Filter__c'] : '',
    }))
    .sort((a, b) => a.priority - b.priority || a.name.localeCompare(b.name));
  assert.deepEqual(builtIn, fromFiles);
  assert.ok(BUILT_IN_RULES.every((rule) => rule.objectType !== 'LiveChatTranscript'), 'no legacy Chat rule is built in');
  assert.ok(BUILT_IN_RULES.every((rule) => /^[0-9A-Za-z]{3}$/.test(rule.keyPrefix)), 'every built-in rule knows its object\'s key prefix');
});
