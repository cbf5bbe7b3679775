import { type Services, WorkContext } from '../bot/context.ts';
import type { MessageKey } from '../i18n/index.ts';
import type { Logger } from '../lib/logger.ts';
import type { UnitOfWork } from '../store/unit-of-work.ts';

/**
 * How a run's period is named from the time it was scheduled for (in the org's time zone):
 * `month` → `2026-12`, `day` → `2026-12-01`, `slot` → `2026-12-01T09:10` (every occurrence its own).
 * Each period's work is done once, whatever the replicas, restarts and retries.
 */
export type PeriodKind = 'month' | 'day' | 'slot';

/** A scheduled job: one file under `src/schedules/`, listed in `src/schedules/index.ts`. */
export interface Job {
  /** Kebab-case, as in SPEC §6 and `npm run job -- <name>`. */
  name: string;
  /** Default cron expression in the org's time zone; the org file's `schedules.<name>.cron` overrides it. */
  cron: string;
  summary: MessageKey;
  period: PeriodKind;
  /**
   * A reminder to people: it follows the calendar (a holiday or quiet hour moves it to the
   * next workday at the same time) and is not sent any more once its period is over.
   */
  reminder: boolean;
  /** Run a period missed while the service was down when it starts again (default for the org file). */
  catchUp: boolean;
  /**
   * A later reminder of the same period that makes this one pointless when both are late
   * (the 20th's follow-up and the 1st's reminder): caught up, only the later one goes out.
   */
  supersededBy?: string;
  /**
   * Does the work for `ctx.period`. Messages go through the context and state changes
   * through the repositories, all in one unit of work journaled under the job and period,
   * so a run retried after a crash repeats nothing that was committed.
   */
  run(ctx: JobContext): Promise<void>;
}

/**
 * What a job run sees: the work context (org, people, repositories, texts, messages)
 * plus its period. It has no conversation: a job sends to named people and chats.
 */
export class JobContext extends WorkContext {
  constructor(
    services: Services,
    uow: UnitOfWork,
    log: Logger,
    readonly job: Job,
    /** The period this run is for (see {@link PeriodKind}). */
    readonly period: string,
    /** When the run was scheduled for (before any holiday shift), or now for a manual run. */
    readonly scheduledFor: Date,
    /** When the bot first started here (a job need not report on a time before it). */
    readonly firstStart?: Date,
  ) {
    super(services, uow, log);
  }
}
