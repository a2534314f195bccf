// A web-test-runner plugin that starts, for the test run, what the tests talk to:
// - Kamailio, the real SIP server (scripts/sip-server), on free ports (see below), with
//   authentication on as in production: every WebSocket client needs a time-limited credential
//   signed with this run's secret (docs/sip-edge.md);
// (the fake org is served by the test server's middleware: see web-test-runner.config.mjs);
// - `sip-credential` `{ user }`: a credential signed with the run's secret, for the tests' own
//   phones (adapter/test-support/sip-calls.ts), as Salesforce's endpoint gives the agent's;
// - a `sipp` server command, so a browser test can have SIPp (a raw SIP peer) send a
//   scenario to the agent: `executeServerCommand('sipp', { scenario, ... })`;
// - `sip-server-info`, `sip-server-start` / `sip-server-stop` (a separate Kamailio a test
//   can take down and bring back, for an outage mid-shift): see sip-server/test-commands.ts;
// - GET /console/sip-credential?user= for the console page's own phones (customer simulator,
//   colleague) in scripts/console/page/*.browser-test.ts, as the local console serves it.
import { startKamailio } from './sip-server/kamailio.ts';
import { sipServerCommands } from './sip-server/test-commands.ts';
import { freeTcpPort, freeUdpPort } from './sip-server/free-port.ts';
import { newEdgeSecret } from './sip-server/sip-credential.ts';
import { SIMULATOR_CREDENTIAL_PATH, consolePhoneCredential } from './console/simulator-credentials.ts';

/** This run's SIP edge secret (never written anywhere but Kamailio's environment). */
const suiteSecret = newEdgeSecret();

/**
 * The edge options of this run's Kamailios. The tests' customers play the platform (they send
 * the X-CP-* headers of the SIP header contract): +1555..., customer-* and caller-* users.
 */
const SUITE_EDGE = { auth: { secret: suiteSecret, platformUsers: ['+1555*', 'customer-*', 'caller-*'] } };

/**
 * Serves the console page's phone credentials to the browser tests, in the local console's
 * shape (simulator-credentials.ts), for any SIP user: the tests give the console's phones
 * names of their own (jordan-<random>, customer-<random>) so that parallel test files never
 * share a registration.
 */
export async function consoleCredentialMiddleware(context, next) {
  if (context.path !== SIMULATOR_CREDENTIAL_PATH) return next();
  const user = new URLSearchParams(context.querystring).get('user') ?? '';
  context.set('Cache-Control', 'no-store');
  try {
    context.body = consolePhoneCredential(suiteSecret, user);
  } catch (error) {
    context.status = 403;
    context.body = { error: error instanceof Error ? error.message : String(error) };
  }
}

// Free ports per run (tests learn the address through the `sip-server-info` command), so
// several runs on one machine (developers, CI, the local console) never collide.
export function testServicesPlugin() {
  let kamailio;
  let sipCommands;
  return {
    name: 'contactpad-test-services',
    async serverStart() {
      const ports = { wsPort: await freeTcpPort(), udpPort: await freeUdpPort() };
      sipCommands = sipServerCommands({ ...ports, edge: SUITE_EDGE });
      kamailio = await startKamailio({ ...ports, ...SUITE_EDGE, name: `unit-${process.pid}` });
    },
    async serverStop() {
      await sipCommands?.stopAll();
      await kamailio?.stop();
    },
    async executeCommand({ command, payload }) {
      return sipCommands?.execute(command, payload);
    },
  };
}
