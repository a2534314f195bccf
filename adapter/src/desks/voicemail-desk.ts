/**
 * Voicemail drop: an outbound call reached a voicemail; the agent picks one of the admin's
 * pre-recorded messages and is free at once while it plays to the end.
 *
 *   outbound call connected -> the messages offered (ContactPad Voicemail Message, read once)
 *   Drop <message> -> its audio loads (the call is still the agent's) -> it plays into the call
 *     -> the call goes to wrap up at once ("Voicemail dropped: <message>" in its notes, a journey
 *        line), capacity free for the next call; the phone hangs up when the message ends
 *   the audio cannot load or play -> the agent is told, the call stays theirs, as it was
 *
 * Loaded by the switchboard with the first outbound call that connects, off the ring-and-answer path.
 */
import { ContactPadError, isContactPadError } from '../model/errors.ts';
import { withWrapUp } from '../model/interaction-state.ts';
import { withVoicemailDropping, withVoicemailMessages } from '../model/voicemail-drop-facts.ts';
import type { VoicemailMessage } from '../model/voicemail-message.ts';
import type { NoticeDesk } from './notice-desk.ts';
import type { Rooms } from './ports.ts';
import type { ViewDesk } from './view-desk.ts';
import type { WrapUpDesk } from './wrap-up-desk.ts';

/** The desks a voicemail desk works with. */
export interface VoicemailDeskParts {
  readonly rooms: Rooms;
  readonly view: ViewDesk;
  readonly wrapUp: WrapUpDesk;
  readonly notices: NoticeDesk;
}

/** The line the Task's notes start with: what was left on the voicemail. */
export function voicemailNote(label: string): string {
  return `Voicemail dropped: ${label}`;
}

export class VoicemailDesk {
  readonly #parts: VoicemailDeskParts;
  /** The admin's messages, once read (the crm room keeps them for the session). */
  #messages: readonly VoicemailMessage[] = [];
  /** Whether the records left out were reported already (once a session). */
  #problemsTold = false;

  constructor(parts: VoicemailDeskParts) {
    this.#parts = parts;
  }

  /**
   * An outbound call was answered: the messages are read (once a session) and offered while it
   * is connected. Without Salesforce, or with no usable message, nothing is offered; records
   * the admin must fix are reported once (INVALID_CONFIGURATION).
   */
  async connected(id: string): Promise<void> {
    const { rooms, view, notices } = this.#parts;
    const interaction = view.interaction(id);
    const facts = view.facts(id);
    if (!interaction || !facts || facts.work || facts.consultFor !== undefined) return;
    if (interaction.direction !== 'outbound' || interaction.channel !== 'voice' || !rooms.crm) return;
    const { messages, problems } = await rooms.crm.voicemailMessages();
    this.#messages = messages;
    if (problems.length > 0 && !this.#problemsTold) {
      this.#problemsTold = true;
      notices.notify(new ContactPadError('INVALID_CONFIGURATION', problems.join(' '), { detail: { problems: problems.length } }));
    }
    if (view.stateOf(id) !== 'connected' || messages.length === 0) return;
    view.changeFacts(id, (current, call) => withVoicemailMessages(current, call, messages));
  }

  /**
   * The agent drops `messageId` into the connected call: once it plays, the call goes to wrap
   * up (the agent is free) and the phone hangs up when it ends. VOICEMAIL_DROP_FAILED when its
   * audio cannot be loaded or played (the call stays the agent's, as it was); INVALID_TRANSITION
   * when no drop is offered now, or one is under way.
   */
  async drop(id: string, messageId: string): Promise<void> {
    const { rooms, view, wrapUp } = this.#parts;
    const message = this.#messages.find((candidate) => candidate.id === messageId);
    if (!message || view.stateOf(id) !== 'connected') {
      throw new ContactPadError('INVALID_TRANSITION', 'No voicemail message can be dropped into this interaction now.', { detail: { interactionId: id } });
    }
    view.changeFacts(id, (facts, interaction) => withVoicemailDropping(facts, interaction, message.id));
    try {
      await rooms.requirePhone().dropVoicemail(id, message.audioUrl);
    } catch (error) {
      if (view.stateOf(id) !== 'connected') {
        // The far end hung up while the message loaded: the call is over, nothing to drop.
        if (isContactPadError(error, 'CALL_NOT_FOUND')) return;
        throw error;
      }
      view.changeFacts(id, (facts, interaction) => withVoicemailDropping(facts, interaction, undefined));
      throw error;
    }
    if (view.stateOf(id) !== 'connected') return;
    view.change(id, (interaction) => withWrapUp(interaction, { notes: [voicemailNote(message.label), interaction.notes].filter((line) => line.trim() !== '').join('\n') }));
    wrapUp.enter(id, 'voicemail-dropped', message.label);
  }
}
