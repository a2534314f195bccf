/**
 * `<cp-video-window>`: the video window of one video call (seed 000: "a separate tab will open.
 * This allows you to work inside [the console] in one tab with the video call appearing in
 * another"). A browser window ContactPad opens (video-window-opener.ts; why a window and not
 * Document Picture-in-Picture: README, "Video calls") shows the caller's video, the agent's own
 * camera (or "Camera off" and why), and the call's controls: camera on and off, mute, hold and
 * retrieve, release. The console keeps working beside it.
 *
 * The element itself sits in the call's row of the interaction list; the window's content is
 * rendered from here into the window's document (same origin: about:blank), so its buttons fire
 * their intents from this element, in the console's document, as every other button does.
 * Closing the window never drops the call: the row asks "End the call?" (End call, or Keep the
 * call, which leaves "Show video" to open it again). The window's life is the table of
 * video-window-state.ts. Loaded with the first video call's row, off the ring path.
 */
import { LitElement, css, html, nothing, render, type PropertyValues } from 'lit';
import type { CameraState, InteractionAction, InteractionView } from '../../adapter/src/store.ts';
import { baseStyles } from './theme.ts';
import { intentEvent } from './intent-event.ts';
import { actionWords, customerWords } from './words.ts';
import { laterWords } from './catalogue/later-words.ts';
import { openedVideoWindows, openVideoWindow } from './video-window-opener.ts';
import { canMoveVideoWindow, moveVideoWindow, offersShowVideo, type VideoWindowEvent, type VideoWindowState } from './video-window-state.ts';

/** The look of the window's own document (its tokens are the theme's, declared on its body). */
const windowStyles = css`
  body {
    margin: 0;
    font-family: var(--cp-font);
    color: var(--cp-text-inverse);
    background: var(--cp-text);
  }
  main {
    display: flex;
    flex-direction: column;
    gap: 8px;
    height: 100vh;
    box-sizing: border-box;
    padding: 8px;
  }
  h1 {
    margin: 0;
    font-size: 16px;
  }
  .stage {
    position: relative;
    flex: 1;
    min-height: 0;
  }
  .caller {
    width: 100%;
    height: 100%;
    object-fit: contain;
  }
  .self {
    position: absolute;
    right: 8px;
    bottom: 8px;
    width: 28%;
    min-width: 120px;
    margin: 0;
    border: 2px solid var(--cp-text-inverse);
    border-radius: var(--cp-radius);
    background: var(--cp-text-weak);
  }
  .self video {
    display: block;
    width: 100%;
  }
  .camera-off,
  .audio-only {
    margin: 0;
    padding: 12px 8px;
  }
  .controls {
    display: flex;
    flex-wrap: wrap;
    gap: 8px;
  }
  button {
    min-height: 36px;
    padding: 0 14px;
    font: inherit;
    border: 1px solid var(--cp-border);
    border-radius: var(--cp-radius);
    color: var(--cp-text);
    background: var(--cp-surface);
    cursor: pointer;
  }
  button[aria-pressed='true'] {
    background: var(--cp-surface-selected);
  }
  button.release {
    color: var(--cp-text-inverse);
    background: var(--cp-danger);
    border-color: var(--cp-danger);
  }
`;

/**
 * The cameras the agent means to be on (model/video-call.ts): on, being turned on, or paused on
 * hold; the window offers to turn them off, and to turn on every other (off, or it did not open:
 * turning it on tries again).
 */
const CAMERA_WANTED: ReadonlySet<CameraState> = new Set<CameraState>(['on', 'starting', 'paused']);

/** The call's controls the window carries, in order (as the store allows them now). */
const WINDOW_ACTIONS: readonly InteractionAction[] = ['mute', 'unmute', 'hold', 'retrieve', 'release'];

function underWay(view: InteractionView | undefined): boolean {
  return view?.interaction.state === 'connected' || view?.interaction.state === 'held';
}

function ended(view: InteractionView | undefined): boolean {
  return !view || !(underWay(view) || view.interaction.state === 'alerting');
}

export class CpVideoWindow extends LitElement {
  static override properties = {
    view: { attribute: false },
    windowState: { state: true },
  };

  static override styles = [
    baseStyles,
    css`
      :host {
        display: block;
      }
      :host([hidden]) {
        display: none;
      }
      .ask {
        margin-top: 6px;
        padding: 8px;
        border: 1px solid var(--cp-border);
        border-left: 4px solid var(--cp-brand);
        border-radius: var(--cp-radius);
        background: var(--cp-surface);
      }
      .ask p,
      .hint {
        margin: 0 0 6px;
      }
      .buttons {
        display: flex;
        gap: 8px;
      }
    `,
  ];

  /** The video call (its row's view). */
  declare view: InteractionView | undefined;
  /** Where its window stands (video-window-state.ts). */
  declare windowState: VideoWindowState;
  #popup: Window | undefined;

  constructor() {
    super();
    this.view = undefined;
    this.windowState = 'none';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('contactpad-video-window', this.#adopt);
    window.addEventListener('pagehide', this.#closeWithConsole);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('contactpad-video-window', this.#adopt);
    window.removeEventListener('pagehide', this.#closeWithConsole);
    // A row moved in the list is disconnected and connected again in the same turn: only a row that left closes its window.
    queueMicrotask(() => {
      if (!this.isConnected) this.#callEnded();
    });
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (!changed.has('view')) return;
    if (ended(this.view)) this.#callEnded();
    else this.#adopt();
  }

  protected override updated(): void {
    const popup = this.#popup;
    if (!popup || popup.closed || this.windowState !== 'open' || !underWay(this.view)) return;
    popup.document.title = laterWords().video.title(customerWords(this.view!.interaction));
    render(this.#windowContent(this.view!), popup.document.body);
  }

  protected override render() {
    const view = this.view;
    if (!view || !underWay(view)) return html``;
    const w = laterWords().video;
    const who = customerWords(view.interaction);
    if (this.windowState === 'asking') {
      return html`<div class="ask" role="alertdialog" aria-labelledby="ask-question">
        <p id="ask-question">${w.closedQuestion(who)}</p>
        <div class="buttons">
          <button type="button" class="keep" @click=${() => this.#move('keep-call')}>${w.keepCall}</button>
          <button type="button" class="destructive" @click=${this.#endCall}>${w.endCall}</button>
        </div>
      </div>`;
    }
    if (!offersShowVideo(this.windowState)) return html``;
    return html`${this.windowState === 'blocked' ? html`<p class="hint" role="status">${w.blocked}</p>` : ''}
      <button type="button" class="show-video" @click=${this.#show}>${w.show}</button>`;
  }

  /** What the window shows: the caller's video, the agent's camera (or why it is off), the controls. */
  #windowContent(view: InteractionView) {
    const w = laterWords().video;
    const video = view.video;
    const call = view.interaction;
    const who = customerWords(call);
    const camera = video?.camera ?? 'none';
    return html`<main>
      <h1>${w.title(who)}</h1>
      <div class="stage">
        ${video?.picture === 'audio-only'
          ? html`<p class="audio-only" role="status">${w.audioOnly}</p>`
          : html`<video class="caller" aria-label=${w.callerVideo(who)} autoplay playsinline muted .srcObject=${video?.remote ?? null}></video>`}
        <figure class="self">
          ${camera === 'on' && video?.local
            ? html`<video class="own" aria-label=${w.ownVideo} autoplay playsinline muted .srcObject=${video.local}></video>`
            : html`<p class="camera-off" role="status">${w.camera[camera]}</p>`}
        </figure>
      </div>
      <div class="controls" role="group" aria-label=${w.controls}>
        ${video?.picture === 'shown'
          ? html`<button type="button" class="camera" @click=${() => this.#intent({ type: 'camera', interactionId: call.id, on: !CAMERA_WANTED.has(camera) })}>
              ${CAMERA_WANTED.has(camera) ? w.turnCameraOff : w.turnCameraOn}
            </button>`
          : ''}
        ${WINDOW_ACTIONS.filter((action) => view.actions.includes(action)).map(
          (action) => html`<button
            type="button"
            class=${action}
            aria-pressed=${action === 'mute' ? 'false' : action === 'unmute' ? 'true' : nothing}
            @click=${() => this.#intent({ type: action as 'mute' | 'unmute' | 'hold' | 'retrieve' | 'release', interactionId: call.id })}
          >${actionWords(action, call.channel)}</button>`,
        )}
      </div>
    </main>`;
  }

  #intent(intent: Parameters<typeof intentEvent>[0]): void {
    this.dispatchEvent(intentEvent(intent));
  }

  /** "Show video": the window again (the click is the gesture the browser asks for). */
  readonly #show = (): void => {
    const id = this.view?.interaction.id;
    if (id !== undefined) openVideoWindow(id);
  };

  readonly #endCall = (): void => {
    const id = this.view?.interaction.id;
    if (id === undefined) return;
    this.#move('end-call');
    this.#intent({ type: 'release', interactionId: id });
  };

  /** Takes the window opened for this call (Accept, Show video), if any. */
  readonly #adopt = (): void => {
    const id = this.view?.interaction.id;
    const popup = id === undefined ? undefined : openedVideoWindows.get(id);
    if (id === undefined || popup === undefined) return;
    openedVideoWindows.delete(id);
    if (popup === null || popup.closed) {
      this.#move('blocked');
      return;
    }
    if (popup !== this.#popup) {
      this.#popup = popup;
      const style = popup.document.createElement('style');
      style.textContent = `${baseStyles.cssText.replaceAll(':host', 'body')}\n${windowStyles.cssText}`;
      popup.document.head.append(style);
      popup.addEventListener('pagehide', () => this.#closedByAgent(popup));
      // pagehide is not fired for every way a window can close (a browser closing it as a tab, a
      // test driver): its `closed` is read as well, every half second while it is this call's window.
      const watch = setInterval(() => {
        if (popup !== this.#popup) clearInterval(watch);
        else if (popup.closed) {
          clearInterval(watch);
          this.#closedByAgent(popup);
        }
      }, 500);
    }
    popup.focus();
    this.#move('opened');
  };

  /** The agent closed the window while the call is under way: the row asks before anything ends. */
  #closedByAgent(popup: Window): void {
    // A window ContactPad closed itself (the call ended) is no longer this element's.
    if (popup !== this.#popup) return;
    this.#popup = undefined;
    if (underWay(this.view)) this.#move('closed-by-agent');
  }

  /** The call is over (or its row left): the window closes. */
  #callEnded(): void {
    this.#move('call-ended');
    const popup = this.#popup;
    this.#popup = undefined;
    if (!popup) {
      // A window opened on Accept for a call that never connected.
      const id = this.view?.interaction.id ?? '';
      openedVideoWindows.get(id)?.close();
      openedVideoWindows.delete(id);
      return;
    }
    popup.close();
  }

  readonly #closeWithConsole = (): void => this.#popup?.close();

  #move(event: VideoWindowEvent): void {
    if (canMoveVideoWindow(this.windowState, event)) this.windowState = moveVideoWindow(this.windowState, event);
  }
}

if (!customElements.get('cp-video-window')) customElements.define('cp-video-window', CpVideoWindow);

declare global {
  interface HTMLElementTagNameMap {
    'cp-video-window': CpVideoWindow;
  }
}
