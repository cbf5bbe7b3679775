import { hostname } from 'node:os';
import cron, { type ScheduledTask } from 'node-cron';
import type { Services } from '../bot/context.ts';
import { ConfigError } from '../config/config-error.ts';
import type { OutboxMessage } from '../messages/outbox-message.ts';
import type { JobDone, JobRuns } from '../store/job-runs.ts';
import { WorkCalendar } from './calendar.ts';
import { type Job, JobContext } from './job.ts';
import { runJobOnce } from './job-context.ts';
import { isCron, nextRun, periodEnd, periodOf, periodStart, previousRun } from './period.ts';

/** A claimed run is taken over by another replica if it has not finished in this time. */
const LEASE_MS = 10 * 60_000;
/** Runs of a period that failed this often are given up (logged as errors). */
const MAX_FAILURES = 5;
/** A job without catch-up still runs if its trigger is at most this late (a slow start, a shifted reminder). */
const ON_TIME_MS = 2 * 60_000;

export type { JobDone } from '../store/job-runs.ts';

/** A job with the org file's overrides applied. */
export interface ScheduledJob {
  job: Job;
  cron: string;
  enabled: boolean;
  catchUp: boolean;
}

export type RunOutcome = 'done' | 'failed' | 'already-done' | 'claimed-elsewhere' | 'not-due' | 'disabled';

/**
 * Runs the jobs: node-cron fires each at its time in the org's time zone, and a sweep
 * (at start and every minute) catches up periods missed while the service was down,
 * reminders shifted past a holiday, and runs that died. Whatever the trigger, a period
 * is claimed in the store before it runs, so with any number of replicas and restarts
 * each period's work is done once.
 */
export class Scheduler {
  readonly jobs: ScheduledJob[];
  private readonly calendar: WorkCalendar;
  private readonly tasks: ScheduledTask[] = [];
  private readonly holder = `${hostname()}-${process.pid}`;
  private sweeping: Promise<void> | undefined;
  private started: Date | undefined;

  constructor(
    private readonly services: Services,
    jobs: readonly Job[],
    /** Where periods are claimed and recorded. */
    private readonly runs: JobRuns,
  ) {
    const { org } = services;
    const problems: string[] = [];
    const names = new Set(jobs.map((j) => j.name));
    for (const name of Object.keys(org.schedules)) {
      if (!names.has(name)) problems.push(`schedules.${name}: no such job (known: ${[...names].join(', ')})`);
    }
    this.jobs = jobs.map((job) => {
      const override = org.schedules[job.name] ?? {};
      const expr = override.cron ?? job.cron;
      if (!isCron(expr) || !cron.validate(expr))
        problems.push(`schedules.${job.name}.cron: not a valid cron expression`);
      return { job, cron: expr, enabled: override.enabled ?? true, catchUp: override.catchUp ?? job.catchUp };
    });
    if (problems.length > 0) throw new ConfigError('org file', problems);
    this.calendar = new WorkCalendar(org.calendar, org.timezone);
  }

  private get log() {
    return this.services.log;
  }

  /** Registers the cron triggers and the sweep, and catches up at once. */
  start(): void {
    const timezone = this.services.org.timezone;
    for (const s of this.jobs.filter((j) => j.enabled)) {
      this.tasks.push(
        cron.schedule(s.cron, () => void this.due(s, this.services.clock.now()), {
          timezone,
          name: s.job.name,
          noOverlap: true,
        }),
      );
    }
    this.tasks.push(
      cron.schedule('* * * * *', () => void this.sweep(), { timezone, name: 'sweep', noOverlap: true }),
    );
    void this.sweep();
  }

  async stop(): Promise<void> {
    for (const t of this.tasks.splice(0)) await t.destroy();
    await this.sweeping;
  }

  /** Checks every job once (also the catch-up at start). One sweep at a time. */
  sweep(): Promise<void> {
    this.sweeping ??= (async () => {
      try {
        const now = this.services.clock.now();
        for (const s of this.jobs) await this.due(s, now);
      } catch (err) {
        this.log.error({ err: String(err) }, 'scheduler: sweep failed');
      } finally {
        this.sweeping = undefined;
      }
    })();
    return this.sweeping;
  }

  /** Runs the job's latest period if it is due at `now` and not done. */
  async due(s: ScheduledJob, now: Date): Promise<RunOutcome> {
    if (!s.enabled) return 'disabled';
    const tz = this.services.org.timezone;
    const scheduledFor = previousRun(s.cron, now, tz);
    const period = periodOf(s.job.period, scheduledFor, tz);
    const goesOutAt = s.job.reminder ? this.calendar.shift(scheduledFor) : scheduledFor;
    if (goesOutAt > now) return 'not-due';
    const end = periodEnd(s.job.period, period, tz);
    if (s.job.reminder && end && end <= now) return 'not-due'; // a reminder for a period that is over
    // Nobody used the bot in a period that ended before it first started here.
    if (end && end <= (await this.firstStart(now))) return 'not-due';
    const late = now.getTime() - goesOutAt.getTime() > ON_TIME_MS;
    if (!s.catchUp && late) return 'not-due';
    if (s.job.reminder && late) {
      // Caught up late, a reminder follows the calendar too (not at 05:00, not on a Sunday) …
      if (this.calendar.shift(now) > now) return 'not-due';
      // … and gives way to a later reminder of the same period whose time has come.
      if (this.supersededAt(s, period, scheduledFor, now)) return 'not-due';
    }
    if (await this.runs.isDone(s.job.name, period)) return 'already-done';
    return this.runPeriod(s, period, scheduledFor);
  }

  /** When the scheduler first started on this store (read once). */
  private async firstStart(now: Date): Promise<Date> {
    this.started ??= await this.runs.firstStart(now);
    return this.started;
  }

  /** Whether the job's `supersededBy` reminder, for the same period, was due after it and by now. */
  private supersededAt(s: ScheduledJob, period: string, scheduledFor: Date, now: Date): boolean {
    const later = s.job.supersededBy ? this.find(s.job.supersededBy) : undefined;
    if (!later?.enabled) return false;
    const tz = this.services.org.timezone;
    const laterFor = previousRun(later.cron, now, tz);
    return periodOf(later.job.period, laterFor, tz) === period && laterFor > scheduledFor;
  }

  /** Claims and runs one period of a job (the scheduler's triggers and `npm run job`). */
  async runPeriod(s: ScheduledJob, period: string, scheduledFor: Date): Promise<RunOutcome> {
    const name = s.job.name;
    const claim = await this.runs.claim(name, period, this.holder, LEASE_MS);
    if (claim === 'done') return 'already-done';
    if (claim === 'held') {
      this.log.debug({ job: name, period }, 'job: claimed by another runner');
      return 'claimed-elsewhere';
    }
    const started = Date.now();
    let queued = 0;
    try {
      queued = await runJobOnce(
        this.services,
        s.job,
        period,
        scheduledFor,
        await this.firstStart(this.services.clock.now()),
      );
      await this.finish(s, period, 'done', queued, Date.now() - started);
      this.log.info({ job: name, period, outcome: 'done', ms: Date.now() - started, queued }, 'job: run');
      return 'done';
    } catch (err) {
      const failures = await this.runs.failed(name, period);
      const givingUp = failures >= MAX_FAILURES;
      if (givingUp) await this.finish(s, period, 'failed', queued, Date.now() - started);
      else await this.runs.release(name, period);
      this.log.error(
        { job: name, period, outcome: 'failed', ms: Date.now() - started, queued, failures, err },
        givingUp ? 'job: failed, giving up on this period' : 'job: failed, will retry',
      );
      return 'failed';
    }
  }

  /**
   * A run by hand (`npm run job`, `:job` in the local chat). Before the job's scheduled time
   * in its period, it is a dry run unless `force`: the messages it would send come back and
   * nothing is sent or recorded, so the real run still happens. Otherwise it claims and
   * runs the period like a scheduled run.
   */
  async runByHand(
    s: ScheduledJob,
    opts: { period?: string; force?: boolean; now: Date },
  ): Promise<{
    outcome: RunOutcome | 'dry-run';
    period: string;
    dueAt?: Date;
    wouldSend?: readonly OutboxMessage[];
  }> {
    const tz = this.services.org.timezone;
    const current = periodOf(s.job.period, opts.now, tz);
    const period = opts.period ?? current;
    const lastRun = previousRun(s.cron, opts.now, tz);
    const notYet = period >= current && periodOf(s.job.period, lastRun, tz) !== period;
    if (notYet && !opts.force) {
      const dueAt = nextRun(s.cron, opts.now, tz);
      const log = this.log.child({ job: s.job.name, period, dryRun: true });
      const firstStart = await this.firstStart(opts.now);
      const wouldSend = await this.services.units.dryRun(async (uow) => {
        await s.job.run(new JobContext(this.services, uow, log, s.job, period, opts.now, firstStart));
      });
      return { outcome: 'dry-run', period, dueAt, wouldSend };
    }
    const scheduledFor = opts.period && opts.period !== current ? periodStart(period, tz) : opts.now;
    return { outcome: await this.runPeriod(s, period, scheduledFor), period };
  }

  /** Every job with its cron, next run and last completed period (`npm run job -- --list`). */
  async list(
    now: Date,
  ): Promise<{ name: string; cron: string; enabled: boolean; next?: Date; last?: JobDone }[]> {
    const tz = this.services.org.timezone;
    return Promise.all(
      this.jobs.map(async (s) => {
        const last = await this.runs.last(s.job.name);
        const next = nextRun(s.cron, now, tz);
        return {
          name: s.job.name,
          cron: s.cron,
          enabled: s.enabled,
          next: s.enabled ? (s.job.reminder ? this.calendar.shift(next) : next) : undefined,
          last,
        };
      }),
    );
  }

  find(name: string): ScheduledJob | undefined {
    return this.jobs.find((s) => s.job.name === name);
  }

  private async finish(
    s: ScheduledJob,
    period: string,
    outcome: 'done' | 'failed',
    queued: number,
    ms: number,
  ): Promise<void> {
    const at = this.services.clock.now().toISOString();
    await this.runs.finish(s.job.name, { v: 1, period, outcome, at, queued, ms });
  }
}
