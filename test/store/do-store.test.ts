import { randomUUID } from 'node:crypto';
import type { Miniflare } from 'miniflare';
import { afterAll, vi } from 'vitest';
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
