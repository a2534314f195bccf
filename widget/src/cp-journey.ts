/**
 * `<cp-journey>`: the customer journey, the caller's recent interactions from their Tasks,
 * newest first as the adapter gives them: channel, agent, status (Waiting, Assigning,
 * Assigned, Transferring, Ended, Failed) and how long ago, with the absolute time in the
 * tooltip and for screen readers. Each entry opens its Task in the console (a Task Salesforce
 * has not confirmed yet: the record it is on). An empty journey renders nothing.
 */
import { LitElement, css, html } from 'lit';
import { keyedList } from './keyed-list.ts';
import type { Channel, JourneyEntryView, JourneyStatus } from '../../adapter/src/store.ts';
import { baseStyles } from './theme.ts';
import { intentEvent } from './intent-event.ts';
import { systemClock, type Clock } from './clock.ts';
import { formatAgo, formatDateTime } from './format-time.ts';
import { words } from './catalogue/catalogue.ts';
import { laterWords } from './catalogue/later-words.ts';
import { en } from './catalogue/en.ts';

/** A Task's channel, which the crm room words in English (Voice call, Chat...), in the agent's words; other words as they are. */
function channelText(channel: string): string {
  const key = (Object.keys(en.channels) as Channel[]).find((known) => en.channels[known] === channel);
  return key ? words().channels[key] : channel;
}

/** The journey list. Fires `open-record` { recordId: the Task's id, else its record's } when the agent opens an entry. */
export class CpJourney extends LitElement {
  static override properties = {
    journey: { attribute: false },
    clock: { attribute: false },
    locale: { attribute: false },
    timeZone: { attribute: false },
  };

  static override styles = [
    baseStyles,
    css`
      :host {
        display: block;
      }
      h3 {
        margin: 0 0 2px;
        font-size: 12px;
        font-weight: 700;
        text-transform: uppercase;
        letter-spacing: 0.04em;
        color: var(--cp-text-weak);
      }
      ol {
        margin: 0;
        padding: 0;
        list-style: none;
        border: 1px solid var(--cp-border);
        border-radius: var(--cp-radius);
      }
      li + li {
        border-top: 1px solid var(--cp-divider);
      }
      button {
        display: grid;
        grid-template-columns: 1fr auto;
        column-gap: 8px;
        width: 100%;
        min-height: 0;
        padding: 3px 8px;
        border: none;
        border-radius: 0;
        background: transparent;
        color: var(--cp-text);
        font-weight: 400;
        text-align: left;
      }
      .channel {
        grid-area: 1 / 1;
        font-weight: 700;
        color: var(--cp-brand-dark);
        overflow: hidden;
        text-overflow: ellipsis;
        white-space: nowrap;
      }
      .when {
        grid-area: 1 / 2;
        font-size: 12px;
        color: var(--cp-text-weak);
        white-space: nowrap;
      }
      .detail {
        grid-area: 2 / 1 / 3 / 3;
        font-size: 12px;
        color: var(--cp-text-weak);
        overflow: hidden;
        text-overflow: ellipsis;
        white-space: nowrap;
      }
      .failed {
        color: var(--cp-error-text);
        font-weight: 700;
      }
      button:disabled {
        background: transparent;
        cursor: default;
      }
      button:disabled .channel {
        color: var(--cp-text);
      }
    `,
  ];

  /** The caller's recent interactions, newest first (the lookup's `journey`). */
  declare journey: readonly JourneyEntryView[];
  /** Time source for "3 days ago". */
  declare clock: Clock;
  /** Locale of the times; undefined is the agent's (catalogue.ts agentLocale; tests fix it). */
  declare locale: string | undefined;
  /** Time zone of the absolute time; undefined is the agent's (tests fix it). */
  declare timeZone: string | undefined;

  constructor() {
    super();
    this.journey = [];
    this.clock = systemClock;
    this.locale = undefined;
    this.timeZone = undefined;
  }

  protected override render() {
    if (this.journey.length === 0) return html``;
    const now = this.clock.now();
    return html`
      <h3 id="heading">${laterWords().journey.heading}</h3>
      <ol aria-labelledby="heading">
        ${keyedList(
          this.journey,
          (entry, index) => `${entry.taskId}:${index}`,
          (entry) => this.#entry(entry, now),
        )}
      </ol>
    `;
  }

  #entry(entry: JourneyEntryView, now: number) {
    const absolute = formatDateTime(entry.at, { locale: this.locale, timeZone: this.timeZone });
    const agent = typeof entry.agent === 'string' ? entry.agent : '';
    const status = typeof entry.status === 'string' ? entry.status : '';
    const statuses = laterWords().journey.statuses;
    const statusText = Object.hasOwn(statuses, status) ? statuses[status as JourneyStatus] : status;
    return html`<li>
      <button type="button" ?disabled=${!entry.taskId && !entry.recordId} @click=${() => this.#open(entry.taskId || entry.recordId || '')}>
        <span class="channel">${channelText(entry.channel)}</span>
        <span class="detail"
          >${agent}${agent && status ? ' · ' : ''}${status ? html`<span class="status ${status === 'Failed' ? 'failed' : ''}">${statusText}</span>` : ''}</span
        >
        <span class="when"
          ><time datetime=${Number.isFinite(entry.at) ? new Date(entry.at).toISOString() : ''} title=${absolute}
            >${formatAgo(entry.at, now, this.locale)}</time
          ><span class="visually-hidden">${absolute ? `(${absolute})` : ''}</span></span
        >
      </button>
    </li>`;
  }

  #open(recordId: string): void {
    if (!recordId) return;
    this.dispatchEvent(intentEvent({ type: 'open-record', recordId }));
  }
}

if (!customElements.get('cp-journey')) customElements.define('cp-journey', CpJourney);

declare global {
  interface HTMLElementTagNameMap {
    'cp-journey': CpJourney;
  }
}
