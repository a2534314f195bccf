import { expect } from '@open-wc/testing';
import { ContactPadError, ERROR_CATALOGUE, isContactPadError, type ErrorCode } from './errors.ts';

declare const describe: (title: string, body: () => void) => void;
declare const it: (title: string, body: () => void | Promise<void>) => void;

describe('error catalogue', () => {
  it('gives every code a description, at least one likely cause and a fix a support engineer can act on', () => {
    const codes = Object.keys(ERROR_CATALOGUE) as ErrorCode[];
    expect(codes.length).to.be.greaterThan(0);
    for (const code of codes) {
      const entry = ERROR_CATALOGUE[code];
      expect(code, code).to.match(/^[A-Z][A-Z_]+$/);
      expect(entry.description.trim(), `${code} description`).to.not.equal('');
      expect(entry.causes.length, `${code} causes`).to.be.greaterThan(0);
      for (const cause of entry.causes) expect(cause.trim(), `${code} cause`).to.not.equal('');
      expect(entry.fix.trim(), `${code} fix`).to.not.equal('');
    }
  });

  it('holds the codes the state machines and settings throw', () => {
    for (const code of ['INVALID_TRANSITION', 'INTERACTION_CLOSED', 'INVALID_AGENT_STATE_CHOICE', 'INVALID_INTERACTION', 'INVALID_CONFIGURATION']) {
      expect(ERROR_CATALOGUE, code).to.have.property(code);
    }
  });

  it('gives every error a stable code that isContactPadError can match', () => {
    const error = new ContactPadError('CRM_UNAVAILABLE', 'Salesforce did not answer');
    expect(error).to.be.instanceOf(Error);
    expect(error.name).to.equal('ContactPadError');
    expect(error.message).to.equal('Salesforce did not answer');
    expect(error.code).to.equal('CRM_UNAVAILABLE');
    expect(isContactPadError(error)).to.equal(true);
    expect(isContactPadError(error, 'CRM_UNAVAILABLE')).to.equal(true);
    expect(isContactPadError(error, 'CRM_SESSION_EXPIRED')).to.equal(false);
  });

  it('does not take a plain Error or a string for a ContactPad error', () => {
    expect(isContactPadError(new Error('boom'))).to.equal(false);
    expect(isContactPadError('CRM_UNAVAILABLE')).to.equal(false);
    expect(isContactPadError({ code: 'CRM_UNAVAILABLE', message: 'x' })).to.equal(false);
    expect(isContactPadError(undefined)).to.equal(false);
  });

  it('keeps the cause and frozen detail facts for the log', () => {
    const cause = new Error('HTTP 503');
    const error = new ContactPadError('CRM_UNAVAILABLE', 'Salesforce is unavailable', { cause, detail: { status: 503, errorCode: 'SERVER_UNAVAILABLE' } });
    expect(error.cause).to.equal(cause);
    expect(error.detail).to.deep.equal({ status: 503, errorCode: 'SERVER_UNAVAILABLE' });
    expect(Object.isFrozen(error.detail)).to.equal(true);
  });

  it('has no cause and empty detail when none were given', () => {
    const error = new ContactPadError('SIP_CALL_FAILED', 'The call failed');
    expect(error.cause).to.equal(undefined);
    expect(error.detail).to.deep.equal({});
  });
});
