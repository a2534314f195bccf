/**
 * A run of 50 calls from varied numbers through Kamailio, with Salesforce unavailable for a
 * stretch in the middle: afterwards the org holds exactly 50 Tasks, one per call, each
 * linked to the record that popped for it (none when nothing could pop), no duplicates.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { customerState, openReadySession, placeCall, tasksFor, type ConsoleSession } from './support/console-session.ts';

/** Callers of the demo org and some it does not know, in the formats platforms send. */
const NUMBERS = [
  '+14155550100', // Lead Maria Lopez
  '+14155550101', // Contact Daniel Kim
  '+14155550102', // Former customer account
  '(415) 555-0103', // Contact with an extension stored
  '+14155550104', // Lead and Contact: the Lead pops
  '+14155550105', // two Contacts: a search pops
  '415.555.0106', // markup in the Lead's name
  '+442079460958', // UK contact
  '+14155550199', // unknown
  '', // withheld
];
const CALLS = 50;
const OUTAGE = { from: 20, to: 30 };

interface Expected {
  readonly interactionId: string;
  readonly popped: string | undefined;
}

describe('fifty calls with a Salesforce outage in the middle', () => {
  let session: ConsoleSession;

  before(async () => {
    session = await openReadySession({ '/ContactPad/wrapUpSeconds': '120' });
  });

  after(async () => {
    await session?.fakeOrg.clearFaults('default');
    await session?.close();
  });

  it('logs exactly one Task per call, linked to what popped, once Salesforce is back', async () => {
    const { page, softphone, fakeOrg } = session;
    const expected: Expected[] = [];
    for (let i = 0; i < CALLS; i++) {
      if (i === OUTAGE.from) await fakeOrg.setFault('default', { kind: 'unavailable' });
      if (i === OUTAGE.to) await fakeOrg.clearFaults('default');
      // During the outage, numbers not seen before (a repeat caller would be served from the cache).
      const inOutage = i >= OUTAGE.from && i < OUTAGE.to;
      const number = inOutage ? `+1415555${2000 + i}` : (NUMBERS[i % NUMBERS.length] ?? '');
      const popsBefore = await page.evaluate(() => window.localConsole!.screenPops.length);
      const interactionId = await placeCall(session, { name: `Caller ${i}`, number, queue: 'Sales' });
      const pop = softphone.getByRole('region', { name: /Incoming voice call/ });
      await pop.getByText(/Lead|Customer|Previous Customer|Unknown|Caller lookup failed/).first().waitFor();
      const lookupFailed = (await pop.getByText(/Caller lookup failed/).count()) > 0;
      assert.equal(lookupFailed, inOutage, `call ${i}: the lookup fails during the outage only`);
      await pop.getByRole('button', { name: 'Accept' }).click();
      await customerState(session, 'connected');
      // A known lookup always pops something (record, search or greeting); a failed one pops nothing.
      if (!lookupFailed) await page.waitForFunction((n) => window.localConsole!.screenPops.length > n, popsBefore);
      const pops = await page.evaluate(() => window.localConsole!.screenPops);
      const last = pops.length > popsBefore ? pops.at(-1) : undefined;
      const popped = last?.type === 'SOBJECT' ? String((last.params as { recordId?: unknown }).recordId) : undefined;
      if (last?.type === 'NEW_RECORD_MODAL') await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
      await softphone.getByRole('button', { name: 'Release' }).click();
      await softphone.getByRole('button', { name: 'Done' }).click();
      expected.push({ interactionId, popped });
    }

    const deadline = Date.now() + 120_000;
    let tasks = await fakeOrg.records('default', 'Task');
    const ours = () => tasks.filter((t) => expected.some((e) => e.interactionId === t['ContactPad_Interaction_Id__c']));
    while (ours().length < CALLS && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      tasks = await fakeOrg.records('default', 'Task');
    }
    assert.equal(ours().length, CALLS, 'one Task per call');
    for (const call of expected) {
      const logged = await tasksFor(session, call.interactionId);
      assert.equal(logged.length, 1, `exactly one Task for ${call.interactionId}`);
      const task = logged[0]!;
      const links = [task['WhoId'], task['WhatId']].filter((id) => typeof id === 'string' && id !== '');
      if (call.popped) assert.ok(links.includes(call.popped), `Task ${call.interactionId} links to ${call.popped}: ${JSON.stringify(links)}`);
      else assert.equal(task['WhoId'] ?? null, null, `Task ${call.interactionId} has no Who when nothing popped`);
    }
  });
});
