import { expect } from '@open-wc/testing';
import { readWith as read } from '../../test-support/call-center-settings.ts';
import { DEFAULT_SETTINGS } from './settings.ts';

declare const describe: (title: string, body: () => void) => void;
declare const it: (title: string, body: () => void | Promise<void>) => void;

describe('settings: how keypad tones travel (dtmfMethod)', () => {
  it('sends them in the audio (rfc4733) by default, silently', () => {
    expect(DEFAULT_SETTINGS.dtmfMethod).to.equal('rfc4733');
    for (const value of [undefined, '', '  ']) {
      const { settings, problems } = read({ '/ContactPad/dtmfMethod': value });
      expect(settings.dtmfMethod, String(value)).to.equal('rfc4733');
      expect(problems).to.deep.equal([]);
    }
  });

  it('reads info and rfc4733 as the admin types them', () => {
    expect(read({ '/ContactPad/dtmfMethod': 'info' }).settings.dtmfMethod).to.equal('info');
    expect(read({ '/ContactPad/dtmfMethod': ' INFO ' }).settings.dtmfMethod).to.equal('info');
    expect(read({ '/ContactPad/dtmfMethod': 'RFC4733' }).settings.dtmfMethod).to.equal('rfc4733');
  });

  it('takes the default for anything else, and says so naming the item', () => {
    const { settings, problems } = read({ '/ContactPad/dtmfMethod': 'inband' });
    expect(settings.dtmfMethod).to.equal('rfc4733');
    expect(problems).to.deep.equal(['/ContactPad/dtmfMethod "inband" is not one of rfc4733, info. Using the default rfc4733.']);
  });
});
