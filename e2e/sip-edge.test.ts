/**
 * The SIP edge that lets no one in (issue 10), end to end: the local console's Kamailio with
 * authentication (every REGISTER and INVITE over WebSocket carries a time-limited credential
 * signed with the run's secret), its trunk list, and ContactPad in Debian's Chromium getting its
 * credential from the fake org's Apex REST endpoint. Each test asserts what an agent or an admin
 * would notice: the phone banner and the notice with its error code, the call pop, Kamailio's
 * log, the SIP answer a caller gets.
 *
 * Each test opens its own agent (a new browser context, so ContactPad starts Offline and the
 * test chooses Ready) on a console shared by its suite, and signs it out again (Offline: the
 * phone unregisters). A test that changes the fake org puts it back in a finally block.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../scripts/console/test-browser.ts';
import { runSipp } from '../scripts/sip-server/sipp.ts';
import { logMark, logSince } from '../scripts/sip-server/test-support/edge.ts';
import { plainSdp, webrtcSdp } from '../scripts/sip-server/test-support/sdp.ts';
import { SipPeer } from '../scripts/sip-server/test-support/sip-peer.ts';
import { AGENT_SIP_USER, E2E_SIP_UDP_PORT, E2E_SIP_WSS_PORT } from '../scripts/test-ports.ts';
import { chooseAgentStatus, customerState, placeCall, waitForAudioBothWays, type ConsoleSession } from './support/console-session.ts';
import { consoleCredential, openAgent, startEdgeConsole, type EdgeAgent, type EdgeConsole } from './support/sip-edge-session.ts';

const WSS_URL = `wss://127.0.0.1:${E2E_SIP_WSS_PORT}`;

/** The agent chooses Ready (the phone starts: it fetches its credential and registers). */
async function ready(agent: ConsoleSession): Promise<void> {
  await chooseAgentStatus(agent, 'Ready');
}

/** ContactPad's phone banner (cp-phone-status): "Phone ready", or what keeps the phone from registering. */
function phoneBanner(agent: ConsoleSession) {
  return agent.softphone.locator('cp-phone-status');
}

/** Waits until ContactPad shows the notice with `code` (the error catalogue's), and returns its text. */
async function noticeWith(agent: ConsoleSession, code: string): Promise<string> {
  const notice = agent.softphone.getByRole('list', { name: 'Notices' }).getByRole('listitem').filter({ hasText: code });
  await notice.first().waitFor({ timeout: 20_000 });
  return notice.first().innerText();
}

/** The SIP messages a socket carried that start with `startLine` (e.g. "REGISTER ", "INVITE "). */
function sipMessages(frames: readonly string[], startLine: string): string[] {
  return frames.filter((frame) => frame.startsWith(startLine));
}

/**
 * What a trunk's call to agent1 gets from Kamailio right now: 404 when nobody is registered as
 * agent1. The trunk (127.0.0.1, the console's listed trunk) sends it over UDP.
 */
async function trunkCallToAgent(): Promise<number> {
  const trunk = await SipPeer.overUdp(E2E_SIP_UDP_PORT, { user: '+14155550150', localAddress: '127.0.0.1' });
  try {
    const { final } = await trunk.invite(AGENT_SIP_USER, { sdp: plainSdp({ ip: '127.0.0.1' }) });
    return final.status ?? 0;
  } finally {
    trunk.close();
  }
}

describe('SIP over secure WebSocket (wss://) in the browser', () => {
  let edge: EdgeConsole;
  before(async () => {
    edge = await startEdgeConsole({ wss: true, callCenterSettings: { '/ContactPad/wrapUpSeconds': '120' } });
  });
  after(async () => {
    await edge?.close();
  });

  it('ContactPad registers over wss://, and a call rings, is answered and carries audio both ways over it', async () => {
    assert.equal(edge.console.sipWssUrl, WSS_URL);
    const agent = await openAgent(edge);
    try {
      const { softphone, sockets } = agent;
      await ready(agent);
      await softphone.getByText('Phone ready').waitFor({ timeout: 20_000 });

      // The REGISTER for agent1 went over the wss:// connection, and none over ws://.
      const registersFor = (frames: readonly string[]) => sipMessages(frames, 'REGISTER ').filter((message) => /^To: .*sip:agent1@/im.test(message));
      const secure = sockets.sockets.filter((socket) => socket.url.startsWith(WSS_URL));
      assert.ok(secure.length >= 1, `the page opened ${sockets.sockets.map((socket) => socket.url).join(', ')}`);
      assert.ok(secure.some((socket) => registersFor(socket.sent).length > 0), 'agent1 registered over wss://');
      assert.ok(secure.some((socket) => socket.received.some((frame) => /^SIP\/2\.0 200 OK/.test(frame) && /^CSeq: \d+ REGISTER/im.test(frame))), 'Kamailio answered 200 over wss://');
      assert.deepEqual(sockets.sockets.filter((socket) => socket.url.startsWith('ws:')).flatMap((socket) => registersFor(socket.sent)), [], 'no REGISTER for agent1 over ws://');

      const interactionId = await placeCall(agent, { name: 'Maria Lopez', number: '+14155550100', queue: 'Billing' });
      const pop = softphone.getByRole('region', { name: /Incoming voice call from Maria Lopez/ });
      await pop.waitFor();
      assert.ok(
        secure.some((socket) => sipMessages(socket.received, 'INVITE ').some((invite) => invite.includes(interactionId))),
        'the INVITE reached ContactPad over wss://',
      );
      await pop.getByRole('button', { name: 'Accept' }).click();
      await customerState(agent, 'connected');
      const media = await waitForAudioBothWays(agent, interactionId);
      assert.ok(media.agent.bytesReceived > 0 && media.customer.bytesReceived > 0);

      await softphone.getByRole('button', { name: 'Release' }).click();
      await customerState(agent, 'ended');
      await softphone.getByRole('button', { name: 'Done' }).click();
    } finally {
      await agent.close();
    }
  });

  it('a browser that was not told to trust the edge\'s certificate cannot reach it: ContactPad says so', async () => {
    // The same Chromium without --ignore-certificate-errors-spki-list: the self-signed
    // certificate is refused, so the trust in the test above is the pinned key's, nothing else.
    let untrusting: Browser | undefined;
    let agent: EdgeAgent | undefined;
    try {
      untrusting = await launchChromium();
      agent = await openAgent(edge, untrusting);
      await ready(agent);
      const banner = phoneBanner(agent).getByText(/Cannot reach phone server/);
      await banner.waitFor({ timeout: 20_000 });
      assert.equal(await agent.softphone.getByText('Phone ready').count(), 0);
    } finally {
      await agent?.close();
      await untrusting?.close();
    }
  });
});

describe('registration refused at the edge', () => {
  let edge: EdgeConsole;
  before(async () => {
    edge = await startEdgeConsole();
  });
  after(async () => {
    await edge?.close();
  });

  it('without a credential (the org\'s SIP Edge setting has no secret): ContactPad says it cannot register and why, SIP_CREDENTIAL_UNAVAILABLE, and agent1 is not registered', async () => {
    const mark = logMark(edge.kamailioLog);
    await edge.fakeOrg.setSipCredentialSecret(null, { orgId: 'default' });
    let agent: EdgeAgent | undefined;
    try {
      agent = await openAgent(edge);
      await ready(agent);
      const banner = phoneBanner(agent).getByText(/The phone cannot register without a SIP credential/);
      await banner.waitFor({ timeout: 20_000 });
      assert.match(await banner.innerText(), /Setup > Custom Settings > ContactPad SIP Edge/, 'the banner says what the admin sets');
      assert.match(await noticeWith(agent, 'SIP_CREDENTIAL_UNAVAILABLE'), /SIP credential/);
      assert.equal(await agent.softphone.getByText('Phone ready').count(), 0);

      // Kamailio's log records refusals, not registrations: it holds no credential of agent1's,
      // and Kamailio itself answers a call to agent1 with 404 (nobody registered as agent1).
      assert.doesNotMatch(logSince(edge.kamailioLog, mark), /credential <\d+:agent1>/);
      assert.equal(await trunkCallToAgent(), 404);
    } finally {
      await agent?.close();
      await edge.fakeOrg.clearSipCredentialSecret('default');
    }
  });

  it('an expired credential (the org\'s clock 13 h behind the edge\'s, beyond its 12 h lifetime): "refused", SIP_CREDENTIAL_EXPIRED, and Kamailio logs agent1\'s expired credential', async () => {
    const mark = logMark(edge.kamailioLog);
    const behind = 13 * 3600;
    await edge.fakeOrg.advanceClock(-behind, 'default');
    let agent: EdgeAgent | undefined;
    try {
      agent = await openAgent(edge);
      await ready(agent);
      const banner = phoneBanner(agent).getByText(/Phone server refused this agent: 401 Credential Expired/);
      await banner.waitFor({ timeout: 20_000 });
      assert.match(await noticeWith(agent, 'SIP_CREDENTIAL_EXPIRED'), /has expired/);
      assert.equal(await agent.softphone.getByText('Phone ready').count(), 0);
      assert.match(logSince(edge.kamailioLog, mark), /REGISTER from 127\.0\.0\.1:\d+: expired credential <\d+:agent1>/);
      assert.equal(await trunkCallToAgent(), 404, 'agent1 is not registered');
    } finally {
      await agent?.close();
      await edge.fakeOrg.advanceClock(behind, 'default');
    }
  });

  it('another\'s credential (the colleague jordan.lee\'s, the platform\'s customer-*) cannot register as agent1: 403 "Credential For Another User", logged; calls still ring ContactPad', async () => {
    const agent = await openAgent(edge);
    const hijackers: SipPeer[] = [];
    try {
      await ready(agent);
      await agent.softphone.getByText('Phone ready').waitFor({ timeout: 20_000 });

      const mark = logMark(edge.kamailioLog);
      for (const user of ['jordan.lee', 'customer-hijack1']) {
        const credential = await consoleCredential(edge, user);
        const hijacker = await SipPeer.overWebSocket(edge.console.sipWsUrl, { user: AGENT_SIP_USER });
        hijackers.push(hijacker);
        const { final } = await hijacker.register({ credential });
        assert.equal(final.status, 403, `${user}: ${final.startLine}`);
        assert.equal(final.reason, 'Credential For Another User');
      }
      const log = logSince(edge.kamailioLog, mark);
      assert.match(log, /refused REGISTER from 127\.0\.0\.1:\d+: credential <\d+:jordan\.lee> used for user <agent1>/);
      assert.match(log, /refused REGISTER from 127\.0\.0\.1:\d+: credential <\d+:customer-hijack1> used for user <agent1>/);

      // The agent's calls still come to ContactPad, and to nobody else.
      assert.equal(await agent.softphone.getByText('Phone ready').count(), 1);
      await placeCall(agent, { name: 'Daniel Kim', number: '+14155550101', queue: 'Support' });
      const pop = agent.softphone.getByRole('region', { name: /Incoming voice call from Daniel Kim/ });
      await pop.getByRole('button', { name: 'Reject' }).click();
      await customerState(agent, 'rejected');
      for (const hijacker of hijackers) {
        assert.deepEqual(hijacker.received.filter((message) => message.method === 'INVITE'), [], 'no INVITE reached the hijacker\'s connection');
      }
    } finally {
      for (const hijacker of hijackers) hijacker.close();
      await agent.close();
    }
  });
});

describe('who may ring the agent', () => {
  let edge: EdgeConsole;
  before(async () => {
    edge = await startEdgeConsole();
  });
  after(async () => {
    await edge?.close();
  });

  it('an INVITE from an address that is no listed trunk (SIPp from 127.0.0.2, with X-CP-* headers) gets 403, a log line names it, and ContactPad shows no call pop', async () => {
    const agent = await openAgent(edge);
    try {
      await ready(agent);
      await agent.softphone.getByText('Phone ready').waitFor({ timeout: 20_000 });
      const mark = logMark(edge.kamailioLog);
      const forgedId = `forged-${Date.now()}`;
      const result = await runSipp({
        scenario: 'plain-call',
        proxyPort: E2E_SIP_UDP_PORT,
        to: AGENT_SIP_USER,
        localIp: '127.0.0.2',
        fromDisplayName: '"Mallory Unlisted"',
        fromUser: '+14155550166',
        headers: ['X-CP-Queue: Billing', `X-CP-Interaction-Id: ${forgedId}`],
        timeoutMs: 15_000,
      });
      assert.equal(result.statusCodes.at(-1), 403, result.log);
      assert.match(logSince(edge.kamailioLog, mark), /refused INVITE from 127\.0\.0\.2:\d+ over udp \(From <sip:\+14155550166@127\.0\.0\.2:\d+>\): not a listed trunk/);

      // Kamailio answered 403 itself and relayed nothing. A call placed after it is the one that
      // rings: had the refused INVITE reached ContactPad, it would have come first on the same connection.
      await placeCall(agent, { name: 'Priya Natarajan', number: '+14155550103' });
      const pop = agent.softphone.getByRole('region', { name: /Incoming voice call from Priya Natarajan/ });
      await pop.waitFor();
      assert.equal(await agent.softphone.getByRole('region', { name: /Incoming voice call/ }).count(), 1, 'one call pop: the platform\'s');
      assert.equal(await agent.softphone.getByText(/Mallory Unlisted|415.?555.?0166/).count(), 0, 'the refused caller appears nowhere');
      assert.equal(await agent.softphone.locator(`li[data-id="${forgedId}"]`).count(), 0);
      await pop.getByRole('button', { name: 'Reject' }).click();
      await customerState(agent, 'rejected');
    } finally {
      await agent.close();
    }
  });

  it('an authenticated colleague (jordan.lee, not the platform) calling with X-CP-Queue rings ContactPad with no queue: its X-CP-* headers never reach the agent', async () => {
    const agent = await openAgent(edge);
    let colleague: SipPeer | undefined;
    try {
      await ready(agent);
      await agent.softphone.getByText('Phone ready').waitFor({ timeout: 20_000 });
      const { softphone } = agent;

      // The platform's call (the customer simulator, customer-*) shows its queue...
      await placeCall(agent, { name: 'Elena Rossi', number: '+14155550105', queue: 'Billing' });
      const platformPop = softphone.getByRole('region', { name: /Incoming voice call from Elena Rossi, .*queue Billing/ });
      assert.equal(await platformPop.locator('dd.queue').innerText(), 'Billing');
      await platformPop.getByRole('button', { name: 'Reject' }).click();
      await customerState(agent, 'rejected');
      await platformPop.waitFor({ state: 'detached' });

      // ...the colleague's, with the same header, does not.
      const mark = logMark(edge.kamailioLog);
      const forgedId = `forged-colleague-${Date.now()}`;
      colleague = await SipPeer.overWebSocket(edge.console.sipWsUrl, { user: 'jordan.lee' });
      const call = colleague.invite(AGENT_SIP_USER, {
        sdp: webrtcSdp(),
        credential: await consoleCredential(edge, 'jordan.lee'),
        headers: ['X-CP-Queue: Billing', `X-CP-Interaction-Id: ${forgedId}`, 'X-CP-Ad-Source: Radio'],
        timeoutMs: 30_000,
      });
      call.catch(() => {}); // awaited below; a failure before then must not become an unhandled rejection
      const pop = softphone.getByRole('region', { name: /Incoming voice call/ });
      await pop.waitFor({ timeout: 20_000 });

      // The INVITE as ContactPad received it on its WebSocket: the colleague's, without any X-CP-* header.
      const invites = agent.sockets.sockets.flatMap((socket) => sipMessages(socket.received, 'INVITE ')).filter((invite) => /^From: <sip:jordan\.lee@/im.test(invite));
      assert.equal(invites.length, 1, `ContactPad received ${invites.length} INVITEs from jordan.lee`);
      const invite = invites[0]!;
      assert.deepEqual(invite.split('\r\n').filter((line) => /^x-cp-/i.test(line)), [], 'no X-CP-* header reached the agent');
      const sipCallId = /^Call-ID: *(\S+)/im.exec(invite)?.[1] ?? '';
      await softphone.locator(`li.state-alerting[data-id="${sipCallId}"]`).waitFor();
      assert.equal(await softphone.locator(`li[data-id="${forgedId}"]`).count(), 0, 'its X-CP-Interaction-Id was not taken');

      const label = (await pop.getAttribute('aria-label')) ?? '';
      assert.doesNotMatch(label, /queue/i, `no queue announced: ${label}`);
      assert.equal(await pop.locator('dd.queue').innerText(), '', 'no queue in the call pop');
      assert.equal(await pop.locator('dd.ad-source').innerText(), '', 'no ad source either');
      assert.match(logSince(edge.kamailioLog, mark), /removed X-CP-\* headers from INVITE from 127\.0\.0\.1:\d+ over ws \(not a trunk\)/);

      await pop.getByRole('button', { name: 'Reject' }).click();
      assert.equal((await call).final.status, 486, 'the colleague hears the agent reject');
    } finally {
      colleague?.close();
      await agent.close();
    }
  });
});
