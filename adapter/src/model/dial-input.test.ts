import { expect } from '@open-wc/testing';
import { isContactPadError } from './errors.ts';
import { dialableNumber, isDialableNumber, readDialString } from './dial-input.ts';
import { thrown } from '../../test-support/thrown.ts';

declare const describe: (title: string, body: () => void) => void;
declare const it: (title: string, body: () => void | Promise<void>) => void;

function refusal(typed: string): { code: string; message: string } | undefined {
  const error = thrown(() => readDialString(typed));
  return isContactPadError(error) ? { code: error.code, message: error.message } : undefined;
}

function numberOf(typed: string): string | undefined {
  const read = readDialString(typed);
  return read.kind === 'number' ? read.number : undefined;
}

describe('the dial box', () => {
  it('takes phone numbers as people type them: spaces, dots, dashes, slashes and parentheses go', () => {
    const typed = ['+14155550100', ' +1 (415) 555-0100 ', '415.555.0100', '0044 20 7946 0958', '089/1234567', '*72', '#31#4155550100', '100'];
    expect(typed.map(numberOf)).to.deep.equal(['+14155550100', '+14155550100', '4155550100', '00442079460958', '0891234567', '*72', '#31#4155550100', '100']);
  });

  it('reads full-width digits and a tel: prefix as a number', () => {
    expect(numberOf('＋１ ４１５ ５５５ ０１００')).to.equal('+14155550100');
    expect(numberOf('tel:+1-415-555-0100')).to.equal('+14155550100');
  });

  it('reads the letters of a vanity number as keypad digits (ITU-T E.161) and says so', () => {
    expect(readDialString('1-800-FLOWERS')).to.deep.equal({ kind: 'number', number: '18003569377', extension: '', vanity: true });
    expect(numberOf('+1 555 call now')).to.equal('+15552255669');
    expect(numberOf('1-800-PQRS-WXYZ')).to.equal('180077779999');
  });

  it('sets an extension apart: ext, ext., extension, x and ;ext= (the X of a vanity word is no marker)', () => {
    for (const typed of ['415 555 0100 ext 12', '415-555-0100 ext. 12', '415 555 0100 extension 12', '415.555.0100 x12', 'tel:+14155550100;ext=12']) {
      const read = readDialString(typed);
      expect(read.kind === 'number' && read.extension, typed).to.equal('12');
      expect(read.kind === 'number' && read.number.endsWith('4155550100'), typed).to.equal(true);
    }
    expect(readDialString('1-800-FAX1')).to.deep.equal({ kind: 'number', number: '18003291', extension: '', vanity: true });
  });

  it('takes SIP addresses with their scheme (telephony checks the rest)', () => {
    for (const typed of ['sip:jordan.lee@pbx.example.com', 'SIP:1001@10.0.0.5', 'sips:support@example.com']) {
      expect(readDialString(typed), typed).to.deep.equal({ kind: 'sip', address: typed });
    }
  });

  it('refuses an empty box as an input error, saying to type a number', () => {
    for (const typed of ['', '   \t']) expect(refusal(typed)).to.deep.equal({ code: 'INVALID_INPUT', message: 'Type a number to call.' });
  });

  it('refuses a bare name, a word with a digit or two, an address without its scheme and anything else that is no number, saying what the box takes', () => {
    for (const typed of ['jordan', 'jordan.lee@pbx.example.com', 'call me', '4', '4u', '12 monkeys', '+', '++14155550100', 'ext 12']) {
      const refused = refusal(typed);
      expect(refused?.code, typed).to.equal('INVALID_INPUT');
      expect(refused?.message, typed).to.equal(`Cannot dial "${typed}": type a phone number or a SIP address (sip:user@domain).`);
    }
  });

  it('shows at most 64 characters of what was typed', () => {
    const message = refusal('x'.repeat(300))?.message ?? '';
    expect(message).to.contain(`"${'x'.repeat(64)}…"`);
    expect(message.length).to.be.below(140);
  });

  it('reads a number as telephony does: 2 to 32 digits, * or #, one leading +, once the punctuation is gone', () => {
    expect(['12', '+12', '1'.repeat(32), '(12) 34-56.78'].map(isDialableNumber)).to.deep.equal([true, true, true, true]);
    expect(['1', '1'.repeat(33), '++12', '12+3', '12a', ''].map(isDialableNumber)).to.deep.equal([false, false, false, false, false, false]);
  });

  it('gives the number as it is dialled, the punctuation and spaces gone (telephony builds its SIP address from it)', () => {
    expect([' +1 (415) 555-0100 ', '415.555.0100', '*72', '#31#4155550100'].map(dialableNumber)).to.deep.equal(['+14155550100', '4155550100', '*72', '#31#4155550100']);
    expect(['jordan', 'sip:1001@pbx.example.com', '4', '555-CALL-NOW', ''].map(dialableNumber)).to.deep.equal([undefined, undefined, undefined, undefined, undefined]);
  });
});
