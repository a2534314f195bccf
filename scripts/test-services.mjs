// A web-test-runner plugin that starts, for the test run, what the tests talk to:
// - Kamailio, the real SIP server (scripts/sip-server), on free ports (see below);
// (the fake org is served by the test server's middleware: see web-test-runner.config.mjs);
// - a `sipp` server command, so a browser test can have SIPp (a raw SIP peer) send a
//   scenario to the agent: `executeServerCommand('sipp', { scenario, ... })`;
// - `sip-server-info`, `sip-server-start` / `sip-server-stop` (a separate Kamailio a test
//   can take down and bring back, for an outage mid-shift): see sip-server/test-commands.ts.
import { startKamailio } from './sip-server/kamailio.ts';
import { sipServerCommands } from './sip-server/test-commands.ts';
import { freeTcpPort, freeUdpPort } from './sip-server/free-port.ts';

// Free ports per run (tests learn the address through the `sip-server-info` command), so
// several runs on one machine (developers, CI, the local console) never collide.
export function testServicesPlugin() {
  let kamailio;
  let sipCommands;
  return {
    name: 'contactpad-test-services',
    async serverStart() {
      const ports = { wsPort: await freeTcpPort(), udpPort: await freeUdpPort() };
      sipCommands = sipServerCommands(ports);
      kamailio = await startKamailio({ ...ports, name: `unit-${process.pid}` });
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
