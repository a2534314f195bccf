import { expect } from '@open-wc/testing';
import { filterHolds, filterTypeProblem, parseRuleFilter, soqlCondition } from './rule-filter.ts';
import type { RuleFilter } from './rule-filter.ts';

declare const describe: (title: string, body: () => void) => void;
declare const it: (title: string, body: () => void | Promise<void>) => void;

function parsed(text: string): RuleFilter {
  const result = parseRuleFilter(text);
  if (!result.ok) throw new Error(result.problem);
  return result.filter;
}

function problem(text: string): string {
  const result = parseRuleFilter(text);
  return result.ok ? '' : result.problem;
}

describe('rule filters (Filter__c)', () => {
  it('reads the filters the shipped rules and CRM teams write', () => {
    expect(parsed('IsConverted = false')).to.deep.equal([{ field: 'IsConverted', operator: '=', values: [false] }]);
    expect(parsed("Type != 'Former Customer'")).to.deep.equal([{ field: 'Type', operator: '!=', values: ['Former Customer'] }]);
    expect(parsed("Type <> 'Former Customer'")).to.deep.equal([{ field: 'Type', operator: '!=', values: ['Former Customer'] }]);
    expect(parsed("Status IN ('New','Working') and Score__c = 3 AND Owner_Code__c NOT IN ('x', null)")).to.deep.equal([
      { field: 'Status', operator: 'IN', values: ['New', 'Working'] },
      { field: 'Score__c', operator: '=', values: [3] },
      { field: 'Owner_Code__c', operator: 'NOT IN', values: ['x', null] },
    ]);
    expect(parsed("Name = 'O\\'Neil \\\\ Co'")).to.deep.equal([{ field: 'Name', operator: '=', values: ["O'Neil \\ Co"] }]);
    expect(parsed('   ')).to.deep.equal([]);
  });

  it('says why a filter cannot be read instead of throwing', () => {
    expect(problem("Type = 'Former")).to.contain('closing quote');
    expect(problem('IsConverted = false OR Status = null')).to.contain('OR is not supported');
    expect(problem("Account.Type = 'Former Customer'")).to.contain('relationship fields');
    expect(problem('IsConverted false')).to.contain('unsupported operator "false"');
    expect(problem('Status IN (New)')).to.contain('not a value');
    expect(problem("Status IN ('New'")).to.contain('closing parenthesis');
    expect(problem('IsConverted = ')).to.contain('needs a value');
    expect(problem('CreatedDate > 2024-01-01')).to.contain('unexpected ">"');
    expect(problem("= 'x'")).to.contain('expected a field name');
  });

  it('holds as SOQL would: text without case, != true for a blank field, IN never for a blank field', () => {
    const record = { Type: 'former customer', IsConverted: false, Status: null };
    expect(filterHolds(parsed("Type = 'Former Customer'"), record)).to.equal(true);
    expect(filterHolds(parsed("Type != 'Former Customer'"), record)).to.equal(false);
    expect(filterHolds(parsed("Status != 'Closed'"), record)).to.equal(true);
    expect(filterHolds(parsed("Status IN ('New')"), record)).to.equal(false);
    expect(filterHolds(parsed("Status NOT IN ('New')"), record)).to.equal(false);
    expect(filterHolds(parsed('Status = null AND IsConverted = false'), record)).to.equal(true);
    expect(filterHolds(parsed('isconverted = true'), record)).to.equal(false);
    expect(filterHolds([], record)).to.equal(true);
  });

  it('writes the filter back as SOQL with text escaped', () => {
    expect(soqlCondition(parsed("Name = 'O\\'Neil' AND Status IN ('New', 'Working') AND IsConverted = false AND Code__c = null"))).to.equal(
      "Name = 'O\\'Neil' AND Status IN ('New', 'Working') AND IsConverted = false AND Code__c = null",
    );
  });

  it('checks that values fit the field type from describe', () => {
    const [condition] = parsed("IsConverted = 'no'");
    expect(filterTypeProblem(condition!, 'boolean')).to.contain('compare it with true or false');
    const [number] = parsed("Score__c = 'high'");
    expect(filterTypeProblem(number!, 'double')).to.contain('a number');
    const [text] = parsed('Type = 3');
    expect(filterTypeProblem(text!, 'picklist')).to.contain("a 'quoted' text");
    const [date] = parsed('Close__c = null');
    expect(filterTypeProblem(date!, 'date')).to.contain('cannot compare');
    expect(filterTypeProblem(parsed('IsConverted = false')[0]!, 'boolean')).to.equal('');
  });
});
