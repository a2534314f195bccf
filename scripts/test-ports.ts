/**
 * Ports the test runs use, apart from the local console's defaults (8000 / 8080 / 5060),
 * so the suite can run while a developer has the console open.
 *
 * Every fixed port here is below 32768: Linux hands ports 32768-60999 (net.ipv4.ip_local_port_range)
 * to any outgoing connection, so a fixed listening port there can be taken by a browser's or
 * npm's connection the moment a test starts (a start-script test failed so, on 39080). Ports
 * 23000-23999 are rtpengine's RTP range (scripts/sip-server). scripts/test-ports.test.ts holds
 * these rules and that no two runs share a port.
 */
/** The SIP domain every test and the console use. */
export const SIP_DOMAIN = '127.0.0.1';
/** The agent's SIP user in the local console and the tests. */
export const AGENT_SIP_USER = 'agent1';
/** The local console for the end-to-end suite. */
export const E2E_WEB_PORT = 28000;
export const E2E_SIP_WS_PORT = 28080;
export const E2E_SIP_UDP_PORT = 25060;
/** Kamailio's SIP over secure WebSocket (wss://) for the e2e tests that ask for it (e2e/sip-edge.test.ts). */
export const E2E_SIP_WSS_PORT = 28443;
/** The local console for `npm run faults` (scripts/faults). */
export const FAULTS_WEB_PORT = 27000;
export const FAULTS_SIP_WS_PORT = 27080;
export const FAULTS_SIP_UDP_PORT = 27060;
/** The local console for `npm run security` (scripts/security). */
export const SECURITY_WEB_PORT = 21000;
export const SECURITY_SIP_WS_PORT = 21080;
export const SECURITY_SIP_UDP_PORT = 21060;
/** The local console for `npm run bench`. */
export const BENCH_WEB_PORT = 32000;
export const BENCH_SIP_WS_PORT = 32080;
export const BENCH_SIP_UDP_PORT = 32060;
/** The bench console's second web port: the softphone's own origin (startConsole's softphonePort). */
export const BENCH_SOFTPHONE_PORT = 32001;

/** A local console the Node tests start: web page, SIP WebSocket, SIP UDP. */
export interface ConsoleTestPorts {
  readonly web: number;
  readonly sipWs: number;
  readonly sipUdp: number;
}
/** scripts/console/start.test.ts: `npm start` itself. */
export const START_SCRIPT_TEST_PORTS: ConsoleTestPorts = Object.freeze({ web: 29000, sipWs: 29080, sipUdp: 29060 });
/** scripts/console/console-server.test.ts. */
export const CONSOLE_SERVER_TEST_PORTS: ConsoleTestPorts = Object.freeze({ web: 30000, sipWs: 30080, sipUdp: 30060 });
/** scripts/console/console-bridge.test.ts. */
export const CONSOLE_BRIDGE_TEST_PORTS: ConsoleTestPorts = Object.freeze({ web: 31000, sipWs: 31080, sipUdp: 31060 });
