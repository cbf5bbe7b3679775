import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { keySpace } from '../../src/store/keys.ts';
import { RedisStore } from '../../src/store/redis-store.ts';
import { storeContract } from './contract.ts';

const url = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

const uniquePrefix = () => `test:store:${randomUUID()}:`;

/** Deletes every key under `prefix` (never FLUSHDB: other test files share this Redis). */
async function deletePrefix(prefix: string): Promise<void> {
  const admin = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 2 });
  await admin.connect();
  try {
    let cursor = '0';
    do {
      const [next, found] = await admin.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
      cursor = next;
      if (found.length > 0) await admin.del(...found);
    } while (cursor !== '0');
  } finally {
    admin.disconnect();
  }
}

storeContract('redis', async () => {
  const prefix = uniquePrefix();
  const store = await RedisStore.connect(url, prefix);
  return {
    store,
    keys: keySpace(prefix),
    cleanup: async () => {
      try {
        await store.close();
      } finally {
        await deletePrefix(prefix);
      }
    },
  };
});

/** What the contract cannot reach through the Store interface alone. */
describe('RedisStore beyond the contract', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup();
  });

  it('retries a commit when a watched set changed between read and write, even to look-alike members', async () => {
    const prefix = uniquePrefix();
    // Our own connection, so a write issued inside plan reaches Redis before the commit script.
    const redis = new Redis(url);
    const store = new RedisStore(redis, prefix);
    cleanups.push(async () => {
      await store.close();
      await deletePrefix(prefix);
    });
    const key = `${prefix}seats`;
    await redis.sadd(key, 'a\nb');
    let calls = 0;
    const seen = await store.commit({
      watchSets: [key],
      plan: (snapshot) => {
        calls += 1;
        if (calls === 1) void redis.multi().del(key).sadd(key, 'a', 'b').exec();
        return { result: [...(snapshot.sets.get(key) ?? [])].sort() };
      },
    });
    expect(calls).toBe(2);
    expect(seen).toEqual(['a', 'b']);
  });
});
