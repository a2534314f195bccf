import { expect } from '@open-wc/testing';
import { ContactPadError } from '../model/errors.ts';
import { toContactPadError } from './salesforce-error.ts';

declare const describe: (title: string, body: () => void) => void;
declare const it: (title: string, body: () => void | Promise<void>) => void;

/** The error jsforce throws for a REST error body: name and errorCode from the body, the body as data. */
function jsforceError(errorCode: string, message: string): Error {
  const error = new Error(message) as Error & { errorCode: string; data: unknown };
  error.name = errorCode;
  error.errorCode = errorCode;
  error.data = { message, errorCode };
  return error;
}

describe('Salesforce failures as ContactPad errors', () => {
  it('reads INVALID_SESSION_ID (401) as an expired session', () => {
    const error = toContactPadError(jsforceError('INVALID_SESSION_ID', 'Session expired or invalid'), { status: 401 });
    expect(error.code).to.equal('CRM_SESSION_EXPIRED');
    expect(error.detail).to.deep.equal({ errorCode: 'INVALID_SESSION_ID', status: 401 });
  });

  it('reads REQUEST_LIMIT_EXCEEDED as the API limit', () => {
    const error = toContactPadError(jsforceError('REQUEST_LIMIT_EXCEEDED', 'TotalRequests Limit exceeded.'), { status: 403 });
    expect(error.code).to.equal('CRM_REQUEST_LIMIT');
  });

  it('reads any 5xx as Salesforce unavailable, whatever the body', () => {
    expect(toContactPadError(jsforceError('SERVER_UNAVAILABLE', 'down'), { status: 503 }).code).to.equal('CRM_UNAVAILABLE');
    expect(toContactPadError(jsforceError('ERROR_HTTP_502', '<html>Bad gateway</html>')).code).to.equal('CRM_UNAVAILABLE');
    const maintenance = toContactPadError(jsforceError('ERROR_HTTP_503', '<html><body>Maintenance</body></html>'));
    expect(maintenance.message).to.not.contain('<html>');
  });

  it('reads a failed fetch (no answer at all) as Salesforce unavailable', () => {
    const error = toContactPadError(new TypeError('Failed to fetch'));
    expect(error.code).to.equal('CRM_UNAVAILABLE');
    expect(error.detail['reason']).to.equal('network');
  });

  it('reads other Salesforce errors as a rejected request, keeping the errorCode', () => {
    const error = toContactPadError(jsforceError('MALFORMED_SEARCH', 'No search term found.'), { status: 400 });
    expect(error.code).to.equal('CRM_REQUEST_REJECTED');
    expect(error.detail['errorCode']).to.equal('MALFORMED_SEARCH');
  });

  it('takes the first of several errors Salesforce returned together', () => {
    const several = Object.assign(new Error('Multiple errors returned.'), {
      errorCode: 'MULTIPLE_API_ERRORS',
      data: [
        { message: 'bad field', errorCode: 'INVALID_FIELD' },
        { message: 'bad type', errorCode: 'INVALID_TYPE' },
      ],
    });
    expect(toContactPadError(several, { status: 400 }).detail['errorCode']).to.equal('INVALID_FIELD');
  });

  it('passes a ContactPadError through unchanged', () => {
    const timeout = new ContactPadError('CRM_UNAVAILABLE', 'timed out', { detail: { reason: 'timeout' } });
    expect(toContactPadError(timeout)).to.equal(timeout);
  });
});
