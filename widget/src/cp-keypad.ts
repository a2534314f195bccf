/**
 * `<cp-keypad>`: the keypad of a connected call. A click on a key, or typing it while focus is
 * in the keypad (0-9, *, #, A-D, a-d; a comma pauses), sends that tone at once (`send-dtmf`).
 * A typed character that is no key sends nothing and says so; Escape closes the keypad
 * (`keypad-close`). The tones sent so far are shown. Loaded on first use (lazy-elements.ts).
 */
import { LitElement, css, html } from 'lit';
import { baseStyles } from './theme.ts';
import { intentEvent } from './intent-event.ts';
import { inCallWords, keypadKeyWords } from './in-call-words.ts';

/** The keys in keypad order, four to a row (the same as the model's DTMF_KEYS). */
const KEYS = [...'123A456B789C*0#D'];
/** What typing may send besides the keys: a comma, a two-second pause. */
const PAUSE = ',';

/** The keypad. Fires `send-dtmf` for each key, and `keypad-close` (not composed) on Escape. */
export class CpKeypad extends LitElement {
  static override properties = {
    interactionId: { attribute: false },
    sent: { state: true },
    refusal: { state: true },
  };

  static override styles = [
    baseStyles,
    css`
      :host {
        display: block;
      }
      .keys {
        display: grid;
        grid-template-columns: repeat(4, 1fr);
        gap: 4px;
        max-width: 220px;
      }
      .keys button {
        min-height: 32px;
        padding: 0;
        font-size: 15px;
      }
      .sent,
      .hint,
      .refusal {
        margin: 4px 0 0;
        font-size: 12px;
      }
      .sent {
        font-variant-numeric: tabular-nums;
        overflow-wrap: anywhere;
      }
      .hint {
        color: var(--cp-text-weak);
      }
      .refusal {
        color: var(--cp-error-text);
      }
    `,
  ];

  /** The call the tones go to. */
  declare interactionId: string;
  /** The tones sent from this keypad so far. */
  declare sent: string;
  /** What the last typed character was, when it was no key. */
  declare refusal: string;

  constructor() {
    super();
    this.interactionId = '';
    this.sent = '';
    this.refusal = '';
    this.addEventListener('keydown', (event) => this.#typed(event));
  }

  /** Moves focus to the first key (the keypad just opened). */
  focusKeys(): void {
    this.renderRoot.querySelector<HTMLButtonElement>('.keys button')?.focus();
  }

  protected override render() {
    const w = inCallWords();
    return html`<div role="group" aria-label=${w.keypad} aria-describedby="hint">
      <div class="keys">
        ${KEYS.map((key) => html`<button type="button" aria-label=${keypadKeyWords(key)} @click=${() => this.#send(key)}>${key}</button>`)}
      </div>
      <p class="sent" role="status">${this.sent ? w.sent(this.sent) : ''}</p>
      <p class="refusal" role="status">${this.refusal}</p>
      <p class="hint" id="hint">${w.keypadHint}</p>
    </div>`;
  }

  #typed(event: KeyboardEvent): void {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.key === 'Escape') {
      event.preventDefault();
      this.dispatchEvent(new CustomEvent('keypad-close'));
      return;
    }
    // Space and Enter press the focused key; Tab and the arrows move as they always do.
    if ([...event.key].length !== 1 || event.key === ' ') return;
    event.preventDefault();
    const key = event.key.toUpperCase();
    if (KEYS.includes(key) || key === PAUSE) this.#send(key);
    else this.refusal = inCallWords().notAKey(event.key);
  }

  #send(key: string): void {
    this.refusal = '';
    this.sent += key;
    this.dispatchEvent(intentEvent({ type: 'send-dtmf', interactionId: this.interactionId, digits: key }));
  }
}

if (!customElements.get('cp-keypad')) customElements.define('cp-keypad', CpKeypad);

declare global {
  interface HTMLElementTagNameMap {
    'cp-keypad': CpKeypad;
  }
}
