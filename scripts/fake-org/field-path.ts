/**
 * Field paths in SOQL/SOSL (`Name`, `Account.Name`, `Who.Name`): resolving them against
 * the schema, reading them from records, and shaping records as the REST API returns them
 * (`attributes`, nested relationship objects, `null` for an empty lookup).
 *
 * Sources: SOQL and SOSL Reference, "Relationship Queries" and "Understanding Relationship
 * Fields and Polymorphic Fields" (a polymorphic relationship such as What, Who or Owner
 * offers the Name pseudo-object: Id, Name, Type),
 * https://developer.salesforce.com/docs/platform/salesforce-soql-sosl/guide/sforce-api-calls-soql-relationships-and-polymorph-keys.html;
 * the nested `attributes` of a relationship object as REST Query answers show them. A lookup
 * to a record the org no longer has (deleted, or never there) reads as `null`.
 * INVALID_FIELD "Didn't understand relationship 'X' in field path..." (message unverified).
 */
import type { FakeOrg, SfRecord } from './store.ts';
import type { FieldValue } from './record-values.ts';
import { SalesforceApiError, errorLocation, noSuchColumn } from './salesforce-error.ts';
import { findRelationship, findSObject, sObjectOfId, type FieldDef, type SObjectDef } from './schema.ts';

/** A resolved path: the relationships walked, then the final field. */
export interface FieldPath {
  /** As written, for error messages. */
  text: string;
  /** Relationship hops: the reference field and, unless polymorphic, its target. */
  hops: Array<{ field: FieldDef; relationshipName: string; target: SObjectDef | undefined }>;
  /** The final field name (canonical), and its definition when on a known target. */
  name: string;
  field: FieldDef;
}

/** The Salesforce "Name" pseudo-object fields allowed after a polymorphic relationship. */
const NAME_FIELDS: Record<string, FieldDef> = {
  id: { name: 'Id', label: 'Id', type: 'id' },
  name: { name: 'Name', label: 'Name', type: 'string' },
  type: { name: 'Type', label: 'Type', type: 'string' },
};

/** Resolves `text` on `sobject`, or throws INVALID_FIELD like SOQL does. */
export function resolvePath(org: FakeOrg, sobject: SObjectDef, text: string, statement: string, offset: number): FieldPath {
  const parts = text.split('.');
  const hops: FieldPath['hops'] = [];
  let current: SObjectDef | undefined = sobject;
  for (let i = 0; i < parts.length - 1; i++) {
    const part = parts[i] as string;
    if (!current) throw invalidPath(part, statement, offset);
    const ref = findRelationship(current, part);
    if (!ref || !ref.referenceTo || !ref.relationshipName) throw invalidPath(part, statement, offset);
    const polymorphic = ref.referenceTo.length > 1;
    const target = polymorphic ? undefined : findSObject(ref.referenceTo[0] as string);
    hops.push({ field: ref, relationshipName: ref.relationshipName, target });
    current = target;
    if (polymorphic && i < parts.length - 2) throw invalidPath(parts[i + 1] as string, statement, offset);
  }
  const last = parts[parts.length - 1] as string;
  if (!current) {
    const field = NAME_FIELDS[last.toLowerCase()];
    if (!field) throw noSuchColumn(last, 'Name', errorLocation(statement, offset));
    return { text, hops, name: field.name, field };
  }
  const field = org.field(current, last);
  if (!field) throw noSuchColumn(last, current.name, errorLocation(statement, offset));
  return { text, hops, name: field.name, field };
}

function invalidPath(part: string, statement: string, offset: number): SalesforceApiError {
  return new SalesforceApiError(
    400,
    'INVALID_FIELD',
    `${errorLocation(statement, offset)}Didn't understand relationship '${part}' in field path. If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name. Please reference your WSDL or the describe call for the appropriate names.`,
  );
}

/** The value of `path` on `record` (null through an empty lookup). */
export function readPath(org: FakeOrg, record: SfRecord, path: FieldPath): FieldValue {
  let current: SfRecord | undefined = record;
  let type = '';
  for (const hop of path.hops) {
    const id = current?.[hop.field.name];
    if (typeof id !== 'string') return null;
    current = org.byId(id);
    type = sObjectOfId(id)?.name ?? '';
    if (!current) return null;
  }
  if (!current) return null;
  if (path.hops.length > 0 && path.hops[path.hops.length - 1]?.target === undefined) {
    if (path.name === 'Type') return type;
    if (path.name === 'Name') return displayName(type, current);
  }
  return current[path.name] ?? null;
}

/** The name Salesforce shows for a record (CaseNumber for a Case, Subject for a Task). */
export function displayName(sobject: string, record: SfRecord): FieldValue {
  if (sobject === 'Case') return record.CaseNumber ?? null;
  if (sobject === 'Task') return record.Subject ?? null;
  return record.Name ?? null;
}

/** `attributes` of a record in a REST answer. */
export function attributes(type: string, id: unknown, version: string, urlType = type): { type: string; url: string } {
  return { type, url: `/services/data/${version}/sobjects/${urlType}/${String(id)}` };
}

/** Shapes `record` with the selected paths, as SOQL/SOSL return it (relationships nested). */
export function shapeRecord(org: FakeOrg, sobject: SObjectDef, record: SfRecord, paths: FieldPath[], version: string): Record<string, unknown> {
  const out: Record<string, unknown> = { attributes: attributes(sobject.name, record.Id, version) };
  for (const path of paths) {
    if (path.hops.length === 0) {
      out[path.name] = record[path.name] ?? null;
      continue;
    }
    let container = out;
    let source: SfRecord | undefined = record;
    for (let i = 0; i < path.hops.length; i++) {
      const hop = path.hops[i] as FieldPath['hops'][number];
      const id: FieldValue | undefined = source?.[hop.field.name];
      const next: SfRecord | undefined = typeof id === 'string' ? org.byId(id) : undefined;
      if (!next || typeof id !== 'string') {
        if (!(hop.relationshipName in container)) container[hop.relationshipName] = null;
        break;
      }
      const targetType = sObjectOfId(id)?.name ?? '';
      let nested = container[hop.relationshipName] as Record<string, unknown> | null | undefined;
      if (!nested) {
        nested = { attributes: attributes(hop.target ? hop.target.name : 'Name', id, version, targetType) };
        container[hop.relationshipName] = nested;
      }
      if (i === path.hops.length - 1) {
        nested[path.name] = hop.target ? next[path.name] ?? null : readPath(org, record, path);
      }
      container = nested;
      source = next;
    }
  }
  return out;
}
