/**
 * The agent's Omni-Channel presence in the local console (Salesforce ServicePresenceStatus:
 * Available, Busy, Offline, each with a 0N5 status id), chosen in the console header's
 * presence select (the Omni-Channel widget) or set through the Omni-Channel toolkit
 * (omni-toolkit-fake.ts). No DOM here.
 */

/** An Omni-Channel presence status the local console offers. */
export interface OmniPresenceStatus {
  /** ServicePresenceStatus id (key prefix 0N5); null for Offline (logged out of Omni-Channel). */
  readonly id: string | null;
  /** Its API name (DeveloperName). */
  readonly apiName: string;
  /** What the presence select shows. */
  readonly label: string;
}

/** The statuses of the local console's Omni-Channel, in the select's order. */
export const OMNI_PRESENCE_STATUSES: readonly OmniPresenceStatus[] = [
  { id: '0N5000000000001CAA', apiName: 'Available', label: 'Available' },
  { id: '0N5000000000002CAA', apiName: 'Busy', label: 'Busy' },
  { id: null, apiName: 'Offline', label: 'Offline' },
];

/** Who changed the presence: the agent in the Omni-Channel widget (the console's select), or a component through the Omni-Channel toolkit. */
export type PresenceChangeSource = 'user' | 'toolkit';

/** The current presence with change listeners. Starts Offline, as Omni-Channel does at login. */
export class OmniPresence {
  readonly #listeners = new Set<(status: OmniPresenceStatus, source: PresenceChangeSource) => void>();
  #current: OmniPresenceStatus = OMNI_PRESENCE_STATUSES[2]!;

  get current(): OmniPresenceStatus {
    return this.#current;
  }

  /** The status with this id (null: Offline); undefined when the console has no such status. */
  static byId(id: string | null): OmniPresenceStatus | undefined {
    return OMNI_PRESENCE_STATUSES.find((status) => status.id === id || (id !== null && status.id !== null && status.id.slice(0, 15) === id.slice(0, 15)));
  }

  /** The status with this API name (the presence select's values); undefined when unknown. */
  static byApiName(apiName: string): OmniPresenceStatus | undefined {
    return OMNI_PRESENCE_STATUSES.find((status) => status.apiName === apiName);
  }

  /** Called after every change, with who made it. */
  onChange(listener: (status: OmniPresenceStatus, source: PresenceChangeSource) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Sets the presence; false (and nothing reported) when it already is that status. */
  set(status: OmniPresenceStatus, source: PresenceChangeSource): boolean {
    if (status.apiName === this.#current.apiName) return false;
    this.#current = status;
    for (const listener of this.#listeners) listener(status, source);
    return true;
  }
}
