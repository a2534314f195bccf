/**
 * `<cp-wrap-up-form>`: after-call work for one interaction in Wrap Up: the disposition
 * (Task CallDisposition) from the admin's picklist, notes (Task Description, at most
 * 32,000 characters like the field), the countdown to the automatic end of wrap up, and
 * Done. What the agent types is kept per interaction id, so a new snapshot (or switching
 * to another interaction and back) never loses it.
 */
import { LitElement, css, html } from 'lit';
import { live } from 'lit/directives/live.js';
import type { InteractionView } from '../../adapter/src/store.ts';
import { baseStyles } from './theme.ts';
import { intentEvent } from './intent-event.ts';
import { systemClock, type Clock } from './clock.ts';
import { ClockController } from './clock-controller.ts';
import { formatCountdown } from './format-time.ts';
import { customerWords } from './words.ts';
import { laterWords } from './catalogue/later-words.ts';

/** Task Description's length limit. */
export const NOTES_MAX_LENGTH = 32000;

interface Draft {
  disposition: string;
  notes: string;
}

/** The wrap-up form. Fires `wrap-up-draft` as the agent edits and `wrap-up-done` on Done. */
export class CpWrapUpForm extends LitElement {
  static override properties = {
    view: { attribute: false },
    dispositions: { attribute: false },
    clock: { attribute: false },
  };

  static override styles = [
    baseStyles,
    css`
      :host {
        display: block;
      }
      form {
        display: flex;
        flex-direction: column;
        gap: 6px;
        padding: 8px 10px 10px;
        border: 1px solid var(--cp-border);
        border-radius: var(--cp-radius);
        background: var(--cp-surface);
      }
      .head {
        display: flex;
        flex-wrap: wrap;
        justify-content: space-between;
        align-items: baseline;
        gap: 0 8px;
      }
      h3 {
        margin: 0;
        font-size: 14px;
        overflow-wrap: anywhere;
      }
      .countdown {
        margin: 0;
        font-variant-numeric: tabular-nums;
        color: var(--cp-text-weak);
      }
      .field {
        display: flex;
        flex-direction: column;
        gap: 2px;
      }
      textarea {
        min-height: 72px;
        resize: vertical;
      }
      .actions {
        display: flex;
        justify-content: flex-end;
      }
      .actions button {
        min-width: 80px;
        min-height: 32px;
      }
    `,
  ];

  /** The interaction in wrap up (with wrapUpEndsAt). */
  declare view: InteractionView | undefined;
  /** The disposition picklist (snapshot.dispositions). */
  declare dispositions: readonly string[];
  /** Time source for the countdown. */
  declare clock: Clock;

  readonly #drafts = new Map<string, Draft>();
  readonly #clock = new ClockController(this, () => this.view?.wrapUpEndsAt !== undefined);

  constructor() {
    super();
    this.view = undefined;
    this.dispositions = [];
    this.clock = systemClock;
  }

  /** The agent's draft for the interaction shown (starts from what the store holds). */
  #draft(): Draft | undefined {
    const call = this.view?.interaction;
    if (!call) return undefined;
    let draft = this.#drafts.get(call.id);
    if (!draft) {
      draft = { disposition: call.disposition, notes: call.notes };
      this.#drafts.set(call.id, draft);
    }
    return draft;
  }

  protected override render() {
    const view = this.view;
    const draft = this.#draft();
    if (!view || !draft) return html``;
    const who = customerWords(view.interaction);
    const w = laterWords().wrapUp;
    const options = [...this.dispositions];
    if (draft.disposition && !options.includes(draft.disposition)) options.unshift(draft.disposition);
    return html`
      <form aria-labelledby="title" @submit=${this.#done}>
        <div class="head">
          <h3 id="title">${w.title(who)}</h3>
          ${view.wrapUpEndsAt === undefined
            ? ''
            : html`<p class="countdown" role="timer">${w.endsIn(formatCountdown(view.wrapUpEndsAt, this.#clock.now()))}</p>`}
        </div>
        <div class="field">
          <label for="disposition">${w.disposition}</label>
          <select
            id="disposition"
            @change=${(event: Event) => this.#edited(draft, { disposition: (event.target as HTMLSelectElement).value })}
          >
            <option value="">${w.none}</option>
            ${options.map((option) => html`<option .value=${option}>${option}</option>`)}
          </select>
        </div>
        <div class="field">
          <label for="notes">${w.notes}</label>
          <textarea
            id="notes"
            rows="4"
            maxlength=${NOTES_MAX_LENGTH}
            .value=${live(draft.notes)}
            @input=${(event: Event) => this.#edited(draft, { notes: (event.target as HTMLTextAreaElement).value })}
          ></textarea>
        </div>
        <div class="actions">
          <button type="submit" class="brand">${w.done}</button>
        </div>
      </form>
    `;
  }

  protected override updated(): void {
    // Set after the options exist; the draft, not the last DOM state, decides.
    const select = this.renderRoot.querySelector('select');
    const draft = this.#draft();
    if (select && draft) select.value = draft.disposition;
  }

  /** Keeps the edit in the draft and tells the controller, so a wrap-up timeout loses nothing. */
  #edited(draft: Draft, change: Partial<Draft>): void {
    Object.assign(draft, change);
    const call = this.view?.interaction;
    if (!call) return;
    this.dispatchEvent(
      intentEvent({ type: 'wrap-up-draft', interactionId: call.id, disposition: draft.disposition, notes: draft.notes.slice(0, NOTES_MAX_LENGTH) }),
    );
  }

  #done(event: SubmitEvent): void {
    event.preventDefault();
    const call = this.view?.interaction;
    const draft = this.#draft();
    if (!call || !draft) return;
    this.dispatchEvent(
      intentEvent({
        type: 'wrap-up-done',
        interactionId: call.id,
        disposition: draft.disposition,
        notes: draft.notes.slice(0, NOTES_MAX_LENGTH),
      }),
    );
  }
}

if (!customElements.get('cp-wrap-up-form')) customElements.define('cp-wrap-up-form', CpWrapUpForm);

declare global {
  interface HTMLElementTagNameMap {
    'cp-wrap-up-form': CpWrapUpForm;
  }
}
