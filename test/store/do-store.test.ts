import { randomUUID } from 'node:crypto';
import type { Miniflare } from 'miniflare';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { keySpace } from '../../src/store/keys.ts';
import { storeHost } from '../worker/miniflare.ts';
import { RemoteStore } from '../worker/remote-store.ts';
import { storeContract } from './contract.ts';

// Every call crosses into workerd: the contended commits (read, plan here, apply there) take longer.
vi.setConfig({ testTimeout: 60_000 });

let mf: Promise<Miniflare> | undefined;

afterAll(async () => {
  await (await mf)?.dispose();
});

// The adapter runs inside workerd, in a Durable Object on SQLite storage (Miniflare);
// each test gets its own object, so its own empty database.
storeContract('durable object', async () => {
  mf ??= storeHost();
  const store = new RemoteStore(await mf, randomUUID());
  return { store, keys: keySpace('t:'), cleanup: () => store.close() };
});

describe('the Durable Object sweep', () => {
  it('deletes expired keys (dedupe ids, journal markers) and keeps the rest', async () => {
    mf ??= storeHost();
    const store = new RemoteStore(await mf, randomUUID());
    try {
      expect(await store.setIfAbsent('t:seen:a', '1', 50)).toBe(true);
      expect(await store.setIfAbsent('t:seen:b', '1', 60_000)).toBe(true);
      await store.commit({
        plan: () => ({ writes: [{ op: 'sadd', key: 't:kept', members: ['x'] }], result: null }),
      });
      await new Promise((r) => setTimeout(r, 120));
      expect(await store.call<number>('store', 'sweep')).toBe(1);
      expect(await store.call<number>('store', 'sweep')).toBe(0);
      expect(await store.get('t:seen:b')).toBe('1');
      expect(await store.smembers('t:kept')).toEqual(['x']);
      // An expired key can be taken again (as a redelivered event's dedupe id after a day).
      expect(await store.setIfAbsent('t:seen:a', '2', 60_000)).toBe(true);
    } finally {
      await store.close();
    }
  });
});
