/**
 * The facts of an Omni-Channel work item (model/interaction-facts.ts has the rest): it is the
 * routed record's interaction, whom the record names for its Task, and whether the agent
 * accepted it. Named updates that refuse a fact a call cannot have (INVALID_INTERACTION).
 */
import { ContactPadError } from './errors.ts';
import { callFacts, freezeFacts, type InteractionFacts, type TaskLinkIds, type WorkItemRef } from './interaction-facts.ts';

/** Routed work: its record is what is popped (as a console tab), so no screen pop runs for it. */
export function workFacts(work: WorkItemRef, record: { readonly objectType: string }): InteractionFacts {
  if (work.workId.trim() === '' || work.workItemId.trim() === '') {
    throw new ContactPadError('INVALID_INTERACTION', 'A work item needs its AgentWork id and its record id.');
  }
  return freezeFacts({
    ...callFacts(),
    work: freezeFacts({ workId: work.workId, workItemId: work.workItemId }),
    popSettled: true,
    popped: freezeFacts({ recordId: work.workItemId, objectType: record.objectType }),
  });
}

/** Whether the agent (true) or an automatic accept (false) accepted this work item; only work items are accepted this way. */
export function withAcceptedByAgent(facts: InteractionFacts, byAgent: boolean): InteractionFacts {
  if (!facts.work) throw new ContactPadError('INVALID_INTERACTION', 'Only an Omni-Channel work item is accepted through Omni-Channel.');
  return facts.acceptedByAgent === byAgent ? facts : freezeFacts({ ...facts, acceptedByAgent: byAgent });
}

/** What the work item's record says the Task links to; only work items have one (INVALID_INTERACTION). */
export function withWorkLinks(facts: InteractionFacts, links: TaskLinkIds): InteractionFacts {
  if (!facts.work) throw new ContactPadError('INVALID_INTERACTION', 'Only an Omni-Channel work item has a record that names its Task links.');
  return freezeFacts({ ...facts, workLinks: freezeFacts({ ...links }) });
}
