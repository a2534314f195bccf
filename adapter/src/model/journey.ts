/**
 * The call journey as text: what the Task Description carries after the agent's notes, so a
 * supervisor reading the activity in Salesforce sees when the call was offered, answered,
 * released and wrapped up.
 */
import type { JourneyEvent } from './interaction.ts';

/**
 * One journey event as a line: `2026-11-22T10:02:03Z answered`, plus ` — detail` when there
 * is one. Time is UTC to the second. A detail from outside (a SIP reason phrase) is flattened
 * to one line; an impossible time reads `unknown time`.
 */
export function formatJourneyEvent(event: JourneyEvent): string {
  const detail = typeof event.detail === 'string' ? event.detail.replace(/\s+/g, ' ').trim() : '';
  const line = `${formatJourneyTime(event.at)} ${event.kind}`;
  return detail === '' ? line : `${line} — ${detail}`;
}

/** The whole journey for the Task Description (one line per event, oldest first); '' when empty. */
export function formatJourney(journey: readonly JourneyEvent[]): string {
  return journey.map(formatJourneyEvent).join('\n');
}

/** Epoch milliseconds as UTC ISO 8601 to the second (`2026-11-22T10:02:03Z`). */
export function formatJourneyTime(at: number): string {
  const date = new Date(at);
  // Outside years 0000-9999 ISO 8601 needs a sign; such a time is a bug, not a call.
  if (!Number.isFinite(date.getTime()) || date.getUTCFullYear() < 0 || date.getUTCFullYear() > 9999) return 'unknown time';
  return `${date.toISOString().slice(0, 19)}Z`;
}
