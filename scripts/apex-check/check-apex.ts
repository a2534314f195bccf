/**
 * The offline check of the project's Apex (no org needed): every class and trigger of a package
 * directory parsed with the Apex grammar (apex-source.ts), then the package checked by apex-ls
 * (apex-ls.ts) with the fields of its inline SOQL added (soql-field-probe.ts). What only an org
 * checks (compiling on the org's real schema and API version, running the Apex tests, sharing,
 * locking, governor limits) is listed in README.md.
 *
 * `node scripts/apex-check/check-apex.ts` prints the findings of force-app and exits 1 if any.
 */
import { mkdir, mkdtemp, readFile, readdir, realpath, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { PROJECT_ROOT } from '../build/bundle-paths.ts';
import { readApex } from './apex-source.ts';
import { checkForIssues } from './apex-ls.ts';
import { soqlFieldProbe, type QueryInClass } from './soql-field-probe.ts';

export interface ApexFinding {
  /** Relative to the project root (force-app/...), or extra/<Name>.cls for a class given in `extraClasses`. */
  readonly file: string;
  readonly line: number;
  readonly column: number;
  /** apex-parser's "Syntax", or apex-ls's category (Syntax, Error, Missing...). */
  readonly category: string;
  readonly message: string;
}

export interface ApexCheck {
  /** The classes and triggers read, relative to the project root. */
  readonly files: readonly string[];
  readonly findings: readonly ApexFinding[];
}

const EXTRA_DIR = 'extra';
const SOQL_PROBE_CLASS = 'ContactPadOfflineSoqlFields';
const CLASS_META = '<?xml version="1.0" encoding="UTF-8"?>\n<ApexClass xmlns="http://soap.sforce.com/2006/04/metadata">\n    <apiVersion>API</apiVersion>\n    <status>Active</status>\n</ApexClass>\n';

/**
 * Checks `packageDir` (default force-app) with `extraClasses` (name -> source) checked beside it,
 * as a later package directory that sees it.
 */
export async function checkApex(packageDir = 'force-app', extraClasses: Readonly<Record<string, string>> = {}): Promise<ApexCheck> {
  const root = join(PROJECT_ROOT, packageDir);
  const files = (await readdir(root, { recursive: true }))
    .filter((name) => name.endsWith('.cls') || name.endsWith('.trigger'))
    .map((name) => `${packageDir}/${name.split(sep).join('/')}`)
    .sort();
  const sources = new Map<string, string>();
  for (const file of files) sources.set(file, await readFile(join(PROJECT_ROOT, file), 'utf8'));
  for (const [name, source] of Object.entries(extraClasses)) sources.set(`${EXTRA_DIR}/${name}.cls`, source);

  const findings: ApexFinding[] = [];
  const queries: QueryInClass[] = [];
  for (const [file, source] of sources) {
    const read = readApex(source);
    for (const error of read.syntaxErrors) findings.push({ file, line: error.line, column: error.column, category: 'Syntax', message: error.message });
    for (const query of read.queries) queries.push({ file, query });
  }
  const unparsed = new Set(findings.map((finding) => finding.file));

  const project = JSON.parse(await readFile(join(PROJECT_ROOT, 'sfdx-project.json'), 'utf8')) as { sourceApiVersion: string };
  const workspace = await realpath(await mkdtemp(join(tmpdir(), 'contactpad-apex-ls-'))); // so the files apex-ls names start with it, wherever tmpdir() links to
  try {
    await symlink(root, join(workspace, packageDir), 'dir');
    const extra = join(workspace, EXTRA_DIR, 'classes');
    await mkdir(extra, { recursive: true });
    const probe = soqlFieldProbe(SOQL_PROBE_CLASS, queries);
    for (const [name, source] of [...Object.entries(extraClasses), [SOQL_PROBE_CLASS, probe.source] as const]) {
      await writeFile(join(extra, `${name}.cls`), source);
      await writeFile(join(extra, `${name}.cls-meta.xml`), CLASS_META.replace('API', project.sourceApiVersion));
    }
    await writeFile(
      join(workspace, 'sfdx-project.json'),
      JSON.stringify({ packageDirectories: [{ path: packageDir, default: true }, { path: EXTRA_DIR }], namespace: '', sourceApiVersion: project.sourceApiVersion }),
    );
    for (const issue of await checkForIssues(workspace, join(workspace, '.scratch'))) {
      const file = relative(issue.file.startsWith(workspace) ? workspace : PROJECT_ROOT, issue.file).split(sep).join('/').replace(`${EXTRA_DIR}/classes/`, `${EXTRA_DIR}/`);
      const origin = file === `${EXTRA_DIR}/${SOQL_PROBE_CLASS}.cls` ? probe.origins.get(issue.line) : undefined;
      if (issue.category === 'Syntax' && unparsed.has(file)) continue; // already named by the parser
      if (origin) findings.push({ file: origin.file, line: origin.line, column: 0, category: issue.category, message: `SOQL on ${origin.object}: ${issue.message}` });
      else findings.push({ ...issue, file });
    }
  } finally {
    await rm(workspace, { recursive: true, force: true });
  }
  return { files, findings };
}

/** One finding as a line of a report: file:line:column category message (a parser's long "expecting {...}" cut). */
export function describeFinding(finding: ApexFinding): string {
  const message = finding.message.length > 160 ? `${finding.message.slice(0, 157)}...` : finding.message;
  return `${finding.file}:${finding.line}:${finding.column} ${finding.category}: ${message}`;
}

if (import.meta.main) {
  const started = performance.now();
  const { files, findings } = await checkApex();
  for (const finding of findings) console.log(describeFinding(finding));
  console.log(`${files.length} Apex files checked, ${findings.length} findings, ${Math.round(performance.now() - started)} ms`);
  process.exitCode = findings.length === 0 ? 0 : 1;
}
