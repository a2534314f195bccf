/**
 * The life of a modal `<dialog>` in a Lit element's shadow root (consult/transfer, abandon,
 * decline), as the WAI-ARIA dialog pattern wants it: opened with focus on a chosen element,
 * Tab and Shift+Tab kept inside (focus-trap.ts), Escape closes without doing anything, and
 * focus goes back to the button that opened it. The dialog's content exists only while it
 * is open, so it always opens fresh.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { trapTab } from './focus-trap.ts';

/** How a dialog about one interaction opens (abandon, decline): which, named how, and where focus returns. */
export interface InteractionDialogOptions {
  readonly interactionId: string;
  /** The interaction in a few words for the title ("Chat with Lena Fischer"). */
  readonly subject: string;
  /** The element focus returns to when the dialog closes. */
  readonly opener?: HTMLElement | undefined;
}

/** An element that renders one `<dialog>` in its render root. */
export interface ModalHost extends ReactiveControllerHost {
  readonly renderRoot: HTMLElement | DocumentFragment;
}

/** Opens, traps and closes the host's `<dialog>`; the host renders its content while {@link isOpen}. */
export class ModalController implements ReactiveController {
  readonly #host: ModalHost;
  #opener: HTMLElement | undefined;
  #isOpen = false;

  constructor(host: ModalHost) {
    this.#host = host;
    host.addController(this);
  }

  hostConnected(): void {}

  /** Whether the host should render the dialog's content (from `show` until `close`). */
  get isOpen(): boolean {
    return this.#isOpen;
  }

  /** Whether the `<dialog>` is showing. */
  get open(): boolean {
    return this.dialog()?.open ?? false;
  }

  /** The host's `<dialog>`, if rendered. */
  dialog(): HTMLDialogElement | null {
    return this.#host.renderRoot.querySelector('dialog');
  }

  /** Renders the content, shows the dialog modally and focuses what `focusTarget` names; `opener` gets focus back on close. */
  async show(opener: HTMLElement | undefined, focusTarget: () => HTMLElement | null): Promise<void> {
    this.#opener = opener;
    this.#isOpen = true;
    this.#host.requestUpdate();
    await this.#host.updateComplete;
    const dialog = this.dialog();
    if (!dialog) return;
    if (!dialog.open) dialog.showModal();
    focusTarget()?.focus();
  }

  /** Closes the dialog and returns focus to the opener (if it is still on the page). */
  close(): void {
    const dialog = this.dialog();
    if (dialog?.open) dialog.close();
    this.#isOpen = false;
    this.#host.requestUpdate();
    const opener = this.#opener;
    this.#opener = undefined;
    if (opener?.isConnected) opener.focus();
  }

  /** The dialog's keydown: Escape closes, Tab wraps inside. True when it handled the key. */
  readonly keydown = (event: KeyboardEvent): boolean => {
    if (event.key === 'Escape') {
      event.preventDefault();
      this.close();
      return true;
    }
    const dialog = this.dialog();
    return dialog !== null && trapTab(event, dialog);
  };

  /** The dialog's `cancel` event (the browser's own Escape): closes our way, so focus goes back. */
  readonly cancel = (event: Event): void => {
    event.preventDefault();
    this.close();
  };
}
