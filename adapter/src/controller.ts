/**
 * The switchboard: room events (telephony's PhoneListener, the host's HostListener, the console
 * bridge's events, the outbox's Task states) and the agent's intents (intents.ts) are routed to
 * the desk of their concern (adapter/src/desks/), and nothing else happens here. No room calls
 * another, and the rooms reach the desks only through here (desks work with each other).
 *
 *   SIP INVITE -> voice desk (incoming) -> view desk (call pop) -> screen-pop desk (lookup)
 *   Accept     -> voice desk -> phone.accept -> connected -> agent desk (Busy) -> screen pop
 *   Release    -> voice desk -> wrap-up desk (wrap up, its clock on the agent desk) -> ended -> Task
 *   workAssigned, tabs, presence -> the console desks (omni, tabs, presence), loaded with the bridge
 *   consult, transfer            -> the directory desk, loaded with the directory (consult calls:
 *                                   its consult desk: swap, attended transfer, conference)
 *   mute, keypad, line quality   -> the in-call desk, loaded with the first connected call
 *   recording, voicemail drop    -> the recording and voicemail desks, loaded with the first call needing them
 *   a video call's camera        -> the in-call desk (its video desk, loaded with the first video call)
 *   calling list                 -> the preview desk, loaded when the agent first opens one
 *   the agent's other tabs       -> the phone-tab desk: which page has the phone; a page that goes (pagehide)
 *
 * The desks that ring and answer are built at once (desks/desks.ts); the others are loaded when
 * their room arrives, off the ring path.
 */
import type { CallEnd, PhoneListener } from './telephony/phone.ts';
import type { CallOffer } from './telephony/sip-header-contract.ts';
import type { BridgeEvent } from './host/console-bridge-protocol.ts';
import type { ClickToDialRequest, HostListener, NavigationContext } from './host/open-cti-host.ts';
import type { PhoneTabListener, PhoneTabLockEvent } from './host/phone-tab-lock.ts';
import type { Intent } from './intents.ts';
import type { PhoneConnection } from './model/phone-connection.ts';
import { ContactPadError } from './model/errors.ts';
import type { ActivityLogState } from './model/activity-log-state.ts';
import type { DialHistory } from './model/dial-history.ts';
import type { ContactPadSettings } from './model/settings.ts';
import type { AgentLanguage } from './model/agent-identity.ts';
import type { CallRecord } from './model/call-record.ts';
import { realClock, type Clock } from './model/clock.ts';
import { Store } from './store.ts';
import { loadedDesks, openDesks, type Desks } from './desks/desks.ts';
import { loadedOnce } from './desks/loaded-once.ts';
import { outboxProgress } from './desks/outbox-progress.ts';
import type { ConsoleDesks } from './desks/console-desks.ts';
import type { DirectoryDesk } from './desks/directory-desk.ts';
import type { InCallDesk } from './desks/in-call-desk.ts';
import { Rooms, type AudioPort, type BridgePort, type BridgeSnapshot, type CrmPort, type HostPort, type PhonePort, type PhoneTabPort } from './desks/ports.ts';
import type { AudioDevicesListener } from './telephony/audio-devices.ts';
import type { AudioDevicesView } from './model/audio-devices.ts';
import { firstSnapshot } from './desks/view-desk.ts';
import type { ReportingSetup } from './desks/problem-report-desk.ts';
import { Diagnostics } from './diagnostics.ts';

/** What both a call and a work item answer to; the switchboard picks the desk by the interaction. */
interface Line {
  accept(id: string): Promise<void>;
  reject(id: string, reason: string | undefined): Promise<void>;
  release(id: string): Promise<void>;
  abandon(id: string): void | Promise<void>;
}

/** Routes the rooms' events and the agent's intents to the desks; see the file comment. */
export class Controller implements PhoneListener, HostListener, AudioDevicesListener, PhoneTabListener {
  readonly store: Store;
  readonly #rooms = new Rooms();
  readonly #desks: Desks;
  #console: ConsoleDesks | undefined;
  #consoleLoading: Promise<ConsoleDesks> | undefined;
  #directoryLoading: Promise<DirectoryDesk> | undefined;
  /** The recording desk (start, pause, resume, stop) and the voicemail desk (voicemail drop), each loaded once. */
  readonly #recording = loadedOnce(() => Promise.all([import('./desks/recording-desk.ts'), loadedDesks(this.#desks)]).then(([{ RecordingDesk }, desks]) => new RecordingDesk(desks)));
  readonly #voicemail = loadedOnce(() => Promise.all([import('./desks/voicemail-desk.ts'), loadedDesks(this.#desks)]).then(([{ VoicemailDesk }, desks]) => new VoicemailDesk(desks)));
  /** The record in focus in the console (Open CTI onNavigationChange), for Call back. */
  #focused: NavigationContext | undefined;
  #inCallLoading: Promise<InCallDesk> | undefined;
  /** The crm room has loaded and wrap ups were restored once (a page that gets the phone later restores calls' then). */
  #restored = false;
  /** Preview dialling (the calling list of a campaign), loaded when the agent first opens it. */
  readonly #preview = loadedOnce(() => Promise.all([import('./desks/preview-desk.ts'), loadedDesks(this.#desks)]).then(([{ PreviewDesk }, desks]) => new PreviewDesk(desks)));
  /** The diagnostic log, the browser and the agent a problem report names, where an unsent one is kept. */
  readonly #reporting: ReportingSetup;
  /** Report a problem, loaded on first use (or at start when a report from before a reload waits). */
  readonly #problemReport = loadedOnce(() => import('./desks/problem-report-desk.ts').then(({ ProblemReportDesk }) => new ProblemReportDesk(this.#desks, this.#reporting)));

  /**
   * `agentLanguage`: the agent's language and locale from the host page, for the widget's words and
   * time formats. `reporting`: the diagnostic log the rooms write to and what a problem report names
   * (without it: a log of the controller's own, naming no agent). `callRecord`: where the record of
   * a call lives (model/call-record.ts): `voice-call` under Service Cloud Voice.
   */
  constructor(settings: ContactPadSettings, clock: Clock = realClock, agentLanguage?: AgentLanguage, reporting?: ReportingSetup, callRecord: CallRecord = 'task') {
    this.store = new Store(firstSnapshot(settings, clock.now(), agentLanguage));
    this.#reporting = reporting ?? { diagnostics: new Diagnostics(() => clock.now()), browser: '', agent: { sipUser: '', userId: '' } };
    this.#desks = openDesks({ settings, clock, store: this.store, rooms: this.#rooms, diagnostics: this.#reporting.diagnostics, callRecord });
    // The calls a page of the agent left (closed, reloaded, crashed) come back in the page that gets the phone.
    this.#desks.phoneTab.onPhoneHere(() => {
      if (this.#restored) this.#desks.wrapUp.run((wrapUp) => wrapUp.restore(true), (error) => this.notify(error));
    });
  }

  /**
   * Attach the rooms once they exist (the host and crm may be missing: ContactPad still rings).
   * `phoneTab`: the election among the agent's tabs and windows; the phone waits for its answer.
   */
  attach(rooms: { phone: PhonePort; crm?: CrmPort; host?: HostPort; audio?: AudioPort; phoneTab?: PhoneTabPort; afterPaint?: (work: () => void) => void }): void {
    if (rooms.afterPaint) this.#rooms.afterPaint = rooms.afterPaint;
    this.#rooms.phone = rooms.phone;
    this.#rooms.audio = rooms.audio;
    this.#rooms.crm = rooms.crm;
    this.#rooms.host = rooms.host;
    rooms.host?.enableClickToDial().catch((error: unknown) => this.notify(error));
    if (rooms.phoneTab) this.#desks.phoneTab.attach(rooms.phoneTab);
  }

  /** Say something to the agent (a stable code and a message). */
  notify(error: unknown): void {
    this.#desks.notices.notify(error);
  }

  // ---- intents from the widget -------------------------------------------------------

  /** Carry out what the agent asked for. Never throws: failures become notices. */
  async handle(intent: Intent): Promise<void> {
    try {
      await this.run(intent);
    } catch (error) {
      this.notify(error);
    }
  }

  /**
   * Carry out an intent and learn how it went, for a host that answers for it (Service Cloud
   * Voice's connector commands): resolves once done, with the id of the call it placed for
   * `dial` and `consult`; rejects with the failure (a ContactPadError, its stable code), which
   * {@link handle} would have made a notice.
   */
  async run(intent: Intent): Promise<string | void> {
    const { agent, view, voice, wrapUp, screenPop, notices } = this.#desks;
    switch (intent.type) {
      case 'set-agent-status':
        return await agent.choose(intent.choice);
      case 'accept':
        return await this.#line(intent.interactionId).accept(intent.interactionId);
      case 'reject':
        return await this.#line(intent.interactionId).reject(intent.interactionId, intent.reason);
      case 'release':
        return await this.#line(intent.interactionId).release(intent.interactionId);
      case 'abandon':
        return this.#line(intent.interactionId).abandon(intent.interactionId);
      case 'hold':
        return await voice.hold(intent.interactionId);
      case 'retrieve':
        return await voice.retrieve(intent.interactionId);
      case 'mute':
        return await (await this.#inCall()).mute(intent.interactionId);
      case 'unmute':
        return await (await this.#inCall()).unmute(intent.interactionId);
      case 'send-dtmf':
        return await (await this.#inCall()).sendDtmf(intent.interactionId, intent.digits);
      case 'camera':
        return await (await this.#inCall()).camera(intent.interactionId, intent.on);
      case 'dial':
        return await voice.dial({ typed: intent.number, ...(intent.record ? { record: intent.record } : {}) });
      case 'callback':
        return await (await voice.outbound()).callBack(intent.ask, this.#focused);
      case 'favourite-number':
        return (await voice.outbound()).favourite(intent.number, intent.starred);
      case 'failed-call-reason':
        return (await voice.outbound()).recordReason(intent.interactionId, intent.reason);
      case 'consult':
        return await (await this.#directory()).consult(intent.interactionId, intent.targetId, intent.number);
      case 'transfer':
        return await (await this.#directory()).transfer(intent.interactionId, intent.targetId, intent.number);
      case 'complete-transfer':
        return await (await this.#directory()).consults.completeTransfer(intent.interactionId);
      case 'conference':
        return await (await this.#directory()).consults.conference(intent.interactionId);
      case 'drop-consult':
        return await (await this.#directory()).consults.dropConsult(intent.interactionId);
      case 'leave-conference':
        return await (await this.#directory()).consults.leaveConference(intent.interactionId);
      case 'select':
        view.selectExisting(intent.interactionId);
        return await this.#console?.tabs.focus(intent.interactionId);
      case 'wrap-up-draft':
        return (await wrapUp()).draft(intent.interactionId, { disposition: intent.disposition, notes: intent.notes });
      case 'wrap-up-done':
        return (await wrapUp()).finish(intent.interactionId, { disposition: intent.disposition, notes: intent.notes }, 'done');
      case 'extend-wrap-up':
        return agent.extendWrapUp(intent.interactionId);
      case 'pick-record':
        return await (await screenPop()).pick(intent.interactionId, intent.recordId);
      case 'open-record':
        return await (await screenPop()).openRecord(intent.recordId);
      case 'dismiss-notice':
        return notices.dismiss(intent.noticeId);
      case 'recording':
        return await (await this.#recording()).command(intent.interactionId, intent.command);
      case 'drop-voicemail':
        return await (await this.#voicemail()).drop(intent.interactionId, intent.messageId);
      case 'list-audio-devices':
        return await this.#desks.audio.listDevices();
      case 'choose-audio-device':
        return await this.#desks.audio.choose(intent.role, intent.deviceId);
      case 'set-ring-volume':
        return this.#desks.audio.setRingVolume(intent.volume);
      case 'calling-list':
        return await (await this.#preview()).handle(intent.action);
      case 'take-over-phone':
        return this.#desks.phoneTab.takeOver();
      case 'problem-report':
        return await (await this.#problemReport()).handle(intent.action);
    }
  }

  /** The desk that carries a call (voice) or an Omni-Channel work item (omni) through accept, reject, release and abandon. */
  #line(id: string): Line {
    const omni = this.#console?.omni;
    return this.#desks.view.facts(id)?.work && omni ? omni : this.#desks.voice;
  }

  // ---- telephony events ----------------------------------------------------------------

  connection(state: PhoneConnection, error?: ContactPadError): void {
    const why = 'reason' in state && state.reason ? `: ${state.reason}` : '';
    this.#reporting.diagnostics.add('phone', `phone ${state.state}${why}${error ? ` (${error.code})` : ''}`);
    this.#desks.voice.connection(state, error);
  }

  incoming(offer: CallOffer): void {
    this.#desks.voice.incoming(offer);
  }

  refused(offer: CallOffer, error: ContactPadError): void {
    this.#desks.voice.refused(offer, error);
  }

  connected(callId: string): void {
    this.#desks.voice.connected(callId);
    // Kept durable while it is up, so a page that goes without a word still leaves its Task.
    this.#desks.wrapUp.run((wrapUp) => wrapUp.keepLive(callId), (error) => this.notify(error));
    // Recording (when the call center offers it) and voicemail drop (calls the agent placed) load with the first call that needs them.
    const { settings, view } = this.#desks;
    if (settings.recordingControls || settings.recordingAutoStart) this.#recording().then((desk) => desk.connected(callId)).catch((error: unknown) => this.notify(error));
    if (view.interaction(callId)?.direction === 'outbound') this.#voicemail().then((desk) => desk.connected(callId)).catch((error: unknown) => this.notify(error));
    // The in-call controls (mute, keypad, the line's quality) load with the first connected call.
    this.#inCall()
      .then((desk) => desk.watch(callId))
      .catch((error: unknown) => this.notify(error));
  }

  ended(callId: string, end: CallEnd): void {
    this.#desks.voice.ended(callId, end);
    // The line's readings end with the call: their summary goes to the diagnostic log at once.
    this.#inCallLoading?.then((desk) => desk.ended(callId)).catch((error: unknown) => this.notify(error));
  }

  heldByFarEnd(callId: string, held: boolean): void {
    this.#desks.view.setHeldByFarEnd(callId, held);
  }

  // ---- the agent's other tabs and windows, and this page's end -----------------------------

  /** The election of the page with the phone (host/phone-tab-lock.ts). */
  phoneTab(event: PhoneTabLockEvent, problem?: unknown): void {
    try {
      this.#desks.phoneTab.event(event, problem);
    } catch (error) {
      this.notify(error);
    }
  }

  /** The page is going (pagehide): its calls end for the far end and go to wrap up, the phone unregisters. */
  pageLeaving(): void {
    this.#desks.phoneTab.leaving();
  }

  // ---- the agent's audio devices and the ringtone (telephony/audio-devices.ts) ----------

  audioDevicesChanged(view: AudioDevicesView): void {
    this.#desks.audio.devicesChanged(view);
  }

  audioNotice(error: ContactPadError): void {
    this.notify(error);
  }

  ringtoneBlocked(blocked: boolean): void {
    this.#desks.audio.ringtoneBlocked(blocked);
  }

  // ---- host events ------------------------------------------------------------------------

  /** A phone number clicked in the console: called (after the compliance check) with the record it is on, which pops and gets the Task. */
  clickToDial(request: ClickToDialRequest): void {
    const record = request.recordId !== '' && request.objectType !== '' ? { recordId: request.recordId, objectType: request.objectType, name: request.recordName } : undefined;
    void this.handle({ type: 'dial', number: request.number, ...(record ? { record } : {}) });
  }

  /** The agent's recent numbers and favourites as this browser kept them (dial-history-storage.ts), read back at start. */
  restoreDialHistory(history: DialHistory): void {
    this.store.update((s) => ({ ...s, dialHistory: history }));
  }

  navigation(context: NavigationContext): void {
    this.#focused = context;
    this.#desks.view.navigated(context);
  }

  // ---- console bridge (tabs, Omni-Channel, presence) -------------------------------------

  /**
   * Loads the console desks (Omni-Channel, tabs, presence). Call it before the console bridge
   * connects: its events reach the desks only once they are loaded (the bridge's hello snapshot,
   * handled at {@link attachBridge}, repeats what came before).
   */
  prepareConsole(): Promise<ConsoleDesks> {
    this.#consoleLoading ??= Promise.all([import('./desks/console-desks.ts'), loadedDesks(this.#desks)]).then(([{ openConsoleDesks }, desks]) => {
      this.#console = openConsoleDesks(desks);
      return this.#console;
    });
    return this.#consoleLoading;
  }

  /**
   * The console bridge is there: its tabs are matched to interactions, its works become
   * interactions (accepted ones connected), and presence sync starts with the leading side.
   */
  async attachBridge(bridge: BridgePort): Promise<void> {
    const desks = await this.prepareConsole();
    this.#rooms.bridge = bridge;
    this.bridgeState(bridge.state);
    desks.presence.attach(bridge);
    if (bridge.state === 'connected') this.#hello(desks, bridge.snapshot);
  }

  /** An event from the console bridge (validated by the protocol parser before it gets here). */
  bridgeEvent(event: BridgeEvent): void {
    const desks = this.#console;
    if (!desks) return;
    try {
      switch (event.kind) {
        case 'hello':
          if (this.#rooms.bridge) this.#hello(desks, event.body);
          return;
        case 'tabOpened':
        case 'tabFocused':
          return desks.tabs.shown(event.body.tab, event.kind === 'tabFocused' || event.body.tab.focused);
        case 'tabClosed':
          return desks.tabs.gone(event.body.tabId);
        case 'workAssigned':
          return desks.omni.assigned(event.body.work);
        case 'workAccepted':
          return desks.omni.accepted(event.body.workId);
        case 'workDeclined':
        case 'workClosed':
          return desks.omni.ended(event.body.workId, event.kind === 'workDeclined' ? 'declined' : 'closed');
        case 'workDeliveryFailed':
          return desks.omni.deliveryFailed(event.body.workId, event.body.reason);
        case 'presenceChanged':
          return desks.presence.changed(event.body, event.replyTo);
        case 'error':
          return;
      }
    } catch (error) {
      this.notify(error);
    }
  }

  #hello(desks: ConsoleDesks, hello: BridgeSnapshot): void {
    for (const work of hello.works) desks.omni.assigned(work);
    desks.tabs.hello(hello.tabs);
    desks.presence.hello(hello.presence);
  }

  /** Whether the console bridge (tab sync, Omni-Channel) answered; the widget says when it is off. */
  bridgeState(state: 'connected' | 'missing'): void {
    this.#desks.view.bridgeState(state);
  }

  // ---- the crm room: the outbox, drafts, the directory ------------------------------------

  /** Salesforce stopped taking the session (the agent is told what to do) or takes it again (the notice goes). */
  salesforceSession(state: 'working' | 'expired', notice?: ContactPadError): void {
    this.#desks.notices.salesforceSession(state, notice);
  }

  /** The outbox reports each Task write's progress here (a refused calling list outcome becomes a kept notice: desks/outbox-progress.ts). */
  activityState(interactionId: string, state: Exclude<ActivityLogState, 'none'>, error?: ContactPadError): void {
    outboxProgress(this.#desks, interactionId, state, error);
  }

  /**
   * The agent's keyboard shortcuts (the keyboardShortcuts item), read off the ring path once the
   * pad has painted: the keys work from then on, and a wrong item is told like the other settings.
   */
  async loadKeyboardShortcuts(): Promise<void> {
    const { readKeyboardShortcuts, shortcutViews } = await import('./model/keyboard-shortcuts.ts');
    const problems: string[] = [];
    this.#desks.view.setShortcuts(shortcutViews(readKeyboardShortcuts(this.#desks.settings.keyboardShortcuts, problems)));
    for (const problem of problems) this.notify(new ContactPadError('INVALID_CONFIGURATION', problem));
  }

  /**
   * The desks a call needs after it rang and was answered (wrap up; screen pop, with the crm
   * room), loaded in the background at start so that no call waits for them.
   */
  async preloadLaterDesks(): Promise<void> {
    await Promise.all([this.#desks.wrapUp(), this.#desks.screenPop()]);
  }

  /** After a reload: a problem report kept unsent goes again (its desk loads only when there is one). */
  async resumeProblemReport(): Promise<void> {
    const { storage, storageKey } = this.#reporting;
    try {
      if (!storageKey || !storage?.getItem(storageKey)) return;
    } catch {
      return; // storage blocked: nothing was kept
    }
    await (await this.#problemReport()).resume();
  }

  /**
   * After a reload: the interactions left in wrap up come back (wrap-up desk); calls only in the
   * page with the phone (another page of the agent restores them once it gets the phone).
   */
  async restoreWrapUps(): Promise<void> {
    this.#restored = true;
    return (await this.#desks.wrapUp()).restore(this.#desks.phoneTab.here);
  }

  /** Loads the agents and services for consult and transfer (after the crm room loaded). */
  async loadDirectory(): Promise<void> {
    await (await this.#directory()).load();
  }

  #directory(): Promise<DirectoryDesk> {
    this.#directoryLoading ??= Promise.all([import('./desks/directory-desk.ts'), loadedDesks(this.#desks)]).then(([{ DirectoryDesk }, desks]) => new DirectoryDesk(desks));
    return this.#directoryLoading;
  }

  /** The in-call desk (mute, keypad tones, the line's quality), loaded once; a failed load is tried again next time. */
  #inCall(): Promise<InCallDesk> {
    this.#inCallLoading ??= import('./desks/in-call-desk.ts').then(
      ({ InCallDesk }) => new InCallDesk(this.#desks),
      (error: unknown) => {
        this.#inCallLoading = undefined;
        throw error;
      },
    );
    return this.#inCallLoading;
  }
}
