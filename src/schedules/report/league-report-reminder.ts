import { reportCard } from '../../cards/report/report-card.ts';
import { cardContent } from '../../messages/content.ts';
import { buildReport, reportCardModel } from '../../report/report.ts';
import type { Job } from '../job.ts';

/**
 * SPEC §6: on the 25th, each presidium member gets the month's drafted report to the
 * League committee, with the send button. Nothing when it has been sent already.
 */
export const leagueReportReminder: Job = {
  name: 'league-report-reminder',
  cron: '0 9 25 * *',
  summary: 'job.league-report-reminder',
  period: 'month',
  reminder: true,
  catchUp: true,
  async run(ctx) {
    if (await ctx.repos.report.sent(ctx.period)) {
      ctx.log.info('report: already sent, no reminder');
      return;
    }
    const report = await buildReport(ctx, ctx.period);
    const card = reportCard(reportCardModel(ctx, report, { canSend: true }), ctx.t);
    const sent = ctx.sendToPeople(ctx.org.presidium, cardContent(card));
    if (sent === 0) ctx.log.warn('report: nobody in the presidium to remind');
  },
};
