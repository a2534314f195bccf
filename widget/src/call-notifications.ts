/**
 * Browser notifications (the Notification API) for incoming calls while ContactPad is out of
 * sight (document.visibilityState 'hidden': another browser tab in front, the window
 * minimised): one per ringing call, closed when it stops ringing (accepted, rejected, missed,
 * answered elsewhere); clicking one brings the console's tab to the front and selects the call.
 * They are silent: the ringtone already rings (adapter/src/telephony/ringer.ts).
 *
 * Permission is asked when the agent goes Ready (inside their click, where browsers allow the
 * prompt), never on load. Denied, or a browser without notifications: nothing is shown, calls
 * still ring, and the devices panel says once that notifications are off.
 *
 * Where this holds in Salesforce: the softphone runs in a frame of the console. Chromium lets
 * only top-level pages ask for notification permission ("Requests from insecure origins and
 * sub-frames are rejected, but can use previously granted permission", chromium
 * chrome/browser/notifications/notification_permission_context.h), and a frame that has not
 * been granted it reads 'denied'. In the console ContactPad therefore usually finds
 * notifications off (the devices panel says so); they work in a pop-out window, or where the
 * permission was granted before.
 *
 * On the ring path (it tells the agent that a call rings) but small: no module of its own to
 * load, and nothing runs until a call rings while the page is hidden.
 */
import type { Interaction } from '../../adapter/src/store.ts';
import { intentEvent } from './intent-event.ts';
import { incomingAnnouncement } from './words.ts';

/** Where the browser stands on notifications for this page; 'unsupported' when it has none. */
export type NotificationPermissionState = NotificationPermission | 'unsupported';

/** The Notification API as this module uses it (the browser's, or a stand-in in tests). */
export interface NotificationApi {
  readonly permission: NotificationPermission;
  requestPermission(): Promise<NotificationPermission>;
  new (title: string, options?: NotificationOptions): Notification;
}

/** The browser's Notification API, if it has one. */
export function browserNotifications(): NotificationApi | undefined {
  return typeof Notification === 'function' ? Notification : undefined;
}

/** The permission as the devices panel says it. */
export function notificationPermission(api: NotificationApi | undefined = browserNotifications()): NotificationPermissionState {
  return api ? api.permission : 'unsupported';
}

/**
 * The ringing calls to notify now: those not notified yet, only while the page is hidden and
 * notifications are allowed. Calls only (an Omni-Channel work item is offered, not rung).
 */
export function callsToNotify(
  ringing: readonly Interaction[],
  notified: ReadonlySet<string>,
  visibility: DocumentVisibilityState,
  permission: NotificationPermissionState,
): Interaction[] {
  if (visibility !== 'hidden' || permission !== 'granted') return [];
  return ringing.filter((interaction) => !notified.has(interaction.id));
}

/** The calls ringing at the agent in a snapshot's interactions. */
export function ringingCalls(interactions: readonly { readonly interaction: Interaction }[]): Interaction[] {
  return interactions
    .map((view) => view.interaction)
    .filter((interaction) => interaction.state === 'alerting' && interaction.direction === 'inbound' && ['voice', 'video', 'callback'].includes(interaction.channel));
}

/** Keeps one notification per ringing call while the page is hidden (see the file comment). */
export class CallNotifications {
  readonly #host: HTMLElement;
  readonly #api: NotificationApi | undefined;
  readonly #document: Document;
  readonly #shown = new Map<string, Notification>();
  #ringing: readonly Interaction[] = [];
  #asked = false;

  /** `host`: the element the select intent leaves from (<contact-pad>). */
  constructor(host: HTMLElement, api: NotificationApi | undefined = browserNotifications(), doc: Document = document) {
    this.#host = host;
    this.#api = api;
    this.#document = doc;
    // A call already ringing when the agent turns to another tab is notified then.
    doc.addEventListener('visibilitychange', () => this.update(this.#ringing));
  }

  /** The calls ringing now (each snapshot): new ones are notified while hidden, those that stopped ringing closed. */
  update(ringing: readonly Interaction[]): void {
    this.#ringing = ringing;
    const ids = new Set(ringing.map((interaction) => interaction.id));
    for (const [id, notification] of this.#shown) {
      if (ids.has(id)) continue;
      notification.close();
      this.#shown.delete(id);
    }
    const api = this.#api;
    // Visible (as the agent's page mostly is): nothing to show, and the permission is not read (a read costs a call to the browser on every snapshot).
    const visibility = this.#document.visibilityState;
    if (!api || visibility !== 'hidden' || ringing.length === 0) return;
    for (const interaction of callsToNotify(ringing, new Set(this.#shown.keys()), visibility, api.permission)) {
      this.#shown.set(interaction.id, this.#show(api, interaction));
    }
  }

  /** The agent chose Ready: the browser asks them once whether ContactPad may notify (not asked again once answered). */
  askPermission(): void {
    const api = this.#api;
    if (!api || this.#asked || api.permission !== 'default') return;
    this.#asked = true;
    api.requestPermission().catch(() => undefined);
  }

  #show(api: NotificationApi, interaction: Interaction): Notification {
    const notification = new api(incomingAnnouncement(interaction), {
      tag: `contactpad-call-${interaction.id}`,
      requireInteraction: true,
      silent: true,
    });
    notification.onclick = () => {
      // A notification's click lets the page bring its window forward: the console's tab (the
      // top window; focus() is one of the few things a cross-origin frame may ask of it), then this frame.
      try {
        window.top?.focus();
      } catch {
        // a browser that refuses it: the select below still happens
      }
      window.focus();
      this.#host.dispatchEvent(intentEvent({ type: 'select', interactionId: interaction.id }));
      notification.close();
    };
    return notification;
  }
}
