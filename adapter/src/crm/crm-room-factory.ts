/**
 * Builds the crm room: the jsforce connection from the host's session, the durable outbox
 * (replaying writes left by a reload), and the room over both. Loaded as its own chunk.
 */
import { CrmConnection, type SessionState } from './crm-connection.ts';
import { ContactPadError } from '../model/errors.ts';
import { ActivityOutbox, type OutboxListener } from './activity-outbox.ts';
import { CrmRoom } from './crm-room.ts';
import { RememberedChoices } from './remembered-choices.ts';
import { RecentActivity } from './recent-activity.ts';
import type { AgentIdentity } from '../model/agent-identity.ts';

export interface CrmRoomFactoryOptions {
  readonly session: { readonly instanceUrl: string; readonly accessToken: string };
  readonly apiVersion: string;
  readonly timeoutMs: number;
  readonly defaultCountry: string;
  readonly outboxDatabase: string;
  readonly listener: OutboxListener;
  /** localStorage key of the agent's remembered picks (tests isolate with their own). */
  readonly rememberedChoicesKey?: string;
  /** localStorage key of what this browser logged lately (recent-activity.ts): one per org and user. */
  readonly recentActivityKey: string;
  /** The logged-in agent: their SIP user is left out of the directory; their ids find their presence configuration. */
  readonly agent?: AgentIdentity;
  /** Told when Salesforce stops or starts taking the session again: `notice` is what the agent reads while it is expired. */
  readonly sessionState?: (state: SessionState, notice?: ContactPadError) => void;
  /** Told each time Salesforce answers a request of the room's connection (CrmConnection.onAnswer). */
  readonly salesforceAnswered?: () => void;
}

/** What the agent reads when Salesforce answered 401 INVALID_SESSION_ID: what happened, what waits, what to do. */
export function sessionExpiredNotice(error: ContactPadError | undefined): ContactPadError {
  return new ContactPadError(
    'CRM_SESSION_EXPIRED',
    'Your Salesforce session expired, so ContactPad cannot save activity to Salesforce right now. Calls still ring, and nothing is lost: the Tasks wait in this browser and are saved as soon as Salesforce accepts a request again. If this lasts, log in to Salesforce again and reload the console.',
    { ...(error ? { cause: error, detail: { ...error.detail } } : {}) },
  );
}

export async function createCrmRoom(options: CrmRoomFactoryOptions): Promise<CrmRoom> {
  const connection = new CrmConnection({ ...options.session, apiVersion: options.apiVersion, timeoutMs: options.timeoutMs });
  const told = options.sessionState;
  if (told) connection.watchSession((state, error) => told(state, state === 'expired' ? sessionExpiredNotice(error) : undefined));
  if (options.salesforceAnswered) connection.onAnswer(options.salesforceAnswered);
  // Each write's progress goes through the room (crm-room.ts outboxEvent): an outcome's to the
  // desk that logged it, any other write's to the listener. The room exists before the outbox
  // replays what a reload left, so a replayed refusal is told as the agent reads it.
  let room: CrmRoom | undefined;
  const listener: OutboxListener = (id, state, error) => room?.outboxEvent(id, state, error, options.listener);
  const outbox = new ActivityOutbox({ databaseName: options.outboxDatabase, connection, listener });
  const choices = new RememberedChoices(options.rememberedChoicesKey === undefined ? {} : { key: options.rememberedChoicesKey });
  const agent = options.agent;
  room = new CrmRoom({
    connection,
    outbox,
    defaultCountry: options.defaultCountry,
    choices,
    recent: new RecentActivity({ key: options.recentActivityKey }),
    sipUser: agent?.sipUser ?? '',
    ...(agent ? { agent: { userId: agent.userId, profileId: agent.profileId } } : {}),
  });
  await outbox.start();
  return room;
}
