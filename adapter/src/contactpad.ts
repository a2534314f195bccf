/**
 * Starts the rooms: builds them from the host's settings and hands them to the controller.
 * It renders nothing: the app entry (app/main.ts) mounts the widget (widget/src/main.ts) on
 * the controller's store.
 *
 * Order matters for the ring path: the host and the phone come first; jsforce (about 300 KB
 * gzipped) is loaded after the phone registers, off the path that rings and answers. The phone
 * registers with a time-limited SIP credential it asks Salesforce for first (one fetch of the
 * Apex REST endpoint, crm/sip-credential-source.ts: jsforce is not loaded yet) and renews.
 */
import { Controller } from './controller.ts';
import type { HostListener, NavigationContext, ClickToDialRequest } from './host/open-cti-host.ts';
import { OpenCtiHost } from './host/open-cti-host.ts';
import { PhoneTabLock } from './host/phone-tab-lock.ts';
import { Phone, addressOfRecord } from './telephony/phone.ts';
import { AudioDevices } from './telephony/audio-devices.ts';
import { keptInstanceId } from './phone-instance-storage.ts';
import type { RingtoneStatus } from './telephony/ringer.ts';
import { createCrmService } from './crm/crm-service.ts';
import { createSipCredentialSource } from './crm/sip-credential-source.ts';
import { readSettings, type ContactPadSettings } from './model/settings.ts';
import { readAgentIdentity, type AgentIdentity } from './model/agent-identity.ts';
import { ContactPadError } from './model/errors.ts';
import type { AgentStatusChoice } from './model/agent-state.ts';
import { realClock } from './model/clock.ts';

/** When the crm room loads at the latest, if the phone has not registered before. */
const CRM_PRELOAD_DELAY_MS = 3000;

/** What the host page hands over: the Salesforce session (never logged), where jsforce is, and who the agent is. */
export interface ContactPadStartOptions {
  readonly crm: { readonly instanceUrl: string; readonly accessToken: string; readonly jsforceUrl: string };
  /**
   * The logged-in user as the page's merge fields give it (`$User.Id`, `$User.ProfileId`,
   * `$User.ContactPad_SIP_User__c`, `$User.LanguageLocaleKey`, `$User.LocaleSidKey`); checked, not trusted.
   */
  readonly agent?: unknown;
  /** How long to wait for `sforce.opencti` before saying the console is unavailable. */
  readonly hostWaitMs?: number;
  /** The ringtone file (ringtone.wav in the static resource); without it incoming calls ring on screen only (the devices still apply). */
  readonly ringtoneUrl?: string;
}

/** A running ContactPad: its controller and a diagnostics handle for support. */
export interface RunningContactPad {
  readonly controller: Controller;
  readonly settings: ContactPadSettings;
  readonly agent: AgentIdentity;
  /** Media figures of a call, for support and the end-to-end suite. */
  mediaStats(callId: string): Promise<{ iceConnectionState: string; bytesReceived: number; bytesSent: number }>;
  /** The ringtone's element as it plays now (support, the end-to-end suite). */
  ringtone(): RingtoneStatus;
  /** The output a call's sound plays on ('' = the default): HTMLMediaElement.sinkId. */
  speakerOf(callId: string): string | undefined;
}

/** Forwards host events to the controller once it exists (the host connects first). */
class HostEvents implements HostListener {
  target: HostListener | undefined;
  clickToDial(request: ClickToDialRequest): void {
    this.target?.clickToDial(request);
  }
  navigation(context: NavigationContext): void {
    this.target?.navigation(context);
  }
}

export async function startContactPad(options: ContactPadStartOptions): Promise<RunningContactPad> {
  const hostEvents = new HostEvents();
  let host: OpenCtiHost | undefined;
  let hostProblem: unknown;
  try {
    host = await OpenCtiHost.connect(hostEvents, { waitMs: options.hostWaitMs ?? 5000 });
  } catch (error) {
    hostProblem = error;
  }
  let items: Record<string, string> = {};
  if (host) {
    try {
      items = await host.getCallCenterSettings();
    } catch (error) {
      hostProblem = error;
    }
  }
  const { settings, problems } = readSettings(items);
  const { agent, language, problems: agentProblems } = readAgentIdentity(options.agent);
  const controller = new Controller(settings, realClock, language);
  hostEvents.target = controller;
  if (hostProblem !== undefined) controller.notify(hostProblem);
  for (const problem of [...problems, ...agentProblems]) controller.notify(new ContactPadError('INVALID_CONFIGURATION', problem));

  const orgPart = options.crm.accessToken.split('!')[0]?.replace(/[^A-Za-z0-9]/g, '') ?? '';
  const crm = createCrmService({
    session: options.crm,
    settings,
    agent,
    activityState: (interactionId, state, error) => controller.activityState(interactionId, state, error),
    onError: (error) => controller.notify(error),
    // One outbox and one memory of recent calls per org: the session id starts with the org id (never log the rest).
    outboxDatabase: `contactpad-activity-outbox-${orgPart}`,
    recentActivityKey: `contactpad-recent-activity-${orgPart}-${agent.userId}`,
  });

  // The agent's microphone, speaker and ringer, saved per agent and org in this browser; the ringtone.
  const audio = new AudioDevices({
    ringtoneUrl: options.ringtoneUrl ?? '',
    storageKey: `contactpad-audio-devices-${orgPart}-${agent.userId}`,
    storage: webStorage('localStorage'),
    listener: controller,
  });

  let phone: Phone | undefined;
  try {
    phone = new Phone(
      {
        serverUrl: settings.sipServerUrl,
        aor: addressOfRecord(agent.sipUser, settings.sipDomain),
        displayName: '',
        rejectStatusCode: settings.rejectStatusCode,
        iceServers: iceServerEntries(settings.iceServers),
        // One SIP device per agent in this browser: a new page's REGISTER replaces the binding an old one left.
        instanceId: keptInstanceId(webStorage('localStorage'), `contactpad-sip-instance-${orgPart}-${agent.userId || agent.sipUser}`),
      },
      controller,
      // The agent's credential, from Salesforce for the session's own user (never named here).
      { credentials: createSipCredentialSource({ instanceUrl: options.crm.instanceUrl, accessToken: options.crm.accessToken }), audio },
    );
  } catch (error) {
    controller.notify(error);
  }
  // One phone per agent in this browser: the tab or window the election grants it registers and rings.
  const phoneTab = new PhoneTabLock({ name: `contactpad-phone-${orgPart}-${agent.userId || agent.sipUser}`, listener: controller });
  if (phone) controller.attach({ phone, crm, audio, phoneTab, ...(host ? { host } : {}) });
  // A reload or a closed tab during a call: the far end gets its BYE now, the call its Task (the page next with the phone).
  globalThis.addEventListener?.('pagehide', () => controller.pageLeaving());
  audio.start();
  keepAgentChoiceAcrossReloads(controller);
  // Off the ring path, in the background: wrap up and screen pop (a call needs them once it is answered), the keyboard shortcuts.
  controller.preloadLaterDesks().catch((error: unknown) => controller.notify(error));
  controller.loadKeyboardShortcuts().catch((error: unknown) => controller.notify(error));
  // The agent's recent numbers and favourites, kept per org and agent in this browser (loaded off the ring path).
  import('./dial-history-storage.ts')
    .then(({ keepDialHistory }) => keepDialHistory(controller, `contactpad-dial-history-${orgPart}-${agent.userId || 'agent'}`, webStorage('localStorage')))
    .catch((error: unknown) => controller.notify(error));
  if (host) connectConsoleBridge(host, controller);

  // The crm room and jsforce load once the phone has had its chance to register (off the
  // ring path), or after a few seconds if the agent stays Offline: either way the outbox
  // then replays Task writes left by a reload.
  let preloaded = false;
  const preload = () => {
    if (preloaded) return;
    preloaded = true;
    crm
      .preload()
      .then(async () => {
        await controller.restoreWrapUps();
        await controller.loadDirectory().catch((error: unknown) => controller.notify(error));
        const problems = await crm.ruleProblems();
        if (problems.length > 0) {
          controller.notify(new ContactPadError('INVALID_CONFIGURATION', `Screen-pop rules (tell your Salesforce admin): ${problems.join(' ')}`));
        }
      })
      .catch((error: unknown) => controller.notify(error));
  };
  const unsubscribe = controller.store.subscribe((snapshot) => {
    if (snapshot.phone.state === 'registered' || snapshot.phone.state === 'unreachable' || snapshot.phone.state === 'no-credential') {
      queueMicrotask(() => unsubscribe());
      preload();
    }
  });
  setTimeout(preload, CRM_PRELOAD_DELAY_MS);

  return {
    controller,
    settings,
    agent,
    mediaStats: (callId) => {
      if (!phone) return Promise.reject(new ContactPadError('SIP_SERVER_UNREACHABLE', 'The phone is not configured.'));
      return phone.mediaStats(callId);
    },
    ringtone: () => audio.ringtoneStatus(),
    speakerOf: (callId) => phone?.speakerOf(callId),
  };
}

/**
 * The call center's ICE server URLs as the phone takes them: the STUN URLs in one entry, the
 * TURN URLs in another without credentials (the phone gives them the TURN credential that comes
 * with the SIP credential); none at all by default.
 */
function iceServerEntries(urls: readonly string[]): RTCIceServer[] {
  const stun = urls.filter((url) => /^stuns?:/i.test(url));
  const turn = urls.filter((url) => /^turns?:/i.test(url));
  return [...(stun.length > 0 ? [{ urls: stun }] : []), ...(turn.length > 0 ? [{ urls: turn }] : [])];
}

const AGENT_CHOICE_KEY = 'contactpad-agent-choice';

/**
 * A reload (or the console reloading the softphone) must not drop a Ready agent to Offline:
 * the agent's chosen state is kept for the browser tab (sessionStorage, so a new day starts
 * Offline) and chosen again at start, which registers the phone.
 */
function keepAgentChoiceAcrossReloads(controller: Controller): void {
  const storage = webStorage('sessionStorage');
  if (!storage) return; // blocked by the browser: start Offline
  const saved = parseChoice(storage.getItem(AGENT_CHOICE_KEY));
  if (saved && saved.status !== 'offline') void controller.handle({ type: 'set-agent-status', choice: saved });
  let last = '';
  controller.store.subscribe((snapshot) => {
    const value = JSON.stringify(snapshot.agent.chosen);
    if (value === last) return;
    last = value;
    storage.setItem(AGENT_CHOICE_KEY, value);
  });
}

/** The browser's localStorage or sessionStorage; undefined when it refuses (blocked by its settings, a sandboxed frame). */
function webStorage(name: 'localStorage' | 'sessionStorage'): Storage | undefined {
  try {
    return globalThis[name];
  } catch {
    return undefined;
  }
}

function parseChoice(raw: string | null): AgentStatusChoice | undefined {
  if (!raw) return undefined;
  try {
    const value: unknown = JSON.parse(raw);
    if (typeof value !== 'object' || value === null) return undefined;
    const { status, reason } = value as { status?: unknown; reason?: unknown };
    if (status === 'ready' || status === 'offline') return { status };
    if (status === 'not-ready' && typeof reason === 'string' && reason.trim() !== '') return { status, reason };
  } catch {
    // a damaged value: start Offline
  }
  return undefined;
}

/**
 * The console bridge (utility-bar component: tabs, Omni-Channel) is loaded and looked for in
 * the background, never on the ring path, with the desks that work through it (Omni-Channel,
 * tabs, presence: loaded before the bridge can send its first event); without it ContactPad
 * still handles calls and says that tab sync and Omni-Channel are off. A bridge that starts
 * later still connects.
 */
function connectConsoleBridge(host: OpenCtiHost, controller: Controller): void {
  Promise.all([import('./host/console-bridge.ts'), controller.prepareConsole()])
    .then(([{ ConsoleBridge }]) =>
      ConsoleBridge.connect(host, { event: (event) => controller.bridgeEvent(event), stateChanged: (state) => controller.bridgeState(state) }),
    )
    .then((bridge) => controller.attachBridge(bridge))
    .catch((error: unknown) => controller.notify(error));
}
