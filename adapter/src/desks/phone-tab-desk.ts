/**
 * This page and the agent's phone: which of the agent's tabs or windows registers and rings
 * (the election: host/phone-tab-lock.ts; the table: model/phone-tab.ts), and what becomes of
 * the calls when this page goes.
 *
 *   start          -> electing -> active-here (the phone registers while not Offline)
 *                              -> active-elsewhere ("Phone active in another tab or window")
 *   Use the phone here -> taking-over -> the other page steps down -> active-here
 *                                     -> a call is live there: refused, a notice
 *   asked by another page -> a call live here: refused; else the phone stops, handed over
 *   page going (pagehide) -> answered calls to wrap up (drafts kept), every call hung up, unregistered
 *
 * Without an election attached (a test, a host without one) the page has the phone, as before.
 */
import { ContactPadError } from '../model/errors.ts';
import { isFinished, isInProgress } from '../model/interaction-state.ts';
import { PAGE_LEFT, phoneRunsHere, transitionPhoneTab, type PhoneTabEvent, type PhoneTabState } from '../model/phone-tab.ts';
import type { PhoneTabLockEvent } from '../host/phone-tab-lock.ts';
import type { Store } from '../store.ts';
import type { LoadedOnce } from './loaded-once.ts';
import type { NoticeDesk } from './notice-desk.ts';
import type { PhoneTabPort, Rooms } from './ports.ts';
import type { ViewDesk } from './view-desk.ts';
import type { VoiceDesk } from './voice-desk.ts';
import type { WrapUpDesk } from './wrap-up-desk.ts';

/** The desks this one works with. */
export interface PhoneTabDeskParts {
  readonly store: Store;
  readonly rooms: Rooms;
  readonly view: ViewDesk;
  readonly voice: VoiceDesk;
  readonly notices: NoticeDesk;
  readonly wrapUp: LoadedOnce<WrapUpDesk>;
}

export class PhoneTabDesk {
  readonly #parts: PhoneTabDeskParts;
  readonly #gotPhone: (() => void)[] = [];

  constructor(parts: PhoneTabDeskParts) {
    this.#parts = parts;
  }

  /** Whether this page has the agent's phone now. */
  get here(): boolean {
    return phoneRunsHere(this.#state);
  }

  get #state(): PhoneTabState {
    return this.#parts.store.snapshot.phoneTab;
  }

  /** Hears each time this page gets the phone (at start, or from another page later). */
  onPhoneHere(listener: () => void): void {
    this.#gotPhone.push(listener);
  }

  /** The election is there: the phone waits for its answer, and the page asks for it. */
  attach(port: PhoneTabPort): void {
    this.#parts.rooms.phoneTab = port;
    this.#show('electing');
    void this.#parts.voice.phoneHere(false);
    port.start();
  }

  /** The election's news; `problem`: why a take-over could not be asked at all (refused then). */
  event(event: PhoneTabLockEvent, problem?: unknown): void {
    if (event === 'asked') {
      this.#asked();
      return;
    }
    this.#move(event);
    if (event === 'refused') {
      this.#parts.notices.notify(
        problem ?? new ContactPadError('PHONE_TAKE_OVER_REFUSED', 'The phone stays in the other tab or window: a call is live there. Finish it there, then use the phone here.'),
      );
    }
  }

  /** "Use the phone here": the page with the phone is asked to step down. */
  takeOver(): void {
    const port = this.#parts.rooms.phoneTab;
    if (!port) return;
    this.#move('take-over');
    port.takeOver();
  }

  /**
   * The page is going (pagehide: a reload, the tab or window closed): no call may stay up with
   * nobody on this side. Each answered call goes to wrap up now, its draft kept, so the page
   * with the phone next shows it and logs its Task once; then the phone hangs up every call
   * (BYE; a ringing one refused, one being placed cancelled) and unregisters, all sent at once
   * while the WebSocket is still open.
   */
  leaving(): void {
    const { view, wrapUp, rooms, notices } = this.#parts;
    for (const { id, interaction, facts } of view.all()) {
      if (facts.work || !isInProgress(interaction.state)) continue;
      wrapUp.run((desk) => desk.enter(id, 'released', PAGE_LEFT), (error) => notices.notify(error));
    }
    rooms.phone?.leave();
  }

  /** Another page wants the phone: never while a call is live here (it would be cut); else this page's phone stops first. */
  #asked(): void {
    const port = this.#parts.rooms.phoneTab;
    if (!port) return;
    if (this.#hasLiveCall()) {
      port.refuse();
      return;
    }
    this.#move('asked');
    this.#parts.voice.phoneHere(false).then(() => port.handOver(), (error: unknown) => this.#parts.notices.notify(error));
  }

  /** A call rings, is up or on hold (a chat, an email or a case goes on in any page). */
  #hasLiveCall(): boolean {
    return this.#parts.view.all().some(({ interaction, facts }) => !facts.work && !isFinished(interaction.state) && interaction.state !== 'wrap-up');
  }

  #move(event: PhoneTabEvent): void {
    const from = this.#state;
    const to = transitionPhoneTab(from, event);
    this.#show(to);
    // Stepping down waits for the phone to stop (#asked); every other move starts or stops it here.
    if (event !== 'asked') void this.#parts.voice.phoneHere(phoneRunsHere(to));
    if (phoneRunsHere(to) && !phoneRunsHere(from)) for (const listener of this.#gotPhone) listener();
  }

  #show(state: PhoneTabState): void {
    this.#parts.store.update((s) => (s.phoneTab === state ? s : { ...s, phoneTab: state }));
  }
}
