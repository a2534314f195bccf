/**
 * One Apex class read with @apexdevtools/apex-parser (the ANTLR grammar of Apex kept by Apex Dev
 * Tools, the parser apex-ls itself builds on, in its current release): its
 * syntax errors, lexer's and parser's both (ApexParserFactory.createLexerAndParser wires one
 * listener to each, as its README says to), and its inline SOQL queries with the object each reads
 * and the fields it names, so the semantic check (apex-ls.ts) can look those fields up too.
 */
import {
  ApexErrorListener,
  ApexParserFactory,
  FieldNameContext,
  FromNameListContext,
  QueryContext,
  SelectEntryContext,
  SubQueryContext,
  TypeOfContext,
  type ApexParseTree,
  type ApexParserRuleContext,
} from '@apexdevtools/apex-parser';

export interface ApexSyntaxError {
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

/** `[SELECT a, b.c FROM Object WHERE d = :x]`: the object, the fields as written (alias removed), the query's line. */
export interface InlineQuery {
  readonly line: number;
  readonly object: string;
  readonly fields: readonly string[];
}

export interface ApexSource {
  readonly syntaxErrors: readonly ApexSyntaxError[];
  readonly queries: readonly InlineQuery[];
}

class CollectingListener extends ApexErrorListener {
  readonly errors: ApexSyntaxError[] = [];
  override apexSyntaxError(line: number, column: number, message: string): void {
    this.errors.push({ line, column, message });
  }
}

export function readApex(source: string): ApexSource {
  const listener = new CollectingListener();
  const { parser } = ApexParserFactory.createLexerAndParser(source, listener);
  const tree = parser.compilationUnit();
  const queries: InlineQuery[] = [];
  if (listener.errors.length === 0) collectQueries(tree, queries);
  return { syntaxErrors: listener.errors, queries };
}

/** A rule's children; a terminal (a token) has none. */
function childrenOf(node: ApexParseTree): readonly ApexParseTree[] {
  return (node as Partial<ApexParserRuleContext>).children ?? [];
}

/**
 * Every query, and every semi-join subquery of a WHERE (`Id IN (SELECT WhatId FROM Task)`), on its
 * own object. A child-relationship subquery of a SELECT list (`(SELECT Id FROM Contacts)`) names a
 * relationship, not an object, and TYPEOF branches name other objects: both are left out.
 */
function collectQueries(node: ApexParseTree, into: InlineQuery[]): void {
  if (node instanceof SelectEntryContext && node.subQuery() !== null) return;
  if (node instanceof QueryContext || node instanceof SubQueryContext) {
    const from = node.fromNameList();
    const object = from.fieldName(0)?.getText() ?? '';
    const alias = from.soqlId(0)?.getText();
    const fields: string[] = [];
    for (const child of childrenOf(node)) if (child !== from) collectFields(child, fields);
    const named = fields.map((field) => (alias !== undefined && field.toLowerCase().startsWith(`${alias.toLowerCase()}.`) ? field.slice(alias.length + 1) : field));
    into.push({ line: node.start.line, object, fields: [...new Set(named)] });
  }
  for (const child of childrenOf(node)) collectQueries(child, into);
}

function collectFields(node: ApexParseTree, into: string[]): void {
  if (node instanceof QueryContext || node instanceof SubQueryContext || node instanceof TypeOfContext || node instanceof FromNameListContext) return;
  if (node instanceof FieldNameContext) {
    into.push(node.getText());
    return;
  }
  for (const child of childrenOf(node)) collectFields(child, into);
}
