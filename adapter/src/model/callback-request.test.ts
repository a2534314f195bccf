/**
 * The callback request table (seed 001 outcome rules, seed 003 queuing) and the callback leg's
 * outcome read from the platform's BYE (RFC 3326 Reason).
 */
import { expect } from '@open-wc/testing';
import { ContactPadError } from './errors.ts';
import { callbackLegOutcome, canTransitionCallback, isCallbackClosed, newCallback, transitionCallback, type CallbackState } from './callback-request.ts';

function through(state: CallbackState, ...events: Parameters<typeof transitionCallback>[1][]): CallbackState {
  return events.reduce(transitionCallback, state);
}

describe('a callback request', () => {
  it('answered or voicemail completes it; each counts as an attempt', () => {
    const done = through(newCallback(), { type: 'offer' }, { type: 'start' }, { type: 'connected', outcome: 'voicemail' });
    expect(done).to.deep.equal({ status: 'completed', attempts: 1, outcome: 'voicemail', reason: '' });
    expect(isCallbackClosed(done.status)).to.equal(true);
  });

  it('not connected keeps it waiting with the attempt and reason; the attempt limit makes it Failed', () => {
    const limit = 3;
    const attempt = (state: CallbackState) =>
      through(state, { type: 'offer' }, { type: 'start' }, { type: 'not-connected', outcome: 'no-answer', reason: 'No answer (480 Temporarily Unavailable)', attemptLimit: limit });
    const first = attempt(newCallback());
    expect(first).to.deep.equal({ status: 'waiting', attempts: 1, outcome: 'no-answer', reason: 'No answer (480 Temporarily Unavailable)' });
    expect(attempt(first).status).to.equal('waiting');
    expect(attempt(attempt(first))).to.include({ status: 'failed', attempts: 3 });
  });

  it('blocked by a compliance rule: kept waiting, no attempt counted, the rule kept as the reason', () => {
    const blocked = through(newCallback(), { type: 'offer' }, { type: 'blocked', reason: 'Calling hours: it is 01:00 for the recipient' });
    expect(blocked).to.deep.equal({ status: 'waiting', attempts: 0, outcome: 'blocked', reason: 'Calling hours: it is 01:00 for the recipient' });
  });

  it('a reject offers it again; a duplicate, a cancelled or a followed-up request is closed', () => {
    expect(through(newCallback(), { type: 'offer' }, { type: 'reject' }).status).to.equal('waiting');
    expect(through(newCallback(), { type: 'duplicate', of: 'a0X1' })).to.include({ status: 'duplicate', reason: 'Duplicate of a0X1' });
    expect(through(newCallback(true), { type: 'cancel' }).status).to.equal('cancelled');
    expect(through(newCallback(), { type: 'follow-up' }).status).to.equal('follow-up');
    expect(through(newCallback(), { type: 'schedule' }, { type: 'offer' }).status).to.equal('offered');
  });

  it('refuses what the table does not allow: a second start (another agent was first), a move after the end', () => {
    const started = through(newCallback(), { type: 'offer' }, { type: 'start' });
    expect(canTransitionCallback(started.status, 'start')).to.equal(false);
    const error = (() => {
      try {
        transitionCallback(started, { type: 'start' });
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).to.be.instanceOf(ContactPadError);
    expect((error as ContactPadError).code).to.equal('CALLBACK_NOT_ALLOWED');
    expect(() => transitionCallback(through(newCallback(), { type: 'cancel' }), { type: 'offer' })).to.throw(/cancelled callback request/);
    expect(() => transitionCallback(newCallback(), { type: 'connected', outcome: 'answered' })).to.throw(ContactPadError);
  });
});

describe('the callback leg\'s outcome (the BYE\'s Reason, RFC 3326)', () => {
  it('no Reason, cause 200: answered; text "Voicemail": voicemail', () => {
    expect(callbackLegOutcome(undefined, 3)).to.deep.equal({ type: 'connected', outcome: 'answered' });
    expect(callbackLegOutcome('SIP;cause=200;text="Call completed elsewhere"', 3)).to.deep.equal({ type: 'connected', outcome: 'answered' });
    expect(callbackLegOutcome('SIP ;cause=200 ;text="Voicemail"', 3)).to.deep.equal({ type: 'connected', outcome: 'voicemail' });
  });

  it('a failure cause: busy, no answer, failed, in words', () => {
    expect(callbackLegOutcome('SIP;cause=486;text="Busy Here"', 3)).to.deep.equal({ type: 'not-connected', outcome: 'busy', reason: 'Busy (486 Busy Here)', attemptLimit: 3 });
    expect(callbackLegOutcome('sip;cause=408', 2)).to.include({ outcome: 'no-answer', attemptLimit: 2 });
    expect(callbackLegOutcome('SIP;cause=503', 3)).to.include({ outcome: 'failed', reason: 'Call failed (503 Service Unavailable)' });
  });

  it('a malformed or foreign Reason reads as reached: only the platform says it was not', () => {
    for (const header of ['', 'garbage', 'Q.850;cause=17', 'SIP;cause=abc', 'SIP;cause=4860']) {
      expect(callbackLegOutcome(header, 3), header).to.deep.equal({ type: 'connected', outcome: 'answered' });
    }
  });
});
