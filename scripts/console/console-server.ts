/**
 * The local console's server: a stand-in for a Salesforce org serving the Lightning console.
 * It starts the project's Kamailio and one HTTP server on 127.0.0.1 that serves
 *
 *   /                                         the console page (record tabs, utility bar, customer simulator);
 *                                             ?agent=<SIP user>: as another agent of the demo org (a second
 *                                             agent beside the first, local-session.ts consoleAgentOf)
 *   /softphone                                the softphone host: force-app's ContactPad.page rendered as
 *                                             Visualforce renders it (merge fields from the local session and
 *                                             the fake org's agent user); ?contactpad=off: Open CTI only;
 *                                             ?lang=es: the agent's language is Spanish (locale es_ES);
 *                                             ?agent=<SIP user>: as that agent; ?host=scv: the Service Cloud
 *                                             Voice connector page (scv.js) instead (html-pages.ts)
 *   /support/api/<version>/lightning/opencti_min.js  the `sforce.opencti` shim, at the version ContactPad.page names
 *   /resource/contactpad/*                    the built ContactPad static resource (main.js, bridge-protocol.js...)
 *   /console/aura/<Bundle>/<file>             force-app's Aura bundles as they ship (the console bridge runs them)
 *   /console/*                                the console page's bundled scripts and styles
 *   /console/sip-credential?user=             a SIP credential for the console's own phones (simulator-credentials.ts)
 *   /__phone-network/*                        the simulator's caller from the phone network: a baresip phone
 *                                             calling the agent over plain RTP (phone-network-caller.ts)
 *   /services/data/*, /services/apexrest/*,   the fake org (Salesforce REST and Apex REST over an in-memory org;
 *   /__fake-org/*                             the agent's SIP credential from /services/apexrest/contactpad/sip-credential)
 */
import { createSocket } from 'node:dgram';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fakeOrgStore, serveFakeOrg } from '../fake-org/http.ts';
import { startKamailio, type RunningKamailio } from '../sip-server/kamailio.ts';
import { startConsoleVoiceCalls, type ConsoleVoiceCalls } from './voice-calls.ts';
import { newEdgeSecret } from '../sip-server/sip-credential.ts';
import { shippedQueues } from '../sip-server/queues.ts';
import { AGENT_SIP_USER, SIP_DOMAIN } from '../test-ports.ts';
import { localCallCenterSettings } from './call-center-settings.ts';
import { bundleConsoleScripts, type BundledFile, type ConsoleBundles } from './console-bundles.ts';
import { CONTACTPAD_RESOURCE_DIR, ensureContactPadBuilt } from './contactpad-build.ts';
import { loadDemoCallers } from './demo-callers.ts';
import { bareSoftphonePageHtml, consolePageHtml, openCtiPathOf, renderVisualforcePage, scvConnectorPageHtml, type VisualforceContext } from './html-pages.ts';
import { consoleAgentOf, LOCAL_AGENT, LOCAL_SESSION_ID, type ConsoleAgent } from './local-session.ts';
import { API_VERSION } from '../../adapter/src/crm/crm-service.ts';
import { resourceUrl, type ConsoleConfig } from './page/console-config.ts';
import { createPhoneNetworkCaller, type PhoneNetworkCaller } from './phone-network-caller.ts';
import { SIMULATOR_CREDENTIAL_PATH, serveSimulatorCredential } from './simulator-credentials.ts';
import { sendText, serveStaticFile } from './static-files.ts';

const HERE = dirname(fileURLToPath(import.meta.url));
const FORCE_APP = join(HERE, '..', '..', 'force-app', 'main', 'default');
/** The Visualforce page the call center's adapter URL names: the softphone host. */
export const CONTACTPAD_PAGE = join(FORCE_APP, 'pages', 'ContactPad.page');
/** The Service Cloud Voice connector page (the ConversationVendorInfo's connectorUrl): `?host=scv`. */
export const CONNECTOR_PAGE = join(HERE, '..', '..', 'force-app-voice', 'main', 'default', 'pages', 'ContactPadConnector.page');
/** force-app's Aura bundles, served as they ship. */
const AURA_DIR = join(FORCE_APP, 'aura');

/** The page's agent (`?agent=<SIP user>`, default Alex Morgan) as the DEFAULT org has them now; undefined for an unknown SIP user. */
function consoleAgent(sipUser: string | null): ConsoleAgent | undefined {
  return consoleAgentOf(fakeOrgStore.getOrg('default')?.list('User') ?? [], sipUser, (sessionId, userId) => fakeOrgStore.defaultOrg.bindSession(sessionId, userId));
}

/**
 * What ContactPad.page's merge fields are filled from: the agent's session, and the fake org's
 * agent user (Alex Morgan, LOCAL_AGENT, unless `?agent=` names another) as the DEFAULT org has
 * it now (its SIP user, its profile, its language and locale). `language` (the console's
 * `?lang=es`) plays an agent whose User record has that language (LanguageLocaleKey) and its
 * country's locale (LocaleSidKey es_ES).
 */
function visualforceContext(language: string | null = null, agent: ConsoleAgent | undefined = consoleAgent(null)): VisualforceContext {
  const user: Record<string, unknown> = { ...agent?.user };
  const key = /^([a-z]{2})(?:_([A-Z]{2}))?$/.exec(language ?? '');
  if (key) Object.assign(user, { LanguageLocaleKey: key[0], LocaleSidKey: `${key[1]}_${key[2] ?? key[1]!.toUpperCase()}` });
  return { sessionId: agent?.sessionId ?? LOCAL_SESSION_ID, user, resourceUrl };
}

/** How to start the local console. */
export interface ConsoleOptions {
  /** HTTP port on 127.0.0.1 (8000 for `npm start`). */
  readonly port: number;
  /** Kamailio's SIP over WebSocket port (8080 for `npm start`). */
  readonly sipWsPort: number;
  /** Kamailio's SIP over UDP port (5060 for `npm start`). */
  readonly sipUdpPort: number;
  /**
   * Kamailio's SIP over secure WebSocket port, beside ws:// (none by default). Kamailio serves
   * wss://127.0.0.1:<port> with the local self-signed certificate for 127.0.0.1 (.run/tls/,
   * tls-certificate.ts), which a browser trusts only when told to (RunningConsole.sipTlsSpki).
   * ContactPad still uses ws:// unless its call center setting says otherwise
   * (`callCenterSettings: { '/ContactPad/sipServerUrl': 'wss://127.0.0.1:<port>' }`).
   */
  readonly sipWssPort?: number;
  /** Names Kamailio's run folder (.run/kamailio-<name>); defaults to console-<sipWsPort>. */
  readonly name?: string;
  /** Call center settings to override (e.g. `{ '/ContactPad/wrapUpSeconds': '5' }`). */
  readonly callCenterSettings?: Record<string, string>;
  /**
   * Whether to run the ContactPad build (rollup) when main.js is missing or older than its
   * sources; true by default. A harness that has just run `npm run build` may pass false.
   */
  readonly buildContactPad?: boolean;
  /** Progress lines (building, starting); silent by default. */
  readonly log?: (line: string) => void;
  /**
   * The SIP edge's shared secret (a fresh one by default): the fake org signs the agent's SIP
   * credential with it and the console its own phones', as Kamailio checks them.
   */
  readonly sipSecret?: string;
  /**
   * A second HTTP port on 127.0.0.1 serving the same (none by default): the console page opened
   * with `?softphonePort=<it>` loads the softphone from there, another origin of the same site, as
   * Salesforce serves Visualforce from another origin than the console. Its pages say
   * `Origin-Agent-Cluster: ?1`, so Chromium runs the softphone frame in a renderer process of its
   * own (`npm run bench` reads the frame's CPU, heap and DOM nodes apart from the console's), while
   * the frame keeps its storage (same site: not a third party).
   */
  readonly softphonePort?: number;
  /**
   * VoiceCalls (Service Cloud Voice): the voice call service beside Kamailio, creating each
   * incoming call's VoiceCall at a fake Telephony Integration API, and the INVITE the agent gets
   * carries X-CP-Voice-Call-Id (voice-calls.ts). Off by default: the Open CTI console is unchanged.
   */
  readonly voiceCalls?: boolean;
}

/** A running local console. */
export interface RunningConsole {
  /** http://127.0.0.1:<port>/ */
  readonly url: string;
  /** The local Kamailio's WebSocket URL. */
  readonly sipWsUrl: string;
  /** wss://127.0.0.1:<sipWssPort>, when the console was started with a WSS port. */
  readonly sipWssUrl: string | undefined;
  /**
   * base64(SHA-256(SPKI)) of the WSS certificate (with a WSS port): what Chromium's
   * `--ignore-certificate-errors-spki-list` takes to trust that certificate and no other.
   */
  readonly sipTlsSpki: string | undefined;
  /**
   * Takes the SIP server down and brings it back (an outage mid-shift, for the e2e suite);
   * `edge` is the running Kamailio and rtpengine, for faults of one part (scripts/faults).
   */
  readonly sipServer: { stop(): Promise<void>; start(): Promise<void>; readonly edge: RunningKamailio };
  /** The SIP edge's shared secret of this run (for a test's own SIP clients). */
  readonly sipSecret: string;
  /** The voice call service and the fake Telephony Integration API, when started with voiceCalls. */
  readonly voiceCalls: ConsoleVoiceCalls | undefined;
  /** Closes the HTTP server and stops Kamailio. */
  stop(): Promise<void>;
}

/** Thrown when a port the console needs is taken; says which and how to choose another. */
export class PortInUseError extends Error {
  readonly port: number;
  constructor(port: number, what: string, envName: string) {
    super(`Port ${port} (${what}) is already in use on 127.0.0.1. Stop what uses it, or choose another port: ${envName}=<port> npm start`);
    this.name = 'PortInUseError';
    this.port = port;
  }
}

function sendBundled(req: IncomingMessage, res: ServerResponse, file: BundledFile): void {
  res.writeHead(200, {
    'Content-Type': file.contentType,
    'Content-Length': String(file.body.byteLength),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  res.end(req.method === 'HEAD' ? undefined : file.body);
}

function sendHtml(req: IncomingMessage, res: ServerResponse, html: string): void {
  sendBundled(req, res, { contentType: 'text/html; charset=utf-8', body: Buffer.from(html) });
}

function createHandler(bundles: ConsoleBundles, config: ConsoleConfig, softphone: { page: string; openCtiPath: string; connectorPage: string }, css: BundledFile, sipSecret: string, phoneNetwork: PhoneNetworkCaller) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (await serveFakeOrg(req, res)) return;
    if (await phoneNetwork.handle(req, res)) return;
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      sendText(res, 405, 'Method not allowed');
      return;
    }
    let path: string;
    let query: URLSearchParams;
    try {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      path = decodeURIComponent(url.pathname);
      query = url.searchParams;
    } catch {
      sendText(res, 400, 'Bad request');
      return;
    }
    if (path === '/' || path === '/softphone') {
      const agent = consoleAgent(query.get('agent'));
      if (!agent) return sendText(res, 404, `No active User of the demo org has the ContactPad SIP user ${JSON.stringify(query.get('agent'))}.`);
      if (path === '/') {
        const asAgent = query.has('agent') ? { sessionId: agent.sessionId, agentUser: agent.sipUser, agentUserId: agent.userId } : {};
        return sendHtml(req, res, consolePageHtml({ ...config, ...asAgent }));
      }
      if (query.get('host') === 'scv') return sendHtml(req, res, scvConnectorPageHtml(softphone.connectorPage, visualforceContext(query.get('lang'), agent)));
      return sendHtml(req, res, query.get('contactpad') === 'off' ? bareSoftphonePageHtml(softphone.openCtiPath) : renderVisualforcePage(softphone.page, visualforceContext(query.get('lang'), agent)));
    }
    if (path === softphone.openCtiPath) return sendBundled(req, res, bundles.openCti);
    if (path === SIMULATOR_CREDENTIAL_PATH) return serveSimulatorCredential(req, res, sipSecret, query);
    if (path.startsWith('/console/aura/')) return serveStaticFile(req, res, AURA_DIR, path.slice('/console/aura/'.length));
    if (path === '/console/console.css') return sendBundled(req, res, css);
    if (path.startsWith('/console/')) {
      const file = bundles.page.get(path.slice('/console/'.length));
      if (file) return sendBundled(req, res, file);
      return sendText(res, 404, 'Not found');
    }
    if (path.startsWith('/resource/contactpad/')) {
      return serveStaticFile(req, res, CONTACTPAD_RESOURCE_DIR, path.slice('/resource/contactpad/'.length));
    }
    if (path === '/favicon.ico') {
      res.writeHead(204, { 'Cache-Control': 'max-age=86400' });
      res.end();
      return;
    }
    sendText(res, 404, 'Not found');
  };
}

function listen(server: Server, port: number): Promise<void> {
  return new Promise((done, fail) => {
    const onError = (error: NodeJS.ErrnoException) => {
      server.off('listening', onListening);
      fail(error.code === 'EADDRINUSE' ? new PortInUseError(port, 'the console web server', 'PORT') : error);
    };
    const onListening = () => {
      server.off('error', onError);
      done();
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, '127.0.0.1');
  });
}

/** Checks that a port is free by listening on it for a moment (HTTP and Kamailio's TCP share this check). */
async function assertPortFree(port: number, what: string, envName: string): Promise<void> {
  const probe = createServer();
  await listen(probe, port).catch((error: unknown) => {
    if (error instanceof PortInUseError) throw new PortInUseError(port, what, envName);
    throw error;
  });
  await new Promise<void>((done) => probe.close(() => done()));
}

/** Checks that a UDP port is free on 127.0.0.1 (Kamailio's SIP over UDP). */
function assertUdpPortFree(port: number): Promise<void> {
  return new Promise((done, fail) => {
    const socket = createSocket('udp4');
    socket.once('error', (error: NodeJS.ErrnoException) => {
      socket.close();
      fail(error.code === 'EADDRINUSE' ? new PortInUseError(port, 'the SIP UDP server', 'SIP_UDP_PORT') : error);
    });
    socket.bind(port, '127.0.0.1', () => socket.close(() => done()));
  });
}

/**
 * Starts the local console: builds ContactPad if stale, bundles the shim and the page,
 * starts Kamailio on the SIP ports, then serves http://127.0.0.1:<port>/.
 * Rejects with a {@link PortInUseError} when a port is taken; stops what it started on failure.
 */
export async function startConsole(options: ConsoleOptions): Promise<RunningConsole> {
  const { port, sipWsPort, sipUdpPort, sipWssPort } = options;
  const log = options.log ?? (() => {});
  const ports: [string, number][] = [['port', port], ['sipWsPort', sipWsPort], ['sipUdpPort', sipUdpPort]];
  if (sipWssPort !== undefined) ports.push(['sipWssPort', sipWssPort]);
  if (options.softphonePort !== undefined) ports.push(['softphonePort', options.softphonePort]);
  for (const [label, value] of ports) {
    if (!Number.isInteger(value) || value < 1 || value > 65535) throw new Error(`startConsole: ${label} must be a port number (1-65535), got ${String(value)}`);
  }
  if (sipWssPort !== undefined && (sipWssPort === port || sipWssPort === sipWsPort)) {
    throw new Error(`startConsole: sipWssPort must differ from port and sipWsPort, got ${sipWssPort}`);
  }
  await assertPortFree(port, 'the console web server', 'PORT');
  await assertPortFree(sipWsPort, 'the SIP WebSocket server', 'SIP_WS_PORT');
  if (sipWssPort !== undefined) {
    await assertPortFree(sipWssPort, 'the SIP secure WebSocket server', 'SIP_WS_PORT').catch((error: unknown) => {
      // `npm start` has no WSS port to set: the message names the option instead.
      if (error instanceof PortInUseError) error.message = `Port ${sipWssPort} (the SIP secure WebSocket server) is already in use on 127.0.0.1. Stop what uses it, or start the console with another sipWssPort.`;
      throw error;
    });
  }
  await assertUdpPortFree(sipUdpPort);
  if (options.softphonePort !== undefined) await assertPortFree(options.softphonePort, 'the softphone\'s own web port', 'softphonePort');

  const [bundles] = await Promise.all([bundleConsoleScripts(), options.buildContactPad === false ? undefined : ensureContactPadBuilt(log)]);
  const css: BundledFile = { contentType: 'text/css; charset=utf-8', body: readFileSync(join(HERE, 'page', 'console.css')) };

  // The SIP edge's queues (scripts/sip-server/queues.list): the customer simulator may call one.
  const queues = shippedQueues();
  const config: ConsoleConfig = {
    sessionId: LOCAL_SESSION_ID,
    apiVersion: API_VERSION,
    sipWsUrl: `ws://127.0.0.1:${sipWsPort}`,
    sipDomain: SIP_DOMAIN,
    agentUser: AGENT_SIP_USER,
    agentUserId: LOCAL_AGENT.userId,
    callCenterSettings: localCallCenterSettings({ sipWsPort, overrides: options.callCenterSettings }),
    demoCallers: loadDemoCallers(),
    queues: queues.map((queue) => ({ address: queue.address, members: queue.members })),
  };

  // The SIP edge's secret for this run: the fake org signs the agent's credential with it (its
  // ContactPad SIP Edge setting, as SIP_Secret__c in an org), the console its own phones'
  // (simulator-credentials.ts). The local session is the agent's, Alex Morgan (agent1), as
  // $Api.Session_ID is the logged-in user's: the credential endpoint answers for that user.
  const sipSecret = options.sipSecret ?? newEdgeSecret();
  fakeOrgStore.sipEdge = { sipSecret, turnSecret: null, lifetimeMinutes: null };
  fakeOrgStore.defaultOrg.bindSession(LOCAL_SESSION_ID, LOCAL_AGENT.userId);

  const wss = sipWssPort === undefined ? '' : `, secure WebSocket on 127.0.0.1:${sipWssPort}`;
  log(`Starting Kamailio (SIP over WebSocket on 127.0.0.1:${sipWsPort}${wss}, UDP on 127.0.0.1:${sipUdpPort}, every WebSocket client authenticated)...`);
  // Every REGISTER and INVITE over WebSocket needs a credential signed with this secret. The
  // customer simulator plays the platform: its X-CP-* headers (queue, ad source, interaction id)
  // are kept; anyone else's are removed (docs/sip-edge.md).
  const voiceCalls = options.voiceCalls === true ? await startConsoleVoiceCalls(fakeOrgStore.defaultOrg.orgId, log) : undefined;
  const kamailioOptions = {
    wsPort: sipWsPort,
    udpPort: sipUdpPort,
    name: options.name ?? `console-${sipWsPort}`,
    auth: { secret: sipSecret, platformUsers: ['customer-*'] },
    queues,
    ...(sipWssPort === undefined ? {} : { tls: { port: sipWssPort } }),
    ...(voiceCalls === undefined ? {} : { voiceCalls: { serviceUrl: voiceCalls.serviceUrl } }),
  };
  let kamailio = await startKamailio(kamailioOptions).catch(async (error: unknown) => {
    await voiceCalls?.stop();
    throw error;
  });
  const sipServer = {
    stop: () => kamailio.stop(),
    start: async () => {
      kamailio = await startKamailio(kamailioOptions);
    },
    get edge() {
      return kamailio;
    },
  };

  // ContactPad.page as it ships: rendered once now, so a merge field the console cannot fill stops the start.
  const page = readFileSync(CONTACTPAD_PAGE, 'utf8');
  renderVisualforcePage(page, visualforceContext());
  const connectorPage = readFileSync(CONNECTOR_PAGE, 'utf8');
  scvConnectorPageHtml(connectorPage, visualforceContext());
  const phoneNetwork = createPhoneNetworkCaller({
    sipUdpPort,
    agentUri: `sip:${AGENT_SIP_USER}@${SIP_DOMAIN}`,
    origin: `http://127.0.0.1:${port}`,
    name: kamailioOptions.name,
  });
  const handler = createHandler(bundles, config, { page, openCtiPath: openCtiPathOf(page), connectorPage }, css, sipSecret, phoneNetwork);
  const server = createServer((req, res) => {
    handler(req, res).catch(() => {
      if (!res.headersSent) sendText(res, 500, 'Internal error in the local console');
      else res.destroy();
    });
  });
  // The softphone's own origin (softphonePort): the same answers, each page in an origin-keyed agent cluster.
  const softphoneServer =
    options.softphonePort === undefined
      ? undefined
      : createServer((req, res) => {
          res.setHeader('Origin-Agent-Cluster', '?1');
          handler(req, res).catch(() => {
            if (!res.headersSent) sendText(res, 500, 'Internal error in the local console');
            else res.destroy();
          });
        });
  try {
    await listen(server, port);
    if (softphoneServer && options.softphonePort !== undefined) await listen(softphoneServer, options.softphonePort);
  } catch (error) {
    server.close();
    await kamailio.stop();
    await voiceCalls?.stop();
    throw error;
  }

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      const closed = Promise.all(
        [server, softphoneServer].map((one) => {
          if (!one) return undefined;
          const done = new Promise<void>((resolve) => one.close(() => resolve()));
          one.closeAllConnections();
          return done;
        }),
      );
      await Promise.all([closed, phoneNetwork.stop().then(() => kamailio.stop()), voiceCalls?.stop()]);
    })();
    return stopping;
  };
  return { url: `http://127.0.0.1:${port}/`, sipWsUrl: kamailio.wsUrl, sipWssUrl: kamailio.wssUrl, sipTlsSpki: kamailio.tlsSpki, sipServer, sipSecret, voiceCalls, stop };
}
