/**
 * Notices: what the agent is told (a stable code and a message), newest last, at most
 * {@link NOTICE_LIMIT} at a time; the agent dismisses them one by one. Each is written to the
 * diagnostic log too, with its code (a problem report's "errors the agent was told").
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

export class NoticeDesk {
  readonly #store: Store;
  readonly #diagnostics: DiagnosticSink | undefined;
  #nextId = 1;

  constructor(store: Store, diagnostics?: DiagnosticSink) {
    this.#store = store;
    this.#diagnostics = diagnostics;
  }

  /** Says something to the agent. */
  notify(error: unknown): void {
    const { code, message } = describeError(error);
    this.#diagnostics?.add('error', `${code}: ${message}`);
    const notice: Notice = { id: this.#nextId++, code, message };
    this.#store.update((s) => ({ ...s, notices: [...s.notices, notice].slice(-NOTICE_LIMIT) }));
  }

  /** Takes back what was said with `code` (it is no longer true: the ringtone rings now). */
  withdraw(code: string): void {
    this.#store.update((s) => (s.notices.some((n) => n.code === code) ? { ...s, notices: s.notices.filter((n) => n.code !== code) } : s));
  }

  /** The agent dismissed a notice. */
  dismiss(noticeId: number): void {
    this.#store.update((s) => ({ ...s, notices: s.notices.filter((n) => n.id !== noticeId) }));
  }
}
