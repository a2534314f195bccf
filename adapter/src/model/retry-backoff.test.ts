import { expect } from '@open-wc/testing';
import { isContactPadError } from './errors.ts';
import { backoffWindow, retryDelay, type BackoffPolicy } from './retry-backoff.ts';
import { thrown } from '../../test-support/thrown.ts';

declare const describe: (title: string, body: () => void) => void;
declare const it: (title: string, body: () => void | Promise<void>) => void;

const POLICY: BackoffPolicy = { baseMs: 1000, capMs: 30_000 };

/** A seeded random source (mulberry32), so a spread is the same on every run. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('retry backoff: the window', () => {
  it('doubles from the base with each attempt and stops at the cap', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7].map((attempt) => backoffWindow(attempt, POLICY))).to.deep.equal([
      1000, 2000, 4000, 8000, 16_000, 30_000, 30_000, 30_000,
    ]);
  });

  it('stays at the cap for any later attempt, without overflowing', () => {
    expect(backoffWindow(1_000_000, POLICY)).to.equal(30_000);
    expect(backoffWindow(40, { baseMs: 1, capMs: Number.MAX_SAFE_INTEGER })).to.equal(2 ** 40);
  });

  it('is the base for every attempt when the cap is the base', () => {
    expect([0, 1, 9].map((attempt) => backoffWindow(attempt, { baseMs: 500, capMs: 500 }))).to.deep.equal([500, 500, 500]);
  });
});

describe('retry backoff: full jitter', () => {
  it('draws the delay from 0 to the window with the random source', () => {
    expect(retryDelay(0, POLICY, () => 0)).to.equal(0);
    expect(retryDelay(0, POLICY, () => 0.5)).to.equal(500);
    expect(retryDelay(2, POLICY, () => 0.25)).to.equal(1000);
    expect(retryDelay(9, POLICY, () => 0.1)).to.equal(3000);
    expect(retryDelay(3, POLICY, () => 0.999_999_9)).to.equal(8000);
  });

  it('reads 1 as the top of the window, so a test can ask for the backoff without jitter', () => {
    expect([0, 1, 2, 3].map((attempt) => retryDelay(attempt, { baseMs: 1000, capMs: 4000 }, () => 1))).to.deep.equal([1000, 2000, 4000, 4000]);
  });

  it('clamps a random source that strays outside [0, 1], and takes the full window when it answers no number', () => {
    expect(retryDelay(1, POLICY, () => -3)).to.equal(0);
    expect(retryDelay(1, POLICY, () => 7)).to.equal(2000);
    expect(retryDelay(1, POLICY, () => Number.NaN)).to.equal(2000);
    expect(retryDelay(1, POLICY, () => undefined as unknown as number)).to.equal(2000);
  });

  it('gives whole milliseconds', () => {
    const random = seeded(7);
    for (let attempt = 0; attempt < 20; attempt++) expect(Number.isInteger(retryDelay(attempt, { baseMs: 3, capMs: 1001 }, random))).to.equal(true);
  });

  it('spreads agents that retry at the same attempt over the whole window, instead of retrying in step', () => {
    const random = seeded(2026);
    const delays = Array.from({ length: 300 }, () => retryDelay(3, POLICY, random));
    expect(Math.min(...delays)).to.be.at.least(0);
    expect(Math.max(...delays)).to.be.at.most(8000);
    // 300 agents: no instant gets more than a handful, and every eighth of the window gets some.
    const perMs = new Map<number, number>();
    for (const delay of delays) perMs.set(delay, (perMs.get(delay) ?? 0) + 1);
    expect(Math.max(...perMs.values())).to.be.at.most(3);
    const eighths = new Set(delays.map((delay) => Math.min(7, Math.floor(delay / 1000))));
    expect(eighths.size).to.equal(8);
  });
});

describe('retry backoff: bad input', () => {
  it('refuses a policy without baseMs > 0 and capMs >= baseMs with INVALID_CONFIGURATION', () => {
    for (const policy of [
      { baseMs: 0, capMs: 10 },
      { baseMs: -1, capMs: 10 },
      { baseMs: 100, capMs: 10 },
      { baseMs: Number.NaN, capMs: 10 },
      { baseMs: 1, capMs: Number.POSITIVE_INFINITY },
      { baseMs: '1', capMs: 10 },
      undefined,
    ]) {
      const error = thrown(() => retryDelay(0, policy as unknown as BackoffPolicy, () => 0.5));
      expect(isContactPadError(error, 'INVALID_CONFIGURATION'), JSON.stringify(policy)).to.equal(true);
    }
  });

  it('refuses an attempt that is not a whole number from 0', () => {
    for (const attempt of [-1, 0.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      const error = thrown(() => retryDelay(attempt, POLICY, () => 0.5));
      expect(isContactPadError(error, 'INVALID_CONFIGURATION'), String(attempt)).to.equal(true);
    }
  });
});
