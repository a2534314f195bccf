/**
 * The keys that move the active option of a single-choice list (WAI-ARIA listbox): the
 * arrows one step, stopping at either end rather than wrapping, Home to the first and End to
 * the last. Shared by the consult/transfer directory and the decline reasons.
 */

/** Where the active option of `count` options moves from `index` for `key`; undefined for a key that does not move it. */
export function movedIndex(key: string, index: number, count: number): number | undefined {
  if (count === 0) return undefined;
  switch (key) {
    case 'ArrowDown':
      return Math.min(count - 1, index + 1);
    case 'ArrowUp':
      return Math.max(0, index - 1);
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    default:
      return undefined;
  }
}
