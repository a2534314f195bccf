/**
 * `<cp-decline-dialog>`: why the agent declines an offered chat, email or case (the
 * Omni-Channel decline reasons the admin set up, `snapshot.declineReasons`). A small modal
 * dialog named "Decline: Chat with Omar Haddad" that lists the reasons; focus starts on the
 * first. The arrow keys, Home and End move between them, Return or Space (or a click)
 * chooses one and fires `reject` with that reason. Escape or Cancel closes it without
 * declining; focus goes back to the Decline button. With no reasons set up there is nothing
 * to ask: {@link CpDeclineDialog.decline} fires `reject` at once, without a reason.
 */
import { LitElement, css, html } from 'lit';
import { baseStyles } from './theme.ts';
import { dialogStyles, listboxStyles } from './dialog-styles.ts';
import { intentEvent } from './intent-event.ts';
import { movedIndex } from './list-keys.ts';
import { ModalController, type InteractionDialogOptions } from './modal-controller.ts';
import { laterWords } from './catalogue/later-words.ts';

/** How declining starts: which interaction, named how ("Chat with Omar Haddad"), and where focus returns. */
export type DeclineDialogOptions = InteractionDialogOptions;

/** The decline reasons dialog. Fires `reject` { interactionId, reason } (no reason when none are set up). */
export class CpDeclineDialog extends LitElement {
  static override properties = {
    reasons: { attribute: false },
  };

  static override styles = [
    baseStyles,
    dialogStyles,
    listboxStyles,
    css`
      dialog {
        width: min(300px, calc(100vw - 16px));
        border-top: 4px solid var(--cp-danger);
      }
      h2 {
        margin: 0 0 6px;
        overflow-wrap: anywhere;
      }
      .question {
        margin: 0;
      }
      [role='option'] {
        overflow-wrap: anywhere;
      }
    `,
  ];

  /** The decline reasons to choose from (snapshot.declineReasons), in the admin's order. */
  declare reasons: readonly string[];

  #interactionId = '';
  #subject = '';
  /** The option that holds the focus stop (roving tabindex). */
  #activeIndex = 0;
  readonly #modal = new ModalController(this);

  constructor() {
    super();
    this.reasons = [];
  }

  /** Whether the dialog is showing. */
  get open(): boolean {
    return this.#modal.open;
  }

  /** Declines the interaction: asks why when there are reasons (focus on the first), else fires `reject` at once. */
  async decline(options: DeclineDialogOptions): Promise<void> {
    if (this.#choices().length === 0) {
      this.dispatchEvent(intentEvent({ type: 'reject', interactionId: options.interactionId }));
      return;
    }
    this.#interactionId = options.interactionId;
    this.#subject = options.subject;
    this.#activeIndex = 0;
    await this.#modal.show(options.opener, () => this.#activeOption());
  }

  /** Closes without declining; focus returns to the opener. */
  close(): void {
    this.#modal.close();
  }

  /** The reasons shown: the admin's, blank ones left out. */
  #choices(): string[] {
    return this.reasons.filter((reason) => reason.trim() !== '');
  }

  protected override render() {
    if (!this.#modal.isOpen) return html`<dialog aria-modal="true"></dialog>`;
    const choices = this.#choices();
    const active = Math.min(this.#activeIndex, choices.length - 1);
    const w = laterWords().decline;
    return html`<dialog role="dialog" aria-modal="true" aria-labelledby="title" @keydown=${this.#keydown} @cancel=${this.#modal.cancel}>
      <h2 id="title">${w.title(this.#subject)}</h2>
      <p class="question" id="question">${w.question}</p>
      <ul role="listbox" aria-labelledby="question">
        ${choices.map(
          (reason, index) => html`<li
            role="option"
            aria-selected=${index === active ? 'true' : 'false'}
            tabindex=${index === active ? '0' : '-1'}
            @click=${() => this.#choose(reason)}
          >${reason}</li>`,
        )}
      </ul>
      <div class="footer"><button type="button" @click=${() => this.close()}>${w.cancel}</button></div>
    </dialog>`;
  }

  #activeOption(): HTMLElement | null {
    return this.renderRoot.querySelector<HTMLElement>('[role=option][tabindex="0"]');
  }

  #keydown(event: KeyboardEvent): void {
    if (this.#modal.keydown(event)) return;
    if (!(event.target instanceof HTMLElement) || event.target.getAttribute('role') !== 'option') return;
    const choices = this.#choices();
    const index = Math.min(this.#activeIndex, choices.length - 1);
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      const reason = choices[index];
      if (reason !== undefined) this.#choose(reason);
      return;
    }
    const next = movedIndex(event.key, index, choices.length);
    if (next === undefined) return;
    event.preventDefault();
    void this.#moveTo(next);
  }

  async #moveTo(index: number): Promise<void> {
    this.#activeIndex = index;
    this.requestUpdate();
    await this.updateComplete;
    this.#activeOption()?.focus();
  }

  #choose(reason: string): void {
    const interactionId = this.#interactionId;
    if (interactionId) this.dispatchEvent(intentEvent({ type: 'reject', interactionId, reason }));
    this.close();
  }
}

if (!customElements.get('cp-decline-dialog')) customElements.define('cp-decline-dialog', CpDeclineDialog);

declare global {
  interface HTMLElementTagNameMap {
    'cp-decline-dialog': CpDeclineDialog;
  }
}
