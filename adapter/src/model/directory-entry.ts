/** Someone an agent can consult or transfer to: another agent or a service (a queue). */
export interface DirectoryEntry {
  /** The agent's User id (005...) or the service's queue id (00G...): a Case's new owner on transfer. */
  readonly id: string;
  readonly name: string;
  readonly kind: 'agent' | 'service';
  /**
   * The SIP user a consult call or a live call transfer goes to: the agent's phone, or the
   * service's queue on the platform ({@link serviceSipUser}); '' for agents without a phone.
   */
  readonly sipUser: string;
}

/** What a queue's SIP user starts with (the SIP header contract, telephony/sip-header-contract.ts, "Calls ContactPad places"). */
export const SERVICE_SIP_USER_PREFIX = 'queue-';

/**
 * The SIP user of a service: `queue-<the queue's API name>` (Group.DeveloperName, letters, digits
 * and underscores: a valid SIP user part), on the agent's SIP domain. The platform routes a
 * call or a transfer to it into that queue. '' for a name that is not an API name.
 */
export function serviceSipUser(developerName: string): string {
  return /^[A-Za-z][A-Za-z0-9_]{0,79}$/.test(developerName) ? `${SERVICE_SIP_USER_PREFIX}${developerName}` : '';
}
