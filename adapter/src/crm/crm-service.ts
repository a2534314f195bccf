/**
 * The crm room as the controller holds it, loaded lazily: the caller lookup (with
 * libphonenumber's metadata), the connection and the outbox arrive in a chunk of their own,
 * and jsforce itself in a script of its own, so neither weighs on the ring-and-answer path.
 * The pure parts (screen-pop decision, Task fields) are small and load with the controller.
 */
import type { CallerIdentity } from './caller-lookup.ts';
import type { TaskFields } from './activity-log.ts';
import { activityFromInteraction } from './activity-log.ts';
import { decideScreenPop, type ScreenPopDecision } from './screen-pop-decision.ts';
import type { OutboxState } from './activity-outbox.ts';
import type { CrmRoom } from './crm-room.ts';
import type { Interaction } from '../model/interaction.ts';
import type { ContactPadSettings } from '../model/settings.ts';
import type { ContactPadError } from '../model/errors.ts';

/** The Salesforce session the host page hands over. */
export interface CrmSession {
  readonly instanceUrl: string;
  readonly accessToken: string;
  readonly jsforceUrl: string;
}

export interface CrmServiceOptions {
  readonly session: CrmSession;
  readonly settings: ContactPadSettings;
  /** Progress of each Task write (saving, saved, retrying). */
  readonly activityState: (interactionId: string, state: OutboxState, error?: ContactPadError) => void;
  readonly onError: (error: unknown) => void;
  /** IndexedDB database of the outbox (tests isolate with their own). */
  readonly outboxDatabase?: string;
}

/** Salesforce REST API version ContactPad speaks. */
export const API_VERSION = '62.0';

/** What the controller asks of the crm room. */
export interface CrmService {
  lookUpCaller(callerNumber: string): Promise<CallerIdentity>;
  decideScreenPop(identity: CallerIdentity, callerNumber: string): ScreenPopDecision;
  activityFromInteraction(interaction: Interaction, links: { whoId?: string; whatId?: string }, at: number): TaskFields;
  /** Queues the Task in the durable outbox; resolves once it is stored. */
  logActivity(interactionId: string, fields: TaskFields): Promise<void>;
  /** Loads the room and jsforce now (after registration), so the first lookup does not wait. */
  preload(): Promise<void>;
}

export function createCrmService(options: CrmServiceOptions): CrmService {
  let room: Promise<CrmRoom> | undefined;
  const loadRoom = (): Promise<CrmRoom> => {
    room ??= import('./crm-room-factory.ts').then((factory) =>
      factory.createCrmRoom({
        session: options.session,
        apiVersion: API_VERSION,
        timeoutMs: options.settings.lookupTimeoutMs,
        defaultCountry: options.settings.defaultCountry,
        outboxDatabase: options.outboxDatabase ?? 'contactpad-activity-outbox',
        listener: options.activityState,
      }),
    );
    room.catch(() => (room = undefined)); // a failed load is tried again next time
    return room;
  };
  return {
    lookUpCaller: async (callerNumber) => (await loadRoom()).lookUpCaller(callerNumber),
    decideScreenPop,
    activityFromInteraction,
    logActivity: async (interactionId, fields) => (await loadRoom()).logActivity(interactionId, fields),
    preload: async () => {
      await (await loadRoom()).preload();
    },
  };
}
