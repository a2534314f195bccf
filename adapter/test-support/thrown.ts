/** Test helper for the model's tests: what `action` threw (fails the test if nothing was thrown). */
export function thrown(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error, none was thrown');
}
