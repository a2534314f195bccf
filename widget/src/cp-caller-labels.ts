/**
 * `<cp-caller-labels>`: every label the caller earned from the screen-pop rules (Lead,
 * Customer, Previous Customer, Unknown), as coloured chips: a Customer who is also an open
 * Lead shows both. Green Lead, orange Customer, grey Previous Customer and Unknown.
 */
import { LitElement, css, html } from 'lit';
import type { CallerLabel } from '../../adapter/src/store.ts';
import { baseStyles } from './theme.ts';
import { laterWords } from './catalogue/later-words.ts';
import { callerLabelWords } from './caller-words.ts';

const LABEL_CLASS: Record<CallerLabel, string> = {
  Lead: 'lead',
  Customer: 'customer',
  'Previous Customer': 'previous',
  Unknown: 'unknown',
};

/** The caller's labels as a list named "Caller label"; renders nothing for no labels. Fires no intent. */
export class CpCallerLabels extends LitElement {
  static override properties = {
    labels: { attribute: false },
  };

  static override styles = [
    baseStyles,
    css`
      :host {
        display: block;
      }
      ul {
        display: flex;
        flex-wrap: wrap;
        justify-content: flex-end;
        gap: 4px;
        margin: 0;
        padding: 0;
        list-style: none;
      }
      li {
        padding: 1px 8px;
        border-radius: 10px;
        font-size: 12px;
        font-weight: 700;
        white-space: nowrap;
      }
      .lead {
        background: var(--cp-success);
        color: var(--cp-text-inverse);
      }
      .customer {
        background: var(--cp-warning-strong);
        color: var(--cp-text);
      }
      .previous,
      .unknown {
        background: var(--cp-surface-neutral);
        color: var(--cp-text);
      }
    `,
  ];

  /** The lookup's labels, in the order the adapter gives them. */
  declare labels: readonly CallerLabel[];

  constructor() {
    super();
    this.labels = [];
  }

  protected override render() {
    if (this.labels.length === 0) return html``;
    return html`<ul aria-label=${laterWords().callerLabelList}>
      ${this.labels.map((label) => html`<li class=${LABEL_CLASS[label] ?? 'unknown'}>${callerLabelWords(label)}</li>`)}
    </ul>`;
  }
}

if (!customElements.get('cp-caller-labels')) customElements.define('cp-caller-labels', CpCallerLabels);

declare global {
  interface HTMLElementTagNameMap {
    'cp-caller-labels': CpCallerLabels;
  }
}
