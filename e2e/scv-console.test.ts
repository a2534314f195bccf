/**
 * The local console under Service Cloud Voice (`/?host=scv`), through every real part: the built
 * scv.js in the softphone frame (the connector page, /softphone?host=scv), Salesforce's connector
 * base inside it, the console page playing Salesforce's Omni-Channel softphone
 * (scripts/console/page/scv-softphone.ts), Kamailio, and the customer simulator's sip.js phone.
 * The agent goes Online, takes a call, holds and resumes it; the customer hangs up; After
 * Conversation Work ends with Done.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { startConsole, type RunningConsole } from '../scripts/console/console-server.ts';
import { launchChromium } from '../scripts/console/test-browser.ts';
import { E2E_SIP_UDP_PORT, E2E_SIP_WS_PORT, E2E_WEB_PORT } from '../scripts/test-ports.ts';

describe('the local console runs ContactPad under Service Cloud Voice (?host=scv)', () => {
  let running: RunningConsole;
  let browser: Browser;
  let page: Page;

  before(async () => {
    running = await startConsole({ port: E2E_WEB_PORT, sipWsPort: E2E_SIP_WS_PORT, sipUdpPort: E2E_SIP_UDP_PORT, name: 'e2e' });
    browser = await launchChromium();
    page = await browser.newPage();
    page.on('pageerror', (error) => console.error(`console page error: ${error.message}`));
    await page.goto(`${running.url}?refresh=0&host=scv`);
  });

  after(async () => {
    await browser?.close();
    await running?.stop();
  });

  const events = () => page.evaluate(() => window.scvSoftphone!.events.map((event) => event.type));
  const callState = (state: string) => page.locator(`[data-testid=scv-call][data-state="${state}"]`).waitFor();

  it('sets the connector up, goes Online, and takes a call from ring to After Conversation Work from Salesforce\'s controls', async () => {
    await page.getByTestId('scv-ready').getByText('Connector ready').waitFor();
    await page.waitForFunction(() => window.customerSimulator?.registration === 'registered');
    assert.equal(await page.getByTestId('softphone-frame').isHidden(), true, 'the connector shows nothing: Salesforce shows the call');
    await page.getByTestId('scv-online').click();
    await page.waitForFunction(() => window.scvSoftphone!.events.some((event) => event.type === 'SET_AGENT_STATUS_RESULT' && (event.payload as { success?: boolean }).success === true));

    await page.getByTestId('sim-name').fill('Maria Lopez');
    await page.getByTestId('sim-number').fill('+14155550100');
    await page.getByTestId('sim-call').click();
    await callState('ringing');
    await page.getByTestId('scv-accept').click();
    await page.waitForFunction(() => window.customerSimulator?.state === 'connected');
    await callState('connected');
    await page.waitForFunction(async () => (await window.customerSimulator!.mediaStats()).bytesReceived > 0, undefined, { timeout: 20_000 });

    await page.getByTestId('scv-hold').click();
    await callState('held');
    await page.getByTestId('scv-resume').click();
    await callState('connected');

    await page.evaluate(() => window.customerSimulator!.hangUp());
    await callState('after-call-work');
    await page.getByTestId('scv-done').click();
    assert.deepEqual(await events(), [
      'SET_AGENT_STATUS_RESULT',
      'CALL_STARTED',
      'CALL_CONNECTED',
      'HOLD_TOGGLE',
      'HOLD_TOGGLE',
      'HANGUP',
      'AFTER_CALL_WORK_STARTED',
    ]);
    await page.getByTestId('scv-offline').click();
  });
});
