/**
 * Who is calling, as the caller lookup found them: the labels the caller earned, every
 * matching record with the rule and field that matched ("why this record"), the winning
 * rule's matches, and the customer journey. Types only (plus the unknown caller), so the
 * controller and the pure screen-pop decision can use them without the lookup's weight.
 */
import type { CallerLabel } from '../model/caller-label.ts';
import type { JourneyEntry } from '../model/journey-entry.ts';
import type { RuleLabel, ScreenPopRule } from './screen-pop-rules.ts';

/** One record that matched the caller's number under one screen-pop rule. */
export interface CallerMatch {
  /** The record id. */
  readonly id: string;
  /** The object's API name: Lead, Contact, Account, Case, LiveChatTranscript, Custom__c... */
  readonly objectType: string;
  /** The record's name (the rule's name field: Name, CaseNumber...); '' when blank. Plain text, never markup. */
  readonly name: string;
  /** The label the rule earns (Lead, Customer, Previous Customer). */
  readonly label: RuleLabel;
  /** The rule that matched: its DeveloperName, its label in Setup, its priority (lower wins). */
  readonly rule: { readonly name: string; readonly label: string; readonly priority: number };
  /** The phone field whose value is the caller's number (MobilePhone...). */
  readonly matchedField: string;
  /** The record's AccountId, when the object has one and it is set (a Contact's account...). */
  readonly accountId?: string;
}

/** The caller as Salesforce knows them. */
export interface CallerIdentity {
  /** Every label any match earned (Lead, Customer, Previous Customer, in that order); ['Unknown'] when none. */
  readonly labels: readonly CallerLabel[];
  /** Every matching record once (under its best rule), best rule first, then by name. */
  readonly matches: readonly CallerMatch[];
  /** The matches of the winning priority: one pops; several give the agent a picker. */
  readonly winners: readonly CallerMatch[];
  /** The rule whose match pops (of the winners, the first one's rule); none when nothing matched. */
  readonly winningRule?: ScreenPopRule;
  /** The caller's recent interactions, newest first. */
  readonly journey: readonly JourneyEntry[];
  /** Served from the repeat-caller cache (no API request spent). */
  readonly cached: boolean;
  /** The record the agent picked for this number on an earlier call, when it is still among the winners. */
  readonly rememberedId?: string;
}

/** The identity of a caller nobody knows (or whose number cannot be searched). */
export const UNKNOWN_CALLER: CallerIdentity = Object.freeze({
  labels: Object.freeze(['Unknown'] as const),
  matches: Object.freeze([]),
  winners: Object.freeze([]),
  journey: Object.freeze([]),
  cached: false,
});
