/**
 * The consult/transfer directory as the agent sees it: who can take the interaction in the
 * chosen mode (a consult, or the transfer of a call, is a call to another agent's ContactPad
 * phone; an email or a case can be transferred to any agent or service), in alphabetical
 * order, locale-aware and case-insensitive, and the search that filters it as the agent
 * types (a match anywhere in the name, ignoring case and accents).
 */
import type { Channel, DirectoryEntry } from '../../adapter/src/store.ts';
import { isCall } from './channels.ts';

/** What choosing a name does: consult (a new call, the original stays) or transfer (it leaves the list). */
export type DirectoryMode = 'consult' | 'transfer';

/** Whether `mode` for work on `channel` places a call (every consult; the transfer of a voice or video call or a callback). */
export function needsPhone(mode: DirectoryMode, channel: Channel): boolean {
  return mode === 'consult' || isCall(channel);
}

/** The entries that can take work on `channel` in `mode`: those with a SIP user when it means a call, else all. Keeps the order. */
export function entriesFor(entries: readonly DirectoryEntry[], mode: DirectoryMode, channel: Channel): DirectoryEntry[] {
  return needsPhone(mode, channel) ? entries.filter((entry) => entry.sipUser !== '') : [...entries];
}

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

/** Punctuation people type inside numbers: spaces, dots, dashes, slashes, parentheses. */
const NUMBER_PUNCTUATION = /[\s()./-]/g;

/**
 * The typed search text when it reads as a phone number (2 to 32 digits, '*' or '#', a leading
 * '+', punctuation allowed) or a sip:/sips: address: a consult or a call transfer can go to it.
 * undefined otherwise. The adapter checks it again before anything is dialled.
 */
export function typedNumber(query: string): string | undefined {
  const text = query.trim();
  if (/^sips?:\S+@\S+$/i.test(text)) return text;
  return /^\+?[0-9*#]{2,32}$/.test(text.replace(NUMBER_PUNCTUATION, '')) ? text : undefined;
}
