import { categoryName } from '../../cards/grievances/ticket-cards.ts';
import type { Org } from '../../config/org.ts';
import { joinList, type Locale, type Translate } from '../../i18n/index.ts';
import { previousMonth } from '../../lib/dates.ts';
import { textContent } from '../../messages/content.ts';
import { type GrievanceMonth, grievanceMonth, hoursText } from '../../report/sections/grievances.ts';
import { monthSpan } from '../../report/sections/recruitment.ts';
import type { Job } from '../job.ts';
import { periodEnd } from '../period.ts';

/** The public summary of a month: counts and medians only, never a ticket's text, a reporter or an officer. */
export function grievanceSummaryText(
  m: GrievanceMonth,
  o: { org: Org; month: string; t: Translate; locale: Locale },
): string {
  const { org, t } = o;
  const order = org.grievances.categories.map((c) => c.id);
  const rank = (id: string) => (order.includes(id) ? order.indexOf(id) : order.length);
  const categories = Object.entries(m.byCategory)
    .filter(([, c]) => c.received > 0)
    .sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b))
    .map(([id, c]) =>
      t('grievanceStats.summary.categoryPart', { name: categoryName(org, id), n: c.received }),
    );
  return t('grievanceStats.summary', {
    university: org.university,
    month: o.month,
    received: m.received,
    resolved: m.resolved,
    firstResponse: hoursText(m.firstResponseHours, t),
    resolution: hoursText(m.resolutionHours, t),
    satisfaction:
      m.averageRating === null
        ? t('grievanceStats.noRatings')
        : t('grievanceStats.summary.satisfaction', { avg: m.averageRating, n: m.rated }),
    categories: categories.length ? joinList(o.locale, categories) : t('grievanceStats.none'),
  });
}

/**
 * On the 1st: last month's grievances in numbers to `chats.announcements`, the
 * transparency a 12345 hotline gives (issue 10, item 9). Nothing without that chat, and
 * nothing for a month that ended before the bot ran here.
 */
export const grievanceSummary: Job = {
  name: 'grievance-summary',
  cron: '0 10 1 * *',
  summary: 'job.grievance-summary',
  period: 'month',
  reminder: false,
  catchUp: true,
  async run(ctx) {
    const chat = ctx.org.chats.announcements;
    if (!chat) {
      ctx.log.info('grievance-summary: no announcements chat; nothing sent');
      return;
    }
    const month = previousMonth(ctx.period);
    const monthEnd = periodEnd('month', month, ctx.org.timezone);
    if (ctx.firstStart && monthEnd && monthEnd <= ctx.firstStart) return;
    const span = monthSpan(month, ctx.org.timezone);
    const m = grievanceMonth(await ctx.repos.tickets.createdBetween(0, span.end), span);
    const text = grievanceSummaryText(m, { org: ctx.org, month, t: ctx.t, locale: ctx.locale });
    ctx.send({ type: 'chat_id', id: chat }, textContent(text));
  },
};
