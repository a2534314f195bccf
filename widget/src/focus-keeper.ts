/**
 * Keeps the keyboard focus in ContactPad when a render removes the element that had it
 * (focus-target.ts says where it goes). Focus that left for the console, or that the agent
 * moved themselves, is left alone: the keeper acts only when the element last focused inside
 * ContactPad is gone and nothing else has the focus.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ContactPadSnapshot } from '../../adapter/src/store.ts';
import { focusTarget, type FocusTarget } from './focus-target.ts';

type Host = ReactiveControllerHost & HTMLElement & { readonly snapshot: ContactPadSnapshot | undefined };

/**
 * How long the keeper waits for its target, frame by frame: the children render, and the
 * wrap-up form is loaded lazily (its chunk can take seconds on a busy machine, which a count
 * of frames did not allow for: 30 frames are half a second).
 */
const TARGET_WAIT_MS = 5_000;

export class FocusKeeper implements ReactiveController {
  readonly #host: Host;
  #lastFocused: Element | undefined;
  #restoring = false;

  constructor(host: Host) {
    this.#host = host;
    host.addController(this);
  }

  hostConnected(): void {
    this.#host.addEventListener('focusin', this.#remember);
  }

  hostDisconnected(): void {
    this.#host.removeEventListener('focusin', this.#remember);
  }

  hostUpdated(): void {
    // The children render the new snapshot after the host does: look once they have.
    if (this.#lastFocused && !this.#restoring) {
      this.#restoring = true;
      void this.#restore().finally(() => (this.#restoring = false));
    }
  }

  readonly #remember = (event: FocusEvent): void => {
    const inner = event.composedPath()[0];
    if (inner instanceof Element) this.#lastFocused = inner;
  };

  async #restore(): Promise<void> {
    const deadline = performance.now() + TARGET_WAIT_MS;
    while (performance.now() < deadline) {
      await new Promise((done) => requestAnimationFrame(done));
      if (!this.#focusLost()) return;
      const snapshot = this.#host.snapshot;
      const target = snapshot ? this.#element(focusTarget(snapshot)) : undefined;
      if (target) {
        target.focus();
        return;
      }
    }
  }

  /** Nothing has the focus (the document's body) while the last element focused in ContactPad is gone. */
  #focusLost(): boolean {
    const active = document.activeElement;
    return (active === null || active === document.body) && !!this.#lastFocused && !this.#lastFocused.isConnected;
  }

  #element(target: FocusTarget): HTMLElement | undefined {
    const root = this.#host.shadowRoot;
    const inside = (tag: string, selector: string, filter?: (host: Element) => boolean) => {
      const hosts = [...(root?.querySelectorAll(tag) ?? [])].filter((host) => !host.closest('[hidden]') && (!filter || filter(host)));
      return hosts.map((host) => host.shadowRoot?.querySelector<HTMLElement>(selector)).find((found) => !!found && !found.closest('[hidden]')) ?? undefined;
    };
    switch (target.kind) {
      case 'call-pop':
        return inside('cp-call-pop', 'section', (pop) => (pop as Element & { view?: { interaction: { id: string } } }).view?.interaction.id === target.interactionId);
      case 'wrap-up':
        return inside('cp-wrap-up-form', 'select, textarea, input, button');
      case 'interaction':
        return inside('cp-interaction-list', `li[data-id="${CSS.escape(target.interactionId)}"] button`);
      case 'agent-state':
        // The choice is its own element inside cp-agent-state (cp-agent-status-choice.ts).
        return inside('cp-agent-state', 'cp-agent-status-choice')?.shadowRoot?.querySelector<HTMLElement>('select') ?? undefined;
    }
  }
}
