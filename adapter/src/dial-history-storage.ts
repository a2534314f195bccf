/**
 * The agent's recent numbers and favourites survive a reload: the store's dial history is kept
 * in the browser's localStorage under a key per org and agent, and read back (through
 * model/dial-history.ts, which trusts nothing it reads) when ContactPad starts. Loaded by the
 * composition root after start, off the path that rings and answers; numbers placed before it
 * loaded are kept on top of what it reads back. Storage that fails (private mode, quota,
 * blocked) loses the memory, never a call.
 */
import { readDialHistory, withDialled, withFavourite, type DialHistory } from './model/dial-history.ts';
import type { Controller } from './controller.ts';

/** The part of the Web Storage API used (localStorage). */
export type DialHistoryStorage = Pick<Storage, 'getItem' | 'setItem'>;

/** Reads the agent's kept dial history into the store, and keeps it from now on. */
export function keepDialHistory(controller: Pick<Controller, 'store' | 'restoreDialHistory'>, key: string, storage: DialHistoryStorage | undefined): void {
  if (!storage) return;
  let kept: unknown;
  try {
    kept = JSON.parse(storage.getItem(key) ?? 'null');
  } catch {
    kept = null; // a damaged value: start with no history
  }
  controller.restoreDialHistory(mergedWith(readDialHistory(kept), controller.store.snapshot.dialHistory));
  let saved = '';
  controller.store.subscribe((snapshot) => {
    const value = JSON.stringify(snapshot.dialHistory);
    if (value === saved) return;
    saved = value;
    try {
      storage.setItem(key, value);
    } catch {
      // Quota or a blocked storage: the history lasts for this page.
    }
  });
}

/** What was kept, with what happened since the page started on top (numbers placed, stars). */
function mergedWith(kept: DialHistory, current: DialHistory): DialHistory {
  let merged = kept;
  for (const entry of [...current.recent].reverse()) merged = withDialled(merged, entry);
  for (const entry of current.favourites) merged = withFavourite(merged, entry.number, true);
  return merged;
}
