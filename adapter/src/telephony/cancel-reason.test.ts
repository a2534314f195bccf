import { expect } from '@open-wc/testing';
import { answeredElsewhere } from './cancel-reason.ts';

describe('why a ringing call was cancelled (the CANCEL\'s Reason header, RFC 3326)', () => {
  it('knows a call answered elsewhere: SIP cause 200, in any spacing and case, among other reasons', () => {
    expect(answeredElsewhere('SIP;cause=200;text="Call completed elsewhere"')).to.equal(true);
    expect(answeredElsewhere('sip ; text="Call completed elsewhere" ; Cause = 200')).to.equal(true);
    expect(answeredElsewhere('Q.850;cause=16;text="Normal call clearing", SIP;cause=200')).to.equal(true);
  });

  it('takes anything else for the caller hanging up: no header, another cause, a Q.850 cause 200, a cause inside the text', () => {
    expect(answeredElsewhere(undefined)).to.equal(false);
    expect(answeredElsewhere('')).to.equal(false);
    expect(answeredElsewhere('SIP;cause=487;text="Request Terminated"')).to.equal(false);
    expect(answeredElsewhere('Q.850;cause=200')).to.equal(false);
    expect(answeredElsewhere('SIP;text="cause=200, SIP;cause=200"')).to.equal(false);
    expect(answeredElsewhere('SIP;cause=2000')).to.equal(false);
    expect(answeredElsewhere(`SIP;cause=200;text="${'x'.repeat(1000)}"`)).to.equal(false);
  });
});
