/**
 * The consult/transfer directory as the agent sees it: agents and services (VCC interaction
 * plans) in alphabetical order, locale-aware and case-insensitive, and the search that
 * filters it as the agent types (a match anywhere in the name, ignoring case and accents).
 */
import type { DirectoryEntry } from '../../adapter/src/store.ts';

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

/** The entries in alphabetical order of name (ties: agents first, then by id); a new array. */
export function sortDirectory(entries: readonly DirectoryEntry[]): DirectoryEntry[] {
  return [...entries].sort(
    (a, b) => collator.compare(a.name, b.name) || (a.kind === b.kind ? 0 : a.kind === 'agent' ? -1 : 1) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}

/** Text folded for searching: lower case, accents removed ("Émile" -> "emile"). */
export function foldForSearch(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase();
}

/** The entries whose name contains `query` anywhere (case- and accent-insensitive); all for a blank query. Keeps the order. */
export function filterDirectory(entries: readonly DirectoryEntry[], query: string): DirectoryEntry[] {
  const needle = foldForSearch(query.trim());
  if (needle === '') return [...entries];
  return entries.filter((entry) => foldForSearch(entry.name).includes(needle));
}
