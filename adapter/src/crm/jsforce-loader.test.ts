import { expect } from '@open-wc/testing';
import { isContactPadError } from '../model/errors.ts';
import { loadJsforce } from './jsforce-loader.ts';
import { rejectionOf } from '../../test-support/thrown.ts';

declare const describe: (title: string, body: () => void) => void;
declare const it: (title: string, body: () => void | Promise<void>) => void;

// In this order, in a page of its own: once jsforce has loaded, every later call gets it.
describe('loading jsforce on demand', () => {
  it('reports a library that cannot be loaded, or is not jsforce, as Salesforce unavailable', async () => {
    const unreachable = await rejectionOf(loadJsforce(() => Promise.reject(new TypeError('Failed to fetch dynamically imported module'))));
    expect(isContactPadError(unreachable, 'CRM_UNAVAILABLE')).to.equal(true);
    expect(String((unreachable as Error).message)).to.contain('Failed to fetch');
    const wrong = await rejectionOf(loadJsforce(() => Promise.resolve({ Connection: undefined })));
    expect(isContactPadError(wrong, 'CRM_UNAVAILABLE')).to.equal(true);
  });

  it('loads the bundled jsforce when asked again, and its Connection speaks the API version it is given', async () => {
    const jsforce = await loadJsforce();
    expect(typeof jsforce.Connection).to.equal('function');
    const connection = new jsforce.Connection({ instanceUrl: 'https://acme.my.salesforce.com', accessToken: '00Dxx!token', version: '68.0' });
    expect(connection.version).to.equal('68.0');
  });
});
