/**
 * `<cp-record-picker>`: when the winning screen-pop rule matched several records (the
 * console shows a search meanwhile), the agent says which one is the caller. Each record
 * shows its name, object (in words), label and the field that matched. A single-select
 * listbox named "Which record is the caller?": arrow keys, Home and End move, Space or
 * Enter (or a click) chooses; moving alone never pops anything. The picked record
 * (pickedId from the store) shows as chosen.
 */
import { LitElement, css, html } from 'lit';
import { keyedList } from './keyed-list.ts';
import type { CallerMatchView } from '../../adapter/src/store.ts';
import { baseStyles } from './theme.ts';
import { intentEvent } from './intent-event.ts';
import { callerLabelWords, fieldWords, objectWords } from './caller-words.ts';
import { laterWords } from './catalogue/later-words.ts';

/** One record's details after its name: "Contact · Customer · matched Home phone". */
function recordDetail(match: CallerMatchView): string {
  const object = objectWords(match.objectType);
  const label = match.label ? callerLabelWords(match.label) : '';
  return [object, label === object ? '' : label, match.matchedField ? laterWords().why.matched(fieldWords(match.matchedField)) : '']
    .filter((part) => part !== '')
    .join(' · ');
}

/** The record picker. Fires `pick-record` { interactionId, recordId } when the agent chooses. */
export class CpRecordPicker extends LitElement {
  static override properties = {
    interactionId: { attribute: false },
    records: { attribute: false },
    pickedId: { attribute: false },
  };

  static override styles = [
    baseStyles,
    css`
      :host {
        display: block;
      }
      .question {
        margin: 0 0 2px;
        font-weight: 700;
      }
      ul {
        margin: 0;
        padding: 0;
        list-style: none;
        border: 1px solid var(--cp-border);
        border-radius: var(--cp-radius);
      }
      li {
        display: grid;
        grid-template-columns: 14px 1fr;
        column-gap: 8px;
        align-items: center;
        padding: 4px 8px;
        border-top: 1px solid var(--cp-divider);
        cursor: pointer;
      }
      li:first-child {
        border-top: none;
      }
      li:hover {
        background: var(--cp-surface-alt);
      }
      li:focus-visible {
        outline-offset: -2px;
      }
      li[aria-selected='true'] {
        background: var(--cp-surface-selected);
      }
      .mark {
        grid-row: 1 / span 2;
        width: 14px;
        height: 14px;
        border: 1px solid var(--cp-text-disabled);
        border-radius: 50%;
        background: var(--cp-surface);
      }
      [aria-selected='true'] .mark {
        border: 4px solid var(--cp-brand);
      }
      .name {
        font-weight: 700;
        overflow-wrap: anywhere;
      }
      .detail {
        font-size: 12px;
        color: var(--cp-text-weak);
        overflow-wrap: anywhere;
      }
    `,
  ];

  /** The interaction whose caller is being identified. */
  declare interactionId: string;
  /** The records to choose from (the lookup's `pick`), best first. */
  declare records: readonly CallerMatchView[];
  /** The record picked (or remembered for this number); undefined until the agent chooses. */
  declare pickedId: string | undefined;

  /** The option that holds the keyboard focus stop (roving tabindex), by record id. */
  #activeId: string | undefined;

  constructor() {
    super();
    this.interactionId = '';
    this.records = [];
    this.pickedId = undefined;
  }

  /** The focus stop: the option the agent moved to, else the picked one, else the first. */
  #active(): CallerMatchView | undefined {
    return (
      this.records.find((record) => record.id === this.#activeId) ??
      this.records.find((record) => record.id === this.pickedId) ??
      this.records[0]
    );
  }

  protected override render() {
    if (this.records.length === 0) return html``;
    const active = this.#active();
    return html`
      <p class="question" id="question">${laterWords().pickerQuestion}</p>
      <ul role="listbox" aria-labelledby="question" @keydown=${this.#keydown}>
        ${keyedList(
          this.records,
          (record) => record.id,
          (record) => html`<li
            role="option"
            data-id=${record.id}
            aria-selected=${record.id === this.pickedId ? 'true' : 'false'}
            tabindex=${record === active ? '0' : '-1'}
            @click=${() => this.#choose(record)}
          >
            <span class="mark" aria-hidden="true"></span>
            <span class="name">${record.name}</span>
            <span class="detail">${recordDetail(record)}</span>
          </li>`,
        )}
      </ul>
    `;
  }

  #keydown(event: KeyboardEvent): void {
    const active = this.#active();
    if (!active) return;
    const index = this.records.indexOf(active);
    const last = this.records.length - 1;
    let next: number | undefined;
    switch (event.key) {
      case 'ArrowDown':
      case 'ArrowRight':
        next = Math.min(last, index + 1);
        break;
      case 'ArrowUp':
      case 'ArrowLeft':
        next = Math.max(0, index - 1);
        break;
      case 'Home':
        next = 0;
        break;
      case 'End':
        next = last;
        break;
      case ' ':
      case 'Enter':
        event.preventDefault();
        this.#choose(active);
        return;
      default:
        return;
    }
    event.preventDefault();
    void this.#moveTo(this.records[next]!);
  }

  async #moveTo(record: CallerMatchView): Promise<void> {
    this.#activeId = record.id;
    this.requestUpdate();
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(`[role=option][tabindex="0"]`)?.focus();
  }

  #choose(record: CallerMatchView): void {
    this.#activeId = record.id;
    this.requestUpdate();
    if (record.id === this.pickedId || !this.interactionId) return;
    this.dispatchEvent(intentEvent({ type: 'pick-record', interactionId: this.interactionId, recordId: record.id }));
  }
}

if (!customElements.get('cp-record-picker')) customElements.define('cp-record-picker', CpRecordPicker);

declare global {
  interface HTMLElementTagNameMap {
    'cp-record-picker': CpRecordPicker;
  }
}
