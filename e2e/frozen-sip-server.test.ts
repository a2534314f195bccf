/**
 * The SIP server hangs without closing anything (Kamailio stopped with SIGSTOP: its WebSocket
 * stays open, nothing is answered): ContactPad notices within seconds, not at the next
 * registration refresh minutes later, says it cannot reach the phone server, and registers again
 * on its own once the server runs again.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { customerState, openReadySession, placeCall, type ConsoleSession } from './support/console-session.ts';

describe('a SIP server that hangs with the connection open', () => {
  let session: ConsoleSession;

  before(async () => {
    session = await openReadySession();
  });

  after(async () => {
    session?.console.sipServer.edge.proxy.thaw();
    await session?.close();
  });

  it('is noticed within seconds: the phone says it cannot reach the server, then is ready again and rings once the server runs again', async () => {
    const { softphone } = session;
    const edge = session.console.sipServer.edge;
    edge.proxy.freeze();
    try {
      // No registration refresh is due for minutes: only the phone's own "are you there?" can notice.
      await softphone.getByText(/Cannot reach phone server: .+\. Retrying/).waitFor({ timeout: 20_000 });
      assert.equal(await softphone.getByText('Phone ready').count(), 0, 'not shown as ready while the server hangs');
    } finally {
      edge.proxy.thaw();
    }
    await softphone.getByText('Phone ready').waitFor({ timeout: 60_000 });

    // The customer simulator's own connection may have to come back first (not under test).
    await session.page.waitForFunction(() => window.customerSimulator?.registration === 'registered', undefined, { timeout: 60_000 });
    await placeCall(session, { name: 'Daniel Kim', number: '+14155550101' });
    const pop = softphone.getByRole('region', { name: /Incoming voice call from Daniel Kim/ });
    await pop.getByRole('button', { name: 'Reject' }).click();
    await customerState(session, 'rejected');
  });
});
