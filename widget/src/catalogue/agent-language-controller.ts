/**
 * Puts the agent's language in use for <contact-pad>: when the snapshot's `agentLanguage` first
 * arrives (or changes), the catalogue is chosen (catalogue.ts: Spanish loads then), and the host
 * renders again in it, with its `lang` attribute set for screen readers' pronunciation. Until the
 * first choice is made, {@link AgentLanguageController.ready} is false: the host shows nothing in
 * a language the agent does not read (English is in use at once: no wait).
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { AgentLanguage, ContactPadSnapshot } from '../../../adapter/src/store.ts';
import { useAgentLanguage, words } from './catalogue.ts';

export class AgentLanguageController implements ReactiveController {
  readonly #host: ReactiveControllerHost & HTMLElement;
  readonly #snapshot: () => ContactPadSnapshot | undefined;
  /** The language last chosen (the store hands the same object on in every snapshot). */
  #language: AgentLanguage | undefined;
  /** Whether the agent's words are in use (once the first snapshot's language is chosen). */
  ready = false;

  constructor(host: ReactiveControllerHost & HTMLElement, snapshot: () => ContactPadSnapshot | undefined) {
    this.#host = host;
    this.#snapshot = snapshot;
    host.addController(this);
  }

  hostUpdate(): void {
    // A snapshot made without a language (an older adapter) reads English.
    const language = this.#snapshot() && (this.#snapshot()!.agentLanguage ?? { language: '', locale: '' });
    if (!language || language === this.#language) return;
    this.#language = language;
    const inUse = () => {
      this.ready = true;
      this.#host.lang = words().language;
    };
    const loading = useAgentLanguage(language);
    if (!loading) inUse();
    else void loading.then(() => language === this.#language && (inUse(), this.#host.requestUpdate()));
  }
}
