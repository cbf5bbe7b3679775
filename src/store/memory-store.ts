import { checkTtl, type Kind, WRITE_KIND, waitForWake, wrongType } from './adapter-rules.ts';
import { type KeySpace, keySpace } from './keys.ts';
import { MemorySeatLists } from './memory-seats.ts';
import type {
  ApplyResult,
  CommitUnit,
  Presence,
  QueueEntry,
  Store,
  StreamQueue,
  Transaction,
  TxSnapshot,
  WriteOp,
} from './store.ts';

/** A sorted set: member → score. */
class ZSet extends Map<string, number> {}
/** A hash: field → value. */
class Hash extends Map<string, string> {}

type Value = string | Set<string> | ZSet | Hash;

/**
 * The in-memory adapter: local mode and fast tests. JavaScript runs one callback
 * at a time, so a read-plan-write with no `await` in between is atomic here.
 * Data is lost when the process ends. Like Redis, a key holds one type, reading
 * it as another throws WRONGTYPE, and an emptied set, sorted set or hash is gone.
 */
export class MemoryStore implements Store {
  readonly kind = 'memory' as const;
  private readonly data = new Map<string, Value>();
  private readonly expiry = new Map<string, number>();
  readonly inbox = new MemoryQueue();
  readonly outbox = new MemoryQueue();
  readonly presence = new MemoryPresence();
  readonly seats = new MemorySeatLists();
  /** Set to make every call fail, as if the store were unreachable (tests). */
  unreachable = false;

  private readonly keys: KeySpace;

  constructor(
    private readonly nowMs: () => number = Date.now,
    prefix = 'sub:',
  ) {
    this.keys = keySpace(prefix);
    this.seats.check = () => this.check();
  }

  async ping(): Promise<void> {
    this.check();
  }

  async get(key: string): Promise<string | null> {
    this.check();
    return this.str(key);
  }

  async mget(keys: readonly string[]): Promise<(string | null)[]> {
    this.check();
    // Like MGET: a key of another type reads as null rather than failing.
    return keys.map((k) => {
      const v = this.live(k);
      return typeof v === 'string' ? v : null;
    });
  }

  async smembers(key: string): Promise<string[]> {
    this.check();
    return [...(this.typed(key, 'set') ?? [])];
  }

  async zrangeByScore(key: string, min: number, max: number, limit?: number): Promise<string[]> {
    this.check();
    const z = this.typed(key, 'zset');
    if (!z) return [];
    const hits = [...z.entries()]
      .filter(([, s]) => s >= min && s <= max)
      .sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
      .map(([m]) => m);
    return limit === undefined || limit < 0 ? hits : hits.slice(0, limit);
  }

  async hgetall(key: string): Promise<Record<string, string>> {
    this.check();
    return Object.fromEntries(this.typed(key, 'hash') ?? []);
  }

  async setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean> {
    this.check();
    checkTtl(ttlMs);
    if (this.live(key) !== undefined) return false;
    this.put(key, value, ttlMs);
    return true;
  }

  async hincrby(key: string, field: string, by: number, ttlMs?: number): Promise<number> {
    this.check();
    checkTtl(ttlMs);
    if (!Number.isSafeInteger(by)) throw new RangeError(`store: hincrby by a non-integer ${by}`);
    const h = this.typed(key, 'hash') ?? new Hash();
    const current = h.get(field) ?? '0';
    if (!/^-?\d+$/.test(current)) throw new Error('ERR hash value is not an integer');
    const next = Number(current) + by;
    h.set(field, String(next));
    this.data.set(key, h);
    // Like PEXPIRE NX: the first increment starts the clock, later ones do not extend it.
    if (ttlMs !== undefined && !this.expiry.has(key)) this.expiry.set(key, this.nowMs() + ttlMs);
    return next;
  }

  async commit<T>(tx: Transaction<T>): Promise<T> {
    this.check();
    if (tx.journal) {
      checkTtl(tx.journal.ttlMs);
      const done = this.str(tx.journal.key);
      if (done !== null) return JSON.parse(done) as T;
    }
    const snapshot: TxSnapshot = {
      values: new Map((tx.watch ?? []).map((k) => [k, this.str(k)])),
      sets: new Map((tx.watchSets ?? []).map((k) => [k, [...(this.typed(k, 'set') ?? [])]])),
    };
    const plan = tx.plan(snapshot);
    const writes = plan.writes ?? [];
    // Validate everything first, so a bad write fails the whole commit, not half of it.
    this.validate(writes);
    for (const w of writes) this.write(w);
    for (const m of plan.outbox ?? []) this.outbox.push(JSON.stringify(m));
    if (tx.journal) this.put(tx.journal.key, JSON.stringify(plan.result ?? null), tx.journal.ttlMs);
    return plan.result;
  }

  async read(values: readonly string[], sets: readonly string[]): Promise<TxSnapshot> {
    this.check();
    return {
      values: new Map(values.map((k) => [k, this.str(k)])),
      sets: new Map(sets.map((k) => [k, [...(this.typed(k, 'set') ?? [])]])),
    };
  }

  async apply(unit: CommitUnit): Promise<ApplyResult> {
    this.check();
    if (unit.journal) {
      checkTtl(unit.journal.ttlMs);
      const done = this.str(unit.journal.key);
      if (done !== null) {
        if (unit.ackInbox) this.inbox.ackNow(unit.ackInbox);
        return { state: 'done', result: done };
      }
    }
    for (const [k, v] of unit.checks.values) if (this.str(k) !== v) return { state: 'conflict' };
    for (const [k, members] of unit.checks.sets) {
      const current = this.typed(k, 'set') ?? new Set<string>();
      if (current.size !== members.length || members.some((m) => !current.has(m)))
        return { state: 'conflict' };
    }
    this.validate(unit.writes);
    for (const w of unit.writes) this.write(w);
    for (const m of unit.outbox) this.outbox.push(JSON.stringify(m));
    if (unit.journal) this.put(unit.journal.key, unit.journal.result, unit.journal.ttlMs);
    if (unit.ackInbox) this.inbox.ackNow(unit.ackInbox);
    return { state: 'applied' };
  }

  async recordInbound(dedupeId: string, ttlMs: number, entry: string): Promise<'recorded' | 'duplicate'> {
    this.check();
    checkTtl(ttlMs);
    const dedupeKey = this.keys.seen(dedupeId);
    if (this.live(dedupeKey) !== undefined) return 'duplicate';
    this.put(dedupeKey, '1', ttlMs);
    this.inbox.push(entry);
    return 'recorded';
  }

  async close(): Promise<void> {
    this.inbox.close();
    this.outbox.close();
  }

  /** Every key and its value, for tests that assert "nothing changed". */
  snapshot(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const key of [...this.data.keys()].sort()) {
      const v = this.live(key);
      if (v === undefined) continue;
      out[key] = typeof v === 'string' ? v : v instanceof Set ? [...v].sort() : Object.fromEntries(v);
    }
    out['<inbox>'] = this.inbox.size();
    out['<outbox>'] = this.outbox.size();
    return out;
  }

  /** Throws (before anything is written) when a write would fail: a bad ttl or score, or a wrong type. */
  private validate(writes: readonly WriteOp[]): void {
    const kinds = new Map<string, Kind | '*'>();
    for (const w of writes) {
      const current = kinds.get(w.key) ?? kindOf(this.live(w.key));
      const need = WRITE_KIND[w.op];
      if (need && current !== 'none' && current !== '*' && current !== need) throw wrongType(w.key);
      if (w.op === 'set') checkTtl(w.ttlMs);
      if (w.op === 'zadd' && Number.isNaN(w.score)) throw new RangeError('store: zadd score is NaN');
      // srem/zrem may empty (and so delete) the key: after them, any type may follow.
      const after =
        w.op === 'set' ? 'string' : w.op === 'del' ? 'none' : w.op === 'srem' || w.op === 'zrem' ? '*' : need;
      kinds.set(w.key, after ?? '*');
    }
  }

  private write(w: WriteOp): void {
    switch (w.op) {
      case 'set':
        this.put(w.key, w.value, w.ttlMs);
        return;
      case 'del':
        this.drop(w.key);
        return;
      case 'sadd': {
        if (w.members.length === 0) return;
        const s = this.typed(w.key, 'set') ?? new Set<string>();
        for (const m of w.members) s.add(m);
        this.data.set(w.key, s);
        return;
      }
      case 'srem': {
        const s = this.typed(w.key, 'set');
        if (!s) return;
        for (const m of w.members) s.delete(m);
        if (s.size === 0) this.drop(w.key);
        return;
      }
      case 'zadd': {
        const z = this.typed(w.key, 'zset') ?? new ZSet();
        z.set(w.member, w.score);
        this.data.set(w.key, z);
        return;
      }
      case 'zrem': {
        const z = this.typed(w.key, 'zset');
        if (!z) return;
        z.delete(w.member);
        if (z.size === 0) this.drop(w.key);
        return;
      }
      case 'hset': {
        const h = this.typed(w.key, 'hash') ?? new Hash();
        h.set(w.field, w.value);
        this.data.set(w.key, h);
        return;
      }
    }
  }

  private check(): void {
    if (this.unreachable) throw new Error('store unreachable');
  }

  private live(key: string): Value | undefined {
    const at = this.expiry.get(key);
    if (at !== undefined && at <= this.nowMs()) this.drop(key);
    return this.data.get(key);
  }

  private drop(key: string): void {
    this.data.delete(key);
    this.expiry.delete(key);
  }

  /** The live value if it has the kind asked for, undefined if missing; WRONGTYPE otherwise. */
  private typed(key: string, kind: 'set'): Set<string> | undefined;
  private typed(key: string, kind: 'zset'): ZSet | undefined;
  private typed(key: string, kind: 'hash'): Hash | undefined;
  private typed(key: string, kind: Kind): Value | undefined {
    const v = this.live(key);
    if (v === undefined) return undefined;
    if (kindOf(v) !== kind) throw wrongType(key);
    return v;
  }

  /** Like GET: null when missing, WRONGTYPE when the key holds a collection. */
  private str(key: string): string | null {
    const v = this.live(key);
    if (v === undefined) return null;
    if (typeof v !== 'string') throw wrongType(key);
    return v;
  }

  private put(key: string, value: string, ttlMs?: number): void {
    this.data.set(key, value);
    if (ttlMs === undefined) this.expiry.delete(key);
    else this.expiry.set(key, this.nowMs() + ttlMs);
  }
}

function kindOf(v: Value | undefined): Kind {
  if (v === undefined) return 'none';
  if (typeof v === 'string') return 'string';
  if (v instanceof ZSet) return 'zset';
  if (v instanceof Hash) return 'hash';
  return 'set';
}

interface MemoryEntry {
  id: string;
  data: string;
  deliveries: number;
  consumer?: string;
  deliveredAt?: number;
}

/** Redis keeps the newest 1000 dead letters per queue; so does this. */
const MAX_DEAD_LETTERS = 1000;

/** A consumer-group queue in memory, with the same pending/claim rules as the Redis stream. */
export class MemoryQueue implements StreamQueue {
  private seq = 0;
  private readonly fresh: MemoryEntry[] = [];
  private readonly pending = new Map<string, MemoryEntry>();
  private readonly dead: { data: string; reason: string; at: number }[] = [];
  private readonly waiters = new Set<() => void>();
  private closed = false;

  push(data: string): string {
    const id = `${Date.now()}-${this.seq++}`;
    this.fresh.push({ id, data, deliveries: 0 });
    this.wakeAll();
    return id;
  }

  async add(data: string): Promise<string> {
    return this.push(data);
  }

  async read(consumer: string, count: number, blockMs: number): Promise<QueueEntry[]> {
    if (this.fresh.length === 0 && blockMs > 0 && !this.closed) {
      await waitForWake(this.waiters, blockMs);
    }
    const taken = this.fresh.splice(0, count);
    for (const e of taken) {
      e.deliveries += 1;
      e.consumer = consumer;
      e.deliveredAt = Date.now();
      this.pending.set(e.id, e);
    }
    return taken.map(({ id, data, deliveries }) => ({ id, data, deliveries }));
  }

  async claimStale(consumer: string, minIdleMs: number, count: number): Promise<QueueEntry[]> {
    const now = Date.now();
    const out: QueueEntry[] = [];
    for (const e of this.pending.values()) {
      if (out.length >= count) break;
      if (now - (e.deliveredAt ?? 0) < minIdleMs) continue;
      e.deliveries += 1;
      e.consumer = consumer;
      e.deliveredAt = now;
      out.push({ id: e.id, data: e.data, deliveries: e.deliveries });
    }
    return out;
  }

  async takeOver(
    consumer: string,
    alive: (names: readonly string[]) => Promise<ReadonlySet<string>>,
    count: number,
    ownIdleMs?: number,
  ): Promise<QueueEntry[]> {
    const holders = [...new Set([...this.pending.values()].map((e) => e.consumer ?? ''))].filter(
      (n) => n !== consumer,
    );
    const living = await alive(holders);
    const dead = new Set(holders.filter((n) => !living.has(n)));
    const now = Date.now();
    const out: QueueEntry[] = [];
    for (const e of this.pending.values()) {
      if (out.length >= count) break;
      const mine =
        e.consumer === consumer && ownIdleMs !== undefined && now - (e.deliveredAt ?? 0) >= ownIdleMs;
      if (!mine && !dead.has(e.consumer ?? '')) continue;
      e.deliveries += 1;
      e.consumer = consumer;
      e.deliveredAt = Date.now();
      out.push({ id: e.id, data: e.data, deliveries: e.deliveries });
    }
    return out;
  }

  async ack(id: string): Promise<void> {
    this.ackNow(id);
  }

  /** Acks synchronously (inside a memory commit). */
  ackNow(id: string): void {
    this.pending.delete(id);
  }

  async deadLetter(entry: QueueEntry, reason: string): Promise<void> {
    this.pending.delete(entry.id);
    this.dead.unshift({ data: entry.data, reason, at: Date.now() });
    this.dead.length = Math.min(this.dead.length, MAX_DEAD_LETTERS);
  }

  async deadLetters(limit = 100): Promise<{ data: string; reason: string; at: number }[]> {
    return this.dead.slice(0, limit);
  }

  async backlog(): Promise<number> {
    return this.size();
  }

  size(): number {
    return this.fresh.length + this.pending.size;
  }

  close(): void {
    this.closed = true;
    this.wakeAll();
  }

  private wakeAll(): void {
    for (const wake of [...this.waiters]) wake();
  }
}

/** One process: every name registered here is alive until it leaves. */
export class MemoryPresence implements Presence {
  private readonly names = new Set<string>();

  async register(base: string): Promise<string> {
    for (let n = 1; ; n++) {
      const name = `${base}#${n}`;
      if (!this.names.has(name)) {
        this.names.add(name);
        return name;
      }
    }
  }

  async beat(name: string): Promise<void> {
    this.names.add(name);
  }

  async alive(names: readonly string[]): Promise<Set<string>> {
    return new Set(names.filter((n) => this.names.has(n)));
  }

  async leave(name: string): Promise<void> {
    this.names.delete(name);
  }
}
