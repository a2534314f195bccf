/**
 * The app entry: the bundle's entry (the static resource's main.js) and the composition root
 * of the page. The Visualforce host page, or the local console's stand-in for it, calls
 * {@link startContactPadApp} with the session; it starts the adapter's rooms
 * (adapter/src/contactpad.ts) and mounts the widget (widget/src/main.ts) on their store.
 *
 * Why a top-level folder of its own: this is the one module that imports both the engine and
 * the view. In widget/ it made the widget import the adapter's rooms; in adapter/ it would
 * pull the Lit elements into the engine, and rendering lives only in widget/. Here both point
 * one way: app -> adapter (the rooms) and app -> widget (the mount); the widget sees the
 * adapter only through the store's types, and the adapter never sees the widget. A second
 * host (Service Cloud Voice) gets its own entry beside this one.
 */
import { startContactPad, type RunningContactPad } from '../adapter/src/contactpad.ts';
import { mountContactPad } from '../widget/src/main.ts';

export interface ContactPadAppOptions {
  /** Where to mount <contact-pad>. */
  readonly mount: HTMLElement;
  /** The Salesforce session the host page hands over (never logged). */
  readonly crm: { readonly instanceUrl: string; readonly accessToken: string };
  /** The logged-in agent from the page's merge fields: `{ userId, profileId, sipUser, language, locale }` (checked by ContactPad). */
  readonly agent?: unknown;
  /** The ringtone in the static resource (`URLFOR($Resource.contactpad, 'ringtone.wav')`); without it calls ring silently. */
  readonly ringtoneUrl?: string;
}

declare global {
  interface Window {
    /** Support diagnostics (media figures of a call, the ringtone, a call's output device, the diagnostic log's size); no session or token in it. */
    contactPad?: Pick<RunningContactPad, 'mediaStats' | 'ringtone' | 'speakerOf' | 'diagnosticLog'>;
  }
}

export async function startContactPadApp(options: ContactPadAppOptions): Promise<void> {
  // Mounted first, so the agent sees ContactPad while the host and the phone start; an intent
  // sent before the controller exists is dropped (nothing it could act on exists yet).
  let running: RunningContactPad | undefined;
  const pad = mountContactPad(options.mount, (intent) => void running?.controller.handle(intent));
  // The widget's later parts (the list, the dial pad, the notices, the keyboard shortcuts...) wait,
  // as the rooms' later parts do, until the phone can ring or will not: held from the first paint.
  let phoneSettled: () => void = () => undefined;
  pad.loadLaterAfter(new Promise<void>((settle) => (phoneSettled = settle)));
  try {
    running = await startContactPad({ crm: options.crm, agent: options.agent, ...(typeof options.ringtoneUrl === 'string' ? { ringtoneUrl: options.ringtoneUrl } : {}) });
  } catch (error) {
    phoneSettled();
    throw error;
  }
  void running.phoneSettled.then(() => {
    phoneSettled();
    // When the browser is next idle: the first call's templates, so that its pop paints as fast as the next ones.
    const prepare = () => void pad.prepareFirstCall().catch(() => undefined);
    if (typeof requestIdleCallback === 'function') requestIdleCallback(prepare, { timeout: 2000 });
    else setTimeout(prepare, 0);
  });
  running.controller.store.subscribe((snapshot) => pad.render(snapshot));
  window.contactPad = { mediaStats: running.mediaStats, ringtone: running.ringtone, speakerOf: running.speakerOf, diagnosticLog: running.diagnosticLog };
}
