/**
 * The record an agent picked for a caller's number when several matched, remembered in the
 * browser's localStorage (so it survives a reload) and offered the next time that number
 * calls. Keyed by the normalised number (E.164 digits, from phone-number.ts), one entry per
 * number, at most {@link MAX_REMEMBERED_CHOICES} (the oldest go first). Only record ids are
 * stored: no names, no numbers' owners. Storage that fails (private mode, quota, corrupt
 * JSON) loses the memory, never the call.
 */
import { isSalesforceId } from '../model/salesforce-id.ts';

/** The part of the Web Storage API used (localStorage). */
export interface ChoiceStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/** How many numbers are remembered. */
export const MAX_REMEMBERED_CHOICES = 500;
/** The localStorage key. */
export const REMEMBERED_CHOICES_KEY = 'contactpad-remembered-choices';

/** The agent's remembered picks, by normalised number. */
export class RememberedChoices {
  readonly #storage: ChoiceStorage | undefined;
  readonly #key: string;

  /** `storage` defaults to the browser's localStorage (none outside a browser: nothing is remembered). */
  constructor(options: { storage?: ChoiceStorage; key?: string } = {}) {
    this.#storage = options.storage ?? defaultStorage();
    this.#key = options.key ?? REMEMBERED_CHOICES_KEY;
  }

  /** The record picked for this number, if any. */
  get(numberKey: string): string | undefined {
    if (numberKey === '') return undefined;
    return this.#read().get(numberKey);
  }

  /** Remembers `recordId` for this number (a value that is not a Salesforce id is ignored). */
  remember(numberKey: string, recordId: string): void {
    if (numberKey === '' || !isSalesforceId(recordId)) return;
    const choices = this.#read();
    choices.delete(numberKey);
    choices.set(numberKey, recordId);
    const entries = [...choices].slice(-MAX_REMEMBERED_CHOICES);
    try {
      // '+' keeps keys from looking like array indexes, whose order JSON objects do not keep.
      this.#storage?.setItem(this.#key, JSON.stringify(Object.fromEntries(entries.map(([n, id]) => [`+${n}`, id]))));
    } catch {
      // Quota or a disabled storage: the pick still counts for this call.
    }
  }

  #read(): Map<string, string> {
    const out = new Map<string, string>();
    let parsed: unknown;
    try {
      parsed = JSON.parse(this.#storage?.getItem(this.#key) ?? '{}');
    } catch {
      return out;
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return out;
    for (const [key, value] of Object.entries(parsed)) {
      if (key.startsWith('+') && isSalesforceId(value)) out.set(key.slice(1), value);
    }
    return out;
  }
}

function defaultStorage(): ChoiceStorage | undefined {
  try {
    return typeof localStorage === 'undefined' ? undefined : localStorage;
  } catch {
    return undefined; // a sandboxed frame may refuse access to localStorage
  }
}
