/**
 * Report a problem (Bright Pattern's agent guide has it; agents need it when a call sounds bad):
 * the agent's comment and the last minutes of the diagnostic log (diagnostic-log.ts), sent to the
 * admin as a Case with the log attached as a file (crm/problem-report.ts). This is the report's
 * life, as a state table, and what it sends.
 *
 * ```
 *   editing --Send--> sending --Salesforce took it--> sent
 *                        |  ^
 *     unreachable, limit |  | by itself (backoff), or Try again
 *                        v  |
 *                      waiting
 *                        |  ^
 *   session expired, refused (no access, a validation rule)  ->  refused --Try again--> sending
 * ```
 *
 * A report that is not sent is kept (by the desk, in this browser's storage) and never lost: it
 * waits and goes by itself while Salesforce cannot be reached, and waits for the agent's Try again
 * (after a reload, or the admin's fix) when Salesforce refused it. `sent` is an end.
 *
 * Pure: times are given (epoch ms); the file's text is built from the entries given.
 */
import { ContactPadError } from './errors.ts';
import type { DiagnosticEntry, DiagnosticKind } from './diagnostic-log.ts';

export type ProblemReportState = 'editing' | 'sending' | 'sent' | 'waiting' | 'refused';

/** The table of allowed moves: `PROBLEM_REPORT_TRANSITIONS[from]` lists every legal `to`. */
export const PROBLEM_REPORT_TRANSITIONS: Readonly<Record<ProblemReportState, readonly ProblemReportState[]>> = Object.freeze({
  editing: Object.freeze(['sending'] as const),
  sending: Object.freeze(['sent', 'waiting', 'refused'] as const),
  waiting: Object.freeze(['sending'] as const),
  refused: Object.freeze(['sending'] as const),
  sent: Object.freeze([] as const),
});

/** How much of the log a report carries: its last 15 minutes (within the log's own cap). */
export const REPORT_WINDOW_MS = 15 * 60_000;

/** The longest comment a report takes (the Case Description holds 32,000; the dialog's box stops here). */
export const MAX_COMMENT_LENGTH = 4000;

/** The versions a report names. */
export interface ReportVersions {
  readonly contactPad: string;
  readonly sipJs: string;
  /** The browser as it names itself (navigator.userAgent). */
  readonly browser: string;
}

/** The call a report is about, when the agent reported from its row. */
export interface ReportedCall {
  readonly interactionId: string;
  /** The caller as the agent saw them: name, number, or both. */
  readonly who: string;
  readonly direction: 'inbound' | 'outbound';
  /** Its state when reported (wrap-up, ended, failed...). */
  readonly state: string;
  /** When it rang or was placed (epoch ms). */
  readonly offeredAt: number;
}

/** What a report will carry, as the dialog shows it before Send ("what will be sent"). */
export interface ReportSummary {
  readonly windowMinutes: number;
  readonly sipMessages: number;
  readonly mediaLines: number;
  readonly errors: number;
  /** Phone events and sip.js's own warnings. */
  readonly events: number;
  /** The file's size in UTF-8 bytes (before base64). */
  readonly bytes: number;
  readonly versions: ReportVersions;
}

/** The file attached to the Case: frozen at the first Send, so every try sends the same. */
export interface ReportFile {
  readonly name: string;
  readonly title: string;
  readonly text: string;
}

/** One problem report. Frozen; {@link moveProblemReport} makes the next. */
export interface ProblemReport {
  /** The report's own id (a UUID): the Case's ContactPad_Report_Id__c, so a retry never makes a second Case. */
  readonly id: string;
  readonly state: ProblemReportState;
  readonly comment: string;
  readonly call?: ReportedCall;
  readonly openedAt: number;
  /** When the agent pressed Send (the file's moment); absent while editing. */
  readonly reportedAt?: number;
  /** Tries made so far (a try whose answer was lost may have gone through: the next asks first). */
  readonly attempts: number;
  readonly summary: ReportSummary;
  readonly file?: ReportFile;
  /** Once sent: the Case's number. */
  readonly caseNumber?: string;
  /** While waiting or refused: why, as the agent reads it (a code and a message). */
  readonly problem?: { readonly code: string; readonly message: string };
  /** While waiting: when it goes again by itself (epoch ms). */
  readonly nextTryAt?: number;
}

/** What a move may change besides the state. */
export type ProblemReportChange = Partial<Pick<ProblemReport, 'comment' | 'reportedAt' | 'attempts' | 'summary' | 'file' | 'caseNumber' | 'problem' | 'nextTryAt'>>;

/** What the agent does with Report a problem (the `problem-report` intent). */
export type ProblemReportAction =
  /** Opens the dialog: a new report (about the call of `interactionId`, from its row), or the one not sent yet. */
  | { readonly kind: 'open'; readonly interactionId?: string }
  /** Sends the report being written, with the agent's comment. */
  | { readonly kind: 'send'; readonly comment: string }
  /** Tries a report that is waiting or was refused again, now. */
  | { readonly kind: 'retry' }
  /** Closes the dialog: a report being written is dropped, one not sent yet stays (and keeps trying by itself while waiting). */
  | { readonly kind: 'close' };

/** Moves `report` to `to` with `change`; INVALID_TRANSITION for a move the table does not allow. */
export function moveProblemReport(report: ProblemReport, to: ProblemReportState, change: ProblemReportChange = {}): ProblemReport {
  if (!PROBLEM_REPORT_TRANSITIONS[report.state].includes(to)) {
    throw new ContactPadError('INVALID_TRANSITION', `A problem report cannot go from ${report.state} to ${to}.`, { detail: { from: report.state, to } });
  }
  const next: { -readonly [K in keyof ProblemReport]: ProblemReport[K] } = { ...report, ...change, state: to };
  // What belongs to one state only does not outlive it.
  if (to !== 'waiting') delete next.nextTryAt;
  if (to === 'sending' || to === 'sent') delete next.problem;
  return Object.freeze(next);
}

/** A new report, being written. */
export function newProblemReport(id: string, openedAt: number, summary: ReportSummary, call?: ReportedCall): ProblemReport {
  return Object.freeze({ id, state: 'editing', comment: '', openedAt, attempts: 0, summary, ...(call ? { call } : {}) });
}

/** The agent's comment as a report takes it: trimmed, at most {@link MAX_COMMENT_LENGTH} characters, control characters but line breaks and tabs removed. */
export function cleanComment(comment: unknown): string {
  if (typeof comment !== 'string') return '';
  return comment.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '').trim().slice(0, MAX_COMMENT_LENGTH);
}

const SIP: ReadonlySet<DiagnosticKind> = new Set(['sip-in', 'sip-out']);

/** The entries a report carries: those of the last {@link REPORT_WINDOW_MS} before `at`. */
export function reportEntries(entries: readonly DiagnosticEntry[], at: number): readonly DiagnosticEntry[] {
  return entries.filter((entry) => entry.at >= at - REPORT_WINDOW_MS && entry.at <= at);
}

function time(at: number): string {
  return Number.isFinite(at) ? new Date(at).toISOString() : '?';
}

/** The agent, the call, the versions, the comment: the file's head. */
interface ReportHead {
  readonly report: Pick<ProblemReport, 'id' | 'comment' | 'call'>;
  readonly at: number;
  readonly agent: { readonly sipUser: string; readonly userId: string };
  readonly versions: ReportVersions;
  /** The log's cap and how many entries it let go since it began. */
  readonly log: { readonly capBytes: number; readonly droppedCount: number };
}

function section(title: string, entries: readonly DiagnosticEntry[], empty: string): string {
  const body = entries.length === 0 ? empty : entries.map((entry) => `${time(entry.at)} [${entry.kind}]${SIP.has(entry.kind) ? '\n' : ' '}${entry.text}`).join('\n\n');
  return `== ${title} ==\n${body}\n`;
}

/**
 * The file attached to the Case: who, which call, the versions and the comment, then the log's
 * entries of the window: errors told to the agent, media figures (getStats), then the SIP messages
 * and phone events in order. The entries are redacted already (diagnostic-log.ts).
 */
export function reportFile(head: ReportHead, entries: readonly DiagnosticEntry[]): ReportFile {
  const { report, at, agent, versions, log } = head;
  const carried = reportEntries(entries, at);
  const call = report.call;
  const lines = [
    `ContactPad problem report ${report.id}`,
    `Reported at: ${time(at)}`,
    `Agent: ${agent.sipUser || '(no SIP user)'}${agent.userId ? ` (User ${agent.userId})` : ''}`,
    call
      ? `Call: ${call.who || '(unknown caller)'}, ${call.direction}, ${call.direction === 'inbound' ? 'rang' : 'placed'} at ${time(call.offeredAt)}, ${call.state} when reported (interaction ${call.interactionId})`
      : 'Call: none named (reported from the pad)',
    `Versions: ContactPad ${versions.contactPad}; sip.js ${versions.sipJs}; browser ${versions.browser || '(unknown)'}`,
    '',
    "Agent's comment:",
    report.comment || '(none)',
    '',
    `Log: the last ${REPORT_WINDOW_MS / 60_000} minutes, ${carried.length} entries; the log keeps at most ${log.capBytes} bytes in memory` +
      (log.droppedCount > 0 ? ` and has let ${log.droppedCount} older entries go since it began.` : '.') +
      ' Credentials and tokens are removed from every entry (digest responses, token headers, passwords in URIs, ICE passwords, session ids).',
    '',
  ];
  const text = [
    lines.join('\n'),
    section('Errors the agent was told', carried.filter((entry) => entry.kind === 'error'), '(none)'),
    section('Call media (getStats)', carried.filter((entry) => entry.kind === 'media'), '(no call was connected long enough for a reading)'),
    section('SIP messages and phone events, in order', carried.filter((entry) => entry.kind !== 'error' && entry.kind !== 'media'), '(none)'),
  ].join('\n');
  const stamp = time(at).replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  return { name: `contactpad-problem-report-${stamp}-${report.id.slice(0, 8)}.txt`, title: `ContactPad diagnostic log ${time(at)}`, text };
}

/** What a report of `entries` at `at` would carry, in counts (the dialog's "what will be sent"). */
export function reportSummary(entries: readonly DiagnosticEntry[], at: number, versions: ReportVersions, bytes: number): ReportSummary {
  const carried = reportEntries(entries, at);
  const counted = (kinds: readonly DiagnosticKind[]) => carried.filter((entry) => kinds.includes(entry.kind)).length;
  return Object.freeze({
    windowMinutes: REPORT_WINDOW_MS / 60_000,
    sipMessages: counted(['sip-in', 'sip-out']),
    mediaLines: counted(['media']),
    errors: counted(['error']),
    events: counted(['phone', 'sip-library']),
    bytes,
    versions,
  });
}

/** The Case a report becomes: its subject (the comment's first line) and description (the comment, who, which call, the file's name). */
export function reportCase(report: Pick<ProblemReport, 'comment' | 'call'>, file: ReportFile, agent: { readonly sipUser: string }, at: number): { readonly subject: string; readonly description: string } {
  const firstLine = report.comment.split('\n').find((line) => line.trim() !== '')?.trim() ?? '';
  const subject = `ContactPad problem report: ${firstLine ? firstLine.slice(0, 120) : `from ${agent.sipUser || 'an agent'}`}`;
  const call = report.call ? `\nCall: ${report.call.who || '(unknown caller)'} (interaction ${report.call.interactionId}).` : '';
  const description = `${report.comment || '(no comment)'}\n\nReported from ContactPad by ${agent.sipUser || 'an agent'} at ${time(at)}.${call}\nThe diagnostic log is attached: ${file.name}.`;
  return { subject, description: description.slice(0, 32_000) };
}

/** What the widget sees of a report (its dialog): all but its id, its tries and the file's text. */
export type ProblemReportView = Omit<ProblemReport, 'id' | 'attempts' | 'file'>;

/** The report as the dialog shows it. */
export function problemReportView(report: ProblemReport): ProblemReportView {
  const { id: _id, attempts: _attempts, file: _file, ...view } = report;
  return Object.freeze(view);
}

const KEPT_STATES: ReadonlySet<unknown> = new Set(['sending', 'waiting', 'refused']);

function isText(value: unknown): value is string {
  return typeof value === 'string';
}

/**
 * A report kept in this browser's storage (not sent before a reload), read back: checked, not
 * trusted (storage is outside input). It comes back `waiting`, to be tried again at once (asking
 * first whether the try the reload cut went through); undefined when it is not a report.
 */
export function restoredReport(value: unknown): ProblemReport | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const kept = value as Partial<Record<keyof ProblemReport, unknown>>;
  const file = kept.file as Partial<Record<keyof ReportFile, unknown>> | undefined;
  const summary = kept.summary as Partial<Record<keyof ReportSummary, unknown>> | undefined;
  const versions = summary?.versions as Partial<Record<keyof ReportVersions, unknown>> | undefined;
  if (!isText(kept.id) || !/^[0-9a-f-]{36}$/i.test(kept.id) || !KEPT_STATES.has(kept.state) || !isText(kept.comment)) return undefined;
  if (typeof file !== 'object' || file === null || !isText(file.name) || !isText(file.title) || !isText(file.text)) return undefined;
  if (typeof summary !== 'object' || summary === null || typeof versions !== 'object' || versions === null) return undefined;
  const counts = ['windowMinutes', 'sipMessages', 'mediaLines', 'errors', 'events', 'bytes'] as const;
  if (!counts.every((name) => typeof summary[name] === 'number') || !isText(versions.contactPad) || !isText(versions.sipJs) || !isText(versions.browser)) return undefined;
  const number = (raw: unknown, fallback: number) => (typeof raw === 'number' && Number.isFinite(raw) ? raw : fallback);
  const call = kept.call as Partial<Record<keyof ReportedCall, unknown>> | undefined;
  const direction = call?.direction === 'inbound' || call?.direction === 'outbound' ? call.direction : undefined;
  const validCall: ReportedCall | undefined =
    typeof call === 'object' && call !== null && isText(call.interactionId) && isText(call.who) && direction && isText(call.state)
      ? { interactionId: call.interactionId, who: call.who, direction, state: call.state, offeredAt: number(call.offeredAt, 0) }
      : undefined;
  return Object.freeze({
    id: kept.id,
    state: 'waiting',
    comment: cleanComment(kept.comment),
    openedAt: number(kept.openedAt, 0),
    reportedAt: number(kept.reportedAt, number(kept.openedAt, 0)),
    // At least one try: the next asks first whether the one the reload cut went through.
    attempts: Math.max(1, Math.floor(number(kept.attempts, 1))),
    summary: Object.freeze({
      windowMinutes: summary.windowMinutes as number,
      sipMessages: summary.sipMessages as number,
      mediaLines: summary.mediaLines as number,
      errors: summary.errors as number,
      events: summary.events as number,
      bytes: summary.bytes as number,
      versions: Object.freeze({ contactPad: versions.contactPad, sipJs: versions.sipJs, browser: versions.browser }),
    }),
    file: Object.freeze({ name: file.name, title: file.title, text: file.text }),
    ...(validCall ? { call: Object.freeze(validCall) } : {}),
  });
}
