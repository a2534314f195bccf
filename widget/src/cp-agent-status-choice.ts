/**
 * `<cp-agent-status-choice>`: the control to choose Ready, Not Ready (with a reason) or Offline,
 * inside `<cp-agent-state>`, which shows the status itself. While Busy, in Wrap Up or in Cooldown
 * the choice is the intended next state: the state the agent goes to when the work is done
 * ("Next"). Not needed to ring or answer a call: cp-agent-state.ts loads it right after its first
 * paint (lazy-elements.ts), long before an agent can reach for it.
 */
import { LitElement, css, html } from 'lit';
import type { AgentState, AgentStatusChoice } from '../../adapter/src/store.ts';
import { baseStyles } from './theme.ts';
import { intentEvent } from './intent-event.ts';
import { words } from './catalogue/catalogue.ts';

function sameChoice(a: AgentStatusChoice, b: AgentStatusChoice): boolean {
  if (a.status !== b.status) return false;
  return a.status !== 'not-ready' || (b.status === 'not-ready' && a.reason === b.reason);
}

/** A choosable state in words: "Ready", "Not Ready — Lunch", "Offline". */
function choiceWords(choice: AgentStatusChoice): string {
  return choice.status === 'not-ready' && choice.reason ? words().notReadyBecause(choice.reason) : words().agentStatuses[choice.status];
}

/** The agent status choice. Fires `set-agent-status` with an {@link AgentStatusChoice}. */
export class CpAgentStatusChoice extends LitElement {
  static override properties = {
    agent: { attribute: false },
    notReadyReasons: { attribute: false },
  };

  static override styles = [
    baseStyles,
    css`
      :host {
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
    const w = words().agentState;
    return html`
      <label for="choice">${following ? w.next : w.choose}</label>
      <select id="choice" @change=${this.#changed}>
        ${this.#choices().map(
          (choice, index) => html`<option value=${String(index)} ?selected=${sameChoice(choice, agent.chosen)}>${choiceWords(choice)}</option>`,
        )}
      </select>
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

if (!customElements.get('cp-agent-status-choice')) customElements.define('cp-agent-status-choice', CpAgentStatusChoice);

declare global {
  interface HTMLElementTagNameMap {
    'cp-agent-status-choice': CpAgentStatusChoice;
  }
}
