/**
 * `<cp-voicemail-drop>`: on an outbound call that reached a voicemail, the admin's
 * pre-recorded messages (`view.voicemailDrop.messages`, the store's: the widget never decides
 * them) and Drop voicemail: the message plays into the call and the agent is free at once
 * (the call goes to wrap up; it hangs up when the message ends). While the message's audio
 * loads the button says "Dropping voicemail…" and waits (aria-disabled, so focus stays); should
 * it fail, the notices say why and the button is back. Loaded on first use (lazy-elements.ts).
 */
import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import type { InteractionView } from '../../adapter/src/store.ts';
import { baseStyles } from './theme.ts';
import { waitingButtonStyles } from './waiting-button-styles.ts';
import { intentEvent } from './intent-event.ts';
import { laterWords } from './catalogue/later-words.ts';

/** The voicemail drop of one call. Fires `drop-voicemail` with the chosen message. */
export class CpVoicemailDrop extends LitElement {
  static override properties = {
    view: { attribute: false },
    chosen: { state: true },
  };

  static override styles = [
    baseStyles,
    css`
      :host {
        display: block;
      }
      .drop {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 6px;
      }
      label {
        font-size: 12px;
        color: var(--cp-text-weak);
      }
      select {
        flex: 1 1 8em;
        min-width: 0;
      }
    `,
    waitingButtonStyles,
  ];

  /** The outbound call, connected, as the store shows it. */
  declare view: InteractionView | undefined;
  /** The message picked in the list (the first one until the agent picks another). */
  declare chosen: string;

  constructor() {
    super();
    this.view = undefined;
    this.chosen = '';
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const messages = this.view?.voicemailDrop?.messages ?? [];
    if (changed.has('view') && !messages.some((message) => message.id === this.chosen)) this.chosen = messages[0]?.id ?? '';
  }

  protected override render() {
    const drop = this.view?.voicemailDrop;
    if (!drop || drop.messages.length === 0) return nothing;
    const dropping = drop.dropping !== undefined;
    const w = laterWords().voicemail;
    return html`<div class="drop" role="group" aria-label=${w.group}>
      <label for="message">${w.message}</label>
      <select id="message" .value=${this.chosen} ?disabled=${dropping} @change=${(event: Event) => (this.chosen = (event.target as HTMLSelectElement).value)}>
        ${drop.messages.map((message) => html`<option value=${message.id} ?selected=${message.id === this.chosen}>${message.label}</option>`)}
      </select>
      <button type="button" aria-disabled=${dropping ? 'true' : 'false'} aria-describedby="hint" @click=${() => this.#drop()}>
        ${dropping ? w.dropping : w.drop}
      </button>
      <span id="hint" class="visually-hidden">${w.hint}</span>
    </div>`;
  }

  #drop(): void {
    const view = this.view;
    const drop = view?.voicemailDrop;
    if (!view || !drop || drop.dropping !== undefined || !drop.messages.some((message) => message.id === this.chosen)) return;
    this.dispatchEvent(intentEvent({ type: 'drop-voicemail', interactionId: view.interaction.id, messageId: this.chosen }));
  }
}

if (!customElements.get('cp-voicemail-drop')) customElements.define('cp-voicemail-drop', CpVoicemailDrop);

declare global {
  interface HTMLElementTagNameMap {
    'cp-voicemail-drop': CpVoicemailDrop;
  }
}
