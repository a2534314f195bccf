/**
 * The one store the widget renders. The controller is its only writer; the widget reads
 * immutable snapshots and never changes them.
 *
 * The view shapes are defined here; the domain words in them (actions, caller labels,
 * connection states, directory entries...) live in the model and are re-exported below. The
 * widget imports from this file only: what it re-exports is all the widget may see of the adapter.
 */
import type { Interaction } from './model/interaction.ts';
import type { AgentState } from './model/agent-state.ts';
import type { ActivityLogState } from './model/activity-log-state.ts';
import type { BridgeConnection } from './model/bridge-connection.ts';
import type { CallerLabel } from './model/caller-label.ts';
import type { DirectoryEntry } from './model/directory-entry.ts';
import type { InteractionAction } from './model/interaction-action.ts';
import type { JourneyEntry } from './model/journey-entry.ts';
import type { PhoneConnection } from './model/phone-connection.ts';
import type { PhoneTabState } from './model/phone-tab.ts';
import type { AudioDevicesView } from './model/audio-devices.ts';
import type { RecordingView } from './model/recording.ts';
import type { VoicemailDropView } from './model/voicemail-message.ts';
import type { CallQuality } from './model/call-quality.ts';
import type { DialHistory, DialledRecord } from './model/dial-history.ts';
import type { DeviceCallbackStep, RegisteredDevice } from './model/device-callback.ts';
import type { CallFailureKind } from './model/outbound-failure.ts';
import type { AgentLanguage } from './model/agent-identity.ts';
import type { ShortcutView } from './model/keyboard-shortcuts.ts';
import type { CallerPicture, CameraState } from './model/video-call.ts';
import type { CallingListView } from './model/calling-record.ts';
import type { CallbackView } from './model/callback-request.ts';
import type { ScheduledCall } from './model/scheduled-call.ts';
import type { ScheduledCallRow } from './model/scheduled-call-list.ts';
import type { ProblemReportView } from './model/problem-report.ts';

// What the widget may see of the model and of the intents it sends (types only: the widget runs no adapter code).
export type { Channel, Interaction, InteractionState } from './model/interaction.ts';
export type { AgentState, AgentStatusChoice } from './model/agent-state.ts';
export type { ActivityLogState } from './model/activity-log-state.ts';
export type { BridgeConnection } from './model/bridge-connection.ts';
export type { CallerLabel } from './model/caller-label.ts';
export type { DirectoryEntry } from './model/directory-entry.ts';
export type { InteractionAction } from './model/interaction-action.ts';
export type { JourneyStatus } from './model/journey-entry.ts';
export type { PhoneConnection } from './model/phone-connection.ts';
export type { PhoneTabState } from './model/phone-tab.ts';
export type { DeviceCallbackStep, RegisteredDevice } from './model/device-callback.ts';
export type { AudioDevice, AudioDeviceRole, AudioDevicesView } from './model/audio-devices.ts';
export type { RecordingCommand, RecordingState, RecordingView } from './model/recording.ts';
export type { VoicemailDropView } from './model/voicemail-message.ts';
export type { CallQuality, CallQualityLevel } from './model/call-quality.ts';
export type { DialHistory, DialledNumber, DialledRecord } from './model/dial-history.ts';
export type { CallFailureKind } from './model/outbound-failure.ts';
export type { AgentLanguage } from './model/agent-identity.ts';
export type { ErrorCode } from './model/errors.ts';
export type { ShortcutAction, ShortcutView } from './model/keyboard-shortcuts.ts';
export type { CallerPicture, CameraState } from './model/video-call.ts';
export type { CallingListAction, CallingListSource, CallingListView, CallingRecord, CallingRecordState } from './model/calling-record.ts';
export type { CallbackOutcome, CallbackStatus, CallbackView } from './model/callback-request.ts';
export type { ScheduledCallRow } from './model/scheduled-call-list.ts';
export type { ProblemReportAction, ProblemReportState, ProblemReportView, ReportSummary } from './model/problem-report.ts';
export type { Intent, INTENT_EVENT } from './intents.ts';

/** One record that matched the caller's number, and why ("Why this record"). */
export interface CallerMatchView {
  readonly id: string;
  /** The object's API name: Lead, Contact, Account, Case, LiveChatTranscript, Custom__c... */
  readonly objectType: string;
  readonly name: string;
  /** The label the rule that matched earns (Lead, Customer, Previous Customer). */
  readonly label: CallerLabel;
  /** The screen-pop rule that matched (its label as the CRM team named it in Setup). */
  readonly rule: string;
  /** The field whose value matched the number (for example MobilePhone). */
  readonly matchedField: string;
}

/** One of the caller's recent interactions, from their Tasks (customer journey): shown as the model has it. */
export type JourneyEntryView = JourneyEntry;

/** The caller lookup for one interaction. */
export type CallerLookupView =
  | { readonly state: 'pending' }
  | {
      readonly state: 'done';
      readonly labels: readonly CallerLabel[];
      /** Every match, best rule first. */
      readonly matches: readonly CallerMatchView[];
      /** When the winning rule matched several records: the agent picks one (the console shows a search meanwhile). */
      readonly pick: readonly CallerMatchView[];
      /** The record the agent picked (or remembered for this number), if any. */
      readonly pickedId: string | undefined;
      /** The caller's recent interactions, newest first. */
      readonly journey: readonly JourneyEntryView[];
      /** Served from the repeat-caller cache (no API request spent). */
      readonly cached: boolean;
    }
  /** The lookup failed; `message` is shown to the agent, with its error `code`. */
  | { readonly state: 'failed'; readonly code: string; readonly message: string };

/** An interaction as the widget shows it. */
export interface InteractionView {
  readonly interaction: Interaction;
  /**
   * The actions allowed now, in the order the widget shows them: the capability table of its
   * kind (live, semi-live, non-live; model/capabilities.ts) applied to its state.
   */
  readonly actions: readonly InteractionAction[];
  /**
   * Whether the console tab of its record is open (tab sync): undefined while the interaction
   * has no record tab (or tab sync is off); false once the agent closed it (selecting the
   * interaction reopens it).
   */
  readonly recordTabOpen?: boolean;
  /**
   * The record an Omni-Channel work item routes (a Messaging Session, a Case or a legacy Chat
   * Transcript), once read; `channelName` is the messaging channel the customer wrote through
   * ("WhatsApp Support", "Web Chat"), '' for other records.
   */
  readonly record?: { readonly id: string; readonly objectType: string; readonly title: string; readonly channelName?: string };
  readonly caller: CallerLookupView;
  /** When wrap up ends on its own (epoch ms), while the interaction is in wrap-up. */
  readonly wrapUpEndsAt?: number;
  /**
   * The call's recording (model/recording.ts), once the call connected with recording offered or
   * started on its own: where it stands, the command waiting for the platform, and the commands
   * the agent may give now ([] when the controls are not offered, or one is pending).
   */
  readonly recording?: RecordingView;
  /** Voicemail drop, offered on an outbound call while it is connected: the admin's messages, and the one being dropped. */
  readonly voicemailDrop?: VoicemailDropView;
  /** The far end put the call on hold ("Held by the caller"): they hear nothing of the agent, and the agent nothing of them. */
  readonly heldByFarEnd?: boolean;
  /** A call of a three-way call (the agent's browser mixes it with its partner). */
  readonly inConference?: boolean;
  /** A call the agent placed (outbound-desk.ts): the extension to key in, why it did not connect, the reason recorded. */
  readonly placed?: PlacedCallView;
  /** A callback through another of the agent's devices (desks/callback-desk.ts): which device, and how far it got. */
  readonly viaDevice?: DeviceCallbackView;
  /** The activity log for this interaction: not yet written, being written, written, or waiting to retry. */
  readonly log: ActivityLogState;
  /** A live call whose microphone the agent muted (kept across hold); absent when not muted. */
  readonly muted?: boolean;
  /** The line of a live call, from its last sample while connected (model/call-quality.ts); absent before the first. */
  readonly quality?: CallQuality;
  /** A video call once answered (desks/video-desk.ts): the agent's camera, the caller's picture, and the streams the video window shows. */
  readonly video?: VideoView;
  /** A callback alert (desks/callback-alert-desk.ts): the attempt, and how it went once over. */
  readonly callback?: CallbackView;
}

/** What the video window shows of a video call. */
export interface VideoView {
  /** The agent's camera (model/video-call.ts): on, turned off, or none, denied or busy (camera off). */
  readonly camera: CameraState;
  /** The caller's picture, or audio only (the browser cannot decode the caller's video). */
  readonly picture: CallerPicture;
  /** The caller's audio and video as the call receives them (shown muted: the call's sound plays in ContactPad). */
  readonly remote: MediaStream | undefined;
  /** The agent's camera as the caller receives it; undefined without a camera. */
  readonly local: MediaStream | undefined;
}

/** What the widget shows of a call the agent placed. */
export interface PlacedCallView {
  /** An extension typed with the number ('ext. 12'), to key in once answered; '' when none. */
  readonly extension: string;
  /** Why it did not connect, once it failed: its kind and the words ("Busy (486 Busy Here)"). */
  readonly failure?: { readonly kind: CallFailureKind; readonly detail: string };
  /** The reason the agent recorded for the failure (the Task's disposition). */
  readonly reason?: string;
}

/** What the widget shows of a callback through another of the agent's devices. */
export interface DeviceCallbackView {
  readonly device: RegisteredDevice;
  /** Ringing the device, calling the customer, connected on the device, or failed (with the reason in words). */
  readonly step: DeviceCallbackStep;
  readonly reason?: string;
}

/**
 * The Call back dialog, while it is open: the record it calls back, the numbers known for it
 * (the first prefilled), and the devices that can ring. Neither this browser nor another device:
 * the call is disabled ("activate a device first").
 */
export interface CallbackChoiceView {
  readonly record?: DialledRecord;
  readonly numbers: readonly string[];
  readonly thisBrowser: boolean;
  readonly devices: readonly RegisteredDevice[];
  /** The agent's scheduled calls, soonest first (desks/scheduled-call-desk.ts); absent until read. */
  readonly scheduled?: readonly ScheduledCall[];
}

/**
 * "Scheduled calls", while the agent has it open (desks/scheduled-call-desk.ts): their calls,
 * soonest first (as last read: `loading` until the first answer, `failed` when Salesforce could not
 * say; the notice says why).
 */
export interface ScheduledCallsView {
  readonly state: 'loading' | 'listed' | 'failed';
  readonly calls: readonly ScheduledCallRow[];
}

/** An error or notice the agent should see (stable code + message). */
export interface Notice {
  readonly id: number;
  readonly code: string;
  readonly message: string;
  /** Stays until the agent dismisses it, however many notices come after (a calling list outcome Salesforce refused). */
  readonly kept?: boolean;
  /** What it is about, in the agent's words, when the error names it (a calling record's outcome: "Maria Lopez: Rejected (Spring calls)"). */
  readonly about?: string;
}

export interface ContactPadSnapshot {
  readonly agent: AgentState;
  /** The agent's Salesforce language and locale, as the host page passed them at start: the widget's words and time formats. */
  readonly agentLanguage: AgentLanguage;
  /** The Not Ready reasons the agent can pick from. */
  readonly notReadyReasons: readonly string[];
  /** The disposition picklist for wrap up. */
  readonly dispositions: readonly string[];
  /** Why the agent declines an offered chat, email or case (Omni-Channel decline reason). */
  readonly declineReasons: readonly string[];
  readonly phone: PhoneConnection;
  /** Whether this tab or window has the agent's phone, or another one does (another page of the same agent: only one registers and rings). */
  readonly phoneTab: PhoneTabState;
  /** Newest first. */
  readonly interactions: readonly InteractionView[];
  readonly selectedId: string | undefined;
  readonly notices: readonly Notice[];
  /** Agents and services to consult or transfer to (sorted by the widget). */
  readonly directory: readonly DirectoryEntry[];
  /** Tab sync and Omni-Channel run through the console bridge: still looking for it, found, or missing. */
  readonly bridge: BridgeConnection;
  /** The agent's microphone, speaker and ringer, and how loud it rings (the devices panel). */
  readonly audio: AudioDevicesView;
  /** The agent's recent numbers (redial is the first) and favourites, kept per agent in this browser. */
  readonly dialHistory: DialHistory;
  /** The reasons the agent picks from when a call they placed did not connect (failedCallReasons). */
  readonly failedCallReasons: readonly string[];
  /** The agent's keyboard shortcuts for a call that are on (keyboardShortcuts), while the focus is in ContactPad. */
  readonly shortcuts: readonly ShortcutView[];
  /** The Call back dialog's choices, while it is open (desks/callback-desk.ts). */
  readonly callback?: CallbackChoiceView;
  /** Preview dialling: the calling list the agent works through; absent until they open one (the preview desk). */
  readonly callingList?: CallingListView;
  /** The agent's scheduled calls, while "Scheduled calls" is open (desks/scheduled-call-desk.ts). */
  readonly scheduledCalls?: ScheduledCallsView;
  /** Report a problem, while its dialog is open (desks/problem-report-desk.ts): the report being written, or the one not sent yet. */
  readonly problemReport?: ProblemReportView;
}

type Listener = (snapshot: ContactPadSnapshot) => void;

/** Holds the current snapshot and tells subscribers when it changes. */
export class Store {
  #snapshot: ContactPadSnapshot;
  readonly #listeners = new Set<Listener>();

  constructor(initial: ContactPadSnapshot) {
    this.#snapshot = initial;
  }

  get snapshot(): ContactPadSnapshot {
    return this.#snapshot;
  }

  /** Replace the snapshot through a pure update and notify subscribers. */
  update(change: (current: ContactPadSnapshot) => ContactPadSnapshot): void {
    const next = change(this.#snapshot);
    if (next === this.#snapshot) return;
    this.#snapshot = next;
    for (const listener of this.#listeners) listener(next);
  }

  /** Calls `listener` now and on every change; returns the unsubscribe function. */
  subscribe(listener: Listener): () => void {
    this.#listeners.add(listener);
    listener(this.#snapshot);
    return () => this.#listeners.delete(listener);
  }
}
