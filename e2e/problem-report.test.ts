/**
 * Report a problem, end to end in the local console: a real call from the customer simulator
 * through Kamailio, answered in ContactPad with real WebRTC audio (its line read by getStats),
 * released; then, from the finished call's row, Report a problem with a comment. The admin finds
 * in the fake org a Case with the comment and, attached as a file (ContentVersion, its binary
 * fetched as Salesforce serves it), ContactPad's log: the call's INVITE with its headers, its
 * media summary, the REGISTER's digest redacted, and neither the session token nor any digest
 * response.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { customerState, openReadySession, placeCall, waitForAudioBothWays, type ConsoleSession } from './support/console-session.ts';
import { LOCAL_SESSION_ID } from '../scripts/console/local-session.ts';

describe('Report a problem from a finished call', () => {
  let session: ConsoleSession;

  before(async () => {
    session = await openReadySession({ '/ContactPad/wrapUpSeconds': '120' });
  });

  after(async () => {
    await session?.close();
  });

  it("sends the admin a Case with the agent's comment and the log as a file: the call's INVITE and media summary, redacted, no session token", async () => {
    const { softphone } = session;
    const interactionId = await placeCall(session, { name: 'Maria Lopez', number: '+14155550100', queue: 'Sales', location: 'Downtown store' });
    const pop = softphone.getByRole('region', { name: /Incoming voice call from Maria Lopez/ });
    await pop.getByRole('button', { name: 'Accept' }).click();
    await customerState(session, 'connected');
    await waitForAudioBothWays(session, interactionId);
    // The line is read every 5 s while the call is connected (getStats): wait for a reading.
    await softphone.getByRole('group', { name: 'Call controls' }).getByRole('button', { name: /^Line quality (good|fair|poor): / }).waitFor({ timeout: 20_000 });
    await softphone.getByRole('button', { name: 'Release' }).click();
    await customerState(session, 'ended');

    const row = softphone.locator(`li[data-id="${interactionId}"]`);
    await row.getByRole('button', { name: 'Report a problem' }).click();
    const dialog = softphone.getByRole('dialog', { name: 'Report a problem' });
    await dialog.waitFor();
    assert.ok((await dialog.innerText()).includes('About your call with Maria Lopez, +14155550100.'), await dialog.innerText());
    const sipMessages = Number(await dialog.locator('dt', { hasText: 'SIP messages' }).locator('xpath=following-sibling::dd[1]').innerText());
    assert.ok(sipMessages >= 6, `the dialog counts the SIP messages it will send (REGISTERs, the INVITE and its answers): ${sipMessages}`);
    const comment = 'The caller could not hear me after 10:30';
    await dialog.getByRole('textbox', { name: 'What happened?' }).fill(comment);
    await dialog.getByRole('button', { name: 'Send' }).click();
    const sent = dialog.getByText(/^Sent as case \d{8}\./);
    await sent.waitFor({ timeout: 20_000 });
    const caseNumber = /case (\d{8})/.exec(await sent.innerText())?.[1];

    // What the admin finds in Salesforce.
    const kase = (await session.fakeOrg.records('default', 'Case')).find((record) => record['CaseNumber'] === caseNumber);
    assert.ok(kase, `Case ${caseNumber} is in the org`);
    assert.equal(kase['Subject'], `ContactPad problem report: ${comment}`);
    assert.ok(String(kase['Description']).includes(comment));
    assert.ok(String(kase['Description']).includes(`(interaction ${interactionId})`));
    const files = (await session.fakeOrg.records('default', 'ContentVersion')).filter((version) => version['FirstPublishLocationId'] === kase['Id']);
    assert.equal(files.length, 1, 'one file on the Case');
    const download = await fetch(`${session.console.url.replace(/\/$/, '')}${String(files[0]!['VersionData'])}`, { headers: { Authorization: `Bearer ${LOCAL_SESSION_ID}` } });
    assert.equal(download.status, 200);
    const text = await download.text();

    assert.ok(text.includes(`Call: Maria Lopez, +14155550100, inbound`), 'the file names the call');
    const invite = text.split(/\n\n(?=\d{4}-\d\d-\d\dT)/).find((entry) => /\[sip-in\]\nINVITE sip:/.test(entry) && entry.includes(`X-CP-Interaction-Id: ${interactionId}`));
    assert.ok(invite, "the call's INVITE is in the file");
    for (const header of ['X-CP-Queue: Sales', 'X-CP-Location: Downtown store', 'm=audio']) assert.ok(invite.includes(header), `the INVITE with ${header}`);
    assert.ok(!/a=ice-pwd:(?!\[redacted\])/.test(invite), "the INVITE's ICE password is removed");
    assert.match(text, new RegExp(`call ${interactionId}: media summary of (1 reading|\\d+ readings over \\d+ s): received \\d+ B`), 'its getStats summary');
    assert.match(text, new RegExp(`call ${interactionId}: media ice=connected, received [1-9]\\d* B`), 'a getStats reading with audio received');
    assert.match(text, /\[sip-out\]\nREGISTER sip:[\s\S]*?Authorization: Digest [^\r\n]*response="\[redacted\]"/, "the REGISTER's digest, its response removed");
    assert.doesNotMatch(text, /response="?[0-9a-f]{32}/, 'no digest response anywhere');
    assert.ok(!text.includes(LOCAL_SESSION_ID) && !text.includes(LOCAL_SESSION_ID.split('!')[1]!), 'never the session token');

    await dialog.getByRole('button', { name: 'Close' }).click();
    await dialog.waitFor({ state: 'detached' });
  });

  it('with Salesforce down, tells the agent plainly that the report is kept and goes by itself; opened again it shows that report, sent once Salesforce is back: one Case', async () => {
    const { softphone, fakeOrg } = session;
    const before = (await fakeOrg.records('default', 'Case')).filter((record) => typeof record['ContactPad_Report_Id__c'] === 'string').length;
    await fakeOrg.setFault('default', { kind: 'unavailable' });
    try {
      await softphone.getByRole('button', { name: 'Report a problem' }).last().click();
      const dialog = softphone.getByRole('dialog', { name: 'Report a problem' });
      await dialog.getByRole('textbox', { name: 'What happened?' }).fill('Calls drop after a minute');
      await dialog.getByRole('button', { name: 'Send' }).click();
      const told = dialog.getByRole('alert');
      await told.getByText(/^Salesforce cannot be reached now\. Your report is kept in this browser and goes by itself/).waitFor({ timeout: 20_000 });
      await dialog.getByRole('button', { name: 'Close' }).click();
      await dialog.waitFor({ state: 'detached' });

      // Opened again, it shows the report kept, not a new one.
      await softphone.getByRole('button', { name: 'Report a problem' }).last().click();
      await dialog.getByText('Calls drop after a minute').waitFor();
      await fakeOrg.clearFaults('default');
      // Try again sends it now (unless its own next try, at most seconds away, just did).
      await dialog.getByRole('button', { name: 'Try again' }).click({ timeout: 2000 }).catch(() => undefined);
      await dialog.getByText(/^Sent as case \d{8}\./).waitFor({ timeout: 20_000 });
    } finally {
      await fakeOrg.clearFaults('default');
    }
    const reports = (await fakeOrg.records('default', 'Case')).filter((record) => typeof record['ContactPad_Report_Id__c'] === 'string');
    assert.equal(reports.length, before + 1, 'one Case for the report');
    assert.equal(reports.at(-1)?.['Subject'], 'ContactPad problem report: Calls drop after a minute');
  });
});
