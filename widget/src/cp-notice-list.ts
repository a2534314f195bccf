/**
 * `<cp-notice-list>`: errors and notices the agent should see (each with its stable error
 * catalogue code), each dismissable. A notice reads in the agent's language where the catalogue
 * has words for its code, else in the adapter's English message. Loaded right after the first
 * paint (contact-pad.ts, lazy-elements.ts): the notices are in the snapshot, so one that came
 * before shows, and its role=alert is announced, once the list has loaded.
 */
import { LitElement, css, html } from 'lit';
import { keyedList } from './keyed-list.ts';
import type { Notice } from '../../adapter/src/store.ts';
import { baseStyles } from './theme.ts';
import { intentEvent } from './intent-event.ts';
import { words } from './catalogue/catalogue.ts';
import { laterWords } from './catalogue/later-words.ts';

/** The notices. Fires `dismiss-notice`. */
export class CpNoticeList extends LitElement {
  static override properties = {
    notices: { attribute: false },
  };

  static override styles = [
    baseStyles,
    css`
      :host {
        display: block;
      }
      ul {
        display: flex;
        flex-direction: column;
        gap: 4px;
        margin: 0;
        padding: 0;
        list-style: none;
      }
      li {
        display: flex;
        align-items: flex-start;
        gap: 8px;
        padding: 6px 6px 6px 10px;
        border: 1px solid var(--cp-warning);
        border-left-width: 4px;
        border-radius: var(--cp-radius);
        background: var(--cp-warning-surface);
      }
      .message {
        flex: 1;
        margin: 0;
        overflow-wrap: anywhere;
      }
      .code {
        display: block;
        color: var(--cp-text-weak);
        font-size: 11px;
      }
      button {
        min-height: 24px;
        padding: 0 8px;
        font-size: 12px;
      }
    `,
  ];

  /** The snapshot's notices. */
  declare notices: readonly Notice[];

  constructor() {
    super();
    this.notices = [];
  }

  protected override render() {
    if (this.notices.length === 0) return html``;
    const w = laterWords().noticeList;
    const says = words().notices;
    return html`<ul aria-label=${w.list}>
      ${keyedList(
        this.notices,
        (notice) => notice.id,
        (notice) => {
          const message = says.message(notice.code, notice.message, notice.about);
          return html`<li>
            <p class="message" role="alert">${message}<span class="code">${notice.code}</span></p>
            <button type="button" aria-label=${w.dismissNamed(message)} @click=${() => this.dispatchEvent(intentEvent({ type: 'dismiss-notice', noticeId: notice.id }))}>
              ${w.dismiss}
            </button>
          </li>`;
        },
      )}
    </ul>`;
  }
}

if (!customElements.get('cp-notice-list')) customElements.define('cp-notice-list', CpNoticeList);

declare global {
  interface HTMLElementTagNameMap {
    'cp-notice-list': CpNoticeList;
  }
}
