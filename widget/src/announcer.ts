/**
 * What ContactPad says to a screen reader when something changes that the agent did not
 * just look at: a call put on hold, muted, connected, moved to wrap up; the agent's status; a
 * keyboard shortcut taken or refused. Two polite live regions take turns, so a message is
 * announced even when it is the same text as the last one ("On Hold" twice in a row), and a
 * live region that Lit re-renders keeps its node (only its text changes), which screen readers
 * need to notice the change.
 */
import { html, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';

export class Announcer implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  #regions: readonly [string, string] = ['', ''];
  #turn: 0 | 1 = 0;

  constructor(host: ReactiveControllerHost) {
    this.#host = host;
    host.addController(this);
  }

  hostConnected(): void {}

  /** Says `messages` (joined as sentences); nothing for none. */
  announce(...messages: readonly string[]): void {
    const text = messages.filter((message) => message !== '').join(' ');
    if (text === '') return;
    this.#turn = this.#turn === 0 ? 1 : 0;
    this.#regions = this.#turn === 0 ? [text, ''] : ['', text];
    this.#host.requestUpdate();
  }

  /** The two live regions; render them from the first paint on (a region added later is not listened to). */
  render(): TemplateResult {
    const [first, second] = this.#regions;
    return html`<div class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">${first}</div
      ><div class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">${second}</div>`;
  }
}
