import { z } from 'zod';
import type { KeySpace } from './keys.ts';
import type { Store } from './store.ts';

/** A completed period is remembered this long (longer than any period). */
const DONE_TTL_MS = 400 * 24 * 3600_000;
/** Kept for good (a key with a ttl, as SET NX wants one). */
const FOREVER_MS = 100 * 365 * 24 * 3600_000;

const JobDoneSchema = z.object({
  v: z.literal(1),
  period: z.string(),
  outcome: z.enum(['done', 'failed']),
  at: z.string(),
  queued: z.number(),
  ms: z.number(),
});
/** A job's finished period: done, or given up after failing too often. */
export type JobDone = z.infer<typeof JobDoneSchema>;

/**
 * The scheduler's records: which periods of a job are done (`job:done:`), who holds a
 * period's run (`job:lock:`, a lease), its failed runs (`job:failures:`) and the job's last
 * finished period (`job:last:`).
 */
export class JobRuns {
  constructor(
    private readonly store: Store,
    private readonly keys: KeySpace,
  ) {}

  async isDone(job: string, period: string): Promise<boolean> {
    return (await this.store.get(this.key('done', job, period))) !== null;
  }

  /**
   * Claims a period for `holder` for `leaseMs`: 'claimed', 'done' (finished already,
   * possibly between the check and the claim) or 'held' (another runner has it).
   */
  async claim(
    job: string,
    period: string,
    holder: string,
    leaseMs: number,
  ): Promise<'claimed' | 'done' | 'held'> {
    if (await this.isDone(job, period)) return 'done';
    if (!(await this.store.setIfAbsent(this.key('lock', job, period), holder, leaseMs))) return 'held';
    if (await this.isDone(job, period)) {
      await this.release(job, period);
      return 'done';
    }
    return 'claimed';
  }

  /** Lets the period be claimed again (a failed run that will be retried). */
  async release(job: string, period: string): Promise<void> {
    const key = this.key('lock', job, period);
    await this.store.commit({ plan: () => ({ writes: [{ op: 'del', key }], result: null }) });
  }

  /** Counts a failed run of the period; returns how many there were. */
  failed(job: string, period: string): Promise<number> {
    return this.store.hincrby(this.key('failures', job, ''), period, 1, DONE_TTL_MS);
  }

  /** Marks the period finished (done or given up) and releases its lease, in one step. */
  async finish(job: string, record: JobDone): Promise<void> {
    const value = JSON.stringify(record);
    await this.store.commit({
      plan: () => ({
        writes: [
          { op: 'set', key: this.key('done', job, record.period), value, ttlMs: DONE_TTL_MS },
          { op: 'set', key: this.key('last', job, ''), value },
          { op: 'del', key: this.key('lock', job, record.period) },
        ],
        result: null,
      }),
    });
  }

  /**
   * When the scheduler first started on this store (recorded by the first call, kept for
   * good): periods that ended before it are never caught up.
   */
  async firstStart(now: Date): Promise<Date> {
    const key = this.keys.schedulerFirstStart;
    await this.store.setIfAbsent(key, now.toISOString(), FOREVER_MS);
    const at = Date.parse((await this.store.get(key)) ?? now.toISOString());
    return new Date(Number.isFinite(at) ? at : now.getTime());
  }

  /** The job's last finished period, if any. */
  async last(job: string): Promise<JobDone | undefined> {
    const raw = await this.store.get(this.key('last', job, ''));
    const parsed = raw ? JobDoneSchema.safeParse(JSON.parse(raw)) : undefined;
    return parsed?.success ? parsed.data : undefined;
  }

  private key(kind: 'done' | 'lock' | 'last' | 'failures', job: string, period: string): string {
    const k = this.keys.job(kind, job);
    return period ? `${k}:${period}` : k;
  }
}
