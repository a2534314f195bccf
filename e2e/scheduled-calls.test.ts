/**
 * Scheduled calls (issue 12 item 3; seed 003 "Scheduled calls"), end to end in the local console:
 * from a record's Call back dialog the agent schedules the call for a date and time (a time past
 * and a time outside the calling hours in the customer's time zone refused, the rule named); the
 * request is a Salesforce record for this agent linked to the Lead (the fake org answers the
 * callback queue as ContactPadCallbackQueue does); the dialog lists it, the agent moves it and
 * cancels another. Once due, the platform (played here as e2e/callbacks.test.ts plays it: the
 * queue's `/next`, then the customer simulator's callback INVITE) is offered it for this agent
 * only, and it rings the agent as a callback alert.
 *
 * "Scheduled calls" in the dial box lists them at any time (their time, the customer's, the
 * record opening in the console) with Move and Cancel; a move is checked against the record the
 * call was scheduled from (a Lead made Do Not Call since blocks it, the request kept). A call
 * scheduled from Sam Carter's Contact (his number is also his open Lead's, which the screen-pop
 * rules pop first) pops the Contact when it rings at its time and is started: the platform names
 * the request (X-CP-Callback-Request), and the call's Task links to the Contact.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Frame, Locator } from 'playwright-core';
import { customerState, openFromTasks, openReadySession, placeCall, taskFor, type ConsoleSession } from './support/console-session.ts';
import type { FakeOrgSession } from '../scripts/fake-org/client.ts';

const DAY = 86_400_000;

async function queue(as: FakeOrgSession, path: string, body: unknown): Promise<Record<string, unknown>> {
  const response = await fetch(`${as.instanceUrl}/services/apexrest/contactpad/callbacks${path}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${as.accessToken}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  return (await response.json()) as Record<string, unknown>;
}

/** The browser's datetime-local value for an instant (in the browser's own time zone, which the dialog names). */
async function localValue(softphone: Frame, at: number): Promise<string> {
  return softphone.evaluate((ms) => {
    const d = new Date(ms);
    const two = (n: number) => String(n).padStart(2, '0');
    return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}T${two(d.getHours())}:${two(d.getMinutes())}`;
  }, at);
}

describe('scheduled calls from a record', () => {
  let session: ConsoleSession;

  before(async () => {
    session = await openReadySession({ '/ContactPad/wrapUpSeconds': '300' });
  });

  after(async () => {
    await session?.close();
  });

  it('schedules from a Lead (a past time and a night time refused), lists it, moves it, cancels another; once due it rings the agent', async () => {
    const { softphone, page, fakeOrg } = session;
    const setting = (await fakeOrg.records('default', 'ContactPad_Outbound_Setting__mdt')).find((r) => r['DeveloperName'] === 'Default');
    await fakeOrg.update('default', 'ContactPad_Outbound_Setting__mdt', setting!.Id, { Calling_Hours_Start__c: '08:00', Calling_Hours_End__c: '21:00' });
    try {
      // The agent opens Maria Lopez (a Lead, (415) 555-0100, San Francisco) from the Tasks list.
      const leadId = await openFromTasks(session, 'Maria Lopez', 'Lead');

      await softphone.getByRole('button', { name: 'Call back', exact: true }).click();
      const dialog = softphone.getByRole('dialog', { name: /^Call back/ });
      await dialog.waitFor();
      const zone = await softphone.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone);
      const when = dialog.getByLabel(`Date and time (your time, ${zone})`);
      const now = Date.parse((await fakeOrg.clock('default')).now);
      const day = (days: number, hourUtc: number) => {
        const d = new Date(now + days * DAY);
        return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), hourUtc);
      };
      const notice = (code: string) => softphone.getByRole('alert').filter({ hasText: code }).last();

      await when.fill(await localValue(softphone, now - 3 * 3_600_000));
      await dialog.getByRole('button', { name: 'Schedule' }).click();
      await notice('SCHEDULE_IN_PAST').waitFor();
      // 09:00 UTC is 01:00 or 02:00 in San Francisco.
      await when.fill(await localValue(softphone, day(2, 9)));
      await dialog.getByRole('button', { name: 'Schedule' }).click();
      assert.match(await notice('CALL_BLOCKED_CALLING_HOURS').innerText(), /Calling hours: .*America\/Los_Angeles/);

      // Noon in San Francisco: scheduled, and a second one for another number.
      await when.fill(await localValue(softphone, day(2, 20)));
      await dialog.getByRole('button', { name: 'Schedule' }).click();
      const list = dialog.getByRole('list', { name: 'Your scheduled calls' });
      await list.getByRole('listitem').filter({ hasText: '+14155550100' }).waitFor();
      await dialog.getByLabel("Customer's number").fill('+1 415 555 0177');
      await when.fill(await localValue(softphone, day(3, 20)));
      await dialog.getByRole('button', { name: 'Schedule' }).click();
      await list.getByRole('listitem').filter({ hasText: '+14155550177' }).waitFor();
      const saved = (await fakeOrg.records('default', 'ContactPad_Callback_Request__c')).filter((r) => r['Status__c'] === 'Scheduled' && r['Record_Id__c'] === leadId);
      assert.deepEqual(saved.map((r) => [r['Number__c'], Date.parse(String(r['Scheduled_At__c']))]).sort(), [['+14155550100', day(2, 20)], ['+14155550177', day(3, 20)]]);
      const agentId = String(saved[0]!['Agent__c']);

      // Moved to the next morning (17:00 UTC, 09:00 or 10:00 in San Francisco); the other cancelled.
      const first: Locator = list.getByRole('listitem').filter({ hasText: '+14155550100' });
      await first.getByRole('textbox', { name: /^New time for/ }).fill(await localValue(softphone, day(1, 17)));
      await first.getByRole('button', { name: 'Move' }).click();
      const movedWords = await softphone.evaluate((ms) => new Date(ms).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' }), day(1, 17));
      await list.getByRole('listitem').filter({ hasText: '+14155550100' }).filter({ hasText: movedWords }).waitFor();
      await list.getByRole('button', { name: /^Cancel the call to .*/ }).last().click();
      await list.getByRole('listitem').filter({ hasText: '+14155550177' }).waitFor({ state: 'detached' });
      const after = await fakeOrg.records('default', 'ContactPad_Callback_Request__c');
      const moved = after.find((r) => r.Id === saved.find((s) => s['Number__c'] === '+14155550100')!.Id)!;
      assert.equal(Date.parse(String(moved['Scheduled_At__c'])), day(1, 17), 'moved');
      assert.equal(after.find((r) => r.Id === saved.find((s) => s['Number__c'] === '+14155550177')!.Id)!['Status__c'], 'Cancelled');
      await dialog.getByRole('button', { name: 'Cancel', exact: true }).click();

      // Once due, the platform is offered it for this agent only, and it rings the agent.
      const users = await fakeOrg.records('default', 'User');
      const other = users.find((user) => user.Id !== agentId)!;
      const [agent, colleague] = await Promise.all([fakeOrg.createSession('default', agentId), fakeOrg.createSession('default', String(other.Id))]);
      assert.deepEqual(await queue(agent!, '/next', { queue: 'Scheduled' }), {}, 'not before its time');
      const ahead = Math.ceil((day(1, 17) - now) / 1000) + 60;
      await fakeOrg.advanceClock(ahead, 'default');
      try {
        assert.deepEqual(await queue(colleague!, '/next', { queue: 'Scheduled' }), {}, 'not to another agent');
        const due = (await queue(agent!, '/next', { queue: 'Scheduled' }))['offered'] as Record<string, string>;
        assert.equal(due['Id'], moved.Id);
        await page.getByTestId('sim-kind').selectOption('callback');
        await placeCall(session, { name: due['Caller_Name__c']!, number: due['Number__c']!, queue: due['Queue__c']! });
        const pop = softphone.getByRole('region', { name: /^Incoming callback from Maria Lopez/ });
        await pop.waitFor();
        assert.ok((await pop.innerText()).includes('+14155550100'));
        await pop.getByRole('button', { name: 'Reject' }).click();
        await customerState(session, 'rejected');
      } finally {
        await fakeOrg.advanceClock(-ahead, 'default');
      }
    } finally {
      await fakeOrg.update('default', 'ContactPad_Outbound_Setting__mdt', setting!.Id, { Calling_Hours_Start__c: null, Calling_Hours_End__c: null });
    }
  });

});

describe('"Scheduled calls" at any time, and the record a scheduled call pops', () => {
  let session: ConsoleSession;

  before(async () => {
    session = await openReadySession({ '/ContactPad/wrapUpSeconds': '300' });
  });

  after(async () => {
    await session?.close();
  });

  it('"Scheduled calls" lists, moves and cancels them at any time; a Lead made Do Not Call blocks its move; a call scheduled from a Contact whose number is also a Lead\'s pops the Contact when it rings and is started', async () => {
    const { softphone, page, fakeOrg } = session;
    const sam = (await fakeOrg.records('default', 'Contact')).find((r) => r['LastName'] === 'Carter')!;
    const samLead = (await fakeOrg.records('default', 'Lead')).find((r) => r['LastName'] === 'Carter')!;
    const maria = (await fakeOrg.records('default', 'Lead')).find((r) => r['LastName'] === 'Lopez')!;
    // A colleague logged a visit with Sam Carter's Contact: the agent opens him from the Tasks list.
    await fakeOrg.insert('default', 'Task', { Subject: 'Visit follow-up', WhoId: sam.Id, Status: 'Completed', Priority: 'Normal' });
    const now = Date.parse((await fakeOrg.clock('default')).now);
    const day = (days: number, hourUtc: number) => {
      const d = new Date(now + days * DAY);
      return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), hourUtc);
    };
    const dialog = softphone.getByRole('dialog', { name: /^Call back/ });
    const scheduleFromDialog = async (at: number, number?: string) => {
      await softphone.getByRole('button', { name: 'Call back', exact: true }).click();
      await dialog.waitFor();
      if (number) await dialog.getByLabel("Customer's number").fill(number);
      const zone = await softphone.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone);
      await dialog.getByLabel(`Date and time (your time, ${zone})`).fill(await localValue(softphone, at));
      await dialog.getByRole('button', { name: 'Schedule' }).click();
      await dialog.getByRole('list', { name: 'Your scheduled calls' }).getByRole('listitem').filter({ hasText: number ? number.replace(/\D/g, '').slice(-4) : '0104' }).waitFor();
      await dialog.getByRole('button', { name: 'Cancel', exact: true }).click();
    };
    try {
      assert.equal(await openFromTasks(session, 'Sam Carter', 'Contact'), sam.Id);
      await scheduleFromDialog(day(2, 20));
      assert.equal(await openFromTasks(session, 'Maria Lopez', 'Lead'), maria.Id);
      // A number the agent typed, not the Lead's: only the Lead itself can say Do Not Call.
      await scheduleFromDialog(day(3, 20), '+1 415 555 0178');
      const requests = (await fakeOrg.records('default', 'ContactPad_Callback_Request__c')).filter((r) => r['Status__c'] === 'Scheduled');
      const samCall = requests.find((r) => r['Record_Id__c'] === sam.Id)!;
      const mariaCall = requests.find((r) => r['Record_Id__c'] === maria.Id && r['Number__c'] === '+14155550178')!;
      assert.ok(samCall && mariaCall, 'both scheduled, each linked to its record');

      // "Scheduled calls", beside the calling list: each call's time, the customer's time, the record, the number.
      await page.getByTestId('console-tab').filter({ hasText: 'Tasks' }).click();
      await softphone.getByRole('button', { name: 'Scheduled calls', exact: true }).click();
      const list = softphone.getByRole('list', { name: 'Your scheduled calls' });
      const samRow = list.getByRole('listitem').filter({ hasText: '+14155550104' });
      const mariaRow = list.getByRole('listitem').filter({ hasText: '+14155550178' });
      await samRow.waitFor();
      await mariaRow.waitFor();
      const shown = (ms: number) => softphone.evaluate((at) => new Date(at).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' }), ms);
      const samText = await samRow.innerText();
      assert.ok(samText.includes(await shown(day(2, 20))), samText);
      assert.match(samText, /Customer's time: .* \(America\/Los_Angeles\)/);
      await samRow.getByRole('button', { name: 'Open the record of Sam Carter' }).click();
      await page.waitForFunction((id) => window.localConsole!.tabs.find((t) => t.active)?.recordId === id, String(sam.Id));

      // Maria's Lead is made Do Not Call since: her call cannot be moved, and stays as it was; then it is cancelled.
      await fakeOrg.update('default', 'Lead', maria.Id, { DoNotCall: true });
      await mariaRow.getByRole('textbox', { name: /^New time for/ }).fill(await localValue(softphone, day(4, 20)));
      await mariaRow.getByRole('button', { name: 'Move' }).click();
      const blocked = softphone.getByRole('alert').filter({ hasText: 'CALL_BLOCKED_DO_NOT_CALL' }).last();
      assert.match(await blocked.innerText(), /not moved: Do Not Call: Maria Lopez \(Lead\) is marked Do Not Call in Salesforce\..* It stays scheduled as it was\./);
      const kept = (await fakeOrg.records('default', 'ContactPad_Callback_Request__c')).find((r) => r.Id === mariaCall.Id)!;
      assert.deepEqual([kept['Status__c'], Date.parse(String(kept['Scheduled_At__c']))], ['Scheduled', day(3, 20)]);
      assert.ok((await mariaRow.innerText()).includes(await shown(day(3, 20))), 'the list keeps its time');
      await mariaRow.getByRole('button', { name: /^Cancel the call to/ }).click();
      await mariaRow.waitFor({ state: 'detached' });
      assert.equal((await fakeOrg.records('default', 'ContactPad_Callback_Request__c')).find((r) => r.Id === mariaCall.Id)!['Status__c'], 'Cancelled');

      // Sam's call moved to tomorrow from the list.
      await samRow.getByRole('textbox', { name: 'New time for Sam Carter' }).fill(await localValue(softphone, day(1, 18)));
      await samRow.getByRole('button', { name: 'Move' }).click();
      await list.getByRole('listitem').filter({ hasText: '+14155550104' }).filter({ hasText: await shown(day(1, 18)) }).waitFor();
      assert.equal(Date.parse(String((await fakeOrg.records('default', 'ContactPad_Callback_Request__c')).find((r) => r.Id === samCall.Id)!['Scheduled_At__c'])), day(1, 18));
      await softphone.getByRole('button', { name: 'Close', exact: true }).click();
      await list.waitFor({ state: 'detached' });

      // At its time the platform is offered it and rings the agent naming the request; Start Call pops the Contact, not the Lead.
      const agent = await fakeOrg.createSession('default', String(samCall['Agent__c']));
      const ahead = Math.ceil((day(1, 18) - now) / 1000) + 60;
      await fakeOrg.advanceClock(ahead, 'default');
      try {
        const due = (await queue(agent, '/next', { queue: 'Scheduled' }))['offered'] as Record<string, string>;
        assert.equal(due['Id'], samCall.Id);
        const pops = await page.evaluate(() => window.localConsole!.screenPops.length);
        await page.getByTestId('sim-kind').selectOption('callback');
        const interactionId = await placeCall(session, { name: due['Caller_Name__c']!, number: due['Number__c']!, queue: due['Queue__c']!, callbackRequest: due['Id']! });
        const pop = softphone.getByRole('region', { name: /^Incoming callback from Sam Carter/ });
        await pop.getByRole('button', { name: 'Start Call' }).click();
        await customerState(session, 'connected');
        await page.waitForFunction((id) => window.localConsole!.tabs.find((t) => t.active)?.recordId === id, String(sam.Id));
        const popped = await page.evaluate((from) => window.localConsole!.screenPops.slice(from), pops);
        assert.deepEqual(popped.map((p) => p.params['recordId']), [sam.Id], `only the Contact pops, not the Lead ${String(samLead.Id)}`);
        await softphone.getByRole('button', { name: 'Release' }).click();
        await customerState(session, 'ended');
        await softphone.getByRole('button', { name: 'Done' }).click();
        assert.equal((await taskFor(session, interactionId))['WhoId'], sam.Id, "the call's Task links to the Contact");
      } finally {
        await fakeOrg.advanceClock(-ahead, 'default');
      }
    } finally {
      await fakeOrg.update('default', 'Lead', maria.Id, { DoNotCall: false });
    }
  });
});
