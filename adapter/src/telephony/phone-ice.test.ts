import { expect } from '@open-wc/testing';
import { SessionState } from 'sip.js';
import type { SipCredential } from '../model/sip-credential.ts';
import { iceServersFor } from './phone-config.ts';
import { Phone, type PhoneConfig, type PhoneOptions } from './phone.ts';
import { FakeClock } from '../../test-support/fake-clock.ts';
import { Customer, RecordingListener, otherLeg, peerConnectionOf, recordPeerConnections, sipServer, suiteCredential, uniqueUser, withSuiteCredentials } from '../../test-support/sip-calls.ts';
import { waitFor } from '../../test-support/wait-for.ts';

declare const describe: (title: string, body: () => void) => void;
declare const it: (title: string, body: () => void | Promise<void>) => void;
declare const afterEach: (body: () => void | Promise<void>) => void;

/** The TURN pair of the `n`th credential (no TURN server runs: only what the peer connection is given counts). */
function turnPair(n: number, sipUser: string): { username: string; password: string } {
  return { username: `${1_767_000_000 + n}:${sipUser}`, password: `turn-${n}` };
}

/** The `n`th credential: the suite's Kamailio authenticates, so a real SIP pair, with a numbered TURN pair and a 10-minute life. */
async function credential(n: number, sipUser: string): Promise<SipCredential> {
  return { ...(await suiteCredential(sipUser)), ttlSeconds: 600, turn: turnPair(n, sipUser) };
}

describe('Phone: ICE servers', () => {
  const cleanup: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) await step().catch(() => undefined);
  });

  /** The agent's phone on the suite's Kamailio, a customer, and every peer connection the page makes from now on. */
  async function agentAndCustomer(config: Partial<PhoneConfig>, optionsFor: (agent: string) => PhoneOptions = (agent) => withSuiteCredentials(`sip:${agent}@127.0.0.1`)) {
    const { wsUrl } = await sipServer();
    const agent = uniqueUser('agent');
    const options = optionsFor(agent);
    const listener = new RecordingListener();
    const recorder = recordPeerConnections();
    cleanup.push(async () => recorder.restore());
    const phone = new Phone({ serverUrl: wsUrl, aor: `sip:${agent}@127.0.0.1`, ...config }, listener, options);
    cleanup.push(() => phone.stop());
    phone.start();
    await listener.connectionState('registered');
    const customer = new Customer(wsUrl, `+1555${Math.floor(1_000_000 + Math.random() * 8_999_999)}`);
    cleanup.push(() => customer.stop());
    await customer.start();
    /** Calls the agent, has the phone answer, and returns the agent's leg's ICE configuration. */
    const answeredCall = async (): Promise<RTCIceServer[]> => {
      const { inviter } = customer.call(agent);
      const offer = await listener.offer();
      await phone.accept(offer.callId);
      await waitFor('the customer to hear the answer', () => inviter.state === SessionState.Established || undefined);
      const farEnd = await waitFor('the customer\'s peer connection', () => peerConnectionOf(inviter));
      const leg = otherLeg(recorder.connections, farEnd);
      const servers = leg.getConfiguration().iceServers ?? [];
      await phone.release(offer.callId);
      await listener.endOf(offer.callId);
      listener.offers.length = 0;
      return servers;
    };
    return { phone, listener, answeredCall, recorder };
  }

  it('uses no ICE server at all by default: no peer connection is made with any (never sip.js\'s public STUN default)', async () => {
    const { answeredCall, recorder } = await agentAndCustomer({});
    expect(await answeredCall()).to.deep.equal([]);
    expect(recorder.connections.length).to.be.greaterThan(1);
    for (const pc of recorder.connections) expect(pc.getConfiguration().iceServers ?? []).to.deep.equal([]);
  });

  it('gives the call center\'s TURN servers the TURN credential that came with the SIP credential, and the renewed one to the next call', async () => {
    const clock = new FakeClock();
    let issued = 0;
    let user = '';
    const { answeredCall } = await agentAndCustomer(
      { iceServers: [{ urls: ['stun:127.0.0.1:3478'] }, { urls: ['turn:127.0.0.1:3478?transport=udp'] }] },
      (agent) => {
        user = agent;
        // serverCheck off: the clock moves by minutes at once (phone-server-watch.test.ts tests the check).
        return { clock, random: () => 1, serverCheck: false, credentials: () => credential(++issued, agent) };
      },
    );
    const first = await answeredCall();
    expect(first).to.have.length(2);
    expect(first[0]?.urls).to.deep.equal(['stun:127.0.0.1:3478']);
    expect(first[0]?.username || undefined, 'a STUN server gets no credential').to.equal(undefined);
    expect(first[1]).to.deep.equal({ urls: ['turn:127.0.0.1:3478?transport=udp'], username: turnPair(1, user).username, credential: 'turn-1' });
    clock.advance(300_000); // half its life: renewed
    await waitFor('the renewal', () => issued === 2 || undefined);
    const second = await answeredCall();
    expect(second[1]).to.deep.equal({ urls: ['turn:127.0.0.1:3478?transport=udp'], username: turnPair(2, user).username, credential: 'turn-2' });
  });

  it('leaves a TURN entry out without a TURN credential, keeps STUN and TURN entries that carry their own', () => {
    const config = { iceServers: [{ urls: 'stun:a.example' }, { urls: ['turns:b.example:5349'] }, { urls: 'turn:c.example', username: 'u', credential: 'p' }] };
    expect(iceServersFor(config, undefined)).to.deep.equal({ servers: [{ urls: 'stun:a.example' }, { urls: 'turn:c.example', username: 'u', credential: 'p' }], turnLeftOut: true });
    expect(iceServersFor({}, undefined)).to.deep.equal({ servers: [], turnLeftOut: false });
  });
});
