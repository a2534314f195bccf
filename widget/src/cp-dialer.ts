/**
 * `<cp-dialer>`: placing calls. A number field with a dial pad (digits, *, #, + and delete),
 * Call and Redial (the last number called), the recent numbers and favourites
 * (`<cp-dial-lists>`), and, when a call the agent placed did not connect, why and the reason
 * they record (`<cp-failed-call>`), Call back from a record (`<cp-callback-dialog>`, loaded on
 * its first use), preview dialling's calling list (`<cp-calling-list>`) and, beside it, the agent's
 * scheduled calls (`<cp-scheduled-calls>`, loaded on its first use). Every call leaves as
 * a `dial` intent: the controller checks it
 * against the compliance rules before anything is dialled, and says which rule blocked it.
 * Loaded on first use (lazy-elements.ts), off the path that rings and answers.
 */
import { LitElement, css, html, type PropertyValues } from 'lit';
import type { CallbackChoiceView, CallingListView, DialHistory, DialledNumber, InteractionView, ScheduledCallsView } from '../../adapter/src/store.ts';
import { baseStyles } from './theme.ts';
import { intentEvent } from './intent-event.ts';
import { laterWords } from './catalogue/later-words.ts';
import { keypadKeyWords } from './in-call-words.ts';
import { dialledWords } from './cp-dial-lists.ts';
import './cp-dial-lists.ts';
import './cp-failed-call.ts';
import './cp-callback-progress.ts';
import './cp-calling-list.ts';

/** The dial pad's keys, three to a row, then + and delete. */
const PAD_KEYS = [...'123456789*0#'];
/** The longest number the field takes (an address may be long; a number is at most 32 characters of digits). */
const MAX_LENGTH = 256;

/** The dial box. Fires `dial` with the number as typed (trimmed), or a recent number with its record. */
export class CpDialer extends LitElement {
  static override properties = {
    registered: { type: Boolean },
    history: { attribute: false },
    failedCallReasons: { attribute: false },
    interactions: { attribute: false },
    callback: { attribute: false },
    callingList: { attribute: false },
    scheduledCalls: { attribute: false },
    number: { state: true },
    padOpen: { state: true },
    refusal: { state: true },
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
        flex-wrap: wrap;
      }
      .field {
        flex: 1;
        display: flex;
        flex-direction: column;
        gap: 2px;
        min-width: 8em;
      }
      input {
        width: 100%;
      }
      .pad {
        display: grid;
        grid-template-columns: repeat(3, 1fr);
        gap: 4px;
        max-width: 180px;
        margin-top: 6px;
      }
      .pad button {
        min-height: 30px;
        padding: 0;
      }
      .hint,
      .refusal,
      .extension {
        margin: 4px 0 0;
        font-size: 12px;
      }
      .hint,
      .extension {
        color: var(--cp-text-weak);
      }
      .refusal {
        color: var(--cp-error-text);
      }
      .scheduled {
        margin-top: 8px;
      }
    `,
  ];

  /** Whether the phone is registered (SIP REGISTER accepted): only then can the agent dial. */
  declare registered: boolean;
  /** The agent's recent numbers (the first is redialled) and favourites. */
  declare history: DialHistory;
  /** Why a placed call did not connect, as the agent may record it. */
  declare failedCallReasons: readonly string[];
  /** The interactions, for the call placed last: its extension to key in, or why it failed. */
  declare interactions: readonly InteractionView[];
  /** The Call back dialog's choices while it is open (snapshot.callback). */
  declare callback: CallbackChoiceView | undefined;
  /** Preview dialling's calling list (`<cp-calling-list>`); undefined until the agent opens one. */
  declare callingList: CallingListView | undefined;
  /** The agent's scheduled calls while "Scheduled calls" is open (snapshot.scheduledCalls). */
  declare scheduledCalls: ScheduledCallsView | undefined;
  /** The number being typed. */
  declare protected number: string;
  declare protected padOpen: boolean;
  /** Why the last Call did nothing ("Type a number to call."). */
  declare protected refusal: string;

  constructor() {
    super();
    this.registered = false;
    this.history = { recent: [], favourites: [] };
    this.failedCallReasons = [];
    this.interactions = [];
    this.callback = undefined;
    this.callingList = undefined;
    this.scheduledCalls = undefined;
    this.number = '';
    this.padOpen = false;
    this.refusal = '';
  }

  /**
   * A ringing inbound call (or any change to calls the agent did not place) leaves the dial box as
   * it was: no render for it, in the task that rings. The store keeps an unchanged call's view as
   * it was (the same object), so the calls placed are compared view by view.
   */
  protected override shouldUpdate(changed: PropertyValues<this>): boolean {
    if (changed.size !== 1 || !changed.has('interactions')) return true;
    const before = placedCalls((changed.get('interactions') as readonly InteractionView[] | undefined) ?? []);
    const now = placedCalls(this.interactions);
    return before.length !== now.length || before.some((view, index) => view !== now[index]);
  }

  protected override render() {
    const DIALER_WORDS = laterWords().dialer;
    const last = this.history.recent[0];
    const placed = placedCalls(this.interactions);
    // Why the last call placed did not connect (interactions are newest first); a newer call clears it.
    const failed = placed[0]?.interaction.state === 'failed' ? placed[0] : undefined;
    const extension = placed.find((view) => ['alerting', 'connected', 'held'].includes(view.interaction.state) && view.placed?.extension)?.placed?.extension;
    return html`
      <form @submit=${this.#submit} aria-label=${DIALER_WORDS.form}>
        <div class="field">
          <label for="number">${DIALER_WORDS.number}</label>
          <input
            id="number"
            type="tel"
            autocomplete="off"
            maxlength=${MAX_LENGTH}
            .value=${this.number}
            @input=${(event: Event) => this.#setNumber((event.target as HTMLInputElement).value)}
          />
        </div>
        <button type="submit" class="success" ?disabled=${!this.registered}>${DIALER_WORDS.call}</button>
        <button type="button" ?disabled=${!this.registered || !last} title=${last ? dialledWords(last) : DIALER_WORDS.nothingToRedial} @click=${() => last && this.#dial(last)}>
          ${DIALER_WORDS.redial}
        </button>
        <button type="button" aria-expanded=${this.padOpen ? 'true' : 'false'} aria-controls="pad" @click=${() => (this.padOpen = !this.padOpen)}>${DIALER_WORDS.dialPad}</button>
        <button type="button" aria-haspopup="dialog" @click=${this.#callBack}>${laterWords().callback.open}</button>
      </form>
      ${this.#callbackLoaded ? html`<cp-callback-dialog .choice=${this.callback} .opener=${this.#callbackOpener}></cp-callback-dialog>` : ''}
      ${this.padOpen ? this.#renderPad() : ''}
      ${this.refusal ? html`<p class="refusal" role="alert">${this.refusal}</p>` : ''}
      ${this.registered ? '' : html`<p class="hint">${DIALER_WORDS.notReady}</p>`}
      ${extension ? html`<p class="extension" role="status">${DIALER_WORDS.extension(extension)}</p>` : ''}
      ${failed ? html`<cp-failed-call .view=${failed} .reasons=${this.failedCallReasons}></cp-failed-call>` : ''}
      <cp-dial-lists .history=${this.history} .registered=${this.registered} @dial-entry=${(event: CustomEvent<DialledNumber>) => this.#dial(event.detail)}></cp-dial-lists>
      <cp-calling-list .list=${this.callingList} .registered=${this.registered}></cp-calling-list>
      <button type="button" class="scheduled" aria-expanded=${this.scheduledCalls ? 'true' : 'false'} aria-controls="scheduled-calls" @click=${this.#toggleScheduled}>
        ${laterWords().scheduledCalls.open}
      </button>
      ${this.scheduledCalls && this.#scheduledLoaded ? html`<cp-scheduled-calls id="scheduled-calls" .list=${this.scheduledCalls}></cp-scheduled-calls>` : ''}
    `;
  }

  #renderPad() {
    const DIALER_WORDS = laterWords().dialer;
    return html`
      <div class="pad" id="pad" role="group" aria-label=${DIALER_WORDS.dialPad}>
        ${PAD_KEYS.map((key) => html`<button type="button" aria-label=${keypadKeyWords(key)} @click=${() => this.#setNumber(this.number + key)}>${key}</button>`)}
        <button type="button" aria-label=${DIALER_WORDS.plus} @click=${() => this.#setNumber(`${this.number}+`)}>+</button>
        <button type="button" aria-label=${DIALER_WORDS.deleteLast} @click=${() => this.#setNumber(this.number.slice(0, -1))}>⌫</button>
      </div>
    `;
  }

  /** The Call back dialog's module is loaded (on the first Call back), and the button that opened it. */
  #callbackLoaded = false;
  #callbackOpener: HTMLElement | undefined;

  /**
   * Call back: the dialog (loaded now, the first time) for the selected interaction's record, or
   * the record in focus in the console; the controller fills in the numbers and devices.
   */
  readonly #callBack = async (event: Event): Promise<void> => {
    this.#callbackOpener = event.currentTarget instanceof HTMLElement ? event.currentTarget : undefined;
    await import('./cp-callback-dialog.ts');
    this.#callbackLoaded = true;
    this.requestUpdate();
    this.dispatchEvent(intentEvent({ type: 'callback', ask: { to: 'open' } }));
  };

  /** Whether `<cp-scheduled-calls>` is loaded (on the first "Scheduled calls"). */
  #scheduledLoaded = false;

  /** "Scheduled calls": the list (loaded now, the first time) opened, or closed; the controller reads the calls. */
  readonly #toggleScheduled = async (): Promise<void> => {
    if (this.scheduledCalls) {
      this.dispatchEvent(intentEvent({ type: 'callback', ask: { to: 'hide-scheduled' } }));
      return;
    }
    await import('./cp-scheduled-calls.ts');
    this.#scheduledLoaded = true;
    this.requestUpdate();
    this.dispatchEvent(intentEvent({ type: 'callback', ask: { to: 'show-scheduled' } }));
  };

  #setNumber(value: string): void {
    this.number = value.slice(0, MAX_LENGTH);
    this.refusal = '';
  }

  #submit(event: SubmitEvent): void {
    event.preventDefault();
    if (!this.registered) return;
    const number = this.number.trim();
    if (number === '') {
      this.refusal = laterWords().dialer.nothingToDial;
      this.renderRoot.querySelector('input')?.focus();
      return;
    }
    this.dispatchEvent(intentEvent({ type: 'dial', number }));
    this.number = '';
  }

  /** A recent number or favourite called again, with the record it was called from. */
  #dial(entry: DialledNumber): void {
    if (!this.registered) return;
    this.dispatchEvent(intentEvent({ type: 'dial', number: entry.number, ...(entry.record ? { record: entry.record } : {}) }));
  }
}

/** The calls the agent placed, newest first (what the dial box shows of the interactions). */
function placedCalls(interactions: readonly InteractionView[]): InteractionView[] {
  return interactions.filter((view) => view.interaction.direction === 'outbound' && view.placed !== undefined);
}

if (!customElements.get('cp-dialer')) customElements.define('cp-dialer', CpDialer);

declare global {
  interface HTMLElementTagNameMap {
    'cp-dialer': CpDialer;
  }
}
