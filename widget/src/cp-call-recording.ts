/**
 * `<cp-call-recording>`: the recording of a call under way, on the call itself (the caller
 * detail): a marker and the words of where it stands (a filled dot "Recording", two bars
 * "Recording paused", a hollow dot "Not recording" / "Recording stopped"), and the commands the
 * store offers (`view.recording.commands`: the widget never decides them). A command waits for
 * the platform: its button says so ("Starting recording…") and stays in place, aria-disabled, so
 * focus is not lost; the state changes only when the platform agreed, and each change is
 * announced (a new node in the status region each time, so the same words are said again).
 * Loaded on first use (lazy-elements.ts).
 */
import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { keyed } from 'lit/directives/keyed.js';
import type { InteractionView, RecordingCommand, RecordingState } from '../../adapter/src/store.ts';
import { baseStyles } from './theme.ts';
import { waitingButtonStyles } from './waiting-button-styles.ts';
import { intentEvent } from './intent-event.ts';
import { laterWords } from './catalogue/later-words.ts';

/** The recording controls of one call. Fires `recording` intents (start, pause, resume, stop). */
export class CpCallRecording extends LitElement {
  static override properties = {
    view: { attribute: false },
  };

  static override styles = [
    baseStyles,
    css`
      :host {
        display: block;
      }
      .recording {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 6px;
      }
      .marker {
        display: inline-flex;
        align-items: center;
        gap: 4px;
        padding: 0 6px;
        border: 1px solid var(--cp-border);
        border-radius: var(--cp-radius);
        font-size: 12px;
        font-weight: 700;
      }
      .dot {
        width: 9px;
        height: 9px;
        border: 2px solid currentColor;
        border-radius: 50%;
      }
      .state-recording {
        border-color: var(--cp-danger);
        color: var(--cp-danger);
      }
      .state-recording .dot {
        background: currentColor;
      }
      .state-paused {
        border-color: var(--cp-warning-strong);
        color: var(--cp-warning-text);
      }
      .state-paused .dot {
        width: 8px;
        border-width: 0 3px;
        border-radius: 0;
      }
      .state-off,
      .state-stopped {
        color: var(--cp-text-weak);
      }
      .buttons {
        display: flex;
        gap: 4px;
        margin-left: auto;
      }
    `,
    waitingButtonStyles,
  ];

  /** The call (connected or held) as the store shows it. */
  declare view: InteractionView | undefined;

  /** The call and state last seen, to announce a change. */
  #seen: { id: string; state: RecordingState } | undefined;
  /** The buttons shown before the pending command: kept in place (disabled) while it waits. */
  #lastCommands: readonly RecordingCommand[] = [];
  #announcement = { seq: 0, text: '' };

  constructor() {
    super();
    this.view = undefined;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (!changed.has('view')) return;
    const view = this.view;
    const recording = view?.recording;
    if (!view || !recording) return;
    const id = view.interaction.id;
    if (this.#seen?.id !== id) this.#lastCommands = [];
    else if (this.#seen.state !== recording.state) this.#announcement = { seq: this.#announcement.seq + 1, text: laterWords().recording.announced[recording.state] };
    this.#seen = { id, state: recording.state };
    if (recording.pending === undefined) this.#lastCommands = recording.commands;
  }

  protected override render() {
    const recording = this.view?.recording;
    if (!recording) return nothing;
    const { state, pending } = recording;
    const commands = pending === undefined ? recording.commands : this.#lastCommands;
    const w = laterWords().recording;
    return html`<div class="recording" role="group" aria-label=${w.group}>
        <span class="marker state-${state}"><span class="dot" aria-hidden="true"></span>${w.states[state]}</span>
        ${pending !== undefined && commands.length === 0 ? html`<span class="pending">${w.pending[pending]}</span>` : nothing}
        <span class="buttons">${commands.map((command) => this.#button(command, pending))}</span>
      </div>
      <div class="visually-hidden" role="status">${keyed(this.#announcement.seq, html`<span>${this.#announcement.text}</span>`)}</div>`;
  }

  /** A command's button; while one is pending every button waits, and the pending one says so. */
  #button(command: RecordingCommand, pending: RecordingCommand | undefined) {
    const waiting = pending !== undefined;
    const w = laterWords().recording;
    const label = pending === command ? w.pending[command] : w.commands[command];
    return html`<button type="button" class="command ${command === 'stop' ? 'stop' : 'primary'}" aria-disabled=${waiting ? 'true' : 'false'} @click=${() => this.#give(command)}>
      ${label}
    </button>`;
  }

  #give(command: RecordingCommand): void {
    const view = this.view;
    if (!view?.recording || view.recording.pending !== undefined || !view.recording.commands.includes(command)) return;
    this.dispatchEvent(intentEvent({ type: 'recording', interactionId: view.interaction.id, command }));
  }
}

if (!customElements.get('cp-call-recording')) customElements.define('cp-call-recording', CpCallRecording);

declare global {
  interface HTMLElementTagNameMap {
    'cp-call-recording': CpCallRecording;
  }
}
