import { expect } from '@open-wc/testing';
import { isSameNumber, searchableNumbers } from './phone-number.ts';

declare const describe: (title: string, body: () => void) => void;
declare const it: (title: string, body: () => void | Promise<void>) => void;

describe('searchableNumbers: the forms a caller number is searched by', () => {
  it('gives the E.164 digits and the national digits of a North American number', () => {
    expect(searchableNumbers('+1 415 555 0100', 'US')).to.deep.equal(['14155550100', '4155550100']);
  });

  it('reads the same number whatever its punctuation: spaces, dots, dashes, parentheses', () => {
    const forms = ['(415) 555-0100', '415.555.0100', '415-555-0100', '4155550100', '+1 (415) 555-0100', '1-415-555-0100', ' 415 / 555 0100 '];
    for (const raw of forms) expect(searchableNumbers(raw, 'US'), raw).to.deep.equal(['14155550100', '4155550100']);
  });

  it('reads a leading 00 as the international prefix, even for a North American agent', () => {
    expect(searchableNumbers('0044 20 7946 0018', 'US')).to.deep.equal(['442079460018', '2079460018', '02079460018']);
  });

  it("reads North America's 011 international prefix for a US agent", () => {
    expect(searchableNumbers('011 44 20 7946 0018', 'US')).to.deep.equal(['442079460018', '2079460018', '02079460018']);
  });

  it('adds the national dialling form with its trunk prefix where the country has one (UK 0)', () => {
    expect(searchableNumbers('020 7946 0018', 'GB')).to.deep.equal(['442079460018', '2079460018', '02079460018']);
    expect(searchableNumbers('+44 (0)20 7946 0018', 'US')).to.deep.equal(['442079460018', '2079460018', '02079460018']);
  });

  it('drops an extension, however it is written', () => {
    for (const raw of ['415-555-0100 ext. 12', '415 555 0100 x7', '4155550100x7', '+1 415 555 0100;ext=12', '415 555 0100 extension 99', '415 555 0100 #123']) {
      expect(searchableNumbers(raw, 'US'), raw).to.deep.equal(['14155550100', '4155550100']);
    }
  });

  it('refuses letters, vanity numbers included, rather than searching a stranger', () => {
    expect(searchableNumbers('1-800-FLOWERS', 'US')).to.deep.equal([]);
    expect(searchableNumbers('anonymous', 'US')).to.deep.equal([]);
    expect(searchableNumbers('Restricted', 'US')).to.deep.equal([]);
    expect(searchableNumbers('415555O100', 'US')).to.deep.equal([]);
  });

  it('gives nothing for an empty or blank number', () => {
    expect(searchableNumbers('', 'US')).to.deep.equal([]);
    expect(searchableNumbers('   ', 'US')).to.deep.equal([]);
    expect(searchableNumbers('+', 'US')).to.deep.equal([]);
  });

  it('gives nothing for fewer than 7 digits (an internal extension, a short code)', () => {
    expect(searchableNumbers('2001', 'US')).to.deep.equal([]);
    expect(searchableNumbers('55-01-00', 'US')).to.deep.equal([]);
  });

  it('gives nothing for more digits than E.164 allows (15)', () => {
    expect(searchableNumbers('+1 415 555 0100 1234 5', 'US')).to.deep.equal([]);
    expect(searchableNumbers('1234567890123456', 'US')).to.deep.equal([]);
  });

  it('searches a 7-digit local number as dialled', () => {
    expect(searchableNumbers('555-0100', 'US')).to.deep.equal(['5550100']);
  });

  it('still searches the digits of a number with an unknown country code', () => {
    expect(searchableNumbers('+999 1234 5678', 'US')).to.deep.equal(['99912345678']);
  });

  it('ignores an unknown default country and still reads international numbers', () => {
    expect(searchableNumbers('+1 415 555 0100', 'XX')).to.deep.equal(['14155550100', '4155550100']);
    expect(searchableNumbers('415 555 0100', '')).to.deep.equal(['4155550100']);
  });

  it('accepts a lower-case default country and a tel: URI', () => {
    expect(searchableNumbers('tel:+33-6-12-34-56-78', 'fr')).to.deep.equal(['33612345678', '612345678', '0612345678']);
  });

  it('strips SOSL reserved characters and other symbols around the digits', () => {
    expect(searchableNumbers('{415} 555*0100?', 'US')).to.deep.equal(['14155550100', '4155550100']);
  });
});

describe('isSameNumber: which stored phone value is the caller', () => {
  const caller = searchableNumbers('+1 415 555 0100', 'US');
  const uk = searchableNumbers('+44 20 7946 0958', 'US');

  it('matches the same number stored in any format', () => {
    for (const stored of ['(415) 555-0100', '+1 415-555-0100', '415.555.0100', '1-415-555-0100', '001 415 555 0100', '4155550100 ext. 12', 'tel:+14155550100']) {
      expect(isSameNumber(stored, caller, 'US'), stored).to.equal(true);
    }
    expect(isSameNumber('020 7946 0958', uk, 'US')).to.equal(true);
    expect(isSameNumber('+44 20 7946 0958', uk, 'US')).to.equal(true);
  });

  it('does not match another number, a blank or a non-text value', () => {
    for (const stored of ['(415) 555-0101', '', null, undefined, 4155550100, '555-0100']) {
      expect(isSameNumber(stored, caller, 'US'), String(stored)).to.equal(false);
    }
  });

  it('does not take a number with another country code for a national number that ends the same', () => {
    expect(isSameNumber('+1 207 946 0958', uk, 'US')).to.equal(false);
  });

  it('reads the digits of a value with words in it', () => {
    expect(isSameNumber('415-555-0100 (mobile)', caller, 'US')).to.equal(true);
  });
});
