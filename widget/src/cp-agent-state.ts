/**
 * `<cp-agent-state>`: the agent's state (Offline, Ready, Not Ready with a reason, Busy,
 * Wrap Up, Cooldown, Inactive) in words, and beside it the control to choose Ready, Not Ready
 * (with a reason) or Offline (cp-agent-status-choice.ts), which loads right after this element's
 * first paint: the state shows at once, the choice a moment later, long before the agent reaches
 * for it.
 */
import { LitElement, css, html } from 'lit';
import type { AgentState } from '../../adapter/src/store.ts';
import { baseStyles } from './theme.ts';
import { agentStatusWords } from './words.ts';
import { words } from './catalogue/catalogue.ts';
import { loadElement } from './lazy-elements.ts';

/** The agent state and its choice. The choice fires `set-agent-status` with an AgentStatusChoice. */
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

  protected override render() {
    const agent = this.agent;
    if (!agent) return html``;
    // The choice: not needed to ring or answer a call, loaded right after the first paint.
    void loadElement('cp-agent-status-choice');
    const w = words().agentState;
    return html`
      <div class="row">
        <p class="now ${agent.status}" role="status">
          <span class="dot" aria-hidden="true"></span><span class="visually-hidden">${w.now}</span><span class="words">${agentStatusWords(agent)}</span>
        </p>
        <cp-agent-status-choice .agent=${agent} .notReadyReasons=${this.notReadyReasons}></cp-agent-status-choice>
      </div>
    `;
  }
}

if (!customElements.get('cp-agent-state')) customElements.define('cp-agent-state', CpAgentState);

declare global {
  interface HTMLElementTagNameMap {
    'cp-agent-state': CpAgentState;
  }
}
