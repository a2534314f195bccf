/**
 * The bundle's entry (the static resource's main.js). The Visualforce host page, or the
 * local console's stand-in for it, calls {@link startContactPadApp} with the session.
 */
import './contact-pad.ts';
import type { ContactPad } from './contact-pad.ts';
import { startContactPad, type RunningContactPad } from '../../adapter/src/contactpad.ts';
import { INTENT_EVENT } from './intent-event.ts';
import { markCallPopPainted } from './paint-marks.ts';

export interface ContactPadAppOptions {
  /** Where to mount <contact-pad>. */
  readonly mount: HTMLElement;
  /** The Salesforce session the host page hands over (never logged). */
  readonly crm: { readonly instanceUrl: string; readonly accessToken: string; readonly jsforceUrl: string };
  /** The logged-in agent from the page's merge fields: `{ userId, profileId, sipUser }` (checked by ContactPad). */
  readonly agent?: unknown;
}

declare global {
  interface Window {
    /** Support diagnostics (media figures of a call); no session or token in it. */
    contactPad?: Pick<RunningContactPad, 'mediaStats'>;
  }
}

export async function startContactPadApp(options: ContactPadAppOptions): Promise<void> {
  const pad = document.createElement('contact-pad') as ContactPad;
  options.mount.replaceChildren(pad);
  const running = await startContactPad({ crm: options.crm, agent: options.agent });
  pad.addEventListener(INTENT_EVENT, (event) => void running.controller.handle(event.detail));
  running.controller.store.subscribe((snapshot) => {
    pad.snapshot = snapshot;
    markCallPopPainted(pad, snapshot);
  });
  window.contactPad = { mediaStats: running.mediaStats };
}
