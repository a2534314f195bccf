/**
 * `<cp-dial-lists>`: the agent's recent numbers (the last ten called, newest first) and
 * favourites. A number is called with one click (`dial-entry`, handled by `<cp-dialer>`); a star
 * makes a recent number a favourite, and takes it off again (`favourite-number`).
 */
import { LitElement, css, html } from 'lit';
import type { DialHistory, DialledNumber } from '../../adapter/src/store.ts';
import { baseStyles } from './theme.ts';
import { intentEvent } from './intent-event.ts';
import { laterWords } from './catalogue/later-words.ts';

/** A number on the recent or favourites list as the agent reads it: "Maria Lopez (+14155550100)", or the number alone. */
export function dialledWords(entry: { readonly number: string; readonly record?: { readonly name: string } }): string {
  return entry.record?.name ? `${entry.record.name} (${entry.number})` : entry.number;
}

/** The lists. Fires `dial-entry` (detail: the entry) to call a number, and `favourite-number` intents. */
export class CpDialLists extends LitElement {
  static override properties = {
    history: { attribute: false },
    registered: { type: Boolean },
  };

  static override styles = [
    baseStyles,
    css`
      :host {
        display: block;
      }
      h3 {
        margin: 8px 0 2px;
        font-size: 12px;
        font-weight: 700;
        color: var(--cp-text-weak);
      }
      ul {
        list-style: none;
        margin: 0;
        padding: 0;
      }
      li {
        display: flex;
        gap: 4px;
        align-items: center;
      }
      .call {
        flex: 1;
        min-width: 0;
        text-align: start;
        overflow: hidden;
        text-overflow: ellipsis;
        white-space: nowrap;
      }
      .star[aria-pressed='true'] {
        color: var(--cp-brand);
      }
      .empty {
        margin: 0;
        font-size: 12px;
        color: var(--cp-text-weak);
      }
    `,
  ];

  declare history: DialHistory;
  declare registered: boolean;

  constructor() {
    super();
    this.history = { recent: [], favourites: [] };
    this.registered = false;
  }

  protected override render() {
    const DIALER_WORDS = laterWords().dialer;
    const starred = new Set(this.history.favourites.map((entry) => entry.number));
    return html`
      ${this.history.favourites.length > 0
        ? html`<h3 id="favourites">${DIALER_WORDS.favourites}</h3>
            <ul aria-labelledby="favourites">
              ${this.history.favourites.map(
                (entry) => html`<li>
                  ${this.#callButton(entry)}
                  <button type="button" class="star" aria-pressed="true" aria-label=${DIALER_WORDS.unstar(dialledWords(entry))} @click=${() => this.#star(entry, false)}>★</button>
                </li>`,
              )}
            </ul>`
        : ''}
      <h3 id="recent">${DIALER_WORDS.recent}</h3>
      ${this.history.recent.length === 0
        ? html`<p class="empty">${DIALER_WORDS.noRecent}</p>`
        : html`<ul aria-labelledby="recent">
            ${this.history.recent.map((entry) => {
              const isFavourite = starred.has(entry.number);
              return html`<li>
                ${this.#callButton(entry)}
                <button
                  type="button"
                  class="star"
                  aria-pressed=${isFavourite ? 'true' : 'false'}
                  aria-label=${DIALER_WORDS.star(dialledWords(entry))}
                  @click=${() => this.#star(entry, !isFavourite)}
                >${isFavourite ? '★' : '☆'}</button>
              </li>`;
            })}
          </ul>`}
    `;
  }

  #callButton(entry: DialledNumber) {
    return html`<button type="button" class="call" ?disabled=${!this.registered} aria-label=${laterWords().dialer.callEntry(dialledWords(entry))} @click=${() => this.#call(entry)}>${dialledWords(entry)}</button>`;
  }

  #call(entry: DialledNumber): void {
    this.dispatchEvent(new CustomEvent<DialledNumber>('dial-entry', { detail: entry }));
  }

  #star(entry: DialledNumber, starred: boolean): void {
    this.dispatchEvent(intentEvent({ type: 'favourite-number', number: entry.number, starred }));
  }
}

if (!customElements.get('cp-dial-lists')) customElements.define('cp-dial-lists', CpDialLists);

declare global {
  interface HTMLElementTagNameMap {
    'cp-dial-lists': CpDialLists;
  }
}
