import type { WriteOp } from './store.ts';

/** The kind of value a key holds, as Redis types it. */
export type Kind = 'none' | 'string' | 'set' | 'zset' | 'hash';

/** What each collection write needs the key to hold (or be missing): every adapter checks the same. */
export const WRITE_KIND: Partial<Record<WriteOp['op'], Exclude<Kind, 'none'>>> = {
  sadd: 'set',
  srem: 'set',
  zadd: 'zset',
  zrem: 'zset',
  hset: 'hash',
};

/** The error Redis gives when a command meets a key of another type. */
export function wrongType(key: string): Error {
  return new Error(`WRONGTYPE Operation against a key holding the wrong kind of value (${key})`);
}

/** Rejects a ttl Redis would reject (zero, negative, not a number). */
export function checkTtl(ttlMs: number | undefined): void {
  if (ttlMs !== undefined && !(Number.isFinite(ttlMs) && ttlMs > 0)) {
    throw new RangeError(`store: invalid ttlMs ${ttlMs}`);
  }
}

/**
 * Waits until a waiter in `waiters` is called (something was added) or `ms` pass; a
 * wait that times out removes its waiter, so idle polling does not pile them up.
 */
export function waitForWake(waiters: Set<() => void>, ms: number): Promise<void> {
  return new Promise<void>((resolve) => {
    const wake = () => {
      clearTimeout(timer);
      waiters.delete(wake);
      resolve();
    };
    const timer = setTimeout(wake, ms);
    waiters.add(wake);
  });
}
