import type { Services } from '../bot/context.ts';
import { type Job, JobContext } from './job.ts';

/** The update key a job's period is journaled under. */
export function jobUpdateKey(job: Job, period: string): string {
  return `job:${job.name}:${period}`;
}

/**
 * Runs a job for a period as one unit of work (its writes and messages commit together,
 * journaled under the job and period); returns the messages it queued. The scheduler
 * adds claims and logs; tests call this directly.
 */
export async function runJobOnce(
  services: Services,
  job: Job,
  period: string,
  scheduledFor: Date,
  firstStart?: Date,
): Promise<number> {
  const log = services.log.child({ job: job.name, period });
  const outcome = await services.units.run(jobUpdateKey(job, period), async (uow) => {
    await job.run(new JobContext(services, uow, log, job, period, scheduledFor, firstStart));
    return null;
  });
  return outcome.queued;
}
