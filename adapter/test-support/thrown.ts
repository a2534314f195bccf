/**
 * What went wrong, for the tests that expect it to: what an action threw, what a promise
 * rejected with. `thrown` and `rejectionOf` fail the test when nothing went wrong;
 * `failureOf` answers undefined instead, for a test that sets an operation going and looks at
 * how it failed later (the phone's hold and transfer tests).
 */
import { ContactPadError } from '../src/model/errors.ts';

/** What `action` threw (fails the test if nothing was thrown). */
export function thrown(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error, none was thrown');
}

/** What `work` rejected with (fails the test if it resolved). */
export async function rejectionOf(work: Promise<unknown>): Promise<unknown> {
  try {
    await work;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection, but it resolved');
}

/** What `promise` rejected with, or undefined when it resolved. */
export function failureOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => undefined,
    (error: unknown) => error,
  );
}

/** The code and message of the ContactPadError `work` rejected with (fails the test if it resolved or failed otherwise). */
export async function refusal(work: Promise<unknown>): Promise<{ code: string; message: string }> {
  const error = await failureOf(work);
  if (!(error instanceof ContactPadError)) throw new Error(`expected a refusal, got ${String(error)}`);
  return { code: error.code, message: error.message };
}
