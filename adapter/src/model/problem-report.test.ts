import { expect } from '@open-wc/testing';
import {
  PROBLEM_REPORT_TRANSITIONS,
  cleanComment,
  moveProblemReport,
  newProblemReport,
  reportCase,
  reportFile,
  reportSummary,
  restoredReport,
  type ProblemReportState,
} from './problem-report.ts';
import type { DiagnosticEntry } from './diagnostic-log.ts';
import { thrown } from '../../test-support/thrown.ts';
import { isContactPadError } from './errors.ts';

declare const describe: (title: string, body: () => void) => void;
declare const it: (title: string, body: () => void | Promise<void>) => void;

const AT = Date.UTC(2025, 11, 6, 10, 30);
const VERSIONS = { contactPad: '0.1.0', sipJs: '0.21.2', browser: 'Mozilla/5.0 Chrome/131' };
const AGENT = { sipUser: 'agent1', userId: '005000000000001AAA' };
const ID = '3f1c2a7e-9b0d-4c1e-8f2a-1b2c3d4e5f60';

const ENTRIES: readonly DiagnosticEntry[] = [
  { at: AT - 20 * 60_000, kind: 'sip-in', text: 'INVITE sip:agent1@127.0.0.1 SIP/2.0\r\nCall-ID: old-call' },
  { at: AT - 60_000, kind: 'sip-in', text: 'INVITE sip:agent1@127.0.0.1 SIP/2.0\r\nCall-ID: new-call' },
  { at: AT - 59_000, kind: 'sip-out', text: 'SIP/2.0 200 OK\r\nCall-ID: new-call' },
  { at: AT - 30_000, kind: 'media', text: 'call new-call: media ice=connected, ... line good' },
  { at: AT - 10_000, kind: 'error', text: 'CALL_QUALITY_POOR: The line is poor' },
  { at: AT - 5_000, kind: 'phone', text: 'phone registered' },
];

const SUMMARY = reportSummary(ENTRIES, AT, VERSIONS, 1234);

describe('a problem report: its life', () => {
  it('goes editing -> sending -> sent, or waits, or is refused and tried again, and refuses any other move', () => {
    const moves: Array<[ProblemReportState, ProblemReportState]> = [];
    for (const [from, tos] of Object.entries(PROBLEM_REPORT_TRANSITIONS)) for (const to of tos) moves.push([from as ProblemReportState, to]);
    expect(moves).to.deep.equal([
      ['editing', 'sending'],
      ['sending', 'sent'],
      ['sending', 'waiting'],
      ['sending', 'refused'],
      ['waiting', 'sending'],
      ['refused', 'sending'],
    ]);
    const report = newProblemReport(ID, AT, SUMMARY);
    expect(isContactPadError(thrown(() => moveProblemReport(report, 'sent')), 'INVALID_TRANSITION')).to.equal(true);
    const waiting = moveProblemReport(moveProblemReport(report, 'sending', { attempts: 0 }), 'waiting', { attempts: 1, problem: { code: 'CRM_UNAVAILABLE', message: 'down' }, nextTryAt: AT + 5000 });
    const again = moveProblemReport(waiting, 'sending');
    expect([again.problem, again.nextTryAt, again.attempts]).to.deep.equal([undefined, undefined, 1], 'what belonged to waiting is gone; the tries stay');
    const sent = moveProblemReport(again, 'sent', { caseNumber: '00001001' });
    expect(isContactPadError(thrown(() => moveProblemReport(sent, 'sending')), 'INVALID_TRANSITION')).to.equal(true);
  });

  it("takes the agent's comment as typed, without control characters, at most 4000 characters", () => {
    expect(cleanComment('  No audio\u0007 after\ttransfer\r\nfrom 10:30\u001b[0m  ')).to.equal('No audio after\ttransfer\r\nfrom 10:30[0m');
    expect(cleanComment('x'.repeat(5000))).to.have.length(4000);
    expect(cleanComment(42)).to.equal('');
  });
});

describe('a problem report: what it sends', () => {
  it('carries the last 15 minutes: errors, media, then SIP and phone events in order, under a head naming the agent, the call and the versions', () => {
    const report = { id: ID, comment: 'The caller could not hear me', call: { interactionId: 'new-call', who: 'Maria Lopez, +14155550100', direction: 'inbound' as const, state: 'wrap-up', offeredAt: AT - 60_000 } };
    const file = reportFile({ report, at: AT, agent: AGENT, versions: VERSIONS, log: { capBytes: 524_288, droppedCount: 3 } }, ENTRIES);
    expect(file.name).to.equal('contactpad-problem-report-20251206T103000Z-3f1c2a7e.txt');
    for (const line of [
      `ContactPad problem report ${ID}`,
      'Agent: agent1 (User 005000000000001AAA)',
      'Call: Maria Lopez, +14155550100, inbound, rang at 2025-12-06T10:29:00.000Z, wrap-up when reported (interaction new-call)',
      'Versions: ContactPad 0.1.0; sip.js 0.21.2; browser Mozilla/5.0 Chrome/131',
      'The caller could not hear me',
      'has let 3 older entries go',
    ]) {
      expect(file.text).to.include(line);
    }
    expect(file.text).not.to.include('old-call', 'older than the window');
    const errors = file.text.indexOf('== Errors the agent was told ==');
    const media = file.text.indexOf('== Call media (getStats) ==');
    const sip = file.text.indexOf('== SIP messages and phone events, in order ==');
    expect(errors).to.be.above(0);
    expect(media).to.be.above(errors);
    expect(sip).to.be.above(media);
    expect(file.text.indexOf('CALL_QUALITY_POOR')).to.be.within(errors, media);
    expect(file.text.indexOf('Call-ID: new-call')).to.be.above(sip);
    expect(file.text.indexOf('SIP/2.0 200 OK')).to.be.above(file.text.indexOf('Call-ID: new-call'));
  });

  it('counts what it carries for the dialog, and names its Case after the comment', () => {
    expect(SUMMARY).to.deep.include({ windowMinutes: 15, sipMessages: 2, mediaLines: 1, errors: 1, events: 1, bytes: 1234 });
    const file = { name: 'f.txt', title: 't', text: '' };
    const { subject, description } = reportCase({ comment: '\n  Echo on every call\nsince lunch' }, file, AGENT, AT);
    expect(subject).to.equal('ContactPad problem report: Echo on every call');
    expect(description).to.include('Reported from ContactPad by agent1 at 2025-12-06T10:30:00.000Z.');
    expect(description).to.include('The diagnostic log is attached: f.txt.');
    expect(reportCase({ comment: '' }, file, AGENT, AT).subject).to.equal('ContactPad problem report: from agent1');
  });
});

describe('a problem report kept in the browser', () => {
  it('comes back after a reload waiting, to be tried again asking first, and anything else in storage is no report', () => {
    const sending = moveProblemReport(newProblemReport(ID, AT, SUMMARY), 'sending', { comment: 'no audio', reportedAt: AT, file: { name: 'f.txt', title: 't', text: 'log' } });
    const back = restoredReport(JSON.parse(JSON.stringify(sending)));
    expect(back).to.deep.include({ id: ID, state: 'waiting', comment: 'no audio', attempts: 1 });
    expect(back?.file?.text).to.equal('log');
    for (const junk of [null, 'text', { ...sending, id: 'not-a-uuid' }, { ...sending, state: 'sent' }, { ...sending, file: { name: 'f' } }, { ...sending, summary: { bytes: 'x' } }]) {
      expect(restoredReport(JSON.parse(JSON.stringify(junk)))).to.equal(undefined);
    }
  });
});
