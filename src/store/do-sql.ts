/**
 * The part of a Durable Object's storage the store uses: its SQLite database and
 * synchronous transactions. Declared here (rather than from workers-types) so the
 * adapter type-checks next to Node's types, and any SQLite-backed object can host it.
 */
export type SqlValue = string | number | null | ArrayBuffer;

export interface SqlCursor<T> {
  toArray(): T[];
}

export interface SqlStorage {
  exec<T = Record<string, SqlValue>>(query: string, ...bindings: SqlValue[]): SqlCursor<T>;
}

/** `ctx.storage` of a Durable Object declared with `new_sqlite_classes`. */
export interface DoStorage {
  readonly sql: SqlStorage;
  /** Runs `fn` as one SQLite transaction: all of it, or (when it throws) none of it. */
  transactionSync<T>(fn: () => T): T;
}

/** The tables, created once per object (idempotent). */
export const SCHEMA = `
CREATE TABLE IF NOT EXISTS kv (key TEXT PRIMARY KEY, kind TEXT NOT NULL, value TEXT, expires REAL);
CREATE INDEX IF NOT EXISTS kv_expires ON kv (expires) WHERE expires IS NOT NULL;
CREATE TABLE IF NOT EXISTS item (key TEXT NOT NULL, member TEXT NOT NULL, score REAL, value TEXT, PRIMARY KEY (key, member));
CREATE INDEX IF NOT EXISTS item_score ON item (key, score, member);
CREATE TABLE IF NOT EXISTS counter (name TEXT PRIMARY KEY, n INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS queue (q TEXT NOT NULL, id INTEGER NOT NULL, data TEXT NOT NULL,
  deliveries INTEGER NOT NULL, consumer TEXT, delivered_at REAL, PRIMARY KEY (q, id));
CREATE INDEX IF NOT EXISTS queue_order ON queue (q, consumer, id);
CREATE TABLE IF NOT EXISTS dead (id INTEGER PRIMARY KEY, q TEXT NOT NULL, data TEXT NOT NULL, reason TEXT NOT NULL, at REAL NOT NULL);
CREATE INDEX IF NOT EXISTS dead_order ON dead (q, id);
CREATE TABLE IF NOT EXISTS seat (list TEXT NOT NULL, member TEXT NOT NULL, kind TEXT NOT NULL, n INTEGER NOT NULL,
  until REAL, PRIMARY KEY (list, member));
CREATE INDEX IF NOT EXISTS seat_order ON seat (list, kind, n);
`;

/** The next number of a named counter (queue ids, seat order), inside the caller's transaction. */
export function nextNumber(sql: SqlStorage, name: string): number {
  const [row] = sql
    .exec<{ n: number }>(
      'INSERT INTO counter (name, n) VALUES (?, 1) ON CONFLICT (name) DO UPDATE SET n = n + 1 RETURNING n',
      name,
    )
    .toArray();
  return Number(row?.n);
}
