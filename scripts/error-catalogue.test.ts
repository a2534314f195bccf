/**
 * The error catalogue (adapter/src/model/errors.ts) and the code agree both ways: every code
 * ContactPad raises is catalogued (with what it means, its causes and a fix), and every
 * catalogued code is raised somewhere, so the catalogue neither misses a code an agent can see
 * nor documents one nobody can. Read from the sources of adapter/src (tests and test support
 * left out: a code raised only by a test is not raised by ContactPad).
 *
 * A code is raised where it is the first argument of `new ContactPadError(...)` or of a helper
 * whose first parameter is an `ErrorCode` (`refusedAs(...)`...), and where an object gives it as
 * its `code` (`{ code: 'MEDIA_UNAVAILABLE', message }`, a notice, a failed lookup): the widget
 * shows those codes as they are. TypeScript already refuses an uncatalogued code in the first
 * two forms; the third is plain text to the compiler, which is why this test reads it.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ERROR_CATALOGUE } from '../adapter/src/model/errors.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const ADAPTER_SRC = join(ROOT, 'adapter', 'src');
const CATALOGUE_FILE = join(ADAPTER_SRC, 'model', 'errors.ts');

/**
 * Catalogued codes whose raise site is being rebuilt, each with why (code -> reason). Each
 * entry must go once the code is raised again: the test fails for an entry that is raised,
 * so this list cannot outlive its reason. Empty: SIP_REGISTRATION_REFUSED, its last entry,
 * is raised by telephony/registration.ts with the first refusal of a REGISTER.
 */
const AWAITING_A_RAISE: ReadonlyMap<string, string> = new Map();

/** A code: capitals, digits and `_` (INVALID_TRANSITION, UNEXPECTED). */
const CODE = String.raw`'([A-Z][A-Z0-9_]*)'`;

interface Source {
  readonly file: string;
  readonly text: string;
}

/** The product sources under `dir`: TypeScript, not tests, not test support (`test` in a file or folder name). */
function productSources(dir: string): Source[] {
  const sources: Source[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.ts') || entry.name.endsWith('.d.ts')) continue;
    const path = join(entry.parentPath, entry.name);
    const file = relative(ROOT, path).split(sep).join('/');
    if (/test/i.test(relative(dir, path))) continue;
    sources.push({ file, text: readFileSync(path, 'utf8') });
  }
  return sources.sort((a, b) => a.file.localeCompare(b.file));
}

/** Functions (besides ContactPadError) that take an error code first: `function refusedAs(code: ErrorCode, ...)`. */
function codeTakingFunctions(sources: readonly Source[]): string[] {
  const names = new Set<string>();
  for (const { text } of sources) {
    for (const match of text.matchAll(/function\s+([A-Za-z_$][\w$]*)\s*\(\s*\w+\s*:\s*ErrorCode\b/g)) names.add(match[1]!);
  }
  return [...names].sort();
}

/** Every code raised in `sources`, with where (file:line). */
function raisedCodes(sources: readonly Source[], raisers: readonly string[]): Map<string, string[]> {
  const callee = ['ContactPadError', ...raisers].join('|');
  const patterns = [new RegExp(String.raw`\b(?:${callee})\(\s*${CODE}`, 'g'), new RegExp(String.raw`\bcode\s*:\s*${CODE}`, 'g')];
  const raised = new Map<string, string[]>();
  for (const { file, text } of sources) {
    for (const pattern of patterns) {
      for (const match of text.matchAll(pattern)) {
        const line = text.slice(0, match.index).split('\n').length;
        const code = match[1]!;
        raised.set(code, [...(raised.get(code) ?? []), `${file}:${line}`]);
      }
    }
  }
  return raised;
}

/** Codes a source tests an error for (`isContactPadError(error, 'X')`, `error.code === 'X'`): they must be catalogued too. */
function checkedCodes(sources: readonly Source[]): Map<string, string[]> {
  const patterns = [new RegExp(String.raw`\bisContactPadError\([^,()]+,\s*${CODE}`, 'g'), new RegExp(String.raw`\.code\s*[!=]==\s*${CODE}`, 'g')];
  const checked = new Map<string, string[]>();
  for (const { file, text } of sources) {
    for (const pattern of patterns) {
      for (const match of text.matchAll(pattern)) {
        const line = text.slice(0, match.index).split('\n').length;
        checked.set(match[1]!, [...(checked.get(match[1]!) ?? []), `${file}:${line}`]);
      }
    }
  }
  return checked;
}

describe('the error catalogue and the code', () => {
  const catalogued = new Set(Object.keys(ERROR_CATALOGUE));
  const sources = productSources(ADAPTER_SRC).filter((source) => join(ROOT, source.file) !== CATALOGUE_FILE);
  const raisers = codeTakingFunctions(sources);
  const raised = raisedCodes(sources, raisers);

  it('reads the sources it means to (the rooms, the model, the switchboard) and finds the helpers that raise a code', () => {
    for (const file of ['adapter/src/model/agent-state.ts', 'adapter/src/crm/work-record.ts', 'adapter/src/host/open-cti-host.ts', 'adapter/src/controller.ts', 'adapter/src/desks/voice-desk.ts']) {
      assert.ok(sources.some((source) => source.file === file), `${file} is read`);
    }
    assert.ok(!sources.some((source) => /test/i.test(source.file.slice('adapter/src/'.length))), 'no test or test support is read');
    assert.ok(raisers.includes('refusedAs'), `helpers taking an ErrorCode first: ${raisers.join(', ')}`);
  });

  it('every code raised anywhere in adapter/src is in the catalogue', () => {
    const missing = [...raised].filter(([code]) => !catalogued.has(code)).map(([code, where]) => `${code} (${where.join(', ')})`);
    assert.deepEqual(missing, [], 'raised but not catalogued: add each to ERROR_CATALOGUE with a description, causes and a fix');
  });

  it('every code an error is tested for is in the catalogue', () => {
    const missing = [...checkedCodes(sources)].filter(([code]) => !catalogued.has(code)).map(([code, where]) => `${code} (${where.join(', ')})`);
    assert.deepEqual(missing, []);
  });

  it('every catalogued code is raised somewhere in adapter/src', () => {
    const unraised = [...catalogued].filter((code) => !raised.has(code) && !AWAITING_A_RAISE.has(code));
    assert.deepEqual(unraised, [], 'catalogued but never raised: raise it where the failure happens, or take it out of the catalogue');
  });

  it('waits for a raise only for codes that are catalogued and still not raised', () => {
    for (const code of AWAITING_A_RAISE.keys()) {
      assert.ok(catalogued.has(code), `${code} is catalogued`);
      assert.ok(!raised.has(code), `${code} is raised now (${raised.get(code)?.join(', ')}): take it off AWAITING_A_RAISE`);
    }
  });

  it('an empty dial box is an input error with a code of its own, not a configuration error', () => {
    assert.ok(catalogued.has('INVALID_INPUT'));
    // The dial box is read by the model (dial-input.ts) for the voice desk, before the phone is asked to call.
    assert.ok(raised.get('INVALID_INPUT')?.some((where) => where.startsWith('adapter/src/model/dial-input.ts')), `INVALID_INPUT raised at ${raised.get('INVALID_INPUT')?.join(', ')}`);
  });

  it('finds a code in each form it is raised in, across lines, and nothing in a comparison or a Salesforce error code', () => {
    const sample: Source = {
      file: 'sample.ts',
      text: [
        "throw new ContactPadError(\n  'WORK_OBJECT_UNKNOWN',\n  'message');",
        "throw refusedAs('TRANSFER_FAILED', 'what', error);",
        "return { code: 'MEDIA_UNAVAILABLE', message };",
        "if (isContactPadError(error, 'CRM_SESSION_EXPIRED')) return;",
        "if (error.code === 'CRM_REQUEST_LIMIT') return;",
        "const body = [{ errorCode: 'INVALID_SESSION_ID', statusCode: 'SERVER_UNAVAILABLE' }];",
        "new ContactPadError(code, 'computed');",
      ].join('\n'),
    };
    assert.deepEqual(Object.fromEntries(raisedCodes([sample], ['refusedAs'])), {
      WORK_OBJECT_UNKNOWN: ['sample.ts:1'],
      TRANSFER_FAILED: ['sample.ts:4'],
      MEDIA_UNAVAILABLE: ['sample.ts:5'],
    });
    assert.deepEqual(Object.fromEntries(checkedCodes([sample])), { CRM_SESSION_EXPIRED: ['sample.ts:6'], CRM_REQUEST_LIMIT: ['sample.ts:7'] });
  });
});
