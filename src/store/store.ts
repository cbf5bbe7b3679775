import type { OutboxMessage } from '../messages/outbox-message.ts';

/**
 * The storage port. Two adapters implement it: Redis (production) and memory
 * (local mode, fast tests); `test/store/contract.ts` runs against both.
 *
 * Everything that must not race goes through {@link Store.commit}: it reads a set
 * of keys, lets pure code decide what to write, and applies the writes, the
 * outbound messages and an optional journal marker in one atomic step. If any
 * watched key changed in between, the decision is recomputed.
 */
export interface Store {
  readonly kind: 'redis' | 'memory';
  /** Throws when the store is unreachable (`/readyz`, the webhook's 503). */
  ping(): Promise<void>;

  get(key: string): Promise<string | null>;
  mget(keys: readonly string[]): Promise<(string | null)[]>;
  smembers(key: string): Promise<string[]>;
  /** Members with min ≤ score ≤ max, lowest score first. */
  zrangeByScore(key: string, min: number, max: number, limit?: number): Promise<string[]>;
  hgetall(key: string): Promise<Record<string, string>>;

  /** SET NX with a time to live: true when this call created the key. */
  setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean>;
  /** Increments a hash field (counters that need no transaction: API usage). */
  hincrby(key: string, field: string, by: number, ttlMs?: number): Promise<number>;

  /** Reads `watch`, runs `plan`, and applies its writes atomically (see {@link Transaction}). */
  commit<T>(tx: Transaction<T>): Promise<T>;

  /**
   * Records an inbound event once: when `dedupeKey` is new, sets it (with `ttlMs`)
   * and appends `entry` to the inbox in the same atomic step.
   */
  recordInbound(dedupeKey: string, ttlMs: number, entry: string): Promise<'recorded' | 'duplicate'>;

  readonly inbox: StreamQueue;
  readonly outbox: StreamQueue;

  close(): Promise<void>;
}

/** One write inside a commit. Values are strings (records are JSON, parsed with zod on read). */
export type WriteOp =
  | { op: 'set'; key: string; value: string; ttlMs?: number }
  | { op: 'del'; key: string }
  | { op: 'sadd'; key: string; members: string[] }
  | { op: 'srem'; key: string; members: string[] }
  | { op: 'zadd'; key: string; score: number; member: string }
  | { op: 'zrem'; key: string; member: string }
  | { op: 'hset'; key: string; field: string; value: string };

/** What a transaction decided: the writes, the messages to send, and the caller's result. */
export interface TxPlan<T> {
  writes?: WriteOp[];
  outbox?: OutboxMessage[];
  result: T;
}

/** What a transaction read: string values by key, and set members by key. */
export interface TxSnapshot {
  values: ReadonlyMap<string, string | null>;
  sets: ReadonlyMap<string, readonly string[]>;
}

export interface Transaction<T> {
  /** String keys to read and watch. */
  watch?: readonly string[];
  /** Set keys to read (SMEMBERS) and watch. */
  watchSets?: readonly string[];
  /**
   * A journal marker: if the key exists, nothing runs and its stored result is
   * returned; otherwise it is written (with the result as JSON) in the same atomic
   * step as the plan. This is what makes a redelivered event idempotent.
   */
  journal?: { key: string; ttlMs: number };
  /** Pure: decides from the snapshot. May run more than once (on conflict). */
  plan(snapshot: TxSnapshot): TxPlan<T>;
}

/** An entry in a stream queue: its id, payload and how often it has been delivered. */
export interface QueueEntry {
  id: string;
  data: string;
  deliveries: number;
}

/**
 * A durable work queue with a consumer group (Redis Streams semantics): entries
 * read but not acked stay pending and are claimed again after `minIdleMs`.
 */
export interface StreamQueue {
  add(data: string): Promise<string>;
  /** New entries for this consumer; waits up to `blockMs` when there are none. */
  read(consumer: string, count: number, blockMs: number): Promise<QueueEntry[]>;
  /** Entries another (or a dead) consumer read but did not ack for `minIdleMs`. */
  claimStale(consumer: string, minIdleMs: number, count: number): Promise<QueueEntry[]>;
  ack(id: string): Promise<void>;
  /** Acks the entry and keeps it on the dead-letter list with the reason. */
  deadLetter(entry: QueueEntry, reason: string): Promise<void>;
  deadLetters(limit?: number): Promise<{ data: string; reason: string; at: number }[]>;
  /** Entries added and not yet acked (read or not). */
  backlog(): Promise<number>;
}
