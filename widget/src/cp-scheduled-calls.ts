/**
 * `<cp-scheduled-calls>`: the agent's scheduled calls at any time ("Scheduled calls" in the dial
 * box; desks/scheduled-call-desk.ts fills `snapshot.scheduledCalls`). Each call: its time in the
 * agent's time zone (named above the list), the customer's local time when the number tells
 * their time zone, "Due" once its time has come, who (the record it was scheduled from opens in
 * the console: an `open-record` intent) and the number, a new time to move it to (the desk checks
 * it against the compliance rules) and Cancel. Loaded by the dial box on first use, off the
 * ring-and-answer bundle.
 */
import { LitElement, css, html } from 'lit';
import type { ScheduledCallRow, ScheduledCallsView } from '../../adapter/src/store.ts';
import { baseStyles } from './theme.ts';
import { intentEvent } from './intent-event.ts';
import { laterWords } from './catalogue/later-words.ts';
import { formatDateTime } from './format-time.ts';
import { localToInstant, type CallbackAsk } from './callback-schedule.ts';

export class CpScheduledCalls extends LitElement {
  static override properties = {
    list: { attribute: false },
  };

  static override styles = [
    baseStyles,
    css`
      :host {
        display: block;
        margin-top: 8px;
      }
      h3 {
        margin: 0 0 4px;
        font-size: 13px;
      }
      ul {
        list-style: none;
        margin: 0 0 6px;
        padding: 0;
        display: flex;
        flex-direction: column;
        gap: 8px;
      }
      li {
        display: flex;
        flex-wrap: wrap;
        gap: 4px 8px;
        align-items: center;
        border-top: 1px solid var(--cp-border);
        padding-top: 6px;
      }
      .hint,
      .customer {
        color: var(--cp-text-weak);
        font-size: 12px;
        margin: 0;
      }
      .due {
        color: var(--cp-error-text);
        font-weight: 700;
      }
      .record {
        background: none;
        border: none;
        padding: 0;
        color: var(--cp-brand-dark);
        text-decoration: underline;
        font-weight: 400;
        cursor: pointer;
      }
      form {
        display: flex;
        gap: 4px;
        flex-wrap: wrap;
      }
    `,
  ];

  /** The agent's scheduled calls while "Scheduled calls" is open (snapshot.scheduledCalls). */
  declare list: ScheduledCallsView | undefined;

  constructor() {
    super();
    this.list = undefined;
  }

  protected override render() {
    const w = laterWords().scheduledCalls;
    const list = this.list;
    if (!list) return html``;
    return html`<section aria-labelledby="scheduled-calls-heading">
      <h3 id="scheduled-calls-heading">${laterWords().callback.scheduled}</h3>
      <p class="hint">${w.yourTime(Intl.DateTimeFormat().resolvedOptions().timeZone)}</p>
      ${list.state === 'loading' && list.calls.length === 0 ? html`<p role="status">${w.loading}</p>` : ''}
      ${list.state === 'failed' ? html`<p role="status">${w.failed}</p>` : ''}
      ${list.state === 'listed' && list.calls.length === 0 ? html`<p>${laterWords().callback.noneScheduled}</p>` : ''}
      ${list.calls.length > 0 ? html`<ul aria-labelledby="scheduled-calls-heading">${list.calls.map((call) => this.#row(call))}</ul>` : ''}
      <button type="button" @click=${() => this.#ask({ to: 'hide-scheduled' })}>${w.close}</button>
    </section>`;
  }

  #row(call: ScheduledCallRow) {
    const w = laterWords().scheduledCalls;
    const callback = laterWords().callback;
    const who = call.name || call.number;
    const move = (event: SubmitEvent) => {
      event.preventDefault();
      const input = (event.currentTarget as HTMLFormElement).elements.namedItem('at') as HTMLInputElement;
      this.#ask({ to: 'move', id: call.id, at: localToInstant(input.value) });
    };
    return html`<li class=${call.due ? 'is-due' : ''}>
      <span class="when">${formatDateTime(call.at)}</span>
      ${call.due ? html`<span class="due">${w.due}</span>` : ''}
      ${call.recordId
        ? html`<button type="button" class="record" aria-label=${w.openRecord(who)} @click=${() => this.dispatchEvent(intentEvent({ type: 'open-record', recordId: call.recordId }))}>${call.name || w.record}</button>`
        : html`<span>${call.name}</span>`}
      <span class="number">${call.number}</span>
      <p class="customer">${call.customerZone ? w.customerTime(formatDateTime(call.at, { timeZone: call.customerZone }), call.customerZone) : w.customerZoneUnknown}</p>
      <form @submit=${move}>
        <input name="at" type="datetime-local" required aria-label=${callback.newTime(who)} />
        <button type="submit">${callback.move}</button>
      </form>
      <button type="button" aria-label=${callback.cancelScheduled(who)} @click=${() => this.#ask({ to: 'cancel-scheduled', id: call.id })}>${callback.cancel}</button>
    </li>`;
  }

  #ask(ask: CallbackAsk): void {
    this.dispatchEvent(intentEvent({ type: 'callback', ask }));
  }
}

if (!customElements.get('cp-scheduled-calls')) customElements.define('cp-scheduled-calls', CpScheduledCalls);

declare global {
  interface HTMLElementTagNameMap {
    'cp-scheduled-calls': CpScheduledCalls;
  }
}
