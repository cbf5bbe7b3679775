import type { Miniflare } from 'miniflare';
import {
  type ApplyResult,
  type CommitUnit,
  commitTransaction,
  type Presence,
  type QueueEntry,
  type SeatLists,
  type Store,
  type StreamQueue,
  type Transaction,
  type TxSnapshot,
} from '../../src/store/store.ts';
import { decode, encode } from './rpc-codec.ts';

type Target = 'store' | 'inbox' | 'outbox' | 'seats' | 'presence';

/**
 * The {@link Store} port in Node, each call sent to a {@link DoStore} in a Durable Object
 * in workerd (test/worker/store-host.ts). A commit's `plan` is a function, so it runs
 * here: `commit` is read + plan + apply, as on Redis; `apply` is one transaction there.
 */
export class RemoteStore implements Store {
  readonly kind = 'durable-object' as const;
  readonly inbox: StreamQueue;
  readonly outbox: StreamQueue;
  readonly seats: SeatLists;
  readonly presence: Presence;

  constructor(
    private readonly mf: Miniflare,
    private readonly object: string,
  ) {
    this.inbox = this.queue('inbox');
    this.outbox = this.queue('outbox');
    this.seats = this.proxy<SeatLists>('seats', [
      'join',
      'leave',
      'accept',
      'expire',
      'arrange',
      'read',
      'standing',
    ]);
    this.presence = this.proxy<Presence>('presence', ['register', 'beat', 'alive', 'leave']);
  }

  async call<T>(target: Target, method: string, ...args: unknown[]): Promise<T> {
    const res = await this.mf.dispatchFetch(`http://store/?object=${encodeURIComponent(this.object)}`, {
      method: 'POST',
      body: encode({ target, method, args }),
    });
    const body = decode(await res.text()) as { result?: T; error?: string };
    if (body.error !== undefined) throw new Error(body.error);
    return body.result as T;
  }

  ping = () => this.call<void>('store', 'ping');
  get = (key: string) => this.call<string | null>('store', 'get', key);
  mget = (keys: readonly string[]) => this.call<(string | null)[]>('store', 'mget', keys);
  smembers = (key: string) => this.call<string[]>('store', 'smembers', key);
  zrangeByScore = (key: string, min: number, max: number, limit?: number) =>
    this.call<string[]>('store', 'zrangeByScore', key, min, max, limit);
  hgetall = (key: string) => this.call<Record<string, string>>('store', 'hgetall', key);
  setIfAbsent = (key: string, value: string, ttlMs: number) =>
    this.call<boolean>('store', 'setIfAbsent', key, value, ttlMs);
  hincrby = (key: string, field: string, by: number, ttlMs?: number) =>
    this.call<number>('store', 'hincrby', key, field, by, ttlMs);
  read = (values: readonly string[], sets: readonly string[]) =>
    this.call<TxSnapshot>('store', 'read', values, sets);
  apply = (unit: CommitUnit) => this.call<ApplyResult>('store', 'apply', unit);
  commit = <T>(tx: Transaction<T>) => commitTransaction(this, tx);
  recordInbound = (dedupeId: string, ttlMs: number, entry: string) =>
    this.call<'recorded' | 'duplicate'>('store', 'recordInbound', dedupeId, ttlMs, entry);
  close = () => this.call<void>('store', 'close');

  private queue(target: 'inbox' | 'outbox'): StreamQueue {
    const q = this.proxy<StreamQueue>(target, [
      'add',
      'read',
      'claimStale',
      'ack',
      'deadLetter',
      'deadLetters',
      'backlog',
    ]);
    // `alive` cannot cross the wire: the host answers it with the store's own presence.
    q.takeOver = (consumer, _alive, count, ownIdleMs) =>
      this.call<QueueEntry[]>(target, 'takeOver', consumer, count, ownIdleMs);
    return q;
  }

  private proxy<T>(target: Target, methods: string[]): T {
    return Object.fromEntries(
      methods.map((m) => [m, (...args: unknown[]) => this.call(target, m, ...args)]),
    ) as T;
  }
}
