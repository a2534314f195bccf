import { expect } from '@open-wc/testing';
import { SessionState, type Session } from 'sip.js';
import { Phone } from './phone.ts';
import { Customer, RecordingListener, sipServer, uniqueUser, withSuiteCredentials } from '../../test-support/sip-calls.ts';
import { waitFor } from '../../test-support/wait-for.ts';

/*
 * The page going (pagehide: a reload, a closed tab) through the real SIP server: Phone.leave()
 * sends what ends each call for the far end and removes the registration, without waiting.
 */

/** The BYEs the far end of a session receives (each answered 200, as sip.js would). */
function byesAt(session: Session): string[] {
  const byes: string[] = [];
  session.delegate = {
    ...session.delegate,
    onBye: (bye) => {
      byes.push(bye.request.method);
      void bye.accept();
    },
  };
  return byes;
}

describe('Phone.leave: the page goes', () => {
  let cleanup: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const step of cleanup.reverse()) await step().catch(() => undefined);
    cleanup = [];
  });

  async function setup() {
    const { wsUrl } = await sipServer();
    const agent = uniqueUser('agent');
    const listener = new RecordingListener();
    const aor = `sip:${agent}@127.0.0.1`;
    const phone = new Phone({ serverUrl: wsUrl, aor }, listener, withSuiteCredentials(aor));
    phone.start();
    await listener.connectionState('registered');
    const customer = new Customer(wsUrl, `+1555${Math.floor(1_000_000 + Math.random() * 8_999_999)}`);
    await customer.start();
    cleanup.push(() => phone.stop(), () => customer.stop());
    return { phone, listener, customer, agent };
  }

  it('hangs up an answered call (the customer gets a BYE) and unregisters: the next call to the agent finds nobody', async () => {
    const { phone, listener, customer, agent } = await setup();
    const { inviter, finalStatus } = customer.call(agent, ['X-CP-Interaction-Id: int-leave-1']);
    const offer = await listener.offer();
    await phone.accept(offer.callId);
    expect(await finalStatus).to.equal(200);
    await waitFor('the customer to be connected', () => inviter.state === SessionState.Established);
    // The call is up both ways (its media flows: the customer's ACK is long in); a BYE may not go before that ACK (RFC 3261 15).
    await waitFor('media at the agent', async () => (await phone.mediaStats('int-leave-1')).bytesReceived > 0);
    const byes = byesAt(inviter);

    phone.leave();
    expect(await listener.endOf('int-leave-1')).to.deep.equal({ reason: 'released' });
    await waitFor('the BYE at the customer', () => byes.length > 0);
    expect(byes).to.deep.equal(['BYE']);
    expect(inviter.state).to.equal(SessionState.Terminated);

    const next = customer.call(agent, ['X-CP-Interaction-Id: int-leave-2']);
    expect(await next.finalStatus, 'no binding left for the agent').to.equal(404);
  });

  it('refuses a call still ringing (Busy Here: the platform offers it to another agent)', async () => {
    const { phone, listener, customer, agent } = await setup();
    const { finalStatus } = customer.call(agent, ['X-CP-Interaction-Id: int-leave-ringing']);
    await listener.offer();
    phone.leave();
    expect(await finalStatus).to.equal(486);
    expect(await listener.endOf('int-leave-ringing')).to.deep.equal({ reason: 'released' });
  });
});
