import { type DoStorage, nextNumber, type SqlStorage } from './do-sql.ts';
import type { SeatLists, SeatStanding } from './store.ts';

type SeatKind = 'seated' | 'waiting' | 'offered';
interface SeatRow {
  kind: SeatKind;
  n: number;
  until: number | null;
}

/**
 * Seat lists in the object's SQLite database: a row per member (`seated`, `waiting` or
 * `offered`, with its order number, and an offer's time). Each call is one
 * `transactionSync`, so it is atomic like the Redis script; the rules are the same.
 */
export class DoSeatLists implements SeatLists {
  private readonly sql: SqlStorage;

  constructor(private readonly storage: DoStorage) {
    this.sql = storage.sql;
  }

  async join(list: string, member: string, o: { capacity: number; waitlist: boolean; pool?: boolean }) {
    return this.storage.transactionSync((): SeatStanding | { state: 'full' } => {
      const now = this.where(list, member);
      if (now.state !== 'none') return now;
      if (!o.pool && this.count(list, 'seated') + this.count(list, 'offered') < o.capacity) {
        if (this.count(list, 'waiting') === 0) {
          this.insert(list, member, 'seated');
          const seated = this.count(list, 'seated');
          return { state: 'seated', position: seated, seated };
        }
      }
      if (!o.waitlist && !o.pool) return { state: 'full' };
      this.insert(list, member, 'waiting');
      return { state: 'waiting', position: this.count(list, 'waiting') };
    });
  }

  async leave(list: string, member: string, o: { capacity: number; offerUntil: number }) {
    return this.storage.transactionSync(() => {
      const was = this.where(list, member).state;
      this.sql.exec('DELETE FROM seat WHERE list = ? AND member = ?', list, member);
      const [offered] =
        was === 'seated' || was === 'offered' ? this.fill(list, o.capacity, o.offerUntil) : [];
      return { was, ...(offered ? { offered } : {}) };
    });
  }

  async accept(list: string, member: string, now: number): Promise<SeatStanding> {
    return this.storage.transactionSync(() => {
      const row = this.row(list, member);
      if (row?.kind === 'offered' && (row.until ?? 0) >= now) {
        this.sql.exec(
          "UPDATE seat SET kind = 'seated', n = ?, until = NULL WHERE list = ? AND member = ?",
          nextNumber(this.sql, `seat:${list}`),
          list,
          member,
        );
      }
      return this.where(list, member);
    });
  }

  async expire(list: string, o: { capacity: number; now: number; offerUntil: number }) {
    return this.storage.transactionSync(() => {
      const expired = this.sql
        .exec<{ member: string }>(
          "DELETE FROM seat WHERE list = ? AND kind = 'offered' AND until < ? RETURNING member",
          list,
          o.now,
        )
        .toArray()
        .map((r) => r.member);
      return { expired, offered: this.fill(list, o.capacity, o.offerUntil) };
    });
  }

  async arrange(list: string, seated: readonly string[], waiting: readonly string[]): Promise<void> {
    this.storage.transactionSync(() => {
      this.sql.exec('DELETE FROM seat WHERE list = ?', list);
      for (const m of seated) this.insert(list, m, 'seated');
      for (const m of waiting) this.insert(list, m, 'waiting');
    });
  }

  async read(list: string) {
    const rows = this.sql
      .exec<{ member: string } & SeatRow>(
        'SELECT member, kind, n, until FROM seat WHERE list = ? ORDER BY n',
        list,
      )
      .toArray();
    const of = (kind: SeatKind) => rows.filter((r) => r.kind === kind).map((r) => r.member);
    return {
      seated: of('seated'),
      waiting: of('waiting'),
      offers: Object.fromEntries(
        rows.filter((r) => r.kind === 'offered').map((r) => [r.member, Number(r.until)]),
      ),
    };
  }

  async standing(list: string, member: string): Promise<SeatStanding> {
    return this.where(list, member);
  }

  private row(list: string, member: string): SeatRow | undefined {
    return this.sql
      .exec<SeatRow>('SELECT kind, n, until FROM seat WHERE list = ? AND member = ?', list, member)
      .toArray()[0];
  }

  private where(list: string, member: string): SeatStanding {
    const row = this.row(list, member);
    if (!row) return { state: 'none' };
    if (row.kind === 'offered') return { state: 'offered', until: Number(row.until) };
    const position = this.count(list, row.kind, row.n);
    return row.kind === 'seated'
      ? { state: 'seated', position, seated: this.count(list, 'seated') }
      : { state: 'waiting', position };
  }

  /** Members of a kind (up to order number `upTo`, for a position). */
  private count(list: string, kind: SeatKind, upTo = Number.MAX_SAFE_INTEGER): number {
    const [row] = this.sql
      .exec<{ n: number }>(
        'SELECT COUNT(*) AS n FROM seat WHERE list = ? AND kind = ? AND n <= ?',
        list,
        kind,
        upTo,
      )
      .toArray();
    return Number(row?.n ?? 0);
  }

  private insert(list: string, member: string, kind: 'seated' | 'waiting'): void {
    const n = nextNumber(this.sql, `${kind === 'seated' ? 'seat' : 'wait'}:${list}`);
    this.sql.exec(
      'INSERT INTO seat (list, member, kind, n, until) VALUES (?, ?, ?, ?, NULL)',
      list,
      member,
      kind,
      n,
    );
  }

  /** Offers free seats to the first in line, in order; returns who got one. */
  private fill(list: string, capacity: number, offerUntil: number): string[] {
    const offered: string[] = [];
    while (this.count(list, 'seated') + this.count(list, 'offered') < capacity) {
      const [first] = this.sql
        .exec<{ member: string }>(
          "SELECT member FROM seat WHERE list = ? AND kind = 'waiting' ORDER BY n LIMIT 1",
          list,
        )
        .toArray();
      if (!first) break;
      this.sql.exec(
        "UPDATE seat SET kind = 'offered', until = ? WHERE list = ? AND member = ?",
        offerUntil,
        list,
        first.member,
      );
      offered.push(first.member);
    }
    return offered;
  }
}
