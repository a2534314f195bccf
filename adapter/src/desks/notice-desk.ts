/**
 * Notices: what the agent is told (a stable code and a message), newest last, at most
 * {@link NOTICE_LIMIT} at a time (the oldest go first); the agent dismisses them one by one. A
 * notice told with `keep` stays until the agent dismisses it, however many come after it (a
 * calling list outcome Salesforce refused: what to log by hand); `onDismiss` runs when they do.
 * Each is written to the diagnostic log too, with its code (a problem report's "errors the agent
 * was told").
 */
import type { DiagnosticSink } from '../model/diagnostic-log.ts';
import { isContactPadError } from '../model/errors.ts';
import type { Notice, Store } from '../store.ts';

/** How many notices the widget shows at once (the oldest go first). */
export const NOTICE_LIMIT = 5;

/** A failure as the agent reads it: its catalogue code, or UNEXPECTED for one ContactPad has no code for. */
export function describeError(error: unknown): { code: string; message: string } {
  if (isContactPadError(error)) return { code: error.code, message: error.message };
  return { code: 'UNEXPECTED', message: error instanceof Error ? error.message : String(error) };
}

/** How a notice is told: `keep` it until the agent dismisses it, and what to do when they do. */
export interface NoticeOptions {
  readonly keep?: boolean;
  readonly onDismiss?: () => void;
}

export class NoticeDesk {
  readonly #store: Store;
  readonly #diagnostics: DiagnosticSink | undefined;
  #nextId = 1;
  /** What to do when the agent dismisses a notice, by its id. */
  readonly #onDismiss = new Map<number, () => void>();

  constructor(store: Store, diagnostics?: DiagnosticSink) {
    this.#store = store;
    this.#diagnostics = diagnostics;
  }

  /** Says something to the agent. */
  notify(error: unknown, options: NoticeOptions = {}): void {
    const { code, message } = describeError(error);
    this.#diagnostics?.add('error', `${code}: ${message}`);
    const about = isContactPadError(error) ? error.detail['about'] : undefined;
    const notice: Notice = { id: this.#nextId++, code, message, ...(options.keep ? { kept: true } : {}), ...(typeof about === 'string' && about !== '' ? { about } : {}) };
    if (options.onDismiss) this.#onDismiss.set(notice.id, options.onDismiss);
    this.#store.update((s) => ({ ...s, notices: this.#trimmed([...s.notices, notice]) }));
  }

  /** At most NOTICE_LIMIT notices: the oldest that are not kept go first; kept ones and the newest always stay. */
  #trimmed(notices: readonly Notice[]): Notice[] {
    let drop = notices.length - NOTICE_LIMIT;
    return notices.filter((notice, index) => {
      if (drop <= 0 || notice.kept === true || index === notices.length - 1) return true;
      drop -= 1;
      this.#onDismiss.delete(notice.id);
      return false;
    });
  }

  /** Takes back what was said with `code` (it is no longer true: the ringtone rings now). */
  withdraw(code: string): void {
    this.#store.update((s) => (s.notices.some((n) => n.code === code) ? { ...s, notices: s.notices.filter((n) => n.code !== code) } : s));
  }

  /**
   * Salesforce stopped taking the session (`notice` says so, once: it replaces an earlier one)
   * or takes it again (the notice goes: the waiting Tasks are being saved).
   */
  salesforceSession(state: 'working' | 'expired', notice?: unknown): void {
    this.withdraw('CRM_SESSION_EXPIRED');
    if (state === 'expired' && notice !== undefined) this.notify(notice);
  }

  /** The agent dismissed a notice. */
  dismiss(noticeId: number): void {
    this.#store.update((s) => ({ ...s, notices: s.notices.filter((n) => n.id !== noticeId) }));
    const onDismiss = this.#onDismiss.get(noticeId);
    this.#onDismiss.delete(noticeId);
    onDismiss?.();
  }
}
