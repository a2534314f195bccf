/**
 * `<cp-interaction-list>`: every interaction of the session (calls, Omni-Channel chats,
 * emails and cases), newest first (the store's order): kind, customer, state in words,
 * time in that state (live while it is counting), the activity log (Task) status, a hint
 * when the record's console tab was closed (selecting the item reopens it), and exactly
 * the actions the store allows now (`view.actions`: the widget never decides them).
 * Consult and Transfer open the directory dialog; Abandon asks for confirmation first; a
 * call's Reject fires at once, while a chat, email or case is declined ("Decline") with a
 * reason from the decline dialog; the other actions fire their intent at once. A video call's
 * row carries its video window (cp-video-window.ts): "Show video", and the question asked when
 * the agent closes the window.
 */
import { LitElement, css, html, svg } from 'lit';
import { keyedList } from './keyed-list.ts';
import type { Channel, DirectoryEntry, Interaction, InteractionAction, InteractionView } from '../../adapter/src/store.ts';
import { baseStyles } from './theme.ts';
import { intentEvent } from './intent-event.ts';
import { systemClock, type Clock } from './clock.ts';
import { ClockController } from './clock-controller.ts';
import { formatElapsed } from './format-time.ts';
import { actionWords, channelWords, customerWords, mutedWords, stateWords, subjectWords } from './words.ts';
import { laterWords } from './catalogue/later-words.ts';
import { isCall } from './channels.ts';
import type { CpDirectoryDialog, DirectoryMode } from './cp-directory-dialog.ts';
import type { CpAbandonDialog } from './cp-abandon-dialog.ts';
import type { CpDeclineDialog } from './cp-decline-dialog.ts';
import { definedElement } from './lazy-elements.ts';

/** States whose time keeps counting on screen. */
const LIVE_STATES = new Set<Interaction['state']>(['alerting', 'connected', 'held', 'wrap-up']);

/** Actions that end or refuse the work: shown in the danger colour. */
const DESTRUCTIVE = new Set<InteractionAction>(['reject', 'release', 'abandon']);

/** The in-call controls: on the call itself (cp-call-controls in the caller detail), not in its row. */
const IN_CALL = new Set<InteractionAction>(['mute', 'unmute', 'send-dtmf']);

/** When the interaction entered its current state; undefined for ends (their time stops mattering). */
function stateSince(call: Interaction): number | undefined {
  switch (call.state) {
    case 'alerting':
      return call.offeredAt;
    case 'connected':
      return lastEventAt(call, 'retrieved') ?? call.answeredAt ?? call.offeredAt;
    case 'held':
      return lastEventAt(call, 'held') ?? call.answeredAt ?? call.offeredAt;
    case 'wrap-up':
      return call.releasedAt ?? call.answeredAt ?? call.offeredAt;
    default:
      return undefined;
  }
}

/** When the journey last recorded `kind`, if it did. */
function lastEventAt(call: Interaction, kind: Interaction['journey'][number]['kind']): number | undefined {
  for (let index = call.journey.length - 1; index >= 0; index--) {
    if (call.journey[index]!.kind === kind) return call.journey[index]!.at;
  }
  return undefined;
}

/** For a finished interaction: how long the customer was connected, if they were. */
function talkTime(call: Interaction): string {
  if (call.answeredAt === undefined) return '';
  const end = call.releasedAt ?? call.endedAt;
  return end === undefined ? '' : formatElapsed(call.answeredAt, end);
}

const ICONS: Record<Channel, ReturnType<typeof svg>> = {
  voice: svg`<path d="M6.6 10.8a15.1 15.1 0 0 0 6.6 6.6l2.2-2.2c.3-.3.7-.4 1-.2 1.1.4 2.3.6 3.6.6.6 0 1 .4 1 1V20c0 .6-.4 1-1 1A17 17 0 0 1 3 4c0-.6.4-1 1-1h3.5c.6 0 1 .4 1 1 0 1.3.2 2.5.6 3.6.1.3 0 .7-.2 1z"/>`,
  video: svg`<path d="M17 10.5V7a1 1 0 0 0-1-1H4a1 1 0 0 0-1 1v10a1 1 0 0 0 1 1h12a1 1 0 0 0 1-1v-3.5l4 4v-11z"/>`,
  callback: svg`<path d="M12 5V1L7 6l5 5V7a6 6 0 1 1-6 6H4a8 8 0 1 0 8-8z"/>`,
  chat: svg`<path d="M20 2H4a2 2 0 0 0-2 2v18l4-4h14a2 2 0 0 0 2-2V4a2 2 0 0 0-2-2z"/>`,
  email: svg`<path d="M20 4H4a2 2 0 0 0-2 2v12a2 2 0 0 0 2 2h16a2 2 0 0 0 2-2V6a2 2 0 0 0-2-2zm0 4-8 5-8-5V6l8 5 8-5z"/>`,
  case: svg`<path d="M14 6V4h-4v2zM4 8v11h16V8zm16-2a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H4a2 2 0 0 1-2-2V8a2 2 0 0 1 2-2h4V4a2 2 0 0 1 2-2h4a2 2 0 0 1 2 2v2z"/>`,
};

/**
 * The interaction list. Fires `select` (choosing an item) and, per the item's actions,
 * `accept`, `reject` (a chat's, email's or case's through its decline dialog, with the
 * reason), `release`, `hold`, `retrieve`, `extend-wrap-up`; `consult` and `transfer`
 * through its directory dialog, `abandon` through its confirmation.
 */
export class CpInteractionList extends LitElement {
  static override properties = {
    interactions: { attribute: false },
    selectedId: { attribute: false },
    directory: { attribute: false },
    declineReasons: { attribute: false },
    clock: { attribute: false },
  };

  static override styles = [
    baseStyles,
    css`
      :host {
        display: block;
      }
      ul {
        margin: 0;
        padding: 0;
        list-style: none;
        border: 1px solid var(--cp-border);
        border-radius: var(--cp-radius);
        background: var(--cp-surface);
      }
      li {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 2px 6px;
        padding: 4px 6px 4px 0;
        border-top: 1px solid var(--cp-divider);
        border-left: 3px solid transparent;
      }
      li:first-child {
        border-top: none;
      }
      li.selected {
        background: var(--cp-surface-selected);
        border-left-color: var(--cp-brand);
      }
      .item {
        flex: 1 1 100%;
        display: grid;
        grid-template-columns: 18px 1fr auto;
        grid-template-rows: auto auto;
        column-gap: 6px;
        min-width: 0;
        min-height: 36px;
        padding: 2px 4px 2px 6px;
        border: none;
        background: transparent;
        color: var(--cp-text);
        font-weight: 400;
        text-align: left;
      }
      .item:hover:not(:disabled) {
        background: transparent;
      }
      .icon {
        grid-row: 1 / span 2;
        align-self: center;
        width: 16px;
        height: 16px;
        fill: var(--cp-text-weak);
      }
      .who {
        font-weight: 700;
        overflow: hidden;
        text-overflow: ellipsis;
        white-space: nowrap;
      }
      .time {
        font-variant-numeric: tabular-nums;
        color: var(--cp-text-weak);
      }
      .detail,
      .hint {
        grid-column: 2 / span 2;
        color: var(--cp-text-weak);
        font-size: 12px;
        overflow: hidden;
        text-overflow: ellipsis;
        white-space: nowrap;
      }
      .hint {
        font-style: italic;
      }
      .far-end-hold {
        padding-left: 30px;
        font-size: 12px;
        font-weight: 700;
        color: var(--cp-text-weak);
      }
      .far-end-hold:empty {
        display: none;
      }
      .state-connected .state {
        color: var(--cp-success-dark);
        font-weight: 700;
      }
      .state-alerting .state {
        color: var(--cp-brand-dark);
        font-weight: 700;
      }
      .state-held .state {
        color: var(--cp-warning-text);
        font-weight: 700;
      }
      .muted {
        color: var(--cp-danger);
        font-weight: 700;
      }
      .actions {
        display: flex;
        flex-wrap: wrap;
        gap: 4px;
        padding-left: 30px;
      }
      .actions:empty {
        display: none;
      }
      .actions button {
        min-height: 26px;
        padding: 0 8px;
      }
      .log-retrying {
        color: var(--cp-error-text);
      }
      .empty {
        margin: 0;
        padding: 8px;
        color: var(--cp-text-weak);
      }
    `,
  ];

  /** The store's interactions, newest first. */
  declare interactions: readonly InteractionView[];
  /** The interaction the agent is working on (aria-current). */
  declare selectedId: string | undefined;
  /** Agents and services for consult and transfer (snapshot.directory). */
  declare directory: readonly DirectoryEntry[];
  /** Why the agent may decline a chat, email or case (snapshot.declineReasons). */
  declare declineReasons: readonly string[];
  /** Time source for time in state. */
  declare clock: Clock;

  readonly #clock = new ClockController(this, () => this.interactions.some((view) => LIVE_STATES.has(view.interaction.state)));

  constructor() {
    super();
    this.interactions = [];
    this.selectedId = undefined;
    this.directory = [];
    this.declineReasons = [];
    this.clock = systemClock;
  }

  protected override render() {
    const dialogs = html`<cp-directory-dialog .entries=${this.directory}></cp-directory-dialog><cp-abandon-dialog></cp-abandon-dialog
      ><cp-decline-dialog .reasons=${this.declineReasons}></cp-decline-dialog>`;
    if (this.interactions.length === 0) return html`<p class="empty">${laterWords().list.empty}</p>${dialogs}`;
    const now = this.#clock.now();
    return html`<ul aria-label=${laterWords().list.name}>
        ${keyedList(
          this.interactions,
          (view) => view.interaction.id,
          (view, index) => this.#item(view, index, now),
        )}
      </ul>
      ${dialogs}`;
  }

  #item(view: InteractionView, index: number, now: number) {
    const call = view.interaction;
    const since = stateSince(call);
    const time = since === undefined ? talkTime(call) : formatElapsed(since, now);
    const selected = call.id === this.selectedId;
    const log = laterWords().log[view.log];
    const kind = channelWords(call.channel);
    const w = laterWords().list;
    return html`<li class="state-${call.state} ${selected ? 'selected' : ''}" data-id=${call.id}>
      <button
        type="button"
        class="item"
        aria-current=${selected ? 'true' : 'false'}
        @click=${() => this.dispatchEvent(intentEvent({ type: 'select', interactionId: call.id }))}
      >
        <svg class="icon" viewBox="0 0 24 24" aria-hidden="true">${ICONS[call.channel]}</svg>
        <span class="who" id="who-${index}"><span class="visually-hidden">${kind}, </span>${customerWords(call)}</span>
        <span class="time">${time}</span>
        <span class="detail"
          ><span class="state">${stateWords(call.state, call.direction)}</span>${view.inConference
            ? html` · <span class="conference">${w.inConference}</span>`
            : ''}${view.muted ? html` · <span class="muted">${mutedWords()}</span>` : ''}${call.queue ? ` · ${call.queue}` : ''}${view.record?.channelName
            ? html` · <span class="channel-name">${view.record.channelName}</span>`
            : ''}${view.record
            ? html` · <span class="record">${view.record.title}</span>`
            : ''}${log
            ? html` · <span class="log log-${view.log}">${log}</span>`
            : ''}</span
        >
        ${view.recordTabOpen === false ? html`<span class="hint">${w.tabClosed}</span>` : ''}
      </button>
      <span class="far-end-hold" role="status">${view.heldByFarEnd ? w.heldByFarEnd : ''}</span>
      ${view.viaDevice ? html`<cp-callback-progress .progress=${view.viaDevice}></cp-callback-progress>` : ''}
      ${call.channel === 'video' ? this.#videoWindow(view) : ''}
      <div class="actions">${keyedList(
        view.actions.filter((action) => !IN_CALL.has(action)),
        // Keyed by action: a button is never reused for another action, so the focus on Release is
        // not silently left on the Extend that replaces it (focus-keeper.ts moves it instead).
        (action) => action,
        (action) =>
          html`<button
            type="button"
            class=${DESTRUCTIVE.has(action) ? 'destructive-text' : ''}
            data-action=${action}
            aria-describedby="who-${index}"
            @click=${(event: Event) => this.#act(view, action, event.currentTarget as HTMLElement)}
          >${actionWords(action, call.channel)}</button>`,
      )}</div>
    </li>`;
  }

  /** A video call's window (cp-video-window, loaded with the first video call): "Show video", and the question when the agent closes it. */
  #videoWindow(view: InteractionView) {
    void import('./cp-video-window.ts');
    return html`<cp-video-window .view=${view}></cp-video-window>`;
  }

  #act(view: InteractionView, action: InteractionAction, opener: HTMLElement): void {
    const interactionId = view.interaction.id;
    switch (action) {
      case 'consult':
      case 'transfer': {
        const modes = view.actions.filter((allowed): allowed is DirectoryMode => allowed === 'consult' || allowed === 'transfer');
        const channel = view.interaction.channel;
        void this.#dialog<CpDirectoryDialog>('cp-directory-dialog').then((dialog) => dialog?.show({ interactionId, channel, modes, mode: action, opener }));
        return;
      }
      case 'abandon':
        void this.#dialog<CpAbandonDialog>('cp-abandon-dialog').then((dialog) => dialog?.show({ interactionId, subject: subjectWords(view.interaction), opener }));
        return;
      case 'reject':
        if (isCall(view.interaction.channel)) this.dispatchEvent(intentEvent({ type: 'reject', interactionId }));
        else void this.#dialog<CpDeclineDialog>('cp-decline-dialog').then((dialog) => dialog?.decline({ interactionId, subject: subjectWords(view.interaction), opener }));
        return;
      case 'report-problem':
        // Report a problem with this call: its dialog is the pad's (contact-pad.ts).
        this.dispatchEvent(intentEvent({ type: 'problem-report', action: { kind: 'open', interactionId } }));
        return;
      case 'mute':
      case 'unmute':
      case 'send-dtmf':
        return; // not in the row: the call's own controls carry them out (cp-call-controls)
      default:
        this.dispatchEvent(intentEvent({ type: action, interactionId }));
    }
  }

  /** A dialog of this list, its module loaded on first use (lazy-elements.ts). */
  #dialog<T extends Element>(tag: 'cp-directory-dialog' | 'cp-abandon-dialog' | 'cp-decline-dialog'): Promise<T | undefined> {
    return definedElement<T>(this.renderRoot, tag, this.updateComplete);
  }
}

if (!customElements.get('cp-interaction-list')) customElements.define('cp-interaction-list', CpInteractionList);

declare global {
  interface HTMLElementTagNameMap {
    'cp-interaction-list': CpInteractionList;
  }
}
