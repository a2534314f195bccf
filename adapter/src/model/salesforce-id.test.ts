import { expect } from '@open-wc/testing';
import { isSalesforceId, keyPrefixOf, salesforceId15, sameSalesforceId } from './salesforce-id.ts';

declare const describe: (title: string, body: () => void) => void;
declare const it: (title: string, body: () => void | Promise<void>) => void;

describe('Salesforce ids', () => {
  it('takes 15 case-sensitive or 18 case-safe letters and digits, nothing else', () => {
    expect(isSalesforceId('00Q5g0000000ScR')).to.equal(true);
    expect(isSalesforceId('00Q5g0000000ScRAAA')).to.equal(true);
    for (const bad of ['', '00Q5g0000000Sc', '00Q5g0000000ScRA', '00Q5g0000000ScRAA', '00Q5g0000000ScRAAAA', '00Q5g0000000Sc-', "00Q5g0000'; DROP", ' 00Q5g0000000ScR', 42, null, undefined, {}]) {
      expect(isSalesforceId(bad), String(bad)).to.equal(false);
    }
  });

  it('checks the key prefix when one is given, case-sensitively', () => {
    expect(isSalesforceId('005000000000001AAA', '005')).to.equal(true);
    expect(isSalesforceId('003000000000001AAA', '005')).to.equal(false);
    expect(isSalesforceId('00T000000000001', '00T')).to.equal(true);
    expect(isSalesforceId('00t000000000001', '00T')).to.equal(false);
    expect(isSalesforceId('00T', '00T')).to.equal(false);
  });

  it('reads the key prefix of an id, and none of anything else', () => {
    expect(keyPrefixOf('500000000000001AAA')).to.equal('500');
    expect(keyPrefixOf('0Mw000000000001')).to.equal('0Mw');
    expect(keyPrefixOf('500')).to.equal('');
    expect(keyPrefixOf(undefined)).to.equal('');
  });

  it('compares the 15- and 18-character forms of an id as the same record, and case matters', () => {
    expect(salesforceId15('0N5000000000001CAA')).to.equal('0N5000000000001');
    expect(salesforceId15('0N5000000000001')).to.equal('0N5000000000001');
    expect(sameSalesforceId('0N5000000000001CAA', '0N5000000000001')).to.equal(true);
    expect(sameSalesforceId('0N5000000000001CAA', '0N5000000000001CAA')).to.equal(true);
    expect(sameSalesforceId('0N5000000000001CAA', '0N5000000000002CAA')).to.equal(false);
    expect(sameSalesforceId('001000000000abc', '001000000000ABC')).to.equal(false);
  });
});
