/**
 * `<cp-abandon-dialog>`: the confirmation before abandoning an interaction (VCC "Abandon":
 * frees the agent's capacity when releasing has not worked). A modal alert dialog that
 * explains the cost; only its Abandon button fires the `abandon` intent. Cancel, Escape
 * or closing it fires nothing; focus returns to the button that opened it. Focus starts on
 * Cancel, so a stray Return does not abandon.
 */
import { LitElement, css, html } from 'lit';
import { baseStyles } from './theme.ts';
import { dialogStyles } from './dialog-styles.ts';
import { intentEvent } from './intent-event.ts';
import { ModalController, type InteractionDialogOptions } from './modal-controller.ts';
import { laterWords } from './catalogue/later-words.ts';

/** How the confirmation is opened (a blank subject makes the title "Abandon this interaction?"). */
export type AbandonDialogOptions = InteractionDialogOptions;

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
    `,
  ];

  #interactionId = '';
  #subject = '';
  readonly #modal = new ModalController(this);

  /** Whether the dialog is showing. */
  get open(): boolean {
    return this.#modal.open;
  }

  /** Asks the agent to confirm abandoning `interactionId`; focus goes to Cancel. */
  async show(options: AbandonDialogOptions): Promise<void> {
    this.#interactionId = options.interactionId;
    this.#subject = options.subject;
    await this.#modal.show(options.opener, () => this.renderRoot.querySelector<HTMLButtonElement>('.cancel'));
  }

  /** Closes without abandoning; focus returns to the opener. */
  close(): void {
    this.#modal.close();
  }

  protected override render() {
    if (!this.#modal.isOpen) return html`<dialog aria-modal="true"></dialog>`;
    const w = laterWords().abandon;
    return html`<dialog role="alertdialog" aria-modal="true" aria-labelledby="title" aria-describedby="why" @keydown=${this.#modal.keydown} @cancel=${this.#modal.cancel}>
      <h2 id="title">${w.title(this.#subject)}</h2>
      <p id="why">${w.explanation}</p>
      <div class="footer">
        <button type="button" class="cancel" @click=${() => this.close()}>${w.cancel}</button>
        <button type="button" class="destructive" @click=${this.#confirm}>${w.confirm}</button>
      </div>
    </dialog>`;
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
