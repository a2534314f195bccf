/**
 * Taking the phone over on purpose, between the pages of one agent (phone-tab-lock.ts elects;
 * this is its talk over the BroadcastChannel, loaded the first time a page asks or is asked, off
 * the ring path):
 *
 *   page A: take-over (from A)  ----broadcast---->  page B (holds the lock)
 *                                                   a call is live: refuse (to A) -> A: refused
 *                                                   else: stops its phone, hand-over (to A)
 *   page A: steals the lock -> granted;             page B: its lock is stolen -> lost
 *
 * The asker steals only once the holder agreed, or when it does not answer at all within
 * {@link ANSWER_WITHIN_MS} (a hung page); a holder whose asker never takes the lock in that time
 * keeps it (kept). Messages come from pages of the same origin (BroadcastChannel is per origin)
 * but maybe of another version: each is read through {@link readMessage}.
 */
import type { Clock } from '../model/clock.ts';

/** How long a page asking for the phone waits for the page holding it, and how long that page waits to be relieved, in ms. */
export const ANSWER_WITHIN_MS = 10_000;

/** The messages between the pages of one agent. */
export type TabMessage =
  | { readonly kind: 'take-over'; readonly from: string }
  | { readonly kind: 'refuse'; readonly to: string }
  | { readonly kind: 'hand-over'; readonly to: string };

/** What the talk may do with the page's lock (phone-tab-lock.ts). */
export interface TabLockCore {
  /** This page among the agent's pages. */
  readonly id: string;
  readonly clock: Clock;
  holding(): boolean;
  post(message: TabMessage): void;
  /** Takes the lock now, giving up this page's place in line. */
  steal(): void;
  tell(event: 'asked' | 'refused' | 'kept'): void;
}

export class TakeOverTalk {
  readonly #core: TabLockCore;
  /** The page that asked this one for the phone, until answered. */
  #asker: string | undefined;
  /** Waiting for the holder's answer (taking over), or to be relieved (handing over). */
  #cancelWait: (() => void) | undefined;
  #taking = false;

  constructor(core: TabLockCore) {
    this.#core = core;
  }

  /** A message on the channel. */
  heard(data: unknown): void {
    const message = readMessage(data);
    if (!message) return;
    if (message.kind === 'take-over') {
      if (!this.#core.holding()) return;
      this.#asker = message.from;
      this.#core.tell('asked');
    } else if (message.to === this.#core.id && this.#taking) {
      this.#stopWaiting();
      this.#taking = false;
      if (message.kind === 'hand-over') this.#core.steal();
      else this.#core.tell('refused');
    }
  }

  /** The agent wants the phone here: the page holding it is asked. */
  takeOver(): void {
    if (this.#core.holding() || this.#taking) return;
    this.#taking = true;
    this.#core.post({ kind: 'take-over', from: this.#core.id });
    this.#waitFor(() => {
      this.#taking = false;
      this.#core.steal();
    });
  }

  /** Says no to the page that asked (a call is live here). */
  refuse(): void {
    const asker = this.#asker;
    this.#asker = undefined;
    if (asker) this.#core.post({ kind: 'refuse', to: asker });
  }

  /** This page's phone has stopped: the page that asked may take the lock; if it does not in time, this page keeps it. */
  handOver(): void {
    const asker = this.#asker;
    this.#asker = undefined;
    if (!asker || !this.#core.holding()) return;
    this.#core.post({ kind: 'hand-over', to: asker });
    this.#waitFor(() => {
      if (this.#core.holding()) this.#core.tell('kept');
    });
  }

  /** The lock was granted to this page or taken from it: nothing left to wait for. */
  settled(): void {
    this.#taking = false;
    this.#stopWaiting();
  }

  #waitFor(then: () => void): void {
    this.#stopWaiting();
    this.#cancelWait = this.#core.clock.schedule(() => {
      this.#cancelWait = undefined;
      then();
    }, ANSWER_WITHIN_MS);
  }

  #stopWaiting(): void {
    this.#cancelWait?.();
    this.#cancelWait = undefined;
  }
}

/** A message from another page of the same origin, checked: anything else (another shape, huge ids) is ignored. */
export function readMessage(data: unknown): TabMessage | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const { kind, from, to } = data as { kind?: unknown; from?: unknown; to?: unknown };
  const id = (value: unknown): value is string => typeof value === 'string' && value.length > 0 && value.length <= 64;
  if (kind === 'take-over' && id(from)) return { kind, from };
  if ((kind === 'refuse' || kind === 'hand-over') && id(to)) return { kind, to };
  return undefined;
}
