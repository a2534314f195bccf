import { expect, fixture, html } from '@open-wc/testing';
import './cp-notice-list.ts';
import type { CpNoticeList } from './cp-notice-list.ts';
import { HOSTILE_TEXT } from '../test-support/snapshots.ts';
import { deepQueryAll, getByRole, queryAllByRole, recordIntents, shownText } from '../test-support/queries.ts';
import { useAgentLanguage } from './catalogue/catalogue.ts';

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

  it('names the calling record whose outcome Salesforce refused, in English and in Spanish', async () => {
    const refused = {
      id: 7,
      code: 'CALLING_OUTCOME_REFUSED',
      message: 'Sam Carter: Rejected (Spring calls): not written to Salesforce, which refused it (entity is deleted, ENTITY_IS_DELETED). It is not tried again: log it by hand if it still matters, then dismiss this notice.',
      kept: true,
      about: 'Sam Carter: Rejected (Spring calls)',
    };
    const english = await fixture<CpNoticeList>(html`<cp-notice-list .notices=${[refused]}></cp-notice-list>`);
    expect(shownText(getByRole(english, 'alert'))).to.equal(`${refused.message} CALLING_OUTCOME_REFUSED`);
    await useAgentLanguage({ language: 'es', locale: 'es_ES' });
    try {
      const spanish = await fixture<CpNoticeList>(html`<cp-notice-list .notices=${[refused]}></cp-notice-list>`);
      expect(shownText(getByRole(spanish, 'alert'))).to.equal(
        'Sam Carter: Rejected (Spring calls): Salesforce rechazó guardar este resultado de la lista de llamadas y no se reintentará: regístrelo a mano si aún importa y luego descarte este aviso. CALLING_OUTCOME_REFUSED',
      );
    } finally {
      await useAgentLanguage({ language: 'en', locale: 'en_US' });
    }
  });
});
