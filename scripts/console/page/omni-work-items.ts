/**
 * The local console's Omni-Channel work: the work items routed to the agent (Salesforce AgentWork
 * rows: a `workId` for the assignment, a `workItemId` for the record being worked: a Messaging
 * Session, a Chat Transcript, a Case, or any record Omni-Channel routes) and their states. What
 * the Omni-Channel toolkit (acceptAgentWork, declineAgentWork, closeAgentWork, getAgentWorks)
 * acts on in a real console. No DOM here; omni-toolkit-fake.ts turns changes into the toolkit's
 * events.
 */

/**
 * What the simulator routed, for its own panel: a Messaging session, a legacy chat, an email (a
 * Case from Email-to-Case), a case (a Web case), or a record of another object. Omni-Channel
 * itself tells the console only the ids; ContactPad finds the rest in the record.
 */
export type OmniChannelKind = 'messaging' | 'chat' | 'email' | 'case' | 'other';

/** Where an AgentWork stands, as the simulator panel shows it. */
export type OmniWorkState = 'assigned' | 'accepted' | 'declined' | 'closed' | 'delivery-failed';

/** The label the panel shows for each state. */
export const OMNI_WORK_STATE_LABELS: Readonly<Record<OmniWorkState, string>> = {
  assigned: 'Assigned',
  accepted: 'Accepted',
  declined: 'Declined',
  closed: 'Closed',
  'delivery-failed': 'Cannot be delivered',
};

/** Who accepted a work item: the agent (through the toolkit), or Omni-Channel itself (auto-accept). */
export type OmniAcceptedBy = 'agent' | 'omni-channel';

/** One AgentWork routed to the agent. */
export interface OmniWorkItem {
  /** AgentWork id (key prefix 0Bz). */
  readonly workId: string;
  /** The record worked on. */
  readonly workItemId: string;
  /** What the simulator routed (its panel's label; never sent to the console). */
  readonly kind: OmniChannelKind;
  /** The customer's name as the simulator typed it (its panel's label; never sent to the console). */
  readonly customerName: string;
  readonly state: OmniWorkState;
  /** Who accepted it (state 'accepted', and after). */
  readonly acceptedBy?: OmniAcceptedBy;
  /** Why the agent declined it (state 'declined'). */
  readonly declineReason?: string;
}

/** One change of a work item: it was assigned, accepted, declined, closed, or can no longer be delivered. */
export interface OmniWorkChange {
  readonly item: OmniWorkItem;
  readonly change: 'assigned' | OmniWorkState;
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
  readonly #listeners = new Set<(change: OmniWorkChange) => void>();
  #serial = 0;

  /** Every work item routed so far, oldest first. */
  get items(): readonly OmniWorkItem[] {
    return this.#items;
  }

  /** Called after every change, with the change. */
  onChange(listener: (change: OmniWorkChange) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** The work item by its AgentWork id (15- or 18-character form). */
  find(workId: string): OmniWorkItem | undefined {
    return this.#items.find((item) => item.workId.slice(0, 15) === workId.slice(0, 15));
  }

  /** The work items open in the agent's workspace: assigned or accepted (getAgentWorks). */
  get open(): readonly OmniWorkItem[] {
    return this.#items.filter((item) => item.state === 'assigned' || item.state === 'accepted');
  }

  /** Routes a new work item to the agent: Assigned. */
  route(work: { workItemId: string; kind: OmniChannelKind; customerName: string }): OmniWorkItem {
    const item: OmniWorkItem = Object.freeze({ workId: newWorkId(++this.#serial), workItemId: work.workItemId, kind: work.kind, customerName: work.customerName, state: 'assigned' });
    this.#items.push(item);
    this.#changed({ item, change: 'assigned' });
    return item;
  }

  /** An Assigned item becomes Accepted: by the agent (acceptAgentWork) or by Omni-Channel (auto-accept). */
  accept(workId: string, by: OmniAcceptedBy): OmniWorkItem {
    return this.#move(workId, ['assigned'], { state: 'accepted', acceptedBy: by }, 'accepted');
  }

  /** declineAgentWork: an Assigned item becomes Declined, with the agent's reason. */
  decline(workId: string, reason: string | undefined): OmniWorkItem {
    return this.#move(workId, ['assigned'], { state: 'declined', ...(reason ? { declineReason: reason } : {}) }, 'declined');
  }

  /** closeAgentWork: an Accepted (or still Assigned) item becomes Closed. */
  close(workId: string): OmniWorkItem {
    return this.#move(workId, ['assigned', 'accepted'], { state: 'closed' }, 'closed');
  }

  /** The work can no longer be delivered (the customer left before it was accepted): it cannot be accepted any more. */
  failDelivery(workId: string): OmniWorkItem {
    return this.#move(workId, ['assigned'], { state: 'delivery-failed' }, 'marked as not deliverable');
  }

  #move(workId: string, from: readonly OmniWorkState[], change: Partial<OmniWorkItem> & { state: OmniWorkState }, verb: string): OmniWorkItem {
    const item = this.find(workId);
    if (!item) throw new OmniWorkError(`No work item ${workId} is routed to this agent.`);
    if (!from.includes(item.state)) throw new OmniWorkError(`Work item ${workId} is ${OMNI_WORK_STATE_LABELS[item.state]} and cannot be ${verb}.`);
    const moved: OmniWorkItem = Object.freeze({ ...item, ...change });
    this.#items[this.#items.indexOf(item)] = moved;
    this.#changed({ item: moved, change: change.state });
    return moved;
  }

  #changed(change: OmniWorkChange): void {
    for (const listener of this.#listeners) listener(change);
  }
}
