/**
 * The admins' screen-pop rule tester (issue 3, "Why this record"): type a caller's number, see
 * what ContactPad's crm room would make of it in this org — every match with its label, rule
 * and matched field, the labels, the winning rule, the screen pop in words, the rules that were
 * skipped and why, and the caller's recent interactions. This file holds the tester's state and
 * the report's shape; rule-tester-run.ts fills a report with the real crm room code and
 * rule-tester-view.ts renders it. No DOM here.
 */
import { displayText } from './display-text.ts';

/** One record that matched the number, and why (a row of the matches table). */
export interface RuleTesterMatch {
  readonly recordId: string;
  /** The object's API name (Lead, Contact, Account, Case, LiveChatTranscript, Custom__c...). */
  readonly objectType: string;
  /** The record's name as Salesforce sent it (text, never markup); '' when it has none. */
  readonly name: string;
  /** The label the matching rule earns (Lead, Customer, Previous Customer). */
  readonly label: string;
  /** The screen-pop rule that matched this record (its best rule). */
  readonly rule: RuleTesterRule;
  /** The field whose value matched the number (MobilePhone...). */
  readonly matchedField: string;
  /** Whether this match is among the winners (the best priority that matched). */
  readonly winner: boolean;
}

/** A screen-pop rule as the tester names it: DeveloperName, label in Setup, priority (lower wins). */
export interface RuleTesterRule {
  readonly name: string;
  readonly label: string;
  readonly priority: number;
}

/** What ContactPad would pop, as Open CTI screen pop kinds (record, new-record modal, search, flow, nothing). */
export type RuleTesterDecision =
  | { readonly kind: 'record'; readonly recordId: string; readonly objectType: string; readonly name: string }
  | { readonly kind: 'new-record'; readonly entityName: string; readonly defaultFieldValues: Readonly<Record<string, unknown>> }
  | { readonly kind: 'search'; readonly searchText: string }
  | { readonly kind: 'flow'; readonly flowDevName: string; readonly flowArgs: readonly { readonly name: string; readonly type?: string; readonly value: unknown }[] }
  | { readonly kind: 'none'; readonly reason?: string };

/** One of the caller's recent interactions (customer journey), newest first. */
export interface RuleTesterJourneyEntry {
  readonly taskId: string;
  readonly at: number;
  readonly channel: string;
  readonly agent: string;
  readonly status: string;
  readonly subject: string;
}

/** A rule in words: 'Open Lead (Open_Lead, priority 10)'. */
export function describeRule(rule: RuleTesterRule): string {
  return rule.label === rule.name ? `${rule.name} (priority ${rule.priority})` : `${rule.label} (${rule.name}, priority ${rule.priority})`;
}

/** Everything the tester found for one number. */
export interface RuleTesterReport {
  /** The number as the admin typed it. */
  readonly number: string;
  /** How many active, usable rules were used (skipped ones not counted). */
  readonly rulesUsed: number;
  /** `org`: the org's rules; `built-in`: the shipped defaults, because the org's could not be read. */
  readonly rulesSource: 'org' | 'built-in';
  /** Every match, best rule first. */
  readonly matches: readonly RuleTesterMatch[];
  /** The labels the caller carries (Unknown when nothing matched). */
  readonly labels: readonly string[];
  /** The rule whose match pops; undefined when nothing matched. */
  readonly winningRule: RuleTesterRule | undefined;
  readonly decision: RuleTesterDecision;
  /** Rules that were skipped, each saying which and why. */
  readonly problems: readonly string[];
  readonly journey: readonly RuleTesterJourneyEntry[];
}

/** Where the tester stands. */
export type RuleTesterState =
  | { readonly state: 'idle' }
  | { readonly state: 'running'; readonly number: string }
  | { readonly state: 'done'; readonly report: RuleTesterReport }
  | { readonly state: 'failed'; readonly number: string; readonly message: string };

/** Runs the crm room for one number (rule-tester-run.ts in the console; anything in a test). */
export type RuleTesterRunner = (number: string) => Promise<RuleTesterReport>;


function listInWords(parts: readonly string[]): string {
  if (parts.length <= 1) return parts.join('');
  return `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
}

/**
 * The screen pop in words, as an admin reads it: 'Opens Lead Maria Lopez', 'Opens a search for
 * +14155550105', 'Opens a new Lead with Phone +1 415 555 0199', 'Runs flow Greet_Caller with
 * CallerNumber = +1...', 'Pops nothing'.
 */
export function describeDecision(decision: RuleTesterDecision): string {
  switch (decision.kind) {
    case 'record':
      return `Opens ${decision.objectType} ${decision.name || decision.recordId}`;
    case 'new-record': {
      const fields = Object.entries(decision.defaultFieldValues).map(([name, value]) => `${name} ${displayText(value)}`);
      return fields.length === 0 ? `Opens a new ${decision.entityName}` : `Opens a new ${decision.entityName} with ${listInWords(fields)}`;
    }
    case 'search':
      return `Opens a search for ${decision.searchText}`;
    case 'flow': {
      const args = decision.flowArgs.map((arg) => `${arg.name} = ${displayText(arg.value)}`);
      return args.length === 0 ? `Runs flow ${decision.flowDevName}` : `Runs flow ${decision.flowDevName} with ${listInWords(args)}`;
    }
    case 'none':
      return decision.reason ? `Pops nothing (${decision.reason})` : 'Pops nothing';
  }
}

/** The tester: the number typed so far, the last run's outcome, change listeners. */
export class RuleTester {
  readonly #run: RuleTesterRunner;
  readonly #listeners = new Set<() => void>();
  #state: RuleTesterState = { state: 'idle' };
  #serial = 0;
  /** What the admin has typed in the number field. */
  number = '';

  constructor(run: RuleTesterRunner) {
    this.#run = run;
  }

  get state(): RuleTesterState {
    return this.#state;
  }

  /** Called after every change of state (render then). */
  onChange(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #set(state: RuleTesterState): void {
    this.#state = state;
    for (const listener of this.#listeners) listener();
  }

  /**
   * Tests the typed number (a blank one too: that is a withheld caller). A later test wins over
   * one still running; a failure is shown with its message, never thrown.
   */
  async test(): Promise<void> {
    const number = this.number;
    const serial = ++this.#serial;
    this.#set({ state: 'running', number });
    let next: RuleTesterState;
    try {
      next = { state: 'done', report: await this.#run(number) };
    } catch (error) {
      const code = typeof (error as { code?: unknown })?.code === 'string' ? `${(error as { code: string }).code}: ` : '';
      next = { state: 'failed', number, message: `${code}${error instanceof Error ? error.message : String(error)}` };
    }
    if (serial === this.#serial) this.#set(next);
  }
}
