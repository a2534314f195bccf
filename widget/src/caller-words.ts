/**
 * The words for the caller's records: objects, matched fields, the labels a caller earned, and
 * "Why this record" in one line. Their readers (the caller's labels, "Why this record", the record
 * picker) load after the first paint, so these words are in catalogue/en-later.ts and load with them.
 */
import type { CallerLabel, CallerMatchView } from '../../adapter/src/store.ts';
import { laterWords } from './catalogue/later-words.ts';

/** A key's words in a table of the catalogue, else the key itself (a custom object or field keeps its API name). */
function wordsOr<T extends object>(table: T, key: string): string {
  return Object.hasOwn(table, key) ? String(table[key as keyof T]) : key;
}

/** A record's object in words: Lead, Contact, Account, Case, Live Chat Transcript; else its API name (Custom__c). */
export function objectWords(objectType: string): string {
  return wordsOr(laterWords().objects, objectType);
}

/**
 * A matched field in words: "Mobile phone" for MobilePhone (and a person account's
 * PersonMobilePhone); custom or unknown fields keep their API name.
 */
export function fieldWords(field: string): string {
  const standard = /^Person(MobilePhone|HomePhone|OtherPhone|AssistantPhone)$/.exec(field)?.[1] ?? field;
  return Object.hasOwn(laterWords().fields, standard) ? wordsOr(laterWords().fields, standard) : field;
}

/** The label a caller earned in words: Lead, Customer, Previous Customer, Unknown. */
export function callerLabelWords(label: CallerLabel): string {
  return wordsOr(laterWords().callerLabels, label);
}

/**
 * "Why this record", in one line: the label the match earned, the object when it says more
 * than the label, the field that matched and the screen-pop rule (custom metadata record):
 * "Lead · matched Mobile phone (rule: Open leads)", "Customer · Account · matched Phone
 * (rule: Customers)". Blank parts are left out.
 */
export function whyWords(match: CallerMatchView): string {
  const object = objectWords(match.objectType);
  const label = match.label ? callerLabelWords(match.label) : '';
  const parts = [label, object === label ? '' : object, match.matchedField ? laterWords().why.matched(fieldWords(match.matchedField)) : ''];
  let text = parts.filter((part) => part !== '').join(' · ');
  if (match.rule) text += `${text ? ' ' : ''}${laterWords().why.rule(match.rule)}`;
  return text;
}
