// A web-test-runner plugin that starts, for the test run, what the tests talk to:
// - Kamailio, the real SIP server (scripts/sip-server), on the unit-test ports;
// (the fake org is served by the test server's middleware: see web-test-runner.config.mjs);
// - a `sipp` server command, so a browser test can have SIPp (a raw SIP peer) send a
//   scenario to the agent: `executeServerCommand('sipp', { scenario, ... })`;
// - `sip-server-info`, `sip-server-start` / `sip-server-stop` (a separate Kamailio a test
//   can take down and bring back, for an outage mid-shift): see sip-server/test-commands.ts.
import { startKamailio } from './sip-server/kamailio.ts';
import { sipServerCommands } from './sip-server/test-commands.ts';
import { UNIT_SIP_UDP_PORT, UNIT_SIP_WS_PORT } from './test-ports.ts';

export function testServicesPlugin() {
  let kamailio;
  const sipCommands = sipServerCommands({ wsPort: UNIT_SIP_WS_PORT, udpPort: UNIT_SIP_UDP_PORT });
  return {
    name: 'contactpad-test-services',
    async serverStart() {
      kamailio = await startKamailio({ wsPort: UNIT_SIP_WS_PORT, udpPort: UNIT_SIP_UDP_PORT, name: 'unit' });
    },
    async serverStop() {
      await sipCommands.stopAll();
      await kamailio?.stop();
    },
    async executeCommand({ command, payload }) {
      return sipCommands.execute(command, payload);
    },
  };
}
