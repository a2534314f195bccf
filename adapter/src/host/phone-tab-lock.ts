/**
 * The election of the one tab (or window) of this browser whose ContactPad has the agent's
 * phone, among the pages the agent opened (model/phone-tab.ts is the table it feeds,
 * desks/phone-tab-desk.ts acts on it), with the browser's Web Locks
 * (navigator.locks, https://w3c.github.io/web-locks/): every page asks for the agent's lock; the
 * page granted it holds it for its life and has the phone. The browser releases a lock when its
 * page closes, reloads or crashes, and grants it to the next waiting page: the phone moves on
 * within moments, with nobody's help.
 *
 * Taking the phone over on purpose ("Use the phone here") is a talk between the pages over a
 * BroadcastChannel (same origin only,
 * https://html.spec.whatwg.org/multipage/web-messaging.html#broadcasting-to-other-browsing-contexts):
 * phone-tab-take-over.ts, loaded the first time a page asks or is asked (not needed to ring). The
 * asker then takes the lock with `steal`; the holder's request rejects (AbortError): lost.
 *
 * Without Web Locks or BroadcastChannel (browsers before 2022) there is no election: the page
 * is granted the phone at once, as every page was before.
 */
import { realClock, type Clock } from '../model/clock.ts';
import type { PhoneTabEvent } from '../model/phone-tab.ts';
import type { TabMessage, TakeOverTalk } from './phone-tab-take-over.ts';

/** What the election tells: the lock's events of the phone-tab table (all but the agent's own take-over). */
export type PhoneTabLockEvent = Exclude<PhoneTabEvent, 'take-over'>;

/** Who hears the election (the switchboard). `problem`: why a take-over could not even be asked (refused then). */
export interface PhoneTabListener {
  phoneTab(event: PhoneTabLockEvent, problem?: unknown): void;
}

/** The browser's parts the election uses; by default the page's own. */
export interface PhoneTabLockOptions {
  /** The lock's (and the channel's) name: one per agent and org, so another agent's pages never compete. */
  readonly name: string;
  readonly listener: PhoneTabListener;
  /** Default: navigator.locks (undefined: no election). */
  readonly locks?: LockManager | undefined;
  /** Default: a BroadcastChannel of {@link name} (undefined: no election). */
  readonly channel?: (name: string) => BroadcastChannel;
  /** Default: {@link realClock}: the waits for another page's answer. */
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
  /** The take-over talk, loaded on first use (every message and request waits for it in turn). */
  #talkLoading: Promise<TakeOverTalk> | undefined;
  #talk: TakeOverTalk | undefined;
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
    // A message this page cannot read for want of the talk (not loaded: the network) goes unanswered: the asker steals in the end.
    this.#channel.onmessage = (event: MessageEvent<unknown>) => this.#withTalk((talk) => talk.heard(event.data), () => undefined);
    this.#request({ ifAvailable: true }, () => {
      this.#tell('held-elsewhere');
      this.#wait();
    });
  }

  /** The agent wants the phone here: the page holding it is asked; refused, or granted once it has stepped down. */
  takeOver(): void {
    if (this.#closed || this.holding || !this.#channel) return;
    this.#withTalk(
      (talk) => talk.takeOver(),
      (error) => this.#tell('refused', error),
    );
  }

  /** Says no to the page that asked (a call is live here). */
  refuse(): void {
    this.#talk?.refuse();
  }

  /** This page's phone has stopped: the page that asked may take the lock; if it does not in time, this page keeps it (kept). */
  handOver(): void {
    this.#talk?.handOver();
  }

  /** Lets the phone go (the page's end does the same on its own): the next waiting page is granted it. */
  close(): void {
    this.#closed = true;
    this.#talk?.settled();
    this.#stopWaiting?.abort();
    const release = this.#release;
    this.#release = undefined;
    release?.();
    this.#channel?.close();
  }

  /** Waits in line for the lock (granted when the page holding it goes or steps down). */
  #wait(): void {
    const stop = new AbortController();
    this.#stopWaiting = stop;
    this.#request({ signal: stop.signal });
  }

  /** Takes the lock now (the holder agreed, or never answered), giving up this page's place in line. */
  #steal(): void {
    if (this.#closed || this.holding) return; // granted meanwhile (the holder went)
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
      this.#talk?.settled();
      return new Promise<void>((release) => {
        this.#release = release;
        this.#tell('granted');
      });
    }).catch(() => {
      // Rejected: a waiting request this page gave up (abort), or a held lock another page stole.
      if (!held || this.#closed) return;
      this.#release = undefined;
      this.#talk?.settled();
      this.#tell('lost');
      this.#wait();
    });
  }

  /** Runs `work` with the take-over talk, loading it the first time (in order: each waits for the one before); `failed` when it will not load. */
  #withTalk(work: (talk: TakeOverTalk) => void, failed: (error: unknown) => void): void {
    this.#talkLoading ??= import('./phone-tab-take-over.ts').then(({ TakeOverTalk }) => {
      this.#talk = new TakeOverTalk({
        id: this.#id,
        clock: this.#clock,
        holding: () => this.holding,
        post: (message) => this.#post(message),
        steal: () => this.#steal(),
        tell: (event) => this.#tell(event),
      });
      return this.#talk;
    });
    this.#talkLoading.then(
      (talk) => {
        if (!this.#closed) work(talk);
      },
      (error: unknown) => {
        this.#talkLoading = undefined; // not loaded (the network): tried again next time
        failed(error);
      },
    );
  }

  #post(message: TabMessage): void {
    try {
      this.#channel?.postMessage(message);
    } catch {
      // a closed channel (the page is going): nobody left to tell
    }
  }

  #tell(event: PhoneTabLockEvent, problem?: unknown): void {
    if (!this.#closed) this.#listener.phoneTab(event, ...(problem === undefined ? [] : [problem]));
  }
}
