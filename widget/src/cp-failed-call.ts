/**
 * `<cp-failed-call>`: a call the agent placed that did not connect, in words ("Call to Maria
 * Lopez not connected: Busy (486 Busy Here)"), and the reason the agent records for it, picked
 * from the call center's failedCallReasons (`failed-call-reason`: it becomes the Task's
 * disposition). Once recorded, the reason is shown instead of the picker.
 */
import { LitElement, css, html, type PropertyValues } from 'lit';
import type { InteractionView } from '../../adapter/src/store.ts';
import { baseStyles } from './theme.ts';
import { intentEvent } from './intent-event.ts';
import { customerWords } from './words.ts';
import { laterWords } from './catalogue/later-words.ts';

export class CpFailedCall extends LitElement {
  static override properties = {
    view: { attribute: false },
    reasons: { attribute: false },
    chosen: { state: true },
  };

  static override styles = [
    baseStyles,
    css`
      :host {
        display: block;
        margin-top: 6px;
      }
      p {
        margin: 0 0 4px;
      }
      form {
        display: flex;
        gap: 6px;
        align-items: flex-end;
        flex-wrap: wrap;
      }
      .why {
        color: var(--cp-error-text);
      }
    `,
  ];

  declare view: InteractionView | undefined;
  declare reasons: readonly string[];
  declare protected chosen: string;

  constructor() {
    super();
    this.view = undefined;
    this.reasons = [];
    this.chosen = '';
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // Another call failed: its reason starts unchosen.
    if (changed.has('view') && (changed.get('view') as InteractionView | undefined)?.interaction.id !== this.view?.interaction.id) this.chosen = '';
  }

  protected override render() {
    const view = this.view;
    const failure = view?.placed?.failure;
    if (!view || !failure) return '';
    const id = view.interaction.id;
    const DIALER_WORDS = laterWords().dialer;
    const recorded = view.placed?.reason;
    return html`
      <section role="region" aria-label=${DIALER_WORDS.notConnected}>
        <p class="why" role="status">${DIALER_WORDS.notConnectedWhy(customerWords(view.interaction), failure.detail)}</p>
        ${recorded
          ? html`<p>${DIALER_WORDS.reasonRecorded(recorded)}</p>`
          : html`<form @submit=${(event: SubmitEvent) => this.#save(event, id)}>
              <label>
                ${DIALER_WORDS.reason}
                <select .value=${this.chosen} @change=${(event: Event) => (this.chosen = (event.target as HTMLSelectElement).value)}>
                  <option value="">${DIALER_WORDS.chooseReason}</option>
                  ${this.reasons.map((reason) => html`<option value=${reason} ?selected=${reason === this.chosen}>${reason}</option>`)}
                </select>
              </label>
              <button type="submit" ?disabled=${this.chosen === ''}>${DIALER_WORDS.saveReason}</button>
            </form>`}
      </section>
    `;
  }

  #save(event: SubmitEvent, interactionId: string): void {
    event.preventDefault();
    if (this.chosen === '') return;
    this.dispatchEvent(intentEvent({ type: 'failed-call-reason', interactionId, reason: this.chosen }));
  }
}

if (!customElements.get('cp-failed-call')) customElements.define('cp-failed-call', CpFailedCall);

declare global {
  interface HTMLElementTagNameMap {
    'cp-failed-call': CpFailedCall;
  }
}
