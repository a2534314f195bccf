/** What the desks use of scheduled calls (scheduled-calls.ts); rejects with a ContactPadError. */
import type { ScheduledCall } from '../model/scheduled-call.ts';

export interface ScheduledCallsPort {
  /** The agent's Scheduled requests, soonest first. */
  list(): Promise<readonly ScheduledCall[]>;
  /** A Scheduled request for the agent at `at` (epoch ms), linked to the record; its id. */
  schedule(request: { readonly number: string; readonly name: string; readonly at: number; readonly recordId?: string }): Promise<string>;
  move(id: string, at: number): Promise<void>;
  cancel(id: string): Promise<void>;
}
