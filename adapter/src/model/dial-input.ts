/**
 * What the agent types in the dial box (or what click-to-dial hands over), read before the
 * phone is asked to call: a phone number, punctuation allowed ('+1 (415) 555-0100', '*72',
 * '#31#...'), or a SIP address with its scheme ('sip:jordan@pbx.example.com', 'sips:...').
 * Anything else, a bare name above all, is refused as the agent's input (INVALID_INPUT), never
 * dialled as a SIP user of that name: a colleague's SIP user is called only from the directory
 * (consult, transfer). Telephony builds the address from what passes (telephony/sip-address.ts),
 * reading a number by the same rule ({@link dialableNumber}), which is written here only.
 */
import { ContactPadError } from './errors.ts';

/** Characters people type inside phone numbers: spaces, dots, dashes, parentheses. */
const NUMBER_PUNCTUATION = /[\s().-]/g;
/** A dialable number once the punctuation is gone: digits, '*' and '#', an optional leading '+'. */
const DIALABLE = /^\+?[0-9*#]{2,32}$/;
/** A SIP or SIPS URI as typed (telephony checks the rest of it). */
const SIP_SCHEME = /^sips?:/i;

/**
 * A phone number as people type it, as it is dialled: 2 to 32 digits, '*' or '#' (and a
 * leading '+') once spaces, dots, dashes and parentheses are gone ('+1 (415) 555-0100' ->
 * '+14155550100'); undefined when `text` is no phone number.
 */
export function dialableNumber(text: string): string | undefined {
  const number = text.replace(NUMBER_PUNCTUATION, '');
  return DIALABLE.test(number) ? number : undefined;
}

/** True for a phone number as people type it (see {@link dialableNumber}). */
export function isDialableNumber(text: string): boolean {
  return dialableNumber(text) !== undefined;
}

/**
 * The dial box's text, trimmed, when it is a phone number or a `sip:`/`sips:` address. Throws
 * INVALID_INPUT for an empty box ("Type a number to call.") and for anything else, saying what
 * the box takes.
 */
export function dialBoxTarget(typed: string): string {
  const text = typeof typed === 'string' ? typed.trim() : '';
  if (text === '') throw new ContactPadError('INVALID_INPUT', 'Type a number to call.');
  if (SIP_SCHEME.test(text) || dialableNumber(text) !== undefined) return text;
  const shown = text.length > 64 ? `${text.slice(0, 64)}…` : text;
  throw new ContactPadError('INVALID_INPUT', `Cannot dial "${shown}": type a phone number or a SIP address (sip:user@domain).`);
}
