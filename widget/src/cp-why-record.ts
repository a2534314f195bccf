/**
 * `<cp-why-record>`: "Why this record", a closed disclosure under the caller: which
 * screen-pop rule (custom metadata record) and which phone field made this record pop, for
 * example "Lead · matched Mobile phone (rule: Open leads)". Closed by default so it costs
 * the agent one line; open it with a click, Enter or Space.
 */
import { LitElement, css, html } from 'lit';
import type { CallerMatchView } from '../../adapter/src/store.ts';
import { baseStyles } from './theme.ts';
import { whyWords } from './caller-words.ts';
import { laterWords } from './catalogue/later-words.ts';

/** The disclosure for the record that pops; renders nothing without one. Fires no intent. */
export class CpWhyRecord extends LitElement {
  static override properties = {
    match: { attribute: false },
  };

  static override styles = [
    baseStyles,
    css`
      :host {
        display: block;
      }
      details {
        font-size: 12px;
        color: var(--cp-text-weak);
      }
      summary {
        width: max-content;
        max-width: 100%;
        cursor: pointer;
        color: var(--cp-brand-dark);
      }
      .why {
        margin: 2px 0 0 14px;
        color: var(--cp-text);
        overflow-wrap: anywhere;
      }
    `,
  ];

  /** The record that pops (the single winner or the one the agent picked). */
  declare match: CallerMatchView | undefined;

  constructor() {
    super();
    this.match = undefined;
  }

  protected override render() {
    const match = this.match;
    if (!match) return html``;
    const why = whyWords(match);
    if (!why) return html``;
    return html`<details>
      <summary>${laterWords().why.summary}</summary>
      <p class="why">${why}</p>
    </details>`;
  }
}

if (!customElements.get('cp-why-record')) customElements.define('cp-why-record', CpWhyRecord);

declare global {
  interface HTMLElementTagNameMap {
    'cp-why-record': CpWhyRecord;
  }
}
