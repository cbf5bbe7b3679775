import { appointmentNotices } from '../../cards/recruitment/appointment.ts';
import { headsOf } from '../../domain/org-names.ts';
import type { Application } from '../../domain/recruitment.ts';
import type { Job, JobContext } from '../job.ts';

/** The applicant and the department's heads are told (committed with the appointment). */
function tellAppointment(ctx: JobContext, app: Application): void {
  const heads = ctx.directory.openIds(headsOf(ctx.org, app.department));
  for (const { openId, text } of appointmentNotices(app, ctx.org, heads, ctx.t)) {
    ctx.sendText({ type: 'open_id', id: openId }, text);
  }
}

/**
 * Every 10 minutes: public notices that are over (SPEC §5). With no open or upheld
 * objection the applicant is appointed: state, trail, the `member` role, and the
 * messages to the applicant and the department's heads, in the run's one unit of work,
 * so however often or concurrently the job runs, an application is appointed (and
 * announced) once. An open objection holds the appointment until the League committee
 * decides it (the next run after that appoints).
 */
export const noticeClose: Job = {
  name: 'notice-close',
  cron: '*/10 * * * *',
  summary: 'job.notice-close',
  period: 'slot',
  reminder: false,
  catchUp: true,
  async run(ctx) {
    const due = await ctx.repos.recruitment.noticesOver(ctx.now());
    let appointed = 0;
    let held = 0;
    for (const id of due) {
      const outcome = await ctx.repos.recruitment.appoint(ctx.uow, id, ctx.now());
      if (outcome.appointed) {
        appointed += 1;
        tellAppointment(ctx, outcome.app);
      } else if (outcome.why === 'objection') held += 1;
    }
    if (due.length > 0) ctx.log.info({ due: due.length, appointed, held }, 'notice-close: notices over');
  },
};
