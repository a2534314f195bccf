import { expect } from '@open-wc/testing';
import { readWith as read } from '../../test-support/call-center-settings.ts';
import { DEFAULT_SETTINGS } from './settings.ts';

declare const describe: (title: string, body: () => void) => void;
declare const it: (title: string, body: () => void | Promise<void>) => void;

describe('settings: how long a consult call rings (consultTimeoutSeconds)', () => {
  it('is 30 s by default, and takes a whole number of seconds from 5 to 300', () => {
    expect(DEFAULT_SETTINGS.consultTimeoutSeconds).to.equal(30);
    expect(read({}).settings.consultTimeoutSeconds).to.equal(30);
    expect(read({ '/ContactPad/consultTimeoutSeconds': '5' }).settings.consultTimeoutSeconds).to.equal(5);
    expect(read({ '/ContactPad/consultTimeoutSeconds': ' 300 ' }).settings.consultTimeoutSeconds).to.equal(300);
  });

  it('takes the default for a value out of range or not a number, and says so naming the item', () => {
    for (const value of ['0', '4', '301', '12.5', 'thirty', '-10']) {
      const { settings, problems } = read({ '/ContactPad/consultTimeoutSeconds': value });
      expect(settings.consultTimeoutSeconds, value).to.equal(30);
      expect(problems, value).to.have.length(1);
      expect(problems[0], value).to.contain('/ContactPad/consultTimeoutSeconds').and.contain('from 5 to 300').and.contain('default 30');
    }
  });
});
