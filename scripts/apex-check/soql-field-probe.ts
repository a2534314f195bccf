/**
 * apex-ls does not look up the fields an inline SOQL query names ([SELECT Nope__c FROM Task] passes
 * its check), and it reads a field with dot notation leniently on a standard object the package
 * adds fields to (its SObjectDeployer marks such an object incomplete: `isComplete =
 * baseAsSObject.nonEmpty`, and Expressions.scala reports an unknown field only on a complete type).
 * It does check every name of an SObject constructor (`new Task(Nope__c = null)`: "Unknown field
 * 'Nope__c' on SObject 'Schema.Task'"), on any object. So each field a query names becomes one line
 * of a class apex-ls checks beside force-app's, and each issue on a line of it is reported at the
 * query it came from:
 *   SObject f0 = new Task(WhatId = null);          the field, or a path's first step (Owner of Owner.Name)
 *   Object p1 = q0.Owner.Name;                     a path, checked as far as apex-ls knows the objects
 */
import type { InlineQuery } from './apex-source.ts';

export interface QueryInClass {
  /** Where the query is written, e.g. ContactPadCallbackQueue.cls. */
  readonly file: string;
  readonly query: InlineQuery;
}

export interface SoqlFieldProbe {
  readonly source: string;
  /** Line of `source` -> the query and field it stands for. */
  readonly origins: ReadonlyMap<number, { readonly file: string; readonly line: number; readonly object: string; readonly field: string }>;
}

export function soqlFieldProbe(className: string, queries: readonly QueryInClass[]): SoqlFieldProbe {
  const lines = [`public class ${className} {`, '    static void fields() {'];
  const origins = new Map<number, { file: string; line: number; object: string; field: string }>();
  const add = (code: string, file: string, query: InlineQuery, field: string) => {
    lines.push(`        ${code}`);
    origins.set(lines.length, { file, line: query.line, object: query.object, field });
  };
  queries.forEach(({ file, query }, q) => {
    add(`${query.object} q${q} = null;`, file, query, '');
    query.fields.forEach((field, f) => {
      add(`SObject q${q}f${f} = new ${query.object}(${field.split('.')[0]} = null);`, file, query, field);
      if (field.includes('.')) add(`Object q${q}p${f} = q${q}.${field};`, file, query, field);
    });
  });
  lines.push('    }', '}', '');
  return { source: lines.join('\n'), origins };
}
