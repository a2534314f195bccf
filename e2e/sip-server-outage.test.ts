/**
 * The SIP server goes down mid-shift and comes back: ContactPad says it cannot reach the
 * phone server and why, keeps retrying, registers again on its own, and rings.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { runSipp } from '../scripts/sip-server/sipp.ts';
import { E2E_SIP_UDP_PORT } from '../scripts/test-ports.ts';
import { openReadySession, type ConsoleSession } from './support/console-session.ts';

describe('the SIP server going down mid-shift', () => {
  let session: ConsoleSession;

  before(async () => {
    session = await openReadySession();
  });

  after(async () => {
    await session?.close();
  });

  it('shows "cannot reach phone server" with the reason, then registers again and rings when it is back', async () => {
    const { softphone } = session;
    await session.console.sipServer.stop();
    const banner = softphone.getByText(/Cannot reach phone server: .+\. Retrying in \d+ s/);
    await banner.waitFor({ timeout: 20_000 });

    await session.console.sipServer.start();
    await softphone.getByText('Phone ready').waitFor({ timeout: 60_000 });

    // A raw SIP peer calls through the restarted server (the simulator's own reconnect is not under test).
    const sipp = runSipp({
      scenario: 'webrtc-invite-reject',
      proxyPort: E2E_SIP_UDP_PORT,
      fromDisplayName: '"Daniel Kim"',
      fromUser: '+14155550101',
      headers: ['X-CP-Queue: Support'],
    });
    const pop = softphone.getByRole('region', { name: /Incoming voice call from Daniel Kim/ });
    await pop.getByRole('button', { name: 'Reject' }).click();
    assert.ok((await sipp).statusCodes.includes(486));
  });
});
