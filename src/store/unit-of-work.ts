import type { OutboxMessage } from '../messages/outbox-message.ts';
import type { KeySpace } from './keys.ts';
import type { ApplyResult, Store, TxSnapshot, WriteOp } from './store.ts';

/** How long a committed update is remembered: longer than any redelivery (Feishu: ~7 h). */
export const JOURNAL_TTL_MS = 7 * 24 * 3600 * 1000;
/** A unit whose reads keep changing under it is given up after this many attempts. */
const MAX_ATTEMPTS = 50;

/**
 * One update's (or one job run's) work against the store: the keys its decisions read,
 * the writes it decided, and the messages it buffered. Nothing is written until
 * {@link UnitOfWork.commit}, which applies all of it in one atomic step, and only if
 * every key read still holds what was read. Repositories read through it and add their
 * writes to it; the engine buffers messages in it; the runner commits it and, on a
 * conflict, runs the whole piece of work again on fresh data.
 */
export class UnitOfWork {
  private readonly values = new Map<string, string | null>();
  private readonly sets = new Map<string, readonly string[]>();
  private writes: WriteOp[] = [];
  private messages: OutboxMessage[] = [];

  constructor(
    private readonly store: Store,
    readonly journal?: { key: string; ttlMs: number },
    /** The inbox entry this unit handles, acked in the commit's atomic step. */
    private readonly ackInbox?: string,
  ) {}

  /**
   * Reads what a decision depends on. Keys not read before in this unit are read in one
   * round trip; all of them are checked again at commit. The unit's own writes show
   * through (a value set or deleted, set members added or removed).
   */
  async read(q: { values?: readonly string[]; sets?: readonly string[] }): Promise<TxSnapshot> {
    const values = q.values ?? [];
    const sets = q.sets ?? [];
    const newValues = values.filter((k) => !this.values.has(k));
    const newSets = sets.filter((k) => !this.sets.has(k));
    if (newValues.length > 0 || newSets.length > 0) {
      const got = await this.store.read([...new Set(newValues)], [...new Set(newSets)]);
      for (const [k, v] of got.values) if (!this.values.has(k)) this.values.set(k, v);
      for (const [k, m] of got.sets) if (!this.sets.has(k)) this.sets.set(k, m);
    }
    return {
      values: new Map(values.map((k) => [k, this.currentValue(k)])),
      sets: new Map(sets.map((k) => [k, this.currentSet(k)])),
    };
  }

  /** Adds writes, applied at commit in order. */
  write(...ops: WriteOp[]): void {
    this.writes.push(...ops);
  }

  /** Buffers a message: it goes to the outbox in the same atomic step as the writes. */
  send(message: OutboxMessage): void {
    this.messages.push(message);
  }

  /** Messages buffered so far. */
  get queued(): number {
    return this.messages.length;
  }

  /** The messages buffered so far (what a dry run would have sent). */
  get buffered(): readonly OutboxMessage[] {
    return this.messages;
  }

  /** Forgets every write, message and read (the work failed; nothing of it may happen). */
  discard(): void {
    this.writes = [];
    this.messages = [];
    this.values.clear();
    this.sets.clear();
  }

  /** Applies everything atomically, recording `result` under the journal marker. */
  commit(result: unknown): Promise<ApplyResult> {
    return this.store.apply({
      checks: { values: this.values, sets: this.sets },
      writes: this.writes,
      outbox: this.messages,
      ...(this.journal ? { journal: { ...this.journal, result: JSON.stringify(result ?? null) } } : {}),
      ...(this.ackInbox ? { ackInbox: this.ackInbox } : {}),
    });
  }

  private currentValue(key: string): string | null {
    let value = this.values.get(key) ?? null;
    for (const w of this.writes) {
      if (w.key !== key) continue;
      if (w.op === 'set') value = w.value;
      else if (w.op === 'del') value = null;
    }
    return value;
  }

  private currentSet(key: string): readonly string[] {
    const members = new Set(this.sets.get(key) ?? []);
    for (const w of this.writes) {
      if (w.key !== key) continue;
      if (w.op === 'sadd') for (const m of w.members) members.add(m);
      else if (w.op === 'srem') for (const m of w.members) members.delete(m);
      else if (w.op === 'del') members.clear();
    }
    return [...members];
  }
}

/** How a unit of work ended. */
export type UnitOutcome<T> =
  /** Committed now; `queued` messages went to the outbox. */
  | { replayed: false; result: T; queued: number }
  /** Committed before (a redelivered update): nothing was done again; `result` is what it recorded. */
  | { replayed: true; result: unknown; queued: 0 };

/** Runs pieces of work as units of work on one store, journaled under their update's key. */
export class UnitsOfWork {
  constructor(
    private readonly store: Store,
    private readonly keys: KeySpace,
  ) {}

  /** Runs `work` and commits nothing: returns the messages it would have sent. */
  async dryRun(work: (uow: UnitOfWork) => Promise<void>): Promise<readonly OutboxMessage[]> {
    const uow = new UnitOfWork(this.store);
    await work(uow);
    return uow.buffered;
  }

  /**
   * Runs `work` in a fresh unit and commits it, journaled under `updateKey` (an inbox
   * entry's key, a card click's, a job run's) so that running the same update again
   * commits and sends nothing twice. On a conflict the work runs again from scratch.
   */
  async run<T>(
    updateKey: string | undefined,
    work: (uow: UnitOfWork) => Promise<T>,
    opts: { ackInbox?: string } = {},
  ): Promise<UnitOutcome<T>> {
    const journal =
      updateKey === undefined ? undefined : { key: this.keys.done(updateKey, 'end'), ttlMs: JOURNAL_TTL_MS };
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const uow = new UnitOfWork(this.store, journal, opts.ackInbox);
      const result = await work(uow);
      const applied = await uow.commit(result);
      if (applied.state === 'applied') return { replayed: false, result, queued: uow.queued };
      if (applied.state === 'done') return { replayed: true, result: JSON.parse(applied.result), queued: 0 };
      await new Promise((r) => setTimeout(r, Math.random() * Math.min(50, 2 ** attempt)));
    }
    throw new Error('unit of work: kept conflicting; giving up');
  }
}
