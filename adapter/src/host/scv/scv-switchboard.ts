/**
 * What the Service Cloud Voice connector needs of ContactPad: the switchboard's intents (the
 * same ones the widget sends under Open CTI) with their outcome, and what the agent has now (the
 * calls, the phone's connection, the directory). The composition (adapter/src/scv-contactpad.ts)
 * builds it over the controller and its store; the connector never sees a room.
 */
import type { Intent } from '../../intents.ts';
import type { DirectoryEntry } from '../../model/directory-entry.ts';
import type { Interaction } from '../../model/interaction.ts';
import type { PhoneConnection } from '../../model/phone-connection.ts';

/** A call as the connector sees it. */
export interface ScvCallView {
  readonly interaction: Interaction;
  /** The agent's microphone is silenced on it. */
  readonly muted: boolean;
  /** The VoiceCall the platform created for it (X-CP-Voice-Call-Id), when the INVITE named one. */
  readonly voiceCallId?: string;
}

/** Something ContactPad would have told the agent (a notice): under Service Cloud Voice, logged to Salesforce. */
export interface ScvNotice {
  readonly id: number;
  readonly code: string;
  readonly message: string;
}

export interface ScvSwitchboard {
  /** Carries out an intent: resolves once done (with the placed call's id for dial and consult), rejects with a ContactPadError. */
  run(intent: Intent): Promise<string | void>;
  /** The agent's calls now (voice, video and callback interactions), newest first. */
  calls(): readonly ScvCallView[];
  phone(): PhoneConnection;
  /** Agents and services to transfer to or consult (empty until loaded). */
  directory(): readonly DirectoryEntry[];
  /** Reads the directory from Salesforce again. */
  loadDirectory(): Promise<void>;
  notices(): readonly ScvNotice[];
  /** Calls `listener` on every change of the above; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void;
  /** The SIP domain a colleague's address is built on (sip:<their SIP user>@<domain>). */
  readonly sipDomain: string;
}

/** Builds ContactPad's rooms from the call center's settings (Salesforce's connector config, flat as Open CTI's). */
export type ScvBoot = (items: Record<string, string>) => Promise<ScvSwitchboard>;
