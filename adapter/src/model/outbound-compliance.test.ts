import { expect } from '@open-wc/testing';
import { readCallingHours } from './calling-hours.ts';
import { numberTimeZones } from './number-time-zones.ts';
import {
  blockedCallError,
  checkOutbound,
  COMPLIANCE_RULES,
  matchesListed,
  recipientTimeZone,
  uncheckedDecision,
  type OutboundCall,
  type OutboundDecision,
  type OutboundPolicy,
} from './outbound-compliance.ts';
import { ERROR_CATALOGUE } from './errors.ts';

declare const describe: (title: string, body: () => void) => void;
declare const it: (title: string, body: () => void | Promise<void>) => void;

/** Wednesday 14 January 2026, 12:00 UTC: London 12:00, New York 07:00, Los Angeles 04:00, Tokyo 21:00. */
const AT = Date.UTC(2026, 0, 14, 12, 0);

const OPEN: OutboundPolicy = { blockList: [], allowList: [], personalAllowList: [], allowedCountries: [], callingHours: undefined };

function call(number: string, country: string, extra: Partial<OutboundCall> = {}): OutboundCall {
  return { reach: 'external', number, shown: number, country, timeZone: recipientTimeZone(numberTimeZones(number), '', AT), doNotCall: [], ...extra };
}

function ruleOf(decision: OutboundDecision): string {
  return decision.allowed ? 'allowed' : decision.rule;
}

describe('compliance before an outbound call', () => {
  it('has a stable, catalogued code and a name for every rule', () => {
    for (const [rule, { code, name }] of Object.entries(COMPLIANCE_RULES)) {
      expect(Object.hasOwn(ERROR_CATALOGUE, code), rule).to.equal(true);
      expect(name.length, rule).to.be.above(3);
    }
    expect(new Set(Object.values(COMPLIANCE_RULES).map((r) => r.code)).size).to.equal(6);
  });

  it('places a call no rule blocks', () => {
    expect(checkOutbound(call('+442079460958', 'GB'), OPEN, AT)).to.deep.equal({ allowed: true, byPersonalAllowList: false });
  });

  it('Do Not Call: blocks a number whose Contact or Lead says so, naming the record, whatever the lists say', () => {
    const dnc = { recordId: '003000000000001AAA', objectType: 'Contact', name: 'Daniel Kim' };
    const policy = { ...OPEN, personalAllowList: [{ pattern: '+14155550101', label: '' }] };
    const decision = checkOutbound(call('+14155550101', 'US', { doNotCall: [dnc] }), policy, AT);
    expect(ruleOf(decision)).to.equal('do-not-call');
    expect(!decision.allowed && decision.message).to.equal('Do Not Call: Daniel Kim (Contact) is marked Do Not Call in Salesforce. The call was not placed.');
  });

  it('Do Not Call applies to an internal call placed from the record too', () => {
    const dnc = { recordId: '00Q000000000001AAA', objectType: 'Lead', name: 'Maria Lopez' };
    expect(ruleOf(checkOutbound(call('1001', '', { reach: 'internal', doNotCall: [dnc] }), OPEN, AT))).to.equal('do-not-call');
  });

  it('company block list: blocks a listed number or prefix, even when it is on an allow list', () => {
    const policy: OutboundPolicy = {
      ...OPEN,
      blockList: [{ pattern: '+1900*', label: 'Premium rate' }, { pattern: '+14155550199', label: '' }],
      allowList: [{ pattern: '+1900*', label: '' }],
      personalAllowList: [{ pattern: '+14155550199', label: '' }],
    };
    const premium = checkOutbound(call('+19005550100', 'US'), policy, AT);
    expect(ruleOf(premium)).to.equal('block-list');
    expect(!premium.allowed && premium.message).to.equal('Company block list: +19005550100 is on the company block list (Premium rate). The call was not placed.');
    expect(ruleOf(checkOutbound(call('+14155550199', 'US'), policy, AT))).to.equal('block-list');
    expect(ruleOf(checkOutbound(call('+14155550198', 'US'), policy, AT))).to.equal('allow-list');
  });

  it('country allow list: blocks a country not listed, or a number whose country cannot be told', () => {
    const policy = { ...OPEN, allowedCountries: ['US', 'CA'] };
    const uk = checkOutbound(call('+442079460958', 'GB'), policy, AT);
    expect(ruleOf(uk)).to.equal('country');
    expect(!uk.allowed && uk.message).to.equal('Country allow list: Calls to United Kingdom (GB) are not allowed; calls may go to United States (US), Canada (CA). The call was not placed.');
    const unknown = checkOutbound(call('+99912345678', ''), policy, AT);
    expect(!unknown.allowed && unknown.message).to.contain('the country of +99912345678 cannot be told'.replace(/^t/, 'T'));
    expect(ruleOf(checkOutbound(call('+16135550100', 'CA'), policy, AT))).to.equal('allowed');
  });

  it('company allow list: with entries, only listed numbers, except those on the agent\'s personal allow list', () => {
    const policy: OutboundPolicy = { ...OPEN, allowList: [{ pattern: '+1415555*', label: '' }], personalAllowList: [{ pattern: '+12125550147', label: '' }] };
    expect(checkOutbound(call('+14155550100', 'US'), policy, AT)).to.deep.equal({ allowed: true, byPersonalAllowList: false });
    expect(checkOutbound(call('+12125550147', 'US'), policy, AT)).to.deep.equal({ allowed: true, byPersonalAllowList: true });
    const other = checkOutbound(call('+12125550148', 'US'), policy, AT);
    expect(ruleOf(other)).to.equal('allow-list');
    expect(!other.allowed && other.message).to.equal('Company allow list: +12125550148 is not on the company allow list, nor on your personal allow list. The call was not placed.');
  });

  it('the personal allow list lifts nothing but the company allow list (not the country list, not calling hours)', () => {
    const hours = readCallingHours('09:00', '17:00', '').hours;
    const policy: OutboundPolicy = { ...OPEN, allowList: [{ pattern: '+1*', label: '' }], personalAllowList: [{ pattern: '+442079460958', label: '' }, { pattern: '+12125550147', label: '' }], allowedCountries: ['US'], callingHours: hours };
    expect(ruleOf(checkOutbound(call('+442079460958', 'GB'), policy, AT))).to.equal('country');
    expect(ruleOf(checkOutbound(call('+12125550147', 'US'), policy, AT))).to.equal('calling-hours');
  });

  it('calling hours: in the number\'s own time zone when it has one', () => {
    const policy = { ...OPEN, callingHours: readCallingHours('08:00', '21:00', '').hours };
    expect(ruleOf(checkOutbound(call('+442079460958', 'GB'), policy, AT))).to.equal('allowed');
    const la = checkOutbound(call('+14155550100', 'US'), policy, AT);
    expect(ruleOf(la)).to.equal('calling-hours');
    expect(!la.allowed && la.message).to.equal('Calling hours: It is Wed 04:00 for the recipient (America/Los_Angeles); calls are allowed 08:00–21:00, every day in the recipient\'s time. The call was not placed.');
    expect(ruleOf(checkOutbound(call('+81312345678', 'JP'), policy, AT))).to.equal('calling-hours');
  });

  it('calling hours: on the allowed days only, by the recipient\'s weekday', () => {
    const weekdays = { ...OPEN, callingHours: readCallingHours('00:00', '23:59', 'Mon-Fri').hours };
    const saturdayInTokyo = Date.UTC(2026, 0, 16, 16, 0); // Friday 16:00 UTC is Saturday 01:00 in Tokyo
    expect(ruleOf(checkOutbound({ ...call('+81312345678', 'JP'), timeZone: recipientTimeZone(['Asia/Tokyo'], '', saturdayInTokyo) }, weekdays, saturdayInTokyo))).to.equal('calling-hours');
    expect(ruleOf(checkOutbound({ ...call('+442079460958', 'GB'), timeZone: recipientTimeZone(['Europe/London'], '', saturdayInTokyo) }, weekdays, saturdayInTokyo))).to.equal('allowed');
  });

  it('calling hours: a number that may be in several zones uses the record\'s zone, else must be inside the hours in every zone', () => {
    const policy = { ...OPEN, callingHours: readCallingHours('07:00', '21:00', '').hours };
    const split = numberTimeZones('+12192265555'); // Chicago 06:00, New York 07:00
    const byRecord = { ...call('+12192265555', 'US'), timeZone: recipientTimeZone(split, 'America/New_York', AT) };
    expect(byRecord.timeZone).to.deep.equal({ source: 'record', zones: ['America/New_York'] });
    expect(ruleOf(checkOutbound(byRecord, policy, AT))).to.equal('allowed');
    const strictest = { ...call('+12192265555', 'US'), timeZone: recipientTimeZone(split, '', AT) };
    expect(strictest.timeZone.source).to.equal('every-zone');
    const decision = checkOutbound(strictest, policy, AT);
    expect(ruleOf(decision)).to.equal('calling-hours');
    expect(!decision.allowed && decision.message).to.contain('may be in 2 time zones and the record names none, so the call must be within calling hours in all of them, and it is Wed 06:00 in America/Chicago');
  });

  it('calling hours: zones that keep the same time count as one (London and the Crown Dependencies)', () => {
    // A UK mobile may be in London, Guernsey or the Isle of Man: one civil time, so no record zone is needed.
    expect(recipientTimeZone(numberTimeZones('+447700900123'), 'America/New_York', AT)).to.deep.equal({ source: 'number', zones: ['Europe/Guernsey', 'Europe/Isle_of_Man', 'Europe/London'] });
    const late = checkOutbound(call('+447700900123', 'GB'), { ...OPEN, callingHours: readCallingHours('08:00', '11:00', '').hours }, AT);
    expect(!late.allowed && late.message).to.contain('It is Wed 12:00 for the recipient (Europe/Guernsey, Europe/Isle_of_Man, Europe/London)');
  });

  it('calling hours: a record zone the browser does not know is no zone', () => {
    expect(recipientTimeZone(['America/Chicago', 'America/New_York'], 'Mars/Olympus_Mons', AT).source).to.equal('every-zone');
    expect(recipientTimeZone([], 'Mars/Olympus_Mons', AT).source).to.equal('unknown');
  });

  it('calling hours: when the time zone cannot be known, the strictest rule: not placed, and says why', () => {
    const policy = { ...OPEN, callingHours: readCallingHours('00:00', '23:59', '').hours };
    const decision = checkOutbound(call('+99912345678', ''), policy, AT);
    expect(ruleOf(decision)).to.equal('calling-hours');
    expect(!decision.allowed && decision.message).to.contain('The recipient\'s time zone cannot be known (nothing tells where +99912345678 is, and the record names no time zone), so the strictest rule applies');
    expect(ruleOf(checkOutbound(call('+99912345678', ''), OPEN, AT))).to.equal('allowed');
  });

  it('applies the rules in order, telling the first that blocks', () => {
    const everything: OutboundPolicy = {
      blockList: [{ pattern: '+44*', label: '' }],
      allowList: [{ pattern: '+1*', label: '' }],
      personalAllowList: [],
      allowedCountries: ['US'],
      callingHours: readCallingHours('13:00', '14:00', '').hours,
    };
    const dnc = [{ recordId: '003000000000007AAA', objectType: 'Contact', name: 'Oliver Smith' }];
    expect(ruleOf(checkOutbound(call('+442079460958', 'GB', { doNotCall: dnc }), everything, AT))).to.equal('do-not-call');
    expect(ruleOf(checkOutbound(call('+442079460958', 'GB'), everything, AT))).to.equal('block-list');
    expect(ruleOf(checkOutbound(call('+33142685300', 'FR'), everything, AT))).to.equal('country');
    expect(ruleOf(checkOutbound(call('+33142685300', 'US'), everything, AT))).to.equal('allow-list');
    expect(ruleOf(checkOutbound(call('+14155550100', 'US'), everything, AT))).to.equal('calling-hours');
  });

  it('lets internal calls (extensions, service codes, SIP addresses) past the number rules', () => {
    const closed: OutboundPolicy = { ...OPEN, allowList: [{ pattern: '+1*', label: '' }], allowedCountries: ['US'], callingHours: readCallingHours('13:00', '14:00', '').hours };
    expect(ruleOf(checkOutbound(call('1001', '', { reach: 'internal' }), closed, AT))).to.equal('allowed');
    expect(ruleOf(checkOutbound(call('sip:jordan@pbx.example.com', '', { reach: 'internal' }), closed, AT))).to.equal('allowed');
  });

  it('fails closed when the lists could not be read, with the rule named', () => {
    const decision = uncheckedDecision('Salesforce did not answer.');
    expect(decision).to.deep.equal({ allowed: false, rule: 'unchecked', message: 'Compliance check: Salesforce did not answer, so the number could not be checked. The call was not placed.' });
  });

  it('gives a blocked decision as the error the agent sees: the rule\'s code, the rule in its detail', () => {
    const decision = checkOutbound(call('+19005550100', 'US'), { ...OPEN, blockList: [{ pattern: '+1900*', label: '' }] }, AT);
    if (decision.allowed) throw new Error('expected a block');
    const error = blockedCallError(decision);
    expect([error.code, error.detail['rule']]).to.deep.equal(['CALL_BLOCKED_BLOCK_LIST', 'block-list']);
  });

  it('matches an entry exactly, or by its prefix when it ends in *', () => {
    expect(matchesListed('+14155550100', { pattern: '+14155550100', label: '' })).to.equal(true);
    expect(matchesListed('+141555501001', { pattern: '+14155550100', label: '' })).to.equal(false);
    expect(matchesListed('+14155550100', { pattern: '+1415*', label: '' })).to.equal(true);
    expect(matchesListed('+14165550100', { pattern: '+1415*', label: '' })).to.equal(false);
  });
});
