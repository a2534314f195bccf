import { expect } from '@open-wc/testing';
import { DiagnosticLog } from '../model/diagnostic-log.ts';
import type { SipCredential } from '../model/sip-credential.ts';
import { Phone } from './phone.ts';
import { Customer, RecordingListener, sipServer, suiteCredential, uniqueUser } from '../../test-support/sip-calls.ts';
import { waitFor } from '../../test-support/wait-for.ts';

describe('Phone: its SIP messages in the diagnostic log (problem reports)', () => {
  let cleanup: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const step of cleanup.reverse()) await step().catch(() => undefined);
    cleanup = [];
  });

  it('keeps what it sent and received through the real SIP server: the REGISTER without its digest response or SIP password, the INVITE with its headers, its answers', async () => {
    const { wsUrl } = await sipServer();
    const agent = uniqueUser('agent');
    const aor = `sip:${agent}@127.0.0.1`;
    const issued: SipCredential[] = [];
    const log = new DiagnosticLog({ now: () => Date.now() });
    const listener = new RecordingListener();
    const phone = new Phone({ serverUrl: wsUrl, aor }, listener, {
      credentials: async () => {
        const credential = await suiteCredential(agent);
        issued.push(credential);
        return credential;
      },
      diagnostics: log,
    });
    cleanup.push(() => phone.stop());
    phone.start();
    await listener.connectionState('registered');
    const customer = new Customer(wsUrl, `+1555${Math.floor(1_000_000 + Math.random() * 8_999_999)}`);
    cleanup.push(() => customer.stop());
    await customer.start();
    customer.call(agent, ['X-CP-Interaction-Id: diag-7', 'X-CP-Queue: Sales']);
    const offer = await listener.offer();
    await phone.reject(offer.callId);
    await waitFor('the 486 in the log', () => log.entries().some((entry) => entry.kind === 'sip-out' && entry.text.startsWith('SIP/2.0 486')) || undefined);

    const entries = log.entries();
    const all = entries.map((entry) => entry.text).join('\n');
    const registers = entries.filter((entry) => entry.kind === 'sip-out' && entry.text.startsWith('REGISTER '));
    expect(registers.length, 'the first REGISTER and the one answering the challenge').to.be.at.least(2);
    const challenged = entries.find((entry) => entry.kind === 'sip-in' && entry.text.startsWith('SIP/2.0 401'));
    expect(challenged?.text).to.include('WWW-Authenticate: Digest');
    const answered = registers.find((entry) => entry.text.includes('Authorization: Digest'));
    expect(answered?.text).to.match(/response="\[redacted\]"/);
    expect(answered?.text).to.include(`username="${issued[0]!.username}"`, 'who registered stays readable');
    expect(all).not.to.match(/response="[0-9a-f]{32}"/, 'no digest response anywhere');
    for (const credential of issued) expect(all).not.to.include(credential.password);

    const invite = entries.find((entry) => entry.kind === 'sip-in' && entry.text.startsWith('INVITE ') && entry.text.includes('X-CP-Interaction-Id'));
    expect(invite?.text).to.include('X-CP-Queue: Sales');
    expect(invite?.text).to.include('X-CP-Interaction-Id: diag-7');
    expect(invite?.text).to.include('m=audio');
    expect(entries.some((entry) => entry.kind === 'sip-out' && entry.text.startsWith('SIP/2.0 180 Ringing'))).to.equal(true);
    expect(entries.every((entry) => entry.text.trim() !== ''), 'no keep-alive is an entry').to.equal(true);
  });
});
