/**
 * Screen pop and the picker: who is calling (the crm room's lookup by number), what the console
 * shows once the call is answered (the crm room's decision: the record, a search, a new-record
 * form, a flow, or nothing), and the agent's pick among several matches (remembered for the
 * number, popped at once when the call is answered, the Task linked to it).
 *
 *   incoming call -> lookUp -> caller shown -> (answered) pop, once
 *   pick -> remembered -> (answered) popped again, the draft's links follow
 *
 * Loaded off the ring path (desks.ts: `screenPop`) like the crm room it works with: a call
 * rings and is answered without it.
 */
import type { Interaction } from '../model/interaction.ts';
import { withPick, withPopSettled, withRememberedPick, withRepop } from '../model/interaction-facts.ts';
import { ContactPadError } from '../model/errors.ts';
import { UNKNOWN_CALLER, type CallerIdentity, type CallerMatch } from '../crm/caller-identity.ts';
import type { ScreenPopDecision } from '../crm/screen-pop-decision.ts';
import type { CallerLookupView, CallerMatchView } from '../store.ts';
import { describeError, type NoticeDesk } from './notice-desk.ts';
import type { Rooms } from './ports.ts';
import { CALLER_LOOKUP_OFF, type ViewDesk } from './view-desk.ts';
import type { WrapUpDesk } from './wrap-up-desk.ts';

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
  /** Interactions whose pop is being decided now: a second ask meanwhile (the lookup's, the answer's) is the same pop. */
  readonly #deciding = new Set<string>();

  constructor(rooms: Rooms, view: ViewDesk, wrapUp: WrapUpDesk, notices: NoticeDesk) {
    this.#rooms = rooms;
    this.#view = view;
    this.#wrapUp = wrapUp;
    this.#notices = notices;
    view.listen({ removed: (id) => this.#identities.delete(id) });
  }

  /** Looks the caller up by number; once answered, the call pops when the answer comes. */
  lookUp(interaction: Interaction): void {
    const id = interaction.id;
    const crm = this.#rooms.crm;
    if (!crm) {
      this.#view.setCaller(id, CALLER_LOOKUP_OFF);
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
    if (!interaction || !facts || facts.popSettled || !host || !crm || this.#deciding.has(id)) return;
    if (this.#view.view(id)?.caller.state === 'pending') return; // the lookup will call again
    const identity = this.#identities.get(id) ?? UNKNOWN_CALLER;
    let decision: ScreenPopDecision;
    this.#deciding.add(id);
    try {
      decision = await crm.decideScreenPop(identity, interaction.callerNumber, facts.pickedId);
    } catch (error) {
      this.#notices.notify(error);
      return;
    } finally {
      this.#deciding.delete(id);
    }
    const now = this.#view.facts(id);
    if (!now || now.popSettled) return; // gone meanwhile, or popped by another way
    if (now.pickedId !== facts.pickedId) return this.pop(id); // the agent picked meanwhile: decide again with the pick
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
