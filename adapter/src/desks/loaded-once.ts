/**
 * A desk (or any module) loaded off the ring path with a dynamic import(), once: every caller
 * gets the same promise, so work queued on it runs in the order it was asked for. A failed load
 * (the network) is tried again by the next caller.
 */

/** A value loaded once; call it for the value, or hand it work with {@link LoadedOnce.run}. */
export interface LoadedOnce<T> {
  (): Promise<T>;
  /**
   * Runs `work` with the value: at once when it is loaded and no work asked before is still
   * waiting for it (so a preloaded desk acts in the same turn as the event), otherwise in turn
   * once it has loaded. A failed load or failed work goes to `failed`.
   */
  run(work: (value: T) => unknown, failed: (error: unknown) => void): void;
}

export function loadedOnce<T>(load: () => Promise<T>): LoadedOnce<T> {
  let loading: Promise<T> | undefined;
  let loaded: { readonly value: T } | undefined;
  let waiting = 0;
  const get = (): Promise<T> => {
    loading ??= load().then(
      (value) => {
        loaded = { value };
        return value;
      },
      (error: unknown) => {
        loading = undefined;
        throw error;
      },
    );
    return loading;
  };
  const run = (work: (value: T) => unknown, failed: (error: unknown) => void): void => {
    if (loaded && waiting === 0) {
      try {
        Promise.resolve(work(loaded.value)).catch(failed);
      } catch (error) {
        failed(error);
      }
      return;
    }
    waiting += 1;
    get()
      .then((value) => work(value))
      .catch(failed)
      .finally(() => {
        waiting -= 1;
      });
  };
  return Object.assign(get, { run });
}
