import { expect } from '@open-wc/testing';
import type { Channel, InteractionState } from './interaction.ts';
import { ContactPadError, isContactPadError } from './errors.ts';
import { thrown } from '../../test-support/thrown.ts';
import { type Capacity, capacityBucket, capacityFromSettings, capacityUsed, hasCapacityFor, occupiesCapacity, requireCapacityFor } from './capacity.ts';
import { DEFAULT_SETTINGS } from './settings.ts';

declare const describe: (title: string, body: () => void) => void;
declare const it: (title: string, body: () => void | Promise<void>) => void;

/** One call, one video call and three chats, two emails, two cases. */
const CAPACITY: Capacity = { voice: 1, video: 1, chat: 3, email: 2, case: 2 };

function work(...items: [Channel, InteractionState][]) {
  return items.map(([channel, state]) => ({ channel, state }));
}

describe('capacity', () => {
  it('counts callbacks as voice, and video calls on their own', () => {
    expect((['voice', 'video', 'callback', 'chat', 'email', 'case'] as const).map(capacityBucket)).to.deep.equal([
      'voice',
      'video',
      'voice',
      'chat',
      'email',
      'case',
    ]);
  });

  it('is held while alerting, connected or held, and freed by wrap up and every end', () => {
    const all: InteractionState[] = ['alerting', 'connected', 'held', 'wrap-up', 'ended', 'rejected', 'missed', 'failed', 'transferred', 'abandoned'];
    expect(all.filter(occupiesCapacity)).to.deep.equal(['alerting', 'connected', 'held']);
  });

  it('lets an agent with one call take up to three chats, and not a fourth', () => {
    const call = work(['voice', 'connected']);
    expect(hasCapacityFor(CAPACITY, call, 'chat')).to.equal(true);
    const twoChats = [...call, ...work(['chat', 'connected'], ['chat', 'alerting'])];
    expect(hasCapacityFor(CAPACITY, twoChats, 'chat')).to.equal(true);
    const threeChats = [...twoChats, ...work(['chat', 'connected'])];
    expect(capacityUsed(threeChats, 'chat')).to.equal(3);
    expect(hasCapacityFor(CAPACITY, threeChats, 'chat')).to.equal(false);
    expect(hasCapacityFor(CAPACITY, threeChats, 'email')).to.equal(true);
  });

  it('refuses a second call or a callback while a call is on hold', () => {
    const held = work(['voice', 'held']);
    for (const channel of ['voice', 'callback'] as const) expect(hasCapacityFor(CAPACITY, held, channel), channel).to.equal(false);
  });

  it('counts video calls against their own capacity: one video call beside a voice call, not a second video call', () => {
    const call = work(['voice', 'connected']);
    expect(hasCapacityFor(CAPACITY, call, 'video')).to.equal(true);
    const withVideo = [...call, ...work(['video', 'alerting'])];
    expect(hasCapacityFor(CAPACITY, withVideo, 'video')).to.equal(false);
    expect(hasCapacityFor(CAPACITY, work(['video', 'connected']), 'voice')).to.equal(true);
    expect(thrown(() => requireCapacityFor(CAPACITY, withVideo, 'video'))).to.have.property('message', 'Already handling 1 of 1 video interactions');
  });

  it('takes a new call while the last one is in wrap up, or after it was transferred or abandoned', () => {
    for (const state of ['wrap-up', 'transferred', 'abandoned', 'ended'] as const) {
      expect(hasCapacityFor(CAPACITY, work(['voice', state]), 'voice'), state).to.equal(true);
    }
  });

  it('takes nothing of a kind whose capacity is 0 or not a whole number', () => {
    expect(hasCapacityFor({ ...CAPACITY, case: 0 }, [], 'case')).to.equal(false);
    expect(hasCapacityFor({ ...CAPACITY, case: Number.NaN }, [], 'case')).to.equal(false);
    expect(hasCapacityFor({ ...CAPACITY, case: -2 }, [], 'case')).to.equal(false);
    expect(hasCapacityFor({ ...CAPACITY, case: 1.5 }, [], 'case')).to.equal(false);
  });

  it('never fits an unknown channel', () => {
    expect(hasCapacityFor(CAPACITY, [], 'fax' as Channel)).to.equal(false);
    expect(capacityUsed(work(['fax' as Channel, 'connected']), 'fax' as Channel)).to.equal(0);
  });

  it('refuses work beyond capacity with CAPACITY_EXCEEDED, saying how much is in use', () => {
    const chats = work(['chat', 'connected'], ['chat', 'connected'], ['chat', 'held']);
    const error = thrown(() => requireCapacityFor(CAPACITY, chats, 'chat'));
    expect(isContactPadError(error, 'CAPACITY_EXCEEDED')).to.equal(true);
    expect((error as ContactPadError).message).to.equal('Already handling 3 of 3 chat interactions');
    expect((error as ContactPadError).detail).to.deep.equal({ channel: 'chat', used: 3, capacity: 3 });
    expect(requireCapacityFor(CAPACITY, chats.slice(1), 'chat')).to.equal(undefined);
  });

  it('reads the capacity from the settings, one call, one video call and three chats by default', () => {
    expect(capacityFromSettings(DEFAULT_SETTINGS)).to.deep.equal({ voice: 1, video: 1, chat: 3, email: 2, case: 2 });
  });
});
