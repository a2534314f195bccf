/**
 * The console's softphone panel: shown when new work is offered and the agent has it closed
 * (a ringing call, a chat that alerts). On the ring path; the screen-pop desk loads later.
 */
import type { NoticeDesk } from './notice-desk.ts';
import type { Rooms } from './ports.ts';

/** Shows the softphone panel when the console has it closed; a console that cannot say is told nothing. */
export function revealPanel(rooms: Rooms, notices: NoticeDesk): void {
  const host = rooms.host;
  if (!host) return;
  host
    .isPanelVisible()
    .then((visible) => (visible ? undefined : host.showPanel()))
    .catch((error: unknown) => notices.notify(error));
}
