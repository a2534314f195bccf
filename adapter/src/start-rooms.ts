/**
 * The rooms every host starts the same way (Open CTI's contactpad.ts, Service Cloud Voice's
 * scv-contactpad.ts): the crm room (jsforce loads later, off the ring path), the agent's audio
 * devices and ringtone, and the phone, which registers with a time-limited SIP credential it
 * asks Salesforce for (crm/sip-credential-source.ts) and renews. Both wait for Salesforce the
 * same way: the crm room's answers wake a credential waiting for Salesforce, the credential's
 * answers wake the crm room's Task writes (the rooms never call each other; this wires them).
 */
import type { Controller } from './controller.ts';
import { createCrmService, type CrmService } from './crm/crm-service.ts';
import { createSipCredentialSource } from './crm/sip-credential-source.ts';
import type { AgentIdentity } from './model/agent-identity.ts';
import type { DiagnosticSink } from './model/diagnostic-log.ts';
import type { ContactPadSettings } from './model/settings.ts';
import type { SipCredentialSource } from './model/sip-credential.ts';
import { AudioDevices } from './telephony/audio-devices.ts';
import { keptInstanceId } from './phone-instance-storage.ts';
import { Phone, addressOfRecord, type PhoneListener } from './telephony/phone.ts';

/** The Salesforce session the host page hands over (never logged). */
export interface CrmSession {
  readonly instanceUrl: string;
  readonly accessToken: string;
}

/** What a host may change of how the rooms start. */
export interface RoomsOptions {
  /** What the phone tells (default: the controller). */
  readonly phoneListener?: PhoneListener;
  /** Where the agent's SIP credential comes from (default: Salesforce's credential endpoint, for the session's own user). */
  readonly credentials?: SipCredentialSource;
  /**
   * Salesforce's credential endpoint for the session's own user as the host made it (Open CTI:
   * its first fetch started before the rooms, for an agent coming back Ready); like the default,
   * its answers tell the crm room that Salesforce answers.
   */
  readonly salesforceCredentials?: SipCredentialSource;
  /** The ringtone file; without it calls ring on screen only. */
  readonly ringtoneUrl?: string | undefined;
  /** The diagnostic log (problem reports): the phone writes every SIP message there, redacted. */
  readonly diagnostics?: DiagnosticSink;
}

export interface StartedRooms {
  readonly crm: CrmService;
  readonly audio: AudioDevices;
  /** Undefined when the settings cannot make a phone (the controller was told why). */
  readonly phone: Phone | undefined;
  /** The org's part of the session id: one outbox, one memory per org and agent in this browser. */
  readonly orgPart: string;
}

export function startRooms(session: CrmSession, settings: ContactPadSettings, agent: AgentIdentity, controller: Controller, options: RoomsOptions = {}): StartedRooms {
  const orgPart = session.accessToken.split('!')[0]?.replace(/[^A-Za-z0-9]/g, '') ?? '';
  let phone: Phone | undefined;
  const crm = createCrmService({
    session,
    settings,
    agent,
    activityState: (interactionId, state, error) => controller.activityState(interactionId, state, error),
    onError: (error) => controller.notify(error),
    sessionState: (state, notice) => controller.salesforceSession(state, notice),
    // Salesforce answers again: a SIP credential waiting for it is asked for now, not at its backoff.
    salesforceAnswered: () => phone?.salesforceAnswered(),
    // One outbox and one memory of recent calls per org: the session id starts with the org id (never log the rest).
    outboxDatabase: `contactpad-activity-outbox-${orgPart}`,
    recentActivityKey: `contactpad-recent-activity-${orgPart}-${agent.userId}`,
  });

  // The agent's microphone, speaker and ringer, saved per agent and org in this browser; the ringtone.
  const audio = new AudioDevices({
    ringtoneUrl: options.ringtoneUrl ?? '',
    storageKey: `contactpad-audio-devices-${orgPart}-${agent.userId}`,
    storage: webStorage('localStorage'),
    listener: controller,
  });

  try {
    phone = new Phone(
      {
        serverUrl: settings.sipServerUrl,
        aor: addressOfRecord(agent.sipUser, settings.sipDomain),
        displayName: '',
        rejectStatusCode: settings.rejectStatusCode,
        iceServers: iceServerEntries(settings.iceServers),
        // One SIP device per agent in this browser: a new page's REGISTER replaces the binding an old one left.
        instanceId: keptInstanceId(webStorage('localStorage'), `contactpad-sip-instance-${orgPart}-${agent.userId || agent.sipUser}`),
      },
      options.phoneListener ?? controller,
      // The agent's credential, from Salesforce for the session's own user (never named here).
      { credentials: options.credentials ?? toldToCrm(options.salesforceCredentials ?? createSipCredentialSource({ instanceUrl: session.instanceUrl, accessToken: session.accessToken }), crm), audio, ...(options.diagnostics ? { diagnostics: options.diagnostics } : {}) },
    );
  } catch (error) {
    controller.notify(error);
  }
  return { crm, audio, phone, orgPart };
}

/** The credential source, whose every answer also tells the crm room that Salesforce answers (its Task writes waiting for Salesforce go then). */
export function toldToCrm(source: SipCredentialSource, crm: CrmService): SipCredentialSource {
  return async () => {
    const credential = await source();
    crm.salesforceAnsweredElsewhere();
    return credential;
  };
}

/**
 * The call center's ICE server URLs as the phone takes them: the STUN URLs in one entry, the
 * TURN URLs in another without credentials (the phone gives them the TURN credential that comes
 * with the SIP credential); none at all by default.
 */
function iceServerEntries(urls: readonly string[]): RTCIceServer[] {
  const stun = urls.filter((url) => /^stuns?:/i.test(url));
  const turn = urls.filter((url) => /^turns?:/i.test(url));
  return [...(stun.length > 0 ? [{ urls: stun }] : []), ...(turn.length > 0 ? [{ urls: turn }] : [])];
}

/** The browser's localStorage or sessionStorage; undefined when it refuses (blocked by its settings, a sandboxed frame). */
export function webStorage(name: 'localStorage' | 'sessionStorage'): Storage | undefined {
  try {
    return globalThis[name];
  } catch {
    return undefined;
  }
}
