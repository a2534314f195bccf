/**
 * Which work is a call. Voice, video and callbacks arrive as a SIP call (live work, VCC
 * terms): the agent rejects them at once, consults and transfers them by calling another
 * phone, and their pop shows Call To (and Ad Source, but for a video call's pop). Chats, emails and cases come through
 * Omni-Channel: the agent declines them with a reason, and an email or a case can be
 * transferred to anyone, agent or service.
 */
import type { Channel } from '../../adapter/src/store.ts';

const CALL_CHANNELS: ReadonlySet<Channel> = new Set<Channel>(['voice', 'video', 'callback']);

/** Whether work on `channel` is a call (voice, video, callback) rather than Omni-Channel work (chat, email, case). */
export function isCall(channel: Channel): boolean {
  return CALL_CHANNELS.has(channel);
}
