import { expect } from '@open-wc/testing';
import { PhoneTabLock, type PhoneTabLockEvent } from './phone-tab-lock.ts';
import { ANSWER_WITHIN_MS, readMessage } from './phone-tab-take-over.ts';
import { FakeClock } from '../../test-support/fake-clock.ts';
import { waitFor } from '../../test-support/wait-for.ts';

/*
 * The election among the agent's pages, with the browser's own Web Locks and BroadcastChannel:
 * two (or three) PhoneTabLocks in this one page compete for the same lock name exactly as the
 * console's tabs and windows do (locks and channels are per origin, not per page). Closing a
 * lock is what the page's end does on its own.
 */

/** One page of the agent: its election and what it heard. */
class Page {
  readonly heard: PhoneTabLockEvent[] = [];
  readonly clock = new FakeClock();
  readonly lock: PhoneTabLock;

  constructor(name: string) {
    this.lock = new PhoneTabLock({ name, listener: { phoneTab: (event) => this.heard.push(event) }, clock: this.clock });
  }

  /** Waits until it has heard `events` (in order, from the start). */
  async hears(...events: PhoneTabLockEvent[]): Promise<void> {
    await waitFor(`${events.join(', ')} (heard: ${this.heard.join(', ')})`, () => events.every((event, i) => this.heard[i] === event));
  }
}

describe('PhoneTabLock: the one page of the agent with the phone', () => {
  let pages: Page[] = [];
  let run = 0;

  /** Pages of one agent (a fresh lock name per test), each started in turn once the one before has its answer. */
  async function open(count: number): Promise<Page[]> {
    const name = `contactpad-phone-test-${Date.now()}-${++run}`;
    const opened = Array.from({ length: count }, () => new Page(name));
    pages.push(...opened);
    for (const page of opened) {
      page.lock.start();
      await waitFor('the election to answer', () => page.heard.length > 0);
    }
    return opened;
  }

  afterEach(() => {
    for (const page of pages) page.lock.close();
    pages = [];
  });

  it('grants the phone to the first page, tells the second it is held elsewhere, and hands it over when the first closes', async () => {
    const [first, second] = await open(2);
    expect(first!.heard).to.deep.equal(['granted']);
    expect(first!.lock.holding).to.equal(true);
    expect(second!.heard).to.deep.equal(['held-elsewhere']);
    expect(second!.lock.holding).to.equal(false);

    first!.lock.close();
    await second!.hears('held-elsewhere', 'granted');
    expect(second!.lock.holding).to.equal(true);
  });

  it('takes the phone over on purpose: the holder is asked, hands over once its phone stopped, and loses it', async () => {
    const [holder, asker] = await open(2);
    asker!.lock.takeOver();
    await holder!.hears('granted', 'asked');
    expect(asker!.heard).to.deep.equal(['held-elsewhere'], 'nothing is taken before the holder agreed');

    holder!.lock.handOver();
    await asker!.hears('held-elsewhere', 'granted');
    await holder!.hears('granted', 'asked', 'lost');
    expect([holder!.lock.holding, asker!.lock.holding]).to.deep.equal([false, true]);

    // The page that stepped down waits in line again: it gets the phone back when the asker closes.
    asker!.lock.close();
    await holder!.hears('granted', 'asked', 'lost', 'granted');
  });

  it('a holder that refuses (a call is live there) keeps the phone, and the asker hears refused and waits in line', async () => {
    const [holder, asker] = await open(2);
    asker!.lock.takeOver();
    await holder!.hears('granted', 'asked');
    holder!.lock.refuse();
    await asker!.hears('held-elsewhere', 'refused');
    expect(holder!.lock.holding).to.equal(true);
    expect(asker!.clock.pending).to.have.length(0, 'no wait left to steal the phone later');

    holder!.lock.close();
    await asker!.hears('held-elsewhere', 'refused', 'granted');
  });

  it('takes the phone from a holder that does not answer within ANSWER_WITHIN_MS (a hung page)', async () => {
    const [holder, asker] = await open(2);
    asker!.lock.takeOver();
    await holder!.hears('granted', 'asked');
    expect(asker!.clock.delays).to.deep.equal([ANSWER_WITHIN_MS]);
    asker!.clock.advance(ANSWER_WITHIN_MS - 1);
    expect(asker!.heard).to.deep.equal(['held-elsewhere']);

    asker!.clock.advance(1);
    await asker!.hears('held-elsewhere', 'granted');
    await holder!.hears('granted', 'asked', 'lost');
  });

  it('keeps the phone when the page that asked never takes it (closed meanwhile)', async () => {
    const [holder, asker] = await open(2);
    asker!.lock.takeOver();
    await holder!.hears('granted', 'asked');
    asker!.lock.close();
    holder!.lock.handOver();
    expect(holder!.clock.delays).to.deep.equal([ANSWER_WITHIN_MS]);
    holder!.clock.advance(ANSWER_WITHIN_MS);
    expect(holder!.heard).to.deep.equal(['granted', 'asked', 'kept']);
    expect(holder!.lock.holding).to.equal(true);
  });

  it('with three pages, the phone goes to the page that asked for it, not to the one first in line', async () => {
    const [holder, waiting, asker] = await open(3);
    expect(waiting!.heard).to.deep.equal(['held-elsewhere']);
    asker!.lock.takeOver();
    await holder!.hears('granted', 'asked');
    // Only the page holding the phone answers a take-over; the one waiting in line ignores it.
    expect(waiting!.heard).to.deep.equal(['held-elsewhere']);
    holder!.lock.handOver();
    await asker!.hears('held-elsewhere', 'granted');
    await holder!.hears('granted', 'asked', 'lost');
    expect(waiting!.heard).to.deep.equal(['held-elsewhere']);
    expect(pages.filter((page) => page.lock.holding)).to.deep.equal([asker]);
  });

  it('without Web Locks (an older browser) every page has its phone, as before', () => {
    const heard: PhoneTabLockEvent[] = [];
    const lock = new PhoneTabLock({ name: 'contactpad-phone-no-locks', listener: { phoneTab: (event) => heard.push(event) }, locks: undefined });
    lock.start();
    expect(heard).to.deep.equal(['granted']);
    lock.takeOver();
    expect(heard).to.deep.equal(['granted']);
  });

  it('reads only the messages of its own shape from the channel (another origin cannot post there; another version might)', () => {
    expect(readMessage({ kind: 'take-over', from: 'page-1' })).to.deep.equal({ kind: 'take-over', from: 'page-1' });
    expect(readMessage({ kind: 'hand-over', to: 'page-1', extra: true })).to.deep.equal({ kind: 'hand-over', to: 'page-1' });
    for (const wrong of [null, 'take-over', { kind: 'take-over' }, { kind: 'refuse', to: '' }, { kind: 'refuse', to: 'x'.repeat(65) }, { kind: 'steal', to: 'page-1' }, { kind: 'take-over', from: 7 }]) {
      expect(readMessage(wrong), JSON.stringify(wrong)).to.equal(undefined);
    }
  });
});
