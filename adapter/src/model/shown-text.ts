/**
 * Text from outside ContactPad (a Salesforce record's name, a Case subject, a channel name) as
 * the pad shows it. The widget renders it as text, so no markup can come of it; what is left is
 * what text alone can do to the agent's screen:
 *
 * - control characters (C0, C1, DEL) have no glyph and may stand for anything;
 * - bidirectional embeddings, overrides and isolates (U+202A..U+202E, U+2066..U+2069) and the
 *   marks (U+200E, U+200F, U+061C) reorder what follows them up to the end of the paragraph,
 *   not of the element (Unicode Standard Annex #9, "Unicode Bidirectional Algorithm", 2.1 to
 *   2.6): a subject holding U+202E shows "gpj.exe" as "exe.jpg" and reverses the row's state
 *   and time after it;
 * - zero-width and other invisible format characters (U+200B..U+200D, U+2060..U+2064, U+FEFF,
 *   U+00AD, U+FFF9..U+FFFB) hide text or split words a search would find.
 *
 * They are removed, whitespace runs (line breaks, tabs) become one space, the text is trimmed
 * and cut to `max` characters without splitting a surrogate pair. The SIP header contract
 * (telephony/sip-header-contract.ts) cleans what the platform sends the same way.
 */

/** The characters {@link shownText} removes (see the file comment). */
export const INVISIBLE_CHARACTERS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u00ad\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff\ufff9-\ufffb]/g;

/** Salesforce's longest text field (Text(255)): the longest name or subject the pad shows. */
export const SHOWN_TEXT_MAX = 255;

/** `value` as the pad shows it (see the file comment); '' for anything but a string or a number. */
export function shownText(value: unknown, max: number = SHOWN_TEXT_MAX): string {
  if (typeof value !== 'string' && typeof value !== 'number') return '';
  const text = String(value)
    .slice(0, max * 4)
    .replace(/[\t\n\r]/g, ' ')
    .replace(INVISIBLE_CHARACTERS, '')
    .replace(/\s+/g, ' ')
    .trim();
  const characters = Array.from(text);
  return characters.length <= max ? text : characters.slice(0, max).join('').trimEnd();
}
