import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
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

  async function fresh() {
    const prefix = uniquePrefix();
    const store = await RedisStore.connect(url, prefix);
    const admin = new Redis(url);
    cleanups.push(async () => {
      admin.disconnect();
      await store.close();
      await deletePrefix(prefix);
    });
    return { prefix, store, admin };
  }

  it('re-creates the stream and its consumer group when Redis lost them, and work goes on', async () => {
    const { prefix, store, admin } = await fresh();
    // Redis restarted without persistence (or failed over to a replica without the stream).
    await admin.del(`${prefix}inbox`, `${prefix}outbox`);
    expect(await store.inbox.read('c1', 10, 0)).toEqual([]);
    expect(await store.recordInbound('msg:after-restart', 60_000, 'event')).toBe('recorded');
    expect((await store.inbox.read('c1', 10, 0)).map((e) => e.data)).toEqual(['event']);
    await store.outbox.add('message');
    await admin.del(`${prefix}outbox`);
    expect(await store.outbox.takeOver('c1', async () => new Set(), 10)).toEqual([]);
    await store.outbox.add('again');
    expect((await store.outbox.read('c1', 10, 0)).map((e) => e.data)).toEqual(['again']);
  });

  it("gives a restarted process its predecessor's consumer name, but never a live process's", async () => {
    const { prefix, store, admin } = await fresh();
    const host = hostname();
    // A process on this host that was killed (its pid is gone) held #1 …
    await admin.set(
      `${prefix}consumer:bot#1`,
      JSON.stringify({ host, pid: 2 ** 22 + 7, started: 1 }),
      'PX',
      10_000,
    );
    // … and a live one (our parent) holds #2.
    await admin.set(
      `${prefix}consumer:bot#2`,
      JSON.stringify({ host, pid: process.ppid, started: 1 }),
      'PX',
      10_000,
    );
    expect(await store.presence.register('bot')).toBe('bot#1');
    expect(await store.presence.register('bot')).toBe('bot#3');
  });
});
