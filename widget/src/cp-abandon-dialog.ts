/**
 * `<cp-abandon-dialog>`: the confirmation before abandoning an interaction (VCC "Abandon":
 * frees the agent's capacity when releasing has not worked). A modal alert dialog that
 * explains the cost; only its Abandon button fires the `abandon` intent. Cancel, Escape
 * or closing it fires nothing; focus returns to the button that opened it. Focus starts on
 * Cancel, so a stray Return does not abandon.
 */
import { LitElement, css, html } from 'lit';
import { baseStyles, dialogStyles } from './theme.ts';
import { intentEvent } from './intent-event.ts';
import { trapTab } from './focus-trap.ts';

/** The explanation the agent reads before abandoning (from the VCC ContactPad guide). */
export const ABANDON_EXPLANATION = "Abandon only if releasing has not worked. Abandoning can affect statistics, recordings and the customer's experience.";

/** How the confirmation is opened. */
export interface AbandonDialogOptions {
  readonly interactionId: string;
  /** The interaction in a few words for the title ("Chat with Lena Fischer"); '' for none. */
  readonly subject: string;
  /** The element focus returns to when the dialog closes. */
  readonly opener?: HTMLElement | undefined;
}

/** The abandon confirmation. Fires `abandon` { interactionId } when confirmed. */
export class CpAbandonDialog extends LitElement {
  static override styles = [
    baseStyles,
    dialogStyles,
    css`
      dialog {
        width: min(320px, calc(100vw - 16px));
        border-top: 4px solid var(--cp-danger);
      }
      h2 {
        margin: 0 0 6px;
        overflow-wrap: anywhere;
      }
      p {
        margin: 0;
      }
      .footer {
        display: flex;
        justify-content: flex-end;
        gap: 8px;
        margin-top: 12px;
      }
    `,
  ];

  #interactionId = '';
  #subject = '';
  #opener: HTMLElement | undefined;
  /** Whether the dialog is open: its content exists only then. */
  #isOpen = false;

  /** Whether the dialog is showing. */
  get open(): boolean {
    return this.renderRoot?.querySelector('dialog')?.open ?? false;
  }

  /** Asks the agent to confirm abandoning `interactionId`; focus goes to Cancel. */
  async show(options: AbandonDialogOptions): Promise<void> {
    this.#interactionId = options.interactionId;
    this.#subject = options.subject;
    this.#opener = options.opener;
    this.#isOpen = true;
    this.requestUpdate();
    await this.updateComplete;
    const dialog = this.renderRoot.querySelector('dialog');
    if (!dialog) return;
    if (!dialog.open) dialog.showModal();
    this.renderRoot.querySelector<HTMLButtonElement>('.cancel')?.focus();
  }

  /** Closes without abandoning; focus returns to the opener. */
  close(): void {
    const dialog = this.renderRoot.querySelector('dialog');
    if (dialog?.open) dialog.close();
    this.#isOpen = false;
    this.requestUpdate();
    const opener = this.#opener;
    this.#opener = undefined;
    if (opener?.isConnected) opener.focus();
  }

  protected override render() {
    if (!this.#isOpen) return html`<dialog aria-modal="true"></dialog>`;
    const title = this.#subject ? `Abandon: ${this.#subject}?` : 'Abandon this interaction?';
    return html`<dialog role="alertdialog" aria-modal="true" aria-labelledby="title" aria-describedby="why" @keydown=${this.#keydown} @cancel=${this.#cancel}>
      <h2 id="title">${title}</h2>
      <p id="why">${ABANDON_EXPLANATION}</p>
      <div class="footer">
        <button type="button" class="cancel" @click=${() => this.close()}>Cancel</button>
        <button type="button" class="destructive" @click=${this.#confirm}>Abandon</button>
      </div>
    </dialog>`;
  }

  #keydown(event: KeyboardEvent): void {
    if (event.key === 'Escape') {
      event.preventDefault();
      this.close();
      return;
    }
    const dialog = this.renderRoot.querySelector('dialog');
    if (dialog) trapTab(event, dialog);
  }

  #cancel(event: Event): void {
    event.preventDefault();
    this.close();
  }

  #confirm(): void {
    const interactionId = this.#interactionId;
    if (interactionId) this.dispatchEvent(intentEvent({ type: 'abandon', interactionId }));
    this.close();
  }
}

if (!customElements.get('cp-abandon-dialog')) customElements.define('cp-abandon-dialog', CpAbandonDialog);

declare global {
  interface HTMLElementTagNameMap {
    'cp-abandon-dialog': CpAbandonDialog;
  }
}
