/**
 * Agent state and its timers: what the agent chose, Busy while work is in progress, Wrap Up and
 * its clock (one per interaction in wrap up, extended on request), Cooldown and its clock, the
 * state after a reject, and the capacity the agent has left. Every change goes through the
 * model (model/agent-state.ts); this desk only keeps the timers in step with it.
 *
 *   work started -> Busy;  work stopped (nothing in progress) -> Wrap Up, Cooldown or the chosen state
 *   wrap-up clock runs out -> the wrap-up desk ends the interaction's wrap up -> wrapUpFinished
 *   Cooldown clock runs out -> the chosen state
 */
import type { Channel, Interaction } from '../model/interaction.ts';
import {
  afterReject,
  agentCooldownEnded,
  agentWorkEnded,
  agentWorkStarted,
  agentWrapUpEnded,
  agentWrapUpExtended,
  canTransitionAgent,
  chooseAgentStatus,
  type AgentState,
  type AgentStatus,
  type AgentStatusChoice,
} from '../model/agent-state.ts';
import { capacityFromSettings, requireCapacityFor } from '../model/capacity.ts';
import { ContactPadError } from '../model/errors.ts';
import type { Clock } from '../model/clock.ts';
import { wrapUpDurationMs, type ContactPadSettings } from '../model/settings.ts';
import type { Store } from '../store.ts';
import { describeError } from './notice-desk.ts';
import type { ViewDesk } from './view-desk.ts';

export class AgentDesk {
  readonly #store: Store;
  readonly #clock: Clock;
  readonly #settings: ContactPadSettings;
  readonly #view: ViewDesk;
  readonly #chosenListeners: ((status: AgentStatus) => void)[] = [];
  #cancelCooldown: (() => void) | undefined;
  /** The wrap-up clock of each interaction in a timed wrap up (runtime handles only: the end is in its view). */
  readonly #wrapUpClocks = new Map<string, () => void>();
  #timeUp: (id: string) => void = () => {};
  /** Asked before the agent is Ready (the audio desk: the microphone); see {@link checkBeforeReady}. */
  #beforeReady: () => Promise<string | undefined> | undefined = () => undefined;
  /** Counts the agent's choices, so a check that ends after a newer choice changes nothing. */
  #choices = 0;

  constructor(store: Store, clock: Clock, settings: ContactPadSettings, view: ViewDesk) {
    this.#store = store;
    this.#clock = clock;
    this.#settings = settings;
    this.#view = view;
    view.listen({
      finished: (id, state) => {
        if (state !== 'ended') this.stopWrapUpClock(id);
      },
      removed: (id) => this.stopWrapUpClock(id),
    });
  }

  /** Hears each status the agent chooses (the phone registers or stops with it). */
  onChosen(listener: (status: AgentStatus) => void): void {
    this.#chosenListeners.push(listener);
  }

  /** What to do when an interaction's wrap-up clock runs out (the wrap-up desk ends its wrap up). */
  onWrapUpTimeUp(timeUp: (id: string) => void): void {
    this.#timeUp = timeUp;
  }

  get state(): AgentState {
    return this.#store.snapshot.agent;
  }

  /**
   * What to ask before the agent is Ready: resolves with a Not Ready reason when Ready cannot
   * be entered (no microphone ContactPad may use), or undefined when it can; returns undefined
   * when there is nothing to ask (Ready is then chosen at once).
   */
  checkBeforeReady(check: () => Promise<string | undefined> | undefined): void {
    this.#beforeReady = check;
  }

  /**
   * The agent picks Ready, Not Ready or Offline (in the state control, or through Omni-Channel
   * presence). Ready waits for {@link checkBeforeReady}'s answer: when it gives a reason the
   * agent is Not Ready with it instead. A later choice wins over a check still running.
   */
  choose(choice: AgentStatusChoice): void | Promise<void> {
    const turn = ++this.#choices;
    const checking = choice.status === 'ready' ? this.#beforeReady() : undefined;
    if (!checking) return this.#choose(choice);
    return checking.then((reason) => {
      if (turn === this.#choices) this.#choose(reason === undefined ? choice : { status: 'not-ready', reason });
    });
  }

  #choose(choice: AgentStatusChoice): void {
    this.#store.update((s) => ({ ...s, agent: chooseAgentStatus(s.agent, choice, this.#clock.now()) }));
    const status = this.#store.snapshot.agent.status;
    for (const listener of this.#chosenListeners) listener(status);
  }

  /** The agent rejected an offered interaction: the management setting stateAfterReject applies. */
  afterReject(): void {
    this.#update((agent, at) => afterReject(agent, at, this.#settings));
  }

  /** An interaction became live: the agent is Busy (an Offline or Inactive agent who took work stays as they are); selected when `select`. */
  workStarted(id: string, select = true): void {
    this.#update((agent, at) => (agent.status === 'busy' || canTransitionAgent(agent.status, 'busy') ? agentWorkStarted(agent, at) : agent));
    if (select) this.#view.select(id);
  }

  /** An interaction ended without wrap up (abandoned, transferred, not delivered): with nothing else in progress the agent is free. */
  workStopped(): void {
    if (this.#view.hasWorkInProgress()) return;
    const wrapping = this.#view.isWrappingUp();
    this.#update((agent, at) => (agent.status === 'busy' ? agentWorkEnded(agent, at, wrapping ? wrapUpDurationMs(this.#settings) : 0) : agent));
  }

  /**
   * An interaction entered wrap up: its clock starts (when wrap up is timed), and with nothing
   * else in progress the agent is in Wrap Up. A wrap up restored after a reload finds the agent
   * Ready or Not Ready: the work resumes (Busy) and ends again (Wrap Up), so the agent is not
   * offered new calls meanwhile.
   */
  startWrapUpClock(id: string): void {
    const wrapUpMs = wrapUpDurationMs(this.#settings);
    const at = this.#clock.now();
    const interaction = this.#view.interaction(id);
    if (interaction && Number.isFinite(wrapUpMs)) {
      this.#wrapUpClocks.set(id, this.#clock.schedule(() => this.#ranOut(id), wrapUpMs));
      this.#view.setWrapUpEnd(id, at + wrapUpMs);
    }
    if (!this.#view.hasWorkInProgress()) {
      this.#update((agent) => {
        const working = agent.status === 'ready' || agent.status === 'not-ready' ? agentWorkStarted(agent, at) : agent;
        return working.status === 'busy' ? agentWorkEnded(working, at, wrapUpMs, this.#cooldownAfter(id)) : working;
      });
    }
  }

  /** More time to wrap up: the clock moves on by wrapUpExtendSeconds from its end (or from now, when that is later). */
  extendWrapUp(id: string): void {
    const endsAt = this.#view.view(id)?.wrapUpEndsAt;
    if (this.#view.stateOf(id) !== 'wrap-up' || endsAt === undefined) {
      throw new ContactPadError('INVALID_TRANSITION', 'Only a timed wrap up can be extended.');
    }
    const newEnd = Math.max(endsAt, this.#clock.now()) + this.#settings.wrapUpExtendSeconds * 1000;
    this.stopWrapUpClock(id);
    this.#wrapUpClocks.set(id, this.#clock.schedule(() => this.#ranOut(id), Math.max(0, newEnd - this.#clock.now())));
    this.#view.setWrapUpEnd(id, newEnd);
    this.#store.update((s) => (s.agent.status === 'wrap-up' ? { ...s, agent: agentWrapUpExtended(s.agent, newEnd) } : s));
  }

  /** The interaction's wrap up ended (or left): its clock stops. */
  stopWrapUpClock(id: string): void {
    this.#wrapUpClocks.get(id)?.();
    this.#wrapUpClocks.delete(id);
  }

  /** The wrap up of interaction `id` ended: with no other wrap up and nothing in progress, the agent leaves Wrap Up (to Cooldown after a callback, when set). */
  wrapUpFinished(id: string): void {
    if (this.#view.isWrappingUp() || this.#view.hasWorkInProgress() || this.state.status !== 'wrap-up') return;
    this.#update((agent, at) => agentWrapUpEnded(agent, at, this.#cooldownAfter(id)));
  }

  /** CAPACITY_EXCEEDED saying `what` happened and why, when one more interaction of its kind does not fit; undefined when it fits. */
  beyondCapacity(interaction: Interaction, what: string): ContactPadError | undefined {
    // The others the agent holds: the interaction itself may already be on the list (routed work is shown while its record is read).
    const others = this.#view.all().filter((entry) => entry.id !== interaction.id).map((entry) => entry.interaction);
    try {
      requireCapacityFor(capacityFromSettings(this.#settings), others, interaction.channel);
      return undefined;
    } catch (error) {
      return new ContactPadError('CAPACITY_EXCEEDED', `${what}: ${describeError(error).message}.`);
    }
  }

  #ranOut(id: string): void {
    this.#wrapUpClocks.delete(id);
    this.#timeUp(id);
  }

  /** The cooldown that follows interaction `id`: after a callback, when the settings say so (not after a callback alert that did not reach the customer: it is not done). */
  #cooldownAfter(id: string): number {
    const shown = this.#view.view(id);
    return shown?.interaction.channel === 'callback' && (shown.callback?.status ?? 'completed') === 'completed' && this.#settings.cooldownAfterCallback ? this.#settings.cooldownSeconds * 1000 : 0;
  }

  /** Changes the agent state through the model and keeps the cooldown clock in step. */
  #update(change: (agent: AgentState, at: number) => AgentState): void {
    const at = this.#clock.now();
    this.#store.update((s) => {
      const agent = change(s.agent, at);
      return agent === s.agent ? s : { ...s, agent };
    });
    const agent = this.#store.snapshot.agent;
    this.#cancelCooldown?.();
    this.#cancelCooldown = undefined;
    if (agent.status === 'cooldown' && agent.cooldownEndsAt !== undefined) {
      this.#cancelCooldown = this.#clock.schedule(() => {
        if (this.#store.snapshot.agent.status === 'cooldown') this.#update((current, now) => agentCooldownEnded(current, now));
      }, Math.max(0, agent.cooldownEndsAt - at));
    }
  }
}
