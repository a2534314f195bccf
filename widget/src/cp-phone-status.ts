/**
 * `<cp-phone-status>`: the phone's connection to the SIP server in words: registered
 * ("Phone ready"), connecting, unreachable, refused or without a SIP credential (with the
 * reason and a live countdown to the next attempt). Never a spinner. When another tab or
 * window of the agent has the phone, it says so instead, with "Use the phone here".
 */
import { LitElement, css, html } from 'lit';
import type { PhoneConnection, PhoneTabState } from '../../adapter/src/store.ts';
import { baseStyles } from './theme.ts';
import { secondsLeft, systemClock, type Clock } from './clock.ts';
import { ClockController } from './clock-controller.ts';
import { words } from './catalogue/catalogue.ts';
import { intentEvent } from './intent-event.ts';

/** The phone connection banner. Fires `take-over-phone` ("Use the phone here") while another tab or window has the phone. */
export class CpPhoneStatus extends LitElement {
  static override properties = {
    phone: { attribute: false },
    tab: { attribute: false },
    clock: { attribute: false },
  };

  static override styles = [
    baseStyles,
    css`
      :host {
        display: block;
      }
      .line {
        display: flex;
        align-items: center;
        gap: 6px;
        margin: 0;
        color: var(--cp-text-weak);
        font-size: 12px;
      }
      .dot {
        flex: none;
        width: 8px;
        height: 8px;
        border-radius: 50%;
        background: var(--cp-status-idle);
      }
      .registered .dot {
        background: var(--cp-success);
      }
      .problem {
        padding: 8px 10px;
        border: 1px solid var(--cp-error-border);
        border-left-width: 4px;
        border-radius: var(--cp-radius);
        background: var(--cp-warning-bg);
        color: var(--cp-error-text);
        font-size: 13px;
      }
      .problem .dot {
        display: none;
      }
      .elsewhere {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 6px 10px;
      }
    `,
  ];

  /** The phone connection from the store snapshot. */
  declare phone: PhoneConnection | undefined;
  /** Whether this tab or window has the agent's phone (the snapshot's phoneTab); undefined reads as here. */
  declare tab: PhoneTabState | undefined;
  /** Time source for the retry countdown. */
  declare clock: Clock;

  readonly #clock = new ClockController(this, () => this.phone?.state === 'unreachable' || this.phone?.state === 'refused' || this.phone?.state === 'no-credential');

  constructor() {
    super();
    this.phone = undefined;
    this.tab = undefined;
    this.clock = systemClock;
  }

  protected override render() {
    const phone = this.phone;
    if (!phone) return html``;
    const w = words().phone;
    if (this.tab === 'active-elsewhere') {
      return html`<div class="elsewhere">
        <p class="line" role="status"><span class="dot" aria-hidden="true"></span>${w.elsewhere}</p>
        <button type="button" @click=${this.#useHere}>${w.useHere}</button>
      </div>`;
    }
    if (this.tab === 'taking-over' || this.tab === 'stepping-down') {
      return html`<p class="line" role="status"><span class="dot" aria-hidden="true"></span>${this.tab === 'taking-over' ? w.takingOver : w.handingOver}</p>`;
    }
    switch (phone.state) {
      case 'registered':
        return html`<p class="line registered" role="status"><span class="dot" aria-hidden="true"></span>${w.ready}</p>`;
      case 'connecting':
        return html`<p class="line" role="status"><span class="dot" aria-hidden="true"></span>${w.connecting}</p>`;
      case 'stopped':
        return html`<p class="line" role="status"><span class="dot" aria-hidden="true"></span>${w.off}</p>`;
      case 'unreachable':
        return this.#problem(w.withReason(w.unreachable, phone.reason), phone.retryAt);
      case 'refused':
        return this.#problem(w.withReason(w.refused, phone.reason), phone.retryAt);
      case 'no-credential':
        // The reason says it whole ("The phone cannot register without a SIP credential from Salesforce: ...").
        return this.#problem(w.noCredential(phone.reason), phone.retryAt);
    }
  }

  readonly #useHere = (): void => {
    this.dispatchEvent(intentEvent({ type: 'take-over-phone' }));
  };

  #problem(message: string, retryAt: number) {
    const left = secondsLeft(retryAt, this.#clock.now());
    // The polite live region holds the message only: the countdown beside it changes every
    // second and must not be read out every second.
    return html`<p class="line problem">
      <span><span role="status">${message}</span> <span class="retry">${left > 0 ? words().phone.retryingIn(left) : words().phone.retryingNow}</span></span>
    </p>`;
  }
}

if (!customElements.get('cp-phone-status')) customElements.define('cp-phone-status', CpPhoneStatus);

declare global {
  interface HTMLElementTagNameMap {
    'cp-phone-status': CpPhoneStatus;
  }
}
