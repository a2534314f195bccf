/**
 * What every fault of `npm run faults` runs against: the local console's real parts on ports of
 * their own (scripts/test-ports.ts FAULTS_*): Kamailio and rtpengine, the fake org, the console
 * page with the customer simulator, ContactPad in Debian's Chromium with the agent Ready, and
 *
 * - a relay the agent's WebSocket goes through (e2e/support/cuttable-link.ts), so a fault can
 *   cut the agent's connection alone;
 * - a plain-RTP phone (baresip) that calls the agent as the phone network does, through the
 *   media gateway, started on first use and reused.
 *
 * The helpers read only what the agent or a caller would notice (the pad's text and the
 * states its list shows, the caller's phone), plus the far end's media counters. One call at
 * a time.
 */
import type { Tally } from './fault.ts';
import { startBaresip, type RunningBaresip } from '../sip-peers/baresip.ts';
import type { RunningKamailio } from '../sip-server/kamailio.ts';
import { AGENT_SIP_USER, FAULTS_SIP_UDP_PORT, FAULTS_SIP_WS_PORT, FAULTS_WEB_PORT, SIP_DOMAIN } from '../test-ports.ts';
import { chooseAgentStatus, customerState, openConsoleSession, placeCall, tasksFor, waitForAudioBothWays, type ConsoleSession } from '../../e2e/support/console-session.ts';
import { openCuttableLink, type CuttableLink } from '../../e2e/support/cuttable-link.ts';
import { waitForPhoneAudioBothWays } from '../../e2e/support/phone-network.ts';

/** Who calls: the customer simulator (sip.js in the console page, WebRTC end to end) or the phone network (baresip, plain RTP through rtpengine). */
export type CallerLine = 'browser' | 'phone-network';

/**
 * Who calls: callers the demo org knows (scripts/fake-org/fixtures/demo-org.json), so the screen
 * pop opens their record; an unknown number would open a "New Lead" form over the console.
 */
const BROWSER_CALLER = { name: 'Maria Lopez', number: '+14155550100' } as const;
const PHONE_NETWORK_CALLER = { name: 'Daniel Kim', number: '+14155550101' } as const;

/** A connected call between a caller and the agent. */
export interface RigCall {
  /** ContactPad's interaction id (the simulator's X-CP-Interaction-Id, or the phone-network call's Call-ID). */
  readonly id: string;
  readonly line: CallerLine;
  /** What the caller has received of the agent so far: RTP bytes (browser) or packets (phone network). */
  farEndReceived(): Promise<number>;
  /** When (epoch ms) the caller's phone last got a re-INVITE from the agent; undefined when none yet. */
  farEndReofferedAt(): Promise<number | undefined>;
  /** The caller hangs up. */
  hangUpFarEnd(): Promise<void>;
  /** Whether the caller's phone has seen the call end within `timeoutMs` (the agent's BYE reached it). */
  farEndEnded(timeoutMs: number): Promise<boolean>;
}

/** The interactions of the pad that are not over, as its list shows them. */
export interface OpenInteraction {
  readonly id: string;
  readonly state: string;
}

/** Polls `read` every `everyMs` until `check` holds or `timeoutMs` passes; the last value and whether it held. */
export async function until<T>(read: () => Promise<T>, check: (value: T) => boolean, timeoutMs: number, everyMs = 100): Promise<{ value: T; held: boolean }> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (check(value)) return { value, held: true };
    if (Date.now() > deadline) return { value, held: false };
    await new Promise((done) => setTimeout(done, everyMs));
  }
}

export class FaultRig {
  readonly session: ConsoleSession;
  /** The agent's path to Kamailio. */
  readonly link: CuttableLink;
  #phone: RunningBaresip | undefined;

  /** ContactPad's and the console page's warnings and errors, for the report when something was lost. */
  readonly warnings: string[] = [];

  private constructor(session: ConsoleSession, link: CuttableLink) {
    this.session = session;
    this.link = link;
    session.page.on('console', (message) => {
      if (message.type() === 'warning' || message.type() === 'error') this.warnings.push(`${new Date().toISOString().slice(11, 23)} ${message.text().slice(0, 300)}`);
    });
  }

  /** Starts the console, the relay and Chromium, and makes the agent Ready with the phone registered. */
  static async open(): Promise<FaultRig> {
    const link = await openCuttableLink(FAULTS_SIP_WS_PORT);
    try {
      const session = await openConsoleSession(
        { '/ContactPad/sipServerUrl': link.wsUrl, '/ContactPad/wrapUpSeconds': '300' },
        { port: FAULTS_WEB_PORT, sipWsPort: FAULTS_SIP_WS_PORT, sipUdpPort: FAULTS_SIP_UDP_PORT, name: 'faults' },
      );
      const rig = new FaultRig(session, link);
      try {
        await chooseAgentStatus(session, 'Ready');
        await rig.phoneReady(30_000);
        return rig;
      } catch (error) {
        await rig.close();
        throw error;
      }
    } catch (error) {
      await link.close();
      throw error;
    }
  }

  /** The running Kamailio and rtpengine (proxy: Kamailio alone; mediaGateway: rtpengine alone). */
  get edge(): RunningKamailio {
    return this.session.console.sipServer.edge;
  }

  /** The phone-network caller, started on first use. */
  async phoneNetworkCaller(): Promise<RunningBaresip> {
    const { name, number } = PHONE_NETWORK_CALLER;
    this.#phone ??= await startBaresip({ proxyPort: FAULTS_SIP_UDP_PORT, name: 'faults-caller', user: number, displayName: name, maxLifetimeSeconds: 3600 });
    return this.#phone;
  }

  /** Waits until the pad says "Phone ready"; false when it does not within `timeoutMs`. */
  async phoneReady(timeoutMs: number): Promise<boolean> {
    return this.session.softphone
      .getByText('Phone ready')
      .waitFor({ timeout: timeoutMs })
      .then(() => true, () => false);
  }

  /** Waits until the pad no longer says "Phone ready" (it says it cannot reach the server, or connects); false when it still does after `timeoutMs`. */
  async phoneNotReady(timeoutMs: number): Promise<boolean> {
    return this.session.softphone
      .getByText('Phone ready')
      .waitFor({ state: 'detached', timeout: timeoutMs })
      .then(() => true, () => false);
  }

  /** The interactions the pad lists that are not over (alerting, connected, held). */
  async openInteractions(): Promise<OpenInteraction[]> {
    const all = await this.session.softphone.locator('li[data-id]').evaluateAll((items) =>
      items.map((item) => ({ id: item.getAttribute('data-id') ?? '', state: /\bstate-([a-z-]+)/.exec(item.className)?.[1] ?? '' })),
    );
    return all.filter((item) => item.state === 'alerting' || item.state === 'connected' || item.state === 'held');
  }

  /** The state the pad shows for an interaction ('connected', 'wrap-up'...), undefined when it is not listed. */
  async interactionState(id: string): Promise<string | undefined> {
    const item = this.session.softphone.locator(`li[data-id="${id}"]`);
    if ((await item.count()) === 0) return undefined;
    return /\bstate-([a-z-]+)/.exec((await item.first().getAttribute('class')) ?? '')?.[1];
  }

  /** Waits until the pad shows the interaction out of `state`; the state it then shows, or `state` when it stayed. */
  async interactionLeaves(id: string, state: string, timeoutMs: number): Promise<string | undefined> {
    return (await until(() => this.interactionState(id), (now) => now !== state, timeoutMs)).value;
  }

  /**
   * A caller on `line` calls, the agent accepts, and audio flows both ways. Throws (with what
   * was seen) when the call does not ring or connect.
   */
  async connectedCall(line: CallerLine): Promise<RigCall> {
    return line === 'browser' ? this.#browserCall() : this.#phoneNetworkCall();
  }

  async #accept(name: string): Promise<void> {
    const pop = this.session.softphone.getByRole('region', { name: new RegExp(`Incoming voice call from ${name}`) });
    await pop.getByRole('button', { name: 'Accept' }).click({ timeout: 15_000 });
  }

  async #browserCall(): Promise<RigCall> {
    const { session } = this;
    await session.page.waitForFunction(() => window.customerSimulator?.registration === 'registered', undefined, { timeout: 30_000 });
    const id = await placeCall(session, BROWSER_CALLER);
    await this.#accept(BROWSER_CALLER.name);
    await customerState(session, 'connected');
    await waitForAudioBothWays(session, id);
    return {
      id,
      line: 'browser',
      farEndReceived: async () => (await session.page.evaluate(() => window.customerSimulator!.mediaStats())).bytesReceived,
      farEndReofferedAt: () => session.page.evaluate(() => window.customerSimulator!.lastReinviteAt),
      hangUpFarEnd: () => session.page.evaluate(() => window.customerSimulator!.hangUp()),
      farEndEnded: (timeoutMs) => customerStateWithin(session, 'ended', timeoutMs),
    };
  }

  async #phoneNetworkCall(): Promise<RigCall> {
    const phone = await this.phoneNetworkCaller();
    const id = await phone.dial(`sip:${AGENT_SIP_USER}@${SIP_DOMAIN}`);
    await this.#accept(PHONE_NETWORK_CALLER.name);
    await phone.waitForEstablished(id, 15_000);
    await waitForPhoneAudioBothWays(this.session, id, phone);
    return {
      id,
      line: 'phone-network',
      farEndReceived: async () => (await phone.audioStats()).packetsReceived,
      farEndReofferedAt: async () => phone.events.filter((event) => event.id === id && event.type === 'CALL_REMOTE_SDP' && event.param === 'offer').at(-1)?.at,
      hangUpFarEnd: () => phone.hangUp(),
      farEndEnded: (timeoutMs) => phone.waitForEnd(id, timeoutMs).then((end) => end.byPeer, () => false),
    };
  }

  /** The agent presses Release on the one call up. */
  async release(): Promise<void> {
    await this.session.softphone.getByRole('button', { name: 'Release' }).click({ timeout: 5000 });
  }

  /** The agent presses Done on every interaction in wrap up (its Task is written then). */
  async finishWrapUps(): Promise<void> {
    const inWrapUp = () => this.session.softphone.locator('li[data-id].state-wrap-up').count();
    for (let guard = 0; guard < 10; guard++) {
      const count = await inWrapUp();
      if (count === 0) return;
      // The wrap-up form may render a moment after the list says wrap up: click waits for it.
      await this.session.softphone.getByRole('button', { name: 'Done' }).first().click({ timeout: 5000 });
      await until(inWrapUp, (now) => now < count, 5000);
    }
  }

  /**
   * After a call: presses Done on what is in wrap up; whatever is still open on the pad (a
   * hang-up that never arrived) is reported, then ended from both sides so the next call starts
   * clean. [] when nothing was left open.
   */
  async settle(): Promise<string[]> {
    await this.finishWrapUps().catch(() => undefined);
    const open = await this.openInteractions();
    if (open.length === 0) return [];
    await this.release().catch(() => undefined);
    await this.session.page.evaluate(() => window.customerSimulator?.hangUp()).catch(() => undefined);
    await this.#phone?.hangUp().catch(() => undefined);
    await this.finishWrapUps().catch(() => undefined);
    return [`left open on the pad: ${open.map((item) => `${item.id} (${item.state})`).join(', ')}`];
  }

  /**
   * Whether each of the calls `ids` has exactly one Task in the fake org (waiting up to
   * `timeoutMs` for the outbox): a figure in `tally`, and a problem for each that has not.
   */
  async checkTasks(ids: readonly string[], tally: Tally, timeoutMs = 30_000): Promise<void> {
    const counts = async () => Promise.all(ids.map(async (id) => ({ id, count: (await tasksFor(this.session, id)).length })));
    const { value } = await until(counts, (all) => all.every((each) => each.count === 1), timeoutMs, 500);
    const wrong = value.filter((each) => each.count !== 1);
    tally.note(`${ids.length - wrong.length} of ${ids.length} calls logged exactly one Task`);
    for (const each of wrong) tally.problem(`call ${each.id}: ${each.count} Tasks`);
  }

  /** Stops the caller's phone, Chromium, the console and the relay. */
  async close(): Promise<void> {
    await this.#phone?.stop().catch(() => undefined);
    await this.session.close().catch(() => undefined);
    await this.link.close().catch(() => undefined);
  }
}

/** Whether the simulated customer reaches `state` within `timeoutMs`. */
function customerStateWithin(session: ConsoleSession, state: string, timeoutMs: number): Promise<boolean> {
  return session.page.waitForFunction((wanted) => window.customerSimulator?.state === wanted, state, { timeout: timeoutMs }).then(() => true, () => false);
}
