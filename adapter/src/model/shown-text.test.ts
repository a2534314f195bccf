import { expect } from '@open-wc/testing';
import { SHOWN_TEXT_MAX, shownText } from './shown-text.ts';

describe('text from Salesforce as the pad shows it', () => {
  it('removes a right-to-left override, so "gpj.exe" cannot show as "exe.jpg" nor reverse what follows it', () => {
    expect(shownText('Invoice \u202egpj.exe')).to.equal('Invoice gpj.exe');
    expect(shownText('\u2067\u202dAnn\u202c\u2069 \u200fSmith\u200e \u061cx')).to.equal('Ann Smith x');
  });

  it('removes control, zero-width and other invisible characters, and makes line breaks and tabs single spaces', () => {
    expect(shownText('A\u0000n\u0007n\u001b\u007f\u0085 \u200bSm\u200c\u200di\u2060th\ufeff\u00ad')).to.equal('Ann Smith');
    expect(shownText('  Printer\r\n\tjams \u2028 again  ')).to.equal('Printer jams again');
  });

  it('keeps markup as the text it is (the widget renders it as text)', () => {
    expect(shownText('<img src=x onerror=alert(1)> & "quotes"')).to.equal('<img src=x onerror=alert(1)> & "quotes"');
  });

  it(`cuts text at ${SHOWN_TEXT_MAX} characters, or the length asked, without splitting an emoji`, () => {
    expect(shownText('a'.repeat(100_000))).to.have.length(SHOWN_TEXT_MAX);
    expect(shownText('ab\ud83d\ude00cd', 3)).to.equal('ab\ud83d\ude00');
  });

  it('gives a number as text, and anything else as blank', () => {
    expect(shownText(42)).to.equal('42');
    for (const value of [undefined, null, {}, ['x'], true]) expect(shownText(value)).to.equal('');
  });
});
