import { expect } from '@open-wc/testing';
import { BUILT_IN_RULES, DEFAULT_SCREEN_POP_SETTINGS, JOURNEY_FIELDS, MAX_DESCRIBED_RULES, loadScreenPopRules } from './screen-pop-rules.ts';
import { connectTo, fakeOrg, orgWithRules, ruleRecord } from '../../test-support/fake-org.ts';

declare const describe: (title: string, body: () => void) => void;
declare const it: (title: string, body: () => void | Promise<void>) => void;

const RULE_TYPE = 'ContactPad_Screen_Pop_Rule__mdt';

describe('loading the screen-pop rules from the org', () => {
  it('loads the shipped rules and settings with ONE API request, and they equal the built-in rules (the default package\'s)', async () => {
    const session = await fakeOrg.createOrg();
    const before = await fakeOrg.apiUsage(session.orgId);
    const loaded = await loadScreenPopRules(connectTo(session));
    expect(await fakeOrg.apiUsage(session.orgId)).to.equal(before + 1);
    expect(loaded.problems).to.deep.equal([]);
    expect(loaded.source).to.equal('org');
    expect(loaded.final).to.equal(true);
    expect(loaded.rules).to.deep.equal(BUILT_IN_RULES);
    expect(loaded.rules.map((rule) => [rule.name, rule.priority])).to.deep.equal([
      ['Open_Lead', 10], ['Customer_Contact', 20], ['Customer_Account', 30], ['Previous_Customer_Account', 40], ['Open_Case_Web_Phone', 50],
    ]);
    expect(loaded.settings).to.deep.equal(DEFAULT_SCREEN_POP_SETTINGS);
    expect(loaded.journeyFields).to.deep.equal(JOURNEY_FIELDS);
  });

  it('loads the Live Chat Transcript rule too where the legacy Chat package is deployed', async () => {
    const session = await fakeOrg.createOrg(undefined, { features: { legacyChat: true } });
    const loaded = await loadScreenPopRules(connectTo(session));
    expect(loaded.problems).to.deep.equal([]);
    expect(loaded.rules.map((rule) => [rule.name, rule.objectType, rule.keyPrefix])).to.deep.include(['Live_Chat_Visitor', 'LiveChatTranscript', '570']);
  });

  it('skips each malformed rule with a problem naming it and why, and keeps the others', async () => {
    const bad = [
      ruleRecord('Unknown_Object', { Object__c: 'Prospect__c', Phone_Fields__c: 'Phone__c', Caller_Label__c: 'Lead', Priority__c: 1 }),
      ruleRecord('Unknown_Field', { Object__c: 'Lead', Phone_Fields__c: 'Phone, Fax2', Caller_Label__c: 'Lead', Priority__c: 1 }),
      ruleRecord('Hidden_Field', { Object__c: 'Contact', Phone_Fields__c: 'AssistantPhone', Caller_Label__c: 'Customer', Priority__c: 1 }),
      ruleRecord('Text_Field', { Object__c: 'Case', Phone_Fields__c: 'SuppliedPhone', Caller_Label__c: 'Customer', Priority__c: 1 }),
      ruleRecord('Bad_Filter', { Object__c: 'Lead', Phone_Fields__c: 'Phone', Filter__c: 'IsConverted = false OR Status = null', Caller_Label__c: 'Lead', Priority__c: 1 }),
      ruleRecord('Filter_Unknown_Field', { Object__c: 'Account', Phone_Fields__c: 'Phone', Filter__c: "Rating = 'Hot'", Caller_Label__c: 'Customer', Priority__c: 1 }),
      ruleRecord('Filter_Wrong_Type', { Object__c: 'Lead', Phone_Fields__c: 'Phone', Filter__c: "IsConverted = 'no'", Caller_Label__c: 'Lead', Priority__c: 1 }),
      ruleRecord('Bad_Json', { Object__c: 'Contact', Phone_Fields__c: 'Phone', Caller_Label__c: 'Customer', Priority__c: 1, Pop_Action__c: 'New Record', Default_Field_Values__c: '{"Phone": ' }),
      ruleRecord('Bad_Flow_Args', { Object__c: 'Contact', Phone_Fields__c: 'Phone', Caller_Label__c: 'Customer', Priority__c: 1, Pop_Action__c: 'Flow', Flow_Name__c: 'Verify_Caller', Flow_Arguments__c: '{"name": "recordId"}' }),
      ruleRecord('Unknown_Label', { Object__c: 'Contact', Phone_Fields__c: 'Phone', Caller_Label__c: 'VIP', Priority__c: 1 }),
      ruleRecord('Unknown_Action', { Object__c: 'Contact', Phone_Fields__c: 'Phone', Caller_Label__c: 'Customer', Priority__c: 1, Pop_Action__c: 'Dial' }),
      ruleRecord('No_Priority', { Object__c: 'Contact', Phone_Fields__c: 'Phone', Caller_Label__c: 'Customer', Priority__c: null }),
      ruleRecord('Inactive_Broken', { Active__c: false, Object__c: 'Nothing__c', Phone_Fields__c: 'Phone', Caller_Label__c: 'Customer', Priority__c: 1 }),
    ];
    // Legacy Chat on, its package deployed, and the transcript hidden from the agent.
    const session = await fakeOrg.createOrg({ records: { [RULE_TYPE]: bad } }, { features: { legacyChat: true } });
    await fakeOrg.setVisibility(session.orgId, { sobject: 'Contact', field: 'AssistantPhone' }, false);
    await fakeOrg.setVisibility(session.orgId, { sobject: 'LiveChatTranscript' }, false);
    const loaded = await loadScreenPopRules(connectTo(session));
    expect(loaded.problems).to.deep.equal([
      'Rule Live_Chat_Visitor skipped: object LiveChatTranscript does not exist or is not visible to this user',
      'Rule Unknown_Object skipped: object Prospect__c does not exist or is not visible to this user',
      'Rule Unknown_Field skipped: field Lead.Fax2 does not exist or is not visible to this user',
      'Rule Hidden_Field skipped: field Contact.AssistantPhone does not exist or is not visible to this user',
      'Rule Text_Field skipped: field Case.SuppliedPhone is a string field, and phone search (SOSL IN PHONE FIELDS) only searches Phone fields',
      'Rule Bad_Filter skipped: filter "IsConverted = false OR Status = null" cannot be read: OR is not supported (write a second rule instead)',
      'Rule Filter_Unknown_Field skipped: field Account.Rating does not exist or is not visible to this user',
      "Rule Filter_Wrong_Type skipped: field Lead.IsConverted is a boolean field: compare it with true or false, not 'no'",
      'Rule Bad_Json skipped: Default_Field_Values__c is not valid JSON',
      'Rule Bad_Flow_Args skipped: Flow_Arguments__c must be a JSON array of {"name", "type", "value"}',
      'Rule Unknown_Label skipped: unknown caller label "VIP" (use Lead, Customer or Previous Customer)',
      'Rule Unknown_Action skipped: unknown pop action "Dial" (use Record, New Record, Search or Flow)',
      'Rule No_Priority skipped: priority null is not a number',
    ]);
    expect(loaded.rules.map((rule) => rule.name)).to.deep.equal(['Open_Lead', 'Customer_Contact', 'Customer_Account', 'Previous_Customer_Account', 'Open_Case_Web_Phone']);
  });

  it('reads the settings record, and replaces a bad value with the default, saying so', async () => {
    const session = await orgWithRules([], { No_Match_Action__c: 'Search', Caller_Cache_Seconds__c: 60, Journey_Size__c: 3 });
    expect((await loadScreenPopRules(connectTo(session))).settings).to.deep.equal({ noMatchAction: 'search', severalMatchAction: 'search', callerCacheSeconds: 60, journeySize: 3 });
    const odd = await orgWithRules([], { No_Match_Action__c: 'Hang up', Journey_Size__c: 500 });
    const loaded = await loadScreenPopRules(connectTo(odd));
    expect(loaded.settings).to.deep.equal(DEFAULT_SCREEN_POP_SETTINGS);
    expect(loaded.problems).to.deep.equal([
      'Screen-pop setting No_Match_Action__c = "Hang up" is not valid; Greeting is used.',
      'Screen-pop setting Journey_Size__c = 500 is not valid; 5 is used.',
    ]);
    const none = await loadScreenPopRules(connectTo(await orgWithRules([], null)));
    expect(none.settings).to.deep.equal(DEFAULT_SCREEN_POP_SETTINGS);
    expect(none.problems).to.deep.equal(['Screen-pop settings: no ContactPad_Screen_Pop_Setting__mdt record named Default; the defaults are used.']);
  });

  it('turns the customer journey off, saying why, when Task.ContactPad_Caller_Number__c is not visible', async () => {
    const session = await fakeOrg.createOrg();
    await fakeOrg.setVisibility(session.orgId, { sobject: 'Task', field: 'ContactPad_Caller_Number__c' }, false);
    const loaded = await loadScreenPopRules(connectTo(session));
    expect(loaded.journeyFields).to.deep.equal([]);
    expect(loaded.problems).to.deep.equal(['Customer journey off: Task.ContactPad_Caller_Number__c does not exist or is not visible to this user.']);
  });

  it('uses the built-in rules when the org is unreachable, says so, and asks to be loaded again', async () => {
    const session = await fakeOrg.createOrg();
    await fakeOrg.setFault(session.orgId, { kind: 'unavailable', times: 1 });
    const loaded = await loadScreenPopRules(connectTo(session));
    expect(loaded.source).to.equal('built-in');
    expect(loaded.final).to.equal(false);
    expect(loaded.rules).to.equal(BUILT_IN_RULES);
    expect(loaded.problems).to.have.length(1);
    expect(loaded.problems[0]).to.match(/^Screen-pop rules could not be loaded from Salesforce \(Salesforce is unavailable: .*\): the built-in rules are used until they can be\.$/);
  });

  it('uses the built-in rules for the session when the org answers but the rules cannot be read', async () => {
    const session = await fakeOrg.createOrg();
    await fakeOrg.setVisibility(session.orgId, { sobject: RULE_TYPE }, false);
    const loaded = await loadScreenPopRules(connectTo(session));
    expect([loaded.source, loaded.final]).to.deep.equal(['built-in', true]);
    expect(loaded.rules).to.equal(BUILT_IN_RULES);
    expect(loaded.problems[0]).to.match(/^Screen-pop rules could not be read \(INVALID_TYPE: .*\): the built-in rules are used\.$/);
  });

  it(`checks rules past the ${MAX_DESCRIBED_RULES} describe slots against an earlier rule on the same object, and skips the others`, async () => {
    const leads = Array.from({ length: MAX_DESCRIBED_RULES }, (_, i) => ruleRecord(`Lead_${String(i + 1).padStart(2, '0')}`, { Object__c: 'Lead', Phone_Fields__c: 'Phone', Caller_Label__c: 'Lead', Priority__c: i + 1 }));
    const session = await orgWithRules([
      ...leads,
      ruleRecord('Late_Contact', { Object__c: 'Contact', Phone_Fields__c: 'Phone', Caller_Label__c: 'Customer', Priority__c: 100 }),
      ruleRecord('Late_Lead', { Object__c: 'Lead', Phone_Fields__c: 'MobilePhone, Fax2', Caller_Label__c: 'Lead', Priority__c: 100 }),
      ruleRecord('Late_Lead_Ok', { Object__c: 'lead', Phone_Fields__c: 'mobilephone', Caller_Label__c: 'Lead', Priority__c: 100 }),
    ]);
    const before = await fakeOrg.apiUsage(session.orgId);
    const loaded = await loadScreenPopRules(connectTo(session));
    expect(await fakeOrg.apiUsage(session.orgId)).to.equal(before + 1);
    expect(loaded.problems).to.deep.equal([
      `Rule Late_Contact skipped: ContactPad checks at most ${MAX_DESCRIBED_RULES} active rules on different objects in one request; deactivate a rule or merge rules`,
      'Rule Late_Lead skipped: field Lead.Fax2 does not exist or is not visible to this user',
    ]);
    const late = loaded.rules.find((rule) => rule.name === 'Late_Lead_Ok');
    expect([late?.objectType, late?.phoneFields]).to.deep.equal(['Lead', ['MobilePhone']]);
    expect(loaded.rules).to.have.length(MAX_DESCRIBED_RULES + 1);
  });
});
