/**
 * Multi-interaction routing end to end (issue 4, seed 004): in the local console, with the
 * real Kamailio, Debian's Chromium and the shipped console bridge (Aura) over Open CTI, an
 * agent handles a call, two chats (Messaging sessions) and a case at once; Omni-Channel work with auto-accept on and
 * off, declines with a reason, failed delivery, tabs in step both ways, hold, consult,
 * transfer, abandon, wrap-up timeout and presence.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Frame, Locator } from 'playwright-core';
import { customerState, openReadySession, placeCall, routeWork as routeOmniWork, taskFor, type ConsoleSession, type OmniWorkKind } from './support/console-session.ts';

/** Routes Omni-Channel work from the console's simulator (a new record); returns the work id and its record. */
async function routeWork(session: ConsoleSession, kind: OmniWorkKind, customerName: string): Promise<{ workId: string; recordId: string }> {
  const { workId, workItemId } = await routeOmniWork(session, { kind, customerName });
  return { workId, recordId: workItemId };
}

/** The interaction's item in ContactPad's list. */
function item(softphone: Frame, id: string): Locator {
  return softphone.locator(`li[data-id="${id}"]`);
}

async function actionsOf(softphone: Frame, id: string): Promise<string[]> {
  return item(softphone, id).locator('.actions button').allInnerTexts();
}

async function stateIs(softphone: Frame, id: string, state: string): Promise<void> {
  await item(softphone, id).locator('.state', { hasText: new RegExp(`^${state}$`) }).waitFor();
}

async function workState(session: ConsoleSession, workId: string): Promise<{ state: string; declineReason?: string } | undefined> {
  return session.page.evaluate((id) => window.localConsole!.bridge.workItems.find((w) => w.workId === id), workId);
}

async function waitForWorkState(session: ConsoleSession, workId: string, state: string): Promise<void> {
  await session.page.waitForFunction(
    ([id, wanted]) => window.localConsole!.bridge.workItems.find((w) => w.workId === id)?.state === wanted,
    [workId, state] as const,
  );
}

/** Waits for the agent status ContactPad shows (its status line). */
async function agentStatus(softphone: Frame, words: RegExp): Promise<void> {
  await softphone.locator('p.now .words', { hasText: words }).waitFor();
}

async function activeTabRecord(session: ConsoleSession): Promise<string | undefined> {
  return session.page.evaluate(() => window.localConsole!.tabs.find((t) => t.active)?.recordId);
}

async function waitForTab(session: ConsoleSession, recordId: string, active = false): Promise<void> {
  await session.page.waitForFunction(
    ([id, mustBeActive]) => window.localConsole!.tabs.some((t) => t.recordId === id && (!mustBeActive || t.active)),
    [recordId, active] as const,
  );
}

describe('multi-interaction routing in the local console', () => {
  it('a call, two chats and a case at once, each with its own actions, its record tab in step with the list both ways', async () => {
    const session = await openReadySession();
    const { page, softphone } = session;
    try {
      // ContactPad leads presence: Ready is Available in Omni-Channel.
      await page.waitForFunction(() => window.localConsole!.bridge.presence.statusName === 'Available');

      const callId = await placeCall(session, { name: 'Maria Lopez', number: '+14155550100' });
      await softphone.getByRole('region', { name: /Incoming voice call from Maria Lopez/ }).getByRole('button', { name: 'Accept' }).click();
      await customerState(session, 'connected');

      const chat1 = await routeWork(session, 'messaging', 'Ada Lovelace');
      const chat2 = await routeWork(session, 'messaging', 'Grace Hopper');
      const kase = await routeWork(session, 'case', 'Alan Turing');
      for (const work of [chat1, chat2, kase]) {
        await stateIs(softphone, work.workId, 'Connected');
        await waitForWorkState(session, work.workId, 'accepted');
        await waitForTab(session, work.recordId);
      }
      await stateIs(softphone, callId, 'Connected');
      assert.deepEqual(await actionsOf(softphone, callId), ['Release', 'Hold', 'Consult', 'Transfer']);
      assert.deepEqual(await actionsOf(softphone, chat1.workId), ['Release', 'Consult']);
      assert.deepEqual(await actionsOf(softphone, kase.workId), ['Release', 'Abandon', 'Consult', 'Transfer']);
      await item(softphone, chat2.workId).locator('.who', { hasText: 'Grace Hopper' }).waitFor();
      await agentStatus(softphone, /^Busy/);

      // Selecting an interaction focuses its record's tab.
      await item(softphone, chat1.workId).locator('button.item').click();
      await waitForTab(session, chat1.recordId, true);

      // Focusing a tab in the console selects its interaction.
      const caseTab = await page.evaluate((id) => window.localConsole!.tabs.find((t) => t.recordId === id)!.tabId, kase.recordId);
      await page.locator(`[data-tab-key="${caseTab}"]`).click();
      await item(softphone, kase.workId).locator('button.item[aria-current="true"]').waitFor();

      // Closing a tab, then selecting its interaction, opens it again.
      const chatTab = await page.evaluate((id) => window.localConsole!.tabs.find((t) => t.recordId === id)!, chat1.recordId);
      await page.getByRole('button', { name: `Close ${chatTab.title}` }).click();
      await item(softphone, chat1.workId).getByText('Tab closed — select to reopen').waitFor();
      await item(softphone, chat1.workId).locator('button.item').click();
      await waitForTab(session, chat1.recordId, true);
      assert.equal(await activeTabRecord(session), chat1.recordId);
      assert.equal(await item(softphone, chat1.workId).getByText('Tab closed — select to reopen').count(), 0);

      // Hold and retrieve the call while the chats and the case go on.
      await item(softphone, callId).getByRole('button', { name: 'Hold' }).click();
      await stateIs(softphone, callId, 'On Hold');
      await item(softphone, callId).getByRole('button', { name: 'Retrieve' }).click();
      await stateIs(softphone, callId, 'Connected');
      await stateIs(softphone, chat2.workId, 'Connected');

      // Release the second chat: wrap up, Done, one Task keeping its Messaging Session (a Task cannot link one).
      await item(softphone, chat2.workId).getByRole('button', { name: 'Release' }).click();
      await stateIs(softphone, chat2.workId, 'Wrap Up');
      await waitForWorkState(session, chat2.workId, 'closed');
      await stateIs(softphone, chat1.workId, 'Connected');
      await item(softphone, chat2.workId).locator('button.item').click();
      await softphone.getByLabel('Disposition').selectOption('Resolved');
      await softphone.getByRole('button', { name: 'Done' }).click();
      const task = await taskFor(session, chat2.workId);
      assert.equal(task['ContactPad_Work_Item_Id__c'], chat2.recordId);
      assert.equal(task['WhatId'], null);
      assert.equal(task['ContactPad_Channel__c'], 'chat');
    } finally {
      await session.close();
    }
  });

  it('auto-accept off: work alerts until accepted; a decline carries its reason; a failed delivery says so and leaves; wrap up ends on its timer', async () => {
    const session = await openReadySession({ '/ContactPad/autoAcceptWork': 'false', '/ContactPad/wrapUpSeconds': '2' });
    const { page, softphone } = session;
    try {
      const email = await routeWork(session, 'email', 'Noah Kim');
      await stateIs(softphone, email.workId, 'Alerting');
      assert.deepEqual(await actionsOf(softphone, email.workId), ['Accept', 'Decline']);
      await item(softphone, email.workId).getByRole('button', { name: 'Decline' }).click();
      await softphone.getByRole('option', { name: 'Not my skill' }).click();
      await waitForWorkState(session, email.workId, 'declined');
      assert.equal((await workState(session, email.workId))?.declineReason, 'Not my skill');
      await stateIs(softphone, email.workId, 'Rejected');

      const chat = await routeWork(session, 'messaging', 'Lin Chen');
      await item(softphone, chat.workId).getByText('Lin Chen').waitFor();
      await stateIs(softphone, chat.workId, 'Alerting');
      // The customer left: Omni-Channel raises no event for it, the agent's Accept fails.
      await page.locator(`[data-work-id="${chat.workId}"]`).getByTestId('omni-cannot-deliver').click();
      await item(softphone, chat.workId).getByRole('button', { name: 'Accept' }).click();
      await softphone.getByText(/chat from Lin Chen could not be delivered/).waitFor();
      await item(softphone, chat.workId).waitFor({ state: 'detached' });

      const kase = await routeWork(session, 'case', 'Omar Haddad');
      await stateIs(softphone, kase.workId, 'Alerting');
      assert.equal(await page.evaluate((id) => window.localConsole!.tabs.some((t) => t.recordId === id), kase.recordId), false);
      await item(softphone, kase.workId).getByRole('button', { name: 'Accept' }).click();
      await stateIs(softphone, kase.workId, 'Connected');
      await waitForTab(session, kase.recordId, true);
      await item(softphone, kase.workId).getByRole('button', { name: 'Release' }).click();
      await stateIs(softphone, kase.workId, 'Wrap Up');
      // Nobody presses Done: the two-second wrap up ends on its own and the Task is written.
      await stateIs(softphone, kase.workId, 'Ended');
      const task = await taskFor(session, kase.workId);
      assert.equal(task['WhatId'], kase.recordId);
      await agentStatus(softphone, /^Ready/);

      // Presence both ways: Busy chosen in Omni-Channel makes the agent Not Ready.
      await page.getByTestId('omni-presence').selectOption('Busy');
      await agentStatus(softphone, /^Not Ready/);
    } finally {
      await session.close();
    }
  });

  it('consults a colleague about a chat, transfers a case to a service and a call to a colleague, and abandons an email', async () => {
    const session = await openReadySession();
    const { page, softphone } = session;
    try {
      await page.waitForFunction(() => window.localConsole!.colleague.registration === 'registered');
      const chat = await routeWork(session, 'messaging', 'Ada Lovelace');
      await stateIs(softphone, chat.workId, 'Connected');

      // Consult: a call to Jordan Lee while the chat stays; ending it leaves the chat open.
      await item(softphone, chat.workId).getByRole('button', { name: 'Consult' }).click();
      await softphone.getByRole('option', { name: /Jordan Lee/ }).click();
      const consult = softphone.locator('li[data-id]', { hasText: 'Jordan Lee' });
      await consult.locator('.state', { hasText: /^Connected$/ }).waitFor();
      await page.waitForFunction(() => window.localConsole!.colleague.calls.some((c) => c.answered));
      await consult.getByRole('button', { name: 'Release' }).click();
      await page.waitForFunction(() => window.localConsole!.colleague.state.startsWith('Call ended'));
      await stateIs(softphone, chat.workId, 'Connected');

      // Transfer a case to a service: typed filter, Return; the Case changes owner and leaves the list.
      const kase = await routeWork(session, 'case', 'Alan Turing');
      await stateIs(softphone, kase.workId, 'Connected');
      await item(softphone, kase.workId).getByRole('button', { name: 'Transfer' }).click();
      await softphone.getByRole('combobox', { name: 'Search agents and services' }).fill('bill');
      await softphone.getByRole('combobox', { name: 'Search agents and services' }).press('Enter');
      await item(softphone, kase.workId).waitFor({ state: 'detached' });
      await waitForWorkState(session, kase.workId, 'closed');
      const owned = (await session.fakeOrg.records('default', 'Case')).find((c) => c['Id'] === kase.recordId);
      const queues = await session.fakeOrg.records('default', 'Group');
      assert.equal(queues.find((q) => q['Id'] === owned?.['OwnerId'])?.['Name'], 'Billing Support');

      // Abandon an email after the warning: it ends at once and frees its capacity.
      const email = await routeWork(session, 'email', 'Noah Kim');
      await stateIs(softphone, email.workId, 'Connected');
      await item(softphone, email.workId).getByRole('button', { name: 'Abandon' }).click();
      const confirm = softphone.getByRole('alertdialog');
      await confirm.getByText(/statistics/i).waitFor();
      await confirm.getByRole('button', { name: 'Abandon' }).click();
      await stateIs(softphone, email.workId, 'Abandoned');
      await waitForWorkState(session, email.workId, 'closed');

      // Transfer a call to Jordan Lee (blind, SIP REFER): the customer is put through to the colleague.
      const callId = await placeCall(session, { name: 'Daniel Kim', number: '+14155550101' });
      await softphone.getByRole('region', { name: /Incoming voice call from Daniel Kim/ }).getByRole('button', { name: 'Accept' }).click();
      await customerState(session, 'connected');
      await item(softphone, callId).getByRole('button', { name: 'Transfer' }).click();
      await softphone.getByRole('option', { name: /Jordan Lee/ }).click();
      await item(softphone, callId).waitFor({ state: 'detached' });
      await page.waitForFunction(() => window.customerSimulator!.transferredTo === 'jordan.lee');
      await page.waitForFunction(() => window.localConsole!.colleague.calls.filter((c) => c.answered).length >= 2);
      const task = await taskFor(session, callId);
      assert.match(String(task['Description']), /Jordan Lee/);
    } finally {
      await session.close();
    }
  });
});
