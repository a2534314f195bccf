import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import './cp-problem-report-dialog.ts';
import './contact-pad.ts';
import './cp-interaction-list.ts';
import type { CpProblemReportDialog } from './cp-problem-report-dialog.ts';
import type { ContactPad } from './contact-pad.ts';
import type { CpInteractionList } from './cp-interaction-list.ts';
import type { ProblemReportView } from '../../adapter/src/store.ts';
import { FakeClock } from '../../adapter/test-support/fake-clock.ts';
import { accessibleName, deepQueryAll, findByRole, focused, getByRole, queryAllByRole, recordIntents, shownText } from '../test-support/queries.ts';
import { NOW, snapshot, view, wrappingUp } from '../test-support/snapshots.ts';
import { afterFirstPaint } from '../test-support/first-paint.ts';

const SUMMARY = { windowMinutes: 15, sipMessages: 42, mediaLines: 12, errors: 1, events: 3, bytes: 38_500, versions: { contactPad: '0.1.0', sipJs: '0.21.2', browser: 'Chromium' } };

const EDITING: ProblemReportView = {
  state: 'editing',
  comment: '',
  openedAt: NOW,
  summary: SUMMARY,
  call: { interactionId: 'ci-09c4d7e2', who: 'Carla Diaz, +44 20 7946 0958', direction: 'inbound', state: 'wrap-up', offeredAt: NOW - 400_000 },
};

async function dialogWith(report: ProblemReportView): Promise<CpProblemReportDialog> {
  const element = await fixture<CpProblemReportDialog>(html`<cp-problem-report-dialog .report=${report}></cp-problem-report-dialog>`);
  await element.updateComplete;
  await element.updateComplete;
  return element;
}

async function shows(element: CpProblemReportDialog, report: ProblemReportView): Promise<void> {
  element.report = report;
  await element.updateComplete;
  await element.updateComplete;
}

describe('<cp-problem-report-dialog>', () => {
  it('opens about the call, the comment box focused, and says what will be sent: the log of the last 15 minutes counted, its size, the versions', async () => {
    const element = await dialogWith(EDITING);
    const dialog = getByRole(element, 'dialog');
    expect(accessibleName(dialog)).to.equal('Report a problem');
    expect(shownText(dialog)).to.contain('About your call with Carla Diaz, +44 20 7946 0958.');
    const comment = getByRole(element, 'textbox', { name: 'What happened?' }) as HTMLTextAreaElement;
    expect(focused()).to.equal(comment);
    expect(comment.maxLength).to.equal(4000);
    const what = getByRole(element, 'region', { name: 'What will be sent' });
    const rows = [...what.querySelectorAll('dt')].map((dt) => `${shownText(dt)}: ${shownText(dt.nextElementSibling!)}`);
    expect(rows).to.deep.equal(['SIP messages: 42', 'Call media readings (getStats): 12', 'Errors you were told: 1', 'Phone events: 3', 'Size: about 38 KB']);
    expect(shownText(what)).to.contain('with passwords and tokens removed');
    expect(shownText(what)).to.contain('Versions: ContactPad 0.1.0, sip.js 0.21.2');
  });

  it('sends what the agent typed; then says it is sending, and the Case number once sent, the focus on Close', async () => {
    const element = await dialogWith(EDITING);
    const comment = getByRole(element, 'textbox', { name: 'What happened?' }) as HTMLTextAreaElement;
    comment.value = 'The caller could not hear me after 10:30';
    comment.dispatchEvent(new Event('input'));
    const fired = recordIntents(document.body);
    getByRole(element, 'button', { name: 'Send' }).click();
    fired.stop();
    expect(fired.intents).to.deep.equal([{ type: 'problem-report', action: { kind: 'send', comment: 'The caller could not hear me after 10:30' } }]);

    await shows(element, { ...EDITING, state: 'sending', comment: 'The caller could not hear me after 10:30' });
    expect(shownText(getByRole(element, 'status'))).to.equal('Sending your report…');
    expect(focused()).to.equal(getByRole(element, 'button', { name: 'Close' }));
    expect(shownText(getByRole(element, 'dialog'))).to.contain('The caller could not hear me after 10:30');
    await shows(element, { ...EDITING, state: 'sent', comment: 'x', caseNumber: '00001042' });
    expect(shownText(getByRole(element, 'status'))).to.equal("Sent as case 00001042. Your admin has your comment and ContactPad's log.");
    expect(queryAllByRole(element, 'button', { name: 'Try again' })).to.deep.equal([]);
  });

  it('says plainly when Salesforce cannot take it: kept and going by itself, or refused (session expired, no access) with Try again', async () => {
    const element = await dialogWith({ ...EDITING, state: 'waiting', comment: 'x', problem: { code: 'CRM_UNAVAILABLE', message: 'Salesforce is unavailable' }, nextTryAt: new Date(2025, 2, 14, 15, 7).getTime() });
    expect(shownText(getByRole(element, 'alert'))).to.match(/^Salesforce cannot be reached now\. Your report is kept in this browser and goes by itself when Salesforce answers \(next try at 3:07\sPM\)\.$/);
    const fired = recordIntents(document.body);
    getByRole(element, 'button', { name: 'Try again' }).click();
    fired.stop();
    expect(fired.intents).to.deep.equal([{ type: 'problem-report', action: { kind: 'retry' } }]);

    await shows(element, { ...EDITING, state: 'refused', comment: 'x', problem: { code: 'CRM_SESSION_EXPIRED', message: 'Salesforce session expired: Session expired or invalid' } });
    expect(shownText(getByRole(element, 'alert'))).to.equal('Your Salesforce session has expired. Reload the console: your report is kept in this browser and goes after the reload.');
    await shows(element, { ...EDITING, state: 'refused', comment: 'x', problem: { code: 'PROBLEM_REPORT_REFUSED', message: 'Salesforce refused the problem report: Required fields are missing: [Type]' } });
    expect(shownText(getByRole(element, 'alert'))).to.contain('(Salesforce refused the problem report: Required fields are missing: [Type]). Your report is kept in this browser: ask your Salesforce admin, then Try again.');
  });

  it('Cancel or Escape closes it and says so to the controller', async () => {
    const element = await dialogWith(EDITING);
    const fired = recordIntents(document.body);
    await sendKeys({ press: 'Escape' });
    await element.updateComplete;
    fired.stop();
    expect(fired.intents).to.deep.equal([{ type: 'problem-report', action: { kind: 'close' } }]);
    expect((element.renderRoot.querySelector('dialog') as HTMLDialogElement).open).to.equal(false);
  });
});

describe('Report a problem in the pad', () => {
  it("opens from the pad's button and from a finished call's row, the dialog loading when the controller holds a report", async () => {
    const pad = await afterFirstPaint(await fixture<ContactPad>(html`<contact-pad .snapshot=${snapshot()} .clock=${new FakeClock(NOW)}></contact-pad>`));
    const fired = recordIntents(document.body);
    getByRole(pad, 'button', { name: 'Report a problem' }).click();
    fired.stop();
    expect(fired.intents).to.deep.equal([{ type: 'problem-report', action: { kind: 'open' } }]);
    pad.snapshot = snapshot({ problemReport: { ...EDITING } });
    await pad.updateComplete;
    const dialog = await findByRole(pad, 'dialog', { name: 'Report a problem' });
    expect(deepQueryAll(pad, 'cp-problem-report-dialog')).to.have.length(1);
    expect(shownText(dialog)).to.contain('What will be sent');

    const list = await fixture<CpInteractionList>(html`<cp-interaction-list .interactions=${[{ ...wrappingUp, actions: ['extend-wrap-up', 'report-problem'] }, view({ id: 'live', state: 'connected' }, { actions: ['release'] })]}></cp-interaction-list>`);
    const rows = recordIntents(document.body);
    const report = queryAllByRole(list, 'button', { name: /Report a problem/ });
    expect(report, 'only the finished call offers it').to.have.length(1);
    report[0]!.click();
    rows.stop();
    expect(rows.intents).to.deep.equal([{ type: 'problem-report', action: { kind: 'open', interactionId: wrappingUp.interaction.id } }]);
  });
});
