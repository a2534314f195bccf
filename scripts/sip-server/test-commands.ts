/**
 * Server commands that browser tests send through web-test-runner
 * (`executeServerCommand(name, payload)` from '@web/test-runner-commands'):
 *
 * - `sip-server-info` -> `{ wsUrl, udpPort }` of the suite's Kamailio;
 * - `sip-server-start` `{ name }` -> `{ wsUrl, udpPort }`: starts (or restarts, on the same
 *   ports) a separate Kamailio for one test, e.g. a SIP server outage mid-shift;
 * - `sip-server-stop` `{ name }` -> `{ stopped: true }`: stops it (the ports stay reserved
 *   for that name, so a later start brings "the same server" back);
 * - `sipp` `{ scenario, to?, ... }` -> `{ exitCode, statusCodes, log }` (see sipp.ts).
 *
 * The suite's own Kamailio cannot be stopped from a test: other test files share it.
 */
import { startKamailio, type RunningKamailio } from './kamailio.ts';
import { runSipp, type SippOptions } from './sipp.ts';
import { freeTcpPort, freeUdpPort } from './free-port.ts';



function testServerName(payload: unknown): string {
  const name = (payload as { name?: unknown } | undefined)?.name;
  if (typeof name !== 'string' || !/^[a-z0-9-]{1,40}$/.test(name)) {
    throw new Error('sip-server-start/stop: payload.name must be lowercase letters, digits and dashes');
  }
  return `test-${name}`;
}

/** The SIP server commands for one test run, bound to the suite's Kamailio ports. */
export function sipServerCommands(suite: { wsPort: number; udpPort: number }) {
  const extra = new Map<string, { wsPort: number; udpPort: number; server: RunningKamailio | undefined }>();

  return {
    /** Runs a command; undefined when the command is not one of ours. */
    async execute(command: string, payload: unknown): Promise<unknown> {
      switch (command) {
        case 'sip-server-info':
          return { wsUrl: `ws://127.0.0.1:${suite.wsPort}`, udpPort: suite.udpPort };
        case 'sip-server-start': {
          const name = testServerName(payload);
          let entry = extra.get(name);
          if (!entry) {
            entry = { wsPort: await freeTcpPort(), udpPort: await freeUdpPort(), server: undefined };
            extra.set(name, entry);
          }
          entry.server ??= await startKamailio({ wsPort: entry.wsPort, udpPort: entry.udpPort, name });
          return { wsUrl: entry.server.wsUrl, udpPort: entry.udpPort };
        }
        case 'sip-server-stop': {
          const entry = extra.get(testServerName(payload));
          await entry?.server?.stop();
          if (entry) entry.server = undefined;
          return { stopped: true };
        }
        case 'sipp': {
          const options = { ...(payload as Partial<SippOptions> | undefined), proxyPort: suite.udpPort } as SippOptions;
          return runSipp(options);
        }
        default:
          return undefined;
      }
    },
    /** Stops every extra Kamailio a test started. */
    async stopAll(): Promise<void> {
      await Promise.all([...extra.values()].map((entry) => entry.server?.stop()));
      extra.clear();
    },
  };
}
