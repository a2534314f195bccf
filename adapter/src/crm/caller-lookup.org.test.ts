import { expect } from '@open-wc/testing';
import { isContactPadError } from '../model/errors.ts';
import { callerSearch, lookUpCaller } from './caller-lookup.ts';
import type { CallerIdentity } from './caller-lookup.ts';
import { decideScreenPop } from './screen-pop-decision.ts';
import { DEFAULT_SCREEN_POP_SETTINGS, loadScreenPopRules } from './screen-pop-rules.ts';
import { buildPhoneSearch } from './sosl.ts';
import { connectTo, fakeOrg, orgWithRules, ruleRecord, type FakeOrgSession } from '../../test-support/fake-org.ts';
import { rejectionOf } from '../../test-support/thrown.ts';

declare const describe: (title: string, body: () => void) => void;
declare const it: (title: string, body: () => void | Promise<void>) => void;

const NUMBER = '+1 415 555 0100';

/** An org with the shipped rules, the records `arrange` inserts, and its rules loaded. */
async function orgWith(arrange: (orgId: string) => Promise<void> = async () => {}, session?: FakeOrgSession) {
  const org = session ?? (await fakeOrg.createOrg());
  await arrange(org.orgId);
  const connection = connectTo(org);
  const rules = await loadScreenPopRules(connection);
  const lookUp = (number = NUMBER): Promise<CallerIdentity> => lookUpCaller(connection, rules, number, 'US');
  return { orgId: org.orgId, connection, rules, lookUp };
}

/** What the widget and the admin see of each match: object, name, label, rule, matched field. */
function why(identity: CallerIdentity): string[] {
  return identity.matches.map((m) => `${m.objectType} ${m.name} | ${m.label} | ${m.rule.name} | ${m.matchedField}`);
}

describe('caller lookup by the screen-pop rules, against the org', () => {
  it('pops an open Lead, labelled Lead, saying which rule and field matched', async () => {
    let leadId = '';
    const { lookUp } = await orgWith(async (orgId) => {
      leadId = await fakeOrg.insert(orgId, 'Lead', { FirstName: 'Maria', LastName: 'Lopez', Company: 'Lopez Bakery', Phone: '(415) 555-0100' });
    });
    const identity = await lookUp();
    expect(identity.labels).to.deep.equal(['Lead']);
    expect(identity.matches).to.deep.equal([
      { id: leadId, objectType: 'Lead', name: 'Maria Lopez', label: 'Lead', rule: { name: 'Open_Lead', label: 'Open Lead', priority: 10 }, matchedField: 'Phone' },
    ]);
    expect(identity.winningRule?.name).to.equal('Open_Lead');
    expect(decideScreenPop(identity, NUMBER, DEFAULT_SCREEN_POP_SETTINGS)).to.deep.equal({ kind: 'record', recordId: leadId, objectType: 'Lead' });
  });

  it('does not count a converted Lead', async () => {
    const { lookUp } = await orgWith(async (orgId) => {
      await fakeOrg.insert(orgId, 'Lead', { LastName: 'Becker', Company: 'Becker Hardware', Phone: '(415) 555-0100', IsConverted: true });
    });
    expect((await lookUp()).labels).to.deep.equal(['Unknown']);
  });

  it('finds a Customer Contact by a home phone stored in another format, with its account', async () => {
    let contactId = '';
    let accountId = '';
    const { lookUp } = await orgWith(async (orgId) => {
      accountId = await fakeOrg.insert(orgId, 'Account', { Name: 'Rossi Family Vineyards', Type: 'Customer - Direct' });
      contactId = await fakeOrg.insert(orgId, 'Contact', { FirstName: 'Marco', LastName: 'Rossi', AccountId: accountId, HomePhone: '415.555.0100' });
    });
    const identity = await lookUp('(415) 555-0100');
    expect(identity.labels).to.deep.equal(['Customer']);
    expect(identity.winners.map((m) => [m.id, m.matchedField, m.accountId])).to.deep.equal([[contactId, 'HomePhone', accountId]]);
  });

  it('calls an Account a Customer, and a former customer Account a Previous Customer', async () => {
    const { lookUp } = await orgWith(async (orgId) => {
      await fakeOrg.insert(orgId, 'Account', { Name: 'Acme Logistics', Type: 'Customer - Direct', Phone: '+1 415-555-0100' });
      await fakeOrg.insert(orgId, 'Account', { Name: 'No Type Yet', Phone: '415 555 0101' });
      await fakeOrg.insert(orgId, 'Account', { Name: 'Brightside Dental', Type: 'Former Customer', Phone: '415.555.0102' });
    });
    expect(why(await lookUp())).to.deep.equal(['Account Acme Logistics | Customer | Customer_Account | Phone']);
    expect(why(await lookUp('+1 415 555 0101'))).to.deep.equal(['Account No Type Yet | Customer | Customer_Account | Phone']);
    const previous = await lookUp('+1 415 555 0102');
    expect(previous.labels).to.deep.equal(['Previous Customer']);
    expect(why(previous)).to.deep.equal(['Account Brightside Dental | Previous Customer | Previous_Customer_Account | Phone']);
  });

  it('gives a caller who is an open Lead and a Customer both labels, and pops the Lead (lower priority wins)', async () => {
    let leadId = '';
    const { lookUp } = await orgWith(async (orgId) => {
      await fakeOrg.insert(orgId, 'Contact', { FirstName: 'Sam', LastName: 'Carter', MobilePhone: '415-555-0100' });
      leadId = await fakeOrg.insert(orgId, 'Lead', { FirstName: 'Sam', LastName: 'Carter', Company: 'Carter Consulting', Phone: '(415) 555-0100' });
      await fakeOrg.insert(orgId, 'Account', { Name: 'Brightside Dental', Type: 'Former Customer', Phone: '415.555.0100' });
    });
    const identity = await lookUp();
    expect(identity.labels).to.deep.equal(['Lead', 'Customer', 'Previous Customer']);
    expect(why(identity)).to.deep.equal([
      'Lead Sam Carter | Lead | Open_Lead | Phone',
      'Contact Sam Carter | Customer | Customer_Contact | MobilePhone',
      'Account Brightside Dental | Previous Customer | Previous_Customer_Account | Phone',
    ]);
    expect(identity.winners.map((m) => m.id)).to.deep.equal([leadId]);
    expect(decideScreenPop(identity, NUMBER, DEFAULT_SCREEN_POP_SETTINGS)).to.deep.equal({ kind: 'record', recordId: leadId, objectType: 'Lead' });
  });

  it('gives the agent a picker (and the console a search) when the winning rule matches several records', async () => {
    const { lookUp } = await orgWith(async (orgId) => {
      await fakeOrg.insert(orgId, 'Contact', { FirstName: 'Marco', LastName: 'Rossi', HomePhone: '415 555 0100' });
      await fakeOrg.insert(orgId, 'Contact', { FirstName: 'Elena', LastName: 'Rossi', Phone: '+1 (415) 555-0100' });
      await fakeOrg.insert(orgId, 'Account', { Name: 'Rossi Family Vineyards', Phone: '415-555-0100' });
    });
    const identity = await lookUp();
    expect(identity.winners.map((m) => `${m.name} ${m.matchedField}`)).to.deep.equal(['Elena Rossi Phone', 'Marco Rossi HomePhone']);
    expect(identity.matches).to.have.length(3);
    expect(decideScreenPop(identity, NUMBER, DEFAULT_SCREEN_POP_SETTINGS)).to.deep.equal({ kind: 'search', searchText: NUMBER });
    const marco = identity.winners[1]!;
    expect(decideScreenPop(identity, NUMBER, DEFAULT_SCREEN_POP_SETTINGS, marco.id)).to.deep.equal({ kind: 'record', recordId: marco.id, objectType: 'Contact' });
  });

  it('pops an open Case by its searchable web phone (CaseNumber as its name), never a closed one', async () => {
    let caseId = '';
    const { lookUp } = await orgWith(async (orgId) => {
      caseId = await fakeOrg.insert(orgId, 'Case', { Subject: 'Hinge', Status: 'New', SuppliedPhone: '415-555-0100', ContactPad_Web_Phone__c: '415-555-0100' });
      await fakeOrg.insert(orgId, 'Case', { Subject: 'Old', Status: 'Closed', ContactPad_Web_Phone__c: '415-555-0100' });
    });
    const identity = await lookUp();
    const caseNumber = identity.matches[0]?.name ?? '';
    expect(caseNumber).to.match(/^\d{8}$/);
    expect(why(identity)).to.deep.equal([`Case ${caseNumber} | Customer | Open_Case_Web_Phone | ContactPad_Web_Phone__c`]);
    expect(decideScreenPop(identity, NUMBER, DEFAULT_SCREEN_POP_SETTINGS)).to.deep.equal({ kind: 'record', recordId: caseId, objectType: 'Case' });
  });

  it('pops a Live Chat Transcript by the visitor phone where legacy Chat is on (its rule ships in force-app-legacy-chat)', async () => {
    let chatId = '';
    const { lookUp } = await orgWith(async (orgId) => {
      chatId = await fakeOrg.insert(orgId, 'LiveChatTranscript', { Status: 'Completed', ContactPad_Visitor_Phone__c: '(415) 555-0100' });
    }, await fakeOrg.createOrg(undefined, { features: { legacyChat: true } }));
    const identity = await lookUp();
    expect(identity.labels).to.deep.equal(['Customer']);
    expect(identity.winners.map((m) => [m.id, m.objectType, m.rule.name, m.matchedField])).to.deep.equal([[chatId, 'LiveChatTranscript', 'Live_Chat_Visitor', 'ContactPad_Visitor_Phone__c']]);
    expect(decideScreenPop(identity, NUMBER, DEFAULT_SCREEN_POP_SETTINGS)).to.deep.equal({ kind: 'record', recordId: chatId, objectType: 'LiveChatTranscript' });
  });

  it("returns the caller's journey in the same request, newest first, with channel, agent and status", async () => {
    const { lookUp, orgId } = await orgWith(async (id) => {
      await fakeOrg.insert(id, 'Task', { Subject: 'Call Inbound', CreatedDate: '2024-05-01T10:00:00.000Z', ContactPad_Caller_Number__c: '+14155550100', ContactPad_Channel__c: 'voice', ContactPad_Status__c: 'Ended' });
      await fakeOrg.insert(id, 'Task', { Subject: 'Chat', CreatedDate: '2024-06-01T10:00:00.000Z', ContactPad_Caller_Number__c: '+14155550100', ContactPad_Channel__c: 'chat', ContactPad_Status__c: 'Failed' });
      await fakeOrg.insert(id, 'Task', { Subject: 'Someone else', CreatedDate: '2024-07-01T10:00:00.000Z', ContactPad_Caller_Number__c: '+14155550199' });
    });
    const before = await fakeOrg.apiUsage(orgId);
    const identity = await lookUp();
    expect(await fakeOrg.apiUsage(orgId)).to.equal(before + 1);
    expect(identity.labels).to.deep.equal(['Unknown']);
    expect(identity.journey.map(({ taskId: _id, ...entry }) => entry)).to.deep.equal([
      { channel: 'Chat', agent: 'Agent One', status: 'Failed', at: Date.UTC(2024, 5, 1, 10), subject: 'Chat' },
      { channel: 'Voice call', agent: 'Agent One', status: 'Ended', at: Date.UTC(2024, 4, 1, 10), subject: 'Call Inbound' },
    ]);
  });

  it('keeps the journey to the settings journey size', async () => {
    const tasks = Array.from({ length: 4 }, (_, i) => ({ Subject: `Call ${i}`, CreatedDate: `2024-05-0${i + 1}T10:00:00.000Z`, ContactPad_Caller_Number__c: '+14155550100' }));
    const { lookUp } = await orgWith(async () => {}, await orgWithRules([], { Journey_Size__c: 2 }, { Task: tasks }));
    expect((await lookUp()).journey.map((entry) => entry.subject)).to.deep.equal(['Call 3', 'Call 2']);
  });

  it('spends ONE API request per lookup, whatever it finds', async () => {
    const { lookUp, orgId } = await orgWith(async (id) => {
      await fakeOrg.insert(id, 'Lead', { LastName: 'Lopez', Company: 'Lopez Bakery', Phone: '(415) 555-0100' });
      await fakeOrg.insert(id, 'Contact', { LastName: 'Kim', Phone: '(415) 555-0100' });
    });
    for (const number of [NUMBER, '+1 415 555 0199']) {
      const before = await fakeOrg.apiUsage(orgId);
      await lookUp(number);
      expect(await fakeOrg.apiUsage(orgId), number).to.equal(before + 1);
    }
  });

  it('sends no request at all for a withheld, lettered, too short or too long number', async () => {
    const { lookUp, orgId } = await orgWith();
    const before = await fakeOrg.apiUsage(orgId);
    for (const raw of ['', '   ', 'anonymous', 'Restricted', '2001', '1234567890123456789']) {
      expect(await lookUp(raw), raw).to.deep.equal({ labels: ['Unknown'], matches: [], winners: [], journey: [], cached: false });
    }
    expect(await fakeOrg.apiUsage(orgId)).to.equal(before);
  });

  it('finds the caller from the number in every format people and networks send', async () => {
    let leadId = '';
    const { lookUp } = await orgWith(async (orgId) => {
      leadId = await fakeOrg.insert(orgId, 'Lead', { LastName: 'Lopez', Company: 'Lopez Bakery', Phone: '(415) 555-0100' });
    });
    const formats = ['+1 (415) 555-0100', '415.555.0100', '4155550100', '1-415-555-0100', '001 415 555 0100', '+1 415 555 0100 ext. 12', '415-555-0100 x7', 'tel:+14155550100',
      '{415} 555*0100?', '"415"-555-0100', '415\\555!0100', '+1-(415)&555|0100'];
    for (const raw of formats) expect((await lookUp(raw)).winners.map((m) => m.id), raw).to.deep.equal([leadId]);
  });

  it('finds an international caller stored with or without the country code', async () => {
    const { lookUp } = await orgWith(async (orgId) => {
      await fakeOrg.insert(orgId, 'Contact', { FirstName: 'Oliver', LastName: 'Smith', Phone: '+44 20 7946 0958' });
      await fakeOrg.insert(orgId, 'Contact', { FirstName: 'Olivia', LastName: 'Smith', MobilePhone: '020 7946 0958' });
    });
    expect((await lookUp('+44 20 7946 0958')).winners.map((m) => `${m.name} ${m.matchedField}`)).to.deep.equal(['Oliver Smith Phone', 'Olivia Smith MobilePhone']);
  });

  it('treats null phone fields and markup in names as data', async () => {
    const { lookUp } = await orgWith(async (orgId) => {
      await fakeOrg.insert(orgId, 'Lead', { FirstName: '<b>Ann</b>', LastName: "O'Neil & Co", Company: '<script>alert(1)</script>', Phone: null, MobilePhone: '415-555-0100' });
      await fakeOrg.insert(orgId, 'Contact', { LastName: '<img src=x onerror=alert(1)>', Phone: null, MobilePhone: null, HomePhone: null, OtherPhone: '415 555 0100' });
    });
    expect(why(await lookUp())).to.deep.equal([
      "Lead <b>Ann</b> O'Neil & Co | Lead | Open_Lead | MobilePhone",
      'Contact <img src=x onerror=alert(1)> | Customer | Customer_Contact | OtherPhone',
    ]);
  });

  it('ignores a record SOSL found through a phone field no rule names', async () => {
    const { lookUp } = await orgWith(async (orgId) => {
      await fakeOrg.insert(orgId, 'Contact', { LastName: 'Assistant', AssistantPhone: '415-555-0100' });
      await fakeOrg.insert(orgId, 'Lead', { LastName: 'Faxed', Company: 'Fax Co', Fax: '415-555-0100' });
    });
    expect(await lookUp()).to.deep.include({ labels: ['Unknown'], matches: [], winners: [] });
  });

  it('sends reserved characters escaped, so Salesforce does not refuse the search', async () => {
    const { connection, rules } = await orgWith();
    expect(await connection.search(buildPhoneSearch(['+1-(415)&555|0100'], callerSearch(rules)))).to.deep.equal([]);
  });

  it('fails with the Salesforce error code on 401, 403 and 503 answers', async () => {
    const { lookUp, orgId } = await orgWith();
    const cases = [['sessionExpired', 'CRM_SESSION_EXPIRED'], ['requestLimit', 'CRM_REQUEST_LIMIT'], ['unavailable', 'CRM_UNAVAILABLE']] as const;
    for (const [kind, code] of cases) {
      await fakeOrg.setFault(orgId, { kind, times: 1 });
      const error = await rejectionOf(lookUp());
      expect(isContactPadError(error, code), `${kind} -> ${code}: ${String(error)}`).to.equal(true);
    }
    expect((await lookUp()).labels).to.deep.equal(['Unknown']);
  });
});

describe('custom screen-pop rules and their pop actions, against the org', () => {
  it('pops a New Record modal with default values, a Search, or a Flow with arguments, as each rule says', async () => {
    const session = await orgWithRules([
      ruleRecord('Contact_New_Case', {
        Object__c: 'Contact', Phone_Fields__c: 'Phone', Caller_Label__c: 'Customer', Priority__c: 10, Pop_Action__c: 'New Record',
        New_Record_Object__c: 'Case', Default_Field_Values__c: '{"Origin": "Phone", "ContactId": "{recordId}", "SuppliedPhone": "{number}", "Priority": "High"}',
      }),
      ruleRecord('Lead_Search', { Object__c: 'Lead', Phone_Fields__c: 'Phone', Caller_Label__c: 'Lead', Priority__c: 20, Pop_Action__c: 'Search' }),
      ruleRecord('Account_Flow', {
        Object__c: 'Account', Phone_Fields__c: 'Phone', Caller_Label__c: 'Previous Customer', Priority__c: 30, Pop_Action__c: 'Flow',
        Flow_Name__c: 'Win_Back', Flow_Arguments__c: '[{"name": "accountId", "type": "String", "value": "{recordId}"}, {"name": "callerNumber", "type": "String", "value": "{number}"}]',
      }),
    ]);
    let contactId = '';
    let accountId = '';
    const { lookUp, rules } = await orgWith(async (orgId) => {
      contactId = await fakeOrg.insert(orgId, 'Contact', { LastName: 'Kim', Phone: '415-555-0100' });
      await fakeOrg.insert(orgId, 'Lead', { LastName: 'Lopez', Company: 'Lopez Bakery', Phone: '415-555-0101' });
      accountId = await fakeOrg.insert(orgId, 'Account', { Name: 'Brightside', Phone: '415-555-0102' });
    }, session);
    expect(rules.problems).to.deep.equal([]);
    expect(decideScreenPop(await lookUp(), NUMBER, rules.settings)).to.deep.equal({
      kind: 'new-record', entityName: 'Case', defaultFieldValues: { Origin: 'Phone', ContactId: contactId, SuppliedPhone: NUMBER, Priority: 'High' },
    });
    expect(decideScreenPop(await lookUp('+1 415 555 0101'), '+1 415 555 0101', rules.settings)).to.deep.equal({ kind: 'search', searchText: '+1 415 555 0101' });
    const previous = await lookUp('+1 415 555 0102');
    expect(previous.labels).to.deep.equal(['Previous Customer']);
    expect(decideScreenPop(previous, '+1 415 555 0102', rules.settings)).to.deep.equal({
      kind: 'flow', flowDevName: 'Win_Back', flowArgs: [{ name: 'accountId', type: 'String', value: accountId }, { name: 'callerNumber', type: 'String', value: '+1 415 555 0102' }],
    });
  });

  it('lets matches of rules with equal priority win together (a picker), the first rule by name being the winning rule', async () => {
    const session = await orgWithRules([
      ruleRecord('Zeta_Contacts', { Object__c: 'Contact', Phone_Fields__c: 'Phone', Caller_Label__c: 'Customer', Priority__c: 10, Pop_Action__c: 'Flow', Flow_Name__c: 'Zeta' }),
      ruleRecord('Alpha_Leads', { Object__c: 'Lead', Phone_Fields__c: 'Phone', Caller_Label__c: 'Lead', Priority__c: 10 }),
      ruleRecord('Accounts_Later', { Object__c: 'Account', Phone_Fields__c: 'Phone', Caller_Label__c: 'Customer', Priority__c: 11 }),
    ]);
    let leadId = '';
    let contactId = '';
    const { lookUp, rules } = await orgWith(async (orgId) => {
      contactId = await fakeOrg.insert(orgId, 'Contact', { LastName: 'Kim', Phone: '415-555-0100' });
      leadId = await fakeOrg.insert(orgId, 'Lead', { LastName: 'Lopez', Company: 'Lopez Bakery', Phone: '415-555-0100' });
      await fakeOrg.insert(orgId, 'Account', { Name: 'Acme', Phone: '415-555-0100' });
      await fakeOrg.insert(orgId, 'Contact', { LastName: 'Other', Phone: '415-555-0199' });
    }, session);
    const identity = await lookUp();
    expect(identity.winners.map((m) => [m.id, m.rule.name])).to.deep.equal([[leadId, 'Alpha_Leads'], [contactId, 'Zeta_Contacts']]);
    expect(identity.winningRule?.name).to.equal('Alpha_Leads');
    expect(identity.labels).to.deep.equal(['Lead', 'Customer']);
    expect(decideScreenPop(identity, NUMBER, rules.settings)).to.deep.equal({ kind: 'search', searchText: NUMBER });
    expect(decideScreenPop(identity, NUMBER, rules.settings, contactId)).to.deep.equal({ kind: 'record', recordId: contactId, objectType: 'Contact' });
  });

  it('asks SOSL only for open Leads when every Lead rule filters, and still checks each rule filter here', async () => {
    const session = await orgWithRules([
      ruleRecord('Hot_Leads', { Object__c: 'Lead', Phone_Fields__c: 'Phone', Filter__c: "Rating = 'Hot' AND IsConverted = false", Caller_Label__c: 'Lead', Priority__c: 10 }),
      ruleRecord('New_Leads', { Object__c: 'Lead', Phone_Fields__c: 'Phone', Filter__c: "Status IN ('Open - Not Contacted')", Caller_Label__c: 'Customer', Priority__c: 20 }),
    ]);
    const { lookUp, rules } = await orgWith(async (orgId) => {
      await fakeOrg.insert(orgId, 'Lead', { LastName: 'Warm', Company: 'W', Rating: 'Warm', Status: 'Working - Contacted', Phone: '415-555-0100' });
      await fakeOrg.insert(orgId, 'Lead', { LastName: 'Fresh', Company: 'F', Rating: 'Warm', Status: 'Open - Not Contacted', Phone: '415-555-0100' });
      await fakeOrg.insert(orgId, 'Lead', { LastName: 'Hot', Company: 'H', Rating: 'Hot', Status: 'Working - Contacted', Phone: '415-555-0100' });
    }, session);
    const [lead] = callerSearch(rules);
    expect(lead?.where).to.equal("(Rating = 'Hot' AND IsConverted = false) OR (Status IN ('Open - Not Contacted'))");
    expect(why(await lookUp())).to.deep.equal(['Lead Hot | Lead | Hot_Leads | Phone', 'Lead Fresh | Customer | New_Leads | Phone']);
  });

  it('keeps popping with the rules that are fine when others are broken', async () => {
    const session = await fakeOrg.createOrg({
      records: { ContactPad_Screen_Pop_Rule__mdt: [ruleRecord('Broken_First', { Object__c: 'Lead', Phone_Fields__c: 'Phone2', Caller_Label__c: 'Customer', Priority__c: 1 })] },
    });
    let leadId = '';
    const { lookUp, rules } = await orgWith(async (orgId) => {
      leadId = await fakeOrg.insert(orgId, 'Lead', { LastName: 'Lopez', Company: 'Lopez Bakery', Phone: '415-555-0100' });
    }, session);
    expect(rules.problems).to.deep.equal(['Rule Broken_First skipped: field Lead.Phone2 does not exist or is not visible to this user']);
    expect(decideScreenPop(await lookUp(), NUMBER, rules.settings)).to.deep.equal({ kind: 'record', recordId: leadId, objectType: 'Lead' });
  });

  it('opens the greeting or a search for an unknown caller, as the settings say', async () => {
    const greeting = await orgWith();
    expect(decideScreenPop(await greeting.lookUp(), NUMBER, greeting.rules.settings)).to.deep.equal({ kind: 'new-record', entityName: 'Lead', defaultFieldValues: { Phone: NUMBER } });
    const search = await orgWith(async () => {}, await orgWithRules([], { No_Match_Action__c: 'Search' }));
    expect(decideScreenPop(await search.lookUp(), NUMBER, search.rules.settings)).to.deep.equal({ kind: 'search', searchText: NUMBER });
    expect(decideScreenPop(await search.lookUp(''), '', search.rules.settings)).to.deep.equal({ kind: 'new-record', entityName: 'Lead', defaultFieldValues: {} });
  });
});

describe("the demo org's callers (scripts/fake-org/README.md)", () => {
  it('finds no chat visitor in an org without legacy Chat, and the lookup still works for everyone else', async () => {
    const { lookUp, rules } = await orgWith(async () => {}, await fakeOrg.createOrg('demo'));
    expect(rules.problems, 'the default package ships no rule on a Chat Transcript').to.deep.equal([]);
    expect((await lookUp('+14155550109')).labels).to.deep.equal(['Unknown']);
    expect((await lookUp('+14155550100')).labels).to.deep.equal(['Lead']);
  });

  it('pops each preset caller as the README promises, with the journey of the customer who called before', async () => {
    // The local console's org: legacy Chat on (its visitor is a caller), as the DEFAULT org has it.
    const { lookUp, rules } = await orgWith(async () => {}, await fakeOrg.createOrg('demo', { features: { legacyChat: true } }));
    const expected: Array<[string, string[], string[], string]> = [
      ['+14155550100', ['Lead'], ['Lead Maria Lopez'], 'record'],
      ['+14155550101', ['Customer'], ['Contact Daniel Kim'], 'record'],
      ['+14155550102', ['Previous Customer'], ['Account Brightside Dental'], 'record'],
      ['+14155550103', ['Customer'], ['Contact Priya Natarajan'], 'record'],
      ['+14155550104', ['Lead', 'Customer'], ['Lead Sam Carter'], 'record'],
      ['+14155550105', ['Customer'], ['Contact Elena Rossi', 'Contact Marco Rossi'], 'search'],
      ['+14155550106', ['Lead'], ["Lead <b>Ann</b> O'Neil & Co"], 'record'],
      ['+14155550107', ['Customer'], ['Contact Tom Becker'], 'record'],
      ['+442079460958', ['Customer'], ['Contact Oliver Smith'], 'record'],
      ['+14155550108', ['Customer'], ['Case'], 'record'],
      ['+14155550109', ['Customer'], ['LiveChatTranscript'], 'record'],
      ['+14155550199', ['Unknown'], [], 'new-record'],
      ['', ['Unknown'], [], 'new-record'],
    ];
    for (const [number, labels, winners, pop] of expected) {
      const identity = await lookUp(number);
      expect(identity.labels, number).to.deep.equal(labels);
      expect(identity.winners.map((m) => `${m.objectType} ${m.name}`.replace(/ \d{8}$/, '').trim()), number).to.deep.equal(winners);
      expect(decideScreenPop(identity, number, rules.settings).kind, number).to.equal(pop);
    }
    const daniel = await lookUp('+14155550101');
    expect(daniel.journey.map((entry) => `${entry.channel} ${entry.status} ${entry.subject}`)).to.deep.equal([
      'Callback Ended Callback',
      'Voice call Failed Missed call',
      'Chat Ended Chat',
      'Voice call Ended Call Inbound',
    ]);
  });
});
