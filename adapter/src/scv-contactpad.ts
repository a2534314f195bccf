/**
 * ContactPad under Service Cloud Voice: the same controller, telephony and crm rooms as under
 * Open CTI (contactpad.ts), with Salesforce's Omni-Channel softphone as the host
 * (host/scv/scv-connector.ts). No widget: Salesforce owns the agent's screen.
 *
 * The connector is installed at once (Salesforce's SETUP_CONNECTOR may come as soon as the frame
 * loads); the rooms start when it comes, with the call center's settings it carries, read by the
 * same reader as Open CTI's. What differs in this host:
 * - the record of a call is Salesforce's VoiceCall (model/call-record.ts): no caller lookup,
 *   no screen pop by ContactPad's rules, no Task;
 * - wrap up is Salesforce's After Conversation Work: ContactPad's own clock is off (wrapUpSeconds
 *   0) and no disposition is asked (requireDisposition off): it ends on wrapUpCall;
 * - Omni-Channel presence decides whether the phone is registered (setAgentStatus) and where the
 *   agent goes after a decline (stateAfterReject 'stay', no cooldown); the agent's last choice is
 *   not restored at start, and there is no console bridge (presence sync, tabs);
 * - the VoiceCall id the platform's server created comes in the INVITE (X-CP-Voice-Call-Id).
 */
import { Controller } from './controller.ts';
import type { CallEnd, PhoneListener } from './telephony/phone.ts';
import type { CallOffer } from './telephony/sip-header-contract.ts';
import { installConnector, type ContactPadConnector } from './host/scv/scv-connector.ts';
import type { ScvSwitchboard } from './host/scv/scv-switchboard.ts';
import { readSettings, type ContactPadSettings } from './model/settings.ts';
import { readAgentIdentity } from './model/agent-identity.ts';
import { ContactPadError } from './model/errors.ts';
import type { SipCredentialSource } from './model/sip-credential.ts';
import type { PhoneConnection } from './model/phone-connection.ts';
import { realClock } from './model/clock.ts';
import { startRooms, type CrmSession } from './start-rooms.ts';
import { whenIdle } from './when-idle.ts';

/** What the connector page hands over, as the Open CTI page does (contactpad.ts ContactPadStartOptions). */
export interface ScvStartOptions {
  readonly crm: CrmSession;
  /** The logged-in user as the page's merge fields give it; checked, not trusted. */
  readonly agent?: unknown;
  readonly ringtoneUrl?: string;
  /** Where the agent's SIP credential comes from (default: Salesforce's credential endpoint). */
  readonly credentials?: SipCredentialSource;
}

/** ContactPad's connector, installed: Salesforce sets it up. */
export function startContactPadUnderScv(options: ScvStartOptions): ContactPadConnector {
  return installConnector((items) => bootScvRooms(options, items));
}

/**
 * Starts ContactPad's rooms with the call center's items and gives the connector its
 * switchboard. Rejects INVALID_CONFIGURATION when the phone cannot be made (no SIP server or
 * domain, no SIP user for the agent): Salesforce is told at set up, not at the first call.
 */
export async function bootScvRooms(options: ScvStartOptions, items: Record<string, string>): Promise<ScvSwitchboard> {
  const read = readSettings(items);
  const { agent, language, problems: agentProblems } = readAgentIdentity(options.agent);
  const unusable = [...read.problems.filter((problem) => /sipServerUrl|sipDomain/.test(problem)), ...(agent.sipUser === '' ? ['This user has no ContactPad SIP User.'] : [])];
  if (unusable.length > 0) throw new ContactPadError('INVALID_CONFIGURATION', unusable.join(' '));
  // Salesforce's After Conversation Work and Omni-Channel presence decide what ContactPad's own clocks and management settings would.
  const settings: ContactPadSettings = Object.freeze({ ...read.settings, wrapUpSeconds: 0, requireDisposition: false, stateAfterReject: 'stay', cooldownSeconds: 0 });
  const controller = new Controller(settings, realClock, language, undefined, 'voice-call');
  for (const problem of [...read.problems, ...agentProblems]) controller.notify(new ContactPadError('INVALID_CONFIGURATION', problem));

  const voiceCallIds = new Map<string, string>();
  const { crm, audio, phone } = startRooms(options.crm, settings, agent, controller, {
    phoneListener: voiceCallIdsOf(controller, voiceCallIds),
    ...(options.credentials ? { credentials: options.credentials } : {}),
    ringtoneUrl: options.ringtoneUrl,
  });
  if (!phone) throw new ContactPadError('INVALID_CONFIGURATION', controller.store.snapshot.notices.at(-1)?.message ?? 'The phone cannot be made from these settings.');
  controller.attach({ phone, crm, audio });
  audio.start();
  controller.preloadLaterDesks().catch((error: unknown) => controller.notify(error));
  // jsforce and the directory, off the ring path, when the browser is first idle: the transfer dialog's contacts.
  const directory = new Promise<void>((idle) => whenIdle(idle)).then(() => crm.preload()).then(() => controller.loadDirectory());
  directory.catch((error: unknown) => controller.notify(error));

  const { store } = controller;
  return {
    run: (intent) => controller.run(intent),
    calls: () =>
      store.snapshot.interactions
        .filter((view) => view.interaction.channel === 'voice' || view.interaction.channel === 'video' || view.interaction.channel === 'callback')
        .map((view) => {
          const voiceCallId = voiceCallIds.get(view.interaction.id);
          return { interaction: view.interaction, muted: view.muted === true, ...(voiceCallId ? { voiceCallId } : {}) };
        }),
    phone: (): PhoneConnection => store.snapshot.phone,
    directory: () => store.snapshot.directory,
    loadDirectory: () => directory.then(() => controller.loadDirectory()),
    notices: () => store.snapshot.notices,
    subscribe: (listener) => store.subscribe(() => listener()),
    sipDomain: settings.sipDomain,
  };
}

/** The controller as the phone's listener, keeping each INVITE's VoiceCall id (X-CP-Voice-Call-Id) for the connector. */
function voiceCallIdsOf(controller: Controller, ids: Map<string, string>): PhoneListener {
  return {
    connection: (state, error) => controller.connection(state, error),
    incoming: (offer: CallOffer) => {
      if (offer.voiceCallId) ids.set(offer.callId, offer.voiceCallId);
      controller.incoming(offer);
    },
    connected: (callId) => controller.connected(callId),
    ended: (callId: string, end: CallEnd) => {
      controller.ended(callId, end);
      ids.delete(callId);
    },
    heldByFarEnd: (callId, held) => controller.heldByFarEnd(callId, held),
  };
}
