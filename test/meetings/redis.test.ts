import { describe, expect, it } from 'vitest';
import { redisPrefix, redisRuntime } from '../helpers/redis.ts';
import { NOW, say, stored } from './helpers.ts';

describe('concurrent recordings on Redis', () => {
  it('keeps all 20 recordings of one unit made at once', async () => {
    const prefix = redisPrefix('meetings');
    const rt = await redisRuntime(prefix, { now: NOW });
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
