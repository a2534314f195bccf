import { expect } from '@open-wc/testing';
import { ContactPadError } from '../model/errors.ts';
import { testDesks } from '../../test-support/desk-rig.ts';

describe('the notice desk: the Salesforce session', () => {
  it('says once that the Salesforce session expired, and takes it back when Salesforce answers again', () => {
    const desks = testDesks();
    const expired = new ContactPadError('CRM_SESSION_EXPIRED', 'Your Salesforce session expired, so ContactPad cannot save activity to Salesforce right now.');
    desks.notices.notify(new ContactPadError('CRM_UNAVAILABLE', 'Salesforce did not answer.'));
    desks.notices.salesforceSession('expired', expired);
    desks.notices.salesforceSession('expired', expired);
    const notices = () => desks.store.snapshot.notices.map((n) => [n.code, n.message]);
    expect(notices(), 'one session notice, however often it is said').to.deep.equal([
      ['CRM_UNAVAILABLE', 'Salesforce did not answer.'],
      ['CRM_SESSION_EXPIRED', expired.message],
    ]);
    desks.notices.salesforceSession('working');
    expect(notices(), 'only the session notice goes').to.deep.equal([['CRM_UNAVAILABLE', 'Salesforce did not answer.']]);
  });
});
