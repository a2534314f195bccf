/**
 * Fills a rule tester report with ContactPad's REAL crm room code (adapter/src/crm) against the
 * console's org: a CrmConnection built from the console's session (jsforce bundled in, as the
 * softphone's crm room loads it), the screen-pop rules (one composite request,
 * read afresh on every test so an admin's edit shows at once), the caller lookup (one SOSL
 * request) and the screen-pop decision. Two API requests per test.
 */
import { lookUpCaller } from '../../../adapter/src/crm/caller-lookup.ts';
import { CrmConnection } from '../../../adapter/src/crm/crm-connection.ts';
import { decideScreenPop } from '../../../adapter/src/crm/screen-pop-decision.ts';
import { loadScreenPopRules } from '../../../adapter/src/crm/screen-pop-rules.ts';
import { readSettings } from '../../../adapter/src/model/settings.ts';
import type { RuleTesterDecision, RuleTesterReport, RuleTesterRunner } from './rule-tester.ts';

/** What the tester needs from the console's configuration. */
export interface RuleTesterRunOptions {
  /** The org's instance URL (the console's own origin). */
  readonly instanceUrl: string;
  /** The console's session id (bearer token; never logged). */
  readonly sessionId: string;
  readonly apiVersion: string;
  /** The CallCenter items (defaultCountry and lookupTimeoutMs, read as ContactPad reads them). */
  readonly callCenterSettings: Readonly<Record<string, string>>;
}

/** A runner that looks numbers up in the console's org with the crm room's own code. */
export function crmRuleTesterRunner(options: RuleTesterRunOptions): RuleTesterRunner {
  const { settings } = readSettings({ ...options.callCenterSettings });
  const connection = new CrmConnection({
    instanceUrl: options.instanceUrl,
    accessToken: options.sessionId,
    apiVersion: options.apiVersion,
    timeoutMs: settings.lookupTimeoutMs,
  });
  return async (number: string): Promise<RuleTesterReport> => {
    const rules = await loadScreenPopRules(connection);
    const identity = await lookUpCaller(connection, rules, number, settings.defaultCountry);
    const decision = decideScreenPop(identity, number, rules.settings);
    const winners = new Set(identity.winners.map((winner) => winner.id));
    let described: RuleTesterDecision;
    if (decision.kind === 'record') {
      const name = identity.matches.find((match) => match.id === decision.recordId)?.name ?? '';
      described = { ...decision, name };
    } else if (decision.kind === 'none') {
      described = { kind: 'none', reason: identity.winners.length > 1 ? 'several records match, and the number is too short to search for' : '' };
    } else {
      described = decision;
    }
    const winningRule = identity.winningRule;
    return {
      number,
      rulesUsed: rules.rules.length,
      rulesSource: rules.source,
      matches: identity.matches.map((match) => ({
        recordId: match.id,
        objectType: match.objectType,
        name: match.name,
        label: match.label,
        rule: match.rule,
        matchedField: match.matchedField,
        winner: winners.has(match.id),
      })),
      labels: identity.labels,
      winningRule: winningRule ? { name: winningRule.name, label: winningRule.label, priority: winningRule.priority } : undefined,
      decision: described,
      problems: rules.problems,
      journey: identity.journey,
    };
  };
}
