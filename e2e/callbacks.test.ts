/**
 * Callback alerts (issue 12 item 2; seed 001), end to end in the local console through Kamailio:
 * the customer simulator plays the platform's callback leg (an INVITE with X-CP-Kind: callback,
 * X-CP-Callback-Number and -Attempt; once the agent starts the call it is the customer's line,
 * and its BYE's Reason header says how that line went, RFC 3326). ContactPad (the built static
 * resource over the Open CTI fake) shows the alert with every field and the caller's labels,
 * checks the number against the compliance rules on Start Call, answers, pops the record (the
 * Lead of a caller who is also a Customer), reads "Call to <number>", records each outcome on the
 * call's Task in the fake org, and cools down after a completed callback only. Reject passes the
 * callback to the next agent: the platform's leg to the SIP edge's callback queue (queue-callbacks:
 * agent1, then emile.durand, a second ContactPad in a browser context of its own) rings the
 * second agent once agent1 rejects, and agent1 takes the state after reject.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Frame } from 'playwright-core';
import { customerState, openReadySession, openSecondAgent, placeCall, simulatorCalls, taskFor, type ConsoleSession } from './support/console-session.ts';
import type { FakeOrgSession } from '../scripts/fake-org/client.ts';

/** The callback queue (ContactPadCallbackQueue; the console's fake org answers it as the class does), called as the platform calls it. */
async function queue(as: FakeOrgSession, path: string, body: unknown = {}): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${as.instanceUrl}/services/apexrest/contactpad/callbacks${path}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${as.accessToken}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** Sam Carter is both an open Lead and a Contact of a customer Account in the demo org. */
const SAM = { name: 'Sam Carter', number: '+14155550104', queue: 'Callbacks', location: 'Downtown store', adSource: 'Radio spring' };

async function agentStatus(softphone: Frame, words: RegExp): Promise<void> {
  await softphone.locator('p.now .words', { hasText: words }).waitFor();
}

/** The simulator calls as a callback of `call`. */
async function callbackFrom(session: ConsoleSession, call: typeof SAM): Promise<string> {
  await session.page.getByTestId('sim-kind').selectOption('callback');
  return placeCall(session, call);
}

/** The platform ends the agent's leg: with a Reason header when the customer's line did not connect. */
async function platformHangsUp(session: ConsoleSession, reason?: string): Promise<void> {
  await session.page.evaluate((header) => window.customerSimulator!.hangUp(header), reason);
  await customerState(session, 'ended');
}

/** Start Call on the ringing callback's alert. */
async function startCall(softphone: Frame): Promise<void> {
  await softphone.getByRole('region', { name: /^Incoming callback/ }).getByRole('button', { name: 'Start Call' }).click();
}

/** Ends wrap up now (Done). */
async function wrapUpDone(softphone: Frame): Promise<void> {
  await softphone.getByRole('button', { name: 'Done' }).click();
}

describe('callback alerts', () => {
  let session: ConsoleSession;

  before(async () => {
    session = await openReadySession({ '/ContactPad/wrapUpSeconds': '300', '/ContactPad/cooldownAfterCallback': 'true', '/ContactPad/cooldownSeconds': '4' });
  });

  after(async () => {
    await session?.close();
  });

  it('alerts with every field and both labels; Start Call connects the customer, pops the Lead, reads "Call to <number>"; answered completes it and the agent cools down', async () => {
    const { softphone, page } = session;
    const interactionId = await callbackFrom(session, SAM);
    const pop = softphone.getByRole('region', { name: /^Incoming callback from Sam Carter/ });
    await pop.waitFor();
    await pop.getByText('Customer', { exact: true }).waitFor();
    await pop.getByText('Lead', { exact: true }).waitFor();
    const text = await pop.innerText();
    for (const expected of ['Callback', 'Sam Carter', '+14155550104', 'Downtown store', 'Callbacks', 'Radio spring']) assert.ok(text.includes(expected), `the alert shows ${expected}: ${text}`);
    const colours = await pop.locator('cp-caller-labels').evaluate((element) =>
      [...element.shadowRoot!.querySelectorAll('li, span')].filter((chip) => /^(Lead|Customer)$/.test(chip.textContent!.trim())).map((chip) => [chip.textContent!.trim(), getComputedStyle(chip).backgroundColor]),
    );
    const lead = colours.find(([label]) => label === 'Lead')?.[1] ?? '';
    const customer = colours.find(([label]) => label === 'Customer')?.[1] ?? '';
    assert.ok(lead !== '' && customer !== '' && lead !== customer, `Lead and Customer chips in their own colours: ${JSON.stringify(colours)}`);
    await pop.getByRole('button', { name: 'Reject' }).waitFor();

    await pop.getByRole('button', { name: 'Start Call' }).click();
    await customerState(session, 'connected');
    await softphone.locator('cp-interaction-detail .who, cp-interaction-detail').filter({ hasText: 'Call to +14155550104' }).first().waitFor();
    await softphone.getByText('Attempt 1 of 3 · In progress').waitFor();
    await page.getByRole('tab', { name: /Sam Carter/ }).waitFor();
    const tab = await page.evaluate(() => window.localConsole!.tabs.find((t) => t.title.includes('Sam Carter')));
    assert.equal(tab?.objectType, 'Lead', 'the Lead pops first for a caller who is both');

    await softphone.getByRole('button', { name: 'Release' }).click();
    await customerState(session, 'ended');
    await softphone.getByText('Attempt 1 of 3 · Completed').waitFor();
    await wrapUpDone(softphone);
    await agentStatus(softphone, /^Cooldown/);
    const task = await taskFor(session, interactionId);
    assert.equal(task['ContactPad_Channel__c'], 'callback');
    assert.match(String(task['Description']), /callback completed \(answered, attempt 1 of 3\)/);
    await agentStatus(softphone, /^Ready/);
  });

  it('voicemail: the platform says the customer\'s voicemail answered; the callback is completed', async () => {
    const { softphone } = session;
    const interactionId = await callbackFrom(session, { ...SAM, name: 'Maria Lopez', number: '+14155550100' });
    await startCall(softphone);
    await customerState(session, 'connected');
    await platformHangsUp(session, 'SIP;cause=200;text="Voicemail"');
    await softphone.getByText('Attempt 1 of 3 · Completed').waitFor();
    await wrapUpDone(softphone);
    assert.match(String((await taskFor(session, interactionId))['Description']), /callback completed \(voicemail, attempt 1 of 3\)/);
    await agentStatus(softphone, /^Ready/);
  });

  it('no answer: kept for another attempt with the attempt and reason told and logged, and no cooldown', async () => {
    const { softphone } = session;
    const interactionId = await callbackFrom(session, { ...SAM, name: 'Maria Lopez', number: '+14155550100' });
    await startCall(softphone);
    await customerState(session, 'connected');
    await platformHangsUp(session, 'SIP;cause=480;text="Temporarily Unavailable"');
    const notice = softphone.getByRole('alert').filter({ hasText: 'CALLBACK_NOT_CONNECTED' }).last();
    await notice.waitFor();
    assert.match(await notice.innerText(), /Callback to \+14155550100 not connected: No answer \(480 Temporarily Unavailable\); attempt 1 of 3, kept for another attempt\./);
    await softphone.getByText('Not connected: kept for another attempt').waitFor();
    await wrapUpDone(softphone);
    assert.match(String((await taskFor(session, interactionId))['Description']), /callback not connected: No answer \(480 Temporarily Unavailable\) \(attempt 1 of 3, kept for another attempt\)/);
    await agentStatus(softphone, /^Ready/);
  });

  it('callback requests as records: the queue offers in request order to several agents, the third to the follow-up; a scheduled request rings its agent at its time and is completed', async () => {
    const { softphone, fakeOrg, page } = session;
    const users = await fakeOrg.records('default', 'User');
    const agent1 = users.find((user) => user['ContactPad_SIP_User__c'] === 'agent1');
    const others = users.filter((user) => user !== agent1).slice(0, 2);
    assert.ok(agent1 && others.length === 2, 'the demo org has agent1 and two other users');
    const [alex, jordan, sam] = await Promise.all([agent1, ...others].map((user) => fakeOrg.createSession('default', String(user!.Id))));

    // Several agents at once: the oldest two are offered, the third request goes to the missed-call follow-up.
    const ids: string[] = [];
    for (const number of ['+14155550161', '+14155550162', '+14155550163']) ids.push(String((await queue(alex!, '', { number, queue: 'Evening callbacks' })).body['Id']));
    const answers = await Promise.all([alex!, jordan!, sam!].map((agent) => queue(agent, '/next', { queue: 'Evening callbacks' })));
    const offered = answers.map((answer) => (answer.body['offered'] as { Id?: string } | undefined)?.Id).filter(Boolean).sort();
    assert.deepEqual(offered, ids.slice(0, 2).sort());
    assert.equal((answers.find((answer) => answer.body['followUp'])?.body['followUp'] as { Id: string }).Id, ids[2]);
    const again = await queue(alex!, '', { number: '(415) 555-0161', queue: 'Evening callbacks' });
    assert.deepEqual([again.body['Status__c'], again.body['Duplicate_Of__c']], ['Duplicate', ids[0]], 'the caller keeps the first request');

    // A scheduled call for agent1, an hour from the org's now: not offered before its time.
    const now = Date.parse((await fakeOrg.clock('default')).now);
    const scheduled = await queue(alex!, '', { number: '+14155550100', name: 'Maria Lopez', location: 'Downtown store', adSource: 'Radio spring', queue: 'Scheduled', scheduledAt: new Date(now + 3_600_000).toISOString(), agentId: agent1!.Id });
    assert.equal(scheduled.body['Status__c'], 'Scheduled');
    assert.deepEqual((await queue(alex!, '/next', { queue: 'Scheduled' })).body, {});
    await fakeOrg.advanceClock(3_601, 'default');
    try {
      const due = (await queue(alex!, '/next', { queue: 'Scheduled' })).body['offered'] as Record<string, string>;
      assert.equal(due['Id'], scheduled.body['Id']);
      // The platform rings agent1 with the request: the alert, Start Call, the request in progress, the customer connected.
      await callbackFrom(session, { name: due['Caller_Name__c']!, number: due['Number__c']!, queue: due['Queue__c']!, location: due['Location__c']!, adSource: due['Ad_Source__c']! });
      const pop = softphone.getByRole('region', { name: /^Incoming callback from Maria Lopez/ });
      await pop.waitFor();
      await startCall(softphone);
      assert.equal((await queue(alex!, `/${due['Id']}/start`)).status, 200);
      assert.equal((await queue(jordan!, `/${due['Id']}/start`)).status, 409, 'only one agent starts it');
      await customerState(session, 'connected');
      await page.getByRole('tab', { name: /Maria Lopez/ }).waitFor();
      await softphone.getByRole('button', { name: 'Release' }).click();
      await customerState(session, 'ended');
      await wrapUpDone(softphone);
      const done = await queue(alex!, `/${due['Id']}/outcome`, { outcome: 'answered' });
      assert.deepEqual([done.body['Status__c'], done.body['Attempts__c'], done.body['Outcome__c']], ['Completed', 1, 'Answered']);
      await agentStatus(softphone, /^Ready/);
    } finally {
      await fakeOrg.advanceClock(-3_601, 'default');
    }
  });

  it('Do Not Call: Start Call declines the alert, names the rule, and keeps the request for later', async () => {
    const { softphone, fakeOrg } = session;
    const leads = await fakeOrg.records('default', 'Lead');
    const maria = leads.find((lead) => lead['LastName'] === 'Lopez');
    await fakeOrg.update('default', 'Lead', maria!.Id, { DoNotCall: true });
    try {
      await callbackFrom(session, { ...SAM, name: 'Maria Lopez', number: '+14155550100' });
      await startCall(softphone);
      await customerState(session, 'rejected');
      const notice = softphone.getByRole('alert').filter({ hasText: 'CALL_BLOCKED_DO_NOT_CALL' }).last();
      await notice.waitFor();
      assert.match(await notice.innerText(), /Callback to \+14155550100 not started: Do Not Call: .* The request is kept for later\./);
      await agentStatus(softphone, /^Ready/);
    } finally {
      await fakeOrg.update('default', 'Lead', maria!.Id, { DoNotCall: false });
    }
  });
});

describe('a callback alert rejected by one agent', () => {
  let session: ConsoleSession;

  before(async () => {
    session = await openReadySession({ '/ContactPad/wrapUpSeconds': '300', '/ContactPad/stateAfterReject': 'not-ready', '/ContactPad/rejectNotReadyReason': 'Passed on' });
  });

  after(async () => {
    await session?.close();
  });

  it('is offered to the next agent of the callback queue with every field and label; agent1 goes Not Ready; the next agent starts the call', async () => {
    const { softphone } = session;
    const next = await openSecondAgent(session, 'emile.durand');
    try {
      await simulatorCalls(session, 'queue-callbacks');
      await callbackFrom(session, SAM);
      await softphone.getByRole('region', { name: /^Incoming callback from Sam Carter/ }).getByRole('button', { name: 'Reject' }).click();
      await agentStatus(softphone, /^Not Ready/);
      assert.match(await softphone.locator('p.now').innerText(), /Passed on/, 'the reason the state-after-reject setting names');

      const pop = next.softphone.getByRole('region', { name: /^Incoming callback from Sam Carter/ });
      await pop.waitFor();
      await pop.getByText('Customer', { exact: true }).waitFor();
      await pop.getByText('Lead', { exact: true }).waitFor();
      const text = await pop.innerText();
      for (const expected of ['Callback', 'Sam Carter', '+14155550104', 'Downtown store', 'Callbacks', 'Radio spring']) assert.ok(text.includes(expected), `the next agent's alert shows ${expected}: ${text}`);
      assert.equal(await session.page.evaluate(() => window.customerSimulator!.state), 'ringing', 'the reject did not end the platform\'s leg');

      await startCall(next.softphone);
      await customerState(session, 'connected');
      await next.softphone.locator('cp-interaction-detail').filter({ hasText: 'Call to +14155550104' }).first().waitFor();
      await next.page.getByRole('tab', { name: /Sam Carter/ }).waitFor();
      await next.softphone.getByRole('button', { name: 'Release' }).click();
      await customerState(session, 'ended');
      await agentStatus(softphone, /^Not Ready/);
    } finally {
      await simulatorCalls(session, 'agent1');
      await next.close();
    }
  });
});
