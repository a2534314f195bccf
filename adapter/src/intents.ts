/**
 * What the agent asks for. The widget fires these as bubbling, composed CustomEvents
 * named `contactpad-intent` with the intent as `detail`; the switchboard (controller.ts) hands
 * each to the desk of its concern (adapter/src/desks/), which carries it out.
 */
import type { AgentStatusChoice } from './model/agent-state.ts';
import type { DialledRecord } from './model/dial-history.ts';
import type { AudioDeviceRole } from './model/audio-devices.ts';
import type { RecordingCommand } from './model/recording.ts';
import type { CallingListAction } from './model/calling-record.ts';
import type { ProblemReportAction } from './model/problem-report.ts';

export type Intent =
  | { readonly type: 'accept'; readonly interactionId: string }
  /** Reject a call, or decline a chat, email or case (with the agent's reason, sent to Omni-Channel). */
  | { readonly type: 'reject'; readonly interactionId: string; readonly reason?: string }
  | { readonly type: 'release'; readonly interactionId: string }
  | { readonly type: 'hold'; readonly interactionId: string }
  | { readonly type: 'retrieve'; readonly interactionId: string }
  /** Silence the agent's microphone on a call, or give it back (the call stays muted across hold). */
  | { readonly type: 'mute'; readonly interactionId: string }
  | { readonly type: 'unmute'; readonly interactionId: string }
  /** Keypad tones on a connected call: the keys pressed or typed (0-9 * # A-D, comma to pause; anything else is refused). */
  | { readonly type: 'send-dtmf'; readonly interactionId: string; readonly digits: string }
  /** Turn the agent's camera on or off on a video call (the video window's button). */
  | { readonly type: 'camera'; readonly interactionId: string; readonly on: boolean }
  /**
   * Consult another agent or a service about this interaction (a new call; the original stays),
   * the directory entry `targetId`, or the number (or sip: address) the agent typed in `number`.
   */
  | { readonly type: 'consult'; readonly interactionId: string; readonly targetId: string; readonly number?: string }
  /** Hand the interaction to another agent or a service (it leaves this agent's list), or a call to a typed `number`. */
  | { readonly type: 'transfer'; readonly interactionId: string; readonly targetId: string; readonly number?: string }
  /** Put the caller through to the consulted party (attended transfer), from either call of the consult. */
  | { readonly type: 'complete-transfer'; readonly interactionId: string }
  /** Join a consult call and the call it is about into a three-way call. */
  | { readonly type: 'conference'; readonly interactionId: string }
  /** Release the consult call and take back the call it was about. */
  | { readonly type: 'drop-consult'; readonly interactionId: string }
  /** The agent leaves a three-way call: both calls end. */
  | { readonly type: 'leave-conference'; readonly interactionId: string }
  /** Abandon (after the agent confirmed): frees capacity even when the far side never answers. */
  | { readonly type: 'abandon'; readonly interactionId: string }
  | { readonly type: 'extend-wrap-up'; readonly interactionId: string }
  | { readonly type: 'select'; readonly interactionId: string }
  /** The wrap-up form's draft, sent as the agent types, so a wrap-up timeout loses nothing. */
  | { readonly type: 'wrap-up-draft'; readonly interactionId: string; readonly disposition: string; readonly notes: string }
  | { readonly type: 'wrap-up-done'; readonly interactionId: string; readonly disposition: string; readonly notes: string }
  | { readonly type: 'set-agent-status'; readonly choice: AgentStatusChoice }
  /** Call a number or a SIP address (the dial pad, redial, a recent number, a favourite), with the record it belongs to, if any. */
  | { readonly type: 'dial'; readonly number: string; readonly record?: DialledRecord }
  /**
   * Call back from a record: open the dialog for the interaction's record (`interactionId`), or
   * else the record in focus in the console; close it; or call back `number` for the record, with
   * `device` '' ringing this browser, else the registered Contact of another of the agent's devices.
   */
  | { readonly type: 'callback'; readonly ask: CallbackAsk }
  /** Star a recent number as a favourite, or unstar it. */
  | { readonly type: 'favourite-number'; readonly number: string; readonly starred: boolean }
  /** Why a call the agent placed did not connect, in the agent's words (the Task's disposition). */
  | { readonly type: 'failed-call-reason'; readonly interactionId: string; readonly reason: string }
  /** The agent picks which of several matching records is the caller (remembered for the number). */
  | { readonly type: 'pick-record'; readonly interactionId: string; readonly recordId: string }
  /** Open a record in the console (a journey entry's Task, a match). */
  | { readonly type: 'open-record'; readonly recordId: string }
  /** The devices panel opened: list the microphones and outputs with their names. */
  | { readonly type: 'list-audio-devices' }
  /** The microphone, speaker (the call's sound) or ringer (the ringtone) to use; '' = the browser's default. */
  | { readonly type: 'choose-audio-device'; readonly role: AudioDeviceRole; readonly deviceId: string }
  /** How loud the phone rings, 0 to 100. */
  | { readonly type: 'set-ring-volume'; readonly volume: number }
  | { readonly type: 'dismiss-notice'; readonly noticeId: number }
  /** Start, pause, resume or stop the call's recording (sent to the platform; it changes once the platform agrees). */
  | { readonly type: 'recording'; readonly interactionId: string; readonly command: RecordingCommand }
  /** Play the admin's pre-recorded message (by its id) into the call and be free at once: the call hangs up when it ends. */
  | { readonly type: 'drop-voicemail'; readonly interactionId: string; readonly messageId: string }
  /** Preview dialling: choose a campaign, review, call, reject or reschedule its records (the preview desk). */
  | { readonly type: 'calling-list'; readonly action: CallingListAction }
  /** "Use the phone here": take the phone over from another tab or window of the agent (refused while a call is live there). */
  | { readonly type: 'take-over-phone' }
  /** Report a problem (desks/problem-report-desk.ts): open its dialog (from the pad, or a finished call's row), send, try again, close. */
  | { readonly type: 'problem-report'; readonly action: ProblemReportAction };

/** What a `callback` intent asks (desks/callback-desk.ts). */
export type CallbackAsk =
  | { readonly to: 'open'; readonly interactionId?: string }
  | { readonly to: 'close' }
  | { readonly to: 'place'; readonly number: string; readonly device: string; readonly record?: DialledRecord }
  /** A scheduled call (desks/scheduled-call-desk.ts): `at` an ISO 8601 instant. */
  | { readonly to: 'schedule'; readonly number: string; readonly at: string; readonly record?: DialledRecord }
  | { readonly to: 'move'; readonly id: string; readonly at: string }
  | { readonly to: 'cancel-scheduled'; readonly id: string }
  /** "Scheduled calls" from the dial box: the agent's scheduled calls listed at any time, or closed. */
  | { readonly to: 'show-scheduled' }
  | { readonly to: 'hide-scheduled' };

export const INTENT_EVENT = 'contactpad-intent';

declare global {
  interface HTMLElementEventMap {
    'contactpad-intent': CustomEvent<Intent>;
  }
}
