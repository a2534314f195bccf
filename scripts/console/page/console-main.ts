/**
 * The local console page: plays the Lightning console around ContactPad. It lays out the
 * console (workspace tabs, utility bar with the softphone panel) and the customer simulator,
 * answers the softphone's Open CTI calls (screen pops, panel, click-to-dial, settings), pushes
 * navigation and click-to-dial events, and exposes read-only test hooks:
 * `window.localConsole` and `window.customerSimulator`. Beside the customer simulator, the
 * colleague's phone (colleague-phone.ts: SIP user jordan.lee, 'Jordan Lee') takes the calls the
 * agent consults or transfers; `window.localConsole.colleague` reads and drives it.
 *
 * The header's 'Rule tester' button opens the admins' screen-pop rule tester tab (rule-tester*.ts).
 * The console bridge is force-app's shipped Aura component (ContactPadConsoleBridge), run by the
 * Aura runtime over the console's fakes (aura-console-bridge.ts): the workspace API over the
 * workspace, the Omni-Channel toolkit over the local Omni-Channel (omni-channel.ts), the
 * message channel over the page's Lightning message service, which also carries the softphone's
 * Open CTI publish/subscribe. The header's presence select is the agent's Omni-Channel widget,
 * and the Omni-Channel simulator (omni-channel-panel.ts) routes work to the agent.
 *
 * Query parameters: `?panel=closed` starts with the softphone panel closed (it still loads, as
 * in Salesforce); `?refresh=<seconds>` sets the Tasks tab's refresh period (default 5, 0 = off);
 * `?contactpad=off` loads the softphone with Open CTI only (the console and shim on their own);
 * `?bridge=off` starts the console without its console bridge (no tab sync, no Omni-Channel for
 * ContactPad: nothing answers on the bridge channel); `?lang=es` makes the agent Spanish-speaking
 * (their User's LanguageLocaleKey es, LocaleSidKey es_ES: ContactPad speaks Spanish); `?agent=<SIP
 * user>` runs the console as another agent of the demo org (e.g. emile.durand, a second agent in
 * another browser: the SIP edge's queues ring one agent after the other); `?host=scv` runs
 * ContactPad under Service Cloud Voice instead of Open CTI: the softphone panel is Salesforce's
 * Omni-Channel softphone (scv-softphone.ts), which sets ContactPad's connector up and drives it;
 * `?softphonePort=<port>` serves the softphone from another origin (softphoneAddress below).
 */
import type { ClickToDialPayload, DefaultFieldValues, NavigationChangePayload, ScreenPopTypeName } from '../../../adapter/src/host/open-cti.ts';
import { acceptOpenCtiSoftphone, type ConsoleApi, type OpenCtiConsole } from '../opencti/console-side.ts';
import { isProtocolMessage } from '../opencti/opencti-protocol.ts';
import { BRIDGE_CHANNEL, type BridgePresence } from '../../../adapter/src/host/console-bridge-protocol.ts';
import { FakeOrgClient } from '../../fake-org/client.ts';
import { startAuraConsoleBridge, type AuraConsoleBridge } from './aura-console-bridge.ts';
import { LightningMessageService } from './message-channel-fake.ts';
import { OmniChannel } from './omni-channel.ts';
import { mountOmniChannelPanel } from './omni-channel-panel.ts';
import { OMNI_PRESENCE_STATUSES, OmniPresence } from './omni-presence.ts';
import { readOmniAutoAccept, writeOmniAutoAccept } from './omni-presence-config.ts';
import { createWorkRecord, listWorkRecords } from './omni-records.ts';
import type { OmniWorkItem } from './omni-work-items.ts';
import { AURA_BUNDLES_PATH, COLLEAGUE, readConsoleConfig, resourceUrl } from './console-config.ts';
import { ColleaguePhone, type ColleagueCall } from './colleague-phone.ts';
import { mountColleaguePanel } from './colleague-panel.ts';
import { ConsoleWorkspace, type RecordTab } from './console-workspace.ts';
import { CustomerSimulator, type SimulatorCallState, type SimulatorMediaStats } from './customer-simulator.ts';
import type { ToneLevels } from './sip-phone.ts';
import { readFlowArguments } from './flow-arguments.ts';
import { isRecordId, objectTypeOfId } from './object-types.ts';
import { html, render } from 'lit';
import { RestClient } from './rest-client.ts';
import { mountSimulatorPanel } from './simulator-panel.ts';
import { SoftphonePanel } from './softphone-panel.ts';
import { mountScvSoftphone } from './scv-softphone.ts';
import { RuleTester } from './rule-tester.ts';
import { crmRuleTesterRunner } from './rule-tester-run.ts';
import { ruleTesterView } from './rule-tester-view.ts';
import { renderWorkspace, type WorkspaceActions } from './workspace-view.ts';

/** `window.localConsole`: what the console shows, for tests and curious developers. */
export interface LocalConsoleHooks {
  /** The console's tabs, in order, with the focused one marked; `tabId` is the id the console bridge reports. */
  readonly tabs: readonly { tabId: string; title: string; kind: string; recordId?: string; objectType?: string; active: boolean }[];
  readonly softphonePanelVisible: boolean;
  readonly clickToDialEnabled: boolean;
  /** Whether the softphone's Open CTI shim has connected to the console. */
  readonly openCtiConnected: boolean;
  /** Whether the softphone called notifyInitializationComplete. */
  readonly softphoneInitialized: boolean;
  /** Every Open CTI screen pop the console was asked for, in order. */
  readonly screenPops: readonly { type: string; params: Record<string, unknown>; defaultFieldValues?: DefaultFieldValues }[];
  /** Every onNavigationChange payload pushed to the softphone. */
  readonly navigationEvents: readonly NavigationChangePayload[];
  /** Every onClickToDial payload pushed to the softphone. */
  readonly clickToDialEvents: readonly Record<string, unknown>[];
  /** Every Lightning message channel message the softphone published. */
  readonly publishedMessages: readonly { channelName: string; message: unknown }[];
  /** The console bridge and Omni-Channel (see {@link LocalConsoleBridgeHooks}). */
  readonly bridge: LocalConsoleBridgeHooks;
  /** The colleague's phone (see {@link LocalConsoleColleagueHooks}). */
  readonly colleague: LocalConsoleColleagueHooks;
  /**
   * What the console, Omni-Channel or any other Lightning component on the page could send the
   * softphone, sent as it is, wrong shapes included (npm run security): an onClickToDial or
   * onNavigationChange payload, and a Lightning message on any channel (delivered to every
   * subscriber, the console bridge and ContactPad alike, as the message service does).
   */
  readonly unchecked: {
    clickToDial(payload: unknown): boolean;
    navigationChange(payload: unknown): boolean;
    publish(channelName: string, message: unknown): void;
  };
}

/** `window.localConsole.colleague`: the colleague's phone (SIP user jordan.lee) the agent consults or transfers to. */
export interface LocalConsoleColleagueHooks {
  /** 'jordan.lee' */
  readonly user: string;
  /** 'Jordan Lee' */
  readonly name: string;
  /** 'unregistered', 'registering', 'registered' or 'failed'. */
  readonly registration: string;
  /** As the panel shows it: 'Idle', 'Ringing', 'In a call with <caller>' or 'Call ended'. */
  readonly state: string;
  /** Every call it received, oldest first. */
  readonly calls: readonly ColleagueCall[];
  /** Whether it answers on its own (after about a second). */
  readonly autoAnswer: boolean;
  /** Ends the call (BYE), or declines it while it rings. */
  hangUp(): Promise<void>;
  /** 'Answer automatically' on or off (off: the call rings until answer() or decline()). */
  setAutoAnswer(on: boolean): void;
  /** Answers the ringing call. */
  answer(): Promise<void>;
  /** Declines the ringing call (603 Decline). */
  decline(): Promise<void>;
  /** WebRTC figures of its current or last call. */
  mediaStats(): Promise<SimulatorMediaStats>;
  /** How loud each frequency is in what the colleague hears now, dB above the noise floor. */
  toneLevels(frequencies: readonly number[]): Promise<ToneLevels>;
}

/** `window.localConsole.bridge`: the shipped console bridge's logs, the Omni-Channel work and presence. */
export interface LocalConsoleBridgeHooks extends Pick<AuraConsoleBridge, 'status' | 'requests' | 'events' | 'ignored' | 'problems'> {
  /** False with `?bridge=off` (then every log stays empty, the status '', and nothing answers on the channel). */
  readonly enabled: boolean;
  /** The Lightning message channel it speaks on. */
  readonly channelName: string;
  /** Omni-Channel's own auto-accept for the agent (the simulator's switch). */
  readonly omniAutoAccept: boolean;
  /** Every Omni-Channel work item routed to the agent, with its state. */
  readonly workItems: readonly OmniWorkItem[];
  /** The agent's Omni-Channel presence (statusId null: Offline). */
  readonly presence: BridgePresence;
}

/** `window.customerSimulator`: the simulated caller's phone, read-only. */
export interface CustomerSimulatorHooks {
  readonly registration: string;
  readonly state: SimulatorCallState;
  readonly status: string;
  readonly lastStatusCode: number | undefined;
  readonly lastReasonPhrase: string | undefined;
  readonly lastInteractionId: string | undefined;
  /** The SIP user the agent transferred the current or last call to (a blind transfer: REFER); undefined if none. */
  readonly transferredTo: string | undefined;
  readonly user: string;
  /** When (epoch ms) the agent's phone last re-INVITEd the call (hold, retrieve, the refresh after a reconnect). */
  readonly lastReinviteAt: number | undefined;
  mediaStats(): Promise<SimulatorMediaStats>;
  /** How loud each frequency is in what the customer hears now, dB above the noise floor. */
  toneLevels(frequencies: readonly number[]): Promise<ToneLevels>;
  /** Hangs up as Hang up does; `reason`: a Reason header on the BYE (the platform ending a callback's agent leg). */
  hangUp(reason?: string): Promise<void>;
}

declare global {
  interface Window {
    localConsole?: LocalConsoleHooks;
    customerSimulator?: CustomerSimulatorHooks;
  }
}

function element<K extends keyof HTMLElementTagNameMap>(tag: K, props: { className?: string; id?: string; label?: string } = {}): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (props.className) node.className = props.className;
  if (props.id) node.id = props.id;
  if (props.label) node.setAttribute('aria-label', props.label);
  return node;
}

function layout() {
  const app = element('div', { className: 'app' });
  const consoleArea = element('div', { className: 'console', label: 'Salesforce console (local stand-in)' });
  const header = element('header', { className: 'console-header' });
  const appName = element('span', { className: 'app-name' });
  appName.textContent = 'Service Console';
  const note = element('span', { className: 'muted' });
  note.textContent = 'ContactPad local console';
  const status = element('span', { className: 'muted', id: 'opencti-status' });
  status.setAttribute('data-testid', 'opencti-status');
  const presence = element('span', { className: 'presence' });
  const bridgeStatus = element('span', { className: 'bridge-status', id: 'bridge-status' });
  bridgeStatus.setAttribute('data-testid', 'bridge-status');
  const ruleTesterButton = element('button');
  ruleTesterButton.type = 'button';
  ruleTesterButton.className = 'header-button';
  ruleTesterButton.textContent = 'Rule tester';
  ruleTesterButton.setAttribute('data-testid', 'open-rule-tester');
  header.append(appName, note, status, bridgeStatus, presence, ruleTesterButton);
  const main = element('main', { className: 'workspace' });
  const utilityBar = element('footer', { className: 'utility-bar', label: 'Utility bar' });
  consoleArea.append(header, main, utilityBar);
  // Beside the console, outside Salesforce: the customer simulator, the colleague's phone, the Omni-Channel simulator.
  const simulator = element('aside', { className: 'simulator', label: 'Simulators (outside Salesforce)' });
  const customer = element('section');
  customer.setAttribute('aria-labelledby', 'simulator-title');
  customer.setAttribute('data-testid', 'customer-simulator');
  const simulatorForm = element('div');
  const remoteMedia = element('video', { className: 'remote-media', label: 'The agent (remote media)' });
  remoteMedia.autoplay = true;
  remoteMedia.setAttribute('playsinline', '');
  customer.append(simulatorForm, remoteMedia);
  const omniSimulator = element('section', { className: 'omni-simulator' });
  omniSimulator.setAttribute('aria-labelledby', 'omni-title');
  omniSimulator.setAttribute('data-testid', 'omni-simulator');
  const colleague = element('section', { className: 'colleague' });
  colleague.setAttribute('aria-labelledby', 'colleague-title');
  colleague.setAttribute('data-testid', 'colleague');
  simulator.append(customer, colleague, omniSimulator);
  const modalHost = element('div');
  app.append(consoleArea, simulator);
  consoleArea.append(modalHost);
  document.body.append(app);
  return { consoleArea, main, utilityBar, status, simulatorForm, remoteMedia, colleague, modalHost, ruleTesterButton, presence, bridgeStatus, omniSimulator };
}

/**
 * Where the softphone frame's page comes from, for this console page's agent, language and host
 * (`?agent=`, `?lang=`: the agent's Salesforce language, LanguageLocaleKey, as the softphone page
 * renders it; `?host=scv`). `?softphonePort=<port>`: the page comes from http://<this host>:<port>
 * (the console started with that softphonePort), another origin of the same site, as Salesforce
 * serves Visualforce from another origin than the console; Chromium runs the frame in a renderer
 * process of its own (its pages say Origin-Agent-Cluster), and the frame's Open CTI is told the
 * console's origin the way Salesforce tells it, in the `sfdcIFrameOrigin` parameter.
 */
function softphoneAddress(params: URLSearchParams): { src: string; origin: string } {
  const query = new URLSearchParams();
  if (params.get('contactpad') === 'off') query.set('contactpad', 'off');
  else {
    for (const name of ['lang', 'agent', 'host']) {
      const value = params.get(name);
      if (value !== null) query.set(name, value);
    }
  }
  const port = params.get('softphonePort') ?? '';
  if (!/^\d{1,5}$/.test(port)) return { src: `/softphone${query.size > 0 ? `?${query}` : ''}`, origin: location.origin };
  const origin = `${location.protocol}//${location.hostname}:${port}`;
  query.set('sfdcIFrameOrigin', location.origin);
  return { src: `${origin}/softphone?${query}`, origin };
}

function main(): void {
  const config = readConsoleConfig(document);
  const rest = new RestClient(config.apiVersion, config.sessionId);
  const workspace = new ConsoleWorkspace(rest);
  const ruleTester = new RuleTester(
    crmRuleTesterRunner({ instanceUrl: location.origin, sessionId: config.sessionId, apiVersion: config.apiVersion, callCenterSettings: config.callCenterSettings }),
  );
  const dom = layout();
  const params = new URLSearchParams(location.search);
  const softphone = softphoneAddress(params);
  const underScv = params.get('host') === 'scv';
  const panel = new SoftphonePanel(dom.utilityBar, dom.consoleArea, {
    // ?agent=<SIP user>: the console runs as that agent of the demo org (a second agent beside the first).
    // ?host=scv: ContactPad's Service Cloud Voice connector, which this page sets up as Salesforce's softphone does.
    src: softphone.src,
    visible: params.get('panel') !== 'closed',
    // ?softphoneCamera=blocked: the console gives the softphone frame no camera (an agent whose camera is blocked).
    camera: params.get('softphoneCamera') !== 'blocked',
  });

  const screenPops: { type: string; params: Record<string, unknown>; defaultFieldValues?: DefaultFieldValues }[] = [];
  const navigationEvents: NavigationChangePayload[] = [];
  const clickToDialEvents: Record<string, unknown>[] = [];
  const publishedMessages: { channelName: string; message: unknown }[] = [];
  let openCtiConnected = false;
  let softphoneInitialized = false;
  let openCti: OpenCtiConsole | undefined;
  const bridgeOn = params.get('bridge') !== 'off';
  const omni = new OmniChannel();
  const { work, presence } = omni;
  const fakeOrg = new FakeOrgClient('');
  // The page's Lightning message service: the softphone hears every channel it subscribed to
  // through Open CTI; the bridge component subscribes through lightning:messageChannel.
  const messages = new LightningMessageService();
  messages.subscribeAll((channelName, message) => openCti?.pushMessage(channelName, message));
  let bridge: AuraConsoleBridge | undefined;

  const showStatus = () => {
    dom.status.textContent = softphoneInitialized ? 'Softphone ready' : openCtiConnected ? 'Softphone connected' : 'Softphone loading...';
  };

  const api: ConsoleApi = {
    async screenPop(type: ScreenPopTypeName, popParams: Record<string, unknown>, defaultFieldValues?: DefaultFieldValues) {
      screenPops.push({ type, params: { ...popParams }, ...(defaultFieldValues ? { defaultFieldValues } : {}) });
      switch (type) {
        case 'SOBJECT':
          await workspace.openRecord(String(popParams['recordId']));
          return;
        case 'NEW_RECORD_MODAL':
          workspace.openNewRecordModal(String(popParams['entityName']), defaultFieldValues ?? {});
          return;
        case 'SEARCH':
          await workspace.openSearch(String(popParams['searchString']).trim());
          return;
        case 'FLOW':
          workspace.openFlow(String(popParams['flowDevName']).trim(), readFlowArguments(popParams['flowArgs']));
          return;
        case 'URL': {
          const recordId = /^\/lightning\/r\/(?:[A-Za-z0-9_]+\/)?([0-9A-Za-z]{15,18})\/view/.exec(String(popParams['url']))?.[1];
          if (recordId && isRecordId(recordId)) {
            await workspace.openRecord(recordId);
            return;
          }
          throw new Error(`The local console only opens record URLs (/lightning/r/<Type>/<Id>/view), not ${String(popParams['url'])}`);
        }
        default:
          throw new Error(`Screen pop ${type} is not supported by the local console`);
      }
    },
    setPanelVisible: (visible) => panel.setVisible(visible),
    isPanelVisible: () => panel.visible,
    callCenterSettings: () => ({ ...config.callCenterSettings }),
    clickToDialEnabled(enabled) {
      workspace.clickToDialEnabled = enabled;
      workspace.changed();
    },
    appViewInfo: () => workspace.appViewInfo(),
    softphoneLayout: () => ({
      Inbound: { screenPopSettings: { NoMatch: { screenPopType: 'PopToEntity', PopToEntity: 'Lead' }, SingleMatch: { screenPopType: 'PopToEntity' }, MultipleMatches: { screenPopType: 'PopToSearch' } } },
      Outbound: { screenPopSettings: {} },
      Internal: { screenPopSettings: {} },
    }),
    async searchAndScreenPop(request) {
      const records = await workspace.searchPhone(request.searchParams);
      const result: Record<string, unknown> = {};
      for (const record of records) {
        const id = String(record['Id']);
        result[id] = { Id: id, Name: record['Name'], RecordType: record.attributes?.type ?? objectTypeOfId(id), Phone: record['Phone'] };
      }
      if (!request.deferred) {
        const first = records[0];
        if (records.length === 1 && first) await workspace.openRecord(String(first['Id']));
        else if (records.length > 1) await workspace.openSearch(request.searchParams);
        else workspace.openNewRecordModal('Lead', request.defaultFieldValues ?? { Phone: request.searchParams });
      }
      return result;
    },
    async saveLog(value) {
      const recordId = await workspace.saveLog(value);
      if (workspace.activeTab.kind === 'tasks') void workspace.refreshTasks();
      return { recordId };
    },
    runApex() {
      throw new Error('Apex is not available in the local console (runApex needs a real org).');
    },
    refreshView: () => void workspace.refreshView(),
    setPanelSize: (size) => panel.setSize(size),
    setAppearance: (change) => panel.setAppearance(change),
    initializationComplete() {
      softphoneInitialized = true;
      showStatus();
    },
    publish(channelName, message) {
      publishedMessages.push({ channelName, message });
      // Lightning message service delivers to every subscriber of the channel, the publisher included.
      messages.publish(channelName, message);
    },
  };

  if (underScv) {
    // Salesforce's own softphone shows the calls: the connector's frame has nothing to show.
    const scvSoftphone = document.createElement('div');
    scvSoftphone.className = 'scv-softphone';
    scvSoftphone.dataset['testid'] = 'scv-softphone';
    panel.frame.before(scvSoftphone);
    panel.frame.style.display = 'none';
    mountScvSoftphone(scvSoftphone, panel.frame, { ...config.callCenterSettings, '/reqGeneralInfo/reqVendorInfoApiName': 'ContactPad', isACWAllowed: true });
  }
  openCti = acceptOpenCtiSoftphone({ win: window, frame: panel.frame, origin: softphone.origin, api });
  let softphoneInstance: unknown;
  window.addEventListener('message', (event: MessageEvent) => {
    if (event.source !== panel.frame.contentWindow || !isProtocolMessage(event.data, 'hello')) return;
    if (event.data['instance'] !== softphoneInstance) softphoneInitialized = false; // a reloaded softphone
    softphoneInstance = event.data['instance'];
    openCtiConnected = true;
    showStatus();
  });
  showStatus();

  workspace.onNavigation((payload) => {
    navigationEvents.push(payload);
    openCti?.pushNavigation(payload);
  });

  const actions: WorkspaceActions = {
    focusTab: (key) => {
      workspace.focusTab(key);
      if (key === 'tasks') void workspace.refreshTasks();
    },
    closeTab: (key) => workspace.closeTab(key),
    openRecord: (recordId) => void workspace.openRecord(recordId).catch(() => undefined),
    refreshTasks: () => void workspace.refreshTasks(),
    clickToDial(tab: RecordTab, number: string) {
      const payload = { number, recordId: tab.recordId, recordName: tab.title, objectType: tab.objectType };
      if (openCti?.pushClickToDial(payload)) clickToDialEvents.push(payload);
    },
    setModalField(name, value) {
      if (workspace.modal) workspace.modal.fields[name] = value;
    },
    saveModal: () => void workspace.saveModal(),
    cancelModal: () => workspace.cancelModal(),
    clickToDialEnabled: () => workspace.clickToDialEnabled && (openCti?.isClickToDialEnabled() ?? false),
    ruleTesterContent: () => ruleTesterView(ruleTester, actions.openRecord),
  };
  const rerender = () => renderWorkspace(dom.main, dom.modalHost, workspace, actions);
  workspace.onChange(rerender);
  ruleTester.onChange(rerender);
  dom.ruleTesterButton.addEventListener('click', () => {
    workspace.openRuleTester();
    dom.main.querySelector<HTMLInputElement>('#rule-tester-input')?.focus();
  });
  panel.onChange(rerender);
  rerender();

  // The Tasks tab re-reads the org every few seconds while it is focused (?refresh=<seconds>,
  // 0 for never: each read is one API request against the org's daily allocation).
  void workspace.refreshTasks();
  const refreshSeconds = Number(params.get('refresh') ?? '5');
  if (Number.isFinite(refreshSeconds) && refreshSeconds > 0) {
    setInterval(() => {
      if (workspace.activeTab.kind === 'tasks' && !document.hidden) void workspace.refreshTasks();
    }, refreshSeconds * 1000);
  }

  dom.bridgeStatus.textContent = bridgeOn ? 'Console bridge on' : 'Console bridge off';
  if (bridgeOn) {
    startAuraConsoleBridge({ workspace, omni, messages, bundle: `${AURA_BUNDLES_PATH}ContactPadConsoleBridge/`, resourceUrl }).then(
      (started) => {
        bridge = started;
      },
      (error: unknown) => {
        dom.bridgeStatus.textContent = `Console bridge failed to start: ${error instanceof Error ? error.message : String(error)}`;
        console.error('The local console could not start the ContactPad Console Bridge component', error);
      },
    );
  }
  const renderPresence = () =>
    render(
      html`<label for="omni-presence">Omni-Channel</label>
        <select id="omni-presence" data-testid="omni-presence" .value=${presence.current.apiName}
          @change=${(event: Event) => {
            const status = OmniPresence.byApiName((event.target as HTMLSelectElement).value);
            if (status) presence.set(status, 'user');
          }}>
          ${OMNI_PRESENCE_STATUSES.map((status) => html`<option value=${status.apiName} ?selected=${status.apiName === presence.current.apiName}>${status.label}</option>`)}
        </select>`,
      dom.presence,
    );
  presence.onChange(renderPresence);
  renderPresence();
  mountOmniChannelPanel(dom.omniSimulator, work, {
    bridgeOn,
    listRecords: (kind) => listWorkRecords(rest, kind),
    async route(request) {
      if (!bridgeOn) throw new Error('The console bridge is off: Omni-Channel work cannot reach ContactPad.');
      const typed = request.recordId?.trim();
      if (typed !== undefined && !isRecordId(typed)) throw new Error(`"${typed}" is not a Salesforce record id (15 or 18 letters and digits).`);
      const workItemId = typed ?? (await createWorkRecord(rest, request.kind, request.customerName));
      return omni.route({ workItemId, kind: request.kind, customerName: request.customerName });
    },
    cannotDeliver: (workId) => void omni.cannotDeliver(workId),
    async readAutoAccept() {
      const on = await readOmniAutoAccept(fakeOrg, config.agentUserId);
      if (on !== undefined) omni.autoAccept = on;
      return on;
    },
    setAutoAccept(on) {
      omni.autoAccept = on;
      return writeOmniAutoAccept(fakeOrg, config.agentUserId, on);
    },
  });

  // ?customerToneHz=700: the customer speaks a 700 Hz tone (tests that tell the parties of a call apart by ear).
  const customerTone = Number(new URLSearchParams(location.search).get('customerToneHz') ?? '');
  const toneHz = Number.isInteger(customerTone) && customerTone >= 100 && customerTone <= 3000 ? customerTone : undefined;
  // ?customerCamera=painted: the customer's video is painted, not the browser's camera (tests that leave the site without camera permission).
  const paintedCamera = new URLSearchParams(location.search).get('customerCamera') === 'painted';
  const simulator = new CustomerSimulator({
    sipWsUrl: config.sipWsUrl,
    sipDomain: config.sipDomain,
    agentUser: config.agentUser,
    ...(toneHz === undefined ? {} : { toneHz }),
    ...(paintedCamera ? { paintedCamera } : {}),
  });
  simulator.attachRemoteMedia(dom.remoteMedia);
  mountSimulatorPanel(dom.simulatorForm, simulator, config.demoCallers, { agentUser: config.agentUser, queues: config.queues ?? [] });
  void simulator.start();
  const colleague = new ColleaguePhone({ sipWsUrl: config.sipWsUrl, sipDomain: config.sipDomain, user: COLLEAGUE.sipUser, displayName: COLLEAGUE.name });
  mountColleaguePanel(dom.colleague, colleague);
  void colleague.start();
  window.addEventListener('pagehide', () => {
    void simulator.stop();
    void colleague.stop();
  });

  const hooks: LocalConsoleHooks = {
    get tabs() {
      const active = workspace.activeTab;
      return workspace.tabs.map((tab) => ({
        tabId: tab.key,
        title: tab.title,
        kind: tab.kind,
        ...(tab.kind === 'record' ? { recordId: tab.recordId, objectType: tab.objectType } : {}),
        active: tab === active,
      }));
    },
    get softphonePanelVisible() {
      return panel.visible;
    },
    get clickToDialEnabled() {
      return actions.clickToDialEnabled();
    },
    get openCtiConnected() {
      return openCtiConnected;
    },
    get softphoneInitialized() {
      return softphoneInitialized;
    },
    get screenPops() {
      return screenPops.map((pop) => ({ ...pop }));
    },
    get navigationEvents() {
      return [...navigationEvents];
    },
    get clickToDialEvents() {
      return [...clickToDialEvents];
    },
    get publishedMessages() {
      return [...publishedMessages];
    },
    bridge: Object.freeze({
      enabled: bridgeOn,
      channelName: BRIDGE_CHANNEL,
      get status() {
        return bridge?.status ?? '';
      },
      get problems() {
        return bridge?.problems ?? [];
      },
      get omniAutoAccept() {
        return omni.autoAccept;
      },
      get requests() {
        return bridge?.requests ?? [];
      },
      get events() {
        return bridge?.events ?? [];
      },
      get ignored() {
        return bridge?.ignored ?? [];
      },
      get workItems() {
        return [...work.items];
      },
      get presence() {
        return { statusId: presence.current.id, statusName: presence.current.label };
      },
    } satisfies LocalConsoleBridgeHooks),
    unchecked: Object.freeze({
      clickToDial: (payload: unknown) => openCti?.pushClickToDial(payload as ClickToDialPayload) ?? false,
      navigationChange: (payload: unknown) => openCti?.pushNavigation(payload as NavigationChangePayload) ?? false,
      publish: (channelName: string, message: unknown) => messages.publish(channelName, message),
    }),
    colleague: Object.freeze({
      user: colleague.user,
      name: colleague.displayName,
      get registration() {
        return colleague.registration;
      },
      get state() {
        return colleague.state;
      },
      get calls() {
        return colleague.calls;
      },
      get autoAnswer() {
        return colleague.autoAnswer;
      },
      hangUp: () => colleague.hangUp(),
      setAutoAnswer: (on: boolean) => colleague.setAutoAnswer(on),
      answer: () => colleague.answer(),
      decline: () => colleague.decline(),
      mediaStats: () => colleague.mediaStats(),
      toneLevels: (frequencies: readonly number[]) => colleague.toneLevels(frequencies),
    } satisfies LocalConsoleColleagueHooks),
  };
  const simulatorHooks: CustomerSimulatorHooks = {
    get registration() {
      return simulator.registration;
    },
    get state() {
      return simulator.state;
    },
    get status() {
      return simulator.status;
    },
    get lastStatusCode() {
      return simulator.lastStatusCode;
    },
    get lastReasonPhrase() {
      return simulator.lastReasonPhrase;
    },
    get lastInteractionId() {
      return simulator.lastInteractionId;
    },
    get transferredTo() {
      return simulator.transferredTo;
    },
    get user() {
      return simulator.user;
    },
    get lastReinviteAt() {
      return simulator.lastReinviteAt;
    },
    mediaStats: () => simulator.mediaStats(),
    toneLevels: (frequencies: readonly number[]) => simulator.toneLevels(frequencies),
    hangUp: (reason?: string) => simulator.hangUp(reason),
  };
  Object.defineProperty(window, 'localConsole', { value: Object.freeze(hooks), writable: false, configurable: false });
  Object.defineProperty(window, 'customerSimulator', { value: Object.freeze(simulatorHooks), writable: false, configurable: false });
}

main();
