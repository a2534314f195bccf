/**
 * A raw SIP peer (SIPp) calls the agent through the console's Kamailio with garbled and
 * hostile headers: ContactPad still rings, shows what it can as text, leaves the rest
 * blank, and its Reject reaches SIPp as 486 Busy Here.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { runSipp } from '../scripts/sip-server/sipp.ts';
import { E2E_SIP_UDP_PORT } from '../scripts/test-ports.ts';
import { openReadySession, type ConsoleSession } from './support/console-session.ts';

describe('a hostile INVITE from a raw SIP peer', () => {
  let session: ConsoleSession;

  before(async () => {
    session = await openReadySession();
  });

  after(async () => {
    await session?.close();
  });

  it('rings with markup shown as text and garbled fields blank, and a reject reaches the caller as 486', async () => {
    const sipp = runSipp({ scenario: 'webrtc-invite-reject', proxyPort: E2E_SIP_UDP_PORT, timeoutMs: 30_000 });
    const pop = session.softphone.getByRole('region', { name: /Incoming voice call/ });
    await pop.waitFor();

    const text = await pop.innerText();
    assert.match(text, /<script>alert\("x"\)<\/script> O'Brien <img src=x onerror=alert\(1\)>/, 'the caller name is shown as text');
    assert.doesNotMatch(text, /undefined|null|hologram|\u0007/);
    assert.equal(await pop.locator('script, img').count(), 0, 'no element made from caller text');
    assert.equal(await session.softphone.locator('contact-pad').locator('img, script').count(), 0, 'none anywhere in ContactPad');

    await pop.getByRole('button', { name: 'Reject' }).click();
    const result = await sipp;
    assert.ok(result.statusCodes.includes(486), `SIPp saw ${result.statusCodes.join(', ')}`);
    assert.equal(result.exitCode, 0, result.log.slice(-2000));
  });
});
