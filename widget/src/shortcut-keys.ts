/**
 * The agent's keyboard shortcuts at work in <contact-pad>: a key press anywhere in the pad
 * (key events cross the children's shadow roots) that is a shortcut of the snapshot
 * (shortcuts.ts) fires its intent as if the agent had clicked the button, and says what it
 * did or why it did nothing.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ContactPadSnapshot } from '../../adapter/src/store.ts';
import { intentEvent } from './intent-event.ts';
import { shortcutOf, shortcutOutcome } from './shortcuts.ts';

type Host = ReactiveControllerHost & HTMLElement & { readonly snapshot: ContactPadSnapshot | undefined };

export class ShortcutKeys implements ReactiveController {
  readonly #host: Host;
  readonly #say: (words: string) => void;

  constructor(host: Host, say: (words: string) => void) {
    this.#host = host;
    this.#say = say;
    host.addController(this);
  }

  hostConnected(): void {
    this.#host.addEventListener('keydown', this.#pressed);
  }

  hostDisconnected(): void {
    this.#host.removeEventListener('keydown', this.#pressed);
  }

  readonly #pressed = (event: KeyboardEvent): void => {
    const snapshot = this.#host.snapshot;
    const shortcut = snapshot ? shortcutOf(event, snapshot.shortcuts) : undefined;
    if (!snapshot || !shortcut) return;
    event.preventDefault();
    const outcome = shortcutOutcome(shortcut.action, snapshot);
    if ('refused' in outcome) {
      this.#say(outcome.refused);
      return;
    }
    this.#host.dispatchEvent(intentEvent(outcome.intent));
    this.#say(outcome.words);
  };
}
