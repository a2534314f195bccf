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
 * Only while the bridge offers Omni-Channel (capability `omni`).
 *
 * Loaded with the console bridge (desks/console-desks.ts), off the path that rings and answers.
 */
import type { AgentState, AgentStatusChoice } from '../model/agent-state.ts';
import { ContactPadError } from '../model/errors.ts';
import { choiceForPresence, presenceNameFor, presenceTargetFor, readPresenceMap, samePresence, type OmniPresenceNow, type PresenceMapEntry, type PresenceStatus } from '../model/presence-map.ts';
import type { ContactPadSettings } from '../model/settings.ts';
import type { BridgePresence } from '../host/console-bridge-protocol.ts';
import type { Store } from '../store.ts';
import type { AgentDesk } from './agent-desk.ts';
import type { NoticeDesk } from './notice-desk.ts';
import type { BridgePort, Rooms } from './ports.ts';

/** What presence sync needs: the bridge's setPresence, the org's statuses, and the agent desk. */
export interface PresenceSyncPorts {
  setPresence(statusId: string | null): Promise<unknown>;
  /** The org's presence statuses (crm room); may fail: names still map one way. */
  statuses(): Promise<readonly PresenceStatus[]>;
  /** The agent's new state, as if chosen in the state control. */
  choose(choice: AgentStatusChoice): void;
  notify(error: unknown): void;
}

/** What presence sync follows: the admin's mapping (read from the presenceMap item) and the side that leads. */
export interface PresenceSyncSettings {
  readonly presenceMap: readonly PresenceMapEntry[];
  readonly presenceLeads: ContactPadSettings['presenceLeads'];
}

/** The two-way mapping itself, over ports (tested alone). */
export class PresenceSync {
  readonly #settings: PresenceSyncSettings;
  readonly #ports: PresenceSyncPorts;
  #presence: OmniPresenceNow | null = null;
  #statuses: readonly PresenceStatus[] | undefined;
  #reportedUnknown = new Set<string>();
  /** The presence ContactPad asked for last and has not heard back yet. */
  #asked: string | null | undefined;

  constructor(settings: PresenceSyncSettings, ports: PresenceSyncPorts) {
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
        const message = `presenceMap: Omni-Channel has no presence status named "${name}" (for ${agent.status}); Omni-Channel presence is not changed for it.`;
        this.#ports.notify(new ContactPadError('INVALID_CONFIGURATION', message));
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

/** The presence desk: a {@link PresenceSync} for the attached bridge, fed by the agent's state and the bridge's presence events. */
export class PresenceDesk {
  readonly #settings: PresenceSyncSettings;
  readonly #store: Store;
  readonly #rooms: Rooms;
  readonly #agent: AgentDesk;
  readonly #notices: NoticeDesk;
  #sync: PresenceSync | undefined;
  #unsubscribe: (() => void) | undefined;

  constructor(settings: ContactPadSettings, store: Store, rooms: Rooms, agent: AgentDesk, notices: NoticeDesk) {
    // The presenceMap item is read here, off the ring path, and a wrong entry told like the other settings.
    const problems: string[] = [];
    this.#settings = { presenceMap: readPresenceMap(settings.presenceMap, problems), presenceLeads: settings.presenceLeads };
    for (const problem of problems) notices.notify(new ContactPadError('INVALID_CONFIGURATION', problem));
    this.#store = store;
    this.#rooms = rooms;
    this.#agent = agent;
    this.#notices = notices;
  }

  /** The console bridge is attached: Omni-Channel follows each change of the agent's state from now on. */
  attach(bridge: BridgePort): void {
    const sync = new PresenceSync(this.#settings, {
      setPresence: (statusId) => bridge.setPresence(statusId),
      statuses: () => this.#rooms.requireCrm().presenceStatuses(),
      choose: (choice) => this.#agent.choose(choice),
      notify: (error) => this.#notices.notify(error),
    });
    this.#sync = sync;
    this.#unsubscribe?.();
    let last = this.#store.snapshot.agent;
    this.#unsubscribe = this.#store.subscribe((snapshot) => {
      if (snapshot.agent.status === last.status && snapshot.agent.reason === last.reason) return;
      last = snapshot.agent;
      if (bridge.state === 'connected' && bridge.capabilities.includes('omni')) void sync.agentChanged(snapshot.agent);
    });
  }

  /** The bridge said hello with the agent's presence: the leading side wins. */
  hello(presence: OmniPresenceNow | null): void {
    if (this.#rooms.bridge?.capabilities.includes('omni')) void this.#sync?.start(presence, this.#store.snapshot.agent);
  }

  /**
   * Omni-Channel's presence changed (bridge event presenceChanged). ContactPad's own setPresence
   * comes back as a reply (`replyTo` set): only the console's own changes count.
   */
  changed(presence: BridgePresence, replyTo: string | undefined): void {
    if (replyTo === undefined && this.#rooms.bridge?.capabilities.includes('omni')) void this.#sync?.presenceChanged(presence);
  }
}
