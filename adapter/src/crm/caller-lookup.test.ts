import { expect } from '@open-wc/testing';
import type { SalesforceRecord } from './crm-connection.ts';
import { callerSearch, classifyCaller } from './caller-lookup.ts';
import { searchableNumbers } from './phone-number.ts';
import { BUILT_IN_RULES, DEFAULT_SCREEN_POP_SETTINGS, JOURNEY_FIELDS } from './screen-pop-rules.ts';
import type { LoadedRules, ScreenPopRule } from './screen-pop-rules.ts';
import { buildPhoneSearch } from './sosl.ts';

declare const describe: (title: string, body: () => void) => void;
declare const it: (title: string, body: () => void | Promise<void>) => void;

const SHIPPED: LoadedRules = { rules: BUILT_IN_RULES, settings: DEFAULT_SCREEN_POP_SETTINGS, problems: [], source: 'built-in', final: true, journeyFields: JOURNEY_FIELDS };
const FORMS = searchableNumbers('+1 415 555 0100', 'US');

// searchRecords as GET /services/data/v62.0/search answers them.
const row = (type: string, id: string, fields: Record<string, unknown>): SalesforceRecord => ({ attributes: { type, url: `/services/data/v62.0/sobjects/${type}/${id}` }, Id: id, ...fields });
const LEAD = row('Lead', '00Q5e00000AbCdEEAV', { Name: 'Ann Smith', Phone: '(415) 555-0100', MobilePhone: null, IsConverted: false });
const CONTACT = row('Contact', '0035e00000XyZaBAAV', { Name: 'Bob Jones', Phone: null, MobilePhone: '+1 415 555 0100', HomePhone: null, OtherPhone: null, AccountId: '0015e00000QrStUAAV' });
const ACCOUNT = row('Account', '0015e00000QrStUAAV', { Name: 'Acme Corp', Phone: '415.555.0100', Type: 'Customer - Direct' });
const FORMER = row('Account', '0015e00000QrStVAAV', { Name: 'Old Corp', Phone: '415.555.0100', Type: 'Former Customer' });

describe('the SOSL search the rules make', () => {
  it('returns each object once with the fields its rules need, the filters as WHERE, and the journey Tasks', () => {
    expect(buildPhoneSearch(FORMS, callerSearch(SHIPPED))).to.equal(
      'FIND {14155550100 OR 4155550100} IN PHONE FIELDS RETURNING ' +
        'Lead(Id, Name, Phone, MobilePhone, IsConverted WHERE IsConverted = false LIMIT 50), ' +
        'Contact(Id, Name, Phone, MobilePhone, HomePhone, OtherPhone, AccountId LIMIT 50), ' +
        "Account(Id, Name, Phone, Type WHERE (Type != 'Former Customer') OR (Type = 'Former Customer') LIMIT 50), " +
        'Case(Id, CaseNumber, ContactPad_Web_Phone__c, IsClosed, AccountId WHERE IsClosed = false LIMIT 50), ' +
        'Task(Id, Subject, CreatedDate, Owner.Name, CallType, ContactPad_Channel__c, ContactPad_Status__c, WhoId, WhatId, ContactPad_Caller_Number__c ORDER BY CreatedDate DESC LIMIT 5)',
    );
  });

  it('leaves the Task part out when the journey is off or its size is 0', () => {
    expect(callerSearch({ ...SHIPPED, journeyFields: [] }).map((r) => r.sobject)).to.not.include('Task');
    expect(callerSearch({ ...SHIPPED, settings: { ...DEFAULT_SCREEN_POP_SETTINGS, journeySize: 0 } }).map((r) => r.sobject)).to.not.include('Task');
    expect(callerSearch({ ...SHIPPED, rules: [], journeyFields: [] })).to.deep.equal([]);
  });
});

describe('classifying the SOSL answer by the rules', () => {
  it('labels by every rule that matched, and lets the best priority win', () => {
    const identity = classifyCaller([FORMER, CONTACT, ACCOUNT, LEAD], SHIPPED, FORMS, 'US');
    expect(identity.labels).to.deep.equal(['Lead', 'Customer', 'Previous Customer']);
    expect(identity.matches.map((m) => [m.name, m.rule.name, m.matchedField])).to.deep.equal([
      ['Ann Smith', 'Open_Lead', 'Phone'],
      ['Bob Jones', 'Customer_Contact', 'MobilePhone'],
      ['Acme Corp', 'Customer_Account', 'Phone'],
      ['Old Corp', 'Previous_Customer_Account', 'Phone'],
    ]);
    expect(identity.winners.map((m) => m.id)).to.deep.equal([LEAD.Id]);
    expect(identity.winningRule?.name).to.equal('Open_Lead');
    expect(identity.matches[1]?.accountId).to.equal(ACCOUNT.Id);
  });

  it('counts a record once, under its best rule, but keeps every label it earned', () => {
    const vip: ScreenPopRule = { ...BUILT_IN_RULES[1]!, name: 'Vip_Contact', label: 'VIP', priority: 5, callerLabel: 'Previous Customer' };
    const identity = classifyCaller([CONTACT, CONTACT], { ...SHIPPED, rules: [vip, ...BUILT_IN_RULES] }, FORMS, 'US');
    expect(identity.matches.map((m) => m.rule.name)).to.deep.equal(['Vip_Contact']);
    expect(identity.labels).to.deep.equal(['Customer', 'Previous Customer']);
  });

  it('calls nobody Unknown, and skips converted Leads, rows without an id and objects no rule names', () => {
    const identity = classifyCaller(
      [row('Lead', '00Q5e00000AbCdFEAV', { ...LEAD, Id: '00Q5e00000AbCdFEAV', IsConverted: true }), { ...CONTACT, Id: null }, row('User', '0055e000001AbCdAAK', { Name: 'Agent', Phone: '415-555-0100' })],
      SHIPPED,
      FORMS,
      'US',
    );
    expect(identity).to.deep.equal({ labels: ['Unknown'], matches: [], winners: [], journey: [], cached: false });
  });

  it('keeps markup in a name as plain text and a missing name as blank', () => {
    const identity = classifyCaller([{ ...LEAD, Name: '<img src=x onerror=alert(1)>' }, { ...CONTACT, Name: null }], SHIPPED, FORMS, 'US');
    expect(identity.matches.map((m) => m.name)).to.deep.equal(['<img src=x onerror=alert(1)>', '']);
  });

  it("keeps only the caller's own Tasks in the journey", () => {
    const task = (id: string, number: string) => row('Task', id, { Subject: 'Call', CreatedDate: '2024-05-01T10:00:00.000+0000', ContactPad_Caller_Number__c: number });
    const identity = classifyCaller([task('00T000000000001AAA', '+14155550100'), task('00T000000000002AAA', '+14155550199')], SHIPPED, FORMS, 'US');
    expect(identity.labels).to.deep.equal(['Unknown']);
    expect(identity.journey.map((entry) => entry.taskId)).to.deep.equal(['00T000000000001AAA']);
  });
});
