/**
 * A desk (or any module) loaded off the ring path with a dynamic import(), once: every caller
 * gets the same promise, so work queued on it runs in the order it was asked for. A failed load
 * (the network) is tried again by the next caller.
 */
export function loadedOnce<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | undefined;
  return () => {
    loading ??= load().catch((error: unknown) => {
      loading = undefined;
      throw error;
    });
    return loading;
  };
}
