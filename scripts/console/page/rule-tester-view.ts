/**
 * Renders the rule tester tab with lit (every binding is escaped: caller and CRM data show as
 * text): a labelled number field and a Test button, then the matches table (record, object,
 * label, rule, matched field), the labels, the winning rule, the pop in words, the rule
 * problems and the caller's journey. data-testid hooks: rule-tester-input, rule-tester-run,
 * rule-tester-results, rule-tester-decision, rule-tester-problems (and rule-tester-match,
 * rule-tester-labels, rule-tester-winning-rule, rule-tester-journey).
 */
import { html, nothing, type TemplateResult } from 'lit';
import { describeDecision, describeRule, type RuleTester, type RuleTesterReport } from './rule-tester.ts';

function when(at: number): string {
  const date = new Date(at);
  return Number.isFinite(date.getTime()) ? date.toLocaleString() : '';
}

function reportView(report: RuleTesterReport, openRecord: (recordId: string) => void): TemplateResult {
  const unknown = report.matches.length === 0;
  return html`
    <h3>Number ${report.number === '' ? '(withheld)' : report.number}</h3>
    <p>
      Labels: <strong data-testid="rule-tester-labels">${report.labels.join(', ')}</strong>.
      Winning rule: <strong data-testid="rule-tester-winning-rule">${report.winningRule ? describeRule(report.winningRule) : 'none (no rule matched)'}</strong>.
      <span class="muted" data-testid="rule-tester-rules-source">${report.rulesSource === 'org'
        ? `${report.rulesUsed} usable active rule(s) read from the org.`
        : `The org's rules could not be read: the ${report.rulesUsed} built-in rules were used.`}</span>
    </p>
    <p class="decision">What would pop: <strong data-testid="rule-tester-decision">${describeDecision(report.decision)}</strong></p>
    ${unknown
      ? html`<p data-testid="rule-tester-no-match">No record matched this number.</p>`
      : html`<table class="list" data-testid="rule-tester-matches">
          <caption>Matches, best rule first</caption>
          <thead>
            <tr><th scope="col">Record</th><th scope="col">Object</th><th scope="col">Label</th><th scope="col">Rule</th><th scope="col">Matched field</th><th scope="col">Wins</th></tr>
          </thead>
          <tbody>
            ${report.matches.map(
              (match) => html`<tr data-testid="rule-tester-match" data-record-id=${match.recordId}>
                <td><button type="button" class="link" @click=${() => openRecord(match.recordId)}>${match.name || match.recordId}</button></td>
                <td>${match.objectType}</td>
                <td>${match.label}</td>
                <td>${describeRule(match.rule)}</td>
                <td>${match.matchedField}</td>
                <td>${match.winner ? html`<span class="badge">wins</span>` : nothing}</td>
              </tr>`,
            )}
          </tbody>
        </table>`}
    <h4 id="rule-tester-problems-title">Rule problems</h4>
    <ul data-testid="rule-tester-problems" aria-labelledby="rule-tester-problems-title">
      ${report.problems.length === 0
        ? html`<li class="muted">None: every rule was usable.</li>`
        : report.problems.map((problem) => html`<li class="error" data-testid="rule-tester-problem">${problem}</li>`)}
    </ul>
    <h4>Caller's journey</h4>
    ${report.journey.length === 0
      ? html`<p class="muted" data-testid="rule-tester-journey">No recent interactions.</p>`
      : html`<table class="list" data-testid="rule-tester-journey">
          <caption>Recent interactions, newest first</caption>
          <thead><tr><th scope="col">When</th><th scope="col">Channel</th><th scope="col">Agent</th><th scope="col">Status</th><th scope="col">Subject</th></tr></thead>
          <tbody>
            ${report.journey.map(
              (entry) => html`<tr data-testid="rule-tester-journey-entry" data-at=${String(entry.at)}>
                <td>${when(entry.at)}</td>
                <td>${entry.channel}</td>
                <td>${entry.agent}</td>
                <td>${entry.status}</td>
                <td><button type="button" class="link" @click=${() => openRecord(entry.taskId)}>${entry.subject || entry.taskId}</button></td>
              </tr>`,
            )}
          </tbody>
        </table>`}`;
}

function resultsView(tester: RuleTester, openRecord: (recordId: string) => void): TemplateResult | typeof nothing {
  const state = tester.state;
  switch (state.state) {
    case 'idle':
      return html`<p class="muted">Type a caller's number and press Test.</p>`;
    case 'running':
      return html`<p class="muted">Testing ${state.number === '' ? 'a withheld number' : state.number}...</p>`;
    case 'failed':
      return html`<p class="error" role="alert">The test failed: ${state.message}</p>`;
    case 'done':
      return reportView(state.report, openRecord);
  }
}

/** The rule tester tab's content. `openRecord` opens a match (or a journey Task) in a record tab. */
export function ruleTesterView(tester: RuleTester, openRecord: (recordId: string) => void): TemplateResult {
  const running = tester.state.state === 'running';
  return html`
    <h2>Screen-pop rule tester</h2>
    <p class="muted">Runs ContactPad's caller lookup and screen-pop decision against this org's rules (read afresh on every test), as an incoming call would.</p>
    <form class="rule-tester-form" @submit=${(event: Event) => {
      event.preventDefault();
      void tester.test();
    }}>
      <div class="form-field">
        <label for="rule-tester-input">Caller number</label>
        <input id="rule-tester-input" type="tel" autocomplete="off" data-testid="rule-tester-input" .value=${tester.number}
          @input=${(event: Event) => {
            tester.number = (event.target as HTMLInputElement).value;
          }} />
      </div>
      <button type="submit" class="brand" data-testid="rule-tester-run" ?disabled=${running}>Test</button>
    </form>
    <section data-testid="rule-tester-results" aria-live="polite" aria-busy=${running ? 'true' : 'false'} aria-label="Rule tester results">
      ${resultsView(tester, openRecord)}
    </section>`;
}
