/**
 * Where an interaction's activity (its Task) stands: not yet written, being written, written,
 * or waiting to be tried again (Salesforce unreachable, a limit reached; the durable outbox
 * keeps it meanwhile, crm/activity-outbox.ts). `refused`: Salesforce refused a write that is
 * not tried again on its own (a calling list outcome: the agent is told, and it is kept until
 * they dismiss it).
 */
export type ActivityLogState = 'none' | 'saving' | 'saved' | 'retrying' | 'refused';
