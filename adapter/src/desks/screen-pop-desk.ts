/**
 * Screen pop and the picker: who is calling (the crm room's lookup by number), what the console
 * shows once the call is answered (the crm room's decision: the record, a search, a new-record
 * form, a flow, or nothing), and the agent's pick among several matches (remembered for the
 * number, popped at once when the call is answered, the Task linked to it).
 *
 *   incoming call -> revealPanel, lookUp -> caller shown -> (answered) pop, once
 *   pick -> remembered -> (answered) popped again, the draft's links follow
 */
import type { Interaction } from '../model/interaction.ts';
import { withPick, withPopSettled, withRememberedPick, withRepop } from '../model/interaction-facts.ts';
import { ContactPadError } from '../model/errors.ts';
import { UNKNOWN_CALLER, type CallerIdentity, type CallerMatch } from '../crm/caller-identity.ts';
import type { CallerLookupView, CallerMatchView } from '../store.ts';
import { describeError, type NoticeDesk } from './notice-desk.ts';
import type { Rooms } from './ports.ts';
import type { ViewDesk } from './view-desk.ts';
import type { WrapUpDesk } from './wrap-up-desk.ts';

/** A finished lookup that found nothing, for interactions that are not looked up by number (work items, restored wrap ups). */
export const NO_CALLER_LOOKUP: CallerLookupView = Object.freeze({ state: 'done', labels: [], matches: [], pick: [], pickedId: undefined, journey: [], cached: false });

/** The lookup as the widget shows it: every match with its rule and field, the picker, the journey. */
export function callerView(identity: CallerIdentity, pickedId: string | undefined): CallerLookupView {
  const view = (m: CallerMatch): CallerMatchView => ({
    id: m.id,
    objectType: m.objectType,
    name: m.name,
    label: m.label,
    rule: m.rule.label,
    matchedField: m.matchedField,
  });
  return {
    state: 'done',
    labels: identity.labels,
    matches: identity.matches.map(view),
    pick: identity.winners.length > 1 ? identity.winners.map(view) : [],
    pickedId,
    journey: identity.journey,
    cached: identity.cached,
  };
}

export class ScreenPopDesk {
  readonly #rooms: Rooms;
  readonly #view: ViewDesk;
  readonly #wrapUp: WrapUpDesk;
  readonly #notices: NoticeDesk;
  /** What the crm room found for each caller (its answer, kept while the interaction is listed). */
  readonly #identities = new Map<string, CallerIdentity>();

  constructor(rooms: Rooms, view: ViewDesk, wrapUp: WrapUpDesk, notices: NoticeDesk) {
    this.#rooms = rooms;
    this.#view = view;
    this.#wrapUp = wrapUp;
    this.#notices = notices;
    view.listen({ removed: (id) => this.#identities.delete(id) });
  }

  /** Shows the softphone panel when the console has it closed (new work is offered). */
  revealPanel(): void {
    const host = this.#rooms.host;
    if (!host) return;
    host
      .isPanelVisible()
      .then((visible) => (visible ? undefined : host.showPanel()))
      .catch((error: unknown) => this.#notices.notify(error));
  }

  /** Looks the caller up by number; once answered, the call pops when the answer comes. */
  lookUp(interaction: Interaction): void {
    const id = interaction.id;
    const crm = this.#rooms.crm;
    if (!crm) {
      this.#view.setCaller(id, { state: 'failed', code: 'CRM_UNAVAILABLE', message: 'Salesforce lookup is off.' });
      return;
    }
    crm.lookUpCaller(interaction.callerNumber).then(
      (identity) => {
        if (!this.#view.has(id)) return;
        this.#identities.set(id, identity);
        this.#view.changeFacts(id, (facts) => withRememberedPick(facts, identity.rememberedId), false);
        this.#view.setCaller(id, callerView(identity, this.#view.facts(id)?.pickedId));
        if (this.#view.stateOf(id) === 'connected') void this.pop(id);
      },
      (error: unknown) => {
        const { code, message } = describeError(error);
        this.#view.setCaller(id, { state: 'failed', code, message: `Caller lookup failed: ${message}` });
        // Nothing pops: a failed lookup says nothing about who is calling (a "new Lead"
        // form for a known customer would be wrong). The agent sees why on the call pop.
        if (this.#view.facts(id)?.popSettled === false) this.#view.changeFacts(id, (facts) => withPopSettled(facts), false);
      },
    );
  }

  /** Pops the caller's record: asked when the call is answered (and by the lookup, when it answers later); once, and only with the lookup's answer. */
  async pop(id: string): Promise<void> {
    const interaction = this.#view.interaction(id);
    const facts = this.#view.facts(id);
    const { crm, host } = this.#rooms;
    if (!interaction || !facts || facts.popSettled || !host || !crm) return;
    if (this.#view.view(id)?.caller.state === 'pending') return; // the lookup will call again
    const identity = this.#identities.get(id) ?? UNKNOWN_CALLER;
    const decision = crm.decideScreenPop(identity, interaction.callerNumber, facts.pickedId);
    if (decision.kind === 'record') {
      const accountId = identity.matches.find((m) => m.id === decision.recordId)?.accountId;
      const popped = { recordId: decision.recordId, objectType: decision.objectType, ...(accountId ? { accountId } : {}) };
      this.#view.changeFacts(id, (current) => withPopSettled(current, popped), false);
    } else {
      this.#view.changeFacts(id, (current) => withPopSettled(current), false);
    }
    try {
      switch (decision.kind) {
        case 'record':
          await host.screenPopRecord(decision.recordId);
          break;
        case 'new-record':
          await host.screenPopNewRecord(decision.entityName, { ...decision.defaultFieldValues });
          break;
        case 'search':
          await host.screenPopSearch(decision.searchText);
          break;
        case 'flow':
          await host.screenPopFlow(decision.flowDevName, decision.flowArgs);
          break;
        case 'none':
          break;
      }
    } catch (error) {
      this.#notices.notify(error);
    }
  }

  /**
   * The agent says which of several matching records is the caller: remembered for the
   * number; once the call is answered it pops at once (the console showed a search until then)
   * and the Task links to it.
   */
  async pick(id: string, recordId: string): Promise<void> {
    const identity = this.#identities.get(id);
    const match = identity?.matches.find((m) => m.id === recordId);
    const interaction = this.#view.interaction(id);
    if (!interaction || !identity || !match) {
      throw new ContactPadError('INVALID_TRANSITION', 'That record is not among the matches for this call.');
    }
    this.#view.changeFacts(id, (facts) => withPick(facts, recordId), false);
    this.#view.setCaller(id, callerView(identity, recordId));
    this.#rooms.crm?.rememberChoice(interaction.callerNumber, recordId).catch((error: unknown) => this.#notices.notify(error));
    const state = interaction.state;
    const facts = this.#view.facts(id);
    if ((state === 'connected' || state === 'wrap-up') && facts?.popSettled && facts.popped?.recordId !== recordId) {
      const popped = { recordId, objectType: match.objectType, ...(match.accountId ? { accountId: match.accountId } : {}) };
      this.#view.changeFacts(id, (current) => withRepop(current, popped), false);
      await this.#rooms.host?.screenPopRecord(recordId);
      this.#wrapUp.saveDraft(id);
    }
  }

  /** Opens a record in the console (a journey entry's Task, a match). */
  async openRecord(recordId: string): Promise<void> {
    await this.#rooms.requireHost().screenPopRecord(recordId);
  }
}
