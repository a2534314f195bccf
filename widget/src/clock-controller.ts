/**
 * A Lit reactive controller that re-renders its host once a second while the host says
 * something on screen is counting (time in state, wrap-up countdown, retry countdown),
 * and not at all otherwise: an idle panel open 8 hours a day costs no timers.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Clock } from './clock.ts';

/** An element that owns a clock (its `clock` property). */
export interface ClockHost extends ReactiveControllerHost {
  readonly clock: Clock;
}

/** Ticks the host every second while `shouldTick()` holds and the host is in the document. */
export class ClockController implements ReactiveController {
  readonly #host: ClockHost;
  readonly #shouldTick: () => boolean;
  #connected = false;
  #stop: (() => void) | undefined;
  #runningOn: Clock | undefined;

  constructor(host: ClockHost, shouldTick: () => boolean) {
    this.#host = host;
    this.#shouldTick = shouldTick;
    host.addController(this);
  }

  /** The current time from the host's clock (epoch ms). */
  now(): number {
    return this.#host.clock.now();
  }

  /** Whether a timer is running now (for tests and diagnostics). */
  get ticking(): boolean {
    return this.#stop !== undefined;
  }

  hostConnected(): void {
    this.#connected = true;
    this.#sync();
  }

  hostUpdated(): void {
    this.#sync();
  }

  hostDisconnected(): void {
    this.#connected = false;
    this.#halt();
  }

  #sync(): void {
    const wanted = this.#connected && this.#shouldTick();
    const clock = this.#host.clock;
    if (!wanted) {
      this.#halt();
      return;
    }
    if (this.#stop && this.#runningOn === clock) return;
    this.#halt();
    this.#runningOn = clock;
    this.#stop = clock.every(1000, () => this.#host.requestUpdate());
  }

  #halt(): void {
    this.#stop?.();
    this.#stop = undefined;
    this.#runningOn = undefined;
  }
}
