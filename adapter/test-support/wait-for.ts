/**
 * Bounded waits for the browser tests: poll until something the test needs has happened (a
 * call rings, a Task is in the org), and fail saying what never came. They wait for events
 * outside the test's control (SIP, the fake org, IndexedDB), never stand in for a clock:
 * timers ContactPad sets run on the fake clock (fake-clock.ts).
 */

/** Polls until `check` returns a value other than undefined/false and returns it; fails after `timeoutMs` with `what`. */
export async function waitFor<T>(what: string, check: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`Gave up waiting for ${what}`);
    await new Promise((done) => setTimeout(done, 25));
  }
}

/** Polls until `condition` holds; fails with `what` after `limitMs`. */
export async function waitUntil(condition: () => boolean | Promise<boolean>, what: string, limitMs = 15_000): Promise<void> {
  await waitFor(what, async () => (await condition()) || undefined, limitMs);
}
