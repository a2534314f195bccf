/**
 * Presence sync, both ways, between ContactPad's agent state and Omni-Channel's presence
 * (through the console bridge), with the admin's mapping (settings `presenceMap`) and the
 * side that leads when the two first meet (settings `presenceLeads`):
 *
 *   agent state changes  -> mapped presence name -> org status id -> bridge.setPresence
 *   presence changes     -> mapped agent state (Ready, Not Ready with the status label, Offline)
 *
 * A change that maps to what the other side already shows is not sent back, so the two never
 * ping-pong. States without a mapping (Busy, Wrap Up... by default) leave the presence alone.
 */
import type { AgentState, AgentStatusChoice } from './model/agent-state.ts';
import { ContactPadError } from './model/errors.ts';
import {
  choiceForPresence,
  presenceNameFor,
  presenceTargetFor,
  samePresence,
  type OmniPresenceNow,
  type PresenceStatus,
} from './model/presence-map.ts';
import type { ContactPadSettings } from './model/settings.ts';

/** What presence sync needs: the bridge's setPresence, the org's statuses, and the controller. */
export interface PresenceSyncPorts {
  setPresence(statusId: string | null): Promise<unknown>;
  /** The org's presence statuses (crm room); may fail: names still map one way. */
  statuses(): Promise<readonly PresenceStatus[]>;
  /** The agent's new state, as if chosen in the state control. */
  choose(choice: AgentStatusChoice): void;
  notify(error: unknown): void;
}

export class PresenceSync {
  readonly #settings: Pick<ContactPadSettings, 'presenceMap' | 'presenceLeads'>;
  readonly #ports: PresenceSyncPorts;
  #presence: OmniPresenceNow | null = null;
  #statuses: readonly PresenceStatus[] | undefined;
  #reportedUnknown = new Set<string>();
  /** The presence ContactPad asked for last and has not heard back yet. */
  #asked: string | null | undefined;

  constructor(settings: Pick<ContactPadSettings, 'presenceMap' | 'presenceLeads'>, ports: PresenceSyncPorts) {
    this.#settings = settings;
    this.#ports = ports;
  }

  /** The bridge is there with this presence: the leading side's state wins. */
  async start(presence: OmniPresenceNow | null, agent: AgentState): Promise<void> {
    this.#presence = presence;
    if (this.#settings.presenceLeads === 'omni-channel') {
      if (presence) await this.presenceChanged(presence);
    } else {
      await this.agentChanged(agent);
    }
  }

  /** ContactPad's agent state changed: Omni-Channel follows when the state is mapped. */
  async agentChanged(agent: AgentState): Promise<void> {
    const name = presenceNameFor(agent.status, this.#settings.presenceMap);
    if (name === undefined) return;
    const target = presenceTargetFor(name, await this.#orgStatuses());
    if (!target.found) {
      if (!this.#reportedUnknown.has(name)) {
        this.#reportedUnknown.add(name);
        this.#ports.notify(
          new ContactPadError(
            'INVALID_CONFIGURATION',
            `presenceMap: Omni-Channel has no presence status named "${name}" (for ${agent.status}); Omni-Channel presence is not changed for it.`,
          ),
        );
      }
      return;
    }
    const current = this.#presence?.statusId;
    if (this.#asked !== undefined ? samePresence(this.#asked, target.statusId) : current !== undefined && samePresence(current, target.statusId)) return;
    this.#asked = target.statusId;
    try {
      await this.#ports.setPresence(target.statusId);
      this.#presence = { statusId: target.statusId, statusName: name };
    } catch (error) {
      this.#ports.notify(error);
    } finally {
      if (this.#asked === target.statusId) this.#asked = undefined;
    }
  }

  /** Omni-Channel's presence changed on its own (the agent used the Omni-Channel widget): ContactPad follows when mapped. */
  async presenceChanged(presence: OmniPresenceNow): Promise<void> {
    this.#presence = presence;
    const choice = choiceForPresence(presence, this.#settings.presenceMap, await this.#orgStatuses());
    if (choice) this.#ports.choose(choice);
  }

  async #orgStatuses(): Promise<readonly PresenceStatus[]> {
    if (this.#statuses) return this.#statuses;
    try {
      this.#statuses = await this.#ports.statuses();
      return this.#statuses;
    } catch (error) {
      this.#ports.notify(error);
      return [];
    }
  }
}
