// A web-test-runner plugin that starts, for the test run, what the tests talk to:
// - Kamailio, the real SIP server (scripts/sip-server), on the unit-test ports;
// - the fake org (scripts/fake-org), served by the test server itself under
//   /services/data/ and /__fake-org/, from the same msw handlers as the local console;
// - a `sipp` server command, so a browser test can have SIPp (a raw SIP peer) send a
//   scenario to the agent: `executeServerCommand('sipp', { scenario, ... })`.
import { startKamailio } from './sip-server/kamailio.ts';
import { runSipp } from './sip-server/sipp.ts';
import { serveFakeOrg } from './fake-org/http.ts';
import { UNIT_SIP_UDP_PORT, UNIT_SIP_WS_PORT } from './test-ports.ts';

export function testServicesPlugin() {
  let kamailio;
  return {
    name: 'contactpad-test-services',
    async serverStart({ app }) {
      kamailio = await startKamailio({ wsPort: UNIT_SIP_WS_PORT, udpPort: UNIT_SIP_UDP_PORT, name: 'unit' });
      app.use(async (ctx, next) => {
        if (await serveFakeOrg(ctx.req, ctx.res)) {
          ctx.respond = false;
          return;
        }
        await next();
      });
    },
    async serverStop() {
      await kamailio?.stop();
    },
    async executeCommand({ command, payload }) {
      if (command !== 'sipp') return undefined;
      return runSipp({ ...payload, proxyPort: UNIT_SIP_UDP_PORT });
    },
  };
}
