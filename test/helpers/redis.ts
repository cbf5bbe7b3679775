import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterEach } from 'vitest';
import { RedisStore } from '../../src/store/redis-store.ts';
import { type TestRuntime, testRuntime } from './test-runtime.ts';

export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

const opened: { close(): Promise<void>; prefix: string }[] = [];

/** A fresh key prefix on the real Redis; its keys are deleted after the test. */
export function redisPrefix(name: string): string {
  return `test:${name}:${randomUUID()}:`;
}

/**
 * A runtime on the real Redis under `prefix` (a new one, or a shared one to play a
 * second replica). Closed, and its keys deleted, after each test.
 */
export async function redisRuntime(
  prefix: string,
  opts: Omit<Parameters<typeof testRuntime>[0] & object, 'store'> = {},
): Promise<TestRuntime> {
  const store = await RedisStore.connect(REDIS_URL, prefix);
  const rt = await testRuntime({ ...opts, store, env: { ...opts.env, REDIS_PREFIX: prefix } });
  opened.push({ close: () => rt.close(), prefix });
  return rt;
}

afterEach(async () => {
  if (opened.length === 0) return;
  const redis = new Redis(REDIS_URL);
  for (const { close, prefix } of opened.splice(0)) {
    await close();
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length) await redis.del(...keys);
  }
  redis.disconnect();
});
