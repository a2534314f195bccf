/**
 * One inbound voice call from ring to logged Task, through every real part: the customer
 * simulator (sip.js in the console page) calls agent1 through Kamailio; ContactPad (the
 * built static resource, in the softphone iframe, over the Open CTI fake) rings, answers
 * with real WebRTC audio, pops the record in a console tab, wraps up and logs the Task in
 * the fake org. A call to the SIP edge's sales queue (queue-sales: agent1, then emile.durand, a
 * second ContactPad in a browser context of its own) that agent1 rejects rings the next agent.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  customerState,
  openReadySession,
  openSecondAgent,
  placeCall,
  reloadConsole,
  simulatorCalls,
  taskFor,
  tasksFor,
  waitForAudioBothWays,
  type ConsoleSession,
} from './support/console-session.ts';

describe('an inbound call from ring to logged Task', () => {
  let session: ConsoleSession;

  before(async () => {
    session = await openReadySession({ '/ContactPad/wrapUpSeconds': '120' });
  });

  after(async () => {
    await session?.close();
  });

  it('rings with the call pop, connects audio both ways, pops the Lead, and logs one Task after wrap up', async () => {
    const { softphone, page } = session;
    const interactionId = await placeCall(session, {
      name: 'Maria Lopez',
      number: '+14155550100',
      queue: 'Sales',
      location: 'Downtown store',
      adSource: 'Spring campaign',
    });

    const pop = softphone.getByRole('region', { name: /Incoming voice call from Maria Lopez/ });
    await pop.waitFor();
    const popText = await pop.innerText();
    for (const expected of ['Maria Lopez', '+14155550100', 'Sales', 'Downtown store', 'Spring campaign']) {
      assert.ok(popText.includes(expected), `call pop shows ${expected}: ${popText}`);
    }
    await pop.getByText('Lead', { exact: true }).waitFor();

    await pop.getByRole('button', { name: 'Accept' }).click();
    await customerState(session, 'connected');
    const media = await waitForAudioBothWays(session, interactionId);
    assert.ok(media.agent.bytesReceived > 0 && media.customer.bytesReceived > 0);

    await page.getByRole('tab', { name: /Maria Lopez/ }).waitFor();
    const leadTab = await page.evaluate(() => window.localConsole!.tabs.find((t) => t.title.includes('Maria Lopez')));
    assert.equal(leadTab?.objectType, 'Lead');

    await softphone.getByRole('button', { name: 'Release' }).click();
    await customerState(session, 'ended');
    // Extend adds the call center's wrapUpExtendSeconds (30) to the wrap-up time left.
    const timer = softphone.getByRole('timer');
    const left = (text: string) => {
      const [minutes, seconds] = (/(\d+):(\d\d)/.exec(text) ?? ['', '0', '0']).slice(1).map(Number);
      return (minutes ?? 0) * 60 + (seconds ?? 0);
    };
    const before = left(await timer.innerText());
    await softphone.locator(`li[data-id="${interactionId}"]`).getByRole('button', { name: 'Extend' }).click();
    const deadline = Date.now() + 10_000;
    while (left(await timer.innerText()) < before + 25) {
      if (Date.now() > deadline) throw new Error(`Extend did not add wrap-up time: ${await timer.innerText()}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    assert.ok(left(await timer.innerText()) > before, 'more wrap-up time after Extend');
    await softphone.getByLabel('Disposition').selectOption({ label: 'Resolved' });
    await softphone.getByLabel('Notes').fill('Asked about <b>pricing</b> & delivery');
    await softphone.getByRole('button', { name: 'Done' }).click();

    const task = await taskFor(session, interactionId);
    assert.equal(task['CallType'], 'Inbound');
    assert.equal(task['CallDisposition'], 'Resolved');
    assert.equal(task['WhoId'], leadTab?.recordId);
    assert.equal(task['Status'], 'Completed');
    assert.match(String(task['Subject']), /Maria Lopez/);
    assert.equal(typeof task['CallDurationInSeconds'], 'number');
    assert.match(String(task['Description']), /Asked about <b>pricing<\/b> & delivery/);
    assert.match(String(task['Description']), /offered[\s\S]*answered[\s\S]*released[\s\S]*wrapped-up/);
    assert.equal((await tasksFor(session, interactionId)).length, 1);
  });

  it('clicking a phone number in a record places an outbound call from ContactPad, named for the record', async () => {
    const { page, softphone } = session;
    await page.getByRole('tab', { name: /Maria Lopez/ }).click();
    const link = page.getByTestId('click-to-dial').first();
    await link.click();
    const outbound = softphone.getByRole('button', { name: /^Voice call, Maria Lopez/ });
    await outbound.waitFor();
    assert.equal(await page.evaluate(() => window.localConsole!.clickToDialEvents.length), 1);
  });

  it('a call that rings while the softphone panel is closed opens the panel', async () => {
    const { page } = session;
    await page.getByTestId('utility-phone').click();
    await page.waitForFunction(() => window.localConsole?.softphonePanelVisible === false);
    await placeCall(session, { name: 'Elena Rossi', number: '+14155550105' });
    await page.waitForFunction(() => window.localConsole?.softphonePanelVisible === true);
    await session.page.getByTestId('sim-hangup').click();
    await customerState(session, 'ended');
  });

  it('the call pop shows the caller\'s recent interactions; choosing one opens its Task in the console', async () => {
    const { page, softphone } = session;
    await placeCall(session, { name: 'Daniel Kim', number: '+14155550101', queue: 'Support' });
    const pop = softphone.getByRole('region', { name: /Incoming voice call from Daniel Kim/ });
    const journey = pop.getByRole('list', { name: 'Recent interactions' });
    await journey.waitFor();
    const entries = journey.getByRole('button');
    assert.ok((await entries.count()) >= 3, 'the journey lists the caller\'s Tasks');
    const firstText = await entries.first().innerText();
    await entries.first().click();
    const opened = await page.waitForFunction(() => window.localConsole!.tabs.find((t) => t.active && t.objectType === 'Task')?.title);
    assert.ok(firstText.length > 0 && String(await opened.jsonValue()).length > 0);
    await pop.getByRole('button', { name: 'Reject' }).click();
    await customerState(session, 'rejected');
  });

  it('a reload in the middle of wrap up brings the interaction back with its notes; Done logs it once', async () => {
    const interactionId = await placeCall(session, { name: 'Maria Lopez', number: '+14155550100' });
    await session.softphone.getByRole('region', { name: /Incoming voice call from Maria Lopez/ }).getByRole('button', { name: 'Accept' }).click();
    await customerState(session, 'connected');
    await session.softphone.getByRole('button', { name: 'Release' }).click();
    await session.softphone.getByLabel('Disposition').selectOption({ label: 'Callback requested' });
    await session.softphone.getByLabel('Notes').fill('Send the price list');
    await session.softphone.getByLabel('Notes').blur();
    await reloadConsole(session);
    const notes = session.softphone.getByLabel('Notes');
    await notes.waitFor({ timeout: 20_000 });
    assert.equal(await notes.inputValue(), 'Send the price list');
    await session.softphone.getByRole('button', { name: 'Done' }).click();
    const task = await taskFor(session, interactionId);
    assert.equal(task['CallDisposition'], 'Callback requested');
    assert.match(String(task['Description']), /Send the price list/);
    assert.equal((await tasksFor(session, interactionId)).length, 1);
  });

  it('a rejected call is answered 486 Busy Here, so the platform can offer it to the next agent', async () => {
    await placeCall(session, { name: 'Daniel Kim', number: '+14155550101', queue: 'Support' });
    const pop = session.softphone.getByRole('region', { name: /Incoming voice call from Daniel Kim/ });
    await pop.getByRole('button', { name: 'Reject' }).click();
    await customerState(session, 'rejected');
    assert.equal(await session.page.evaluate(() => window.customerSimulator!.lastStatusCode), 486);
    await session.softphone.getByText('Rejected').first().waitFor();
  });

  it('a call to the sales queue that agent1 rejects rings the next agent, who answers: audio both ways, and agent1 stays Ready', async () => {
    const next = await openSecondAgent(session, 'emile.durand');
    try {
      await simulatorCalls(session, 'queue-sales');
      const interactionId = await placeCall(session, { name: 'Daniel Kim', number: '+14155550101', queue: 'Support' });
      await session.softphone.getByRole('region', { name: /Incoming voice call from Daniel Kim/ }).getByRole('button', { name: 'Reject' }).click();
      const offered = next.softphone.getByRole('region', { name: /Incoming voice call from Daniel Kim/ });
      await offered.getByText('Support').waitFor();
      await offered.getByRole('button', { name: 'Accept' }).click();
      await customerState(session, 'connected');
      // The customer is in agent1's console page, the agent who answered in the other one.
      const { agent } = await waitForAudioBothWays({ ...next, page: session.page }, interactionId);
      assert.ok(agent.bytesReceived > 0);
      await session.softphone.locator('p.now .words', { hasText: /^Ready/ }).waitFor();
      await next.softphone.getByRole('button', { name: 'Release' }).click();
      await customerState(session, 'ended');
    } finally {
      await simulatorCalls(session, 'agent1');
      await next.close();
    }
  });

  it('the keyboard shortcuts (read after the first paint): Alt+Shift+A accepts the ringing call whatever button has the focus, Alt+Shift+E releases it', async () => {
    const { softphone } = session;
    await placeCall(session, { name: 'Elena Garcia', number: '+14155550102', queue: 'Sales' });
    const pop = softphone.getByRole('region', { name: /Incoming voice call from Elena Garcia/ });
    // The focus on Reject: the shortcut, not the focused button, decides.
    await pop.getByRole('button', { name: 'Reject' }).focus();
    await session.page.keyboard.press('Alt+Shift+A');
    await customerState(session, 'connected');
    await pop.waitFor({ state: 'detached' });
    await softphone.getByRole('button', { name: 'Release' }).focus(); // the focus must be in ContactPad (Open CTI passes keys only there)
    await session.page.keyboard.press('Alt+Shift+E');
    await customerState(session, 'ended');
    await softphone.getByRole('button', { name: 'Done' }).click();
  });

  it('a caller who hangs up while ringing leaves a missed call and no call pop', async () => {
    await placeCall(session, { name: 'Priya Natarajan', number: '+14155550103' });
    const pop = session.softphone.getByRole('region', { name: /Incoming voice call from Priya Natarajan/ });
    await pop.waitFor();
    await session.page.getByTestId('sim-hangup').click();
    await pop.waitFor({ state: 'detached' });
    await session.softphone.getByText('Missed').first().waitFor();
  });

  it('an unknown caller opens the new Lead form with the number filled in', async () => {
    const interactionId = await placeCall(session, { name: '', number: '+14155550199', queue: 'Sales' });
    const pop = session.softphone.getByRole('region', { name: /Incoming voice call/ });
    await pop.getByText('Unknown', { exact: true }).waitFor();
    await pop.getByRole('button', { name: 'Accept' }).click();
    const modal = session.page.getByRole('dialog', { name: 'New Lead' });
    await modal.waitFor();
    assert.match(await session.page.getByTestId('modal-field-Phone').inputValue(), /4155550199/);
    await session.page.getByTestId('modal-field-LastName').fill('Walker');
    await session.page.getByTestId('modal-field-Company').fill('Walker Events');
    await modal.getByRole('button', { name: 'Save' }).click();
    await session.page.getByRole('tab', { name: /Walker/ }).waitFor();
    const newLead = await session.page.evaluate(() => window.localConsole!.tabs.find((t) => t.title.includes('Walker')));

    await session.softphone.getByRole('button', { name: 'Release' }).click();
    await session.softphone.getByRole('button', { name: 'Done' }).click();
    const task = await taskFor(session, interactionId);
    assert.equal(task['WhoId'], newLead?.recordId, 'the Task links to the Lead the agent created during the call');
  });

  it('while Salesforce is unavailable the call still rings and is answered; the Task arrives once, when it is back', async () => {
    const { fakeOrg, softphone } = session;
    await fakeOrg.setFault('default', { kind: 'unavailable' });
    try {
      const interactionId = await placeCall(session, { name: 'Sam Carter', number: '+14155550104' });
      const pop = softphone.getByRole('region', { name: /Incoming voice call from Sam Carter/ });
      await pop.getByText(/Caller lookup failed/).waitFor();
      await pop.getByRole('button', { name: 'Accept' }).click();
      await customerState(session, 'connected');
      await softphone.getByRole('button', { name: 'Release' }).click();
      await softphone.getByRole('button', { name: 'Done' }).click();
      await softphone.getByText(/Will retry/).first().waitFor();
      assert.equal((await tasksFor(session, interactionId)).length, 0);
      await fakeOrg.clearFaults('default');
      const task = await taskFor(session, interactionId, 60_000);
      assert.equal(task['CallType'], 'Inbound');
      assert.equal((await tasksFor(session, interactionId)).length, 1);
    } finally {
      await fakeOrg.clearFaults('default');
    }
  });

  it('a 401 (expired session) during a shift: the agent is told plainly, and the held Task goes out once the next caller\'s lookup works', async () => {
    const { fakeOrg, softphone } = session;
    const first = await placeCall(session, { name: 'Grace Kim', number: '+14155550107' });
    await softphone.getByRole('region', { name: /Incoming voice call from Grace Kim/ }).getByRole('button', { name: 'Accept' }).click();
    await customerState(session, 'connected');
    await softphone.getByRole('button', { name: 'Release' }).click();
    // Salesforce refuses the session for the next request only: the Task write.
    await fakeOrg.setFault('default', { kind: 'sessionExpired', times: 1 });
    try {
      await softphone.getByRole('button', { name: 'Done' }).click();
      await softphone.getByText(/Will retry/).first().waitFor();
      await softphone.getByText(/Your Salesforce session expired/).waitFor();
      await softphone.getByText(/log in to Salesforce again and reload the console/).waitFor();
      assert.equal((await tasksFor(session, first)).length, 0, 'held, not lost');
    } finally {
      await fakeOrg.clearFaults('default');
    }
    // The next call's caller lookup works with the same session: writing resumes at once, no reload.
    const second = await placeCall(session, { name: 'Hugo Diaz', number: '+14155550108' });
    await taskFor(session, first, 30_000);
    assert.equal((await tasksFor(session, first)).length, 1);
    await softphone.getByText(/Your Salesforce session expired/).waitFor({ state: 'detached' });
    await softphone.getByRole('region', { name: /Incoming voice call from Hugo Diaz/ }).getByRole('button', { name: 'Accept' }).click();
    await customerState(session, 'connected');
    await softphone.getByRole('button', { name: 'Release' }).click();
    await softphone.getByRole('button', { name: 'Done' }).click();
    await taskFor(session, second, 30_000);
  });

  it('a Task held while the session was expired is sent once after the console is reloaded', async () => {
    const { fakeOrg } = session;
    await fakeOrg.setFault('default', { kind: 'sessionExpired' });
    let interactionId = '';
    try {
      interactionId = await placeCall(session, { name: 'Oliver Smith', number: '+442079460958' });
      const pop = session.softphone.getByRole('region', { name: /Incoming voice call from Oliver Smith/ });
      await pop.getByRole('button', { name: 'Accept' }).click();
      await customerState(session, 'connected');
      await session.softphone.getByRole('button', { name: 'Release' }).click();
      await session.softphone.getByRole('button', { name: 'Done' }).click();
      await session.softphone.getByText(/Will retry/).first().waitFor();
    } finally {
      await fakeOrg.clearFaults('default');
    }
    await reloadConsole(session);
    await taskFor(session, interactionId, 60_000);
    assert.equal((await tasksFor(session, interactionId)).length, 1);
  });
});
