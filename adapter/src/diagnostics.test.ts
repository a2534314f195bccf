import { expect } from '@open-wc/testing';
import { Diagnostics, EARLY_ENTRIES, PENDING_ENTRIES } from './diagnostics.ts';

const SESSION = '00DLC000000Dem0!AQ4AQLocalConsoleSessionNotASecretButNeverLogItAnyway.7f3c9a1e5b2d4c6a8e0f1b3d5a7c9e2f4b6d8a0c';
const DIGEST_RESPONSE = '6629fae49393a05397450978507c4ef1';

describe('the diagnostic log before its module has loaded', () => {
  it('keeps what comes at start without the session token, and hands it to the log, redacted, with its times', async () => {
    let now = 1000;
    const diagnostics = new Diagnostics(() => now);
    diagnostics.neverLog(SESSION);
    diagnostics.add('sip-out', `REGISTER sip:127.0.0.1 SIP/2.0\r\nAuthorization: Digest username="agent1", response="${DIGEST_RESPONSE}"\r\n\r\n`);
    now = 2000;
    diagnostics.add('error', `CRM_UNAVAILABLE: ${SESSION} refused`);
    expect(diagnostics.size().entries).to.equal(2);

    await diagnostics.log();
    now = 3000;
    diagnostics.add('phone', 'phone registered');
    // What came since the log loaded is redacted once the browser is idle; whoever reads the log gets it.
    const log = await diagnostics.log();
    expect(log.entries().map((entry) => [entry.at, entry.kind])).to.deep.equal([
      [1000, 'sip-out'],
      [2000, 'error'],
      [3000, 'phone'],
    ]);
    const all = log.entries().map((entry) => entry.text).join('\n');
    expect(all).not.to.include(SESSION);
    expect(all).not.to.include(DIGEST_RESPONSE);
    expect(all).to.include('username="agent1"');
    expect(diagnostics.size()).to.deep.equal({ bytes: log.sizeBytes, capBytes: log.capBytes, entries: 3 });
  });

  it(`keeps at most ${EARLY_ENTRIES} entries meanwhile, the newest, and no more of a huge one than the log would`, async () => {
    const diagnostics = new Diagnostics(() => 0);
    diagnostics.add('sip-in', `MESSAGE sip:agent1@127.0.0.1 SIP/2.0\r\n\r\n${'x'.repeat(1_000_000)}`);
    expect(diagnostics.size().bytes).to.be.at.most(64 * 1024);
    for (let index = 0; index < EARLY_ENTRIES + 5; index++) diagnostics.add('sip-in', `OPTIONS ${index}`);
    const texts = (await diagnostics.log()).entries().map((entry) => entry.text);
    expect(texts).to.have.length(EARLY_ENTRIES);
    expect([texts[0], texts.at(-1)]).to.deep.equal(['OPTIONS 5', `OPTIONS ${EARLY_ENTRIES + 4}`]);
  });

  it(`redacts what comes once it has loaded (an INVITE) when the browser is idle, or at once after ${PENDING_ENTRIES} waiting entries (a flood)`, async () => {
    const diagnostics = new Diagnostics(() => 5000);
    const log = await diagnostics.log();
    diagnostics.add('sip-in', `INVITE sip:agent1@127.0.0.1 SIP/2.0\r\nProxy-Authorization: Digest username="caller", response="${DIGEST_RESPONSE}"\r\n\r\n`);
    diagnostics.neverLog(SESSION);
    diagnostics.add('error', `CRM_SESSION_EXPIRED: ${SESSION}`);
    await new Promise((idle) => requestIdleCallback(() => idle(undefined), { timeout: 2000 }));
    expect(log.entries().map((entry) => entry.kind)).to.deep.equal(['sip-in', 'error']);
    expect(log.entries().map((entry) => entry.text).join('\n')).not.to.include(DIGEST_RESPONSE).and.not.to.include(SESSION);
    for (let index = 0; index < PENDING_ENTRIES; index++) diagnostics.add('sip-in', `OPTIONS ${index}`);
    expect(log.entryCount, 'a flood does not wait in memory unredacted').to.equal(2 + PENDING_ENTRIES);
  });
});
