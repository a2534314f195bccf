/**
 * The catalogue in use: every word the agent reads comes from here (words.ts and the
 * components ask {@link words}; the elements loaded later ask later-words.ts), in the agent's Salesforce language as the snapshot carries it
 * (`agentLanguage`, from User.LanguageLocaleKey and User.LocaleSidKey). English (en.ts) ships in
 * the ring-and-answer bundle; Spanish (es.ts) is imported the first time a Spanish-speaking agent
 * starts, so English agents never download it. Any other language reads English.
 *
 * The agent's locale decides how times are written ({@link agentLocale}, used by format-time.ts):
 * the catalogue's language with the agent's region (es-MX; an English agent in Spain gets en-ES:
 * English words, Spain's 24-hour clock), so a time never speaks another language than the words.
 */
import type { AgentLanguage } from '../../../adapter/src/store.ts';
import { en, type Catalogue } from './en.ts';
import type { LaterCatalogue } from './en-later.ts';

let current: Catalogue = en;
/** The words of the elements loaded later, when a language other than English is in use (later-words.ts). */
let currentLater: LaterCatalogue | undefined;
let locale = 'en';
let chosen = 0;

/** The words in the agent's language (English until {@link useAgentLanguage} chose another). */
export function words(): Catalogue {
  return current;
}

/** The words of the elements loaded later in the agent's language; undefined for English (later-words.ts has it). */
export function laterWordsLoaded(): LaterCatalogue | undefined {
  return currentLater;
}

/** The BCP 47 locale times and numbers are written in: the words' language with the agent's region. */
export function agentLocale(): string {
  return locale;
}

/** Whether a language tag (BCP 47 or a Salesforce key) names Spanish: es, es-ES, es_MX. */
export function isSpanish(tag: string): boolean {
  return /^es(?:[-_]|$)/i.test(tag.trim());
}

/** The agent's region (from the locale, else the language tag): `MX` for es-MX; '' when neither names one. */
function regionOf(language: AgentLanguage): string {
  try {
    return new Intl.Locale(language.locale || language.language || 'und').region ?? '';
  } catch {
    return ''; // not a tag Intl reads (the model checks them: not expected)
  }
}

/**
 * Chooses the catalogue and the locale for the agent's language: Spanish for es, es-ES, es-MX...,
 * else English. English is in use at once (undefined is returned); Spanish once the promise
 * resolves, and Spanish that cannot be loaded (the static resource unreachable) leaves English,
 * never a failure. The latest call wins.
 */
export function useAgentLanguage(language: AgentLanguage): Promise<void> | undefined {
  const call = ++chosen;
  const use = (next: Catalogue, later?: LaterCatalogue) => {
    if (call !== chosen) return;
    current = next;
    currentLater = later;
    const region = regionOf(language);
    locale = region ? `${next.language}-${region}` : next.language;
  };
  if (!isSpanish(language.language)) {
    use(en);
    return undefined;
  }
  return import('./es.ts').then(
    (module) => use(module.es, module.esLater),
    () => use(en),
  );
}
