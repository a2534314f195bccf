/**
 * The directory (agents and services from the org) and what the agent does with it: consult a
 * colleague about an interaction (a call of its own while the interaction stays), or transfer
 * the interaction to an agent or a service. Telephony builds each colleague's SIP address from
 * the directory entry's SIP user.
 *
 *   consult  -> (a live call is held) -> dial the colleague -> a consult call, selected
 *   transfer -> email or case: the Case's owner changes, the work closes, it leaves the list
 *            -> call: blind transfer (REFER); the phone's ended('transferred') hands it over
 *
 * Loaded with the directory (after the crm room), off the path that rings and answers.
 */
import type { DirectoryEntry } from '../model/directory-entry.ts';
import { ContactPadError } from '../model/errors.ts';
import { interactionKind } from '../model/capabilities.ts';
import { consultFacts, withTransferTo } from '../model/handover-facts.ts';
import { offerInteraction } from '../model/interaction-state.ts';
import type { Clock } from '../model/clock.ts';
import type { Store } from '../store.ts';
import type { NoticeDesk } from './notice-desk.ts';
import type { Rooms } from './ports.ts';
import type { ViewDesk } from './view-desk.ts';
import type { VoiceDesk } from './voice-desk.ts';
import type { WrapUpDesk } from './wrap-up-desk.ts';

/** The desks a directory desk works with. */
export interface DirectoryDeskParts {
  readonly clock: Clock;
  readonly store: Store;
  readonly rooms: Rooms;
  readonly view: ViewDesk;
  readonly voice: VoiceDesk;
  readonly wrapUp: WrapUpDesk;
  readonly notices: NoticeDesk;
}

export class DirectoryDesk {
  readonly #parts: DirectoryDeskParts;

  constructor(parts: DirectoryDeskParts) {
    this.#parts = parts;
  }

  /** Loads the agents and services for consult and transfer (after the crm room loaded). */
  async load(): Promise<void> {
    const directory = await this.#parts.rooms.requireCrm().directory();
    this.#parts.store.update((s) => ({ ...s, directory }));
  }

  /**
   * Consult: a call to the chosen colleague while the interaction stays open (a live call is
   * put on hold first). The consult call is an interaction of its own: releasing one does not
   * release the other.
   */
  async consult(id: string, targetId: string): Promise<void> {
    const { view, voice, rooms, clock } = this.#parts;
    view.requireAction(id, 'consult');
    const target = this.#entry(targetId);
    if (target.sipUser === '') throw new ContactPadError('TRANSFER_FAILED', `${target.name} has no ContactPad phone to call.`);
    const interaction = view.interaction(id);
    if (interaction && interactionKind(interaction.channel) === 'live' && interaction.state === 'connected') await voice.hold(id);
    const callId = await rooms.requirePhone().dial(target.sipUser);
    const about = view.interaction(id) ?? interaction;
    const aboutWords = about ? about.callerName || about.callerNumber || about.channel : id;
    const consult = offerInteraction(
      { id: callId, channel: 'voice', direction: 'outbound', callerName: target.name, callerNumber: target.sipUser, queue: `Consult about ${aboutWords}` },
      clock.now(),
    );
    view.add(consult, consultFacts(id));
    view.select(callId);
  }

  /**
   * Transfer: an email or case is handed to the chosen agent or service (its Case owner
   * changes, the work is closed) and leaves this agent's list; a call is transferred blind
   * (SIP REFER) to the chosen agent's phone.
   */
  async transfer(id: string, targetId: string): Promise<void> {
    const { view, rooms, wrapUp, notices } = this.#parts;
    view.requireAction(id, 'transfer');
    const target = this.#entry(targetId);
    const work = view.facts(id)?.work;
    if (work) {
      await rooms.requireCrm().transferRecord(work.workItemId, target.id);
      rooms.bridge?.closeWork(work.workId).catch((error: unknown) => notices.notify(error));
      wrapUp.handedOver(id, target.name);
      return;
    }
    if (target.sipUser === '') throw new ContactPadError('TRANSFER_FAILED', `${target.name} has no ContactPad phone to transfer the call to.`);
    view.changeFacts(id, (facts, interaction) => withTransferTo(facts, interaction, target.name), false);
    await rooms.requirePhone().transfer(id, target.sipUser);
    // The phone reports ended('transferred') once the far end took the REFER.
  }

  #entry(targetId: string): DirectoryEntry {
    const entry = this.#parts.store.snapshot.directory.find((candidate) => candidate.id === targetId);
    if (!entry) throw new ContactPadError('TRANSFER_FAILED', 'That agent or service is not in the directory (any more).');
    return entry;
  }
}
