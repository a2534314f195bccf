/**
 * The in-call controls' words from the catalogue (catalogue/en-later.ts `inCall`, in the agent's
 * language: later-words.ts), the keypad keys' names, and the line's quality put in words.
 */
import type { CallQuality } from '../../adapter/src/store.ts';
import { laterWords } from './catalogue/later-words.ts';

/** The words of the call controls, the keypad and the line details, in the agent's language. */
export function inCallWords() {
  return laterWords().inCall;
}

/** A keypad key as a screen reader says it (the keypad's and the dial pad's): 1, 2... Star, Pound, A-D. */
export function keypadKeyWords(key: string): string {
  const named = laterWords().keypadKeys;
  return key === '*' || key === '#' ? named[key] : key;
}

/**
 * The line's quality as a screen reader says it (the indicator's accessible name): "Line
 * quality good: 0 % of the caller's audio lost, jitter 4 ms, round trip 30 ms". Unknown
 * figures are left out.
 */
export function qualityWords(quality: CallQuality): string {
  const w = inCallWords();
  const figures = [
    quality.lossPercent === undefined ? '' : w.lost(quality.lossPercent),
    quality.jitterMs === undefined ? '' : w.jitter(quality.jitterMs),
    quality.roundTripMs === undefined ? '' : w.roundTrip(quality.roundTripMs),
  ].filter((part) => part !== '');
  return w.quality(w.levels[quality.level], figures.join(', '));
}
