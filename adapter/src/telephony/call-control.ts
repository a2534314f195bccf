/**
 * What the agent (or support) asks of calls beyond ringing and answering: dialling out
 * (dial.ts), hold and retrieve (hold.ts, re-INVITEs), blind transfer (transfer.ts, REFER),
 * attended transfer (attended-transfer.ts, REFER with Replaces), the three-way call mixed in
 * the browser (conference.ts), the far end's own hold (far-end-hold.ts) and a call's media
 * figures (media-stats.ts), recording commands to the platform (recording-info.ts, SIP INFO) and
 * voicemail drop (voicemail-drop.ts), a callback through another of the agent's devices
 * (device-callback.ts), a video call's camera and picture (video-call.ts), the refresh of every
 * answered call's route once the phone has reconnected (dialog-refresh.ts), the agent's Release
 * sent again after a reconnect until the far end hears it (release-delivery.ts), mute (mute.ts) and
 * keypad tones (dtmf-sender.ts: RFC 4733 or
 * SIP INFO), with the waits on the far end of far-end.ts. None of it is needed to ring and answer, so this module is the one door to
 * them and calls.ts loads it with a dynamic import: a chunk of its own, off the
 * ring-and-answer bundle (issue 9 measure), as the console bridge is. It starts loading once
 * the phone has registered; a request made before it has loaded waits for it.
 */
import type { Inviter } from 'sip.js';
import type { Clock } from '../model/clock.ts';
import type { Call } from './call.ts';

export { completeTransfer } from './attended-transfer.ts';
export { joinConference } from './conference.ts';
export { abandonAfterReconnect, placeCall } from './dial.ts';
export { sendRecordingCommand } from './recording-info.ts';
export { dropVoicemail } from './voicemail-drop.ts';
export { sendDtmf } from './dtmf-sender.ts';
export { offerHoldsUs } from './far-end-hold.ts';
export { setHold } from './hold.ts';
export { setMuted } from './mute.ts';
export { mediaStats } from './media-stats.ts';
export { transfer } from './transfer.ts';
export { deviceCallbacks } from './device-callback.ts';
export { refreshDialog } from './dialog-refresh.ts';
export { ReleaseDelivery } from './release-delivery.ts';
export { callVideo, videoAnswer } from './video-call.ts';

/** What the call control needs of the phone's calls (calls.ts keeps them). */
export interface CallsPort {
  readonly clock: Clock;
  /** The agent's SIP domain: numbers and SIP users are dialled and transferred to on it. */
  readonly domain: string;
  /** Keeps a new outbound call: sip.js's events for it feed it from now on. */
  track(id: string, inviter: Inviter): Call;
  /** sip.js has ended the call (seen once dial settles): end it and tell the listener. */
  terminated(call: Call): void;
  /** The far end took the call over (it accepted our REFER): hang up our leg, as transferred. */
  handOver(call: Call): Promise<void>;
  /** Hangs the call up (BYE): a dropped voicemail message has played to its end. */
  hangUp(call: Call): Promise<void>;
  /** The agent has left the call (a voicemail message plays on): its audio stops playing here. */
  leave(call: Call): void;
}
