/**
 * The activity outbox's rig: outboxes on throwaway IndexedDB databases (closed and deleted
 * after each test) over the fake org, on the clock the test gives (the one fake clock,
 * fake-clock.ts), the listener's events, and an ended call and its Task.
 */
import type { Clock } from '../src/model/clock.ts';
import type { ContactPadError } from '../src/model/errors.ts';
import type { Interaction } from '../src/model/interaction.ts';
import { activityFromInteraction } from '../src/crm/activity-log.ts';
import type { TaskFields } from '../src/crm/activity-log.ts';
import { ActivityOutbox } from '../src/crm/activity-outbox.ts';
import type { ActivityOutboxOptions, OutboxState } from '../src/crm/activity-outbox.ts';
import { connectTo, type FakeOrgSession } from './fake-org.ts';

/** 2026-11-22 10:02:03 UTC, when every test's calls start. */
export const T0 = Date.UTC(2026, 10, 22, 10, 2, 3);

/** An ended inbound call, answered after 2 s, released after a minute. */
export function endedCall(id: string, notes = 'Called about a quote.'): Interaction {
  return {
    id,
    channel: 'voice',
    direction: 'inbound',
    callerName: 'Maria Lopez',
    callerNumber: '+1 415 555 0100',
    queue: '',
    location: '',
    adSource: '',
    state: 'ended',
    offeredAt: T0,
    answeredAt: T0 + 2_000,
    releasedAt: T0 + 62_000,
    journey: [{ at: T0, kind: 'offered' }],
    disposition: 'Resolved',
    notes,
  };
}

/** The Task for {@link endedCall}. */
export function task(id: string, notes = 'Called about a quote.', links: { whoId?: string; whatId?: string } = {}): TaskFields {
  return activityFromInteraction(endedCall(id, notes), links, T0 + 70_000, '+14155550100');
}

/** One listener call. */
export interface OutboxEvent {
  id: string;
  state: OutboxState;
  code?: string;
}

const opened: ActivityOutbox[] = [];
const databases: string[] = [];

/** A fresh database name, deleted by {@link cleanUpOutboxes}. */
export function databaseName(): string {
  const name = `contactpad-outbox-test-${crypto.randomUUID()}`;
  databases.push(name);
  return name;
}

/**
 * An outbox writing to `session` on `clock` (a FakeClock in the tests), recording the listener's calls in
 * `events`. Its jitter draws the top of each backoff window (`random: () => 1`), so every
 * wait is the window itself (2 s, 4 s, 8 s...) unless `extra` gives a random source.
 */
export function newOutbox(
  session: FakeOrgSession | undefined,
  clock: Clock,
  events: OutboxEvent[],
  name: string,
  extra: Partial<ActivityOutboxOptions> = {},
): ActivityOutbox {
  const outbox = new ActivityOutbox({
    databaseName: name,
    ...(session ? { connection: connectTo(session) } : {}),
    clock,
    random: () => 1,
    listener: (id, state, error?: ContactPadError) => events.push(error ? { id, state, code: error.code } : { id, state }),
    ...extra,
  });
  opened.push(outbox);
  return outbox;
}

/** Closes every outbox a test opened and deletes its databases (call in afterEach). */
export async function cleanUpOutboxes(): Promise<void> {
  for (const outbox of opened.splice(0)) outbox.close();
  for (const name of databases.splice(0)) {
    await new Promise((resolve) => {
      const request = indexedDB.deleteDatabase(name);
      request.onsuccess = request.onerror = request.onblocked = () => resolve(undefined);
    });
  }
}

/** The last event for an interaction. */
export const last = (events: readonly OutboxEvent[], id: string): OutboxEvent | undefined => [...events].reverse().find((e) => e.id === id);
