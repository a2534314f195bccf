/**
 * A bare SIP agent for the console's own tests (browser code, bundled by the test with esbuild
 * and injected into a page): registers a user on the local Kamailio, records the INVITEs it
 * receives (headers included) and answers or declines them, and blind-transfers an answered
 * call (REFER). It lets the tests check what the customer simulator puts on the wire, and that
 * it follows a transfer, without depending on ContactPad.
 */
import { Invitation, Registerer, RegistererState, UserAgent } from 'sip.js';
import { blindTransfer } from './blind-transfer.ts';

/** What the test agent saw of one INVITE. */
export interface ReceivedInvite {
  readonly fromDisplayName: string;
  readonly fromUser: string;
  readonly headers: Record<string, string>;
}

/** `window.testAgent`. */
export interface TestAgent {
  /** Registers `user` with its SIP credential (the local Kamailio authenticates every WebSocket client). */
  register(options: { wsUrl: string; domain: string; user: string; credential: { username: string; password: string } }): Promise<void>;
  /** Resolves with the next INVITE (or one already waiting). */
  nextInvite(): Promise<ReceivedInvite>;
  /** Answers the current INVITE with 200 and audio. */
  answer(): Promise<void>;
  /** Declines the current INVITE with the given final status (603 ends forked branches too). */
  decline(statusCode: number): Promise<void>;
  /** Hangs up the answered call (BYE). */
  hangUp(): Promise<void>;
  /** Blind-transfers the answered call: REFER to sip:<user>@<domain>; resolves with the REFER's final status (202). */
  refer(user: string): Promise<number>;
  /** The sipfrag bodies of the NOTIFYs about the transfer ('SIP/2.0 200 OK'...). */
  readonly notifications: readonly string[];
  stop(): Promise<void>;
}

declare global {
  interface Window {
    testAgent?: TestAgent;
  }
}

const HEADER_NAMES = [
  'P-Asserted-Identity', 'X-CP-Interaction-Id', 'X-CP-Queue', 'X-CP-Location', 'X-CP-Ad-Source', 'X-CP-Kind',
  'X-CP-Callback-Number', 'X-CP-Callback-Attempt', 'From',
];

let ua: UserAgent | undefined;
let domain = '';
let current: Invitation | undefined;
const notifications: string[] = [];
const waiting: ReceivedInvite[] = [];
const waiters: ((invite: ReceivedInvite) => void)[] = [];

window.testAgent = {
  async register({ wsUrl, domain: sipDomain, user, credential }) {
    domain = sipDomain;
    const uri = UserAgent.makeURI(`sip:${user}@${domain}`);
    if (!uri) throw new Error('bad test agent uri');
    ua = new UserAgent({
      uri,
      authorizationUsername: credential.username,
      authorizationPassword: credential.password,
      transportOptions: { server: wsUrl },
      logLevel: 'error',
      delegate: {
        onInvite(invitation) {
          current = invitation;
          void invitation.progress(); // 180 Ringing, as a phone does
          const headers: Record<string, string> = {};
          for (const name of HEADER_NAMES) {
            const value = invitation.request.getHeader(name);
            if (value !== undefined) headers[name] = value;
          }
          const received = { fromDisplayName: invitation.remoteIdentity.displayName, fromUser: invitation.remoteIdentity.uri.user ?? '', headers };
          const waiter = waiters.shift();
          if (waiter) waiter(received);
          else waiting.push(received);
        },
      },
    });
    await ua.start();
    const registerer = new Registerer(ua);
    await new Promise<void>((done, fail) => {
      registerer.stateChange.addListener((state) => {
        if (state === RegistererState.Registered) done();
      });
      registerer.register({ requestDelegate: { onReject: () => fail(new Error('test agent registration refused')) } }).catch(fail);
    });
  },
  nextInvite() {
    const ready = waiting.shift();
    return ready ? Promise.resolve(ready) : new Promise((done) => waiters.push(done));
  },
  async answer() {
    await current?.accept({ sessionDescriptionHandlerOptions: { constraints: { audio: true, video: false } } });
  },
  async decline(statusCode) {
    await current?.reject({ statusCode });
  },
  async hangUp() {
    await current?.bye();
  },
  refer(user) {
    if (!current) return Promise.reject(new Error('no answered call to transfer'));
    return blindTransfer(current, user, domain, notifications);
  },
  notifications,
  async stop() {
    await ua?.stop();
  },
};
