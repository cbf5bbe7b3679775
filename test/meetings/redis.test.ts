import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { RedisStore } from '../../src/store/redis-store.ts';
import { type TestRuntime, testRuntime } from '../helpers/test-runtime.ts';
import { NOW, say, stored } from './helpers.ts';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

const opened: { rt: TestRuntime; prefix: string }[] = [];
afterEach(async () => {
  const redis = new Redis(REDIS_URL);
  try {
    for (const { rt, prefix } of opened.splice(0)) {
      await rt.close();
      let cursor = '0';
      do {
        const [next, found] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
        cursor = next;
        if (found.length > 0) await redis.del(...found);
      } while (cursor !== '0');
    }
  } finally {
    redis.disconnect();
  }
});

describe('concurrent recordings on Redis', () => {
  it('keeps all 20 recordings of one unit made at once', async () => {
    const prefix = `test:meetings:${randomUUID()}:`;
    const rt = await testRuntime({
      now: NOW,
      store: await RedisStore.connect(REDIS_URL, prefix),
      env: { REDIS_PREFIX: prefix },
    });
    opened.push({ rt, prefix });
    expect(rt.keys.meetings('2026-11', 'cs')).toBe(`${prefix}meetings:2026-11:cs`);
    // Twenty chats: the inbox worker handles different chats in parallel, so the commits race.
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        say(rt, 'ou_leader_cs', `/学习会 11-20 第${i + 1}讲 10人`, `oc_chat_${i}`),
      ),
    );
    await rt.settle();
    const topics = (await stored(rt, '2026-11', 'cs'))?.meetings.map((m) => m.topic) ?? [];
    expect(topics).toHaveLength(20);
    expect(new Set(topics).size).toBe(20);
    // Every recorder was told; the counts they heard are 1…20, each once.
    const counts = rt.sender
      .texts()
      .map((t) => /共记录 (\d+) 次/.exec(t)?.[1])
      .map(Number)
      .sort((a, b) => a - b);
    expect(counts).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  });
});
