/**
 * The desks' rig: the desks over a fresh store on the one fake clock (fake-clock.ts), the real
 * crm room on the fake org, and small stand-ins for the room ports (PhonePort, HostPort,
 * BridgePort) that record what they were asked. The model and the desks are always the real ones.
 */
import { FakeClock } from './fake-clock.ts';
import { readSettings, type ContactPadSettings } from '../src/model/settings.ts';
import type { BridgeCapability, BridgeTab } from '../src/host/console-bridge-protocol.ts';
import { createCrmService, type CrmService } from '../src/crm/crm-service.ts';
import { ActivityOutbox } from '../src/crm/activity-outbox.ts';
import { DEMO_PRESENCE, fakeOrg } from './fake-org.ts';
import { Store } from '../src/store.ts';
import { loadedDesks, openDesks, type Desks, type LoadedDesks } from '../src/desks/desks.ts';
import { Rooms, type BridgePort, type BridgeSnapshot, type HostPort, type PhonePort } from '../src/desks/ports.ts';
import { firstSnapshot } from '../src/desks/view-desk.ts';
import { outboxProgress } from '../src/desks/outbox-progress.ts';
import type { CallOffer } from '../src/telephony/sip-header-contract.ts';
import type { DtmfMethod } from '../src/model/dtmf.ts';
import type { CallVideo, DtmfSent, MediaStats, VoicemailDropped } from '../src/telephony/phone.ts';
import type { CameraListener, CameraNow } from '../src/telephony/call-camera.ts';
import type { ContactPadError } from '../src/model/errors.ts';
import type { RecordingCommand } from '../src/model/recording.ts';

/** Settings as the call center would give them (`/ContactPad/<name>` keys), over the defaults. */
export function testSettings(items: Record<string, string> = {}): ContactPadSettings {
  return readSettings({ '/ContactPad/sipServerUrl': 'wss://sip.example.com:7443', '/ContactPad/sipDomain': 'sip.example.com', ...items }).settings;
}

/** The desks that ring and answer over a fresh store, with a fake clock and the rooms to attach. */
export function testDesks(items: Record<string, string> = {}): Desks & { readonly clock: FakeClock } {
  const settings = testSettings(items);
  const clock = new FakeClock();
  const store = new Store(firstSnapshot(settings, clock.now()));
  return { ...openDesks({ settings, clock, store, rooms: new Rooms() }), clock };
}

/** {@link testDesks} with wrap up loaded, as the desks loaded later (console, directory, outbound...) get them. */
export async function loadedTestDesks(items: Record<string, string> = {}): Promise<LoadedDesks & { readonly clock: FakeClock }> {
  const desks = testDesks(items);
  return { ...(await loadedDesks(desks)), clock: desks.clock };
}

/**
 * `desks` with their rooms: `phone` (a RecordingPhone unless given), a RecordingHost and the real
 * crm room on a fresh fake org with the demo data (crmOnFakeOrg), or with `reload`, on the org
 * and browser storage of an earlier one (as after a reload).
 */
export async function withRooms<Phone extends RecordingPhone = RecordingPhone>(
  desks: Pick<Desks, 'view' | 'notices' | 'settings' | 'rooms'>,
  phone: Phone = new RecordingPhone() as Phone,
  options: { reload?: CrmStorage } = {},
): Promise<{ phone: Phone; host: RecordingHost; crm: CrmService; orgId: string; storage: CrmStorage }> {
  const host = new RecordingHost();
  const { crm, orgId, storage } = await crmOnFakeOrg(desks, options.reload ? { reload: options.reload } : {});
  desks.rooms.phone = phone;
  desks.rooms.host = host;
  desks.rooms.crm = crm;
  return { phone, host, crm, orgId, storage };
}

/** What an INVITE from Maria Lopez (+14155550100, queue Sales) says, as the phone reports it; `fields` change it. */
export function callOffer(callId: string, fields: Partial<CallOffer> = {}): CallOffer {
  return {
    callId,
    sipCallId: `sip-${callId}`,
    kind: 'voice',
    callerName: 'Maria Lopez',
    callerNumber: '+14155550100',
    queue: 'Sales',
    location: '',
    adSource: '',
    callbackNumber: '',
    callbackAttempt: undefined,
    ...fields,
  };
}

/** The demo org's agent (User Alex Morgan), as the rig's ContactPad runs. */
export const DEMO_AGENT_USER_ID = '005000000000001AAA';

/** Where a crm room on the fake org keeps what survives a reload: its org and its browser storage. */
export interface CrmStorage {
  readonly org: { readonly orgId: string; readonly instanceUrl: string; readonly accessToken: string };
  readonly unique: string;
}

/**
 * The real crm room on a fresh fake org with the demo data (Leads, Contacts, Cases, Messaging
 * Sessions, Omni-Channel presence), with an outbox and memories of its own (or, with `reload`,
 * those of an earlier one, as after a reload); `desks` hear the outbox's Task states and the
 * room's errors as the switchboard would route them.
 */
export async function crmOnFakeOrg(
  desks: Pick<Desks, 'view' | 'notices' | 'settings' | 'rooms'>,
  options: { omniAutoAccept?: boolean; reload?: CrmStorage } = {},
): Promise<{ crm: CrmService; orgId: string; storage: CrmStorage }> {
  const org = options.reload?.org ?? (await fakeOrg.createOrg('demo'));
  if (options.omniAutoAccept !== undefined) {
    await fakeOrg.update(org.orgId, 'PresenceUserConfig', DEMO_PRESENCE.alexConfig, { OptionsIsAutoAcceptEnabled: options.omniAutoAccept });
  }
  const unique = options.reload?.unique ?? Math.random().toString(36).slice(2, 10);
  const crm = createCrmService({
    session: { instanceUrl: org.instanceUrl, accessToken: org.accessToken },
    settings: desks.settings,
    agent: { userId: DEMO_AGENT_USER_ID, profileId: DEMO_PRESENCE.agentProfile, sipUser: `agent-${unique}` },
    activityState: (id, state, error) => outboxProgress(desks, id, state, error),
    onError: (error) => desks.notices.notify(error),
    outboxDatabase: `desk-outbox-${unique}`,
    rememberedChoicesKey: `desk-choices-${unique}`,
    recentActivityKey: `desk-recent-${unique}`,
  });
  return { crm, orgId: org.orgId, storage: { org: { orgId: org.orgId, instanceUrl: org.instanceUrl, accessToken: org.accessToken }, unique } };
}

/** The interaction ids of the writes kept in the outbox database of a crm room on the fake org (read without sending anything). */
export async function storedWrites(storage: CrmStorage): Promise<readonly string[]> {
  const outbox = new ActivityOutbox({ databaseName: `desk-outbox-${storage.unique}` });
  try {
    return (await outbox.pending()).map((write) => write.interactionId);
  } finally {
    outbox.close();
  }
}

/** A stand-in for the telephony room: records each request; `fail` makes the next request of that kind reject. */
export class RecordingPhone implements PhonePort {
  readonly asked: string[] = [];
  readonly fail = new Map<string, Error>();
  #nextCall = 1;

  start(): void {
    this.asked.push('start');
  }
  stop(): Promise<void> {
    return this.#answer('stop');
  }
  leave(): void {
    this.asked.push('leave');
  }
  accept(callId: string): Promise<void> {
    return this.#answer('accept', callId);
  }
  reject(callId: string): Promise<void> {
    return this.#answer('reject', callId);
  }
  release(callId: string): Promise<void> {
    return this.#answer('release', callId);
  }
  async dial(target: string): Promise<string> {
    await this.#answer('dial', target);
    return `outbound-${this.#nextCall++}`;
  }
  hold(callId: string): Promise<void> {
    return this.#answer('hold', callId);
  }
  retrieve(callId: string): Promise<void> {
    return this.#answer('retrieve', callId);
  }
  transfer(callId: string, target: string): Promise<void> {
    return this.#answer('transfer', callId, target);
  }
  recording(callId: string, command: RecordingCommand): Promise<void> {
    return this.#answer('recording', callId, command);
  }
  /** How long a dropped voicemail message plays, in seconds (what {@link dropVoicemail} answers). */
  voicemailSeconds = 4;
  async dropVoicemail(callId: string, audioUrl: string): Promise<VoicemailDropped> {
    await this.#answer('drop-voicemail', callId, audioUrl);
    return { seconds: this.voicemailSeconds };
  }
  completeTransfer(callId: string, consultId: string): Promise<void> {
    return this.#answer('complete-transfer', callId, consultId);
  }
  conference(callId: string, otherId: string): Promise<void> {
    return this.#answer('conference', callId, otherId);
  }
  mute(callId: string): Promise<void> {
    return this.#answer('mute', callId);
  }
  unmute(callId: string): Promise<void> {
    return this.#answer('unmute', callId);
  }
  /** How {@link sendDtmf} says the tones went (fellBack: the call could not carry them in its audio). */
  dtmfSent: DtmfSent = { sentAs: 'rfc4733', fellBack: false };
  async sendDtmf(callId: string, tones: string, method: DtmfMethod): Promise<DtmfSent> {
    await this.#answer('send-dtmf', callId, tones, method);
    return this.dtmfSent;
  }
  /** The media figures {@link mediaStats} answers for a call, in turn (the last one again once they run out). */
  readonly media = new Map<string, MediaStats[]>();
  /** How often the figures were read (not in {@link asked}: a reading changes nothing). */
  mediaReads = 0;
  async mediaStats(callId: string): Promise<MediaStats> {
    this.mediaReads += 1;
    const queue = this.media.get(callId) ?? [];
    const next = queue.length > 1 ? queue.shift() : queue[0];
    if (!next) throw new Error(`RecordingPhone: no media figures for ${callId}`);
    return next;
  }

  /** What {@link video} answers for a video call (the telephony room's findings at accept); its camera switch is recorded in {@link asked}. */
  readonly videos = new Map<string, Omit<CallVideo, 'setCamera' | 'watchCamera'>>();
  /** Who follows each call's camera (CallVideo.watchCamera); {@link cameraMoved} plays a move of the telephony room's camera. */
  readonly #cameraWatchers = new Map<string, Set<CameraListener>>();
  async video(callId: string): Promise<CallVideo> {
    const found = this.videos.get(callId);
    if (!found) throw new Error(`RecordingPhone: no video for ${callId}`);
    const watchers = this.#cameraWatchers.get(callId) ?? new Set<CameraListener>();
    this.#cameraWatchers.set(callId, watchers);
    return {
      ...found,
      setCamera: async (on) => void this.asked.push(`camera ${callId} ${on ? 'on' : 'off'}`),
      watchCamera: (listener) => {
        watchers.add(listener);
        return () => watchers.delete(listener);
      },
    };
  }

  /** The call's camera moved in the telephony room (turned on, paused on hold, lost...): its watchers hear it. */
  cameraMoved(callId: string, now: CameraNow, problem?: ContactPadError): void {
    for (const listener of this.#cameraWatchers.get(callId) ?? []) listener(now, problem);
  }

  #answer(kind: string, ...args: string[]): Promise<void> {
    this.asked.push([kind, ...args].join(' '));
    const error = this.fail.get(kind);
    if (!error) return Promise.resolve();
    this.fail.delete(kind);
    return Promise.reject(error);
  }
}

/** A stand-in for the host room (Open CTI): records the screen pops; the panel is shown or not. */
export class RecordingHost implements HostPort {
  readonly pops: string[] = [];
  panelVisible = true;
  panelShown = 0;

  async screenPopRecord(recordId: string): Promise<void> {
    this.pops.push(`record ${recordId}`);
  }
  async screenPopNewRecord(entityName: string, defaultFieldValues: Record<string, string>): Promise<void> {
    this.pops.push(`new ${entityName} ${JSON.stringify(defaultFieldValues)}`);
  }
  async screenPopSearch(searchString: string): Promise<void> {
    this.pops.push(`search ${searchString}`);
  }
  async screenPopFlow(flowDevName: string): Promise<void> {
    this.pops.push(`flow ${flowDevName}`);
  }
  async showPanel(): Promise<void> {
    this.panelShown += 1;
    this.panelVisible = true;
  }
  async isPanelVisible(): Promise<boolean> {
    return this.panelVisible;
  }
  async enableClickToDial(): Promise<void> {}
}

/** A stand-in for the console bridge: records each request, opens tabs with ids of its own. */
export class RecordingBridge implements BridgePort {
  state: 'connected' | 'missing' = 'connected';
  capabilities: readonly BridgeCapability[] = ['tabs', 'omni'];
  snapshot: BridgeSnapshot = { tabs: [], works: [], presence: null };
  readonly asked: string[] = [];
  readonly fail = new Map<string, Error>();
  #nextTab = 1;

  async openRecordTab(recordId: string, focus = true): Promise<{ readonly body: { readonly tab: BridgeTab } }> {
    await this.#answer('openRecordTab', recordId, String(focus));
    return { body: { tab: { tabId: `ctab${this.#nextTab++}`, recordId, objectType: '', title: '', focused: focus } } };
  }
  focusTab(tabId: string): Promise<unknown> {
    return this.#answer('focusTab', tabId);
  }
  closeTab(tabId: string): Promise<unknown> {
    return this.#answer('closeTab', tabId);
  }
  acceptWork(workId: string): Promise<unknown> {
    return this.#answer('acceptWork', workId);
  }
  declineWork(workId: string, reason: string): Promise<unknown> {
    return this.#answer('declineWork', workId, reason);
  }
  closeWork(workId: string): Promise<unknown> {
    return this.#answer('closeWork', workId);
  }
  setPresence(statusId: string | null): Promise<unknown> {
    return this.#answer('setPresence', String(statusId));
  }

  #answer(kind: string, ...args: string[]): Promise<void> {
    this.asked.push([kind, ...args].join(' '));
    const error = this.fail.get(kind);
    if (!error) return Promise.resolve();
    this.fail.delete(kind);
    return Promise.reject(error);
  }
}

/** Lets the promises already settled run their callbacks (a desk's `.then` after a port's answer). */
export async function settled(): Promise<void> {
  for (let i = 0; i < 10; i += 1) await Promise.resolve();
}
