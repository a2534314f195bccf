/**
 * Omni-Channel work (chats, emails, cases) routed through the console bridge.
 *
 *   workAssigned -> listed at once -> its record read (customer, channel, Task links)
 *                -> Omni-Channel auto-accepts: wait for it | beyond capacity: declined with the
 *                   reason | autoAcceptWork: accepted | otherwise it alerts for the agent
 *   workAccepted -> connected -> agent Busy -> its record's console tab (in front, or behind
 *                   when the agent is busy with another interaction and did not accept it)
 *   release      -> closeWork -> wrap up;  workClosed while in progress -> wrap up
 *
 * Loaded with the console bridge (desks/console-desks.ts), off the path that rings and answers.
 */
import { ContactPadError, isContactPadError } from '../model/errors.ts';
import { withAcceptedByAgent, withWorkLinks, workFacts } from '../model/work-item-facts.ts';
import { isInProgress, offerInteraction, withCustomer, withWorkChannel } from '../model/interaction-state.ts';
import { keyPrefixOf } from '../model/salesforce-id.ts';
import type { Clock } from '../model/clock.ts';
import type { ContactPadSettings } from '../model/settings.ts';
import type { BridgeWork } from '../host/console-bridge-protocol.ts';
import type { WorkRecord } from '../crm/crm-service.ts';
import { workItemKind } from '../crm/work-item-kind.ts';
import type { AgentDesk } from './agent-desk.ts';
import type { NoticeDesk } from './notice-desk.ts';
import type { Rooms } from './ports.ts';
import { revealPanel } from './panel.ts';
import type { TabsDesk } from './tabs-desk.ts';
import { NO_CALLER_LOOKUP, type ViewDesk } from './view-desk.ts';
import type { WrapUpDesk } from './wrap-up-desk.ts';

/** The decline reason sent when the agent gives none. */
export const DEFAULT_DECLINE_REASON = 'Declined by the agent';
/** Omni-Channel keeps a decline reason of at most 255 characters (the bridge protocol's limit). */
const DECLINE_REASON_LIMIT = 255;

/** The desks an Omni-Channel desk works with. */
export interface OmniDeskParts {
  readonly settings: ContactPadSettings;
  readonly clock: Clock;
  readonly rooms: Rooms;
  readonly view: ViewDesk;
  readonly agent: AgentDesk;
  readonly wrapUp: WrapUpDesk;
  readonly tabs: TabsDesk;
  readonly notices: NoticeDesk;
}

export class OmniDesk {
  readonly #parts: OmniDeskParts;

  constructor(parts: OmniDeskParts) {
    this.#parts = parts;
  }

  /** Omni-Channel assigned work to the agent (or the bridge's hello lists it). Shown at once; offered once its record is read. */
  assigned(work: BridgeWork): void {
    const { view, clock, notices } = this.#parts;
    if (view.has(work.workId)) return; // Omni-Channel repeated the assignment
    const kind = workItemKind(work.workItemId);
    if (!kind) {
      this.#unknownObject(work);
      return;
    }
    // The record, read next, says the customer and the channel (a Case that came by email is an
    // email) before capacity and auto-accept apply.
    view.add(offerInteraction({ id: work.workId, channel: kind.channel, direction: 'inbound' }, clock.now()), workFacts(work, kind));
    view.setCaller(work.workId, NO_CALLER_LOOKUP);
    if (work.accepted) this.accepted(work.workId);
    this.#offer(work.workId).catch((error: unknown) => notices.notify(error));
  }

  /**
   * The work was accepted (by the agent, ContactPad or Omni-Channel itself). Work accepted on
   * its own does not pull the agent away from an interaction they are on (talking, typing
   * wrap-up notes): its tab opens in the background and the list keeps its selection. Work the
   * agent accepted, or work arriving to an idle agent, comes to the front.
   */
  accepted(workId: string): void {
    const { view, agent, tabs } = this.#parts;
    if (view.stateOf(workId) !== 'alerting') return;
    const selectedId = view.selectedId;
    const selected = selectedId === undefined ? undefined : view.stateOf(selectedId);
    const busyElsewhere = selected !== undefined && selectedId !== workId && (isInProgress(selected) || selected === 'wrap-up');
    const toFront = view.facts(workId)?.acceptedByAgent === true || !busyElsewhere;
    view.move(workId, 'connected');
    agent.workStarted(workId, toFront);
    void tabs.open(workId, toFront);
  }

  /** Omni-Channel ended the work on its side: declined elsewhere, or closed (the chat ended, the case was closed). */
  ended(workId: string, how: 'declined' | 'closed'): void {
    const { view, wrapUp } = this.#parts;
    const state = view.stateOf(workId);
    if (state === 'alerting') view.move(workId, how === 'declined' ? 'rejected' : 'missed', { detail: `work ${how} in Omni-Channel` });
    else if (state !== undefined && isInProgress(state)) wrapUp.enter(workId, 'remote-hangup');
  }

  /** The work could not be delivered: the agent is told and it leaves the list (Omni-Channel routes it elsewhere). */
  deliveryFailed(workId: string, reason: string): void {
    const { view, agent, notices } = this.#parts;
    const interaction = view.interaction(workId);
    if (!interaction) return;
    const { channel, callerName } = interaction;
    notices.notify(new ContactPadError('WORK_DELIVERY_FAILED', `A ${channel}${callerName ? ` from ${callerName}` : ''} could not be delivered: ${reason}`));
    view.remove(workId);
    agent.workStopped();
  }

  /** Accepts the work in Omni-Channel; the bridge's workAccepted moves the interaction. */
  async accept(id: string, byAgent = true): Promise<void> {
    const { view, rooms } = this.#parts;
    view.requireAction(id, 'accept');
    const work = this.#work(id);
    view.changeFacts(id, (facts) => withAcceptedByAgent(facts, byAgent), false);
    await rooms.requireBridge().acceptWork(work.workId);
  }

  /**
   * Declines the work with the agent's reason. stateAfterReject applies when the agent declined,
   * not when ContactPad declined on its own (a record the agent cannot open).
   */
  async reject(id: string, reason: string | undefined, byAgent = true): Promise<void> {
    const { view, rooms, agent } = this.#parts;
    view.requireAction(id, 'reject');
    const why = (reason?.trim() || DEFAULT_DECLINE_REASON).slice(0, DECLINE_REASON_LIMIT);
    await rooms.requireBridge().declineWork(this.#work(id).workId, why);
    if (view.stateOf(id) === 'alerting') view.move(id, 'rejected', { detail: `declined: ${why}` });
    if (byAgent) agent.afterReject();
  }

  /** Closes the work in Omni-Channel; wrap up follows. */
  release(id: string): Promise<void> {
    return this.#parts.wrapUp.release(id, () => this.#parts.rooms.requireBridge().closeWork(this.#work(id).workId));
  }

  /** Frees the work now; the close is sent without waiting. */
  abandon(id: string): void {
    const bridge = this.#parts.rooms.bridge;
    const work = this.#parts.view.facts(id)?.work;
    this.#parts.wrapUp.abandon(id, bridge && work && (() => bridge.closeWork(work.workId)));
  }

  #work(id: string): { readonly workId: string; readonly workItemId: string } {
    const work = this.#parts.view.facts(id)?.work;
    if (!work) throw new ContactPadError('INVALID_TRANSITION', `Interaction ${id} is not an Omni-Channel work item.`);
    return work;
  }

  /**
   * Omni-Channel routed a record ContactPad does not work with (a Lead, an Order, a custom
   * object): it stays in the Omni-Channel widget, and the agent and the log are told which.
   */
  #unknownObject(work: BridgeWork): void {
    const prefix = keyPrefixOf(work.workItemId);
    console.warn(`ContactPad: Omni-Channel work ${work.workId} routes record ${work.workItemId} (key prefix ${prefix}), an object ContactPad does not work with; it is left to the Omni-Channel widget.`);
    this.#parts.notices.notify(
      new ContactPadError(
        'WORK_OBJECT_UNKNOWN',
        `Omni-Channel routed record ${work.workItemId} (key prefix ${prefix}), which ContactPad does not handle: accept it in the Omni-Channel widget.`,
        { detail: { workId: work.workId, recordId: work.workItemId, prefix } },
      ),
    );
  }

  /**
   * Offers routed work once its record is read: Omni-Channel accepts it on its own (the
   * agent's presence configuration) -> ContactPad waits for that; beyond capacity -> declined
   * with the reason; ContactPad's autoAcceptWork -> accepted; otherwise it alerts until the
   * agent accepts or declines.
   */
  async #offer(id: string): Promise<void> {
    const { view, agent, rooms, settings, notices } = this.#parts;
    await this.#readRecord(id);
    if (view.stateOf(id) !== 'alerting') return; // accepted by Omni-Channel meanwhile, declined, or gone
    const omniAccepts = await this.#omniAutoAccept();
    const interaction = view.interaction(id);
    const work = view.facts(id)?.work;
    if (!interaction || !work || interaction.state !== 'alerting') return;
    if (omniAccepts) {
      revealPanel(rooms, notices);
      return;
    }
    const { channel, callerName } = interaction;
    const beyondCapacity = agent.beyondCapacity(interaction, `A ${channel} from ${callerName || 'a customer'} was declined`);
    if (beyondCapacity) {
      // Work the agent has no room for was never theirs: Omni-Channel gets the reason, the list does not keep it.
      notices.notify(beyondCapacity);
      view.remove(id);
      await rooms.requireBridge().declineWork(work.workId, beyondCapacity.message.slice(0, DECLINE_REASON_LIMIT));
    } else if (settings.autoAcceptWork) {
      await this.accept(id, false);
    } else {
      revealPanel(rooms, notices);
    }
  }

  /** Whether Omni-Channel accepts this agent's work on its own; false when the org cannot say. */
  async #omniAutoAccept(): Promise<boolean> {
    try {
      return (await this.#parts.rooms.crm?.omniAutoAccept()) === true;
    } catch {
      return false;
    }
  }

  /**
   * Reads the record a work item routes: its customer, title and channel name for the list,
   * its channel (email or case), and what its Task links to. Work on a record the agent cannot
   * see is declined (nobody can work it here); when Salesforce cannot answer, the work goes on
   * as its key prefix says.
   */
  async #readRecord(id: string): Promise<void> {
    const { view, rooms, notices } = this.#parts;
    const work = view.facts(id)?.work;
    const crm = rooms.crm;
    if (!work || !crm) return;
    let found: WorkRecord;
    try {
      found = await crm.workRecord(work.workItemId);
    } catch (error) {
      notices.notify(error);
      if (isContactPadError(error, 'WORK_RECORD_UNAVAILABLE') && view.stateOf(id) === 'alerting') {
        await this.reject(id, 'The record is deleted or not visible to this agent', false).catch((failure: unknown) => notices.notify(failure));
      }
      return;
    }
    if (!view.has(id)) return;
    view.changeFacts(id, (facts) => withWorkLinks(facts, found.links), false);
    view.change(id, (interaction) => withWorkChannel(withCustomer(interaction, { name: found.customerName, number: found.customerNumber }), found.channel), {
      record: { id: found.recordId, objectType: found.objectType, title: found.title, channelName: found.channelName },
    });
  }
}
