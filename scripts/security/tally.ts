/**
 * The security suite's counts, door by payload class, and the table it prints.
 *
 * For each value sent through a door:
 * - shown escaped: the pad shows it (as the product cleans it) as text, and nothing was made of it;
 * - blank: the product dropped it (a malformed id, a kind it does not know, a number with no
 *   digits...) or the door is not shown, as the SIP header contract says;
 * - refused: it never reached ContactPad because something before it refused it as the real
 *   one would (the SIP edge for a message larger than it takes; Salesforce for a value longer
 *   than its field);
 * - lost: it should have reached the agent and did not (an INVITE that never rang);
 * - executed: code of it ran somewhere in the browser (trap, dialog, console, request);
 * - injected: an element or attribute was made of it in ContactPad's DOM;
 * - crashed: ContactPad failed while or after handling it (an uncaught error, the pad stopped
 *   being Ready, the pop never left).
 */
/** The payload doors' columns (see the file comment). */
export const PAYLOAD_COLUMNS = [
  ['sent', 'sent'],
  ['shown', 'shown escaped'],
  ['blank', 'blank'],
  ['refused', 'refused'],
  ['lost', 'lost'],
  ['executed', 'executed'],
  ['injected', 'injected'],
  ['crashed', 'crashed'],
] as const;

type Row = Map<string, number>;

/** What went wrong, for the report's list under the table. */
export interface Finding {
  readonly door: string;
  readonly payload: string;
  readonly what: string;
}

/** Counts by door and class, in the columns given (the first, "sent", counts every value added). */
export class Tally {
  readonly #columns: ReadonlyArray<readonly [string, string]>;
  readonly #rows = new Map<string, Map<string, Row>>();
  readonly findings: Finding[] = [];
  lateExecutions = 0;

  constructor(columns: ReadonlyArray<readonly [string, string]> = PAYLOAD_COLUMNS) {
    this.#columns = columns;
  }

  /** Adds one value sent through `door`: `outcome` says what became of it (true counts 1, a number that many). */
  add(door: string, kind: string, outcome: Readonly<Record<string, boolean | number | undefined>>): void {
    let byClass = this.#rows.get(door);
    if (!byClass) {
      byClass = new Map();
      this.#rows.set(door, byClass);
    }
    let row = byClass.get(kind);
    if (!row) {
      row = new Map(this.#columns.map(([key]) => [key, 0]));
      byClass.set(kind, row);
    }
    const [sent] = this.#columns[0] ?? ['sent'];
    row.set(sent, (row.get(sent) ?? 0) + 1);
    for (const [key, value] of Object.entries(outcome)) {
      if (!row.has(key) || key === sent) continue;
      row.set(key, (row.get(key) ?? 0) + (typeof value === 'number' ? value : value ? 1 : 0));
    }
  }

  /** Notes what went wrong with one value (shown under the table). */
  find(door: string, payload: string, what: string): void {
    this.findings.push({ door, payload, what });
  }

  /** A payload whose code ran after its own step had been judged (counted as executed in the verdict). */
  late(mark: string): void {
    this.lateExecutions += 1;
    this.findings.push({ door: '(late)', payload: mark, what: 'EXECUTED after its step' });
  }

  /** The total of one column over every door and class. */
  total(key: string): number {
    let sum = 0;
    for (const byClass of this.#rows.values()) for (const row of byClass.values()) sum += row.get(key) ?? 0;
    return sum;
  }

  /** Doors in the order they were first counted. */
  get doors(): readonly string[] {
    return [...this.#rows.keys()];
  }

  /** The table: one line per door and class, a total line per door, and the grand total. */
  table(): string {
    const classes = [...new Set([...this.#rows.values()].flatMap((byClass) => [...byClass.keys()]))];
    const doorWidth = Math.max(24, ...this.doors.map((door) => door.length));
    const classWidth = Math.max(14, ...classes.map((kind) => kind.length), 'all classes'.length);
    const widths = this.#columns.map(([, heading]) => Math.max(heading.length, 6));
    const cells = (values: readonly (string | number)[]) => values.map((value, i) => String(value).padStart(widths[i] ?? 6)).join('  ');
    const line = (door: string, kind: string, row: Row) => `${door.padEnd(doorWidth)}  ${kind.padEnd(classWidth)}  ${cells(this.#columns.map(([key]) => row.get(key) ?? 0))}`;
    const header = `${'door'.padEnd(doorWidth)}  ${'class'.padEnd(classWidth)}  ${cells(this.#columns.map(([, heading]) => heading))}`;
    const out = [header, '-'.repeat(header.length)];
    const grand: Row = new Map();
    for (const [door, byClass] of this.#rows) {
      const sum: Row = new Map();
      for (const kind of classes) {
        const row = byClass.get(kind);
        if (!row) continue;
        out.push(line(door, kind, row));
        for (const [key, value] of row) {
          sum.set(key, (sum.get(key) ?? 0) + value);
          grand.set(key, (grand.get(key) ?? 0) + value);
        }
      }
      out.push(line(door, 'all classes', sum), '');
    }
    out.push(line('ALL DOORS', 'all classes', grand));
    return out.join('\n');
  }
}
