import type { Ticket } from '../../domain/tickets.ts';
import type { Job } from '../job.ts';

const DAY_MS = 24 * 3600_000;
/** Tickets deleted per run at most: one run stays one modest commit; the rest go the next day. */
export const RETENTION_BATCH = 500;

/** Whether a ticket's retention is over: closed more than `days` days before `now`. */
export function retentionOver(t: Ticket, days: number, now: Date): boolean {
  return t.state === 'closed' && !!t.closedAt && Date.parse(t.closedAt) <= now.getTime() - days * DAY_MS;
}

/**
 * Daily: deletes tickets closed more than `grievances.retentionDays` (730) days ago —
 * the record with its text, trail, rating and sealed reporter, and its index entries
 * (issue 10, item 10). A named reporter's list loses the id too; an anonymous
 * reporter's keeps a dangling id that reads skip, since finding that list would take
 * unsealing the reporter. Only counts are logged.
 */
export const grievanceRetention: Job = {
  name: 'grievance-retention',
  cron: '30 3 * * *',
  summary: 'job.grievance-retention',
  period: 'day',
  reminder: false,
  catchUp: true,
  async run(ctx) {
    const days = ctx.org.grievances.retentionDays;
    const now = ctx.now();
    // A ticket closed before the cutoff was filed before it too: only older ones are read.
    const cutoff = now.getTime() - days * DAY_MS;
    const due = (await ctx.repos.tickets.createdBetween(0, cutoff + 1))
      .filter((t) => retentionOver(t, days, now))
      .slice(0, RETENTION_BATCH);
    for (const t of due) {
      const reporterKey = !t.anonymous && t.reporter ? ctx.sealer.pseudonym(t.reporter.openId) : undefined;
      ctx.repos.tickets.purge(ctx.uow, t, reporterKey);
    }
    if (due.length > 0) ctx.log.info({ deleted: due.length, retentionDays: days }, 'grievance-retention');
  },
};
