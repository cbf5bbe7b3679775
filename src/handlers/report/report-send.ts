import { z } from 'zod';
import { defineAction } from '../../bot/command.ts';
import { UserError } from '../../bot/errors.ts';
import { reportCard } from '../../cards/report/report-card.ts';
import { hasRole } from '../../domain/roles.ts';
import {
  buildReport,
  currentMonth,
  MONTH,
  reportCardModel,
  sendReport,
  sentBy,
} from '../../report/report.ts';

/**
 * "报送校团委" on a report draft. The clicker's role is checked again here (a card can be
 * forwarded or forged); the report goes out once however many copies are clicked, and
 * the card answers with the sent state.
 */
export const reportSend = defineAction({
  name: 'report.send',
  value: z.object({ a: z.literal('report.send'), m: z.string().regex(MONTH), v: z.literal(1) }),
  async run(ctx, value) {
    if (!hasRole(ctx.actor, 'presidium')) throw new UserError('report.sendForbidden');
    if (value.m > currentMonth(ctx)) throw new UserError('report.futureMonth', { month: value.m });
    const report = await buildReport(ctx, value.m);
    const { outcome, record } = await sendReport(ctx, value.m, report);
    const card = reportCard(reportCardModel(ctx, report, { record }), ctx.t);
    return {
      card: { type: 'raw', data: { ...card } },
      toast:
        outcome === 'sent'
          ? { type: 'success', content: ctx.t('report.sent.toast') }
          : { type: 'warning', content: ctx.t('report.already', { month: value.m, ...sentBy(ctx, record) }) },
    };
  },
});
