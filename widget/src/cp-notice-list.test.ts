import { expect, fixture, html } from '@open-wc/testing';
import './cp-notice-list.ts';
import type { CpNoticeList } from './cp-notice-list.ts';
import { HOSTILE_TEXT } from '../test-support/snapshots.ts';
import { deepQueryAll, getByRole, queryAllByRole, recordIntents, shownText } from '../test-support/queries.ts';

describe('<cp-notice-list>', () => {
  it('shows each notice with its code and lets the agent dismiss it', async () => {
    const element = await fixture<CpNoticeList>(
      html`<cp-notice-list
        .notices=${[
          { id: 1, code: 'CRM_SESSION_EXPIRED', message: 'Salesforce session expired. Reload the console.' },
          { id: 2, code: 'MEDIA_UNAVAILABLE', message: 'Microphone blocked.' },
        ]}
      ></cp-notice-list>`,
    );
    expect(queryAllByRole(element, 'alert').map(shownText)).to.deep.equal([
      'Salesforce session expired. Reload the console. CRM_SESSION_EXPIRED',
      'Microphone blocked. MEDIA_UNAVAILABLE',
    ]);
    const fired = recordIntents(element);
    getByRole(element, 'button', { name: 'Dismiss: Microphone blocked.' }).click();
    expect(fired.intents).to.deep.equal([{ type: 'dismiss-notice', noticeId: 2 }]);
  });

  it('renders markup in a message as text', async () => {
    const element = await fixture<CpNoticeList>(html`<cp-notice-list .notices=${[{ id: 1, code: 'X', message: HOSTILE_TEXT }]}></cp-notice-list>`);
    expect(shownText(element)).to.contain(HOSTILE_TEXT);
    expect(deepQueryAll(element, 'img')).to.have.length(0);
  });
});
