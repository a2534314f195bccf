/**
 * Call recording: the platform records, the agent (or the call center's auto-start) asks it
 * to start, pause, resume or stop, and the call shows where the recording stands.
 *
 *   call connected (recording offered or automatic) -> Not recording shown [-> start, automatic]
 *   Start / Pause / Resume / Stop -> pending -> SIP INFO -> 200 OK -> state moves, journey line
 *                                                        -> refused / no answer -> as it was, the agent told why
 *
 * The state table and its one transition function are the model's (model/recording.ts); the
 * status lives in the call's facts and shows while the call is under way (view-desk.ts).
 * Consult calls (between colleagues) are not recorded. Loaded by the switchboard with the first
 * call that connects while the call center offers recording, off the ring-and-answer path.
 */
import { ContactPadError, isContactPadError } from '../model/errors.ts';
import { interactionKind } from '../model/capabilities.ts';
import {
  askRecording,
  NOT_RECORDED,
  recordingConfirmed,
  recordingNotConfirmed,
  recordingStatusOf,
  recordingView,
  withRecording,
  withRecordingEvent,
  type RecordingCommand,
  type RecordingStatus,
} from '../model/recording.ts';
import type { Clock } from '../model/clock.ts';
import type { ContactPadSettings } from '../model/settings.ts';
import type { NoticeDesk } from './notice-desk.ts';
import type { Rooms } from './ports.ts';
import type { ViewDesk } from './view-desk.ts';

/** The desks a recording desk works with. */
export interface RecordingDeskParts {
  readonly settings: ContactPadSettings;
  readonly clock: Clock;
  readonly rooms: Rooms;
  readonly view: ViewDesk;
  readonly notices: NoticeDesk;
}

export class RecordingDesk {
  readonly #parts: RecordingDeskParts;

  constructor(parts: RecordingDeskParts) {
    this.#parts = parts;
  }

  /**
   * A call connected: with recording controls offered or recording automatic, it shows Not
   * recording, and with auto-start it asks the platform to start at once (a refusal is told to
   * the agent; the call goes on, not recorded). Chats, emails, cases and consult calls are left alone.
   */
  connected(id: string): void {
    const { settings, view, notices } = this.#parts;
    if (!settings.recordingControls && !settings.recordingAutoStart) return;
    const interaction = view.interaction(id);
    const facts = view.facts(id);
    if (!interaction || !facts || facts.work || facts.consultFor !== undefined || facts.recording) return;
    if (interactionKind(interaction.channel) !== 'live' || interaction.state !== 'connected') return;
    this.#show(id, NOT_RECORDED);
    if (settings.recordingAutoStart) this.#send(id, 'start').catch((error: unknown) => notices.notify(error));
  }

  /**
   * The agent's Start, Pause, Resume or Stop. INVALID_TRANSITION when the call center offers no
   * recording controls, the call is not recordable now, or the table refuses the command
   * (nothing sent); RECORDING_PENDING while another command waits for the platform;
   * RECORDING_FAILED when the platform refuses or does not answer (the state is as it was).
   */
  async command(id: string, command: RecordingCommand): Promise<void> {
    if (!this.#parts.settings.recordingControls) {
      throw new ContactPadError('INVALID_TRANSITION', 'The call center does not offer recording controls (recordingControls).');
    }
    const view = this.#parts.view.view(id);
    const state = view?.interaction.state;
    if (!view?.recording || (state !== 'connected' && state !== 'held')) {
      throw new ContactPadError('INVALID_TRANSITION', 'This interaction is not a call under way, so its recording cannot change.', { detail: { interactionId: id } });
    }
    await this.#send(id, command);
  }

  /** Marks the command pending, sends it, and moves the recording on the platform's 200 OK (else puts it back). */
  async #send(id: string, command: RecordingCommand): Promise<void> {
    const { rooms, view, clock } = this.#parts;
    this.#show(id, askRecording(this.#statusOf(id), command));
    try {
      await rooms.requirePhone().recording(id, command);
    } catch (error) {
      this.#settle(id, recordingNotConfirmed);
      // The call ended before the platform answered: nothing is left to record or to tell.
      if (isContactPadError(error, 'CALL_NOT_FOUND') && !this.#underWay(id)) return;
      throw error;
    }
    if (!this.#settle(id, recordingConfirmed)) return;
    view.change(id, (interaction) => withRecordingEvent(interaction, command, clock.now()));
  }

  /** Applies the platform's answer to the pending command, if the call still shows it; false when it no longer does. */
  #settle(id: string, answer: (status: RecordingStatus) => RecordingStatus): boolean {
    const state = this.#parts.view.stateOf(id);
    if (state !== 'connected' && state !== 'held' && state !== 'wrap-up') return false;
    this.#show(id, answer(this.#statusOf(id)));
    return true;
  }

  #underWay(id: string): boolean {
    const state = this.#parts.view.stateOf(id);
    return state === 'connected' || state === 'held';
  }

  #statusOf(id: string): RecordingStatus {
    return recordingStatusOf(this.#parts.view.facts(id)?.recording);
  }

  #show(id: string, status: RecordingStatus): void {
    const view = recordingView(status, this.#parts.settings.recordingControls);
    this.#parts.view.changeFacts(id, (facts, interaction) => withRecording(facts, interaction, view));
  }
}
