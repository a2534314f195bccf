/**
 * Wrap up and the activity log: how an interaction ends and becomes one Task.
 *
 *   release (BYE sent, work closed) -> wrap-up (clock: agent desk; draft kept durable) -> Done or
 *   the clock -> ended -> Task (outbox)
 *   abandon -> abandoned -> Task;  handed over (transfer) -> transferred -> Task, off the list
 *   reload in wrap up -> restored from its draft, with a fresh clock
 *   answered call -> kept as a live draft; its page gone without wrap up (crash) -> restored in wrap up
 *   (calls only in the page with the phone: phone-tab-desk.ts)
 *
 * What the Task links to comes from the interaction's facts ({@link taskLinks}); a consult call
 * has no wrap up of its own (the interaction it was about has one).
 */
import type { JourneyEventKind } from '../model/interaction.ts';
import type { Interaction } from '../model/interaction.ts';
import { isInProgress, withWrapUp } from '../model/interaction-state.ts';
import { interactionKind } from '../model/capabilities.ts';
import { PAGE_LEFT } from '../model/phone-tab.ts';
import { restoredFacts, withReleaseFailed, type InteractionFacts, type TaskLinkIds } from '../model/interaction-facts.ts';
import { ContactPadError } from '../model/errors.ts';
import type { CallRecord } from '../model/call-record.ts';
import type { Clock } from '../model/clock.ts';
import type { ContactPadSettings } from '../model/settings.ts';
import { isTaskLinkTarget, isWhoTarget } from '../crm/task-links.ts';
import type { AgentDesk } from './agent-desk.ts';
import { describeError, type NoticeDesk } from './notice-desk.ts';
import type { Rooms } from './ports.ts';
import { NO_CALLER_LOOKUP, type ViewDesk } from './view-desk.ts';

/** The wrap-up form's details (Task CallDisposition and Description). */
export interface WrapUpDetails {
  readonly disposition?: string;
  readonly notes?: string;
}

/** What ended a wrap up: the agent's Done, its clock, or at once (a consult call). */
export type WrapUpEnd = 'done' | 'timer' | 'consult';

/**
 * What the Task links to. A call: the record navigated to during the call, else the popped
 * (or picked) one. Chats, emails and cases: what their record names (the Contact or Lead, the
 * Case or Account), and the work item itself in ContactPad_Work_Item_Id__c, since a Task can
 * point neither at a Messaging Session nor at a Chat Transcript (crm/task-links.ts).
 */
export function taskLinks(facts: InteractionFacts): TaskLinkIds {
  if (facts.work) {
    const links = facts.workLinks ?? facts.restoredLinks ?? {};
    return { ...links, workItemId: facts.work.workItemId };
  }
  // Only records a Task can link to: a navigation to, say, a User or a report is ignored.
  const navigated = isTaskLinkTarget(facts.navigated?.recordId) ? facts.navigated : undefined;
  if (!navigated && facts.restoredLinks) return { ...facts.restoredLinks };
  const target = navigated?.recordId ?? facts.popped?.recordId;
  if (!isTaskLinkTarget(target)) return {};
  const isWho = isWhoTarget(target);
  const links: { whoId?: string; whatId?: string } = isWho ? { whoId: target } : { whatId: target };
  const accountId = navigated ? navigated.accountId : facts.popped?.accountId;
  if (isWho && accountId) links.whatId = accountId;
  return links;
}

export class WrapUpDesk {
  readonly #settings: ContactPadSettings;
  readonly #clock: Clock;
  readonly #rooms: Rooms;
  readonly #view: ViewDesk;
  readonly #agent: AgentDesk;
  readonly #notices: NoticeDesk;
  readonly #wrappedUp: ((id: string) => void)[] = [];
  /** `voice-call`: Salesforce's VoiceCall is the record of a call; no Task and no draft are written (model/call-record.ts). */
  readonly #callRecord: CallRecord;

  constructor(settings: ContactPadSettings, clock: Clock, rooms: Rooms, view: ViewDesk, agent: AgentDesk, notices: NoticeDesk, callRecord: CallRecord = 'task') {
    this.#callRecord = callRecord;
    this.#settings = settings;
    this.#clock = clock;
    this.#rooms = rooms;
    this.#view = view;
    this.#agent = agent;
    this.#notices = notices;
    agent.onWrapUpTimeUp((id) => {
      try {
        this.finish(id, {}, 'timer');
      } catch (error) {
        this.#notices.notify(error);
      }
    });
  }

  /** Hears each interaction whose wrap up ended (and was logged): its console tab may close. */
  onWrappedUp(listener: (id: string) => void): void {
    this.#wrappedUp.push(listener);
  }

  /**
   * Release: `hangUp` sends it (a call's BYE, a work item's close). A release that fails is
   * recorded (a chat may then be abandoned); once it is sent, wrap up starts, unless the far side
   * already started it, or an abandon sent meanwhile won: the late answer changes nothing.
   */
  async release(id: string, hangUp: () => Promise<unknown>): Promise<void> {
    this.#view.requireAction(id, 'release');
    try {
      await hangUp();
    } catch (error) {
      if (isInProgress(this.#view.stateOf(id) ?? 'ended')) this.#view.changeFacts(id, withReleaseFailed);
      throw error;
    }
    if (isInProgress(this.#view.stateOf(id) ?? 'ended')) this.enter(id, 'released');
  }

  /**
   * Abandon (the agent confirmed it): the interaction ends now and frees its capacity, whatever
   * the far side answers; `tellFarSide` (the close, or the hang up) is sent without waiting.
   */
  abandon(id: string, tellFarSide: (() => Promise<unknown>) | undefined): void {
    this.#view.requireAction(id, 'abandon');
    this.#view.move(id, 'abandoned', { detail: 'abandoned by the agent' });
    tellFarSide?.().catch((error: unknown) => console.warn(`ContactPad: the far side did not confirm an abandon: ${describeError(error).message}`));
    this.logActivity(id);
    this.#agent.workStopped();
  }

  /** The interaction left this agent (transferred): logged as transferred and taken off the list. */
  handedOver(id: string, to: string): void {
    if (!isInProgress(this.#view.stateOf(id) ?? 'ended')) return;
    this.#view.move(id, 'transferred', { detail: `to ${to}` });
    this.logActivity(id);
    this.#view.remove(id);
    this.#agent.workStopped();
  }

  /**
   * The interaction was released (by the agent, or the far side hung up; or the agent left a
   * voicemail message playing, `detail` naming it): wrap up starts, with its clock and a durable draft.
   */
  enter(id: string, how: Extract<JourneyEventKind, 'released' | 'remote-hangup' | 'voicemail-dropped'>, detail?: string): void {
    this.#view.move(id, 'wrap-up', { kind: how, detail });
    if (this.#view.facts(id)?.consultFor !== undefined) {
      // A consult call is internal: no wrap up of its own (the interaction it was about has one).
      this.finish(id, {}, 'consult');
      return;
    }
    this.#agent.startWrapUpClock(id);
    this.saveDraft(id);
  }

  /** The agent typed in the wrap-up form: the details are kept, and the draft with them. */
  draft(id: string, details: WrapUpDetails): void {
    this.#view.change(id, (interaction) => withWrapUp(interaction, details));
    this.saveDraft(id);
  }

  /**
   * Wrap up ends: Done, the clock, or at once for a consult call. With requireDisposition on,
   * it does not end without a disposition: Done is refused, and a clock that runs out leaves
   * the interaction in wrap up (no clock left) until the agent chooses one.
   */
  finish(id: string, result: WrapUpDetails, by: WrapUpEnd): void {
    const interaction = this.#view.interaction(id);
    if (!interaction || interaction.state !== 'wrap-up') return;
    const disposition = (result.disposition ?? interaction.disposition).trim();
    if (this.#settings.requireDisposition && by !== 'consult' && disposition === '') {
      if (by === 'timer') this.#view.setWrapUpEnd(id, undefined);
      throw new ContactPadError('DISPOSITION_REQUIRED', 'Choose a disposition to finish wrap up.');
    }
    this.#agent.stopWrapUpClock(id);
    this.#view.change(id, (current) => withWrapUp(current, result));
    this.#view.move(id, 'ended');
    this.#view.setWrapUpEnd(id, undefined);
    this.logActivity(id);
    for (const listener of this.#wrappedUp) listener(id);
    // A consult call had no wrap up of its own: the agent is as the other interactions leave
    // them (the call it was about may be in wrap up already, its clock running).
    if (by === 'consult') this.#agent.workStopped();
    else this.#agent.wrapUpFinished(id);
  }

  /** Writes the interaction's Task (through the durable outbox). */
  logActivity(id: string): void {
    const interaction = this.#view.interaction(id);
    const facts = this.#view.facts(id);
    const crm = this.#rooms.crm;
    if (!interaction || !facts || !crm || this.#callRecord === 'voice-call') return;
    crm.logInteraction(interaction, taskLinks(facts), this.#clock.now()).catch((error: unknown) => this.#notices.notify(error));
  }

  /** Keeps the interaction in wrap up (and its draft) durable, so a reload loses nothing. */
  saveDraft(id: string): void {
    const interaction = this.#view.interaction(id);
    const facts = this.#view.facts(id);
    const crm = this.#rooms.crm;
    if (!interaction || !facts || interaction.state !== 'wrap-up' || !crm || this.#callRecord === 'voice-call') return;
    crm.saveWrapUpDraft(interaction, taskLinks(facts)).catch((error: unknown) => this.#notices.notify(error));
  }

  /**
   * A call was answered: kept durable as it is (a live draft), so that a page that goes without
   * a word (a crash; a reload whose last write did not make it) still leaves its Task to log: the
   * page with the phone next finds it and puts it in wrap up ({@link restore}). The wrap-up draft
   * replaces it at the call's end, and the Task's write removes it.
   */
  keepLive(id: string): void {
    const interaction = this.#view.interaction(id);
    const facts = this.#view.facts(id);
    const crm = this.#rooms.crm;
    if (!interaction || !facts || !crm || !isInProgress(interaction.state) || facts.work || facts.consultFor !== undefined) return;
    crm.saveWrapUpDraft(interaction, taskLinks(facts)).catch((error: unknown) => this.#notices.notify(error));
  }

  /**
   * After a reload: the interactions that were in wrap up come back in wrap up, with their
   * disposition and notes, and a fresh wrap-up clock; Done (or the clock) logs them. A call whose
   * page went while it was up (its live draft) comes back in wrap up too, released then.
   * `calls`: whether this page has the agent's phone; a call's wrap up belongs there, so another
   * page of the agent leaves calls' drafts alone (it restores them once it gets the phone).
   */
  async restore(calls = true): Promise<void> {
    const crm = this.#rooms.crm;
    if (!crm || this.#callRecord === 'voice-call') return;
    for (const draft of await crm.wrapUpDrafts()) {
      const interaction = draft.interaction;
      if (this.#view.has(interaction.id)) continue;
      const call = isCall(interaction);
      if (call && !calls) continue;
      const cutOff = call && isInProgress(interaction.state);
      if (interaction.state !== 'wrap-up' && !cutOff) continue;
      this.#view.add(interaction, restoredFacts(draft.links));
      this.#view.setCaller(interaction.id, NO_CALLER_LOOKUP);
      if (cutOff) this.#view.move(interaction.id, 'wrap-up', { kind: 'released', detail: PAGE_LEFT });
      this.#agent.startWrapUpClock(interaction.id);
      if (cutOff) this.saveDraft(interaction.id);
    }
  }
}

/** A call (voice, video, a callback), as a draft read back from disk says it (an unknown channel is none). */
function isCall(interaction: Interaction): boolean {
  try {
    return interactionKind(interaction.channel) === 'live';
  } catch {
    return false;
  }
}
