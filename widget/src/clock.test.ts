import { expect } from '@open-wc/testing';
import { systemClock } from './clock.ts';

const wait = (ms: number) => new Promise((done) => setTimeout(done, ms));

describe('the browser clock the elements tick on', () => {
  it('ticks every element of the same period in one task, so the page redraws once for all of them', async () => {
    let microtaskRan = false;
    const sameTask: boolean[] = [];
    const stopList = systemClock.every(40, () => {
      microtaskRan = false;
      queueMicrotask(() => (microtaskRan = true));
    });
    await wait(15); // the second element starts later, as the call's timer does after the list
    const stopTimer = systemClock.every(40, () => sameTask.push(!microtaskRan));
    await wait(130);
    stopList();
    stopTimer();
    expect(sameTask.length).to.be.greaterThan(0);
    expect(sameTask.every(Boolean)).to.equal(true);
  });

  it('keeps ticking an element while another stops, and stops once none ticks', async () => {
    let ticks = 0;
    const stopOne = systemClock.every(30, () => undefined);
    const stopOther = systemClock.every(30, () => (ticks += 1));
    stopOne();
    await wait(100);
    expect(ticks).to.be.greaterThan(0);
    stopOther();
    const stopped = ticks;
    await wait(100);
    expect(ticks).to.equal(stopped);
  });
});
