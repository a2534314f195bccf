/**
 * The widget's entry: mounts <contact-pad> in an element, renders the snapshots it is given
 * and hands the agent's intents out. It starts nothing and imports no adapter code: the app
 * entry (app/main.ts) wires the adapter's rooms to it.
 */
import './contact-pad.ts';
import type { ContactPad } from './contact-pad.ts';
import type { ContactPadSnapshot, Intent } from '../../adapter/src/store.ts';
import { INTENT_EVENT } from './intent-event.ts';
import { markCallPopPainted } from './paint-marks.ts';
import { loadLaterAfter } from './lazy-elements.ts';

/** A mounted <contact-pad>. */
export interface MountedContactPad {
  /** Shows `snapshot` (the store's latest; the first one ends the empty start). */
  render(snapshot: ContactPadSnapshot): void;
  /** The elements not needed to ring and answer (lazy-elements.ts) load only once `until` settles (the phone can ring or will not). */
  loadLaterAfter(until: Promise<unknown>): void;
  /** Prepares the first ringing call's templates (template-warm-up.ts), off the ring path: the app asks once the phone has settled. */
  prepareFirstCall(): Promise<void>;
}

/** Puts a <contact-pad> in `mount` (replacing what was there); every intent the agent sends goes to `onIntent`. */
export function mountContactPad(mount: HTMLElement, onIntent: (intent: Intent) => void): MountedContactPad {
  const pad = document.createElement('contact-pad') as ContactPad;
  mount.replaceChildren(pad);
  pad.addEventListener(INTENT_EVENT, (event) => onIntent(event.detail));
  return {
    render(snapshot) {
      pad.snapshot = snapshot;
      markCallPopPainted(pad, snapshot);
    },
    loadLaterAfter,
    prepareFirstCall: () => pad.prepareFirstCall(),
  };
}
