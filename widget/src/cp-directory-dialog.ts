/**
 * `<cp-directory-dialog>`: the consult/transfer dialog (seed 004, cross-media consult and
 * transfer of non-live work). A modal dialog named Consult or Transfer that lists, from
 * `snapshot.directory` in alphabetical order, who can take the interaction in that mode:
 * for a consult, or the transfer of a call, the colleagues with a ContactPad phone (a SIP
 * user: it is a call to them); for the transfer of an email or a case, every agent and
 * service (VCC interaction plan). Each is marked Agent or Service; when nobody qualifies
 * the dialog says why. A search field filters as the agent types. It works with the
 * keyboard alone: focus stays in the search field while the arrow keys, Home and End move
 * the active option (aria-activedescendant) and Return chooses it. When the interaction
 * allows both, a "Consult | Transfer" toggle sits at the top (switching it lists who
 * qualifies for the other mode). Escape or Cancel closes it; focus goes back to the button
 * that opened it. When it places a call (a consult, or the transfer of a call) and the search
 * holds a phone number or a sip: address, the first option calls that number (seed 004: "the
 * selected agent or the telephone number provided").
 */
import { LitElement, css, html, nothing } from 'lit';
import { keyedList } from './keyed-list.ts';
import type { Channel, DirectoryEntry } from '../../adapter/src/store.ts';
import { baseStyles } from './theme.ts';
import { dialogStyles, listboxStyles } from './dialog-styles.ts';
import { intentEvent } from './intent-event.ts';
import { laterWords } from './catalogue/later-words.ts';
import { entriesFor, filterDirectory, needsPhone, sortDirectory, typedNumber, type DirectoryMode } from './directory-search.ts';
import { movedIndex } from './list-keys.ts';
import { ModalController } from './modal-controller.ts';

export type { DirectoryMode } from './directory-search.ts';

/** How the dialog is opened: for which interaction, which modes it allows, and where focus returns. */
export interface DirectoryDialogOptions {
  readonly interactionId: string;
  /** The interaction's channel: a call is consulted and transferred by calling, other work goes to anyone. */
  readonly channel: Channel;
  /** The modes the interaction's actions allow (one or both). */
  readonly modes: readonly DirectoryMode[];
  /** The mode the agent asked for (the button they pressed). */
  readonly mode: DirectoryMode;
  /** The element focus returns to when the dialog closes. */
  readonly opener?: HTMLElement | undefined;
}

/** One option of the list: a directory entry, or the number the agent typed. */
type Choice = { readonly id: string; readonly entry: DirectoryEntry } | { readonly id: typeof TYPED_NUMBER_ID; readonly number: string };

/** The option id of the typed number (no directory id looks like it: those are Salesforce ids). */
const TYPED_NUMBER_ID = '#typed-number';

/** The consult/transfer dialog. Fires `consult` or `transfer` { interactionId, targetId }. */
export class CpDirectoryDialog extends LitElement {
  static override properties = {
    entries: { attribute: false },
  };

  static override styles = [
    baseStyles,
    dialogStyles,
    listboxStyles,
    css`
      dialog {
        width: min(340px, calc(100vw - 16px));
        max-height: calc(100vh - 16px);
      }
      h2 {
        margin: 0 0 8px;
      }
      .toggle {
        display: flex;
        align-items: center;
        gap: 0;
        margin: 0 0 10px;
        border: 1px solid var(--cp-border);
        border-radius: var(--cp-radius);
        width: max-content;
        overflow: hidden;
      }
      .toggle label {
        position: relative;
        padding: 4px 14px;
        color: var(--cp-brand-dark);
        font-weight: 600;
        cursor: pointer;
      }
      .toggle label + label {
        border-left: 1px solid var(--cp-border);
      }
      .toggle input {
        position: absolute;
        opacity: 0;
        inset: 0;
        margin: 0;
        cursor: pointer;
      }
      .toggle label:has(input:checked) {
        background: var(--cp-brand);
        color: var(--cp-text-inverse);
      }
      .toggle label:has(input:focus-visible) {
        outline: 2px solid var(--cp-brand);
        outline-offset: 2px;
      }
      .search-label {
        display: block;
        margin-bottom: 2px;
      }
      input[type='search'] {
        width: 100%;
      }
      .search-hint {
        margin: 2px 0 0;
        font-size: 12px;
        color: var(--cp-text-weak);
      }
      .name {
        overflow-wrap: anywhere;
      }
      .kind {
        flex: none;
        font-size: 12px;
        color: var(--cp-text-weak);
      }
      .none {
        margin: 6px 0 0;
        padding: 8px;
        border: 1px dashed var(--cp-border);
        border-radius: var(--cp-radius);
        color: var(--cp-text-weak);
      }
    `,
  ];

  /** Agents and services (snapshot.directory), in any order: the dialog sorts them. */
  declare entries: readonly DirectoryEntry[];

  #interactionId = '';
  #channel: Channel = 'voice';
  #modes: readonly DirectoryMode[] = [];
  #mode: DirectoryMode = 'consult';
  readonly #modal = new ModalController(this);
  #query = '';
  /** The active option (aria-activedescendant), by entry id. */
  #activeId: string | undefined;

  constructor() {
    super();
    this.entries = [];
  }

  /** Whether the dialog is showing. */
  get open(): boolean {
    return this.#modal.open;
  }

  /** The mode the dialog will fire (the toggle's state). */
  get mode(): DirectoryMode {
    return this.#mode;
  }

  /** Opens the dialog for an interaction, with an empty search and focus in the search field. */
  async show(options: DirectoryDialogOptions): Promise<void> {
    this.#interactionId = options.interactionId;
    this.#channel = options.channel;
    this.#modes = options.modes.includes(options.mode) ? options.modes : [options.mode];
    this.#mode = options.mode;
    this.#query = '';
    this.#activeId = undefined;
    await this.#modal.show(options.opener, () => this.#search());
  }

  /** Closes the dialog (nothing fired) and returns focus to the opener. */
  close(): void {
    this.#modal.close();
  }

  /** Who can take the interaction in the current mode, sorted. */
  #candidates(): DirectoryEntry[] {
    return sortDirectory(entriesFor(this.entries, this.#mode, this.#channel));
  }

  /** The options shown now: the typed number (for a call), then the candidates filtered by the search. */
  #shown(): Choice[] {
    const number = needsPhone(this.#mode, this.#channel) ? typedNumber(this.#query) : undefined;
    const entries = filterDirectory(this.#candidates(), this.#query).map((entry): Choice => ({ id: entry.id, entry }));
    return number === undefined ? entries : [{ id: TYPED_NUMBER_ID, number }, ...entries];
  }

  #active(shown: readonly Choice[]): Choice | undefined {
    return shown.find((choice) => choice.id === this.#activeId) ?? shown[0];
  }

  protected override render() {
    if (!this.#modal.isOpen) return html`<dialog aria-modal="true"></dialog>`;
    const shown = this.#shown();
    const active = this.#active(shown);
    const activeIndex = active ? shown.indexOf(active) : -1;
    const w = laterWords().directory;
    const title = w.modes[this.#mode];
    return html`<dialog role="dialog" aria-modal="true" aria-labelledby="title" @keydown=${this.#keydown} @cancel=${this.#modal.cancel}>
      <h2 id="title">${title}</h2>
      ${this.#modes.length > 1
        ? html`<div class="toggle" role="radiogroup" aria-label=${w.modeChoice}>
            ${this.#modes.map(
              (mode) => html`<label
                ><input type="radio" name="mode" value=${mode} .checked=${mode === this.#mode} @change=${() => this.#setMode(mode)} />${w.modes[mode]}</label
              >`,
            )}
          </div>`
        : nothing}
      <label class="search-label" for="search">${w.search}</label>
      <input
        id="search"
        type="search"
        role="combobox"
        autocomplete="off"
        spellcheck="false"
        aria-autocomplete="list"
        aria-expanded=${shown.length > 0 ? 'true' : 'false'}
        aria-controls="options"
        aria-describedby=${needsPhone(this.#mode, this.#channel) ? 'search-hint' : nothing}
        aria-activedescendant=${activeIndex >= 0 ? `option-${activeIndex}` : nothing}
        .value=${this.#query}
        @input=${this.#typed}
      />
      ${needsPhone(this.#mode, this.#channel) ? html`<p id="search-hint" class="search-hint">${w.orNumber}</p>` : nothing}
      ${shown.length > 0
        ? html`<ul id="options" role="listbox" aria-label=${w.options}>
            ${keyedList(
              shown,
              (choice) => choice.id,
              (choice, index) => html`<li
                id="option-${index}"
                role="option"
                aria-selected=${choice === active ? 'true' : 'false'}
                @click=${() => this.#choose(choice)}
              >
                ${'entry' in choice
                  ? html`<span class="name">${choice.entry.name}</span><span class="kind"><span class="visually-hidden">, </span>${laterWords().directoryKinds[choice.entry.kind]}</span>`
                  : html`<span class="name">${w.numberOption[this.#mode](choice.number)}</span>`}
              </li>`,
            )}
          </ul>`
        : html`<p class="none" role="status">${this.#emptyWords()}</p>`}
      <div class="footer"><button type="button" @click=${() => this.close()}>${w.cancel}</button></div>
    </dialog>`;
  }

  protected override updated(): void {
    this.renderRoot.querySelector('[role=option][aria-selected=true]')?.scrollIntoView({ block: 'nearest' });
  }

  /** Why the list is empty: nobody qualifies for the mode at all, or nobody matches the search. */
  #emptyWords(): string {
    const w = laterWords().directory;
    if (this.#candidates().length === 0) return needsPhone(this.#mode, this.#channel) ? w.noColleague : w.nobodyToTransferTo;
    return w.noMatch(this.#query.trim());
  }

  #setMode(mode: DirectoryMode): void {
    this.#mode = mode;
    this.#activeId = undefined;
    this.requestUpdate();
  }

  #typed(event: Event): void {
    this.#query = (event.target as HTMLInputElement).value;
    this.#activeId = undefined;
    this.requestUpdate();
  }

  #keydown(event: KeyboardEvent): void {
    if (this.#modal.keydown(event)) return;
    if (event.target !== this.#search()) return;
    const shown = this.#shown();
    const active = this.#active(shown);
    if (!active) return;
    if (event.key === 'Enter') {
      event.preventDefault();
      this.#choose(active);
      return;
    }
    const next = movedIndex(event.key, shown.indexOf(active), shown.length);
    if (next === undefined) return;
    event.preventDefault();
    this.#activeId = shown[next]!.id;
    this.requestUpdate();
  }

  #choose(choice: Choice): void {
    const interactionId = this.#interactionId;
    if (!interactionId) return;
    const target = 'entry' in choice ? { targetId: choice.entry.id } : { targetId: '', number: choice.number };
    this.dispatchEvent(intentEvent({ type: this.#mode, interactionId, ...target }));
    this.close();
  }

  #search(): HTMLInputElement | null {
    return this.renderRoot.querySelector('#search');
  }
}

if (!customElements.get('cp-directory-dialog')) customElements.define('cp-directory-dialog', CpDirectoryDialog);

declare global {
  interface HTMLElementTagNameMap {
    'cp-directory-dialog': CpDirectoryDialog;
  }
}
