/**
 * The directory (agents and services from the org) and what the agent does with it: consult a
 * colleague about an interaction (a call of its own while the interaction stays), or transfer
 * the interaction to an agent or a service. Telephony builds each colleague's SIP address from
 * the directory entry's SIP user.
 *
 *   consult  -> the consult desk (consult-desk.ts): (a live call is held) -> dial the colleague,
 *               the service or the typed number -> a consult call, selected; and what follows
 *               (swap, attended transfer, drop, conference)
 *   transfer -> email or case: the Case's owner changes, the work closes, it leaves the list
 *            -> call: blind transfer (REFER) to an agent, a service (its queue's SIP user) or a
 *               typed number; the phone's ended('transferred') hands it over
 *
 * Loaded with the directory (after the crm room), off the path that rings and answers.
 */
import type { DirectoryEntry } from '../model/directory-entry.ts';
import { ContactPadError } from '../model/errors.ts';
import { withTransferTo } from '../model/handover-facts.ts';
import type { Clock } from '../model/clock.ts';
import type { ContactPadSettings } from '../model/settings.ts';
import type { Store } from '../store.ts';
import { ConsultDesk, type ConsultTarget } from './consult-desk.ts';
import type { NoticeDesk } from './notice-desk.ts';
import type { Rooms } from './ports.ts';
import type { ViewDesk } from './view-desk.ts';
import type { VoiceDesk } from './voice-desk.ts';
import type { WrapUpDesk } from './wrap-up-desk.ts';

/** The desks a directory desk works with. */
export interface DirectoryDeskParts {
  readonly settings: ContactPadSettings;
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
  /** The consult calls, and what the agent does with them. */
  readonly consults: ConsultDesk;

  constructor(parts: DirectoryDeskParts) {
    this.#parts = parts;
    this.consults = new ConsultDesk(parts);
  }

  /** Loads the agents and services for consult and transfer (after the crm room loaded). */
  async load(): Promise<void> {
    const directory = await this.#parts.rooms.requireCrm().directory();
    this.#parts.store.update((s) => ({ ...s, directory }));
  }

  /**
   * Consult: a call to the chosen colleague or service (or the number the agent typed) while
   * the interaction stays open (a live call is put on hold first): see consult-desk.ts. The
   * consult call is an interaction of its own: releasing one does not release the other.
   * Resolves with the consult call's id.
   */
  async consult(id: string, targetId: string, number?: string): Promise<string> {
    this.#parts.view.requireAction(id, 'consult');
    return await this.consults.start(id, await this.#callTarget(targetId, number, 'call'));
  }

  /**
   * Transfer: an email or case is handed to the chosen agent or service (its Case owner
   * changes, the work is closed) and leaves this agent's list; a call is transferred blind
   * (SIP REFER) to the chosen agent's phone, the service's queue or the typed number.
   */
  async transfer(id: string, targetId: string, number?: string): Promise<void> {
    const { view, rooms, wrapUp, notices } = this.#parts;
    view.requireAction(id, 'transfer');
    const work = view.facts(id)?.work;
    if (work) {
      const target = this.#entry(targetId);
      await rooms.requireCrm().transferRecord(work.workItemId, target.id);
      rooms.bridge?.closeWork(work.workId).catch((error: unknown) => notices.notify(error));
      wrapUp.handedOver(id, target.name);
      return;
    }
    const target = await this.#callTarget(targetId, number, 'transfer the call to');
    view.changeFacts(id, (facts, interaction) => withTransferTo(facts, interaction, target.name), false);
    await rooms.requirePhone().transfer(id, target.address);
    // The phone reports ended('transferred') once the far end took the REFER.
  }

  /**
   * Whom a call goes to: the typed `number` (a phone number or a sip: address), checked against
   * the compliance rules as every number the agent calls (outbound-desk.ts: INVALID_INPUT, or the
   * blocking rule's error, and nothing is dialled), else the directory entry's phone.
   */
  async #callTarget(targetId: string, number: string | undefined, doing: string): Promise<ConsultTarget> {
    if (number !== undefined) return (await this.#parts.voice.outbound()).clear(number);
    const target = this.#entry(targetId);
    if (target.sipUser === '') throw new ContactPadError('TRANSFER_FAILED', `${target.name} has no ContactPad phone to ${doing}.`);
    return { name: target.name, address: target.sipUser };
  }

  #entry(targetId: string): DirectoryEntry {
    const entry = this.#parts.store.snapshot.directory.find((candidate) => candidate.id === targetId);
    if (!entry) throw new ContactPadError('TRANSFER_FAILED', 'That agent or service is not in the directory (any more).');
    return entry;
  }
}
