/** Runs `work` when the browser is next idle (requestIdleCallback, within a second), or soon where it has none. */
export function whenIdle(work: () => void): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(() => work(), { timeout: 1000 });
  else setTimeout(work, 0);
}
