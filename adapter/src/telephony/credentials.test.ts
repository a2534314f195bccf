import { expect } from '@open-wc/testing';
import { ContactPadError, isContactPadError } from '../model/errors.ts';
import type { SipCredential } from '../model/sip-credential.ts';
import { CREDENTIAL_RETRY, CREDENTIAL_SAFETY_MS, SipCredentials } from './credentials.ts';
import { FakeClock } from '../../test-support/fake-clock.ts';
import { rejectionOf } from '../../test-support/thrown.ts';

declare const describe: (title: string, body: () => void) => void;
declare const it: (title: string, body: () => void | Promise<void>) => void;

const HOUR = 3600_000;

/** A credential of the shape Salesforce's endpoint issues, numbered so a test tells them apart. */
function credential(n: number, ttlSeconds = 12 * 3600): SipCredential {
  return { username: `${1_767_000_000 + n}:agent1`, password: `password-${n}`, sipUser: 'agent1', ttlSeconds };
}

/** A source that answers from a script: a credential, or an error, in turn; counts its calls. */
function scripted(...answers: Array<SipCredential | ContactPadError>) {
  const calls: number[] = [];
  let served = 0;
  const source = async (): Promise<SipCredential> => {
    calls.push(served);
    const answer = answers[Math.min(served++, answers.length - 1)];
    if (answer instanceof ContactPadError) throw answer;
    return answer as SipCredential;
  };
  return { source, calls };
}

const down = () => new ContactPadError('SIP_CREDENTIAL_UNAVAILABLE', 'The phone cannot register without a SIP credential from Salesforce: Salesforce is unavailable', { detail: { reason: 'server' } });

/** Lets the keeper's promise callbacks run. */
const settle = () => new Promise((done) => setTimeout(done, 0));

function keeper(source: () => Promise<SipCredential>, clock = new FakeClock()) {
  const applied: SipCredential[] = [];
  const failures: Array<{ error: ContactPadError; expiresAt: number }> = [];
  const credentials = new SipCredentials({
    source,
    clock,
    random: () => 1, // every retry waits the top of its jitter window
    apply: (c) => applied.push(c),
    renewalFailed: (error, expiresAt) => failures.push({ error, expiresAt }),
  });
  return { credentials, clock, applied, failures };
}

describe('SipCredentials: the phone\'s time-limited credential', () => {
  it('fetches one before the first registration, applies it, and reuses it while it is good', async () => {
    const { source, calls } = scripted(credential(1));
    const { credentials, applied } = keeper(source);
    expect(credentials.current).to.equal(undefined);
    expect(await credentials.ready()).to.deep.equal(credential(1));
    expect(await credentials.ready()).to.deep.equal(credential(1));
    expect(calls).to.have.length(1);
    expect(applied).to.deep.equal([credential(1)]);
  });

  it('asks Salesforce once for callers that need one at the same time', async () => {
    const { source, calls } = scripted(credential(1));
    const { credentials } = keeper(source);
    const [a, b, c] = await Promise.all([credentials.ready(), credentials.renew(), credentials.ready()]);
    expect([a, b, c]).to.deep.equal([credential(1), credential(1), credential(1)]);
    expect(calls).to.have.length(1);
  });

  it('renews at half its life, on the clock, and again at half the new one\'s', async () => {
    const { source, calls } = scripted(credential(1), credential(2), credential(3));
    const { credentials, clock, applied } = keeper(source);
    credentials.start();
    await credentials.ready();
    expect(clock.pending.map((t) => t.delay)).to.deep.equal([6 * HOUR]);
    clock.advance(6 * HOUR - 1);
    await settle();
    expect(calls).to.have.length(1);
    clock.advance(1);
    await settle();
    expect(applied).to.deep.equal([credential(1), credential(2)]);
    expect(credentials.current).to.deep.equal(credential(2));
    expect(clock.pending.map((t) => t.delay)).to.deep.equal([6 * HOUR]);
    clock.advance(6 * HOUR);
    await settle();
    expect(applied.at(-1)).to.deep.equal(credential(3));
  });

  it('schedules by the ttl Salesforce gave, whatever the username\'s expiry says against this clock', async () => {
    const skewed = { ...credential(1, 600), username: '1000:agent1' }; // an expiry long past by the browser's clock
    const { source } = scripted(skewed);
    const { credentials, clock } = keeper(source);
    credentials.start();
    await credentials.ready();
    expect(clock.pending.map((t) => t.delay)).to.deep.equal([300_000]);
  });

  it('fetches a fresh one for a registration when the held one is about to expire', async () => {
    const { source, calls } = scripted(credential(1, 600), credential(2, 600));
    const { credentials, clock } = keeper(source); // not started: no background renewal
    await credentials.ready();
    clock.advance(600_000 - CREDENTIAL_SAFETY_MS - 1);
    expect(await credentials.ready()).to.deep.equal(credential(1, 600));
    clock.advance(1);
    expect(await credentials.ready()).to.deep.equal(credential(2, 600));
    expect(calls).to.have.length(2);
  });

  it('when a renewal fails, tells once that the phone keeps working until the held one expires, and tries again with a growing backoff until it works', async () => {
    const { source, calls } = scripted(credential(1), down(), down(), down(), credential(2));
    const { credentials, clock, failures, applied } = keeper(source);
    const start = clock.now();
    credentials.start();
    await credentials.ready();
    clock.advance(6 * HOUR);
    await settle();
    expect(failures).to.have.length(1);
    expect(failures[0]?.error.code).to.equal('SIP_CREDENTIAL_UNAVAILABLE');
    expect(failures[0]?.expiresAt).to.equal(start + 12 * HOUR);
    expect(credentials.current).to.deep.equal(credential(1), 'the held one keeps working');
    const delays: number[] = [];
    for (let retry = 0; retry < 3; retry++) {
      delays.push(clock.runNext());
      await settle();
    }
    expect(delays).to.deep.equal([CREDENTIAL_RETRY.baseMs, 2 * CREDENTIAL_RETRY.baseMs, 4 * CREDENTIAL_RETRY.baseMs]);
    expect(failures, 'told once a failing stretch').to.have.length(1);
    expect(calls).to.have.length(5);
    expect(applied.at(-1)).to.deep.equal(credential(2));
    expect(clock.pending.map((t) => t.delay)).to.deep.equal([6 * HOUR], 'back to renewing at half its life');
  });

  it('renews at once when Salesforce answers another request, if the renewal failed for want of Salesforce; not when it waits for an admin', async () => {
    const admin = () => new ContactPadError('SIP_CREDENTIAL_UNAVAILABLE', 'this agent\'s User record has no ContactPad SIP User', { detail: { reason: 'NO_SIP_USER' } });
    const { source, calls } = scripted(credential(1), down(), down(), admin(), credential(2));
    const { credentials, clock, applied } = keeper(source);
    credentials.start();
    await credentials.ready();
    credentials.salesforceAnswered();
    expect(clock.pending.map((t) => t.delay), 'nothing failing: the renewal stays at half its life').to.deep.equal([6 * HOUR]);
    clock.advance(6 * HOUR);
    await settle();
    expect(clock.pending.map((t) => t.delay)).to.deep.equal([CREDENTIAL_RETRY.baseMs]);
    credentials.salesforceAnswered(); // down again: the backoff goes on
    clock.advance(0);
    await settle();
    expect(calls).to.have.length(3);
    expect(clock.pending.map((t) => t.delay)).to.deep.equal([2 * CREDENTIAL_RETRY.baseMs]);
    credentials.salesforceAnswered(); // refused for a missing SIP user: waits for the admin, at its backoff
    clock.advance(0);
    await settle();
    expect(calls).to.have.length(4);
    credentials.salesforceAnswered();
    clock.advance(0);
    await settle();
    expect(calls, 'no request for an answer while an admin is awaited').to.have.length(4);
    expect(clock.pending.map((t) => t.delay)).to.deep.equal([4 * CREDENTIAL_RETRY.baseMs]);
    clock.runNext();
    await settle();
    expect(applied.at(-1)).to.deep.equal(credential(2));
  });

  it('caps the retries at minutes: each is a Salesforce API call from every agent of the org', async () => {
    const { source } = scripted(credential(1), down());
    const { credentials, clock } = keeper(source);
    credentials.start();
    await credentials.ready();
    clock.advance(6 * HOUR);
    await settle();
    const delays: number[] = [];
    for (let retry = 0; retry < 12; retry++) {
      delays.push(clock.runNext());
      await settle();
    }
    expect(Math.max(...delays)).to.equal(CREDENTIAL_RETRY.capMs);
    expect(CREDENTIAL_RETRY.capMs).to.equal(300_000);
  });

  it('rejects a registration with the source\'s coded error, and codes one a source failed to code', async () => {
    const coded = await rejectionOf(keeper(scripted(down()).source).credentials.ready());
    expect(isContactPadError(coded, 'SIP_CREDENTIAL_UNAVAILABLE')).to.equal(true);
    const bare = await rejectionOf(keeper(async () => Promise.reject(new TypeError('boom'))).credentials.ready());
    expect(isContactPadError(bare, 'SIP_CREDENTIAL_UNAVAILABLE')).to.equal(true);
    expect((bare as ContactPadError).message).to.contain('boom');
  });

  it('stops renewing when the phone stops, keeps the held one, and renews it on time after a new start', async () => {
    const { source, calls } = scripted(credential(1), credential(2));
    const { credentials, clock } = keeper(source);
    credentials.start();
    await credentials.ready();
    credentials.stop();
    expect(clock.pending).to.have.length(0);
    clock.advance(2 * HOUR);
    credentials.start();
    expect(clock.pending.map((t) => t.delay)).to.deep.equal([4 * HOUR]);
    clock.advance(4 * HOUR);
    await settle();
    expect(calls).to.have.length(2);
  });

  it('forgets a credential the server refused: the next registration fetches a fresh one', async () => {
    const { source, calls } = scripted(credential(1), credential(2));
    const { credentials } = keeper(source);
    await credentials.ready();
    credentials.forget();
    expect(credentials.current).to.equal(undefined);
    expect(await credentials.ready()).to.deep.equal(credential(2));
    expect(calls).to.have.length(2);
  });
});
