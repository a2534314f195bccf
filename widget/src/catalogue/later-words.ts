/**
 * The words of the elements loaded later (the wrap-up form, the decline and abandon dialogs, the
 * record picker, the journey) in the agent's language: Spanish once catalogue.ts loaded it, else
 * English from en-later.ts, which loads with those elements and not with the ring path.
 */
import { enLater, type LaterCatalogue } from './en-later.ts';
import { laterWordsLoaded } from './catalogue.ts';

export function laterWords(): LaterCatalogue {
  return laterWordsLoaded() ?? enLater;
}
