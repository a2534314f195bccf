import { expect } from '@open-wc/testing';
import { readWith as read } from '../../test-support/call-center-settings.ts';
import { DEFAULT_SETTINGS } from './settings.ts';

declare const describe: (title: string, body: () => void) => void;
declare const it: (title: string, body: () => void | Promise<void>) => void;

describe('settings: calls the agent places (noAnswerSeconds, failedCallReasons)', () => {
  it('rings a placed call 45 s by default, and takes a whole number of seconds from 5 to 300', () => {
    expect(DEFAULT_SETTINGS.noAnswerSeconds).to.equal(45);
    expect(read({}).settings.noAnswerSeconds).to.equal(45);
    expect(read({ '/ContactPad/noAnswerSeconds': '5' }).settings.noAnswerSeconds).to.equal(5);
    expect(read({ '/ContactPad/noAnswerSeconds': ' 300 ' }).settings.noAnswerSeconds).to.equal(300);
  });

  it('takes the default ring time for a value out of range or not a number, naming the item', () => {
    for (const value of ['0', '4', '301', '2.5', 'forever']) {
      const { settings, problems } = read({ '/ContactPad/noAnswerSeconds': value });
      expect(settings.noAnswerSeconds, value).to.equal(45);
      expect(problems, value).to.have.length(1);
      expect(problems[0], value).to.contain('/ContactPad/noAnswerSeconds').and.contain('from 5 to 300');
    }
  });

  it('reads the failed-call reasons as a comma-separated list, trimmed and once each; an empty list takes the default', () => {
    expect(read({ '/ContactPad/failedCallReasons': ' Busy line , Wrong number,busy line ;Voicemail ' }).settings.failedCallReasons).to.deep.equal(['Busy line', 'Wrong number', 'Voicemail']);
    expect(read({}).settings.failedCallReasons).to.deep.equal(['Try again later', 'Wrong number', 'Number not in service', 'Customer asked not to be called']);
    const { settings, problems } = read({ '/ContactPad/failedCallReasons': ' , ; ' });
    expect(settings.failedCallReasons).to.deep.equal(DEFAULT_SETTINGS.failedCallReasons);
    expect(problems).to.have.length(1);
  });
});
