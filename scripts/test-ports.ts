/**
 * Ports the test runs use, apart from the local console's defaults (8000 / 8080 / 5060),
 * so the suite can run while a developer has the console open.
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
/** The local console for `npm run bench`. */
export const BENCH_WEB_PORT = 48000;
export const BENCH_SIP_WS_PORT = 48080;
export const BENCH_SIP_UDP_PORT = 45060;
