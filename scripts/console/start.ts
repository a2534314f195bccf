/**
 * `npm start`: the local console. Starts Kamailio and the console's web server, prints what
 * to do, and on Ctrl-C (SIGINT) or SIGTERM stops everything it started and exits 0.
 *
 *   PORT=8000 SIP_WS_PORT=8080 SIP_UDP_PORT=5060 npm start
 *   CONSOLE_VOICE_CALLS=1 npm start   also create a VoiceCall for each incoming call (the voice
 *                                     call service and a fake Telephony Integration API; the
 *                                     agent's INVITE carries X-CP-Voice-Call-Id)
 */
import { ensureKamailio } from '../sip-server/kamailio.ts';
import { PortInUseError, startConsole, type RunningConsole } from './console-server.ts';
import { loadDemoCallers } from './demo-callers.ts';

function portFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Error(`${name} must be a port number between 1 and 65535, got ${JSON.stringify(raw)}.`);
  }
  return port;
}

function numbersToTry(): string {
  return loadDemoCallers()
    .map((caller) => `    ${(caller.number || '(blank)').padEnd(16)} ${caller.label}`)
    .join('\n');
}

function instructions(url: string, sipWsPort: number, sipUdpPort: number): string {
  return `
ContactPad local console is running.

  Open ${url} in Chrome or Chromium.

  1. The softphone panel (bottom right, "Phone" in the utility bar) holds ContactPad; it
     registers as sip:agent1@127.0.0.1. Set yourself Ready.
  2. In the "Customer simulator" panel, pick a caller (or type a name and number) and press
     "Call agent". Allow the microphone when the browser asks.
  3. Accept the call in ContactPad: the caller's record pops as a console tab. Release, pick a
     disposition, Done: the Task appears in the "Tasks" tab.
  4. Consult or transfer to Jordan Lee: the "Colleague: Jordan Lee" panel is their phone
     (sip:jordan.lee@127.0.0.1); it answers by itself after a second, or untick "Answer
     automatically" to answer or decline by hand.
  5. The "Omni-Channel simulator" routes a Messaging session, a legacy chat, an email, a case
     or a Lead to the agent through the console bridge: force-app's ContactPadConsoleBridge
     Aura component, run as it ships. Its auto-accept switch is the agent's presence
     configuration in the fake org (ContactPad reads it after a reload).
  6. "Reject sends it to the next agent": open ${url}?agent=emile.durand in another browser
     (or a private window) and set Émile Ready; choose "Calls: Queue queue-sales" (or
     queue-video, queue-callbacks) in the simulator. agent1 rings first; a reject, or 15 s
     without an answer, rings Émile (scripts/sip-server/queues.list, docs/sip-edge.md).

  Numbers to try (the demo org's callers, also in the simulator's "Caller" list):
${numbersToTry()}

  SIP server: Kamailio, ws://127.0.0.1:${sipWsPort} (WebSocket) and udp 127.0.0.1:${sipUdpPort},
  with rtpengine for plain-RTP phones. A SIP phone on 127.0.0.1 (a listed trunk) that sends an
  INVITE for sip:agent1@127.0.0.1 over UDP rings the agent; WebSocket clients need a SIP
  credential (docs/sip-edge.md). The simulator's Line also offers a caller from the phone network.
  Salesforce REST (fake org): ${url}services/data/v68.0/ (bearer token required).

  Press Ctrl-C to stop.
`;
}

async function main(): Promise<void> {
  let port: number;
  let sipWsPort: number;
  let sipUdpPort: number;
  try {
    port = portFromEnv('PORT', 8000);
    sipWsPort = portFromEnv('SIP_WS_PORT', 8080);
    sipUdpPort = portFromEnv('SIP_UDP_PORT', 5060);
    ensureKamailio();
  } catch (error) {
    console.error(`Cannot start the local console: ${(error as Error).message}`);
    process.exit(1);
  }

  let starting: Promise<RunningConsole | undefined> | undefined;
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping the local console and Kamailio...`);
    try {
      const running = await starting;
      await running?.stop();
      console.log('Stopped.');
      process.exit(0);
    } catch (error) {
      console.error(`Stopping failed: ${(error as Error).message}`);
      process.exit(1);
    }
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  const voiceCalls = process.env.CONSOLE_VOICE_CALLS === '1';
  starting = startConsole({ port, sipWsPort, sipUdpPort, voiceCalls, log: (line) => console.log(line) }).catch((error: unknown) => {
    const message = error instanceof PortInUseError ? error.message : `Cannot start the local console: ${(error as Error).message}`;
    console.error(message);
    process.exit(1);
  });
  const running = await starting;
  if (running && !stopping) console.log(instructions(running.url, sipWsPort, sipUdpPort));
  if (running?.voiceCalls && !stopping) {
    console.log(`  VoiceCalls: on. Each incoming call gets one from the voice call service (${running.voiceCalls.serviceUrl}) at the fake\n  Telephony Integration API; list them at ${running.voiceCalls.telephonyUrl.replace(/\/telephony\/v1$/, '')}/__fake-telephony/voice-calls\n`);
  }
}

await main();
