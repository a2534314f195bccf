/**
 * `<cp-problem-report-dialog>`: Report a problem (Bright Pattern's agent guide has it; agents need
 * it when a call sounds bad). Shows while the controller holds a report (`snapshot.problemReport`,
 * desks/problem-report-desk.ts): a box for what happened, what will be sent (the last minutes of
 * ContactPad's log counted: SIP messages, call media readings, errors, phone events, its size,
 * with passwords and tokens removed; the versions), Send; then how it went: sending, sent (the
 * Case number), waiting (Salesforce unreachable: kept, goes by itself) or refused (told plainly,
 * kept, Try again). Cancel, Close or Escape fire `problem-report` (close): a report not sent stays.
 * Loaded on first use (lazy-elements.ts), off the ring-and-answer bundle.
 */
import { LitElement, css, html, type PropertyValues } from 'lit';
import type { ProblemReportView } from '../../adapter/src/store.ts';
import { baseStyles } from './theme.ts';
import { dialogStyles } from './dialog-styles.ts';
import { intentEvent } from './intent-event.ts';
import { ModalController } from './modal-controller.ts';
import { laterWords } from './catalogue/later-words.ts';
import { agentLocale } from './catalogue/catalogue.ts';

/** The element that has the focus, inside shadow roots too. */
function focusedElement(): HTMLElement | undefined {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active instanceof HTMLElement ? active : undefined;
}

/** The longest comment the box takes (the adapter's MAX_COMMENT_LENGTH). */
const MAX_COMMENT = 4000;

export class CpProblemReportDialog extends LitElement {
  static override properties = {
    report: { attribute: false },
    comment: { state: true },
  };

  static override styles = [
    baseStyles,
    dialogStyles,
    css`
      dialog {
        width: min(360px, calc(100vw - 16px));
      }
      h2 {
        margin: 0 0 6px;
      }
      p {
        margin: 0 0 6px;
        overflow-wrap: anywhere;
      }
      label {
        display: block;
        font-weight: 700;
        margin-bottom: 2px;
      }
      textarea {
        box-sizing: border-box;
        width: 100%;
        min-height: 72px;
        resize: vertical;
        font: inherit;
      }
      .hint,
      .note {
        font-size: 12px;
        color: var(--cp-text-weak);
      }
      h3 {
        margin: 8px 0 2px;
        font-size: 13px;
      }
      dl {
        display: grid;
        grid-template-columns: 1fr auto;
        gap: 0 8px;
        margin: 0 0 4px;
        font-size: 12px;
      }
      dd {
        margin: 0;
        text-align: right;
        font-variant-numeric: tabular-nums;
      }
      .comment {
        white-space: pre-wrap;
        max-height: 96px;
        overflow-y: auto;
      }
      .outcome.sent {
        color: var(--cp-success-dark);
      }
      .outcome.waiting,
      .outcome.refused {
        color: var(--cp-error-text);
      }
    `,
  ];

  /** The report while the dialog is to show (snapshot.problemReport); undefined closes it. */
  declare report: ProblemReportView | undefined;
  declare protected comment: string;
  readonly #modal = new ModalController(this);

  constructor() {
    super();
    this.report = undefined;
    this.comment = '';
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('report') && this.report && !this.#modal.isOpen) this.comment = this.report.comment;
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (!changed.has('report')) return;
    if (this.report && !this.#modal.isOpen) {
      // Focus goes back where it was when the report opened: the button that opened it (the pad's, or a row's).
      void this.#modal.show(focusedElement(), () => this.renderRoot.querySelector<HTMLElement>('textarea, .again, .close'));
    } else if (!this.report && this.#modal.isOpen) {
      this.#modal.close();
    } else if (this.report && changed.get('report')?.state === 'editing' && this.report.state !== 'editing') {
      // Send replaced the form by how it went: the focus goes to Close (the outcome is announced).
      this.renderRoot.querySelector<HTMLElement>('.close')?.focus();
    }
  }

  protected override render() {
    const report = this.report;
    if (!this.#modal.isOpen || !report) return html`<dialog aria-modal="true"></dialog>`;
    const w = laterWords().problemReport;
    const about = report.call ? w.aboutCall(report.call.who) : w.aboutPad;
    return html`<dialog role="dialog" aria-modal="true" aria-labelledby="report-title" aria-describedby="report-about" @keydown=${this.#keydown} @cancel=${this.#closed}>
      <h2 id="report-title">${w.title}</h2>
      <p id="report-about">${about}</p>
      ${report.state === 'editing' ? this.#form(report) : this.#outcome(report)}
    </dialog>`;
  }

  #form(report: ProblemReportView) {
    const w = laterWords().problemReport;
    return html`<form @submit=${this.#send}>
      <label for="report-comment">${w.comment}</label>
      <textarea id="report-comment" maxlength=${MAX_COMMENT} aria-describedby="report-hint" .value=${this.comment} @input=${(event: Event) => (this.comment = (event.target as HTMLTextAreaElement).value)}></textarea>
      <p class="hint" id="report-hint">${w.commentHint}</p>
      ${this.#whatWillBeSent(report)}
      <div class="footer">
        <button type="button" @click=${this.#closed}>${w.cancel}</button>
        <button type="submit" class="success">${w.send}</button>
      </div>
    </form>`;
  }

  #whatWillBeSent(report: ProblemReportView) {
    const w = laterWords().problemReport;
    const { summary } = report;
    return html`<section aria-labelledby="report-what">
      <h3 id="report-what">${w.willSend}</h3>
      <p class="note">${w.window(summary.windowMinutes)}</p>
      <dl>
        <dt>${w.sipMessages}</dt><dd>${summary.sipMessages}</dd>
        <dt>${w.mediaLines}</dt><dd>${summary.mediaLines}</dd>
        <dt>${w.errors}</dt><dd>${summary.errors}</dd>
        <dt>${w.events}</dt><dd>${summary.events}</dd>
        <dt>${w.size}</dt><dd>${w.kilobytes(Math.max(1, Math.ceil(summary.bytes / 1024)))}</dd>
      </dl>
      <p class="note">${w.versions(summary.versions.contactPad, summary.versions.sipJs)}</p>
    </section>`;
  }

  #outcome(report: ProblemReportView) {
    const w = laterWords().problemReport;
    const again = report.state === 'waiting' || report.state === 'refused';
    return html`${report.comment ? html`<h3>${w.yourComment}</h3><p class="comment">${report.comment}</p>` : ''}
      ${this.#whatWillBeSent(report)}
      <p class="outcome ${report.state}" role=${again ? 'alert' : 'status'}>${this.#outcomeWords(report)}</p>
      <div class="footer">
        ${again ? html`<button type="button" class="brand again" @click=${this.#tryAgain}>${w.tryAgain}</button>` : ''}
        <button type="button" class="close" @click=${this.#closed}>${w.close}</button>
      </div>`;
  }

  #outcomeWords(report: ProblemReportView): string {
    const w = laterWords().problemReport;
    const time = report.nextTryAt === undefined ? '' : new Intl.DateTimeFormat(agentLocale(), { timeStyle: 'short' }).format(report.nextTryAt);
    switch (report.state) {
      case 'sending':
        return w.sending;
      case 'sent':
        return w.sent(report.caseNumber ?? '');
      case 'waiting':
        return report.problem?.code === 'CRM_REQUEST_LIMIT' ? w.limit(time) : w.waiting(time);
      default:
        return report.problem?.code === 'CRM_SESSION_EXPIRED' ? w.expired : w.refused(report.problem?.message ?? '');
    }
  }

  #keydown(event: KeyboardEvent): void {
    if (event.key === 'Escape') {
      event.preventDefault();
      this.#closed(event);
      return;
    }
    this.#modal.keydown(event);
  }

  readonly #closed = (event: Event): void => {
    event.preventDefault();
    this.#modal.close();
    this.dispatchEvent(intentEvent({ type: 'problem-report', action: { kind: 'close' } }));
  };

  #send(event: SubmitEvent): void {
    event.preventDefault();
    this.dispatchEvent(intentEvent({ type: 'problem-report', action: { kind: 'send', comment: this.comment } }));
  }

  readonly #tryAgain = (): void => {
    this.dispatchEvent(intentEvent({ type: 'problem-report', action: { kind: 'retry' } }));
  };
}

if (!customElements.get('cp-problem-report-dialog')) customElements.define('cp-problem-report-dialog', CpProblemReportDialog);

declare global {
  interface HTMLElementTagNameMap {
    'cp-problem-report-dialog': CpProblemReportDialog;
  }
}
