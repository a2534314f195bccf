/**
 * Call recording as the agent controls it: the platform records, ContactPad asks it to start,
 * pause, resume or stop (one SIP INFO each, telephony/recording-info.ts) and shows where the
 * recording stands. The state changes only when the platform says yes (200 OK): until then the
 * command is pending, and a refusal or no answer leaves the state as it was.
 *
 * ```
 *             start                 pause
 *     off ------------> recording ---------> paused
 *                        ^   |    <---------   |
 *                        |   |      resume     |
 *                  start |   | stop            | stop
 *                        |   v                 |
 *                       stopped <--------------+
 * ```
 *
 * `stopped` is `off` with a past: the call was recorded (the journey says when), and may be
 * recorded again (start). One command at a time: another one asked while one is pending is
 * refused (RECORDING_PENDING), nothing sent. Each confirmed command is a line of the call's
 * journey, so the Task says that and when the call was recorded. Pure; statuses are frozen.
 */
import { interactionKind } from './capabilities.ts';
import { ContactPadError } from './errors.ts';
import type { Interaction, JourneyEventKind } from './interaction.ts';
import { freezeFacts, refusedFact, type InteractionFacts } from './interaction-facts.ts';

/** Where the recording of a call stands. */
export type RecordingState = 'off' | 'recording' | 'paused' | 'stopped';

/** What the agent (or the auto-start setting) asks the platform to do. */
export type RecordingCommand = 'start' | 'pause' | 'resume' | 'stop';

/** Every command, in the order the widget offers them. */
export const RECORDING_COMMANDS: readonly RecordingCommand[] = Object.freeze(['start', 'pause', 'resume', 'stop'] as const);

/** The table: `RECORDING_TRANSITIONS[command][from]` is where the command takes a recording; a missing `from` refuses it. */
export const RECORDING_TRANSITIONS: Readonly<Record<RecordingCommand, Readonly<Partial<Record<RecordingState, RecordingState>>>>> = Object.freeze({
  start: Object.freeze({ off: 'recording', stopped: 'recording' }),
  pause: Object.freeze({ recording: 'paused' }),
  resume: Object.freeze({ paused: 'recording' }),
  stop: Object.freeze({ recording: 'stopped', paused: 'stopped' }),
});

/** The journey line each confirmed command adds. */
export const RECORDING_JOURNEY: Readonly<Record<RecordingCommand, JourneyEventKind>> = Object.freeze({
  start: 'recording-started',
  pause: 'recording-paused',
  resume: 'recording-resumed',
  stop: 'recording-stopped',
});

/** A call's recording: its state and the command waiting for the platform's answer, if any. */
export interface RecordingStatus {
  readonly state: RecordingState;
  readonly pending?: RecordingCommand;
}

/** A call that was never recorded. */
export const NOT_RECORDED: RecordingStatus = Object.freeze({ state: 'off' });

/** Where `command` takes a recording in `from`, or undefined when the table refuses it. */
export function nextRecordingState(from: RecordingState, command: RecordingCommand): RecordingState | undefined {
  return Object.hasOwn(RECORDING_TRANSITIONS, command) ? RECORDING_TRANSITIONS[command][from] : undefined;
}

/**
 * The one transition function: the state after `command` in `from`. Throws
 * INVALID_TRANSITION ("Recording cannot pause while off") when the table refuses the move.
 */
export function transitionRecording(from: RecordingState, command: RecordingCommand): RecordingState {
  const to = nextRecordingState(from, command);
  if (to === undefined) {
    throw new ContactPadError('INVALID_TRANSITION', `Recording cannot ${String(command)} while ${from}.`, { detail: { from, command: String(command) } });
  }
  return to;
}

/** The commands the agent may give now: those the table allows from the state, none while one is pending. */
export function recordingCommandsNow(status: RecordingStatus): readonly RecordingCommand[] {
  if (status.pending !== undefined) return [];
  return RECORDING_COMMANDS.filter((command) => nextRecordingState(status.state, command) !== undefined);
}

/**
 * The command is sent and waits for the platform: refused with RECORDING_PENDING while another
 * is pending, and with INVALID_TRANSITION when the table does not allow it (nothing is sent then).
 */
export function askRecording(status: RecordingStatus, command: RecordingCommand): RecordingStatus {
  if (status.pending !== undefined) {
    throw new ContactPadError('RECORDING_PENDING', `The recording is still waiting for the platform to ${status.pending}; nothing was sent.`, {
      detail: { pending: status.pending, asked: String(command) },
    });
  }
  transitionRecording(status.state, command);
  return Object.freeze({ state: status.state, pending: command });
}

/** The platform said yes (200 OK) to the pending command: the recording moves. INVALID_TRANSITION when nothing was pending. */
export function recordingConfirmed(status: RecordingStatus): RecordingStatus {
  if (status.pending === undefined) throw new ContactPadError('INVALID_TRANSITION', 'No recording command is waiting for an answer.');
  return Object.freeze({ state: transitionRecording(status.state, status.pending) });
}

/** The platform refused the pending command, did not answer, or the call ended: the state stays as it was. */
export function recordingNotConfirmed(status: RecordingStatus): RecordingStatus {
  return status.pending === undefined ? status : Object.freeze({ state: status.state });
}

/**
 * The call's journey with the confirmed command (`at`, epoch ms), so the Task Description says
 * when the recording started, paused, resumed and stopped. Allowed while the call is connected
 * or held, and in its wrap up (an answer that arrives just after the release); INVALID_TRANSITION
 * once the interaction has ended.
 */
export function withRecordingEvent(interaction: Interaction, command: RecordingCommand, at: number): Interaction {
  const { state } = interaction;
  if (state !== 'connected' && state !== 'held' && state !== 'wrap-up') {
    throw new ContactPadError('INVALID_TRANSITION', `Interaction ${interaction.id} is ${state}: its recording cannot change.`, {
      detail: { interactionId: interaction.id, state },
    });
  }
  const journey = Object.freeze([...interaction.journey, Object.freeze({ at, kind: RECORDING_JOURNEY[command] })]);
  return Object.freeze({ ...interaction, journey });
}

/**
 * A call's recording as the agent sees it: where it stands, the command waiting for the
 * platform, and the commands the agent may give now (none when the admin offers no controls:
 * an automatic recording is shown all the same). Kept in the call's facts
 * (interaction-facts.ts `recording`) and shown while the call is under way.
 */
export interface RecordingView {
  readonly state: RecordingState;
  readonly pending?: RecordingCommand;
  readonly commands: readonly RecordingCommand[];
}

/** The view of `status`; `controls`: the admin offers the agent the recording controls (recordingControls). */
export function recordingView(status: RecordingStatus, controls: boolean): RecordingView {
  const commands = controls ? recordingCommandsNow(status) : [];
  return Object.freeze(status.pending === undefined ? { state: status.state, commands } : { state: status.state, pending: status.pending, commands });
}

/** The status a view shows (its state and pending command). */
export function recordingStatusOf(view: RecordingView | undefined): RecordingStatus {
  if (!view) return NOT_RECORDED;
  return Object.freeze(view.pending === undefined ? { state: view.state } : { state: view.state, pending: view.pending });
}

/**
 * The call's facts with its recording as `view` shows it. Only a call has one (not a chat,
 * email or case), and only while it is under way or in its wrap up (a late answer of the
 * platform): INVALID_TRANSITION otherwise.
 */
export function withRecording(facts: InteractionFacts, interaction: Interaction, view: RecordingView): InteractionFacts {
  const { state } = interaction;
  if (facts.work !== undefined || interactionKind(interaction.channel) !== 'live') throw refusedFact(interaction, 'only a call can be recorded');
  if (state !== 'connected' && state !== 'held' && state !== 'wrap-up') throw refusedFact(interaction, `its recording cannot change while it is ${state}`);
  return freezeFacts({ ...facts, recording: view });
}
