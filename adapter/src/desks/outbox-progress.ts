/**
 * Where a write in the durable outbox stands, as the switchboard routes it: a call's Task to its
 * interaction (the log indicator the widget shows), and a calling list outcome Salesforce refused
 * for good (CALLING_OUTCOME_REFUSED, crm/calling-list.ts) to the agent, as a notice kept until
 * they dismiss it: dismissing it drops the write from the outbox, so a reload does not tell it
 * again. Small, and loaded with the switchboard: an outbox replaying after a reload reports here
 * before any calling list is opened.
 */
import type { ActivityLogState } from '../model/activity-log-state.ts';
import type { ContactPadError } from '../model/errors.ts';
import type { Desks } from './desks.ts';

export function outboxProgress(desks: Pick<Desks, 'view' | 'notices' | 'rooms'>, id: string, state: Exclude<ActivityLogState, 'none'>, error?: ContactPadError): void {
  if (state !== 'refused') {
    desks.view.setLog(id, state);
    return;
  }
  desks.notices.notify(error ?? new Error(`Salesforce refused the write ${id}.`), {
    keep: true,
    onDismiss: () => desks.rooms.crm?.forgetRefusedOutcome(id).catch((failure: unknown) => desks.notices.notify(failure)),
  });
}
