/**
 * `<cp-call-controls>`: the controls of a call under way, on the call itself (the caller
 * detail): how long it has been connected (mm:ss, h:mm:ss from an hour on, counting through
 * hold), whether the agent's microphone is muted (a Muted badge and the Mute toggle, its
 * aria-pressed the state), the line's quality (good, fair or poor, its figures in its name; a
 * click shows the line details), and the Keypad. A mute or unmute is announced by the pad's own
 * announcer once the phone has done it (status-announcements.ts: by the button or a shortcut
 * alike), so not here a second time. Loaded on first use (lazy-elements.ts), as are the keypad
 * and the line details.
 */
import { LitElement, css, html, nothing, svg, type PropertyValues } from 'lit';
import type { CallQuality, InteractionView } from '../../adapter/src/store.ts';
import { baseStyles } from './theme.ts';
import { systemClock, type Clock } from './clock.ts';
import { ClockController } from './clock-controller.ts';
import { formatCallDuration } from './format-time.ts';
import { intentEvent } from './intent-event.ts';
import { definedElement, loadElement } from './lazy-elements.ts';
import { actionWords } from './words.ts';
import { inCallWords, qualityWords } from './in-call-words.ts';
import type { CpKeypad } from './cp-keypad.ts';

/** The bars of the quality indicator: three for good, two for fair, one for poor. */
const BARS: Readonly<Record<CallQuality['level'], number>> = { good: 3, fair: 2, poor: 1 };

/** The call controls of one call. Fires `mute`, `unmute` and, through its keypad, `send-dtmf`. */
export class CpCallControls extends LitElement {
  static override properties = {
    view: { attribute: false },
    clock: { attribute: false },
    keypadOpen: { state: true },
    detailsOpen: { state: true },
  };

  static override styles = [
    baseStyles,
    css`
      :host {
        display: block;
      }
      .bar {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 6px;
      }
      .timer {
        font-variant-numeric: tabular-nums;
        font-weight: 700;
        min-width: 3.5em;
      }
      .muted-badge {
        padding: 0 6px;
        border: 1px solid var(--cp-danger);
        border-radius: var(--cp-radius);
        color: var(--cp-danger);
        font-size: 12px;
        font-weight: 700;
        text-transform: uppercase;
      }
      .buttons {
        display: flex;
        gap: 4px;
        margin-left: auto;
      }
      .buttons button,
      button.quality {
        min-height: 26px;
        padding: 0 8px;
      }
      button[aria-pressed='true'] {
        background: var(--cp-danger);
        border-color: var(--cp-danger);
        color: var(--cp-text-inverse);
      }
      button.quality {
        display: inline-flex;
        align-items: center;
        gap: 4px;
        font-weight: 400;
        color: var(--cp-text);
      }
      .bars {
        width: 14px;
        height: 12px;
      }
      .bars rect {
        fill: var(--cp-divider);
      }
      .good .bars rect.on {
        fill: var(--cp-success);
      }
      .fair .bars rect.on {
        fill: var(--cp-warning);
      }
      .poor .bars rect.on {
        fill: var(--cp-danger);
      }
      .poor .level {
        color: var(--cp-danger);
        font-weight: 700;
      }
      cp-keypad,
      cp-line-details {
        margin-top: 6px;
      }
    `,
  ];

  /** The call (connected or held), as the store shows it. */
  declare view: InteractionView | undefined;
  /** Time source of the call timer. */
  declare clock: Clock;
  declare keypadOpen: boolean;
  declare detailsOpen: boolean;

  readonly #ticker = new ClockController(this, () => this.view !== undefined);
  /** The call shown last: another one gets its own controls, closed. */
  #shownId: string | undefined;
  /** Focus was in the keypad that just went: it moves to Mute after this update. */
  #refocus = false;

  constructor() {
    super();
    this.view = undefined;
    this.clock = systemClock;
    this.keypadOpen = false;
    this.detailsOpen = false;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (!changed.has('view')) return;
    const view = this.view;
    if (!view) return;
    if (this.#shownId !== view.interaction.id) {
      this.keypadOpen = false;
      this.detailsOpen = false;
    }
    this.#shownId = view.interaction.id;
    if (!view.actions.includes('send-dtmf') && this.keypadOpen) {
      // The call went on hold: the keypad goes, and focus in it moves to Mute rather than being lost.
      this.keypadOpen = false;
      this.#refocus = this.renderRoot.querySelector('cp-keypad')?.matches(':focus-within') === true;
    }
    if (!view.quality) this.detailsOpen = false;
  }

  protected override updated(): void {
    if (!this.#refocus) return;
    this.#refocus = false;
    this.renderRoot.querySelector<HTMLButtonElement>('button.mute')?.focus();
  }

  protected override render() {
    const view = this.view;
    if (!view) return nothing;
    const call = view.interaction;
    const muted = view.muted === true;
    const canMute = view.actions.includes('mute') || view.actions.includes('unmute');
    const canKeypad = view.actions.includes('send-dtmf');
    const time = formatCallDuration(call.answeredAt ?? call.offeredAt, this.#ticker.now());
    const w = inCallWords();
    return html`<div class="bar" role="group" aria-label=${w.group}>
        <span class="timer" role="timer" aria-label=${w.callTime(time)}>${time}</span>
        ${muted ? html`<span class="muted-badge">${w.muted}</span>` : nothing} ${view.quality ? this.#quality(view.quality) : nothing}
        <span class="buttons">
          ${canMute
            ? html`<button type="button" class="mute" aria-pressed=${muted ? 'true' : 'false'} @click=${() => this.#toggleMute(muted)}>
                ${actionWords(muted ? 'unmute' : 'mute', call.channel)}
              </button>`
            : nothing}
          ${canKeypad
            ? html`<button type="button" class="keypad" aria-expanded=${this.keypadOpen ? 'true' : 'false'} aria-controls="keypad" @click=${() => this.#toggleKeypad()}>
                ${actionWords('send-dtmf', call.channel)}
              </button>`
            : nothing}
        </span>
      </div>
      ${this.detailsOpen && view.quality ? html`<cp-line-details id="line-details" .quality=${view.quality}></cp-line-details>` : nothing}
      ${this.keypadOpen && canKeypad
        ? html`<cp-keypad id="keypad" .interactionId=${call.id} @keypad-close=${() => this.#closeKeypad()}></cp-keypad>`
        : nothing}`;
  }

  #quality(quality: CallQuality) {
    const on = BARS[quality.level];
    return html`<button
      type="button"
      class="quality ${quality.level}"
      aria-label=${qualityWords(quality)}
      aria-expanded=${this.detailsOpen ? 'true' : 'false'}
      aria-controls="line-details"
      @click=${() => this.#toggleDetails()}
    >
      <svg class="bars" viewBox="0 0 14 12" aria-hidden="true">
        ${[0, 1, 2].map((bar) => svg`<rect class=${bar < on ? 'on' : ''} x=${bar * 5} y=${8 - bar * 4} width="4" height=${4 + bar * 4}></rect>`)}
      </svg>
      <span class="level">${inCallWords().levels[quality.level]}</span>
    </button>`;
  }

  #toggleMute(muted: boolean): void {
    const interactionId = this.view?.interaction.id;
    if (interactionId) this.dispatchEvent(intentEvent({ type: muted ? 'unmute' : 'mute', interactionId }));
  }

  async #toggleKeypad(): Promise<void> {
    if (this.keypadOpen) {
      this.#closeKeypad();
      return;
    }
    this.keypadOpen = true;
    const keypad = await definedElement<CpKeypad>(this.renderRoot, 'cp-keypad', this.updateComplete);
    await keypad?.updateComplete;
    keypad?.focusKeys();
  }

  #closeKeypad(): void {
    this.keypadOpen = false;
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLButtonElement>('button.keypad')?.focus());
  }

  #toggleDetails(): void {
    this.detailsOpen = !this.detailsOpen;
    if (this.detailsOpen) void loadElement('cp-line-details');
  }
}

if (!customElements.get('cp-call-controls')) customElements.define('cp-call-controls', CpCallControls);

declare global {
  interface HTMLElementTagNameMap {
    'cp-call-controls': CpCallControls;
  }
}
