/**
 * Notices: what the agent is told (a stable code and a message), newest last, at most
 * {@link NOTICE_LIMIT} at a time; the agent dismisses them one by one.
 */
import { isContactPadError } from '../model/errors.ts';
import type { Notice, Store } from '../store.ts';

/** How many notices the widget shows at once (the oldest go first). */
export const NOTICE_LIMIT = 5;

/** A failure as the agent reads it: its catalogue code, or UNEXPECTED for one ContactPad has no code for. */
export function describeError(error: unknown): { code: string; message: string } {
  if (isContactPadError(error)) return { code: error.code, message: error.message };
  return { code: 'UNEXPECTED', message: error instanceof Error ? error.message : String(error) };
}

export class NoticeDesk {
  readonly #store: Store;
  #nextId = 1;

  constructor(store: Store) {
    this.#store = store;
  }

  /** Says something to the agent. */
  notify(error: unknown): void {
    const { code, message } = describeError(error);
    const notice: Notice = { id: this.#nextId++, code, message };
    this.#store.update((s) => ({ ...s, notices: [...s.notices, notice].slice(-NOTICE_LIMIT) }));
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
  }
}
