/**
 * The SIP edge's queues (hunt groups): a queue is a SIP address (sip:queue-sales@<domain>) whose
 * INVITEs Kamailio offers to the queue's agents one at a time, in the listed order, each for the
 * queue's ring time (kamailio.cfg route[QUEUE]; docs/sip-edge.md, "Queues").
 *
 * Kamailio reads them from `queues.list`, a db_text table loaded into the `queues` htable at
 * start. db_text allows no comments: the first line names the columns, each other line is one
 * queue, fields separated by ':', members by one space, in hunt order:
 *
 *   queue(str) ring_seconds(int) members(str)
 *   queue-sales:15:agent1 emile.durand
 *
 * The launcher (kamailio.ts) writes the file it is given into the run folder; without one it
 * runs the shipped scripts/sip-server/queues.list, which this module reads and checks.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The shipped queues, for the local console and for kamailio.cfg run without the launcher. */
export const SHIPPED_QUEUES_FILE = join(dirname(fileURLToPath(import.meta.url)), 'queues.list');

/** The db_text header line: the columns kamailio.cfg's htable reads (`cols='queue,ring_seconds,members'`). */
export const QUEUES_HEADER = 'queue(str) ring_seconds(int) members(str)';

/** Most members a queue may list: kamailio.cfg's route[QUEUE_NEXT] looks this far (QUEUE_MAX_MEMBERS). */
export const MAX_QUEUE_MEMBERS = 32;

/** One queue: its SIP user, the agents' SIP users in hunt order, and how long each rings. */
export interface QueueDefinition {
  /** The queue's SIP user: callers INVITE sip:<address>@<domain> (e.g. queue-sales). */
  readonly address: string;
  /** The agents' SIP users (ContactPad_SIP_User__c), rung one at a time in this order. */
  readonly members: readonly string[];
  /** How long each member rings before the next is tried, in seconds (1-300). */
  readonly ringSeconds: number;
}

const SIP_USER = /^[A-Za-z0-9._~+-]{1,64}$/;

/** Checks one queue; throws an error naming the queue and what is wrong. */
function checkQueue(queue: QueueDefinition): QueueDefinition {
  const name = JSON.stringify((queue as { address?: unknown }).address);
  if (typeof queue.address !== 'string' || !SIP_USER.test(queue.address)) throw new Error(`queue ${name}: the address must be a SIP user (letters, digits, . _ ~ + -)`);
  if (!Number.isInteger(queue.ringSeconds) || queue.ringSeconds < 1 || queue.ringSeconds > 300) {
    throw new Error(`queue ${name}: ringSeconds must be a whole number from 1 to 300, got ${String(queue.ringSeconds)}`);
  }
  if (!Array.isArray(queue.members) || queue.members.length === 0 || queue.members.length > MAX_QUEUE_MEMBERS) {
    throw new Error(`queue ${name}: members must list 1 to ${MAX_QUEUE_MEMBERS} SIP users`);
  }
  for (const member of queue.members) {
    if (typeof member !== 'string' || !SIP_USER.test(member)) throw new Error(`queue ${name}: member ${JSON.stringify(member)} is not a SIP user`);
  }
  if (new Set(queue.members).size !== queue.members.length) throw new Error(`queue ${name}: a member is listed twice`);
  return queue;
}

/** The queues.list text for `queues` (checked: addresses unique, members SIP users). */
export function queuesListText(queues: readonly QueueDefinition[]): string {
  if (!Array.isArray(queues)) throw new Error('queues must be a list');
  const addresses = new Set<string>();
  const rows = queues.map((queue) => {
    checkQueue(queue);
    if (addresses.has(queue.address)) throw new Error(`queue ${JSON.stringify(queue.address)} is listed twice`);
    addresses.add(queue.address);
    return `${queue.address}:${queue.ringSeconds}:${queue.members.join(' ')}`;
  });
  return `${[QUEUES_HEADER, ...rows].join('\n')}\n`;
}

/** Reads a queues.list text; throws with the line number of the first line it cannot take. */
export function parseQueuesList(text: string): QueueDefinition[] {
  const lines = text.split(/\r?\n/);
  if (lines[0]?.trim() !== QUEUES_HEADER) throw new Error(`queues.list: the first line must be "${QUEUES_HEADER}"`);
  const queues: QueueDefinition[] = [];
  lines.slice(1).forEach((line, index) => {
    if (line.trim() === '') return;
    const match = /^([^:]+):(\d+):(.+)$/.exec(line);
    if (!match) throw new Error(`queues.list line ${index + 2}: expected <queue>:<ring seconds>:<member> <member>..., got ${JSON.stringify(line)}`);
    try {
      queues.push(checkQueue({ address: match[1]!, ringSeconds: Number(match[2]), members: match[3]!.trim().split(/\s+/) }));
    } catch (error) {
      throw new Error(`queues.list line ${index + 2}: ${error instanceof Error ? error.message : String(error)}`);
    }
  });
  queuesListText(queues);
  return queues;
}

/** The shipped queues (scripts/sip-server/queues.list). */
export function shippedQueues(): QueueDefinition[] {
  return parseQueuesList(readFileSync(SHIPPED_QUEUES_FILE, 'utf8'));
}
