import { BotContext, type Services } from '../bot/context.ts';
import { actorFrom } from '../domain/roles.ts';
import type { Job, JobContext } from './job.ts';

/** The context a job runs in: a bot context with no asker, journaled under the job and period. */
export class JobRunContext extends BotContext implements JobContext {
  constructor(
    services: Services,
    readonly job: Job,
    readonly period: string,
    readonly scheduledFor: Date,
  ) {
    const updateKey = `job:${job.name}:${period}`;
    super(
      services,
      updateKey,
      actorFrom({ openId: 'system' }, []),
      // Jobs send to named people and chats; a stray reply goes nowhere useful, so it is refused.
      { type: 'p2p', to: { type: 'open_id', id: 'system' } },
      services.log.child({ job: job.name, period }),
    );
  }

  override reply(): void {
    throw new Error('a job has no conversation to reply to: send to people or chats');
  }

  override replyCard(): void {
    throw new Error('a job has no conversation to reply to: send to people or chats');
  }
}

/** Runs a job for a period with nothing else around it (tests; the scheduler adds claims and logs). */
export async function runJobOnce(
  services: Services,
  job: Job,
  period: string,
  scheduledFor: Date,
): Promise<number> {
  const ctx = new JobRunContext(services, job, period, scheduledFor);
  await job.run(ctx);
  await ctx.finish();
  return ctx.queued;
}
