/**
 * What ContactPad knows about an interaction beside the interaction itself: the Omni-Channel
 * work item it is, the record popped (or picked, or opened) for it and its console tab, what its
 * Task links to, whether a release failed, what a consult call is about and where a transfer
 * goes. The interaction (interaction.ts) is what is logged; these facts decide the Task's links,
 * the pops, the tabs and the actions offered.
 *
 * Facts are frozen values, like interactions: each named update returns new facts, and refuses
 * (INVALID_TRANSITION, or INVALID_INTERACTION for a fact that cannot belong to this interaction)
 * a change that cannot happen. This file has the facts and what every call goes through; the
 * updates only Omni-Channel, console tabs or handing over need are beside it (work-item-facts.ts,
 * tab-facts.ts, handover-facts.ts), loaded with the desks that use them:
 *
 * ```
 *   callFacts() | restoredFacts(links) | workFacts(work, record) | consultFacts(about)
 *        |
 *        |  screen pop:   withPopSettled (once) -> withPick / withRememberedPick -> withRepop
 *        |  Task links:   withNavigation (calls only), withWorkLinks (work items only)
 *        |  console tab:  withTabOpen / withTabClosed (only with a record to show)
 *        |  ending:       withReleaseFailed (while connected or held), withTransferTo (calls only)
 *        |  consulting:   withConsultCall / withoutConsultCall, withConference (calls only)
 *        |  Omni-Channel: withAcceptedByAgent (work items only)
 *        |  in the call:  withMuted (live calls connected or held: in-call-facts.ts)
 * ```
 */
import { ContactPadError } from './errors.ts';
import type { Interaction } from './interaction.ts';
import { isInProgress } from './interaction-state.ts';
import type { RecordingView } from './recording.ts';
import type { VoicemailDropView } from './voicemail-message.ts';

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
  /** A call with a consult call under way about it: that call (handover-facts.ts). */
  readonly consultId?: string;
  /** A call of a three-way call (with its consult call, or the call it consults about). */
  readonly conference?: boolean;
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
  /** The call's recording, once offered or started (recording.ts withRecording); shown while the call is under way. */
  readonly recording?: RecordingView;
  /** Voicemail drop, offered on an outbound call (voicemail-drop-facts.ts); shown while it is connected. */
  readonly voicemail?: VoicemailDropView;
  /** A live call whose microphone the agent muted (in-call-facts.ts withMuted); a new call starts unmuted. */
  readonly muted?: boolean;
}

const NONE: InteractionFacts = Object.freeze({ acceptedByAgent: false, releaseFailed: false, popSettled: false });

/** A call, inbound or dialled: nothing known beyond it yet (the lookup and the pop follow). */
export function callFacts(): InteractionFacts {
  return NONE;
}

/** An interaction back in wrap up after a reload: its draft's links, nothing to pop. */
export function restoredFacts(links: TaskLinkIds | undefined): InteractionFacts {
  return freezeFacts({ ...NONE, popSettled: true, ...(links ? { restoredLinks: freezeFacts({ ...links }) } : {}) });
}

/** The record whose console tab belongs to the interaction (the work item's record, or the popped one). */
export function tabRecordOf(facts: InteractionFacts): string | undefined {
  return facts.popped?.recordId;
}

/** A release was tried and failed while the interaction was connected or held (INVALID_TRANSITION otherwise). */
export function withReleaseFailed(facts: InteractionFacts, interaction: Interaction): InteractionFacts {
  if (!isInProgress(interaction.state)) {
    throw refusedFact(interaction, `a release cannot have failed while it is ${interaction.state}`);
  }
  return facts.releaseFailed ? facts : freezeFacts({ ...facts, releaseFailed: true });
}

/**
 * The screen pop is decided, once: `popped` is the record it opened (undefined when it opened a
 * search, a new-record form or a flow, or popped nothing). A second pop is refused
 * (INVALID_TRANSITION): only a pick pops again ({@link withRepop}).
 */
export function withPopSettled(facts: InteractionFacts, popped?: PoppedRecord): InteractionFacts {
  if (facts.popSettled) throw new ContactPadError('INVALID_TRANSITION', 'The screen pop of this interaction is already decided.');
  return freezeFacts({ ...facts, popSettled: true, ...(popped ? { popped: freezeFacts({ ...popped }) } : {}) });
}

/** The agent picked `recordId` among the caller's matches. */
export function withPick(facts: InteractionFacts, recordId: string): InteractionFacts {
  if (recordId.trim() === '') throw new ContactPadError('INVALID_INTERACTION', 'A pick names a record.');
  return facts.pickedId === recordId ? facts : freezeFacts({ ...facts, pickedId: recordId });
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
  return freezeFacts({ ...facts, popped: freezeFacts({ ...popped }) });
}

/**
 * The agent opened a record in the console. A call (live, held or in wrap up) remembers the last
 * one, whatever it is (its Task links to it when a Task can); chats, emails and cases keep their
 * own record, and an interaction not under way ignores it: the same facts come back.
 */
export function withNavigation(facts: InteractionFacts, interaction: Interaction, record: NavigatedRecord): InteractionFacts {
  if (facts.work || !(isInProgress(interaction.state) || interaction.state === 'wrap-up')) return facts;
  return freezeFacts({ ...facts, navigated: freezeFacts({ recordId: record.recordId, ...(record.accountId ? { accountId: record.accountId } : {}) }) });
}

/** INVALID_TRANSITION for a change of facts the interaction's state does not allow (for the fact files beside this one). */
export function refusedFact(interaction: Interaction, why: string): ContactPadError {
  return new ContactPadError('INVALID_TRANSITION', `Interaction ${interaction.id}: ${why}.`, { detail: { interactionId: interaction.id, state: interaction.state } });
}

/** Facts are frozen values (for the fact files beside this one). */
export function freezeFacts<T extends object>(value: T): T {
  return Object.freeze(value);
}
