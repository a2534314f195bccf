import { expect } from '@open-wc/testing';
import { AT_THE_LATEST_MS, afterNextPaint } from './after-paint.ts';

const frame = () => new Promise<number>((done) => requestAnimationFrame(done));

describe('work held until the call pop is painted (the ringtone, the caller lookup)', () => {
  it('runs once, after the next frame has been drawn, not in the moment the call arrived', async () => {
    const runs: number[] = [];
    afterNextPaint(() => runs.push(performance.now()));
    expect(runs, 'not at once').to.have.length(0);
    const frameAt = await frame();
    await new Promise((done) => setTimeout(done, AT_THE_LATEST_MS * 2));
    expect(runs).to.have.length(1);
    expect(runs[0]).to.be.greaterThan(frameAt);
  });

  it('runs at once in a page out of sight, which draws no frames (a ringing call still rings)', () => {
    let ran = false;
    afterNextPaint(() => (ran = true), { visibilityState: 'hidden' } as Document);
    expect(ran).to.equal(true);
  });

  it('still runs, once, when no frame comes (a softphone panel minimised: the ringtone must ring)', async () => {
    const original = window.requestAnimationFrame;
    window.requestAnimationFrame = () => 0; // frames held back
    try {
      let runs = 0;
      await new Promise<void>((done) =>
        afterNextPaint(() => {
          runs += 1;
          done();
        }),
      );
      await new Promise((done) => setTimeout(done, AT_THE_LATEST_MS * 2));
      expect(runs).to.equal(1);
    } finally {
      window.requestAnimationFrame = original;
    }
  });
});
