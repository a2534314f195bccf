/**
 * ContactPad in a 2026 org (issue 8), end to end in the local console: the real Kamailio,
 * Debian's Chromium, the shipped Aura console bridge over the Open CTI shim, force-app's
 * ContactPad.page, and the fake org answering as a current org does (Messaging on, legacy Chat
 * kept in this org, Task.WhatId refusing chat records, search indexing that lags behind writes).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Frame, Request } from 'playwright-core';
import {
  bridgeProblems,
  customerState,
  openReadySession,
  placeCall,
  reloadConsole,
  routeWork,
  taskFor,
  type ConsoleSession,
  type OmniWorkKind,
} from './support/console-session.ts';
import { LOCAL_SESSION_ID } from '../scripts/console/local-session.ts';

function item(softphone: Frame, id: string) {
  return softphone.locator(`li[data-id="${id}"]`);
}

async function stateIs(softphone: Frame, id: string, state: string): Promise<void> {
  await item(softphone, id).locator('.state', { hasText: new RegExp(`^${state}$`) }).waitFor();
}

async function waitForTab(session: ConsoleSession, recordId: string): Promise<void> {
  await session.page.waitForFunction((id) => window.localConsole!.tabs.some((t) => t.recordId === id), recordId);
}

async function workState(session: ConsoleSession, workId: string): Promise<{ state: string; declineReason?: string } | undefined> {
  return session.page.evaluate((id) => window.localConsole!.bridge.workItems.find((w) => w.workId === id), workId);
}

/** Releases an interaction and presses Done with a disposition: its Task is then written. */
async function releaseAndLog(softphone: Frame, id: string): Promise<void> {
  await item(softphone, id).getByRole('button', { name: 'Release' }).click();
  await stateIs(softphone, id, 'Wrap Up');
  await item(softphone, id).locator('button.item').click();
  await softphone.getByLabel('Disposition').selectOption('Resolved');
  await softphone.getByRole('button', { name: 'Done' }).click();
  await stateIs(softphone, id, 'Ended');
}

/** The REST API requests ContactPad (the softphone frame, force-app's page) makes, as they happen. */
function countContactPadRequests(session: ConsoleSession): { readonly urls: string[] } {
  const seen = { urls: [] as string[] };
  session.page.on('request', (request: Request) => {
    if (/\/softphone(\?|$)/.test(request.frame().url()) && request.url().includes('/services/data/')) {
      seen.urls.push(`${request.method()} ${new URL(request.url()).pathname}`);
    }
  });
  return seen;
}

/** Waits until ContactPad has made no request for two seconds (its once-a-session reads are done). */
async function settled(requests: { readonly urls: string[] }): Promise<void> {
  let count = -1;
  while (count !== requests.urls.length) {
    count = requests.urls.length;
    await new Promise((resolve) => setTimeout(resolve, 2_000));
  }
}

describe('ContactPad in a 2026 org', () => {
  it('a Messaging session, a legacy chat, an email and a case through the shipped Aura bridge: each pops its record, counts against its capacity, and logs a Task Salesforce accepts', async () => {
    const session = await openReadySession({ '/ContactPad/capacityEmail': '1' });
    const { page, softphone } = session;
    try {
      const routed: Record<string, { workId: string; workItemId: string }> = {};
      const kinds: Array<[string, OmniWorkKind, string]> = [
        ['messaging', 'messaging', 'Ada Lovelace'],
        ['legacy chat', 'chat', 'Grace Hopper'],
        ['email', 'email', 'Noah Kim'],
        ['case', 'case', 'Omar Haddad'],
      ];
      for (const [label, kind, customer] of kinds) {
        routed[label] = await routeWork(session, { kind, customerName: customer });
        const { workId, workItemId } = routed[label]!;
        await stateIs(softphone, workId, 'Connected');
        await item(softphone, workId).locator('.who', { hasText: customer }).waitFor();
        await waitForTab(session, workItemId);
      }
      const words = async (label: string) => item(softphone, routed[label]!.workId).innerText();
      assert.match(await words('messaging'), /Web Chat/, 'the messaging channel is shown');
      assert.match(routed['messaging']!.workItemId, /^0Mw/);
      assert.match(routed['legacy chat']!.workItemId, /^570/);
      assert.match(await words('email'), /^Email,/);
      assert.match(await words('case'), /^Case,/);

      // A second email does not fit in the agent's capacity of one: Omni-Channel gets it back with the reason.
      const second = await routeWork(session, { kind: 'email', customerName: 'Lin Chen' });
      await page.waitForFunction((id) => window.localConsole!.bridge.workItems.find((w) => w.workId === id)?.state === 'declined', second.workId);
      assert.match((await workState(session, second.workId))?.declineReason ?? '', /1 of 1 email/);
      assert.equal(await item(softphone, second.workId).count(), 0);

      for (const label of Object.keys(routed)) await releaseAndLog(softphone, routed[label]!.workId);
      const messaging = await taskFor(session, routed['messaging']!.workId);
      assert.equal(messaging['ContactPad_Work_Item_Id__c'], routed['messaging']!.workItemId);
      assert.equal(messaging['WhatId'], null, 'a Task cannot point at a Messaging Session; this web guest has no Case or Account');
      assert.equal(messaging['ContactPad_Channel__c'], 'chat');
      const legacy = await taskFor(session, routed['legacy chat']!.workId);
      const transcript = (await session.fakeOrg.records('default', 'LiveChatTranscript')).find((t) => t['Id'] === routed['legacy chat']!.workItemId);
      assert.equal(legacy['WhoId'], transcript?.['LeadId'], 'the chat visitor\'s Lead');
      assert.equal(legacy['WhatId'], null, 'never the transcript');
      assert.equal(legacy['ContactPad_Work_Item_Id__c'], routed['legacy chat']!.workItemId);
      const email = await taskFor(session, routed['email']!.workId);
      assert.equal(email['WhatId'], routed['email']!.workItemId);
      assert.equal(email['ContactPad_Channel__c'], 'email');
      const kase = await taskFor(session, routed['case']!.workId);
      assert.equal(kase['WhatId'], routed['case']!.workItemId);
      assert.equal(kase['ContactPad_Channel__c'], 'case');
      assert.deepEqual(await bridgeProblems(session), [], 'the shipped component ran without a problem');
    } finally {
      await session.close();
    }
  });

  it('a caller who rings back before search has indexed the first call: the Lead created on that call pops and the journey shows it, within the API budget', async () => {
    const session = await openReadySession();
    const { page, fakeOrg } = session;
    try {
      // Search lags ten minutes behind writes; the repeat-caller cache is off, so the ring-back searches again.
      await fakeOrg.setSearchIndexDelay('default', 600);
      const settings = (await fakeOrg.records('default', 'ContactPad_Screen_Pop_Setting__mdt')).find((s) => s['DeveloperName'] === 'Default')!;
      await fakeOrg.update('default', 'ContactPad_Screen_Pop_Setting__mdt', String(settings['Id']), { Caller_Cache_Seconds__c: 0 });
      // ContactPad reads the screen-pop settings once a session: the agent reloads the console.
      const requests = countContactPadRequests(session);
      await reloadConsole(session);
      const pad = session.softphone;
      await pad.getByText('Phone ready').waitFor();
      await settled(requests);

      const before1 = requests.urls.length;
      const first = await placeCall(session, { name: 'Nora Newcall', number: '+14155550177' });
      const pop = session.softphone.getByRole('region', { name: /Incoming voice call from Nora Newcall/ });
      await pop.getByText('Unknown', { exact: true }).waitFor();
      await pop.getByRole('button', { name: 'Accept' }).click();
      await customerState(session, 'connected');
      const modal = page.getByRole('dialog', { name: 'New Lead' });
      await modal.waitFor();
      await page.getByTestId('modal-field-FirstName').fill('Nora');
      await page.getByTestId('modal-field-LastName').fill('Newcall');
      await page.getByTestId('modal-field-Company').fill('Newcall Ltd');
      await modal.getByRole('button', { name: 'Save' }).click();
      await page.getByRole('tab', { name: /Newcall/ }).waitFor();
      const lead = await page.evaluate(() => window.localConsole!.tabs.find((t) => t.title.includes('Newcall')));
      await pad.getByRole('button', { name: 'Release' }).click();
      await pad.getByRole('button', { name: 'Done' }).click();
      const firstTask = await taskFor(session, first);
      assert.equal(firstTask['WhoId'], lead?.recordId);
      await page.waitForTimeout(500);
      const firstCall = requests.urls.slice(before1);
      assert.equal(firstCall.length, 2, `first call: one lookup and one Task write, got ${firstCall.join(', ')}`);

      // Four minutes later (the org's clock), search still does not know the Lead nor the Task.
      await fakeOrg.advanceClock(240, 'default');
      const search = await fetch(`${session.console.url.replace(/\/$/, '')}/services/data/v68.0/search?q=${encodeURIComponent('FIND {4155550177} IN PHONE FIELDS RETURNING Lead(Id), Task(Id)')}`, {
        headers: { Authorization: `Bearer ${LOCAL_SESSION_ID}` },
      });
      assert.deepEqual(((await search.json()) as { searchRecords: unknown[] }).searchRecords, [], 'the search index has not caught up');

      const before2 = requests.urls.length;
      const again = await placeCall(session, { name: 'Nora Newcall', number: '+14155550177' });
      const second = pad.getByRole('region', { name: /Incoming voice call from Nora Newcall/ });
      await second.getByText('Lead', { exact: true }).waitFor();
      await second.getByText('Recent interactions').waitFor();
      await second.locator('li .channel', { hasText: 'Voice call' }).first().waitFor();
      await second.getByRole('button', { name: 'Accept' }).click();
      await customerState(session, 'connected');
      await page.waitForFunction((id) => window.localConsole!.tabs.find((t) => t.active)?.recordId === id, lead?.recordId);
      await pad.getByRole('button', { name: 'Release' }).click();
      await pad.getByRole('button', { name: 'Done' }).click();
      const secondTask = await taskFor(session, again);
      assert.equal(secondTask['WhoId'], lead?.recordId, 'the second call is logged on the Lead too');
      await page.waitForTimeout(500);
      const secondCall = requests.urls.slice(before2);
      assert.equal(secondCall.length, 2, `ring-back: one lookup and one Task write, got ${secondCall.join(', ')}`);
    } finally {
      await session.close();
    }
  });
});
