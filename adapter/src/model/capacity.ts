/**
 * Capacity (Omni-Channel "capacity", Vonage "interaction capacity"): how many interactions of
 * each kind the agent may hold at once, for example one call and three chats. An interaction
 * occupies capacity from the moment it is offered (alerting) until it is released: Wrap Up and
 * the ends free it.
 */
import { ContactPadError } from './errors.ts';
import type { Channel, Interaction, InteractionState } from './interaction.ts';

/** The most interactions of each kind at once. Video calls have their own; callbacks count as voice. */
export interface Capacity {
  readonly voice: number;
  readonly video: number;
  readonly chat: number;
  readonly email: number;
  readonly case: number;
}

/** The capacity bucket an interaction counts against. */
export type CapacityBucket = keyof Capacity;

const BUCKET_OF: Readonly<Record<Channel, CapacityBucket>> = Object.freeze({
  voice: 'voice',
  video: 'video',
  callback: 'voice',
  chat: 'chat',
  email: 'email',
  case: 'case',
});

/** The bucket of a channel: voice and callback share `voice`, video calls count as `video`. Undefined for an unknown channel. */
export function capacityBucket(channel: Channel): CapacityBucket | undefined {
  return Object.hasOwn(BUCKET_OF, channel) ? BUCKET_OF[channel] : undefined;
}

/** True for the states that hold capacity: alerting, connected and held (not wrap-up, not the ends). */
export function occupiesCapacity(state: InteractionState): boolean {
  return state === 'alerting' || state === 'connected' || state === 'held';
}

/** How many of `interactions` occupy the bucket `channel` counts against. */
export function capacityUsed(interactions: readonly Pick<Interaction, 'channel' | 'state'>[], channel: Channel): number {
  const bucket = capacityBucket(channel);
  if (bucket === undefined) return 0;
  return interactions.filter((interaction) => capacityBucket(interaction.channel) === bucket && occupiesCapacity(interaction.state)).length;
}

/**
 * True when one more interaction on `channel` fits: fewer than `capacity[bucket]` interactions
 * of that bucket occupy capacity now. A capacity that is not a whole number >= 0 counts as 0;
 * an unknown channel never fits.
 */
export function hasCapacityFor(capacity: Capacity, interactions: readonly Pick<Interaction, 'channel' | 'state'>[], channel: Channel): boolean {
  const bucket = capacityBucket(channel);
  if (bucket === undefined) return false;
  return capacityUsed(interactions, channel) < limit(capacity[bucket]);
}

/**
 * Throws CAPACITY_EXCEEDED ("Already handling 3 of 3 chat interactions") unless
 * {@link hasCapacityFor}; for callers that must refuse the work (decline the work item,
 * answer 486 Busy Here).
 */
export function requireCapacityFor(capacity: Capacity, interactions: readonly Pick<Interaction, 'channel' | 'state'>[], channel: Channel): void {
  if (hasCapacityFor(capacity, interactions, channel)) return;
  const bucket = capacityBucket(channel);
  const used = capacityUsed(interactions, channel);
  const max = bucket === undefined ? 0 : limit(capacity[bucket]);
  throw new ContactPadError('CAPACITY_EXCEEDED', `Already handling ${used} of ${max} ${bucket ?? String(channel)} interactions`, {
    detail: { channel: String(channel), used, capacity: max },
  });
}

/** The capacity the settings give (capacityVoice, capacityVideo, capacityChat, capacityEmail, capacityCase). */
export function capacityFromSettings(settings: {
  readonly capacityVoice: number;
  readonly capacityVideo: number;
  readonly capacityChat: number;
  readonly capacityEmail: number;
  readonly capacityCase: number;
}): Capacity {
  return Object.freeze({
    voice: settings.capacityVoice,
    video: settings.capacityVideo,
    chat: settings.capacityChat,
    email: settings.capacityEmail,
    case: settings.capacityCase,
  });
}

function limit(value: number): number {
  return Number.isInteger(value) && value > 0 ? value : 0;
}
