import { describe, expect, it } from 'vitest';
import { RateLimiter } from '../../src/bot/rate-limiter.ts';

/** A clock that only moves when the limiter sleeps. */
function fakeTime() {
  let now = 1_000_000;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => now,
    advance: (ms: number) => {
      now += ms;
    },
    sleep: async (ms: number) => {
      sleeps.push(ms);
      now += ms;
    },
  };
}

/** Fake timers for concurrent callers: `run` moves the clock from one wake-up to the next. */
function fakeScheduler() {
  let now = 0;
  const timers: { at: number; wake: () => void }[] = [];
  return {
    now: () => now,
    sleep: (ms: number) =>
      new Promise<void>((wake) => {
        timers.push({ at: now + ms, wake });
      }),
    async run(work: Promise<unknown>): Promise<void> {
      let done = false;
      void work.then(() => {
        done = true;
      });
      for (;;) {
        await new Promise((r) => setImmediate(r)); // let every caller reach its next sleep
        if (done) return;
        timers.sort((a, b) => a.at - b.at);
        const next = timers.shift();
        if (!next) throw new Error('stuck: nobody is sleeping');
        now = next.at;
        next.wake();
      }
    },
  };
}

describe('RateLimiter', () => {
  it('lets 5 per second through on one key, the 6th waits the computed 200 ms', async () => {
    const t = fakeTime();
    const limiter = new RateLimiter({ now: t.now, sleep: t.sleep });
    for (let i = 0; i < 5; i++) await limiter.take('chat_id:oc_1');
    expect(t.sleeps).toEqual([]);
    await limiter.take('chat_id:oc_1');
    expect(t.sleeps).toEqual([200]);
  });

  it('refills continuously: after 100 ms a 5/s key still waits 100 ms more', async () => {
    const t = fakeTime();
    const limiter = new RateLimiter({ now: t.now, sleep: t.sleep });
    for (let i = 0; i < 5; i++) await limiter.take('k');
    t.advance(100);
    await limiter.take('k');
    expect(t.sleeps).toEqual([100]);
  });

  it('keys are independent', async () => {
    const t = fakeTime();
    const limiter = new RateLimiter({ now: t.now, sleep: t.sleep });
    for (let i = 0; i < 5; i++) await limiter.take('a');
    for (let i = 0; i < 5; i++) await limiter.take('b');
    expect(t.sleeps).toEqual([]);
  });

  it('the app-wide limit applies across keys', async () => {
    const t = fakeTime();
    const limiter = new RateLimiter({ now: t.now, sleep: t.sleep });
    for (let i = 0; i < 50; i++) await limiter.take(`user:${i}`);
    expect(t.sleeps).toEqual([]);
    await limiter.take('user:new');
    expect(t.sleeps).toEqual([20]); // 1 token at 50/s
  });

  it('waits for the slower of the two buckets', async () => {
    const t = fakeTime();
    const limiter = new RateLimiter({ perKey: 2, perApp: 3, now: t.now, sleep: t.sleep });
    await limiter.take('a');
    await limiter.take('a');
    await limiter.take('b');
    await limiter.take('a'); // key a: 500 ms, app: 333.4 ms
    expect(t.sleeps).toEqual([500]);
  });

  it('concurrent callers on one key are spaced out, not let through together', async () => {
    const t = fakeScheduler();
    const limiter = new RateLimiter({ perKey: 1, perApp: 100, now: t.now, sleep: t.sleep });
    const at: number[] = [];
    await t.run(Promise.all([0, 1, 2].map(() => limiter.take('k').then(() => at.push(t.now())))));
    expect(at).toEqual([0, 1000, 2000]);
  });

  it('rejects non-positive rates', () => {
    expect(() => new RateLimiter({ perKey: 0 })).toThrow();
  });
});
