/**
 * `<cp-dialer>`: the small dial box. The agent types a number and presses Call, which asks
 * the controller for an outbound call (a SIP INVITE from the agent). Disabled unless the
 * phone is registered with the SIP server.
 */
import { LitElement, css, html } from 'lit';
import { baseStyles } from './theme.ts';
import { intentEvent } from './intent-event.ts';

/** The dial box. Fires `dial` with the number as typed (trimmed). */
export class CpDialer extends LitElement {
  static override properties = {
    registered: { type: Boolean },
    number: { state: true },
  };

  static override styles = [
    baseStyles,
    css`
      :host {
        display: block;
      }
      form {
        display: flex;
        gap: 6px;
        align-items: flex-end;
      }
      .field {
        flex: 1;
        display: flex;
        flex-direction: column;
        gap: 2px;
        min-width: 0;
      }
      input {
        width: 100%;
      }
      .hint {
        margin: 4px 0 0;
        color: var(--cp-text-weak);
        font-size: 12px;
      }
    `,
  ];

  /** Whether the phone is registered (SIP REGISTER accepted): only then can the agent dial. */
  declare registered: boolean;
  /** The number being typed. */
  declare protected number: string;

  constructor() {
    super();
    this.registered = false;
    this.number = '';
  }

  protected override render() {
    return html`
      <form @submit=${this.#submit} aria-label="Dial">
        <div class="field">
          <label for="number">Number to call</label>
          <input
            id="number"
            type="tel"
            autocomplete="off"
            maxlength="64"
            .value=${this.number}
            @input=${(event: Event) => (this.number = (event.target as HTMLInputElement).value)}
          />
        </div>
        <button type="submit" class="success" ?disabled=${!this.registered}>Call</button>
      </form>
      ${this.registered ? '' : html`<p class="hint">Calling is possible once the phone is ready.</p>`}
    `;
  }

  #submit(event: SubmitEvent): void {
    event.preventDefault();
    const number = this.number.trim();
    if (!this.registered) return;
    if (number === '') {
      this.renderRoot.querySelector('input')?.focus();
      return;
    }
    this.dispatchEvent(intentEvent({ type: 'dial', number }));
    this.number = '';
  }
}

if (!customElements.get('cp-dialer')) customElements.define('cp-dialer', CpDialer);

declare global {
  interface HTMLElementTagNameMap {
    'cp-dialer': CpDialer;
  }
}
