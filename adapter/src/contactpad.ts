/**
 * Starts the rooms: builds them from the host's settings and hands them to the controller.
 * It renders nothing: the app entry (app/main.ts) mounts the widget (widget/src/main.ts) on
 * the controller's store.
 *
 * Order matters for the ring path: the host and the phone come first, and nothing else loads
 * until the phone can ring (it registered) or will not (the agent is not Ready, or the phone
 * could not register): {@link RunningContactPad.phoneSettled}. Then, when the browser is idle,
 * the rest loads in the background: wrap up and screen pop, the keyboard shortcuts, the recent
 * numbers, the console bridge, and the crm room with jsforce (which replays Task writes left by
 * a reload). The phone registers with a time-limited SIP credential it asks Salesforce for first
 * (one fetch of the Apex REST endpoint, crm/sip-credential-source.ts: jsforce is not loaded yet)
 * and renews; an agent who was Ready before a reload has it fetched at once, beside Open CTI's
 * start and the microphone check.
 */
import { Controller } from './controller.ts';
import type { HostListener, NavigationContext, ClickToDialRequest } from './host/open-cti-host.ts';
import { OpenCtiHost } from './host/open-cti-host.ts';
import { PhoneTabLock } from './host/phone-tab-lock.ts';
import type { RingtoneStatus } from './telephony/ringer.ts';
import { afterNextPaint } from './telephony/after-paint.ts';
import { startRooms, webStorage } from './start-rooms.ts';
import { createSipCredentialSource } from './crm/sip-credential-source.ts';
import { readSettings, type ContactPadSettings } from './model/settings.ts';
import { readAgentIdentity, type AgentIdentity } from './model/agent-identity.ts';
import { ContactPadError } from './model/errors.ts';
import type { AgentStatusChoice } from './model/agent-state.ts';
import { realClock } from './model/clock.ts';
import { Diagnostics } from './diagnostics.ts';
import { whenIdle } from './when-idle.ts';
import type { SipCredential, SipCredentialSource } from './model/sip-credential.ts';
import type { Store } from './store.ts';

/** When what loads after the ring path starts loading at the latest, if the phone has neither registered nor failed before. */
const LATER_LOADS_DELAY_MS = 3000;

/** What the host page hands over: the Salesforce session (never logged) and who the agent is. */
export interface ContactPadStartOptions {
  readonly crm: { readonly instanceUrl: string; readonly accessToken: string };
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
  /** The diagnostic log's size now (its texts in UTF-8 bytes), its cap and entries: for the bench's memory figures. */
  diagnosticLog(): { readonly bytes: number; readonly capBytes: number; readonly entries: number };
  /**
   * Resolves once the phone can ring (registered) or will not (the agent did not come back Ready
   * or Not Ready from before a reload, the phone could not register), or after
   * LATER_LOADS_DELAY_MS at the latest: what is not needed to ring waits for it (the widget's
   * later elements too, app/main.ts).
   */
  readonly phoneSettled: Promise<void>;
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
  // The agent's status before a reload (the tab's sessionStorage): a Ready agent's credential is fetched right away.
  const sessionStore = webStorage('sessionStorage');
  const savedChoice = parseChoice(sessionStore?.getItem(AGENT_CHOICE_KEY) ?? null);
  const comingBack = savedChoice !== undefined && savedChoice.status !== 'offline';
  const credentialSource = createSipCredentialSource({ instanceUrl: options.crm.instanceUrl, accessToken: options.crm.accessToken });
  const credentials = comingBack ? fetchedAhead(credentialSource) : credentialSource;
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
  const orgPart = options.crm.accessToken.split('!')[0]?.replace(/[^A-Za-z0-9]/g, '') ?? '';
  // What an agent's problem report carries: the last minutes of SIP messages, media figures and
  // errors, in memory with a cap, never the session token (model/diagnostic-log.ts).
  const diagnostics = new Diagnostics(() => realClock.now());
  diagnostics.neverLog(options.crm.accessToken);
  const controller = new Controller(settings, realClock, language, {
    diagnostics,
    browser: globalThis.navigator?.userAgent ?? '',
    agent: { sipUser: agent.sipUser, userId: agent.userId },
    // A report not sent yet is kept in this browser, per org and agent, until Salesforce has it.
    storage: webStorage('localStorage'),
    storageKey: `contactpad-problem-report-${orgPart}-${agent.userId || 'agent'}`,
  });
  hostEvents.target = controller;
  if (hostProblem !== undefined) controller.notify(hostProblem);
  for (const problem of [...problems, ...agentProblems]) controller.notify(new ContactPadError('INVALID_CONFIGURATION', problem));

  const { crm, audio, phone } = startRooms(options.crm, settings, agent, controller, { ringtoneUrl: options.ringtoneUrl, diagnostics, salesforceCredentials: credentials });
  // One phone per agent in this browser: the tab or window the election grants it registers and rings.
  const phoneTab = new PhoneTabLock({ name: `contactpad-phone-${orgPart}-${agent.userId || agent.sipUser}`, listener: controller });
  if (phone) controller.attach({ phone, crm, audio, phoneTab, afterPaint: afterNextPaint, ...(host ? { host } : {}) });
  // A reload or a closed tab during a call: the far end gets its BYE now, the call its Task (the page next with the phone).
  globalThis.addEventListener?.('pagehide', () => controller.pageLeaving());
  keepAgentChoiceAcrossReloads(controller, sessionStore, savedChoice);

  // Off the ring path, once the phone has settled and the browser is idle: the agent's devices
  // listed and followed, wrap up and screen pop (a call needs them once it is answered), the
  // keyboard shortcuts, the agent's recent numbers and favourites (kept per org and agent in this
  // browser), the console bridge, the diagnostic log's ring buffer (then a problem report a reload
  // left unsent), then the crm room and jsforce: the outbox then replays Task writes left by a reload.
  const phoneSettled = settlesWith(controller.store, comingBack);
  void phoneSettled.then(() =>
    whenIdle(() => {
      audio.start();
      controller.preloadLaterDesks().catch((error: unknown) => controller.notify(error));
      controller.loadKeyboardShortcuts().catch((error: unknown) => controller.notify(error));
      import('./dial-history-storage.ts')
        .then(({ keepDialHistory }) => keepDialHistory(controller, `contactpad-dial-history-${orgPart}-${agent.userId || 'agent'}`, webStorage('localStorage')))
        .catch((error: unknown) => controller.notify(error));
      if (host) connectConsoleBridge(host, controller);
      diagnostics
        .log()
        .then(() => controller.resumeProblemReport())
        .catch((error: unknown) => controller.notify(error));
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
    }),
  );

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
    diagnosticLog: () => diagnostics.size(),
    phoneSettled,
  };
}

/**
 * Resolves once the phone can ring or will not: at once for an agent who starts Offline (nothing
 * rings until they choose, by which time the rest has loaded); for one coming back Ready or Not
 * Ready, once the phone registered or could not (unreachable, refused, no credential), or after
 * LATER_LOADS_DELAY_MS at the latest.
 */
function settlesWith(store: Store, comingBack: boolean): Promise<void> {
  if (!comingBack) return Promise.resolve();
  return new Promise((settle) => {
    let settled = false;
    const timer = setTimeout(done, LATER_LOADS_DELAY_MS);
    const unsubscribe = store.subscribe((snapshot) => {
      if (['registered', 'unreachable', 'refused', 'no-credential'].includes(snapshot.phone.state)) done();
    });
    function done(): void {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      queueMicrotask(() => unsubscribe());
      settle();
    }
  });
}

/**
 * `source` with its first fetch started now, for an agent who comes back Ready: the phone's first
 * ask gets that fetch (a failed one included: the registration tells it and retries with fresh
 * fetches); every later ask fetches anew.
 */
function fetchedAhead(source: SipCredentialSource): SipCredentialSource {
  let ahead: Promise<SipCredential> | undefined = source();
  ahead.catch(() => undefined); // not unhandled while the phone has not asked yet
  return () => {
    const first = ahead;
    ahead = undefined;
    return first ?? source();
  };
}


const AGENT_CHOICE_KEY = 'contactpad-agent-choice';

/**
 * A reload (or the console reloading the softphone) must not drop a Ready agent to Offline:
 * the agent's chosen state is kept for the browser tab (sessionStorage, so a new day starts
 * Offline) and chosen again at start, which registers the phone.
 */
function keepAgentChoiceAcrossReloads(controller: Controller, storage: Storage | undefined, saved: AgentStatusChoice | undefined): void {
  if (!storage) return; // blocked by the browser: start Offline
  if (saved && saved.status !== 'offline') void controller.handle({ type: 'set-agent-status', choice: saved });
  let last = '';
  controller.store.subscribe((snapshot) => {
    const value = JSON.stringify(snapshot.agent.chosen);
    if (value === last) return;
    last = value;
    storage.setItem(AGENT_CHOICE_KEY, value);
  });
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
