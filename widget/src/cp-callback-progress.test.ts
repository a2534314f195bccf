import { expect, fixture, html } from '@open-wc/testing';
import './cp-callback-progress.ts';
import type { CpCallbackProgress } from './cp-callback-progress.ts';
import type { DeviceCallbackView } from '../../adapter/src/store.ts';
import { getByRole, shownText } from '../test-support/queries.ts';

const DESK_PHONE = { contact: 'sip:agent1-0x5@127.0.0.1:47160', kind: 'phone', where: '127.0.0.1:47160' } as const;

async function progress(shown: DeviceCallbackView): Promise<CpCallbackProgress> {
  const element = await fixture<CpCallbackProgress>(html`<cp-callback-progress .progress=${shown}></cp-callback-progress>`);
  await element.updateComplete;
  return element;
}

describe('<cp-callback-progress>', () => {
  it('says each step of a callback through the agent\'s device, and which device, as a status that is announced', async () => {
    const element = await progress({ device: DESK_PHONE, step: 'ringing-device' });
    expect(shownText(getByRole(element, 'status'))).to.equal('Ringing your device… · Your phone at 127.0.0.1:47160');
    element.progress = { device: DESK_PHONE, step: 'calling-customer' };
    await element.updateComplete;
    expect(shownText(getByRole(element, 'status'))).to.equal('Calling the customer from your device… · Your phone at 127.0.0.1:47160');
    element.progress = { device: DESK_PHONE, step: 'connected' };
    await element.updateComplete;
    expect(shownText(getByRole(element, 'status'))).to.equal('Connected on your device · Your phone at 127.0.0.1:47160');
  });

  it('a failed callback says why', async () => {
    const element = await progress({ device: { contact: 'sip:k3@x.invalid;transport=ws', kind: 'browser', where: '' }, step: 'failed', reason: 'Your device did not pick up within 30 s.' });
    expect(shownText(getByRole(element, 'status'))).to.equal('Callback failed: Your device did not pick up within 30 s. · Another browser of yours');
  });
});
