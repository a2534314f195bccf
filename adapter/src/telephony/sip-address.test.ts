import { expect } from '@open-wc/testing';
import { dialableNumber } from '../model/dial-input.ts';
import { addressOfRecord } from './phone-config.ts';
import { sipTarget } from './sip-address.ts';

const DOMAIN = 'sip.example.com';

function address(target: string): string | undefined {
  return sipTarget(target, DOMAIN)?.toString();
}

describe('SIP addresses: what the agent dials or transfers to', () => {
  it('sends a phone number on the agent\'s domain, without the punctuation people type', () => {
    expect(address('+1 (555) 010-2030')).to.equal(`sip:+15550102030@${DOMAIN}`);
    expect(address('555.010.2030')).to.equal(`sip:5550102030@${DOMAIN}`);
    expect(address('  0049 30 1234567 ')).to.equal(`sip:0049301234567@${DOMAIN}`);
    expect(address('*72')).to.equal(`sip:*72@${DOMAIN}`);
  });

  it('reads a number by the dial box\'s rule (model/dial-input.ts), so a number the dial box takes is the number dialled', () => {
    for (const typed of ['+1 (415) 555-0100', ' 415.555.0100 ', '*72', '#31#4155550100', '100', '9'.repeat(32)]) {
      const number = dialableNumber(typed);
      expect(number, typed).to.be.a('string');
      expect(address(typed), typed).to.equal(`sip:${number!.replace(/#/g, '%23')}@${DOMAIN}`);
    }
  });

  it('escapes # in a number (it would start a URI fragment)', () => {
    expect(address('1234#')).to.equal(`sip:1234%23@${DOMAIN}`);
  });

  it('sends a SIP user part on the agent\'s domain', () => {
    expect(address('jordan.lee')).to.equal(`sip:jordan.lee@${DOMAIN}`);
    expect(address('agent-7_b')).to.equal(`sip:agent-7_b@${DOMAIN}`);
  });

  it('takes a colleague\'s address written without sip: as a sip: address on its own domain', () => {
    expect(address('jordan.lee@pbx.example.org')).to.equal('sip:jordan.lee@pbx.example.org');
  });

  it('keeps a full sip: or sips: address as given', () => {
    expect(address('sip:bob@example.com')).to.equal('sip:bob@example.com');
    expect(address('sips:bob@example.com:5061')).to.equal('sips:bob@example.com:5061');
    expect(address('SIP:bob@example.com')).to.match(/^sip:bob@example\.com$/i);
  });

  it('refuses what is none of those', () => {
    for (const target of ['', '   ', 'two words', '<script>', 'sip:', '@example.com', 'a@', 'x'.repeat(300), 'jordan lee@example.com']) {
      expect(address(target), JSON.stringify(target)).to.equal(undefined);
    }
    expect(sipTarget(undefined as unknown as string, DOMAIN)).to.equal(undefined);
  });

  it('makes the agent\'s own address of record from their SIP user and the call center\'s domain', () => {
    expect(addressOfRecord('agent1', DOMAIN)).to.equal(`sip:agent1@${DOMAIN}`);
  });
});
