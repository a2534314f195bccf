/**
 * A number the agent is about to call, read with libphonenumber ('min' metadata, as
 * phone-number.ts; the model stays free of libraries): its E.164 form, which is what is dialled
 * and checked against the dialing lists, its country (for the country allow list) and how it is
 * shown ('+1 415 555 0100').
 *
 * - A leading 00 is read as the international prefix whatever the default country (as
 *   phone-number.ts does); other international prefixes (North America's 011) are recognised by
 *   libphonenumber for the default country.
 * - A national number is read in the call center's default country.
 * - A number libphonenumber cannot place (an unknown country code, an impossible length) keeps
 *   its digits as dialled, with no country: the country allow list and calling hours then treat
 *   it as a number whose country and time zone cannot be told.
 * - Fewer than seven digits, or '*' and '#' in it: an extension or a service code, dialled as it is.
 */
import { parsePhoneNumberFromString, isSupportedCountry } from 'libphonenumber-js/min';
import type { CountryCode } from 'libphonenumber-js/min';
import { MIN_EXTERNAL_DIGITS } from '../model/outbound-compliance.ts';

/** A number read for an outbound call. */
export interface OutboundNumber {
  /** external: a customer's number; internal: an extension or a service code. */
  readonly reach: 'external' | 'internal';
  /** What is dialled and checked: E.164 ('+14155550100') when libphonenumber read it so, else the digits as dialled. */
  readonly number: string;
  /** ISO 3166 alpha-2, '' when it cannot be told. */
  readonly country: string;
  /** As the agent reads it: international format, or as dialled. */
  readonly shown: string;
}

/** Reads `dialled` (digits, '*', '#', a leading '+': model/dial-input.ts readDialString's number) in `defaultCountry`. */
export function readOutboundNumber(dialled: string, defaultCountry: string): OutboundNumber {
  const digits = dialled.replace(/\D/g, '');
  if (/[*#]/.test(dialled) || digits.length < MIN_EXTERNAL_DIGITS) {
    return Object.freeze({ reach: 'internal', number: dialled, country: '', shown: dialled });
  }
  const international = dialled.startsWith('+') || digits.startsWith('00');
  const text = dialled.startsWith('+') ? dialled : digits.startsWith('00') ? `+${digits.slice(2)}` : digits;
  const country = toCountry(defaultCountry);
  const parsed = international ? parsePhoneNumberFromString(text) : country ? parsePhoneNumberFromString(text, country) : undefined;
  if (!parsed || !parsed.isPossible()) {
    return Object.freeze({ reach: 'external', number: text, country: '', shown: text });
  }
  return Object.freeze({ reach: 'external', number: parsed.number, country: parsed.country ?? '', shown: parsed.formatInternational() });
}

function toCountry(code: string): CountryCode | undefined {
  const upper = typeof code === 'string' ? code.trim().toUpperCase() : '';
  return /^[A-Z]{2}$/.test(upper) && isSupportedCountry(upper) ? upper : undefined;
}
