/**
 * Notifications of ringing calls. Headless Chromium keeps every page visible (a minimised
 * window or a tab brought in front leaves document.visibilityState 'visible') and shows no
 * notifications, so the page's visibility and the Notification API are stand-ins here: the
 * decision (callsToNotify) and what CallNotifications does with the browser's answers.
 */
import { expect, fixture, html } from '@open-wc/testing';
import type { Intent, Interaction } from '../../adapter/src/store.ts';
import './contact-pad.ts';
import type { ContactPad } from './contact-pad.ts';
import { CallNotifications, callsToNotify, ringingCalls, type NotificationApi } from './call-notifications.ts';
import { INTENT_EVENT, intentEvent } from './intent-event.ts';
import { interaction, snapshot } from '../test-support/snapshots.ts';

/** A Notification API that records what it is asked (the browser's shows nothing in headless Chromium). */
function notificationApi(permission: NotificationPermission) {
  const shown: { title: string; options: NotificationOptions | undefined; closed: boolean; onclick: (() => void) | null }[] = [];
  const asked: string[] = [];
  class FakeNotification {
    static permission = permission;
    static requestPermission(): Promise<NotificationPermission> {
      asked.push('permission');
      return Promise.resolve(FakeNotification.permission);
    }
    readonly record: (typeof shown)[number];
    constructor(title: string, options?: NotificationOptions) {
      this.record = { title, options, closed: false, onclick: null };
      shown.push(this.record);
    }
    set onclick(handler: (() => void) | null) {
      this.record.onclick = handler;
    }
    close(): void {
      this.record.closed = true;
    }
  }
  return { api: FakeNotification as unknown as NotificationApi, shown, asked, setPermission: (value: NotificationPermission) => void (FakeNotification.permission = value) };
}

/** A page whose visibility the test sets (visibilitychange fired on change). */
function page(state: DocumentVisibilityState) {
  const target = new EventTarget() as EventTarget & { visibilityState: DocumentVisibilityState };
  target.visibilityState = state;
  return {
    doc: target as unknown as Document,
    set(next: DocumentVisibilityState) {
      target.visibilityState = next;
      target.dispatchEvent(new Event('visibilitychange'));
    },
  };
}

const ann = interaction({ id: 'call-ann', callerName: 'Ann Smith', callerNumber: '+1 415 555 0100', queue: 'Sales' });
const bob = interaction({ id: 'call-bob', callerName: 'Bob Stone', callerNumber: '+1 415 555 0199', queue: '' });

describe('notifications of ringing calls', () => {
  it('notify only while the page is hidden and notifications are allowed, each call once', () => {
    expect(callsToNotify([ann], new Set(), 'hidden', 'granted').map((c) => c.id)).to.deep.equal(['call-ann']);
    expect(callsToNotify([ann], new Set(), 'visible', 'granted')).to.deep.equal([]);
    expect(callsToNotify([ann], new Set(), 'hidden', 'denied')).to.deep.equal([]);
    expect(callsToNotify([ann], new Set(), 'hidden', 'default')).to.deep.equal([]);
    expect(callsToNotify([ann], new Set(), 'hidden', 'unsupported')).to.deep.equal([]);
    expect(callsToNotify([ann, bob], new Set(['call-ann']), 'hidden', 'granted').map((c) => c.id)).to.deep.equal(['call-bob']);
  });

  it('ring for inbound calls only: not a call the agent places, not a chat offered', () => {
    const views = [ann, interaction({ id: 'out', direction: 'outbound' }), interaction({ id: 'chat', channel: 'chat' }), interaction({ id: 'up', state: 'connected' })].map(
      (i: Interaction) => ({ interaction: i }),
    );
    expect(ringingCalls(views).map((c) => c.id)).to.deep.equal(['call-ann']);
  });

  it('shows one silent notification per call that rings while hidden, and closes it when the call stops ringing', () => {
    const { api, shown } = notificationApi('granted');
    const hidden = page('hidden');
    const notifications = new CallNotifications(document.createElement('div'), api, hidden.doc);
    notifications.update([ann]);
    notifications.update([ann, bob]);
    expect(shown.map((n) => n.title)).to.deep.equal(['Incoming voice call from Ann Smith, +1 415 555 0100, queue Sales', 'Incoming voice call from Bob Stone, +1 415 555 0199']);
    expect(shown[0]?.options).to.include({ silent: true, requireInteraction: true });
    notifications.update([bob]);
    expect(shown.map((n) => n.closed)).to.deep.equal([true, false]);
    notifications.update([]);
    expect(shown.map((n) => n.closed)).to.deep.equal([true, true]);
  });

  it('shows nothing while ContactPad is in sight; a call still ringing when the agent turns away is notified then', () => {
    const { api, shown } = notificationApi('granted');
    const visibility = page('visible');
    const notifications = new CallNotifications(document.createElement('div'), api, visibility.doc);
    notifications.update([ann]);
    expect(shown).to.deep.equal([]);
    visibility.set('hidden');
    expect(shown.map((n) => n.title)).to.deep.equal(['Incoming voice call from Ann Smith, +1 415 555 0100, queue Sales']);
  });

  it('a click on the notification selects the call (and brings the window forward) and closes it', () => {
    const { api, shown } = notificationApi('granted');
    const host = document.createElement('div');
    const intents: Intent[] = [];
    host.addEventListener(INTENT_EVENT, (event) => intents.push(event.detail));
    const notifications = new CallNotifications(host, api, page('hidden').doc);
    notifications.update([ann]);
    shown[0]?.onclick?.();
    expect(intents).to.deep.equal([{ type: 'select', interactionId: 'call-ann' }]);
    expect(shown[0]?.closed).to.equal(true);
  });

  it('asks for permission when the agent goes Ready, once, and not when the browser already has an answer', () => {
    const undecided = notificationApi('default');
    const notifications = new CallNotifications(document.createElement('div'), undecided.api, page('visible').doc);
    notifications.askPermission();
    notifications.askPermission();
    expect(undecided.asked).to.deep.equal(['permission']);
    const denied = notificationApi('denied');
    new CallNotifications(document.createElement('div'), denied.api, page('visible').doc).askPermission();
    expect(denied.asked).to.deep.equal([]);
  });

  it('with notifications denied (or none in this browser) calls still ring and nothing is shown', () => {
    const { api, shown } = notificationApi('denied');
    const notifications = new CallNotifications(document.createElement('div'), api, page('hidden').doc);
    notifications.update([ann]);
    expect(shown).to.deep.equal([]);
    expect(() => new CallNotifications(document.createElement('div'), undefined, page('hidden').doc).update([ann])).to.not.throw();
  });
});

describe('<contact-pad>: notification permission', () => {
  it('is asked when the agent chooses Ready (inside their click), not when ContactPad loads', async () => {
    if (typeof Notification !== 'function' || Notification.permission !== 'default') throw new Error('The test browser should not have decided on notifications');
    const original = Notification.requestPermission;
    const asked: string[] = [];
    Notification.requestPermission = () => {
      asked.push('asked');
      return Promise.resolve('default');
    };
    try {
      const pad = await fixture<ContactPad>(html`<contact-pad .snapshot=${snapshot()}></contact-pad>`);
      expect(asked, 'not on load').to.deep.equal([]);
      const agentState = pad.renderRoot.querySelector('cp-agent-state');
      agentState?.dispatchEvent(intentEvent({ type: 'set-agent-status', choice: { status: 'not-ready', reason: 'Lunch' } }));
      expect(asked, 'not for Not Ready').to.deep.equal([]);
      agentState?.dispatchEvent(intentEvent({ type: 'set-agent-status', choice: { status: 'ready' } }));
      expect(asked).to.deep.equal(['asked']);
    } finally {
      Notification.requestPermission = original;
    }
  });
});
