/**
 * The customer simulator's preset callers, read from the demo org the fake org is seeded with
 * (scripts/fake-org/fixtures/demo-org.json): a Lead, a Customer (Contact), a caller who is
 * both, a number with several matches, an unknown number and a blank number. When the fixture
 * lists its callers (`callers: [{ label, name, number, queue?, location?, adSource?, kind? }]`)
 * those are used as they are (queue and location default to Sales and the demo dialed number).
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DemoCaller } from './page/demo-caller.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The demo org fixture. */
export const DEMO_ORG_FILE = join(ROOT, 'scripts', 'fake-org', 'fixtures', 'demo-org.json');

const CALL_DEFAULTS = { queue: 'Sales', location: '+1 800 555 0100', adSource: 'Spring campaign', kind: 'voice' } as const;

type Row = Record<string, unknown>;

function text(value: unknown): string {
  return typeof value === 'string' ? value.trim() : '';
}

/** The last 10 digits: how a phone search would match "+1 (415) 555-0101" and "415.555.0101". */
function digitsKey(number: string): string {
  return number.replace(/\D/g, '').slice(-10);
}

function nameOf(row: Row): string {
  return text(row['Name']) || [text(row['FirstName']), text(row['LastName'])].filter(Boolean).join(' ');
}

/** Finds the records of each type in the fixture, whatever its layout (`{ Lead: [...] }` or `{ records: { Lead: [...] } }`). */
function recordsByType(fixture: unknown): Map<string, Row[]> {
  const byType = new Map<string, Row[]>();
  const visit = (value: unknown, depth: number): void => {
    if (depth > 3 || typeof value !== 'object' || value === null) return;
    for (const [key, child] of Object.entries(value)) {
      if (Array.isArray(child) && /^[A-Z][A-Za-z]+$/.test(key)) byType.set(key, [...(byType.get(key) ?? []), ...(child as Row[])]);
      else if (!Array.isArray(child)) visit(child, depth + 1);
    }
  };
  visit(fixture, 0);
  return byType;
}

function explicitCallers(fixture: unknown): DemoCaller[] | undefined {
  const callers = (fixture as { callers?: unknown } | null)?.callers;
  if (!Array.isArray(callers) || callers.length === 0) return undefined;
  return callers
    .filter((caller): caller is Row => typeof caller === 'object' && caller !== null)
    .map((caller) => ({
      ...CALL_DEFAULTS,
      adSource: '',
      label: text(caller['label']) || nameOf(caller) || 'Caller',
      name: text(caller['name']),
      number: text(caller['number']) || text(caller['phone']),
      ...(text(caller['queue']) ? { queue: text(caller['queue']) } : {}),
      ...(text(caller['location']) ? { location: text(caller['location']) } : {}),
      ...(text(caller['adSource']) ? { adSource: text(caller['adSource']) } : {}),
      ...(['voice', 'video', 'callback'].includes(text(caller['kind'])) ? { kind: text(caller['kind']) as DemoCaller['kind'] } : {}),
    }));
}

/** Derives the presets from the records: numbers found on Leads, on Contacts, on both, on several records. */
export function demoCallersFrom(fixture: unknown): DemoCaller[] {
  const explicit = explicitCallers(fixture);
  if (explicit) return explicit;
  const byType = recordsByType(fixture);
  const matches = new Map<string, { number: string; name: string; types: string[] }>();
  for (const type of ['Lead', 'Contact', 'Account']) {
    for (const row of byType.get(type) ?? []) {
      for (const field of ['Phone', 'MobilePhone']) {
        const number = text(row[field]);
        const key = digitsKey(number);
        if (key.length < 7) continue;
        const entry = matches.get(key) ?? { number, name: nameOf(row), types: [] };
        entry.types.push(type);
        matches.set(key, entry);
      }
    }
  }
  const entries = [...matches.values()];
  const picked = new Set<object>();
  const pick = (label: string, test: (types: string[]) => boolean): DemoCaller[] => {
    const found = entries.find((entry) => !picked.has(entry) && test(entry.types));
    if (!found) return [];
    picked.add(found);
    return [{ ...CALL_DEFAULTS, label: `${label}: ${found.name}`, name: found.name, number: found.number }];
  };
  const people = (types: string[]) => types.filter((type) => type !== 'Account');
  return [
    ...pick('Lead', (types) => types.length === 1 && types[0] === 'Lead'),
    ...pick('Customer', (types) => people(types).length === 1 && people(types)[0] === 'Contact'),
    ...pick('Lead and Customer', (types) => types.includes('Lead') && types.includes('Contact')),
    ...pick('Several matches', (types) => types.length >= 2),
    ...builtInUnknownAndBlank(),
  ];
}

function builtInUnknownAndBlank(): DemoCaller[] {
  return [
    { ...CALL_DEFAULTS, label: 'Unknown number', name: 'Unknown Caller', number: '+1 415 555 0199' },
    { ...CALL_DEFAULTS, label: 'Blank number (withheld)', name: '', number: '' },
  ];
}

/** The presets for the local console: from the demo org fixture, or just unknown and blank when it is missing. */
export function loadDemoCallers(file: string = DEMO_ORG_FILE): DemoCaller[] {
  try {
    return demoCallersFrom(JSON.parse(readFileSync(file, 'utf8')));
  } catch {
    return builtInUnknownAndBlank();
  }
}
