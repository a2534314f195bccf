/**
 * What the agent types in the dial box (or what click-to-dial hands over), read before the
 * phone is asked to call: a phone number as people write it ('+1 (415) 555-0100', '0044 20 7946
 * 0958', '*72', '#31#...'), a vanity number ('1-800-FLOWERS'), a number with an extension
 * ('415 555 0100 ext. 12'), or a SIP address with its scheme ('sip:jordan@pbx.example.com',
 * 'sips:...'). Anything else, a bare name above all, is refused as the agent's input
 * (INVALID_INPUT), never dialled as a SIP user of that name: a colleague's SIP user is called
 * only from the directory (consult, transfer). Telephony builds the address from what passes
 * (telephony/sip-address.ts), reading a number by the same rule ({@link dialableNumber}), which
 * is written here only. Which country a number is in (and its E.164 form) is read by the crm
 * room with libphonenumber (crm/outbound-number.ts): the model stays free of libraries.
 */
import { ContactPadError } from './errors.ts';

/** Characters people type inside phone numbers: spaces, dots, dashes, parentheses, slashes. */
const NUMBER_PUNCTUATION = /[\s()./-]/g;
/** A dialable number once the punctuation is gone: digits, '*' and '#', an optional leading '+'. */
const DIALABLE = /^\+?[0-9*#]{2,32}$/;
/** A SIP or SIPS URI as typed (telephony checks the rest of it). */
const SIP_SCHEME = /^sips?:/i;
/** A `tel:` URI prefix (RFC 3966), as some records store numbers. */
const TEL_SCHEME = /^tel:/i;
/**
 * An extension at the end: ';ext=12' (RFC 3966), 'ext 12', 'ext. 12', 'extension 12', 'x12'. The
 * marker must not follow a letter, so the X of a vanity word ('1-800-FAX1') is no marker.
 */
const EXTENSION = /(?:;\s*ext\s*=|(?<![A-Za-z])(?:ext(?:ension)?\.?|x))\s*(\d{1,10})\s*$/i;
/** Letters of the phone keypad (ITU-T E.161): ABC on 2 ... WXYZ on 9. */
const KEYPAD_LETTERS = ['', '', 'ABC', 'DEF', 'GHI', 'JKL', 'MNO', 'PQRS', 'TUV', 'WXYZ'];
/** How many digits a vanity number shows before its first letter (1-800-..., 555-...): fewer is a word, not a number. */
const VANITY_MIN_LEADING_DIGITS = 3;

/** What the dial box holds, read. */
export type DialString =
  | {
      readonly kind: 'number';
      /** The number as it is dialled: digits, '*', '#' and a leading '+', letters read as keypad digits. */
      readonly number: string;
      /** An extension to key in once the call is answered; '' when none was typed. */
      readonly extension: string;
      /** The letters of a vanity number were read as keypad digits (1-800-FLOWERS -> 18003569377). */
      readonly vanity: boolean;
    }
  | { readonly kind: 'sip'; readonly address: string };

/**
 * A phone number as people type it, as it is dialled: 2 to 32 digits, '*' or '#' (and a
 * leading '+') once spaces, dots, dashes, slashes and parentheses are gone ('+1 (415) 555-0100'
 * -> '+14155550100'); undefined when `text` is no phone number.
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
 * Reads the dial box's text (or a clicked phone field): a SIP address is kept as typed; a
 * number loses its punctuation, its extension is set apart, and the letters of a vanity number
 * become keypad digits. Throws INVALID_INPUT for an empty box ("Type a number to call.") and
 * for anything else, saying what the box takes.
 */
export function readDialString(typed: string): DialString {
  const text = typeof typed === 'string' ? typed.normalize('NFKC').trim() : '';
  if (text === '') throw new ContactPadError('INVALID_INPUT', 'Type a number to call.');
  if (SIP_SCHEME.test(text)) return Object.freeze({ kind: 'sip', address: text });
  let rest = text.replace(TEL_SCHEME, '');
  const extension = EXTENSION.exec(rest);
  if (extension) rest = rest.slice(0, extension.index);
  const vanity = /[A-Za-z]/.test(rest);
  const number = dialableNumber(vanity ? vanityDigits(rest) ?? '' : rest);
  if (number === undefined) throw notADialString(text);
  return Object.freeze({ kind: 'number', number, extension: extension?.[1] ?? '', vanity });
}

/**
 * The keypad digits of a vanity number, or undefined when the letters make a word rather than
 * a number: it must start with '+' or a digit and show at least three digits before the first
 * letter ('1-800-FLOWERS', '555-CALL-NOW'; not 'jordan', not '4u').
 */
function vanityDigits(text: string): string | undefined {
  if (!/^\+?\d/.test(text)) return undefined;
  const leading = text.slice(0, text.search(/[A-Za-z]/)).replace(/\D/g, '');
  if (leading.length < VANITY_MIN_LEADING_DIGITS) return undefined;
  return text.replace(/[A-Za-z]/g, (letter) => String(KEYPAD_LETTERS.findIndex((keys) => keys.includes(letter.toUpperCase()))));
}

function notADialString(text: string): ContactPadError {
  const shown = text.length > 64 ? `${text.slice(0, 64)}…` : text;
  return new ContactPadError('INVALID_INPUT', `Cannot dial "${shown}": type a phone number or a SIP address (sip:user@domain).`);
}
