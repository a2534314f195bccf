/**
 * Puts the agent's language in use for <contact-pad>: when the snapshot's `agentLanguage` first
 * arrives (or changes), the catalogue is chosen (catalogue.ts: Spanish loads then), and the host
 * renders again in it, with its `lang` attribute set for screen readers' pronunciation. Until the
 * first choice is made, {@link AgentLanguageController.ready} is false: the host shows nothing in
 * a language the agent does not read (English is in use at once: no wait).
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ContactPadSnapshot } from '../../../adapter/src/store.ts';
import { useAgentLanguage, words } from './catalogue.ts';

export class AgentLanguageController implements ReactiveController {
  readonly #host: ReactiveControllerHost & HTMLElement;
  readonly #snapshot: () => ContactPadSnapshot | undefined;
  #key: string | undefined;
  #ready = false;

  constructor(host: ReactiveControllerHost & HTMLElement, snapshot: () => ContactPadSnapshot | undefined) {
    this.#host = host;
    this.#snapshot = snapshot;
    host.addController(this);
  }

  /** Whether the agent's words are in use (once the first snapshot's language is chosen). */
  get ready(): boolean {
    return this.#ready;
  }

  hostUpdate(): void {
    const snapshot = this.#snapshot();
    if (!snapshot) return;
    // A snapshot made without a language (an older adapter) reads English.
    const language = snapshot.agentLanguage ?? { language: '', locale: '' };
    const key = `${language.language}|${language.locale}`;
    if (key === this.#key) return;
    this.#key = key;
    const loading = useAgentLanguage(language);
    if (!loading) return this.#inUse();
    void loading.then(() => {
      if (this.#key !== key) return;
      this.#inUse();
      this.#host.requestUpdate();
    });
  }

  #inUse(): void {
    this.#ready = true;
    this.#host.lang = words().language;
  }
}
