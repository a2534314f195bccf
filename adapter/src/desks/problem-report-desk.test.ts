/**
 * Report a problem, end to end inside the adapter: the desk over the real model and the real crm
 * room on the fake org, the diagnostic log on the fake clock, and a report kept in "storage"
 * across a reload. What the agent sees is the store's `problemReport`; what the admin gets is the
 * Case and its file in the org.
 */
import { expect } from '@open-wc/testing';
import { isContactPadError } from '../model/errors.ts';
import { offerInteraction } from '../model/interaction-state.ts';
import { callFacts } from '../model/interaction-facts.ts';
import { ProblemReportDesk, type ReportingSetup } from './problem-report-desk.ts';
import { Diagnostics } from '../diagnostics.ts';
import { CONTACTPAD_VERSION, SIP_JS_VERSION } from '../versions.ts';
import { REPORT_ID_FIELD } from '../crm/problem-report.ts';
import { crmOnFakeOrg, testDesks, type CrmStorage } from '../../test-support/desk-rig.ts';
import { fakeOrg } from '../../test-support/fake-org.ts';
import { rejectionOf } from '../../test-support/thrown.ts';
import { waitFor } from '../../test-support/wait-for.ts';

declare const describe: (title: string, body: () => void) => void;
declare const it: (title: string, body: () => void | Promise<void>) => void;

const VERSIONS = { contactPad: CONTACTPAD_VERSION, sipJs: SIP_JS_VERSION, browser: 'Chromium test' };
const KEY = 'contactpad-problem-report-test';
const INVITE = 'INVITE sip:agent1@127.0.0.1 SIP/2.0\r\nCall-ID: call-1\r\nX-CP-Queue: Sales\r\n\r\nv=0';

/** This browser's storage, as the desk keeps a report in it (its key {@link KEY}). */
class MemoryKeeper {
  value: string | null = null;
  getItem(key: string): string | null {
    return key === KEY ? this.value : null;
  }
  setItem(key: string, text: string): void {
    if (key === KEY) this.value = text;
  }
  removeItem(key: string): void {
    if (key === KEY) this.value = null;
  }
}

/** The desks on the fake org, a log holding a call's INVITE and media, and a finished call (Maria Lopez) to report from. */
async function rig(keeper = new MemoryKeeper(), reload?: CrmStorage) {
  const desks = testDesks();
  const { crm, orgId, storage } = await crmOnFakeOrg(desks, reload ? { reload } : {});
  desks.rooms.crm = crm;
  const diagnostics = new Diagnostics(() => desks.clock.now());
  diagnostics.add('sip-in', INVITE);
  diagnostics.add('media', 'call call-1: media ice=connected, received 9600 B ... line good');
  diagnostics.add('error', 'CALL_QUALITY_POOR: The line is poor');
  desks.view.add(offerInteraction({ id: 'call-1', channel: 'voice', direction: 'inbound', callerName: 'Maria Lopez', callerNumber: '+14155550100' }, desks.clock.now()), callFacts());
  desks.view.move('call-1', 'connected');
  desks.view.move('call-1', 'wrap-up');
  const setup: ReportingSetup = { diagnostics, browser: VERSIONS.browser, agent: { sipUser: 'agent1', userId: '005000000000001AAA' }, storage: keeper, storageKey: KEY, random: () => 1 };
  return { desks, desk: new ProblemReportDesk(desks, setup), keeper, orgId, storage };
}

async function reportsIn(orgId: string) {
  return (await fakeOrg.records(orgId, 'Case')).filter((c) => typeof c[REPORT_ID_FIELD] === 'string');
}

describe('Report a problem', () => {
  it("from a finished call's row: the agent sees what will be sent, sends a comment, and reads the Case number; the admin gets the Case and the log naming the call", async () => {
    const { desks, desk, keeper, orgId, storage } = await rig();
    await desk.handle({ kind: 'open', interactionId: 'call-1' });
    const editing = desks.store.snapshot.problemReport;
    expect(editing).to.deep.include({ state: 'editing', comment: '' });
    expect(editing?.call).to.deep.include({ interactionId: 'call-1', who: 'Maria Lopez, +14155550100', state: 'wrap-up' });
    expect(editing?.summary).to.deep.include({ windowMinutes: 15, sipMessages: 1, mediaLines: 1, errors: 1, events: 0, versions: VERSIONS });

    await desk.handle({ kind: 'send', comment: 'The caller could not hear me after 10:30' });
    const sent = desks.store.snapshot.problemReport;
    expect(sent?.state).to.equal('sent');
    expect(sent?.caseNumber).to.match(/^\d{8}$/);
    expect(keeper.value, 'nothing left to keep').to.equal(null);

    const [kase] = await reportsIn(orgId);
    expect(kase?.['CaseNumber']).to.equal(sent?.caseNumber);
    expect(kase?.['Subject']).to.equal('ContactPad problem report: The caller could not hear me after 10:30');
    expect(String(kase?.['Description'])).to.include('Call: Maria Lopez, +14155550100 (interaction call-1).');
    const [file] = (await fakeOrg.records(orgId, 'ContentVersion')).filter((v) => v['FirstPublishLocationId'] === kase?.['Id']);
    const text = await (await fetch(`${storage.org.instanceUrl}${String(file?.['VersionData'])}`, { headers: { Authorization: `Bearer ${storage.org.accessToken}` } })).text();
    for (const part of ['Call: Maria Lopez, +14155550100, inbound', 'The caller could not hear me after 10:30', 'CALL_QUALITY_POOR', 'line good', INVITE]) expect(text).to.include(part);

    await desk.handle({ kind: 'close' });
    expect(desks.store.snapshot.problemReport).to.equal(undefined);
  });

  it('with Salesforce down: the report waits, kept in this browser, and goes by itself once Salesforce answers: one Case', async () => {
    const { desks, desk, keeper, orgId } = await rig();
    await fakeOrg.setFault(orgId, { kind: 'unavailable' });
    await desk.handle({ kind: 'open' });
    await desk.handle({ kind: 'send', comment: 'No audio' });
    const waiting = desks.store.snapshot.problemReport;
    expect(waiting).to.deep.include({ state: 'waiting', problem: { code: 'CRM_UNAVAILABLE', message: waiting?.problem?.message ?? '' } });
    expect(waiting?.nextTryAt).to.equal(desks.clock.now() + 5000, 'the first wait: the top of its 5 s window');
    expect(keeper.value).to.include('"state":"waiting"');
    expect(await reportsIn(orgId)).to.deep.equal([]);

    await desk.handle({ kind: 'close' });
    await fakeOrg.clearFaults(orgId);
    expect(desks.clock.runNext()).to.equal(5000);
    await waitFor('the report sent by itself', () => keeper.value === null || undefined);
    expect((await reportsIn(orgId)).map((c) => c['Subject'])).to.deep.equal(['ContactPad problem report: No audio']);
    await desk.handle({ kind: 'open' });
    expect(desks.store.snapshot.problemReport?.state, 'the next Report a problem starts a new report').to.equal('editing');
  });

  it('with the session expired: the agent is told, the report is kept across a reload and sent after it, once', async () => {
    const first = await rig();
    await fakeOrg.setFault(first.orgId, { kind: 'sessionExpired', times: 1 });
    await first.desk.handle({ kind: 'open', interactionId: 'call-1' });
    await first.desk.handle({ kind: 'send', comment: 'Echo on the line' });
    expect(first.desks.store.snapshot.problemReport).to.deep.include({ state: 'refused' });
    expect(first.desks.store.snapshot.problemReport?.problem?.code).to.equal('CRM_SESSION_EXPIRED');

    // The reload: a new page, the same browser storage and org.
    const after = await rig(first.keeper, first.storage);
    await after.desk.resume();
    expect(first.keeper.value).to.equal(null);
    await after.desk.handle({ kind: 'open' });
    expect(after.desks.store.snapshot.problemReport?.state, 'sent: the next report is a new one').to.equal('editing');
    expect((await reportsIn(first.orgId)).map((c) => c['Subject'])).to.deep.equal(['ContactPad problem report: Echo on the line']);
  });

  it('shows a report not sent yet when opened again, drops one being written when closed, and refuses a call that is not over', async () => {
    const { desks, desk, orgId } = await rig();
    await fakeOrg.setFault(orgId, { kind: 'unavailable' });
    await desk.handle({ kind: 'open' });
    await desk.handle({ kind: 'send', comment: 'Kept' });
    await desk.handle({ kind: 'close' });
    await desk.handle({ kind: 'open', interactionId: 'call-1' });
    expect(desks.store.snapshot.problemReport).to.deep.include({ state: 'waiting', comment: 'Kept' });
    await fakeOrg.clearFaults(orgId);
    await desk.handle({ kind: 'retry' });
    expect(desks.store.snapshot.problemReport?.state).to.equal('sent');
    await desk.handle({ kind: 'close' });

    await desk.handle({ kind: 'open' });
    await desk.handle({ kind: 'close' });
    await desk.handle({ kind: 'open' });
    expect(desks.store.snapshot.problemReport).to.deep.include({ state: 'editing', comment: '' });
    await desk.handle({ kind: 'close' });

    desks.view.add(offerInteraction({ id: 'call-2', channel: 'voice', direction: 'inbound', callerName: 'Ann' }, desks.clock.now()), callFacts());
    desks.view.move('call-2', 'connected');
    expect(isContactPadError(await rejectionOf(desk.handle({ kind: 'open', interactionId: 'call-2' })), 'INVALID_TRANSITION')).to.equal(true);
  });
});
