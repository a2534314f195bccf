import { expect } from '@open-wc/testing';
import { CALL_FAILURES, callFailureError, failureOfStatus, noAnswerWithin, withFailedCallReason } from './outbound-failure.ts';
import { ERROR_CATALOGUE, isContactPadError } from './errors.ts';
import { offerInteraction, transitionInteraction } from './interaction-state.ts';
import { thrown } from '../../test-support/thrown.ts';

declare const describe: (title: string, body: () => void) => void;
declare const it: (title: string, body: () => void | Promise<void>) => void;

function placed(direction: 'inbound' | 'outbound' = 'outbound') {
  return offerInteraction({ id: 'call-1', channel: 'voice', direction, callerNumber: '+14155550100' }, 1000);
}

describe('why a placed call did not connect', () => {
  it('reads busy, no answer, declined and invalid number from the final response, with the status in words', () => {
    const kinds = [486, 600, 480, 408, 603, 404, 484, 410, 604, 503].map((status) => failureOfStatus(status).kind);
    expect(kinds).to.deep.equal(['busy', 'busy', 'no-answer', 'no-answer', 'declined', 'invalid-number', 'invalid-number', 'invalid-number', 'invalid-number', 'other']);
    expect(failureOfStatus(486)).to.deep.equal({ kind: 'busy', detail: 'Busy (486 Busy Here)', statusCode: 486 });
    expect(failureOfStatus(484).detail).to.equal('Number not valid (484 Address Incomplete)');
    expect(failureOfStatus(499).detail).to.equal('Call failed (499)');
  });

  it('says a call nobody answered within the ring time was not answered', () => {
    expect(noAnswerWithin(30)).to.deep.equal({ kind: 'no-answer', detail: 'No answer within 30 s' });
  });

  it('tells the agent with a stable code per kind, each catalogued', () => {
    for (const { code } of Object.values(CALL_FAILURES)) expect(Object.hasOwn(ERROR_CATALOGUE, code), code).to.equal(true);
    const error = callFailureError(failureOfStatus(603), 'Maria Lopez');
    expect([error.code, error.message, error.detail['statusCode']]).to.deep.equal(['CALL_DECLINED', 'Call to Maria Lopez not connected: Declined (603 Decline).', 603]);
  });

  it('records the agent\'s reason for a failed outbound call as its disposition', () => {
    const failed = transitionInteraction(placed(), 'failed', 2000, { detail: 'Busy (486 Busy Here)' });
    expect(withFailedCallReason(failed, '  Try again   later ').disposition).to.equal('Try again later');
  });

  it('refuses a reason for anything but a failed outbound call, and a blank reason', () => {
    const ringing = placed();
    const connected = transitionInteraction(ringing, 'connected', 2000);
    const inboundFailed = transitionInteraction(placed('inbound'), 'failed', 2000);
    for (const interaction of [ringing, connected, inboundFailed]) {
      const error = thrown(() => withFailedCallReason(interaction, 'Wrong number'));
      expect(isContactPadError(error, 'INTERACTION_CLOSED'), interaction.state).to.equal(true);
    }
    const failed = transitionInteraction(ringing, 'failed', 2000);
    expect(isContactPadError(thrown(() => withFailedCallReason(failed, '   ')), 'INVALID_INPUT')).to.equal(true);
  });
});
