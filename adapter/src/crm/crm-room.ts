/**
 * The crm room as the controller sees it (its `CrmPort`): caller lookup on the org's REST
 * API, the screen-pop decision, the Task for an interaction, and Task writes through the
 * durable outbox. Holds the current connection, so a renewed Salesforce session reaches
 * lookups and queued writes alike.
 */
import type { Interaction } from '../model/interaction.ts';
import type { CrmConnection } from './crm-connection.ts';
import type { ActivityOutbox } from './activity-outbox.ts';
import { activityFromInteraction } from './activity-log.ts';
import type { TaskFields } from './activity-log.ts';
import { lookUpCaller } from './caller-lookup.ts';
import type { CallerIdentity } from './caller-lookup.ts';
import { decideScreenPop } from './screen-pop-decision.ts';
import type { ScreenPopDecision } from './screen-pop-decision.ts';

/** What the crm room is built from. */
export interface CrmRoomOptions {
  readonly connection: CrmConnection;
  /** The outbox; give it the same connection (or call `setConnection` here, which does). */
  readonly outbox: ActivityOutbox;
  /** ISO 3166 alpha-2 country for numbers without a country code ('US'). */
  readonly defaultCountry: string;
}

/** Implements the controller's CrmPort over jsforce and the activity outbox. */
export class CrmRoom {
  #connection: CrmConnection;
  readonly #outbox: ActivityOutbox;
  readonly #defaultCountry: string;

  constructor(options: CrmRoomOptions) {
    this.#connection = options.connection;
    this.#outbox = options.outbox;
    this.#defaultCountry = options.defaultCountry;
  }

  /** One SOSL request for the caller's number (none when it has nothing searchable). */
  lookUpCaller(callerNumber: string): Promise<CallerIdentity> {
    return lookUpCaller(this.#connection, callerNumber, this.#defaultCountry);
  }

  /** See screen-pop-decision.ts. */
  decideScreenPop(identity: CallerIdentity, callerNumber: string): ScreenPopDecision {
    return decideScreenPop(identity, callerNumber);
  }

  /** See activity-log.ts. */
  activityFromInteraction(interaction: Interaction, links: { whoId?: string; whatId?: string }, at: number): TaskFields {
    return activityFromInteraction(interaction, links, at);
  }

  /** Queues the Task in the durable outbox; resolves once it is stored. Progress goes to the outbox listener. */
  logActivity(interactionId: string, fields: TaskFields): Promise<void> {
    return this.#outbox.enqueue(interactionId, fields);
  }

  /** Loads jsforce now, so the first lookup does not wait for it. */
  preload(): Promise<void> {
    return this.#connection.preload();
  }

  /** A renewed session: lookups use it, and held Task writes are retried with it. */
  setConnection(connection: CrmConnection): void {
    this.#connection = connection;
    this.#outbox.setConnection(connection);
  }
}
