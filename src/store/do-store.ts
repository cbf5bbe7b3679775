import { type Kind as AnyKind, checkTtl, WRITE_KIND, wrongType } from './adapter-rules.ts';
import { DoQueue } from './do-queue.ts';
import { DoSeatLists } from './do-seats.ts';
import { type DoStorage, SCHEMA, type SqlStorage } from './do-sql.ts';

type Kind = Exclude<AnyKind, 'none'>;

import { type KeySpace, keySpace } from './keys.ts';
import { MemoryPresence } from './memory-store.ts';
import type { ApplyResult, CommitUnit, Store, Transaction, TxSnapshot, WriteOp } from './store.ts';

interface KvRow {
  kind: Kind;
  value: string | null;
  expires: number | null;
}

/** SQLite stores ±Infinity as a REAL, but the bindings refuse it: the largest finite double stands in. */
const dbScore = (s: number) => (s === Infinity ? Number.MAX_VALUE : s === -Infinity ? -Number.MAX_VALUE : s);

/**
 * The Durable Object adapter (Cloudflare Workers): the object's SQLite database. An
 * object runs one request at a time between awaits, and every method here does its
 * reads and writes synchronously inside one `transactionSync`, so each is atomic the
 * way a Lua script is on Redis, and a commit never conflicts (its plan runs inside).
 * Keys have one type, as on Redis (`kv.kind`); the members of sets, sorted sets and
 * hashes are rows of `item`. Expired keys are dropped when read, and in bulk by
 * {@link DoStore.sweep}. Presence lives in memory: an object runs as one instance at
 * a time, so every consumer name of an earlier instance is dead.
 */
export class DoStore implements Store {
  readonly kind = 'durable-object' as const;
  readonly inbox: DoQueue;
  readonly outbox: DoQueue;
  readonly presence = new MemoryPresence();
  readonly seats: DoSeatLists;
  private readonly sql: SqlStorage;
  private readonly keys: KeySpace;

  constructor(
    private readonly storage: DoStorage,
    private readonly nowMs: () => number = Date.now,
    prefix = 'sub:',
  ) {
    this.sql = storage.sql;
    this.keys = keySpace(prefix);
    this.sql.exec(SCHEMA);
    this.inbox = new DoQueue(storage, 'inbox', nowMs);
    this.outbox = new DoQueue(storage, 'outbox', nowMs);
    this.seats = new DoSeatLists(storage);
  }

  async ping(): Promise<void> {
    this.sql.exec('SELECT 1').toArray();
  }

  async get(key: string): Promise<string | null> {
    return this.str(key);
  }

  async mget(keys: readonly string[]): Promise<(string | null)[]> {
    return keys.map((k) => {
      const row = this.live(k);
      return row?.kind === 'string' ? row.value : null;
    });
  }

  async smembers(key: string): Promise<string[]> {
    return this.setMembers(key);
  }

  async zrangeByScore(key: string, min: number, max: number, limit?: number): Promise<string[]> {
    if (!this.typed(key, 'zset')) return [];
    return this.sql
      .exec<{ member: string }>(
        'SELECT member FROM item WHERE key = ? AND score >= ? AND score <= ? ORDER BY score, member LIMIT ?',
        key,
        dbScore(min),
        dbScore(max),
        limit === undefined || limit < 0 ? -1 : limit,
      )
      .toArray()
      .map((r) => r.member);
  }

  async hgetall(key: string): Promise<Record<string, string>> {
    if (!this.typed(key, 'hash')) return {};
    const rows = this.sql
      .exec<{ member: string; value: string }>('SELECT member, value FROM item WHERE key = ?', key)
      .toArray();
    return Object.fromEntries(rows.map((r) => [r.member, r.value]));
  }

  async setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean> {
    checkTtl(ttlMs);
    return this.storage.transactionSync(() => {
      if (this.live(key)) return false;
      this.put(key, value, ttlMs);
      return true;
    });
  }

  async hincrby(key: string, field: string, by: number, ttlMs?: number): Promise<number> {
    checkTtl(ttlMs);
    if (!Number.isSafeInteger(by)) throw new RangeError(`store: hincrby by a non-integer ${by}`);
    return this.storage.transactionSync(() => {
      const row = this.typed(key, 'hash');
      const [current] = this.sql
        .exec<{ value: string }>('SELECT value FROM item WHERE key = ? AND member = ?', key, field)
        .toArray();
      const value = current?.value ?? '0';
      if (!/^-?\d+$/.test(value)) throw new Error('ERR hash value is not an integer');
      const next = Number(value) + by;
      // Like PEXPIRE NX: the first increment starts the clock, later ones do not extend it.
      const expires = row?.expires ?? (ttlMs === undefined ? null : this.nowMs() + ttlMs);
      this.sql.exec(
        'INSERT INTO kv (key, kind, value, expires) VALUES (?, ?, NULL, ?) ON CONFLICT (key) DO UPDATE SET expires = excluded.expires',
        key,
        'hash',
        expires,
      );
      this.sql.exec(
        'INSERT INTO item (key, member, value) VALUES (?, ?, ?) ON CONFLICT (key, member) DO UPDATE SET value = excluded.value',
        key,
        field,
        String(next),
      );
      return next;
    });
  }

  async read(values: readonly string[], sets: readonly string[]): Promise<TxSnapshot> {
    return this.storage.transactionSync(() => this.snapshot(values, sets));
  }

  async apply(unit: CommitUnit): Promise<ApplyResult> {
    if (unit.journal) checkTtl(unit.journal.ttlMs);
    const result = this.storage.transactionSync((): ApplyResult => {
      if (unit.journal) {
        const done = this.str(unit.journal.key);
        if (done !== null) {
          if (unit.ackInbox) this.inbox.ackNow(unit.ackInbox);
          return { state: 'done', result: done };
        }
      }
      for (const [k, v] of unit.checks.values) if (this.str(k) !== v) return { state: 'conflict' };
      for (const [k, members] of unit.checks.sets) {
        const current = new Set(this.setMembers(k));
        if (current.size !== members.length || members.some((m) => !current.has(m)))
          return { state: 'conflict' };
      }
      for (const w of unit.writes) this.write(w);
      for (const m of unit.outbox) this.outbox.push(JSON.stringify(m));
      if (unit.journal) this.put(unit.journal.key, unit.journal.result, unit.journal.ttlMs);
      if (unit.ackInbox) this.inbox.ackNow(unit.ackInbox);
      return { state: 'applied' };
    });
    if (result.state === 'applied' && unit.outbox.length > 0) this.outbox.wake();
    return result;
  }

  /** Reads, plans and writes in one transaction: nothing can change in between, so it never retries. */
  async commit<T>(tx: Transaction<T>): Promise<T> {
    if (tx.journal) checkTtl(tx.journal.ttlMs);
    let queued = 0;
    const result = this.storage.transactionSync(() => {
      if (tx.journal) {
        const done = this.str(tx.journal.key);
        if (done !== null) return JSON.parse(done) as T;
      }
      const plan = tx.plan(this.snapshot(tx.watch ?? [], tx.watchSets ?? []));
      for (const w of plan.writes ?? []) this.write(w);
      for (const m of plan.outbox ?? []) this.outbox.push(JSON.stringify(m));
      queued = plan.outbox?.length ?? 0;
      if (tx.journal) this.put(tx.journal.key, JSON.stringify(plan.result ?? null), tx.journal.ttlMs);
      return plan.result;
    });
    if (queued > 0) this.outbox.wake();
    return result;
  }

  async recordInbound(dedupeId: string, ttlMs: number, entry: string): Promise<'recorded' | 'duplicate'> {
    checkTtl(ttlMs);
    const dedupeKey = this.keys.seen(dedupeId);
    const outcome = this.storage.transactionSync(() => {
      if (this.live(dedupeKey)) return 'duplicate' as const;
      this.put(dedupeKey, '1', ttlMs);
      this.inbox.push(entry);
      return 'recorded' as const;
    });
    if (outcome === 'recorded') this.inbox.wake();
    return outcome;
  }

  async close(): Promise<void> {
    this.inbox.close();
    this.outbox.close();
  }

  /** Deletes every expired key (the alarm calls it now and then, so dedupe ids do not pile up). */
  sweep(): number {
    return this.storage.transactionSync(() => {
      const now = this.nowMs();
      this.sql.exec(
        'DELETE FROM item WHERE key IN (SELECT key FROM kv WHERE expires IS NOT NULL AND expires <= ?)',
        now,
      );
      const gone = this.sql
        .exec<{ key: string }>('DELETE FROM kv WHERE expires IS NOT NULL AND expires <= ? RETURNING key', now)
        .toArray();
      return gone.length;
    });
  }

  private snapshot(values: readonly string[], sets: readonly string[]): TxSnapshot {
    return {
      values: new Map(values.map((k) => [k, this.str(k)])),
      sets: new Map(sets.map((k) => [k, this.setMembers(k)])),
    };
  }

  private write(w: WriteOp): void {
    const need = WRITE_KIND[w.op];
    const row = need ? this.typed(w.key, need) : undefined;
    switch (w.op) {
      case 'set':
        checkTtl(w.ttlMs);
        this.put(w.key, w.value, w.ttlMs);
        return;
      case 'del':
        this.drop(w.key);
        return;
      case 'sadd':
        if (w.members.length === 0) return;
        if (!row) this.create(w.key, 'set');
        for (const m of w.members)
          this.sql.exec('INSERT OR IGNORE INTO item (key, member) VALUES (?, ?)', w.key, m);
        return;
      case 'srem':
      case 'zrem':
        if (!row) return;
        for (const m of w.op === 'srem' ? w.members : [w.member])
          this.sql.exec('DELETE FROM item WHERE key = ? AND member = ?', w.key, m);
        this.dropIfEmpty(w.key);
        return;
      case 'zadd':
        if (Number.isNaN(w.score)) throw new RangeError('store: zadd score is NaN');
        if (!row) this.create(w.key, 'zset');
        this.sql.exec(
          'INSERT INTO item (key, member, score) VALUES (?, ?, ?) ON CONFLICT (key, member) DO UPDATE SET score = excluded.score',
          w.key,
          w.member,
          dbScore(w.score),
        );
        return;
      case 'hset':
        if (!row) this.create(w.key, 'hash');
        this.sql.exec(
          'INSERT INTO item (key, member, value) VALUES (?, ?, ?) ON CONFLICT (key, member) DO UPDATE SET value = excluded.value',
          w.key,
          w.field,
          w.value,
        );
        return;
    }
  }

  /** The key's row if it is live; an expired key is deleted on the way. */
  private live(key: string): KvRow | undefined {
    const [row] = this.sql.exec<KvRow>('SELECT kind, value, expires FROM kv WHERE key = ?', key).toArray();
    if (!row) return undefined;
    if (row.expires !== null && row.expires <= this.nowMs()) {
      this.drop(key);
      return undefined;
    }
    return row;
  }

  /** The live row if it has the kind asked for, undefined if missing; WRONGTYPE otherwise. */
  private typed(key: string, kind: Kind): KvRow | undefined {
    const row = this.live(key);
    if (row && row.kind !== kind) throw wrongType(key);
    return row;
  }

  private str(key: string): string | null {
    return this.typed(key, 'string')?.value ?? null;
  }

  private setMembers(key: string): string[] {
    if (!this.typed(key, 'set')) return [];
    return this.sql
      .exec<{ member: string }>('SELECT member FROM item WHERE key = ?', key)
      .toArray()
      .map((r) => r.member);
  }

  private put(key: string, value: string, ttlMs?: number): void {
    this.sql.exec('DELETE FROM item WHERE key = ?', key);
    this.sql.exec(
      'INSERT OR REPLACE INTO kv (key, kind, value, expires) VALUES (?, ?, ?, ?)',
      key,
      'string',
      value,
      ttlMs === undefined ? null : this.nowMs() + ttlMs,
    );
  }

  private create(key: string, kind: Kind): void {
    this.sql.exec('INSERT INTO kv (key, kind, value, expires) VALUES (?, ?, NULL, NULL)', key, kind);
  }

  private drop(key: string): void {
    this.sql.exec('DELETE FROM item WHERE key = ?', key);
    this.sql.exec('DELETE FROM kv WHERE key = ?', key);
  }

  /** Like Redis: an emptied set, sorted set or hash is gone. */
  private dropIfEmpty(key: string): void {
    const [row] = this.sql.exec<{ n: number }>('SELECT COUNT(*) AS n FROM item WHERE key = ?', key).toArray();
    if (Number(row?.n) === 0) this.drop(key);
  }
}
