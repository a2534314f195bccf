/**
 * The local console's Omni-Channel: the work items routed to the agent (Salesforce AgentWork
 * rows: a `workId` for the assignment, a `workItemId` for the record being worked: a
 * LiveChatTranscript for a chat, a Case for an email or a case) and their states. What the
 * Omni-Channel toolkit (acceptAgentWork, declineAgentWork, closeAgentWork) acts on in a real
 * console. No DOM and no messages here: the console bridge turns changes into protocol events.
 */

/** The Omni-Channel service channel a work item came through. */
export type OmniChannelKind = 'chat' | 'email' | 'case';

/** Where an AgentWork stands, as the simulator panel shows it. */
export type OmniWorkState = 'assigned' | 'accepted' | 'declined' | 'closed' | 'delivery-failed';

/** The label the panel shows for each state. */
export const OMNI_WORK_STATE_LABELS: Readonly<Record<OmniWorkState, string>> = {
  assigned: 'Assigned',
  accepted: 'Accepted',
  declined: 'Declined',
  closed: 'Closed',
  'delivery-failed': 'Delivery failed',
};

/** One AgentWork routed to the agent. */
export interface OmniWorkItem {
  /** AgentWork id (key prefix 0Bz). */
  readonly workId: string;
  /** The record worked on: a LiveChatTranscript (chat) or a Case (email, case). */
  readonly workItemId: string;
  readonly channel: OmniChannelKind;
  /** The customer's name, as the simulator typed it. */
  readonly customerName: string;
  /** Whether it was routed with auto-accept on (assigned as accepted). */
  readonly isAutoAccept: boolean;
  readonly state: OmniWorkState;
  /** Why the agent declined it (state 'declined'). */
  readonly declineReason?: string;
}

/** Why an Omni-Channel action on a work item was refused. */
export class OmniWorkError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OmniWorkError';
  }
}

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** A fresh 18-character AgentWork-like id (0Bz...), unique within the page. */
function newWorkId(serial: number): string {
  let body = '';
  let rest = serial;
  for (let index = 0; index < 9; index += 1) {
    body = BASE62[rest % 62]! + body;
    rest = Math.floor(rest / 62);
  }
  return `0Bz000${body}AAA`;
}

/** The agent's Omni-Channel work items, in routing order, with change listeners. */
export class OmniWorkItems {
  readonly #items: OmniWorkItem[] = [];
  readonly #listeners = new Set<() => void>();
  #serial = 0;

  /** Every work item routed so far, oldest first. */
  get items(): readonly OmniWorkItem[] {
    return this.#items;
  }

  /** Called after every change. */
  onChange(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** The work item by its AgentWork id. */
  find(workId: string): OmniWorkItem | undefined {
    return this.#items.find((item) => item.workId === workId);
  }

  /** Routes a new work item to the agent: Assigned, or Accepted at once with auto-accept. */
  route(work: { workItemId: string; channel: OmniChannelKind; customerName: string; isAutoAccept: boolean }): OmniWorkItem {
    const item: OmniWorkItem = Object.freeze({ workId: newWorkId(++this.#serial), ...work, state: work.isAutoAccept ? 'accepted' : 'assigned' });
    this.#items.push(item);
    this.#changed();
    return item;
  }

  /** acceptAgentWork: an Assigned item becomes Accepted. */
  accept(workId: string): OmniWorkItem {
    return this.#move(workId, ['assigned'], { state: 'accepted' }, 'accepted');
  }

  /** declineAgentWork: an Assigned item becomes Declined, with the agent's reason. */
  decline(workId: string, reason: string | undefined): OmniWorkItem {
    return this.#move(workId, ['assigned'], { state: 'declined', ...(reason ? { declineReason: reason } : {}) }, 'declined');
  }

  /** closeAgentWork: an Accepted (or still Assigned) item becomes Closed. */
  close(workId: string): OmniWorkItem {
    return this.#move(workId, ['assigned', 'accepted'], { state: 'closed' }, 'closed');
  }

  /** The Omni-Channel widget could not deliver an Assigned item: it goes back to routing. */
  failDelivery(workId: string): OmniWorkItem {
    return this.#move(workId, ['assigned'], { state: 'delivery-failed' }, 'marked as not delivered');
  }

  #move(workId: string, from: readonly OmniWorkState[], change: Partial<OmniWorkItem>, verb: string): OmniWorkItem {
    const index = this.#items.findIndex((item) => item.workId === workId);
    const item = this.#items[index];
    if (!item) throw new OmniWorkError(`No work item ${workId} is routed to this agent.`);
    if (!from.includes(item.state)) throw new OmniWorkError(`Work item ${workId} is ${OMNI_WORK_STATE_LABELS[item.state]} and cannot be ${verb}.`);
    const moved: OmniWorkItem = Object.freeze({ ...item, ...change });
    this.#items[index] = moved;
    this.#changed();
    return moved;
  }

  #changed(): void {
    for (const listener of this.#listeners) listener();
  }
}
