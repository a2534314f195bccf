/**
 * Report a problem: the agent's comment and the last minutes of the diagnostic log
 * (model/diagnostic-log.ts) go to the admin as a Case with the log attached as a file
 * (crm/problem-report.ts). Loaded on the agent's first Report a problem (the pad's button, or a
 * finished call's row), or at start when a report from before a reload waits: off the ring path.
 *
 *   open  -> a new report (model/problem-report.ts: editing), about the row's call if any, with
 *            what it would carry counted for the dialog; or the report not sent yet, as it stands
 *   send  -> the file frozen (the log's last 15 minutes, the versions, the comment), kept in this
 *            browser's storage, then sent: sent (the Case number shown) | waiting (Salesforce
 *            unreachable or out of requests: it goes again by itself, with backoff) | refused
 *            (session expired, no access, a validation rule: the agent is told plainly, and Try
 *            again sends it once fixed, after a reload too)
 *   retry -> a waiting or refused report now
 *   close -> the dialog closes; a report being written is dropped, one not sent stays and is
 *            shown again by the next Report a problem
 *
 * Nothing is lost: a report is kept in storage from Send until Salesforce has it, and a reload
 * brings it back (resume) and sends it; every try after the first asks Salesforce first whether
 * the one before went through, so a lost answer never makes a second Case.
 */
import { utf8Length, type DiagnosticLog, type DiagnosticSink } from '../model/diagnostic-log.ts';
import {
  cleanComment,
  moveProblemReport,
  newProblemReport,
  problemReportView,
  reportCase,
  reportFile,
  reportSummary,
  restoredReport,
  type ProblemReport,
  type ProblemReportAction,
  type ReportedCall,
  type ReportFile,
  type ReportSummary,
  type ReportVersions,
} from '../model/problem-report.ts';
import { CONTACTPAD_VERSION, SIP_JS_VERSION } from '../versions.ts';
import { retryDelay, type BackoffPolicy, type RandomSource } from '../model/retry-backoff.ts';
import type { Desks } from './desks.ts';
import { describeError } from './notice-desk.ts';

/** Where a report not sent yet is kept across reloads: this browser's localStorage (its part a report uses). */
export type ReportStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/** What reporting needs beyond the desks: the log, the browser and the agent a report names, where to keep one not sent. */
export interface ReportingSetup {
  /** The diagnostic log as everyone writes to it (adapter/src/diagnostics.ts), and the log itself once loaded. */
  readonly diagnostics: DiagnosticSink & { log(): Promise<DiagnosticLog> };
  /** The browser as it names itself (navigator.userAgent). */
  readonly browser: string;
  readonly agent: { readonly sipUser: string; readonly userId: string };
  /** Without it (storage blocked) a report not sent lives as long as the page. */
  readonly storage?: ReportStorage | undefined;
  /** The storage key (one per org and agent). */
  readonly storageKey?: string;
  /** Default: crypto.randomUUID. */
  readonly newId?: () => string;
  /** Default: Math.random (the retries' jitter). */
  readonly random?: RandomSource;
}

/** How a waiting report goes again by itself: the first wait up to 5 s, doubling, never over 5 minutes (full jitter). */
export const REPORT_RETRY: BackoffPolicy = Object.freeze({ baseMs: 5000, capMs: 300_000 });

/** Salesforce could not take it now (unreachable, out of requests): the report goes again by itself. */
const WAIT_CODES: ReadonlySet<string> = new Set(['CRM_UNAVAILABLE', 'CRM_REQUEST_LIMIT']);

export class ProblemReportDesk {
  readonly #desks: Desks;
  readonly #setup: ReportingSetup;
  #report: ProblemReport | undefined;
  #open = false;
  #cancelRetry: () => void = () => undefined;

  constructor(desks: Desks, setup: ReportingSetup) {
    this.#desks = desks;
    this.#setup = setup;
    this.#report = this.#restore();
  }

  /** Carries out the agent's action (see the file comment). */
  async handle(action: ProblemReportAction): Promise<void> {
    switch (action.kind) {
      case 'open':
        return this.#openDialog(action.interactionId);
      case 'send':
        return this.#send(action.comment);
      case 'retry':
        return this.#tryNow();
      case 'close':
        return this.#close();
    }
  }

  /** After a reload: a report kept unsent goes again now (the dialog stays closed). */
  async resume(): Promise<void> {
    if (this.#report?.state === 'waiting') await this.#tryNow();
  }

  async #openDialog(interactionId: string | undefined): Promise<void> {
    const pending = this.#report && this.#report.state !== 'editing' && this.#report.state !== 'sent';
    if (!pending) {
      const call = interactionId === undefined ? undefined : this.#call(interactionId);
      const at = this.#desks.clock.now();
      this.#report = newProblemReport(this.#newId(), at, (await this.#preview(at)).summary, call);
    }
    this.#open = true;
    this.#show();
  }

  /** The call of a finished row, as the report names it; the row must offer Report a problem. */
  #call(interactionId: string): ReportedCall | undefined {
    const { view } = this.#desks;
    view.requireAction(interactionId, 'report-problem');
    const interaction = view.interaction(interactionId);
    if (!interaction) return undefined;
    return {
      interactionId,
      who: [interaction.callerName, interaction.callerNumber].filter((part) => part.trim() !== '').join(', '),
      direction: interaction.direction,
      state: interaction.state,
      offeredAt: interaction.offeredAt,
    };
  }

  /** What a report made now would carry: its file and the counts the dialog shows. */
  async #preview(at: number, report: Pick<ProblemReport, 'id' | 'comment' | 'call'> = { id: '', comment: '' }): Promise<{ file: ReportFile; summary: ReportSummary }> {
    const { agent } = this.#setup;
    const versions = this.#versions();
    const log = await this.#setup.diagnostics.log();
    const entries = log.entries();
    const file = reportFile({ report, at, agent, versions, log: { capBytes: log.capBytes, droppedCount: log.droppedCount } }, entries);
    return { file, summary: reportSummary(entries, at, versions, utf8Length(file.text)) };
  }

  async #send(comment: string): Promise<void> {
    const report = this.#report;
    if (!report || report.state !== 'editing') return; // a second Send while the first goes: nothing to do
    const at = this.#desks.clock.now();
    const cleaned = cleanComment(comment);
    const { file, summary } = await this.#preview(at, { ...report, comment: cleaned });
    this.#report = moveProblemReport(report, 'sending', { comment: cleaned, reportedAt: at, file, summary });
    this.#keep();
    this.#show();
    await this.#try();
  }

  /** A waiting or refused report, now (the agent's Try again, a reload, or its backoff). */
  async #tryNow(): Promise<void> {
    const report = this.#report;
    if (!report || (report.state !== 'waiting' && report.state !== 'refused')) return;
    this.#cancelRetry();
    this.#report = moveProblemReport(report, 'sending');
    this.#keep();
    this.#show();
    await this.#try();
  }

  async #try(): Promise<void> {
    const report = this.#report;
    const file = report?.file;
    if (!report || report.state !== 'sending' || !file) return;
    const { agent, random } = this.#setup;
    const attempts = report.attempts + 1;
    try {
      const crm = this.#desks.rooms.requireCrm();
      const { subject, description } = reportCase(report, file, agent, report.reportedAt ?? report.openedAt);
      const sent = await crm.sendProblemReport(
        { reportId: report.id, subject, description, fileName: file.name, fileTitle: file.title, fileText: file.text },
        report.attempts > 0,
      );
      this.#report = moveProblemReport(report, 'sent', { attempts, caseNumber: sent.caseNumber });
    } catch (error) {
      const problem = describeError(error);
      if (WAIT_CODES.has(problem.code)) {
        const delay = retryDelay(report.attempts, REPORT_RETRY, random ?? Math.random);
        this.#report = moveProblemReport(report, 'waiting', { attempts, problem, nextTryAt: this.#desks.clock.now() + delay });
        this.#cancelRetry = this.#desks.clock.schedule(() => void this.#tryNow().catch((failure: unknown) => this.#desks.notices.notify(failure)), delay);
      } else {
        this.#report = moveProblemReport(report, 'refused', { attempts, problem });
      }
    }
    this.#keep();
    this.#show();
  }

  #close(): void {
    this.#open = false;
    // A report being written is the agent's to drop; a sent one is done. One not sent yet stays.
    if (this.#report?.state === 'editing' || this.#report?.state === 'sent') this.#report = undefined;
    this.#show();
  }

  #show(): void {
    const report = this.#open ? this.#report : undefined;
    this.#desks.store.update((s) => (!report && !s.problemReport ? s : { ...s, problemReport: report ? problemReportView(report) : undefined }));
  }

  #versions(): ReportVersions {
    return { contactPad: CONTACTPAD_VERSION, sipJs: SIP_JS_VERSION, browser: this.#setup.browser };
  }

  /** The report in storage while it is not sent; forgotten once it is (or when there is none). Storage full or blocked: kept for the page's life only. */
  #keep(): void {
    const { storage, storageKey } = this.#setup;
    if (!storage || !storageKey) return;
    const report = this.#report;
    try {
      if (report && report.state !== 'editing' && report.state !== 'sent') storage.setItem(storageKey, JSON.stringify(report));
      else storage.removeItem(storageKey);
    } catch {
      // Over the quota, or blocked: this desk still holds the report.
    }
  }

  #restore(): ProblemReport | undefined {
    try {
      const text = this.#setup.storageKey ? this.#setup.storage?.getItem(this.#setup.storageKey) : undefined;
      return text ? restoredReport(JSON.parse(text)) : undefined;
    } catch {
      return undefined; // unreadable or damaged: nothing to send
    }
  }

  #newId(): string {
    return (this.#setup.newId ?? (() => crypto.randomUUID()))();
  }
}
