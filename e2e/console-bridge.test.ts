/**
 * The console bridge (tab sync, Omni-Channel) found or not: the console runs force-app's
 * shipped ContactPadConsoleBridge Aura component with the built bridge-protocol.js; ContactPad
 * connects to it, receives Omni-Channel work through it, and says calmly when it is missing and
 * keeps handling calls.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { bridgeProblems, chooseAgentStatus, customerState, openConsoleSession, placeCall, routeWork } from './support/console-session.ts';

const BRIDGE_OFF = 'Tab sync and Omni-Channel are off (console bridge not found)';

describe('the console bridge', () => {
  it('found: ContactPad says nothing about it', async () => {
    const session = await openConsoleSession();
    try {
      await session.page.waitForFunction(() => window.localConsole?.bridge?.requests.some((r) => (r as { kind?: string }).kind === 'hello'));
      await session.page.waitForFunction(() => window.localConsole?.bridge?.status === 'Connected');
      await session.softphone.getByText('Offline').first().waitFor();
      // A Messaging session Omni-Channel assigns reaches ContactPad's list through the shipped bridge, and
      // ContactPad accepts it: an accept goes out only once ContactPad holds the bridge as connected
      // (a bridge it had given up on after the hello wait would show the off line instead).
      const work = await routeWork(session, { kind: 'messaging', customerName: 'Grace Chatwell' });
      assert.match(work.workItemId, /^0Mw/);
      await session.softphone.locator(`li[data-id="${work.workId}"] .state`, { hasText: /^Connected$/ }).waitFor();
      assert.equal(await session.softphone.getByText(BRIDGE_OFF).count(), 0);
      assert.deepEqual(await bridgeProblems(session), []);
    } finally {
      await session.close();
    }
  });

  it('missing: ContactPad says tab sync and Omni-Channel are off, and still rings and answers', async () => {
    const session = await openConsoleSession({}, undefined, '&bridge=off');
    try {
      await session.softphone.getByText(BRIDGE_OFF).waitFor({ timeout: 15_000 });
      await chooseAgentStatus(session, 'Ready');
      await session.softphone.getByText('Phone ready').waitFor();
      await placeCall(session, { name: 'Daniel Kim', number: '+14155550101' });
      await session.softphone.getByRole('region', { name: /Incoming voice call from Daniel Kim/ }).getByRole('button', { name: 'Accept' }).click();
      await customerState(session, 'connected');
      await session.page.getByRole('tab', { name: /Daniel Kim/ }).waitFor();
    } finally {
      await session.close();
    }
  });
});
