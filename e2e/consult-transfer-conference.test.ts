/**
 * Consult, transfer and conference end to end (issue 11, item 2; seed 004), through Kamailio
 * with up to four SIP user agents at once: ContactPad (the agent, WebRTC), the customer
 * simulator (WebRTC), the colleague's phone (Jordan Lee, WebRTC) and baresip phones (plain RTP
 * through rtpengine: a caller from the phone network, and a number to consult or transfer to).
 *
 * Every party sends a tone of its own, so what a party hears tells whom it hears: the agent's
 * fake microphone plays 1000 Hz, the customer 700 Hz (the console's ?customerToneHz), the
 * colleague's phone 440 Hz, a baresip phone 600 Hz. A browser party measures its remote audio
 * (Web Audio analyser), a baresip phone the audio it decoded (its sndfile recording, Goertzel;
 * baresip 1.0 stops recording after a re-INVITE, so it is measured only on legs never held).
 * A tone heard reads above -60 dB; one not heard (silence, or a codec's leftovers) below -80 dB.
 */
import { after, afterEach, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { Frame, Locator } from 'playwright-core';
import { startBaresip, type RunningBaresip } from '../scripts/sip-peers/baresip.ts';
import { AGENT_SIP_USER, E2E_SIP_UDP_PORT, SIP_DOMAIN } from '../scripts/test-ports.ts';
import { customerState, placeCall, taskFor, type ConsoleSession } from './support/console-session.ts';
import { waitForPhoneAudioBothWays } from './support/phone-network.ts';
import { eventually, openToneSession, readWav, secondsOf, since, toneLevels } from './support/tones.ts';

const AGENT_URI = `sip:${AGENT_SIP_USER}@${SIP_DOMAIN}`;
const AGENT_HZ = 1000;
const CUSTOMER_HZ = 700;
const COLLEAGUE_HZ = 440;
const PHONE_HZ = 600;
const HEARD_DB = -60;
const NOT_HEARD_DB = -80;
const CONSULT_TIMEOUT_SECONDS = 5;

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** A tone not heard: below -80 dB, or 40 dB under the loudest tone measured beside it (a codec's leftovers of that one). */
function notHeard(levels: Record<number, number>, hz: number): boolean {
  const loudest = Math.max(...Object.values(levels));
  return levels[hz]! < Math.max(NOT_HEARD_DB, loudest - 40);
}

/** The interaction's item in ContactPad's list. */
function item(softphone: Frame, id: string): Locator {
  return softphone.locator(`li[data-id="${id}"]`);
}

/** The ids of the consult calls listed now. */
async function consultIds(softphone: Frame): Promise<string[]> {
  const rows = softphone.locator('li[data-id]', { has: softphone.locator('.detail', { hasText: 'Consult about' }) });
  return (await rows.evaluateAll((elements) => elements.map((element) => element.getAttribute('data-id') ?? '')));
}

/** Consults about `row` (the dialog, `choice`) and returns the new consult call's item. */
async function consultFrom(softphone: Frame, row: Locator, choice: { option: RegExp } | { typed: string }): Promise<Locator> {
  const before = await consultIds(softphone);
  await chooseInDialog(softphone, row, 'Consult', choice);
  const deadline = Date.now() + 15_000;
  for (;;) {
    const added = (await consultIds(softphone)).find((id) => !before.includes(id));
    if (added) return item(softphone, added);
    if (Date.now() > deadline) throw new Error('No consult call was listed.');
    await sleep(100);
  }
}

async function stateIs(row: Locator, state: string): Promise<void> {
  await row.locator('.state', { hasText: new RegExp(`^${state}$`) }).waitFor();
}

/** The consult and transfer actions a row offers, in order (the in-call controls beside them left out). */
async function actionsOf(row: Locator): Promise<string[]> {
  const shown = ['Release', 'Hold', 'Retrieve', 'Consult', 'Transfer', 'Drop consult', 'Complete transfer', 'Conference', 'Leave conference'];
  return (await row.locator('.actions button').allInnerTexts()).filter((words) => shown.includes(words.trim())).map((words) => words.trim());
}

/** Waits for the agent status ContactPad shows. */
async function agentStatus(softphone: Frame, words: RegExp): Promise<void> {
  await softphone.locator('p.now .words', { hasText: words }).waitFor({ timeout: 20_000 });
}

/** The tones a baresip phone received over the next `ms` (the audio it decoded meanwhile). */
async function phoneHears(phone: RunningBaresip, frequencies: readonly number[], ms = 2500): Promise<Record<number, number>> {
  const from = secondsOf(readWav(phone.receivedAudio()));
  await sleep(ms);
  return toneLevels(since(readWav(phone.receivedAudio()), from), frequencies);
}

function colleagueHears(session: ConsoleSession, frequencies: readonly number[]): Promise<Record<number, number>> {
  return session.page.evaluate((hz) => window.localConsole!.colleague.toneLevels(hz), frequencies);
}

function customerHears(session: ConsoleSession, frequencies: readonly number[]): Promise<Record<number, number>> {
  return session.page.evaluate((hz) => window.customerSimulator!.toneLevels(hz), frequencies);
}

async function colleagueCalls(session: ConsoleSession) {
  return session.page.evaluate(() => window.localConsole!.colleague.calls);
}

/** Opens the consult (or transfer) dialog of `row` and picks the option named `option`, or types `typed` and presses Return. */
async function chooseInDialog(softphone: Frame, row: Locator, button: 'Consult' | 'Transfer', choice: { option: RegExp } | { typed: string }): Promise<void> {
  await row.getByRole('button', { name: button, exact: true }).click();
  const search = softphone.getByRole('combobox', { name: 'Search agents and services' });
  await search.waitFor();
  if ('option' in choice) {
    await softphone.getByRole('option', { name: choice.option }).click();
  } else {
    await search.fill(choice.typed);
    await search.press('Enter');
  }
}

describe('consult, transfer and conference through Kamailio and rtpengine', () => {
  let session: ConsoleSession;
  const phones: RunningBaresip[] = [];

  before(async () => {
    const settings = { '/ContactPad/wrapUpSeconds': '2', '/ContactPad/consultTimeoutSeconds': String(CONSULT_TIMEOUT_SECONDS) };
    session = await openToneSession(settings, AGENT_HZ, `&customerToneHz=${CUSTOMER_HZ}`);
    await session.page.waitForFunction(() => window.localConsole!.colleague.registration === 'registered');
  });

  afterEach(async () => {
    // A test that failed halfway leaves nobody on a call: the customer, the colleague and the phones hang up.
    const hangUp = session.page.getByTestId('sim-hangup');
    if (await hangUp.isEnabled()) await hangUp.click({ timeout: 2000 }).catch(() => undefined); // (it may have ended meanwhile)
    await session.page.evaluate(() => window.localConsole!.colleague.hangUp()).catch(() => undefined);
    await session.page.evaluate(() => window.localConsole!.colleague.setAutoAnswer(true)).catch(() => undefined);
    await Promise.all(phones.splice(0).map((phone) => phone.stop()));
    await agentStatus(session.softphone, /^Ready/);
  });

  after(async () => {
    await session?.close();
  });

  async function phone(options: Omit<Parameters<typeof startBaresip>[0], 'proxyPort'>): Promise<RunningBaresip> {
    const started = await startBaresip({ proxyPort: E2E_SIP_UDP_PORT, codecs: 'pcmu', toneHz: PHONE_HZ, recordReceived: true, ...options });
    phones.push(started);
    return started;
  }

  /** The customer simulator calls as one of the demo org's callers (a known record: no new-record form pops); the agent answers. */
  async function answeredCustomer(name: string, number: string): Promise<{ callId: string; row: Locator }> {
    const callId = await placeCall(session, { name, number });
    await session.softphone.getByRole('region', { name: new RegExp(`Incoming voice call from ${name}`) }).getByRole('button', { name: 'Accept' }).click();
    await customerState(session, 'connected');
    await eventually('the customer hearing the agent', () => customerHears(session, [AGENT_HZ]), (levels) => levels[AGENT_HZ]! >= HEARD_DB);
    return { callId, row: item(session.softphone, callId) };
  }

  /** A plain-RTP caller (baresip through rtpengine) the agent has answered; audio flowing both ways. */
  async function answeredPhoneCaller(name: string, user: string, displayName: string): Promise<{ caller: RunningBaresip; callId: string; row: Locator }> {
    const caller = await phone({ name, user, displayName });
    const callId = await caller.dial(AGENT_URI);
    await session.softphone.getByRole('region', { name: new RegExp(`Incoming voice call from ${displayName}`) }).getByRole('button', { name: 'Accept' }).click();
    await caller.waitForEstablished(callId);
    await waitForPhoneAudioBothWays(session, callId, caller);
    return { caller, callId, row: item(session.softphone, callId) };
  }

  it('holds and retrieves: the held customer hears nothing of the agent, then the agent again; a plain-RTP caller is held (sendonly) and retrieved, and its own hold shows "Held by the caller"', async () => {
    const { softphone } = session;
    const { row } = await answeredCustomer('Maria Lopez', '+14155550100');
    await row.getByRole('button', { name: 'Hold' }).click();
    await stateIs(row, 'On Hold');
    await eventually('the held customer hearing nothing of the agent', () => customerHears(session, [AGENT_HZ]), (levels) => notHeard(levels, AGENT_HZ));
    await row.getByRole('button', { name: 'Retrieve' }).click();
    await stateIs(row, 'Connected');
    await eventually('the customer hearing the agent again', () => customerHears(session, [AGENT_HZ]), (levels) => levels[AGENT_HZ]! >= HEARD_DB);
    await row.getByRole('button', { name: 'Release' }).click();
    await customerState(session, 'ended');
    await agentStatus(softphone, /^Ready/);

    const { caller, callId, row: phoneRow } = await answeredPhoneCaller('e2e-held', '+14155550101', 'Daniel Kim');
    await phoneRow.getByRole('button', { name: 'Hold' }).click();
    await stateIs(phoneRow, 'On Hold');
    assert.match(readFileSync(caller.logFile, 'utf8'), /a=sendonly/, 'the re-INVITE the caller got holds them (a=sendonly, through rtpengine)');
    await phoneRow.getByRole('button', { name: 'Retrieve' }).click();
    await stateIs(phoneRow, 'Connected');
    const before = (await caller.audioStats()).packetsReceived;
    await waitForPhoneAudioBothWays(session, callId, caller, before + 50);

    // The caller's phone holds the agent: ContactPad says so, and stops saying it once they come back.
    await caller.hold(true);
    await phoneRow.getByText('Held by the caller').waitFor();
    await caller.hold(false);
    await phoneRow.getByText('Held by the caller').waitFor({ state: 'detached' });

    await phoneRow.getByRole('button', { name: 'Release' }).click();
    assert.ok((await caller.waitForEnd(callId)).byPeer, 'the caller got the agent\'s BYE');
  });

  it('consults a colleague, swaps between the calls, and completes an attended transfer: the customer and the colleague talk, the agent is free', async () => {
    const { softphone, page } = session;
    const { callId, row: original } = await answeredCustomer('Lena Park', '+14155550108');
    const consult = await consultFrom(softphone, original, { option: /Jordan Lee/ });
    await stateIs(consult, 'Connected');
    await stateIs(original, 'On Hold');
    assert.deepEqual(await actionsOf(consult), ['Release', 'Hold', 'Drop consult', 'Complete transfer', 'Conference']);
    assert.deepEqual(await actionsOf(original), ['Retrieve', 'Release', 'Transfer']);
    await eventually('the colleague hearing the agent', () => colleagueHears(session, [AGENT_HZ, CUSTOMER_HZ]), (levels) => levels[AGENT_HZ]! >= HEARD_DB && notHeard(levels, CUSTOMER_HZ));

    // Swap: retrieving one call holds the other, both ways.
    await original.getByRole('button', { name: 'Retrieve' }).click();
    await stateIs(original, 'Connected');
    await stateIs(consult, 'On Hold');
    await consult.getByRole('button', { name: 'Retrieve' }).click();
    await stateIs(consult, 'Connected');
    await stateIs(original, 'On Hold');

    await consult.getByRole('button', { name: 'Complete transfer' }).click();
    await original.waitFor({ state: 'detached' });
    await consult.waitFor({ state: 'detached' });
    await page.waitForFunction(() => window.localConsole!.colleague.state === 'In a call with Lena Park');
    const calls = await colleagueCalls(session);
    assert.deepEqual(calls.at(-1), { from: 'Lena Park', answered: true, replaced: true }, 'the customer\'s INVITE with Replaces took over the consult call');
    assert.equal(calls.at(-2)?.endedBy, 'colleague', 'the colleague\'s phone hung up the replaced consult call');

    // The customer and the colleague talk, and the agent is gone from the colleague's call.
    await eventually('the customer hearing the colleague', () => customerHears(session, [COLLEAGUE_HZ]), (levels) => levels[COLLEAGUE_HZ]! >= HEARD_DB);
    await eventually('the colleague hearing the customer alone', () => colleagueHears(session, [CUSTOMER_HZ, AGENT_HZ]), (levels) => levels[CUSTOMER_HZ]! >= HEARD_DB && notHeard(levels, AGENT_HZ));
    await agentStatus(softphone, /^Ready/);
    assert.match(String((await taskFor(session, callId))['Description']), /Jordan Lee/);
  });

  it('transfers blind: a plain-RTP caller to a colleague (its phone follows the REFER), and a customer to a typed number (a second plain-RTP phone)', async () => {
    const { softphone, page } = session;
    const before = (await colleagueCalls(session)).length;
    const { callId, row } = await answeredPhoneCaller('e2e-blind', '+14155550103', 'Priya Natarajan');
    await chooseInDialog(softphone, row, 'Transfer', { option: /Jordan Lee/ });
    await row.waitFor({ state: 'detached' });
    await page.waitForFunction((n) => window.localConsole!.colleague.calls.length > n && window.localConsole!.colleague.calls.at(-1)!.answered, before);
    await eventually('the colleague hearing the transferred caller', () => colleagueHears(session, [PHONE_HZ, AGENT_HZ]), (levels) => levels[PHONE_HZ]! >= HEARD_DB && notHeard(levels, AGENT_HZ));
    assert.match(String((await taskFor(session, callId))['Description']), /Jordan Lee/);
    await page.evaluate(() => window.localConsole!.colleague.hangUp());
    await agentStatus(softphone, /^Ready/);

    const number = await phone({ name: 'e2e-number', user: '+14155550142', register: true, autoAnswer: true });
    const { callId: second, row: secondRow } = await answeredCustomer('Tom Becker', '+14155550107');
    await chooseInDialog(softphone, secondRow, 'Transfer', { typed: '+1 415 555 0142' });
    await secondRow.waitFor({ state: 'detached' });
    const forwarded = await number.waitForIncoming();
    await number.waitForEstablished(forwarded);
    await page.waitForFunction(() => window.customerSimulator!.transferredTo === '+14155550142' && window.customerSimulator!.state === 'connected');
    await eventually('the customer hearing the number', () => customerHears(session, [PHONE_HZ, AGENT_HZ]), (levels) => levels[PHONE_HZ]! >= HEARD_DB && notHeard(levels, AGENT_HZ));
    await eventually('the number hearing the customer', () => phoneHears(number, [CUSTOMER_HZ]), (levels) => levels[CUSTOMER_HZ]! >= HEARD_DB);
    assert.match(String((await taskFor(session, second))['Description']), /\+1 415 555 0142/);
    await number.hangUp();
  });

  it('joins a customer and a plain-RTP phone in a conference: each hears the other two; the phone leaving leaves a two-party call; the agent leaving ends both', async () => {
    const { softphone, page } = session;
    const number = await phone({ name: 'e2e-conference', user: '+14155550143', register: true, autoAnswer: true });
    const { row: original } = await answeredCustomer('Brightside Dental', '+14155550102');
    const consult = await consultFrom(softphone, original, { typed: '+1 415 555 0143' });
    await stateIs(consult, 'Connected');
    await stateIs(original, 'On Hold');

    await consult.getByRole('button', { name: 'Conference' }).click();
    await stateIs(original, 'Connected');
    await original.getByText('Conference', { exact: true }).waitFor();
    await consult.getByText('Conference', { exact: true }).waitFor();
    assert.deepEqual(await actionsOf(consult), ['Release', 'Complete transfer', 'Leave conference']);
    assert.deepEqual(await actionsOf(original), ['Release', 'Leave conference']);

    // The customer hears the phone and the agent; the phone hears the customer and the agent.
    await eventually('the customer hearing the phone and the agent', () => customerHears(session, [PHONE_HZ, AGENT_HZ]), (levels) => levels[PHONE_HZ]! >= HEARD_DB && levels[AGENT_HZ]! >= HEARD_DB);
    await eventually('the phone hearing the customer and the agent', () => phoneHears(number, [CUSTOMER_HZ, AGENT_HZ]), (levels) => levels[CUSTOMER_HZ]! >= HEARD_DB && levels[AGENT_HZ]! >= HEARD_DB);

    // The phone leaves: a two-party call again; the customer still hears the agent, no longer the phone.
    await number.hangUp();
    await stateIs(consult, 'Ended');
    await original.getByText('Conference', { exact: true }).waitFor({ state: 'detached' });
    assert.deepEqual(await actionsOf(original), ['Release', 'Hold', 'Consult', 'Transfer']);
    await eventually('the customer hearing the agent alone', () => customerHears(session, [PHONE_HZ, AGENT_HZ]), (levels) => levels[AGENT_HZ]! >= HEARD_DB && notHeard(levels, PHONE_HZ));

    // With the colleague this time, and the agent leaves: both calls end.
    const again = await consultFrom(softphone, original, { option: /Jordan Lee/ });
    await stateIs(again, 'Connected');
    await again.getByRole('button', { name: 'Conference' }).click();
    await again.getByText('Conference', { exact: true }).waitFor();
    await eventually('the colleague hearing the customer and the agent', () => colleagueHears(session, [CUSTOMER_HZ, AGENT_HZ]), (levels) => levels[CUSTOMER_HZ]! >= HEARD_DB && levels[AGENT_HZ]! >= HEARD_DB);
    await again.getByRole('button', { name: 'Leave conference' }).click();
    await customerState(session, 'ended');
    await page.waitForFunction(() => window.localConsole!.colleague.state === 'Call ended');
  });

  it('a consult nobody answers is given up after consultTimeoutSeconds; one to a colleague who declines, or to a number that does not exist, is told; the customer stays on hold until retrieved', async () => {
    const { softphone, page } = session;
    const { row: original } = await answeredCustomer('Maria Lopez', '+14155550100');

    await page.evaluate(() => window.localConsole!.colleague.setAutoAnswer(false));
    await chooseInDialog(softphone, original, 'Consult', { option: /Jordan Lee/ });
    await page.waitForFunction(() => window.localConsole!.colleague.state === 'Ringing');
    await softphone
      .getByText(`Jordan Lee did not answer within ${CONSULT_TIMEOUT_SECONDS} s, so the consult was cancelled. Maria Lopez is still on hold: Retrieve to go back to them.`)
      .waitFor({ timeout: 20_000 });
    await page.waitForFunction(() => window.localConsole!.colleague.state === 'Call ended');
    await stateIs(original, 'On Hold');

    await chooseInDialog(softphone, original, 'Consult', { option: /Jordan Lee/ });
    await page.waitForFunction(() => window.localConsole!.colleague.state === 'Ringing');
    await page.evaluate(() => window.localConsole!.colleague.decline());
    await softphone.getByText(/Jordan Lee declined the call: the consult did not connect\. Maria Lopez is still on hold/).waitFor();

    await chooseInDialog(softphone, original, 'Consult', { typed: '+1 415 555 0199' });
    await softphone.getByText(/\+1 415 555 0199 does not exist \(404 Not Found\): the consult did not connect/).waitFor();
    await stateIs(original, 'On Hold');
    await eventually('the held customer hearing nothing of the agent', () => customerHears(session, [AGENT_HZ]), (levels) => notHeard(levels, AGENT_HZ));

    await original.getByRole('button', { name: 'Retrieve' }).click();
    await stateIs(original, 'Connected');
    await eventually('the customer hearing the agent again', () => customerHears(session, [AGENT_HZ]), (levels) => levels[AGENT_HZ]! >= HEARD_DB);
    await original.getByRole('button', { name: 'Release' }).click();
    await customerState(session, 'ended');
  });
});
