/**
 * What ContactPad tells Salesforce it does from Service Cloud Voice's controls
 * (getCapabilities). Every capability the base reads is set here, each explicitly: the
 * CapabilitiesResult constructor defaults MUTE, RECORD, MERGE, SWAP and DEBUG_ENABLED to true
 * (scv-connector-base types.js), and a capability left on shows Salesforce a button that would
 * fail. On only what the connector does (scv-connector.ts).
 */
import type { ScvCapabilities } from './scv-base.ts';

export const CONTACTPAD_CAPABILITIES: Readonly<ScvCapabilities> = Object.freeze({
  /** mute and unmute: the agent's microphone on the call they are talking on. */
  hasMute: true,
  /** Off: recording is the platform's (SIP INFO) and not offered through this connector (no pauseRecording, resumeRecording). */
  hasRecord: false,
  /** Off: ContactPad mixes three-way calls in the browser, but the connector has no conference(). */
  hasMerge: false,
  /** Off: no swap(); resume of one leg holds the other (the same swap, from the leg's own Resume). */
  hasSwap: false,
  /** Off: recordings are not ContactPad's to sign (no getSignedRecordingUrl). */
  hasSignedRecordingUrl: false,
  /** Off: no vendor log download (downloadLogs is the base's). */
  debugEnabled: false,
  /** getPhoneContacts reads the filter's `contains` (a name's part, any case), its types, offset and limit. */
  hasContactSearch: true,
  /** Off: ContactPad's directory has no availability; Salesforce gives its own. */
  hasAgentAvailability: false,
  /** Off: no queue wait times. */
  hasQueueWaitTime: false,
  /** Off: no MOS figures are sent (no UPDATE_AUDIO_STATS). */
  supportsMos: false,
  /** Off: no supervisor listen-in or barge-in (no superviseCall). */
  hasSupervisorListenIn: false,
  hasSupervisorBargeIn: false,
  /** addParticipant with isBlindTransfer: a SIP REFER to the agent, service or number; the call leaves the agent. */
  hasBlindTransfer: true,
  /** Off: Omni-Channel flows are not transfer targets. */
  hasTransferToOmniFlow: false,
  /** Off: a status change applies when asked (enqueueNextState is not kept). */
  hasPendingStatusChange: false,
  /** Off: no phone book (the directory's agents and services are the contacts). */
  hasPhoneBook: false,
});
