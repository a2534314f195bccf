/**
 * The time zones a phone number may be in, by its leading digits (its country code and, in
 * North America, its area code): libphonenumber's time zone map, kept to four digits on the
 * safe side (number-time-zones-data.ts says how). A number of a country with one time zone
 * ('+44 20...': Europe/London and the Crown Dependencies, which keep London's time) or of an area
 * code within one zone ('+1 415': America/Los_Angeles) gets that zone; an area code split between
 * zones, or a country code alone ('+1' for an area code the map does not know, '+7', '+61'), gets
 * every zone it may be in. Pure data and a lookup.
 */
import { TIME_ZONES_BY_PREFIX } from './number-time-zones-data.ts';

/** The longest prefix in the map. */
const LONGEST_PREFIX = Math.max(...Object.keys(TIME_ZONES_BY_PREFIX).map((prefix) => prefix.length));

/** The IANA time zones an E.164 number ('+14155550100') may be in; [] for no number or a prefix the map does not know. */
export function numberTimeZones(e164: string): readonly string[] {
  const digits = typeof e164 === 'string' && /^\+\d{2,15}$/.test(e164) ? e164.slice(1) : '';
  for (let length = Math.min(LONGEST_PREFIX, digits.length); length > 0; length -= 1) {
    const zones = TIME_ZONES_BY_PREFIX[digits.slice(0, length)];
    if (zones !== undefined && Object.hasOwn(TIME_ZONES_BY_PREFIX, digits.slice(0, length))) return zones.split(' ');
  }
  return [];
}
