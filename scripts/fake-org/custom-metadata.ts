/**
 * Reads the custom metadata records the project ships (`force-app/main/default/customMetadata/
 * <Type>.<DeveloperName>.md-meta.xml`, and `force-app-legacy-chat/main/default/customMetadata/`
 * for orgs with legacy Chat; the Metadata API `CustomMetadata` source format,
 * https://developer.salesforce.com/docs/atlas.en-us.api_meta.meta/api_meta/meta_custommetadata.htm),
 * so that every fake org holds exactly the screen-pop rules and settings an admin deploys
 * there. Node only (reads files).
 *
 * A file becomes a record of `<Type>__mdt` with `DeveloperName` (from the file name),
 * `MasterLabel` (`<label>`) and one field per `<values>`: `xsd:boolean` -> boolean,
 * `xsd:double`/`xsd:int` -> number, `xsi:nil` -> null, anything else -> text.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import type { OrgSeed, SeedRecords } from './store.ts';

/** Where force-app keeps its custom metadata records (deployed to every org). */
export const SHIPPED_CUSTOM_METADATA_DIR = new URL('../../force-app/main/default/customMetadata/', import.meta.url);

/**
 * Where the legacy-Chat package keeps its custom metadata records (the screen-pop rule for
 * chat visitors): deployed only where legacy Chat is on, since its deploy fails elsewhere.
 */
export const LEGACY_CHAT_CUSTOM_METADATA_DIR = new URL('../../force-app-legacy-chat/main/default/customMetadata/', import.meta.url);

const FILE_NAME = /^([A-Za-z][A-Za-z0-9_]*)\.([A-Za-z][A-Za-z0-9_]*)\.md-meta\.xml$/;

/** One record as the fake org stores it: the sObject (`Type__mdt`) and its field values. */
export interface CustomMetadataRecord {
  readonly sobject: string;
  readonly fields: Record<string, string | number | boolean | null>;
}

function decodeXml(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_all, code: string) => String.fromCodePoint(Number(code)))
    .replace(/&amp;/g, '&');
}

/** Parses one `.md-meta.xml` file; throws naming the file when it is not a custom metadata record. */
export function parseCustomMetadataFile(fileName: string, xml: string): CustomMetadataRecord {
  const name = FILE_NAME.exec(fileName);
  if (!name) throw new Error(`${fileName}: not a <Type>.<DeveloperName>.md-meta.xml file`);
  if (!/<CustomMetadata[\s>]/.test(xml)) throw new Error(`${fileName}: no <CustomMetadata> element`);
  const label = /<label>([\s\S]*?)<\/label>/.exec(xml)?.[1];
  if (label === undefined) throw new Error(`${fileName}: no <label>`);
  const fields: Record<string, string | number | boolean | null> = {
    DeveloperName: name[2] as string,
    MasterLabel: decodeXml(label),
  };
  for (const match of xml.matchAll(/<values>([\s\S]*?)<\/values>/g)) {
    const body = match[1] ?? '';
    const field = /<field>([^<]+)<\/field>/.exec(body)?.[1]?.trim();
    if (!field) throw new Error(`${fileName}: a <values> without <field>`);
    const value = /<value(\s[^>]*)?(?:\/>|>([\s\S]*?)<\/value>)/.exec(body);
    const attributes = value?.[1] ?? '';
    const text = decodeXml(value?.[2] ?? '');
    if (!value || /xsi:nil="true"/.test(attributes)) fields[field] = null;
    else if (/xsd:boolean/.test(attributes)) fields[field] = text.trim() === 'true';
    else if (/xsd:(double|int|long|decimal)/.test(attributes)) fields[field] = Number(text.trim());
    else fields[field] = text;
  }
  return { sobject: `${name[1]}__mdt`, fields };
}

/** Every record in `dir` (sorted by file name), as a seed for a fake org; none when the directory does not exist. */
export function readCustomMetadataDir(dir: URL = SHIPPED_CUSTOM_METADATA_DIR): OrgSeed & { records: SeedRecords } {
  const records: SeedRecords = {};
  if (!existsSync(dir)) return { records };
  for (const fileName of readdirSync(dir).filter((file) => file.endsWith('.md-meta.xml')).sort()) {
    const record = parseCustomMetadataFile(fileName, readFileSync(new URL(fileName, dir), 'utf8'));
    (records[record.sobject] ??= []).push(record.fields);
  }
  return { records };
}

/**
 * What the project deploys to an org, as a seed: force-app's records always, the legacy-Chat
 * package's only in orgs with legacy Chat (`featureRecords.legacyChat`).
 */
export function readShippedCustomMetadata(): OrgSeed {
  return {
    records: readCustomMetadataDir(SHIPPED_CUSTOM_METADATA_DIR).records,
    featureRecords: { legacyChat: readCustomMetadataDir(LEGACY_CHAT_CUSTOM_METADATA_DIR).records },
  };
}
