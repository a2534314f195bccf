/**
 * `<cp-call-pop>`: the call pop for one alerting interaction (a SIP INVITE ringing the
 * agent): kind, caller name and number, the Salesforce caller label(s) (Lead, Customer,
 * Previous Customer, Unknown), Call To (X-CP-Location), Queue (X-CP-Queue) and Ad Source
 * (X-CP-Ad-Source), with Accept (200 OK) and Reject. Every caller-supplied field is
 * rendered as text; a blank field stays blank.
 */
import { LitElement, css, html } from 'lit';
import type { CallerLabel, CallerLookupView, InteractionView } from '../../adapter/src/store.ts';
import { baseStyles } from './theme.ts';
import { intentEvent } from './intent-event.ts';
import { channelWords, incomingAnnouncement } from './words.ts';

const LABEL_CLASS: Record<CallerLabel, string> = {
  Lead: 'lead',
  Customer: 'customer',
  'Previous Customer': 'previous',
  Unknown: 'unknown',
};

/** The call pop. Fires `accept` and `reject` for its interaction. */
export class CpCallPop extends LitElement {
  static override properties = {
    view: { attribute: false },
  };

  static override styles = [
    baseStyles,
    css`
      :host {
        display: block;
      }
      section {
        border: 1px solid var(--cp-border);
        border-left: 4px solid var(--cp-brand);
        border-radius: var(--cp-radius);
        background: var(--cp-surface);
        padding: 8px 10px 10px;
        box-shadow: 0 2px 2px rgb(0 0 0 / 10%);
      }
      .top {
        display: flex;
        justify-content: space-between;
        align-items: center;
        gap: 8px;
      }
      .kind {
        margin: 0;
        font-size: 12px;
        font-weight: 700;
        text-transform: uppercase;
        letter-spacing: 0.04em;
        color: var(--cp-brand-dark);
      }
      .labels {
        display: flex;
        flex-wrap: wrap;
        justify-content: flex-end;
        gap: 4px;
        margin: 0;
        padding: 0;
        list-style: none;
      }
      .label {
        padding: 1px 8px;
        border-radius: 10px;
        font-size: 12px;
        font-weight: 700;
        white-space: nowrap;
      }
      .label.lead {
        background: #2e844a;
        color: #ffffff;
      }
      .label.customer {
        background: #fe9339;
        color: #181818;
      }
      .label.previous,
      .label.unknown {
        background: #e5e5e5;
        color: #181818;
      }
      .lookup {
        margin: 0;
        font-size: 12px;
        color: var(--cp-text-weak);
      }
      .lookup.failed {
        margin-top: 4px;
        color: var(--cp-error-text);
      }
      .name {
        margin: 4px 0 0;
        font-size: 16px;
        font-weight: 700;
        overflow-wrap: anywhere;
      }
      .number {
        margin: 0;
        font-size: 14px;
        overflow-wrap: anywhere;
      }
      dl {
        display: grid;
        grid-template-columns: max-content 1fr;
        gap: 2px 10px;
        margin: 8px 0 0;
      }
      dt {
        color: var(--cp-text-weak);
      }
      dd {
        margin: 0;
        overflow-wrap: anywhere;
      }
      .actions {
        display: flex;
        gap: 8px;
        margin-top: 10px;
      }
      .actions button {
        flex: 1;
        min-height: 32px;
      }
    `,
  ];

  /** The alerting interaction with its caller lookup. */
  declare view: InteractionView | undefined;

  constructor() {
    super();
    this.view = undefined;
  }

  protected override render() {
    const view = this.view;
    if (!view) return html``;
    const call = view.interaction;
    return html`
      <section aria-label=${incomingAnnouncement(call)}>
        <div class="top">
          <p class="kind">${channelWords(call.channel)}</p>
          ${this.#labels(view.caller)}
        </div>
        <p class="name">${call.callerName}</p>
        <p class="number">${call.callerNumber}</p>
        ${this.#lookupProblem(view.caller)}
        <dl>
          <dt>Call To</dt>
          <dd class="location">${call.location}</dd>
          <dt>Queue</dt>
          <dd class="queue">${call.queue}</dd>
          <dt>Ad Source</dt>
          <dd class="ad-source">${call.adSource}</dd>
        </dl>
        <div class="actions">
          <button type="button" class="success" @click=${() => this.#fire('accept')}>Accept</button>
          <button type="button" class="destructive" @click=${() => this.#fire('reject')}>Reject</button>
        </div>
      </section>
    `;
  }

  #labels(caller: CallerLookupView) {
    if (caller.state === 'pending') return html`<p class="lookup" role="status">Looking up caller…</p>`;
    if (caller.state !== 'done' || caller.labels.length === 0) return html``;
    return html`<ul class="labels" aria-label="Caller label">
      ${caller.labels.map((label) => html`<li class="label ${LABEL_CLASS[label] ?? 'unknown'}">${label}</li>`)}
    </ul>`;
  }

  #lookupProblem(caller: CallerLookupView) {
    if (caller.state !== 'failed') return html``;
    return html`<p class="lookup failed" role="alert">${caller.message}</p>`;
  }

  #fire(type: 'accept' | 'reject'): void {
    const id = this.view?.interaction.id;
    if (id === undefined) return;
    this.dispatchEvent(intentEvent({ type, interactionId: id }));
  }
}

if (!customElements.get('cp-call-pop')) customElements.define('cp-call-pop', CpCallPop);

declare global {
  interface HTMLElementTagNameMap {
    'cp-call-pop': CpCallPop;
  }
}
