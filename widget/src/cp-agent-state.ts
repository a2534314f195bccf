/**
 * `<cp-agent-state>`: the agent's state (Offline, Ready, Not Ready with a reason, Busy,
 * Wrap Up, Cooldown, Inactive) in words, and the control to choose Ready, Not Ready (with
 * a reason) or Offline. While Busy, in Wrap Up or in Cooldown the choice is the intended
 * next state: the state the agent goes to when the work is done ("Next").
 */
import { LitElement, css, html } from 'lit';
import type { AgentState, AgentStatusChoice } from '../../adapter/src/store.ts';
import { baseStyles } from './theme.ts';
import { intentEvent } from './intent-event.ts';
import { agentStatusWords, choiceWords } from './words.ts';
import { words } from './catalogue/catalogue.ts';

function sameChoice(a: AgentStatusChoice, b: AgentStatusChoice): boolean {
  if (a.status !== b.status) return false;
  return a.status !== 'not-ready' || (b.status === 'not-ready' && a.reason === b.reason);
}

/** The agent state control. Fires `set-agent-status` with an {@link AgentStatusChoice}. */
export class CpAgentState extends LitElement {
  static override properties = {
    agent: { attribute: false },
    notReadyReasons: { attribute: false },
  };

  static override styles = [
    baseStyles,
    css`
      :host {
        display: block;
      }
      .row {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        justify-content: space-between;
        gap: 4px 8px;
      }
      .now {
        margin: 0;
        display: flex;
        align-items: center;
        gap: 6px;
        font-size: 14px;
        font-weight: 700;
      }
      .dot {
        flex: none;
        width: 10px;
        height: 10px;
        border-radius: 50%;
        background: var(--cp-status-idle);
      }
      .ready .dot {
        background: var(--cp-success);
      }
      .not-ready .dot {
        background: var(--cp-danger);
      }
      .busy .dot,
      .wrap-up .dot,
      .cooldown .dot {
        background: var(--cp-warning);
      }
      .inactive .dot {
        background: var(--cp-status-inactive);
      }
      .choice {
        display: flex;
        align-items: center;
        gap: 6px;
        min-width: 0;
      }
      select {
        max-width: 210px;
      }
    `,
  ];

  /** The agent state from the store snapshot. */
  declare agent: AgentState | undefined;
  /** Not Ready reasons the agent may pick (snapshot.notReadyReasons). */
  declare notReadyReasons: readonly string[];

  constructor() {
    super();
    this.agent = undefined;
    this.notReadyReasons = [];
  }

  /** Ready, one Not Ready per reason, Offline; plus the current choice if the list lost it. */
  #choices(): AgentStatusChoice[] {
    const choices: AgentStatusChoice[] = [
      { status: 'ready' },
      ...this.notReadyReasons.filter((reason) => reason !== '').map((reason): AgentStatusChoice => ({ status: 'not-ready', reason })),
      { status: 'offline' },
    ];
    const chosen = this.agent?.chosen;
    if (chosen && !choices.some((choice) => sameChoice(choice, chosen))) choices.splice(choices.length - 1, 0, chosen);
    return choices;
  }

  protected override render() {
    const agent = this.agent;
    if (!agent) return html``;
    const following = agent.status === 'busy' || agent.status === 'wrap-up' || agent.status === 'cooldown';
    const choices = this.#choices();
    const w = words().agentState;
    return html`
      <div class="row">
        <p class="now ${agent.status}" role="status">
          <span class="dot" aria-hidden="true"></span><span class="visually-hidden">${w.now}</span><span class="words">${agentStatusWords(agent)}</span>
        </p>
        <div class="choice">
          <label for="choice">${following ? w.next : w.choose}</label>
          <select id="choice" @change=${this.#changed}>
            ${choices.map(
              (choice, index) => html`<option value=${String(index)} ?selected=${sameChoice(choice, agent.chosen)}>${choiceWords(choice)}</option>`,
            )}
          </select>
        </div>
      </div>
    `;
  }

  protected override updated(): void {
    // The select shows what the store says was chosen, not what was last clicked.
    const select = this.renderRoot.querySelector('select');
    const chosen = this.agent?.chosen;
    if (!select || !chosen) return;
    const index = this.#choices().findIndex((choice) => sameChoice(choice, chosen));
    if (index >= 0) select.value = String(index);
  }

  #changed(event: Event): void {
    const select = event.target as HTMLSelectElement;
    const choice = this.#choices()[Number(select.value)];
    if (!choice || (this.agent && sameChoice(choice, this.agent.chosen))) return;
    this.dispatchEvent(intentEvent({ type: 'set-agent-status', choice }));
    // Show the store's truth again: the new choice if the controller took it, else the old one.
    this.requestUpdate();
  }
}

if (!customElements.get('cp-agent-state')) customElements.define('cp-agent-state', CpAgentState);

declare global {
  interface HTMLElementTagNameMap {
    'cp-agent-state': CpAgentState;
  }
}
