/** What the desks use of scheduled calls (scheduled-calls.ts, scheduled-call-origin.ts); rejects with a ContactPadError. */
import type { ScheduledCall, ScheduledCallOrigin } from '../model/scheduled-call.ts';

export interface ScheduledCallsPort {
  /** The agent's Scheduled requests, soonest first. */
  list(): Promise<readonly ScheduledCall[]>;
  /** A Scheduled request for the agent at `at` (epoch ms), linked to the record; its id. */
  schedule(request: { readonly number: string; readonly name: string; readonly at: number; readonly recordId?: string }): Promise<string>;
  move(id: string, at: number): Promise<void>;
  cancel(id: string): Promise<void>;
  /** The record the callback request `requestId` was scheduled from, as Salesforce has it now. */
  originOfRequest(requestId: string): Promise<ScheduledCallOrigin>;
  /** Whether the record a listed scheduled call names (`name` on its request) is there for the agent now. */
  originOfRecord(recordId: string, name: string): Promise<ScheduledCallOrigin>;
}
