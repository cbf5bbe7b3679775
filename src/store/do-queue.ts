import { waitForWake } from './adapter-rules.ts';
import { type DoStorage, nextNumber, type SqlStorage } from './do-sql.ts';
import type { QueueEntry, StreamQueue } from './store.ts';

/** As on Redis: a dead consumer's entry is taken over only once it has been idle this long. */
const TAKEOVER_MIN_IDLE_MS = 1000;
/** Redis keeps the newest 1000 dead letters per queue; so does this. */
const MAX_DEAD_LETTERS = 1000;

interface Row {
  id: number;
  data: string;
  deliveries: number;
}

/**
 * A consumer-group queue in the object's SQLite database, with the Redis stream's rules:
 * an entry is new until read (`consumer` null), then pending with its consumer until
 * acked; a pending entry is claimed again once idle. A blocking read waits in memory for
 * an `add` in the same object (the only writer).
 */
export class DoQueue implements StreamQueue {
  private readonly sql: SqlStorage;
  private readonly waiters = new Set<() => void>();
  private closed = false;

  constructor(
    private readonly storage: DoStorage,
    private readonly name: 'inbox' | 'outbox',
    private readonly nowMs: () => number,
  ) {
    this.sql = storage.sql;
  }

  /** Appends inside the caller's transaction; the caller wakes readers once it has committed. */
  push(data: string): string {
    const id = nextNumber(this.sql, `queue:${this.name}`);
    this.sql.exec(
      'INSERT INTO queue (id, q, data, deliveries, consumer, delivered_at) VALUES (?, ?, ?, 0, NULL, NULL)',
      id,
      this.name,
      data,
    );
    return String(id);
  }

  async add(data: string): Promise<string> {
    const id = this.storage.transactionSync(() => this.push(data));
    this.wake();
    return id;
  }

  async read(consumer: string, count: number, blockMs: number): Promise<QueueEntry[]> {
    if (blockMs > 0 && !this.closed && this.fresh() === 0) await this.waitForAdd(blockMs);
    return this.storage.transactionSync(() => {
      const rows = this.sql
        .exec<Row>(
          'SELECT id, data, deliveries FROM queue WHERE q = ? AND consumer IS NULL ORDER BY id LIMIT ?',
          this.name,
          count,
        )
        .toArray();
      return this.deliver(rows, consumer);
    });
  }

  async claimStale(consumer: string, minIdleMs: number, count: number): Promise<QueueEntry[]> {
    return this.storage.transactionSync(() => {
      const rows = this.sql
        .exec<Row>(
          `SELECT id, data, deliveries FROM queue
           WHERE q = ? AND consumer IS NOT NULL AND delivered_at <= ? ORDER BY id LIMIT ?`,
          this.name,
          this.nowMs() - minIdleMs,
          count,
        )
        .toArray();
      return this.deliver(rows, consumer);
    });
  }

  async takeOver(
    consumer: string,
    alive: (names: readonly string[]) => Promise<ReadonlySet<string>>,
    count: number,
    ownIdleMs?: number,
  ): Promise<QueueEntry[]> {
    const holders = this.sql
      .exec<{ consumer: string }>(
        'SELECT DISTINCT consumer FROM queue WHERE q = ? AND consumer IS NOT NULL AND consumer != ?',
        this.name,
        consumer,
      )
      .toArray()
      .map((r) => r.consumer);
    const living = holders.length > 0 ? await alive(holders) : new Set<string>();
    const dead = holders.filter((n) => !living.has(n));
    return this.storage.transactionSync(() => {
      const now = this.nowMs();
      const out: QueueEntry[] = [];
      const candidates = this.sql
        .exec<Row & { consumer: string; delivered_at: number }>(
          `SELECT id, data, deliveries, consumer, delivered_at FROM queue
           WHERE q = ? AND consumer IS NOT NULL ORDER BY id`,
          this.name,
        )
        .toArray();
      for (const e of candidates) {
        if (out.length >= count) break;
        const idle = now - e.delivered_at;
        const mine = e.consumer === consumer && ownIdleMs !== undefined && idle >= ownIdleMs;
        const orphaned = dead.includes(e.consumer) && idle >= TAKEOVER_MIN_IDLE_MS;
        if (mine || orphaned) out.push(...this.deliver([e], consumer));
      }
      return out;
    });
  }

  async ack(id: string): Promise<void> {
    this.ackNow(id);
  }

  /** Acks inside the caller's transaction (a commit that handled the entry). */
  ackNow(id: string): void {
    this.sql.exec('DELETE FROM queue WHERE q = ? AND id = ?', this.name, Number(id));
  }

  async deadLetter(entry: QueueEntry, reason: string): Promise<void> {
    this.storage.transactionSync(() => {
      this.ackNow(entry.id);
      const id = nextNumber(this.sql, 'dead');
      this.sql.exec(
        'INSERT INTO dead (id, q, data, reason, at) VALUES (?, ?, ?, ?, ?)',
        id,
        this.name,
        entry.data,
        reason,
        this.nowMs(),
      );
      this.sql.exec(
        'DELETE FROM dead WHERE q = ? AND id NOT IN (SELECT id FROM dead WHERE q = ? ORDER BY id DESC LIMIT ?)',
        this.name,
        this.name,
        MAX_DEAD_LETTERS,
      );
    });
  }

  async deadLetters(limit = 100): Promise<{ data: string; reason: string; at: number }[]> {
    return this.sql
      .exec<{ data: string; reason: string; at: number }>(
        'SELECT data, reason, at FROM dead WHERE q = ? ORDER BY id DESC LIMIT ?',
        this.name,
        limit,
      )
      .toArray()
      .map(({ data, reason, at }) => ({ data, reason, at }));
  }

  async backlog(): Promise<number> {
    const [row] = this.sql
      .exec<{ n: number }>('SELECT COUNT(*) AS n FROM queue WHERE q = ?', this.name)
      .toArray();
    return Number(row?.n ?? 0);
  }

  close(): void {
    this.closed = true;
    this.wake();
  }

  /** Ends blocking reads (called after a transaction that added entries has committed). */
  wake(): void {
    for (const w of [...this.waiters]) w();
  }

  private fresh(): number {
    const [row] = this.sql
      .exec<{ n: number }>('SELECT COUNT(*) AS n FROM queue WHERE q = ? AND consumer IS NULL', this.name)
      .toArray();
    return Number(row?.n ?? 0);
  }

  private waitForAdd(ms: number): Promise<void> {
    return waitForWake(this.waiters, ms);
  }

  /** Marks rows delivered to `consumer` (one more delivery, idle from now). */
  private deliver(rows: Row[], consumer: string): QueueEntry[] {
    const now = this.nowMs();
    return rows.map((r) => {
      this.sql.exec(
        'UPDATE queue SET deliveries = deliveries + 1, consumer = ?, delivered_at = ? WHERE q = ? AND id = ?',
        consumer,
        now,
        this.name,
        r.id,
      );
      return { id: String(r.id), data: r.data, deliveries: Number(r.deliveries) + 1 };
    });
  }
}
