/**
 * The agent's scheduled calls as the "Scheduled calls" list shows them (desks/scheduled-call-desk.ts,
 * widget/src/cp-scheduled-calls.ts): each call with the customer's time zone at its time (from
 * the number: outbound-compliance.ts recipientTimeZone, '' when the number may be in zones that
 * disagree at that time) and whether it is due (its time has come: the platform rings it the next
 * time it asks for the agent's scheduled calls). Pure: the time and the number's zones are handed in.
 */
import { recipientTimeZone } from './outbound-compliance.ts';
import type { ScheduledCall } from './scheduled-call.ts';

/** One row of the list. */
export interface ScheduledCallRow extends ScheduledCall {
  /** The customer's IANA time zone at the call's time; '' when the number does not tell one. */
  readonly customerZone: string;
  /** Its time has come (at or before now). */
  readonly due: boolean;
}

/** The rows for `calls` at `now`, soonest first; `zonesOf` gives the time zones an E.164 number may be in. */
export function scheduledCallRows(calls: readonly ScheduledCall[], now: number, zonesOf: (e164: string) => readonly string[]): readonly ScheduledCallRow[] {
  return [...calls]
    .sort((a, b) => a.at - b.at)
    .map((call) => {
      const zone = recipientTimeZone(zonesOf(call.number), '', call.at);
      return Object.freeze({ ...call, customerZone: zone.source === 'number' ? (zone.zones[0] ?? '') : '', due: call.at <= now });
    });
}

/** The soonest time of a call not due yet at `now` (when the list changes next), or undefined when every call is due. */
export function nextDueAt(calls: readonly ScheduledCall[], now: number): number | undefined {
  const coming = calls.map((call) => call.at).filter((at) => at > now);
  return coming.length === 0 ? undefined : Math.min(...coming);
}
