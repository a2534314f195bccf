/**
 * Where an interaction's activity (its Task) stands: not yet written, being written, written,
 * or waiting to be tried again (Salesforce unreachable, a limit reached; the durable outbox
 * keeps it meanwhile, crm/activity-outbox.ts).
 */
export type ActivityLogState = 'none' | 'saving' | 'saved' | 'retrying';
