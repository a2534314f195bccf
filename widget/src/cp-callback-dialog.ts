/**
 * `<cp-callback-dialog>`: Call back from a record (seed 003, "Make a Callback from a
 * Transaction"). Shows while the controller holds the agent's choices (`snapshot.callback`,
 * desks/callback-desk.ts): the customer's number, prefilled with the record's first and
 * editable (the record's numbers to pick from when it has several), and the device that
 * rings: this browser (while its phone is ready) or another of the agent's registered
 * devices, which rings first. With no device at all the call is disabled and the agent is
 * told to activate one first. Call fires `callback` (place); Cancel or Escape fires `callback`
 * (close). Below, the call can be scheduled instead, and the agent's scheduled calls are listed
 * (callback-schedule.ts). Loaded by the dial pad on the first Call back, off the ring-and-answer bundle.
 */
import { LitElement, css, html, type PropertyValues } from 'lit';
import type { CallbackChoiceView } from '../../adapter/src/store.ts';
import { deviceWords } from './callback-device-words.ts';
import { baseStyles } from './theme.ts';
import { dialogStyles } from './dialog-styles.ts';
import { intentEvent } from './intent-event.ts';
import { ModalController } from './modal-controller.ts';
import { laterWords } from './catalogue/later-words.ts';
import { renderSchedule, scheduleStyles } from './callback-schedule.ts';

/** The longest number the field takes, as the dial box. */
const MAX_LENGTH = 256;

export class CpCallbackDialog extends LitElement {
  static override properties = {
    choice: { attribute: false },
    number: { state: true },
    device: { state: true },
  };

  static override styles = [
    baseStyles,
    dialogStyles,
    scheduleStyles,
    css`
      dialog {
        width: min(320px, calc(100vw - 16px));
      }
      h2 {
        margin: 0 0 6px;
        overflow-wrap: anywhere;
      }
      form,
      fieldset {
        display: flex;
        flex-direction: column;
        gap: 6px;
      }
      fieldset {
        border: 1px solid var(--cp-border);
        border-radius: var(--cp-radius);
        margin: 0;
      }
      .hint,
      .none {
        margin: 0;
        font-size: 12px;
      }
      .hint {
        color: var(--cp-text-weak);
      }
      .none {
        color: var(--cp-error-text);
      }
    `,
  ];

  /** The agent's choices while the dialog is to show (snapshot.callback); undefined closes it. */
  declare choice: CallbackChoiceView | undefined;
  declare protected number: string;
  /** '' = this browser; a registered Contact = another device; undefined = none can ring. */
  declare protected device: string | undefined;
  /** Where focus returns when the dialog closes (the Call back button). */
  opener: HTMLElement | undefined;
  readonly #modal = new ModalController(this);

  constructor() {
    super();
    this.choice = undefined;
    this.number = '';
    this.device = undefined;
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (!changed.has('choice')) return;
    const choice = this.choice;
    if (choice && !this.#modal.isOpen) {
      this.number = choice.numbers[0] ?? '';
      this.device = choice.thisBrowser ? '' : choice.devices[0]?.contact;
      void this.#modal.show(this.opener, () => this.renderRoot.querySelector<HTMLElement>('#callback-number'));
    } else if (!choice && this.#modal.isOpen) {
      this.#modal.close();
    }
  }

  protected override render() {
    const choice = this.choice;
    if (!this.#modal.isOpen || !choice) return html`<dialog aria-modal="true"></dialog>`;
    const w = laterWords().callback;
    const noDevice = !choice.thisBrowser && choice.devices.length === 0;
    const otherChosen = this.device !== undefined && this.device !== '';
    return html`<dialog role="dialog" aria-modal="true" aria-labelledby="callback-title" @keydown=${this.#keydown} @cancel=${this.#cancelled}>
      <h2 id="callback-title">${w.title(choice.record?.name ?? '')}</h2>
      <form @submit=${this.#submit}>
        ${choice.numbers.length > 1
          ? html`<label for="callback-numbers">${w.numbers}</label>
              <select id="callback-numbers" @change=${(event: Event) => (this.number = (event.target as HTMLSelectElement).value)}>
                ${choice.numbers.map((number) => html`<option .value=${number} ?selected=${number === this.number}>${number}</option>`)}
              </select>`
          : ''}
        <label for="callback-number">${w.number}</label>
        <input id="callback-number" type="tel" autocomplete="off" maxlength=${MAX_LENGTH} .value=${this.number} @input=${(event: Event) => (this.number = (event.target as HTMLInputElement).value)} />
        <p class="hint">${w.verifyHint}</p>
        <fieldset>
          <legend>${w.ring}</legend>
          ${choice.thisBrowser ? this.#deviceChoice('', w.thisBrowser) : ''}
          ${choice.devices.map((device) => this.#deviceChoice(device.contact, deviceWords(device)))}
          ${noDevice ? html`<p class="none" role="alert">${w.noDevice}</p>` : ''}
        </fieldset>
        ${otherChosen ? html`<p class="hint">${w.otherDeviceHint}</p>` : ''}
        <div class="footer">
          <button type="button" @click=${this.#cancelled}>${w.cancel}</button>
          <button type="submit" class="success" ?disabled=${noDevice || this.device === undefined}>${w.call}</button>
        </div>
      </form>
      ${renderSchedule(choice, this.number, (ask) => this.dispatchEvent(intentEvent({ type: 'callback', ask })))}
    </dialog>`;
  }

  #deviceChoice(value: string, label: string) {
    return html`<label><input type="radio" name="device" .value=${value} .checked=${this.device === value} @change=${() => (this.device = value)} /> ${label}</label>`;
  }

  #keydown(event: KeyboardEvent): void {
    if (event.key === 'Escape') {
      event.preventDefault();
      this.#cancelled(event);
      return;
    }
    this.#modal.keydown(event);
  }

  readonly #cancelled = (event: Event): void => {
    event.preventDefault();
    this.#modal.close();
    this.dispatchEvent(intentEvent({ type: 'callback', ask: { to: 'close' } }));
  };

  #submit(event: SubmitEvent): void {
    event.preventDefault();
    const choice = this.choice;
    const device = this.device;
    if (!choice || device === undefined) return;
    this.#modal.close();
    this.dispatchEvent(intentEvent({ type: 'callback', ask: { to: 'place', number: this.number.trim(), device, ...(choice.record ? { record: choice.record } : {}) } }));
  }
}

if (!customElements.get('cp-callback-dialog')) customElements.define('cp-callback-dialog', CpCallbackDialog);

declare global {
  interface HTMLElementTagNameMap {
    'cp-callback-dialog': CpCallbackDialog;
  }
}
