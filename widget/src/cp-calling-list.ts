/**
 * `<cp-calling-list>`: preview dialling. The agent opens a calling list (a campaign's members,
 * or a Lead or Contact list view's records) and works through it one record at a time: reviews the record (its fields), calls it, rejects it with a
 * reason, or reschedules the attempt to a date and time; then goes on to the next record. Every
 * action leaves as a `calling-list` intent; the adapter checks the call against the compliance
 * rules, refuses a time gone by, and logs each outcome on the record. Shown in the dial box
 * (cp-dialer), loaded with it off the path that rings and answers.
 */
import { LitElement, css, html } from 'lit';
import { keyed } from 'lit/directives/keyed.js';
import type { CallingListAction, CallingListSource, CallingListView, CallingRecord } from '../../adapter/src/store.ts';
import { baseStyles } from './theme.ts';
import { intentEvent } from './intent-event.ts';
import { laterWords } from './catalogue/later-words.ts';

/** The calling list. Fires `calling-list` intents. */
export class CpCallingList extends LitElement {
  static override properties = {
    list: { attribute: false },
    registered: { type: Boolean },
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
      ul,
      ol {
        margin: 0 0 6px;
        padding: 0;
        list-style: none;
      }
      li button {
        width: 100%;
        text-align: left;
        font-weight: 400;
      }
      li button[aria-current='true'] {
        font-weight: 700;
      }
      .state {
        color: var(--cp-text-weak);
        font-size: 12px;
      }
      dl {
        display: grid;
        grid-template-columns: auto 1fr;
        gap: 2px 8px;
        margin: 0 0 6px;
      }
      dt {
        color: var(--cp-text-weak);
      }
      dd {
        margin: 0;
        overflow-wrap: anywhere;
      }
      .warning {
        color: var(--cp-error-text);
        font-weight: 700;
      }
      form {
        display: flex;
        gap: 6px;
        align-items: flex-end;
        flex-wrap: wrap;
        margin-bottom: 6px;
      }
      label {
        display: flex;
        flex-direction: column;
        gap: 2px;
        flex: 1;
        min-width: 8em;
      }
    `,
  ];

  /** The calling list from the store; undefined until the agent opens one. */
  declare list: CallingListView | undefined;
  /** Calls can be placed (the phone is registered). */
  declare registered: boolean;

  constructor() {
    super();
    this.list = undefined;
    this.registered = false;
  }

  protected override render() {
    const words = laterWords().callingList;
    const list = this.list;
    return html`<section aria-labelledby="calling-list-heading">
      <h3 id="calling-list-heading">${words.heading}</h3>
      ${!list ? html`<button type="button" @click=${() => this.#send({ kind: 'choose' })}>${words.open}</button>` : ''}
      ${list?.state === 'loading' ? html`<p role="status">${words.loading}</p>` : ''}
      ${list?.state === 'choosing' ? this.#choices(list.sources) : ''}
      ${list?.state === 'open' ? this.#open(list) : ''}
      ${list ? html`<button type="button" @click=${() => this.#send({ kind: 'close' })}>${words.close}</button>` : ''}
    </section>`;
  }

  /** The lists to choose from: the campaigns, then the Lead and the Contact list views (a group shown only when it has any). */
  #choices(sources: readonly CallingListSource[]) {
    const words = laterWords().callingList;
    const group = (label: string, items: readonly CallingListSource[]) =>
      items.length === 0
        ? ''
        : html`<ul aria-label=${label}>
            ${items.map((source) => html`<li><button type="button" @click=${() => this.#send({ kind: 'open', listId: source.id })}>${source.name}</button></li>`)}
          </ul>`;
    const views = (objectType: 'Lead' | 'Contact') => sources.filter((source) => source.kind === 'list-view' && source.objectType === objectType);
    return html`${group(words.campaigns, sources.filter((source) => source.kind === 'campaign'))}${group(words.listViews.Lead, views('Lead'))}${group(words.listViews.Contact, views('Contact'))}`;
  }

  #open(list: CallingListView) {
    const words = laterWords().callingList;
    const current = list.records.find((record) => record.memberId === list.currentId);
    return html`
      <ol aria-label=${words.records(list.source?.name ?? '')}>
        ${list.records.map(
          (record) => html`<li>
            <button type="button" aria-current=${record.memberId === list.currentId ? 'true' : 'false'} @click=${() => this.#send({ kind: 'preview', memberId: record.memberId })}>
              ${record.name} <span class="state">${words.states[record.state]}</span>${this.#outcomeLog(record)}
            </button>
          </li>`,
        )}
      </ol>
      ${list.saving ? html`<p role="status">${words.saving}</p>` : ''}
      ${current ? keyed(current.memberId, this.#preview(current, list.saving, list.source?.kind === 'list-view')) : html`<p role="status">${words.done}</p>`}
    `;
  }

  /** One record's preview (keyed by the record: what was typed for one record never shows on the next); on a list view's list its status is its last outcome from the list. */
  #preview(record: CallingRecord, saving: boolean, fromListView: boolean) {
    const words = laterWords().callingList;
    const objects: Record<string, string> = laterWords().objects;
    const canCall = this.registered && !saving && (record.state === 'previewing' || record.state === 'not-reached');
    const canReject = !saving && (record.state === 'previewing' || record.state === 'not-reached');
    const canReschedule = canReject || (!saving && record.state === 'called');
    const fields: Array<[string, string]> = [
      [words.fields.type, objects[record.objectType] ?? record.objectType],
      [words.fields.company, record.company],
      [words.fields.title, record.title],
      [words.fields.phone, record.phone],
      [words.fields.mobile, record.mobilePhone],
      [words.fields.email, record.email],
      [words.fields.place, record.place],
      [fromListView ? words.fields.lastOutcome : words.fields.status, record.memberStatus],
    ];
    return html`<div role="group" aria-label=${`${words.record}: ${record.name}`}>
      <h3>${record.name} <span class="state">${words.states[record.state]}</span>${this.#outcomeLog(record)}</h3>
      ${record.doNotCall ? html`<p class="warning">${words.doNotCall}</p>` : ''}
      <dl>${fields.filter(([, value]) => value !== '').map(([name, value]) => html`<dt>${name}</dt><dd>${value}</dd>`)}</dl>
      <button type="button" ?disabled=${!canCall} @click=${() => this.#send({ kind: 'call', memberId: record.memberId })}>${words.call(record.name)}</button>
      ${record.state === 'called' || record.state === 'not-reached'
        ? html`<button type="button" ?disabled=${saving} @click=${() => this.#send({ kind: 'preview' })}>${words.next}</button>`
        : ''}
      ${canReject
        ? html`<form aria-label=${words.rejectForm} @submit=${(event: SubmitEvent) => this.#reject(event, record)}>
            <label>${words.reason}<input name="reason" maxlength="255" required /></label>
            <button type="submit">${words.reject}</button>
          </form>`
        : ''}
      ${canReschedule
        ? html`<form aria-label=${words.rescheduleForm} @submit=${(event: SubmitEvent) => this.#reschedule(event, record)}>
            <label>${words.nextAttempt}<input name="at" type="datetime-local" required /></label>
            <button type="submit">${words.reschedule}</button>
          </form>`
        : ''}
    </div>`;
  }

  /** Where the record's outcome stands on its way to Salesforce (the outbox's saving, will retry, saved; the words of a call's log). */
  #outcomeLog(record: CallingRecord) {
    return record.outcomeLog ? html` <span class="log">${laterWords().log[record.outcomeLog]}</span>` : '';
  }

  #reject(event: SubmitEvent, record: CallingRecord): void {
    event.preventDefault();
    const input = (event.currentTarget as HTMLFormElement).elements.namedItem('reason') as HTMLInputElement;
    this.#send({ kind: 'reject', memberId: record.memberId, reason: input.value });
  }

  /** The date and time picked, in the agent's own time zone (the browser's), as epoch ms; the adapter refuses a time gone by. */
  #reschedule(event: SubmitEvent, record: CallingRecord): void {
    event.preventDefault();
    const input = (event.currentTarget as HTMLFormElement).elements.namedItem('at') as HTMLInputElement;
    this.#send({ kind: 'reschedule', memberId: record.memberId, at: new Date(input.value).getTime() });
  }

  #send(action: CallingListAction): void {
    this.dispatchEvent(intentEvent({ type: 'calling-list', action }));
  }
}

if (!customElements.get('cp-calling-list')) customElements.define('cp-calling-list', CpCallingList);

declare global {
  interface HTMLElementTagNameMap {
    'cp-calling-list': CpCallingList;
  }
}
