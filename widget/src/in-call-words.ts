/**
 * The words of the in-call controls (the call timer, mute, the keypad, the line's quality): a
 * part of the catalogue (words.ts) loaded with the controls themselves, off the ring-and-answer
 * bundle. The mute badge's word is shared with the interaction list, in words.ts.
 */
import type { CallQuality } from '../../adapter/src/store.ts';
import { MUTED_WORDS } from './words.ts';

/** The in-call controls' words: the mute state, what is announced, the call timer, the keypad, the line details. */
export const IN_CALL_WORDS = Object.freeze({
  muted: MUTED_WORDS,
  controls: 'Call controls',
  callTime: 'Call time',
  keypad: 'Keypad',
  keypadHint: 'Type 0-9, *, #, A-D, or click a key. Escape closes the keypad.',
  sent: 'Sent',
  lineDetails: 'Line details',
  measuring: 'Measuring…',
  loss: 'Caller\'s audio lost',
  jitter: 'Jitter',
  roundTrip: 'Round trip',
});

/** What the keypad says of a key it does not have ("x" is not a keypad key). */
export function notAKeypadKeyWords(character: string): string {
  return `"${character}" is not a keypad key: use 0-9, *, # or A-D.`;
}

/** The line's quality in one word: Good, Fair, Poor. */
export function qualityLevelWords(level: CallQuality['level']): string {
  return level === 'good' ? 'Good' : level === 'fair' ? 'Fair' : 'Poor';
}

/**
 * The line's quality as a screen reader says it (the indicator's accessible name): "Line
 * quality good: 0 % of the caller's audio lost, jitter 4 ms, round trip 30 ms". Unknown
 * figures are left out.
 */
export function qualityWords(quality: CallQuality): string {
  const figures = [
    quality.lossPercent === undefined ? '' : `${quality.lossPercent} % of the caller's audio lost`,
    quality.jitterMs === undefined ? '' : `jitter ${quality.jitterMs} ms`,
    quality.roundTripMs === undefined ? '' : `round trip ${quality.roundTripMs} ms`,
  ].filter((part) => part !== '');
  const level = `Line quality ${qualityLevelWords(quality.level).toLowerCase()}`;
  return figures.length === 0 ? level : `${level}: ${figures.join(', ')}`;
}
