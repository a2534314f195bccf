/**
 * The desks that work through the console bridge: Omni-Channel work, console tabs and presence.
 * The switchboard loads this module (a chunk of its own) with the console bridge, never on the
 * path that rings and answers; a console without the bridge never loads it.
 */
import type { LoadedDesks } from './desks.ts';
import { OmniDesk } from './omni-desk.ts';
import { PresenceDesk } from './presence-desk.ts';
import { TabsDesk } from './tabs-desk.ts';

export interface ConsoleDesks {
  readonly omni: OmniDesk;
  readonly tabs: TabsDesk;
  readonly presence: PresenceDesk;
}

export function openConsoleDesks(desks: LoadedDesks): ConsoleDesks {
  const { settings, clock, store, rooms, view, agent, wrapUp, notices } = desks;
  const tabs = new TabsDesk(settings, rooms, view, wrapUp, notices);
  const omni = new OmniDesk({ settings, clock, rooms, view, agent, wrapUp, tabs, notices });
  const presence = new PresenceDesk(settings, store, rooms, agent, notices);
  return { omni, tabs, presence };
}
