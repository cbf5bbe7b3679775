import type { Command } from '../../bot/command.ts';
import type { BotContext } from '../../bot/context.ts';
import { UserError } from '../../bot/errors.ts';
import { reportCard } from '../../cards/report/report-card.ts';
import { hasRole } from '../../domain/roles.ts';
import { dateOf, previousMonth } from '../../lib/dates.ts';
import {
  buildReport,
  currentMonth,
  MONTH,
  reportCardModel,
  sendReport,
  sentBy,
} from '../../report/report.ts';

const SEND = new Set(['send', '报送', '发送']);

/**
 * `/report [YYYY-MM]`: the month's work report to the League committee (source document
 * 二(四)3), drafted from live data. `/report send [YYYY-MM]`: the presidium sends it, once.
 */
export const report: Command = {
  name: 'report',
  aliases: ['报告'],
  section: 'work',
  summary: 'cmd.report.summary',
  usage: 'cmd.report.usage',
  examples: 'cmd.report.examples',
  // The League committee and admins read it; only the presidium sends it (checked in run).
  allowed: (actor) => hasRole(actor, 'presidium', 'admin', 'leagueCommittee'),
  async run(ctx, command) {
    const [first, ...rest] = command.args;
    const sending = first !== undefined && SEND.has(first.toLowerCase());
    const args = sending ? rest : command.args;
    const month = args[0] ?? (sending ? await monthToSend(ctx) : currentMonth(ctx));
    if (args.length > 1 || !MONTH.test(month)) throw new UserError('report.badMonth');
    const presidium = hasRole(ctx.actor, 'presidium');

    if (sending) {
      if (!presidium) throw new UserError('report.sendForbidden');
      if (month > currentMonth(ctx)) throw new UserError('report.futureMonth', { month });
      const { outcome, record } = await sendReport(ctx, month);
      const shown = sentBy(ctx, record);
      ctx.reply(
        outcome === 'sent'
          ? ctx.t('report.sent.reply', { month })
          : ctx.t('report.already', { month, ...shown }),
      );
      return;
    }

    const [built, record] = await Promise.all([buildReport(ctx, month), ctx.repos.report.sent(month)]);
    const model = reportCardModel(ctx, built, { record, canSend: presidium, rebuilt: true });
    ctx.replyCard(reportCard(model, ctx.t));
  },
};

/** Up to this day of a month, `/report send` with no month means last month's, if it is still unsent. */
const OVERDUE_UNTIL_DAY = 5;

/**
 * The month `/report send` sends when none is named: this one, except in the first days of a
 * month while last month's report is still unsent (the overdue one, not the nearly empty new one).
 */
async function monthToSend(ctx: BotContext): Promise<string> {
  const month = currentMonth(ctx);
  const day = Number(dateOf(ctx.now(), ctx.org.timezone).slice(8, 10));
  if (day > OVERDUE_UNTIL_DAY) return month;
  const last = previousMonth(month);
  return (await ctx.repos.report.sent(last)) ? month : last;
}
