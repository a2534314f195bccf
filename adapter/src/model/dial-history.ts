/**
 * The agent's recent numbers and favourites: the last {@link RECENT_LIMIT} numbers they placed a
 * call to (newest first, each once), for redial and the recent list, and the numbers they starred
 * (at most {@link FAVOURITES_LIMIT}). Each keeps the record it was called from (click-to-dial), so
 * calling it again pops and links that record again. Frozen values; the composition root keeps
 * them in localStorage per agent (adapter/src/dial-history-storage.ts), read back through
 * {@link readDialHistory}, which trusts nothing it reads.
 */
import { isSalesforceId } from './salesforce-id.ts';

/** The record a number was called from. */
export interface DialledRecord {
  readonly recordId: string;
  readonly objectType: string;
  readonly name: string;
}

/** A number the agent called, or starred. */
export interface DialledNumber {
  /** What is dialled again: the number as it was dialled ('+14155550100'), or a SIP address. */
  readonly number: string;
  /** When it was last called (epoch ms); 0 for a favourite never called from this browser. */
  readonly at: number;
  readonly record?: DialledRecord;
}

export interface DialHistory {
  /** Newest first, each number once. */
  readonly recent: readonly DialledNumber[];
  /** In the order starred. */
  readonly favourites: readonly DialledNumber[];
}

/** How many recent numbers are kept. */
export const RECENT_LIMIT = 10;
/** How many favourites are kept (the oldest starred go first). */
export const FAVOURITES_LIMIT = 20;
/** The longest number or address kept. */
const MAX_NUMBER_LENGTH = 256;

export const EMPTY_DIAL_HISTORY: DialHistory = Object.freeze({ recent: Object.freeze([]), favourites: Object.freeze([]) });

/** The history after a call to `dialled` was placed: at the top of the recent list; a favourite of that number takes its record. */
export function withDialled(history: DialHistory, dialled: DialledNumber): DialHistory {
  const entry = freezeEntry(dialled);
  if (!entry) return history;
  const recent = [entry, ...history.recent.filter((r) => r.number !== entry.number)].slice(0, RECENT_LIMIT);
  const favourites = history.favourites.map((f) => (f.number === entry.number ? entry : f));
  return Object.freeze({ recent: Object.freeze(recent), favourites: Object.freeze(favourites) });
}

/** Stars (or unstars) a number; a number starred is taken with what the recent list knows of it. */
export function withFavourite(history: DialHistory, number: string, starred: boolean): DialHistory {
  const rest = history.favourites.filter((f) => f.number !== number);
  if (!starred) return rest.length === history.favourites.length ? history : Object.freeze({ ...history, favourites: Object.freeze(rest) });
  if (rest.length < history.favourites.length) return history;
  const known = history.recent.find((r) => r.number === number) ?? freezeEntry({ number, at: 0 });
  if (!known) return history;
  return Object.freeze({ ...history, favourites: Object.freeze([...rest, known].slice(-FAVOURITES_LIMIT)) });
}

/** The number a redial calls: the last one called. */
export function lastDialled(history: DialHistory): DialledNumber | undefined {
  return history.recent[0];
}

/** Reads a stored history (parsed JSON, or anything else): malformed entries are dropped, never trusted. */
export function readDialHistory(raw: unknown): DialHistory {
  if (typeof raw !== 'object' || raw === null) return EMPTY_DIAL_HISTORY;
  const list = (value: unknown, limit: number) =>
    Object.freeze((Array.isArray(value) ? value : []).map(freezeEntry).filter((entry): entry is DialledNumber => entry !== undefined).slice(0, limit));
  const { recent, favourites } = raw as { recent?: unknown; favourites?: unknown };
  return Object.freeze({ recent: list(recent, RECENT_LIMIT), favourites: list(favourites, FAVOURITES_LIMIT) });
}

function freezeEntry(value: unknown): DialledNumber | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { number, at, record } = value as { number?: unknown; at?: unknown; record?: unknown };
  if (typeof number !== 'string' || number.trim() === '' || number.length > MAX_NUMBER_LENGTH) return undefined;
  const when = typeof at === 'number' && Number.isFinite(at) && at >= 0 ? at : 0;
  const linked = readRecord(record);
  return Object.freeze({ number: number.trim(), at: when, ...(linked ? { record: linked } : {}) });
}

function readRecord(value: unknown): DialledRecord | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { recordId, objectType, name } = value as { recordId?: unknown; objectType?: unknown; name?: unknown };
  if (!isSalesforceId(recordId) || typeof objectType !== 'string' || !/^[A-Za-z][A-Za-z0-9_]{0,79}$/.test(objectType)) return undefined;
  return Object.freeze({ recordId, objectType, name: typeof name === 'string' ? name.slice(0, 255) : '' });
}
