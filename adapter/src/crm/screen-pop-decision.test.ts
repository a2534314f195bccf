import { expect } from '@open-wc/testing';
import type { CallerIdentity, CallerMatch } from './caller-identity.ts';
import { UNKNOWN_CALLER } from './caller-identity.ts';
import { decideScreenPop } from './screen-pop-decision.ts';
import { BUILT_IN_RULES, DEFAULT_SCREEN_POP_SETTINGS } from './screen-pop-rules.ts';
import type { ScreenPopRule, ScreenPopSettings } from './screen-pop-rules.ts';

declare const describe: (title: string, body: () => void) => void;
declare const it: (title: string, body: () => void | Promise<void>) => void;

const LEAD_RULE = BUILT_IN_RULES.find((rule) => rule.name === 'Open_Lead') as ScreenPopRule;
const CONTACT_RULE = BUILT_IN_RULES.find((rule) => rule.name === 'Customer_Contact') as ScreenPopRule;

const match = (id: string, rule: ScreenPopRule, name = 'Someone'): CallerMatch => ({
  id,
  objectType: rule.objectType,
  name,
  label: rule.callerLabel,
  rule: { name: rule.name, label: rule.label, priority: rule.priority },
  matchedField: rule.phoneFields[0] ?? '',
});
const lead = match('00Q000000000001AAA', LEAD_RULE, 'Ann Smith');
const elena = match('003000000000001AAA', CONTACT_RULE, 'Elena Rossi');
const marco = match('003000000000002AAA', CONTACT_RULE, 'Marco Rossi');

const identity = (winners: CallerMatch[], rule?: ScreenPopRule, extra: Partial<CallerIdentity> = {}): CallerIdentity => ({
  labels: winners.length === 0 ? ['Unknown'] : [...new Set(winners.map((w) => w.label))],
  matches: winners,
  winners,
  ...(rule ? { winningRule: rule } : {}),
  journey: [],
  cached: false,
  ...extra,
});
const settings = DEFAULT_SCREEN_POP_SETTINGS;
const searchSettings: ScreenPopSettings = { ...settings, noMatchAction: 'search' };
const NUMBER = '+1 415 555 0100';

describe('which screen pops for a caller', () => {
  it('opens the one winning record when its rule says Record', () => {
    expect(decideScreenPop(identity([lead], LEAD_RULE), NUMBER, settings)).to.deep.equal({ kind: 'record', recordId: lead.id, objectType: 'Lead' });
  });

  it('opens a new-record modal with the rule default values, {number} and {recordId} filled in', () => {
    const rule: ScreenPopRule = { ...CONTACT_RULE, popAction: 'new-record', newRecordObject: 'Case', defaultFieldValues: { Origin: 'Phone', ContactId: '{recordId}', Description: 'Called from {number}' } };
    expect(decideScreenPop(identity([elena], rule), NUMBER, settings)).to.deep.equal({
      kind: 'new-record',
      entityName: 'Case',
      defaultFieldValues: { Origin: 'Phone', ContactId: elena.id, Description: `Called from ${NUMBER}` },
    });
  });

  it('searches by the number when the winning rule says Search', () => {
    const rule: ScreenPopRule = { ...CONTACT_RULE, popAction: 'search' };
    expect(decideScreenPop(identity([elena], rule), NUMBER, settings)).to.deep.equal({ kind: 'search', searchText: NUMBER });
  });

  it('runs the flow with its arguments filled in when the winning rule says Flow', () => {
    const rule: ScreenPopRule = {
      ...CONTACT_RULE,
      popAction: 'flow',
      flowName: 'Verify_Caller',
      flowArguments: [{ name: 'recordId', type: 'String', value: '{recordId}' }, { name: 'callerNumber', type: 'String', value: '{number}' }, { name: 'attempt', type: 'Number', value: '1' }],
    };
    expect(decideScreenPop(identity([elena], rule), NUMBER, settings)).to.deep.equal({
      kind: 'flow',
      flowDevName: 'Verify_Caller',
      flowArgs: [{ name: 'recordId', type: 'String', value: elena.id }, { name: 'callerNumber', type: 'String', value: NUMBER }, { name: 'attempt', type: 'Number', value: '1' }],
    });
  });

  it('searches (the widget shows the picker) when several records win and none is picked', () => {
    expect(decideScreenPop(identity([elena, marco], CONTACT_RULE), NUMBER, settings)).to.deep.equal({ kind: 'search', searchText: NUMBER });
  });

  it('opens the picked record among several, or the one remembered for the number, but not one that no longer wins', () => {
    const several = identity([elena, marco], CONTACT_RULE);
    expect(decideScreenPop(several, NUMBER, settings, marco.id)).to.deep.equal({ kind: 'record', recordId: marco.id, objectType: 'Contact' });
    const remembered = identity([elena, marco], CONTACT_RULE, { rememberedId: elena.id });
    expect(decideScreenPop(remembered, NUMBER, settings)).to.deep.equal({ kind: 'record', recordId: elena.id, objectType: 'Contact' });
    expect(decideScreenPop(remembered, NUMBER, settings, marco.id)).to.deep.equal({ kind: 'record', recordId: marco.id, objectType: 'Contact' });
    expect(decideScreenPop(several, NUMBER, settings, lead.id)).to.deep.equal({ kind: 'search', searchText: NUMBER });
  });

  it('pops nothing for several winners when the number is too short for an Open CTI search (3 characters)', () => {
    expect(decideScreenPop(identity([elena, marco], CONTACT_RULE), '12', settings)).to.deep.equal({ kind: 'none' });
  });

  it('opens the greeting (a new Lead with the number) for an unknown caller, or a search when the settings say so', () => {
    expect(decideScreenPop(UNKNOWN_CALLER, `  ${NUMBER} `, settings)).to.deep.equal({ kind: 'new-record', entityName: 'Lead', defaultFieldValues: { Phone: NUMBER } });
    expect(decideScreenPop(UNKNOWN_CALLER, NUMBER, searchSettings)).to.deep.equal({ kind: 'search', searchText: NUMBER });
  });

  it('opens the greeting without a Phone when the number is withheld, whatever the settings', () => {
    for (const s of [settings, searchSettings]) {
      expect(decideScreenPop(UNKNOWN_CALLER, '', s)).to.deep.equal({ kind: 'new-record', entityName: 'Lead', defaultFieldValues: {} });
      expect(decideScreenPop(UNKNOWN_CALLER, '   ', s)).to.deep.equal({ kind: 'new-record', entityName: 'Lead', defaultFieldValues: {} });
    }
  });

  it('caps the prefilled Phone to the 40 characters the field holds', () => {
    expect(decideScreenPop(UNKNOWN_CALLER, '1'.repeat(60), settings)).to.deep.equal({ kind: 'new-record', entityName: 'Lead', defaultFieldValues: { Phone: '1'.repeat(40) } });
  });
});
