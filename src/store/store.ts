import type { OutboxMessage } from '../messages/outbox-message.ts';

/**
 * The storage port. Three adapters implement it: Redis (production), memory (local
 * mode, fast tests) and a Durable Object (Cloudflare Workers); `test/store/contract.ts`
 * runs against each.
 *
 * Everything that must not race goes through {@link Store.commit}: it reads a set
 * of keys, lets pure code decide what to write, and applies the writes, the
 * outbound messages and an optional journal marker in one atomic step. If any
 * watched key changed in between, the decision is recomputed.
 */
export interface Store {
  readonly kind: 'redis' | 'memory' | 'durable-object';
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

  /** Reads string keys and set keys together (one round trip on Redis). */
  read(values: readonly string[], sets: readonly string[]): Promise<TxSnapshot>;

  /**
   * Applies a unit's writes, messages and journal marker in one atomic step, if every
   * key it read still holds what it read (see {@link CommitUnit}).
   */
  apply(unit: CommitUnit): Promise<ApplyResult>;

  /** Reads `watch`, runs `plan`, and applies its writes atomically (see {@link Transaction}). */
  commit<T>(tx: Transaction<T>): Promise<T>;

  /**
   * Records an inbound event once: when `dedupeId` (`msg:<keyed hash of message_id>`, `evt:<event_id>`)
   * is new, remembers it (for `ttlMs`) and appends `entry` to the inbox in the same atomic step.
   */
  recordInbound(dedupeId: string, ttlMs: number, entry: string): Promise<'recorded' | 'duplicate'>;

  readonly inbox: StreamQueue;
  readonly outbox: StreamQueue;
  /** Capacity-limited lists with a waiting line (activity registration), atomic per call. */
  readonly seats: SeatLists;
  /** Which consumers (processes) are alive: a name per process and a heartbeat. */
  readonly presence: Presence;

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

/**
 * What a unit of work commits: the values and sets it read (`checks`: each must still
 * hold exactly that, null for a missing key), its writes and messages, and a journal
 * marker. When the marker exists already, nothing is applied and its result comes back.
 */
export interface CommitUnit {
  checks: TxSnapshot;
  writes: readonly WriteOp[];
  outbox: readonly OutboxMessage[];
  journal?: { key: string; ttlMs: number; result: string };
  /**
   * The inbox entry the unit handles: acked in the same atomic step (also when the
   * journal says it was done before), so an acked entry's effects are always committed.
   */
  ackInbox?: string;
}

export type ApplyResult =
  | { state: 'applied' }
  | { state: 'conflict' }
  /** The journal marker existed: the unit was committed before; `result` is what it recorded. */
  | { state: 'done'; result: string };

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

/** Where someone stands in a seat list. */
export type SeatStanding =
  | { state: 'seated'; position: number; seated: number }
  | { state: 'offered'; until: number }
  | { state: 'waiting'; position: number }
  | { state: 'none' };

/**
 * Seat lists (activity registration): a list of seated members, in order, up to a
 * capacity; a waiting line; and offers (a freed seat held for the first in line until a
 * time). Every call is one atomic step on the store, so thousands of people joining at
 * once never overfill it and waiting positions have no gaps or repeats. This is the one
 * place registration bypasses the unit of work: a stampede on one key would make every
 * optimistic commit conflict. Keys: `<list>:seated`, `:waiting`, `:offers`, `:n`.
 */
export interface SeatLists {
  /**
   * A seat while the list has room and nobody waits (`pool`: everyone waits, for a
   * lottery); else the waiting line when `waitlist`; else `full`. Someone already in the
   * list gets where they stand.
   */
  join(
    list: string,
    member: string,
    o: { capacity: number; waitlist: boolean; pool?: boolean },
  ): Promise<SeatStanding | { state: 'full' }>;
  /**
   * Takes the member out. A seat (or an offer) freed while people wait becomes an offer
   * to the first in line until `offerUntil`; returns where they stood and who got the offer.
   */
  leave(
    list: string,
    member: string,
    o: { capacity: number; offerUntil: number },
  ): Promise<{ was: SeatStanding['state']; offered?: string }>;
  /** An offer taken up in time becomes a seat; else nothing changes. */
  accept(list: string, member: string, now: number): Promise<SeatStanding>;
  /** Drops offers past their time and offers every free seat to the next in line; returns both. */
  expire(
    list: string,
    o: { capacity: number; now: number; offerUntil: number },
  ): Promise<{ expired: string[]; offered: string[] }>;
  /** Seats `seated` in that order and lines up `waiting` in that order (a lottery's draw). */
  arrange(list: string, seated: readonly string[], waiting: readonly string[]): Promise<void>;
  /** The whole list: seated and waiting in order, offers with their times. */
  read(list: string): Promise<{ seated: string[]; waiting: string[]; offers: Record<string, number> }>;
  /** Where one member stands. */
  standing(list: string, member: string): Promise<SeatStanding>;
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
  /**
   * Entries read, and not acked, by consumers that are not alive (`alive` answers which
   * of the names it is given are), claimed for `consumer`. An entry whose consumer is
   * alive is never taken. With `ownIdleMs`, also this consumer's own entries idle that
   * long: 0 at start (before a restart, before reading anything), and a long time later
   * (an entry whose handling failed, to try again).
   */
  takeOver(
    consumer: string,
    alive: (names: readonly string[]) => Promise<ReadonlySet<string>>,
    count: number,
    ownIdleMs?: number,
  ): Promise<QueueEntry[]>;
  ack(id: string): Promise<void>;
  /** Acks the entry and keeps it on the dead-letter list with the reason. */
  deadLetter(entry: QueueEntry, reason: string): Promise<void>;
  deadLetters(limit?: number): Promise<{ data: string; reason: string; at: number }[]>;
  /** Entries added and not yet acked (read or not). */
  backlog(): Promise<number>;
}

/**
 * Consumers of the queues, one name per process, each kept alive by a heartbeat. A
 * process that stops beating (killed, hung, cut off) is dead once its heartbeat expires,
 * and its pending entries are taken over; a live one's never are.
 */
export interface Presence {
  /**
   * Takes a consumer name `<base>#<n>`: the first free one, or the one a dead process on
   * this host held before (a restart resumes its own pending entries at once).
   */
  register(base: string): Promise<string>;
  /** Keeps the name alive for another {@link HEARTBEAT_TTL_MS}. */
  beat(name: string): Promise<void>;
  /** Which of the names are alive. */
  alive(names: readonly string[]): Promise<Set<string>>;
  /** Gives the name up (a clean stop). */
  leave(name: string): Promise<void>;
}

/** A consumer whose heartbeat is older than this is dead. */
export const HEARTBEAT_TTL_MS = 10_000;
/** How often a live consumer beats (and looks for dead consumers' entries). */
export const HEARTBEAT_EVERY_MS = 3_000;

const MAX_COMMIT_ATTEMPTS = 100;

/**
 * A transaction on top of {@link Store.read} and {@link Store.apply}: read the watched
 * keys (and the journal marker), plan, apply if nothing changed, else plan again.
 */
export async function commitTransaction<T>(
  store: Pick<Store, 'read' | 'apply'>,
  tx: Transaction<T>,
): Promise<T> {
  const watch = tx.watch ?? [];
  const values = tx.journal && !watch.includes(tx.journal.key) ? [tx.journal.key, ...watch] : watch;
  for (let attempt = 0; attempt < MAX_COMMIT_ATTEMPTS; attempt++) {
    const read = await store.read(values, tx.watchSets ?? []);
    if (tx.journal) {
      const done = read.values.get(tx.journal.key);
      if (done != null) return JSON.parse(done) as T;
    }
    const snapshot: TxSnapshot = {
      values: new Map(watch.map((k) => [k, read.values.get(k) ?? null])),
      sets: read.sets,
    };
    const plan = tx.plan(snapshot);
    const applied = await store.apply({
      checks: snapshot,
      writes: plan.writes ?? [],
      outbox: plan.outbox ?? [],
      ...(tx.journal ? { journal: { ...tx.journal, result: JSON.stringify(plan.result ?? null) } } : {}),
    });
    if (applied.state === 'applied') return plan.result;
    if (applied.state === 'done') return JSON.parse(applied.result) as T;
    await new Promise((r) => setTimeout(r, Math.random() * Math.min(50, 2 ** attempt)));
  }
  throw new Error('store: commit kept conflicting; giving up');
}
