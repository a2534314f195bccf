/** Someone an agent can consult or transfer to: another agent or a service (a queue). */
export interface DirectoryEntry {
  /** The agent's User id (005...) or the service's queue id (00G...): a Case's new owner on transfer. */
  readonly id: string;
  readonly name: string;
  readonly kind: 'agent' | 'service';
  /** The agent's SIP user, for a consult call or a live call transfer; '' for services and agents without a phone. */
  readonly sipUser: string;
}
