import { expect } from '@open-wc/testing';
import { ContactPadError, isContactPadError } from './errors.ts';

describe('error catalogue', () => {
  it('gives every error a stable code', () => {
    const error = new ContactPadError('CRM_UNAVAILABLE', 'Salesforce did not answer');
    expect(isContactPadError(error, 'CRM_UNAVAILABLE')).to.equal(true);
    expect(isContactPadError(error, 'CRM_SESSION_EXPIRED')).to.equal(false);
  });
});
