/**
 * The presence mapping between ContactPad's agent states and Omni-Channel presence statuses
 * (management setting `presenceMap`, e.g. `ready=Available;not-ready=Busy;offline=Offline`).
 * The admin names presence statuses as they see them in Setup (API name or label); the org's
 * statuses (ServicePresenceStatus rows) turn a name into the id Omni-Channel wants. Offline is
 * not a presence status: it means logged out of Omni-Channel (status id null).
 */
import type { AgentStatus, AgentStatusChoice } from './agent-state.ts';
import { MAX_SETTING_TEXT, SETTINGS_PREFIX, shown } from './settings.ts';
import { sameSalesforceId } from './salesforce-id.ts';

/** One pair of the presence mapping: a ContactPad agent status and its Omni-Channel presence status. */
export interface PresenceMapEntry {
  /** The ContactPad agent status. */
  readonly status: AgentStatus;
  /** The Omni-Channel presence status (ServicePresenceStatus developer name), as the admin typed it. */
  readonly presence: string;
}

/** The mapping when the item is blank or holds nothing usable: ready=Available;not-ready=Busy;offline=Offline. */
export const DEFAULT_PRESENCE_MAP: readonly PresenceMapEntry[] = Object.freeze([
  Object.freeze({ status: 'ready', presence: 'Available' }),
  Object.freeze({ status: 'not-ready', presence: 'Busy' }),
  Object.freeze({ status: 'offline', presence: 'Offline' }),
]);

const AGENT_STATUS_NAMES: readonly AgentStatus[] = ['offline', 'ready', 'not-ready', 'busy', 'wrap-up', 'cooldown', 'inactive'];

/**
 * The call center's `presenceMap` item (its text, as settings.ts keeps it), e.g.
 * `ready=Available;not-ready=Busy`: statuses in any case, presence names as typed, in the admin's
 * order. An entry that is not status=presence, names no agent status, is too long or maps a
 * status a second time is left out, and `problems` says why; blank, or nothing usable, gives
 * {@link DEFAULT_PRESENCE_MAP}. Read by the presence desk when the console desks load.
 */
export function readPresenceMap(value: string, problems: string[]): readonly PresenceMapEntry[] {
  const fallback = DEFAULT_PRESENCE_MAP;
  const defaultText = `the default ${fallback.map((entry) => `${entry.status}=${entry.presence}`).join(';')}`;
  const name = `${SETTINGS_PREFIX}presenceMap`;
  const got = value.trim();
  if (got === '') return fallback;
  const map: PresenceMapEntry[] = [];
  for (const entry of got.split(/[;,]/)) {
    const trimmed = entry.trim();
    if (trimmed === '') continue;
    const parts = trimmed.split('=');
    const status = (parts[0] ?? '').trim().toLowerCase();
    const presence = (parts[1] ?? '').trim();
    if (parts.length !== 2 || status === '' || presence === '') {
      problems.push(`${name}: the entry ${shown(trimmed)} is not status=presence and is left out.`);
      continue;
    }
    const known = AGENT_STATUS_NAMES.find((candidate) => candidate === status);
    if (known === undefined) {
      problems.push(`${name}: ${shown(parts[0]?.trim())} is not a ContactPad agent status (${AGENT_STATUS_NAMES.join(', ')}); the entry is left out.`);
      continue;
    }
    if (/[\u0000-\u001f\u007f]/.test(presence) || presence.length > MAX_SETTING_TEXT) {
      problems.push(`${name}: the presence status for ${known} is not one line of at most ${MAX_SETTING_TEXT} characters; the entry is left out.`);
      continue;
    }
    if (map.some((earlier) => earlier.status === known)) {
      problems.push(`${name}: ${known} is mapped more than once; the first mapping is used.`);
      continue;
    }
    map.push(Object.freeze({ status: known, presence }));
  }
  if (map.length === 0) {
    problems.push(`${name} ${shown(value)} holds no usable entry. Using ${defaultText}.`);
    return fallback;
  }
  return Object.freeze(map);
}

/** An Omni-Channel presence status of the org (ServicePresenceStatus). */
export interface PresenceStatus {
  readonly id: string;
  readonly developerName: string;
  readonly label: string;
}

/** The agent's presence as Omni-Channel reports it; statusId null when logged out. */
export interface OmniPresenceNow {
  readonly statusId: string | null;
  readonly statusName: string;
}

/** Where a presence name leads: a status id, null (log out of Omni-Channel), or nowhere (unknown name). */
export type PresenceTarget = { readonly found: true; readonly statusId: string | null } | { readonly found: false };

const OFFLINE = 'offline';

function same(a: string, b: string): boolean {
  return a.trim().localeCompare(b.trim(), undefined, { sensitivity: 'accent' }) === 0;
}

/** The presence name the admin mapped `status` to; undefined when the status has no mapping (presence stays as it is). */
export function presenceNameFor(status: AgentStatus, map: readonly PresenceMapEntry[]): string | undefined {
  return map.find((entry) => entry.status === status)?.presence;
}

/**
 * The status id for a presence name: the org's status whose API name or label matches
 * (case-insensitive), else null for "Offline" (log out), else not found.
 */
export function presenceTargetFor(name: string, statuses: readonly PresenceStatus[]): PresenceTarget {
  const status = statuses.find((candidate) => same(candidate.developerName, name) || same(candidate.label, name));
  if (status) return { found: true, statusId: status.id };
  if (same(name, OFFLINE)) return { found: true, statusId: null };
  return { found: false };
}

/**
 * The state the agent chooses when Omni-Channel's presence changes: the first mapping (in the
 * admin's order) of a state the agent can choose (Ready, Not Ready, Offline) whose presence name
 * matches the status's name, API name or label. Not Ready takes the status's label as its
 * reason. Logged out maps to Offline when Offline is mapped. Undefined when nothing maps (the
 * agent's state stays as it is).
 */
export function choiceForPresence(
  presence: OmniPresenceNow,
  map: readonly PresenceMapEntry[],
  statuses: readonly PresenceStatus[],
): AgentStatusChoice | undefined {
  const choosable = map.filter((entry) => entry.status === 'ready' || entry.status === 'not-ready' || entry.status === 'offline');
  if (presence.statusId === null) {
    return choosable.some((entry) => entry.status === 'offline') ? { status: 'offline' } : undefined;
  }
  const id = presence.statusId;
  const status = statuses.find((candidate) => sameSalesforceId(candidate.id, id));
  const names = [presence.statusName, status?.developerName ?? '', status?.label ?? ''].filter((name) => name.trim() !== '');
  const entry = choosable.find((candidate) => names.some((name) => same(candidate.presence, name)));
  if (!entry) return undefined;
  if (entry.status === 'not-ready') {
    const reason = (status?.label ?? presence.statusName).trim() || entry.presence;
    return { status: 'not-ready', reason };
  }
  return { status: entry.status === 'ready' ? 'ready' : 'offline' };
}

/** True when two presence status ids name the same status (15- and 18-character ids compare equal). */
export function samePresence(a: string | null, b: string | null): boolean {
  if (a === null || b === null) return a === b;
  return sameSalesforceId(a, b);
}
