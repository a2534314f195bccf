/**
 * Server commands that browser tests send through web-test-runner
 * (`executeServerCommand(name, payload)` from '@web/test-runner-commands'):
 *
 * - `sip-server-info` -> `{ wsUrl, udpPort }` of the suite's Kamailio;
 * - `sip-server-start` `{ name, voiceCalls? }` -> `{ wsUrl, udpPort, wssUrl? }`: starts (or restarts, on the
 *   same ports) a separate Kamailio (with its rtpengine) for one test, e.g. a SIP server outage
 *   mid-shift; `voiceCalls: true`: with the voice call service and the fake Telephony Integration
 *   API beside it (Service Cloud Voice: the edge makes each call's VoiceCall, as in production);
 * - `voice-calls-made` `{ name }` -> the VoiceCalls that server's fake Telephony Integration API
 *   created, each with the request it came from (FakeVoiceCall, in order);
 * - `sip-server-stop` `{ name }` -> `{ stopped: true }`: stops it (the ports stay reserved
 *   for that name, so a later start brings "the same server" back);
 * - `sip-credential` `{ user, expiresInMs? }` -> `{ username, password, expiresAt }`, a
 *   time-limited credential for `user` signed with the suite's secret (default: valid for an
 *   hour; a negative expiresInMs gives an expired one), or `null` when the suite's Kamailio
 *   does not authenticate (register without credentials then);
 * - `sipp` `{ scenario, to?, localIp?, ... }` -> `{ exitCode, statusCodes, log }` (see sipp.ts;
 *   `localIp` 127.0.0.2 is not a trunk of the suite's Kamailio, 127.0.0.1 is).
 *
 * The suite's own Kamailio cannot be stopped from a test: other test files share it.
 */
import { startKamailio, type KamailioOptions, type RunningKamailio } from './kamailio.ts';
import { signSipCredential } from './sip-credential.ts';
import { runSipp, type SippOptions } from './sipp.ts';
import { freeTcpPort, freeUdpPort } from './free-port.ts';
import { startConsoleVoiceCalls, type ConsoleVoiceCalls } from '../console/voice-calls.ts';

/** The org the test servers' VoiceCalls are made for. */
const TEST_VOICE_CALL_ORG = '00D5g0000012345AAA';



function testServerName(payload: unknown): string {
  const name = (payload as { name?: unknown } | undefined)?.name;
  if (typeof name !== 'string' || !/^[a-z0-9-]{1,40}$/.test(name)) {
    throw new Error('sip-server-start/stop: payload.name must be lowercase letters, digits and dashes');
  }
  return `test-${name}`;
}

/** The edge options a test run starts its Kamailio with (authentication, trunks...), besides ports and name. */
export type EdgeOptions = Omit<KamailioOptions, 'wsPort' | 'udpPort' | 'name'>;

/**
 * The SIP server commands for one test run, bound to the suite's Kamailio ports. `edge`: the
 * options the suite's Kamailio runs with; the extra servers a test starts get the same ones
 * (a run with authentication on gets extra servers with authentication on), WSS on a port of
 * their own.
 */
export function sipServerCommands(suite: { wsPort: number; udpPort: number; edge?: EdgeOptions }) {
  const extra = new Map<string, { wsPort: number; udpPort: number; wssPort: number | undefined; server: RunningKamailio | undefined; voiceCalls?: ConsoleVoiceCalls }>();

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
            entry = { wsPort: await freeTcpPort(), udpPort: await freeUdpPort(), wssPort: suite.edge?.tls ? await freeTcpPort() : undefined, server: undefined };
            extra.set(name, entry);
          }
          const tls = suite.edge?.tls && entry.wssPort !== undefined ? { tls: { ...suite.edge.tls, port: entry.wssPort } } : {};
          if ((payload as { voiceCalls?: unknown }).voiceCalls === true) entry.voiceCalls ??= await startConsoleVoiceCalls(TEST_VOICE_CALL_ORG, () => undefined);
          const voiceCalls = entry.voiceCalls ? { voiceCalls: { serviceUrl: entry.voiceCalls.serviceUrl } } : {};
          entry.server ??= await startKamailio({ ...suite.edge, ...tls, ...voiceCalls, wsPort: entry.wsPort, udpPort: entry.udpPort, name });
          return { wsUrl: entry.server.wsUrl, udpPort: entry.udpPort, ...(entry.server.wssUrl ? { wssUrl: entry.server.wssUrl } : {}) };
        }
        case 'sip-server-stop': {
          const entry = extra.get(testServerName(payload));
          await entry?.server?.stop();
          if (entry) entry.server = undefined;
          return { stopped: true };
        }
        case 'voice-calls-made': {
          const voiceCalls = extra.get(testServerName(payload))?.voiceCalls;
          if (!voiceCalls) throw new Error('voice-calls-made: no server of that name was started with voiceCalls');
          const response = await fetch(new URL('/__fake-telephony/voice-calls', voiceCalls.telephonyUrl));
          return response.json();
        }
        case 'sip-credential': {
          const { user, expiresInMs = 3_600_000 } = (payload ?? {}) as { user?: unknown; expiresInMs?: unknown };
          if (typeof user !== 'string') throw new Error('sip-credential: payload.user must be a SIP user');
          if (typeof expiresInMs !== 'number' || !Number.isFinite(expiresInMs) || Math.abs(expiresInMs) > 86_400_000) {
            throw new Error('sip-credential: payload.expiresInMs must be a number of ms within a day either way');
          }
          const secret = suite.edge?.auth?.secret;
          return secret === undefined ? null : signSipCredential(secret, user, Date.now() + expiresInMs);
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
      await Promise.all([...extra.values()].map(async (entry) => {
        await entry.server?.stop();
        await entry.voiceCalls?.stop();
      }));
      extra.clear();
    },
  };
}
