/**
 * The agent's keyboard shortcuts at work in <contact-pad>: a key press anywhere in the pad
 * (key events cross the children's shadow roots) that is a shortcut of the snapshot
 * (shortcuts.ts) fires its intent as if the agent had clicked the button, and says what it
 * did or why it did nothing.
 *
 * Only this listener is on the ring-and-answer path: shortcuts.ts (which key is which
 * shortcut, which call it acts on, and its words in catalogue/en-later.ts) loads by import()
 * right after the pad's first paint (hostUpdated), in the background, long before the phone has
 * registered and a call can ring. A key pressed before it arrived is handled once it has (too
 * late to stop the key's default action, which for Alt/Ctrl/Meta combinations in the pad is none).
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ContactPadSnapshot } from '../../adapter/src/store.ts';
import { intentEvent } from './intent-event.ts';
import { laterLoadsAllowed } from './lazy-elements.ts';

type Host = ReactiveControllerHost & HTMLElement & { readonly snapshot: ContactPadSnapshot | undefined };
type Shortcuts = typeof import('./shortcuts.ts');

export class ShortcutKeys implements ReactiveController {
  readonly #host: Host;
  readonly #say: (words: string) => void;
  #shortcuts: Shortcuts | undefined;
  #loading: Promise<Shortcuts> | undefined;

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

  /** After the first paint, once later loads may start (lazy-elements.ts: the phone can ring or will not): the shortcuts load in the background. A key pressed before loads them at once. */
  hostUpdated(): void {
    void laterLoadsAllowed().then(() => this.#load().catch(() => undefined));
  }

  /** shortcuts.ts, loaded once; a failed load (the static resource unreachable) is tried again on the next key or paint. */
  #load(): Promise<Shortcuts> {
    this.#loading ??= import('./shortcuts.ts').then(
      (module) => (this.#shortcuts = module),
      (error: unknown) => {
        this.#loading = undefined;
        throw error;
      },
    );
    return this.#loading;
  }

  readonly #pressed = (event: KeyboardEvent): void => {
    if (this.#shortcuts) this.#act(this.#shortcuts, event);
    else void this.#load().then((shortcuts) => this.#act(shortcuts, event), () => undefined);
  };

  #act({ shortcutOf, shortcutOutcome }: Shortcuts, event: KeyboardEvent): void {
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
  }
}
