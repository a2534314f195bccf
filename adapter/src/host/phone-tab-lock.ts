/**
 * The election of the one tab (or window) of this browser whose ContactPad has the agent's
 * phone, among the pages the agent opened (model/phone-tab.ts is the table it feeds,
 * desks/phone-tab-desk.ts acts on it):
 *
 * - Web Locks (navigator.locks, https://w3c.github.io/web-locks/): every page asks for the
 *   agent's lock; the page granted it holds it for its life and has the phone. The browser
 *   releases a lock when its page closes, reloads or crashes, and grants it to the next waiting
 *   page: the phone moves on within moments, with nobody's help.
 * - BroadcastChannel (same origin only, https://html.spec.whatwg.org/multipage/web-messaging.html#broadcasting-to-other-browsing-contexts):
 *   a page that wants the phone on purpose ("Use the phone here") asks the others; the page
 *   holding it refuses (a call is live there) or stops its phone and hands it over, and the asker
 *   then takes the lock with `steal` (never before the holder agreed, unless it does not answer
 *   at all within {@link ANSWER_WITHIN_MS}: a hung page).
 *
 * Without Web Locks or BroadcastChannel (browsers before 2022) there is no election: the page
 * is granted the phone at once, as every page was before.
 *
 *   page A: take-over?  ----broadcast---->  page B (holds the lock)
 *                                           live call: refuse -> A: refused
 *                                           else: stops its phone, hand-over
 *   page A: request(steal) -> granted;      page B: its lock request rejects (AbortError) -> lost
 */
import { realClock, type Clock } from '../model/clock.ts';
import type { PhoneTabEvent } from '../model/phone-tab.ts';

/** How long a page asking for the phone waits for the page holding it, and how long that page waits to be relieved, in ms. */
export const ANSWER_WITHIN_MS = 10_000;

/** What the election tells: the lock's events of the phone-tab table (all but the agent's own take-over). */
export type PhoneTabLockEvent = Exclude<PhoneTabEvent, 'take-over'>;

/** Who hears the election (the switchboard). */
export interface PhoneTabListener {
  phoneTab(event: PhoneTabLockEvent): void;
}

/** The messages between the pages of one agent (read back through {@link readMessage}: another page may run another version). */
type TabMessage =
  | { readonly kind: 'take-over'; readonly from: string }
  | { readonly kind: 'refuse'; readonly to: string }
  | { readonly kind: 'hand-over'; readonly to: string };

/** The browser's parts the election uses; by default the page's own. */
export interface PhoneTabLockOptions {
  /** The lock's (and the channel's) name: one per agent and org, so another agent's pages never compete. */
  readonly name: string;
  readonly listener: PhoneTabListener;
  /** Default: navigator.locks (undefined: no election). */
  readonly locks?: LockManager | undefined;
  /** Default: a BroadcastChannel of {@link name} (undefined: no election). */
  readonly channel?: (name: string) => BroadcastChannel;
  /** Default: {@link realClock}: the waits for an answer. */
  readonly clock?: Clock;
}

/** The page's side of the election. Nothing happens before {@link start}. */
export class PhoneTabLock {
  readonly #name: string;
  readonly #listener: PhoneTabListener;
  readonly #locks: LockManager | undefined;
  readonly #openChannel: ((name: string) => BroadcastChannel) | undefined;
  readonly #clock: Clock;
  /** This page among the agent's pages (in messages only). */
  readonly #id = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
  #channel: BroadcastChannel | undefined;
  /** Lets go of the lock this page holds (resolves the held request's callback). */
  #release: (() => void) | undefined;
  /** Cancels this page's waiting request (before a steal, or at close). */
  #stopWaiting: AbortController | undefined;
  /** The page that asked this one for the phone, until answered. */
  #asker: string | undefined;
  /** Waiting for the holder's answer (taking over), or to be relieved (handing over). */
  #cancelWait: (() => void) | undefined;
  #taking = false;
  #closed = false;

  constructor(options: PhoneTabLockOptions) {
    this.#name = options.name;
    this.#listener = options.listener;
    this.#locks = 'locks' in options ? options.locks : globalThis.navigator?.locks;
    this.#openChannel = options.channel ?? (typeof BroadcastChannel === 'function' ? (name) => new BroadcastChannel(name) : undefined);
    this.#clock = options.clock ?? realClock;
  }

  /** Whether this page holds the agent's phone now. */
  get holding(): boolean {
    return this.#release !== undefined;
  }

  /** Asks for the phone: granted at once when no other page of the agent has it, else held-elsewhere (and waits its turn). */
  start(): void {
    if (!this.#locks || !this.#openChannel) {
      this.#tell('granted');
      return;
    }
    this.#channel = this.#openChannel(this.#name);
    this.#channel.onmessage = (event: MessageEvent<unknown>) => this.#heard(readMessage(event.data));
    this.#request({ ifAvailable: true }, () => {
      this.#tell('held-elsewhere');
      this.#wait();
    });
  }

  /** The agent wants the phone here: the page holding it is asked; refused, or granted once it has stepped down. */
  takeOver(): void {
    if (this.#closed || this.holding || this.#taking || !this.#channel) return;
    this.#taking = true;
    this.#post({ kind: 'take-over', from: this.#id });
    this.#waitFor(() => this.#steal());
  }

  /** Says no to the page that asked (a call is live here). */
  refuse(): void {
    const asker = this.#asker;
    this.#asker = undefined;
    if (asker) this.#post({ kind: 'refuse', to: asker });
  }

  /** This page's phone has stopped: the page that asked may take the lock; if it does not in time, this page keeps it (kept). */
  handOver(): void {
    const asker = this.#asker;
    this.#asker = undefined;
    if (!asker || !this.holding) return;
    this.#post({ kind: 'hand-over', to: asker });
    this.#waitFor(() => {
      if (this.holding) this.#tell('kept');
    });
  }

  /** Lets the phone go (the page's end does the same on its own): the next waiting page is granted it. */
  close(): void {
    this.#closed = true;
    this.#stopTimer();
    this.#stopWaiting?.abort();
    const release = this.#release;
    this.#release = undefined;
    release?.();
    this.#channel?.close();
  }

  #heard(message: TabMessage | undefined): void {
    if (!message || this.#closed) return;
    if (message.kind === 'take-over') {
      if (!this.holding) return;
      this.#asker = message.from;
      this.#tell('asked');
    } else if (message.to === this.#id && this.#taking) {
      this.#stopTimer();
      if (message.kind === 'hand-over') this.#steal();
      else {
        this.#taking = false;
        this.#tell('refused');
      }
    }
  }

  /** Waits in line for the lock (granted when the page holding it goes or steps down). */
  #wait(): void {
    const stop = new AbortController();
    this.#stopWaiting = stop;
    this.#request({ signal: stop.signal });
  }

  /** Takes the lock now: the holder agreed (or never answered). This page's place in line is given up first. */
  #steal(): void {
    this.#taking = false;
    if (this.holding) return; // granted meanwhile (the holder went)
    this.#stopWaiting?.abort();
    this.#stopWaiting = undefined;
    this.#request({ steal: true });
  }

  /**
   * One lock request. Granted: held until {@link close} (or stolen). `notAvailable`: with
   * ifAvailable, what to do when another page holds it. A held lock that is stolen rejects the
   * request (AbortError, Web Locks "steal"): the phone is lost, and this page waits in line again.
   */
  #request(options: LockOptions, notAvailable?: () => void): void {
    let held = false;
    this.#locks!.request(this.#name, options, (lock) => {
      if (!lock) {
        notAvailable?.();
        return undefined;
      }
      if (this.#closed) return undefined;
      held = true;
      this.#taking = false;
      this.#stopTimer();
      return new Promise<void>((release) => {
        this.#release = release;
        this.#tell('granted');
      });
    }).catch(() => {
      // Rejected: a waiting request this page gave up (abort), or a held lock another page stole.
      if (!held || this.#closed) return;
      this.#release = undefined;
      this.#stopTimer();
      this.#tell('lost');
      this.#wait();
    });
  }

  #waitFor(then: () => void): void {
    this.#stopTimer();
    this.#cancelWait = this.#clock.schedule(() => {
      this.#cancelWait = undefined;
      then();
    }, ANSWER_WITHIN_MS);
  }

  #stopTimer(): void {
    this.#cancelWait?.();
    this.#cancelWait = undefined;
  }

  #post(message: TabMessage): void {
    try {
      this.#channel?.postMessage(message);
    } catch {
      // a closed channel (the page is going): nobody left to tell
    }
  }

  #tell(event: PhoneTabLockEvent): void {
    if (!this.#closed) this.#listener.phoneTab(event);
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
