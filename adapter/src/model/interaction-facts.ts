/**
 * What ContactPad knows about an interaction beside the interaction itself: the Omni-Channel
 * work item it is, the record popped (or picked, or opened) for it and its console tab, what its
 * Task links to, whether a release failed, what a consult call is about and where a transfer
 * goes. The interaction (interaction.ts) is what is logged; these facts decide the Task's links,
 * the pops, the tabs and the actions offered.
 *
 * Facts are frozen values, like interactions: each named update below returns new facts, and
 * refuses (INVALID_TRANSITION, or INVALID_INTERACTION for a fact that cannot belong to this
 * interaction) a change that cannot happen:
 *
 * ```
 *   callFacts() | consultFacts(about) | workFacts(work, record) | restoredFacts(links)
 *        |
 *        |  screen pop:  withPopSettled (once) -> withPick / withRememberedPick -> withRepop
 *        |  Task links:  withNavigation (calls only), withWorkLinks (work items only)
 *        |  console tab: withTabOpen / withTabClosed (only with a record to show)
 *        |  ending:      withReleaseFailed (while connected or held), withTransferTo (calls only)
 *        |  Omni-Channel: withAcceptedByAgent (work items only)
 * ```
 */
import { ContactPadError } from './errors.ts';
import type { Interaction } from './interaction.ts';
import { isInProgress } from './interaction-state.ts';

/** An Omni-Channel work item: the AgentWork and the record it routes (MessagingSession, Case, LiveChatTranscript). */
export interface WorkItemRef {
  readonly workId: string;
  readonly workItemId: string;
}

/** The record popped for an interaction (its Task links to it; its console tab is the interaction's). */
export interface PoppedRecord {
  readonly recordId: string;
  /** The object's API name (Lead, Contact, Case...). */
  readonly objectType: string;
  /** The Account of a popped Contact, when the lookup said it (the Task's WhatId beside the WhoId). */
  readonly accountId?: string;
}

/** A record the agent opened in the console (Open CTI onNavigationChange): '' when the page showed none. */
export interface NavigatedRecord {
  readonly recordId: string;
  readonly accountId?: string;
}

/** Task links as a record or a draft names them (Task WhoId, WhatId, and the routed record a draft kept). */
export interface TaskLinkIds {
  readonly whoId?: string;
  readonly whatId?: string;
  /** The routed record (ContactPad_Work_Item_Id__c), as a wrap-up draft of a work item saved it. */
  readonly workItemId?: string;
}

/** The facts themselves; see the file comment for how each changes. */
export interface InteractionFacts {
  /** An Omni-Channel work item (chats, emails, cases routed by Omni-Channel); undefined for calls. */
  readonly work?: WorkItemRef;
  /** A consult call: the interaction it is about (no wrap up of its own). */
  readonly consultFor?: string;
  /** The agent clicked Accept (rather than auto-accept): the new work may take the agent's focus. */
  readonly acceptedByAgent: boolean;
  /** A release that failed: semi-live interactions may then be abandoned (capabilities.ts). */
  readonly releaseFailed: boolean;
  /** The screen pop is decided (popped, nothing to pop, or nothing known to pop): it does not run again. */
  readonly popSettled: boolean;
  /** The record popped for this interaction (for work: the routed record). Its console tab is the interaction's. */
  readonly popped?: PoppedRecord;
  /** The record the agent picked among several matches (or the one remembered for the number). */
  readonly pickedId?: string;
  /** The last record the agent navigated to while the call was live or in wrap up. */
  readonly navigated?: NavigatedRecord;
  /** What the work item's record says its Task links to (its Contact or Lead, its Case or Account). */
  readonly workLinks?: TaskLinkIds;
  /** The Task links saved with a wrap-up draft, for an interaction restored after a reload. */
  readonly restoredLinks?: TaskLinkIds;
  /** The console tab of {@link tabRecordOf}, while open. */
  readonly tabId?: string;
  /** A call being transferred: to whom (for the journey). */
  readonly transferTo?: string;
}

const NONE: InteractionFacts = Object.freeze({ acceptedByAgent: false, releaseFailed: false, popSettled: false });

/** A call, inbound or dialled: nothing known beyond it yet (the lookup and the pop follow). */
export function callFacts(): InteractionFacts {
  return NONE;
}

/** A consult call about interaction `aboutId`: nothing is popped for it, and it has no wrap up of its own. */
export function consultFacts(aboutId: string): InteractionFacts {
  if (aboutId.trim() === '') throw new ContactPadError('INVALID_INTERACTION', 'A consult call must name the interaction it is about.');
  return freeze({ ...NONE, consultFor: aboutId });
}

/** Routed work: its record is what is popped (as a console tab), so no screen pop runs for it. */
export function workFacts(work: WorkItemRef, record: { readonly objectType: string }): InteractionFacts {
  if (work.workId.trim() === '' || work.workItemId.trim() === '') {
    throw new ContactPadError('INVALID_INTERACTION', 'A work item needs its AgentWork id and its record id.');
  }
  return freeze({
    ...NONE,
    work: freeze({ workId: work.workId, workItemId: work.workItemId }),
    popSettled: true,
    popped: freeze({ recordId: work.workItemId, objectType: record.objectType }),
  });
}

/** An interaction back in wrap up after a reload: its draft's links, nothing to pop. */
export function restoredFacts(links: TaskLinkIds | undefined): InteractionFacts {
  return freeze({ ...NONE, popSettled: true, ...(links ? { restoredLinks: freeze({ ...links }) } : {}) });
}

/** The record whose console tab belongs to the interaction (the work item's record, or the popped one). */
export function tabRecordOf(facts: InteractionFacts): string | undefined {
  return facts.popped?.recordId;
}

/** A release was tried and failed while the interaction was connected or held (INVALID_TRANSITION otherwise). */
export function withReleaseFailed(facts: InteractionFacts, interaction: Interaction): InteractionFacts {
  if (!isInProgress(interaction.state)) {
    throw refused(interaction, `a release cannot have failed while it is ${interaction.state}`);
  }
  return facts.releaseFailed ? facts : freeze({ ...facts, releaseFailed: true });
}

/** Whether the agent (true) or an automatic accept (false) accepted this work item; only work items are accepted this way. */
export function withAcceptedByAgent(facts: InteractionFacts, byAgent: boolean): InteractionFacts {
  if (!facts.work) throw new ContactPadError('INVALID_INTERACTION', 'Only an Omni-Channel work item is accepted through Omni-Channel.');
  return facts.acceptedByAgent === byAgent ? facts : freeze({ ...facts, acceptedByAgent: byAgent });
}

/**
 * The screen pop is decided, once: `popped` is the record it opened (undefined when it opened a
 * search, a new-record form or a flow, or popped nothing). A second pop is refused
 * (INVALID_TRANSITION): only a pick pops again ({@link withRepop}).
 */
export function withPopSettled(facts: InteractionFacts, popped?: PoppedRecord): InteractionFacts {
  if (facts.popSettled) throw new ContactPadError('INVALID_TRANSITION', 'The screen pop of this interaction is already decided.');
  return freeze({ ...facts, popSettled: true, ...(popped ? { popped: freeze({ ...popped }) } : {}) });
}

/** The agent picked `recordId` among the caller's matches. */
export function withPick(facts: InteractionFacts, recordId: string): InteractionFacts {
  if (recordId.trim() === '') throw new ContactPadError('INVALID_INTERACTION', 'A pick names a record.');
  return facts.pickedId === recordId ? facts : freeze({ ...facts, pickedId: recordId });
}

/** The record remembered for the caller's number, unless the agent picked one already (or nothing is remembered). */
export function withRememberedPick(facts: InteractionFacts, rememberedId: string | undefined): InteractionFacts {
  return facts.pickedId !== undefined || rememberedId === undefined ? facts : withPick(facts, rememberedId);
}

/**
 * The agent's pick is popped after the screen pop was decided: it becomes the popped record
 * (the Task links to it, its tab is the interaction's). Refused before the pop is decided (the
 * pop itself takes the pick then) and for a record other than the pick.
 */
export function withRepop(facts: InteractionFacts, popped: PoppedRecord): InteractionFacts {
  if (!facts.popSettled) throw new ContactPadError('INVALID_TRANSITION', 'The pick is popped with the screen pop, which is not decided yet.');
  if (facts.pickedId !== popped.recordId) throw new ContactPadError('INVALID_TRANSITION', 'Only the record the agent picked is popped again.');
  return freeze({ ...facts, popped: freeze({ ...popped }) });
}

/**
 * The agent opened a record in the console. A call (live, held or in wrap up) remembers the last
 * one, whatever it is (its Task links to it when a Task can); chats, emails and cases keep their
 * own record, and an interaction not under way ignores it: the same facts come back.
 */
export function withNavigation(facts: InteractionFacts, interaction: Interaction, record: NavigatedRecord): InteractionFacts {
  if (facts.work || !(isInProgress(interaction.state) || interaction.state === 'wrap-up')) return facts;
  return freeze({ ...facts, navigated: freeze({ recordId: record.recordId, ...(record.accountId ? { accountId: record.accountId } : {}) }) });
}

/** What the work item's record says the Task links to; only work items have one (INVALID_INTERACTION). */
export function withWorkLinks(facts: InteractionFacts, links: TaskLinkIds): InteractionFacts {
  if (!facts.work) throw new ContactPadError('INVALID_INTERACTION', 'Only an Omni-Channel work item has a record that names its Task links.');
  return freeze({ ...facts, workLinks: freeze({ ...links }) });
}

/** The interaction's record is open in console tab `tabId`; refused while it has no record to show. */
export function withTabOpen(facts: InteractionFacts, tabId: string): InteractionFacts {
  if (tabRecordOf(facts) === undefined) throw new ContactPadError('INVALID_TRANSITION', 'This interaction has no record, so no console tab.');
  if (tabId.trim() === '') throw new ContactPadError('INVALID_INTERACTION', 'A console tab has an id.');
  return facts.tabId === tabId ? facts : freeze({ ...facts, tabId });
}

/** The interaction's console tab was closed (selecting the interaction opens it again). */
export function withTabClosed(facts: InteractionFacts): InteractionFacts {
  if (facts.tabId === undefined) return facts;
  const { tabId: _closed, ...rest } = facts;
  return freeze(rest);
}

/**
 * A call is being transferred to `to` (a REFER is on its way; the phone says when it is done).
 * Refused for work items (they are handed over at once) and for a call not connected or held.
 */
export function withTransferTo(facts: InteractionFacts, interaction: Interaction, to: string): InteractionFacts {
  if (facts.work) throw new ContactPadError('INVALID_INTERACTION', 'An Omni-Channel work item is handed over at once, not by the phone.');
  if (!isInProgress(interaction.state)) throw refused(interaction, `it cannot be transferred while it is ${interaction.state}`);
  return freeze({ ...facts, transferTo: to });
}

function refused(interaction: Interaction, why: string): ContactPadError {
  return new ContactPadError('INVALID_TRANSITION', `Interaction ${interaction.id}: ${why}.`, { detail: { interactionId: interaction.id, state: interaction.state } });
}

function freeze<T extends object>(value: T): T {
  return Object.freeze(value);
}
