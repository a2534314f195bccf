/**
 * What ContactPad logged with console.warn while a test body ran: the rooms log what they
 * ignore or work around (a malformed Open CTI payload, a message on the bridge channel that is
 * not the protocol's), and the tests check they said so.
 */

/** Captures console.warn while `body` runs: each warning, its arguments joined by spaces. */
export async function capturingWarnings(body: () => Promise<void>): Promise<string[]> {
  const warnings: string[] = [];
  const original = console.warn;
  console.warn = (...args: unknown[]) => warnings.push(args.map(String).join(' '));
  try {
    await body();
  } finally {
    console.warn = original;
  }
  return warnings;
}
