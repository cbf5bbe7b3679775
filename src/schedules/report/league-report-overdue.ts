import { reportCard } from '../../cards/report/report-card.ts';
import { previousMonth } from '../../lib/dates.ts';
import { cardContent, textContent } from '../../messages/content.ts';
import { buildReport, reportCardModel } from '../../report/report.ts';
import type { Job } from '../job.ts';
import { periodEnd } from '../period.ts';

/**
 * On the 5th: last month's report to the League committee was not sent. The presidium
 * gets the draft (with the send button), the League committee a line saying so.
 */
export const leagueReportOverdue: Job = {
  name: 'league-report-overdue',
  cron: '0 9 5 * *',
  summary: 'job.league-report-overdue',
  period: 'month',
  reminder: true,
  catchUp: true,
  async run(ctx) {
    const month = previousMonth(ctx.period);
    // A month that ended before the bot was running here had no report to send through it.
    const monthEnd = periodEnd('month', month, ctx.org.timezone);
    if (ctx.firstStart && monthEnd && monthEnd <= ctx.firstStart) return;
    if (await ctx.repos.report.sent(month)) return;
    const report = await buildReport(ctx, month);
    const card = reportCard(reportCardModel(ctx, report, { canSend: true, overdue: true }), ctx.t);
    ctx.sendToPeople(ctx.org.presidium, cardContent(card));
    const line = ctx.t('report.overdue.committee', { university: ctx.org.university, month });
    ctx.sendToPeople(ctx.org.leagueCommittee, textContent(line), { chatId: ctx.org.chats.leagueCommittee });
  },
};
