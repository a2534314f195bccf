import { expect } from '@open-wc/testing';
import { isContactPadError } from '../model/errors.ts';
import { loadJsforce } from './jsforce-loader.ts';
import { TEST_JSFORCE_URL } from '../../test-support/fake-org.ts';
import { rejectionOf } from '../../test-support/thrown.ts';

declare const describe: (title: string, body: () => void) => void;
declare const it: (title: string, body: () => void | Promise<void>) => void;

// Runs in its own page: nothing else here loads jsforce first.
describe('loading jsforce on demand', () => {
  it('is not loaded until asked for', () => {
    expect((globalThis as { jsforce?: unknown }).jsforce).to.equal(undefined);
  });

  it('reports a library that cannot be loaded as Salesforce unavailable, then loads from a good URL', async () => {
    const error = await rejectionOf(loadJsforce('/node_modules/jsforce/dist/no-such-file.js'));
    expect(isContactPadError(error, 'CRM_UNAVAILABLE')).to.equal(true);
    const jsforce = await loadJsforce(TEST_JSFORCE_URL);
    expect(typeof jsforce.Connection).to.equal('function');
  });
});
