import type { PendingSource, StatusSource } from '../../bot/command.ts';
import { ticketValues } from '../../cards/grievances/ticket-cards.ts';
import { isOpenTicket } from '../../domain/tickets.ts';
import { categoryLabel, isOfficer, reporterKey } from './tickets.ts';

/** Hours and minutes since an instant, in words (`3 小时`, `2 天`). */
export function ageText(since: string, now: Date, zh: boolean): string {
  const hours = Math.max(0, Math.floor((now.getTime() - Date.parse(since)) / 3_600_000));
  if (hours < 48) return zh ? `${hours} 小时` : `${hours} h`;
  const days = Math.floor(hours / 24);
  return zh ? `${days} 天` : `${days} days`;
}

/** Tickets waiting on this officer: claimed by them, or open in a unit they handle. */
export const ticketsWaitingOn: PendingSource = async (ctx, actor) => {
  const now = ctx.now();
  const zh = ctx.locale === 'zh-CN';
  return (await ctx.repos.tickets.active())
    .filter(
      (t) =>
        isOpenTicket(t) &&
        (t.claimer ? t.claimer.openId === actor.openId : t.state === 'open' && isOfficer(ctx, t)),
    )
    .map((t) => ({
      id: t.id,
      since: t.createdAt,
      open: ticketValues.open(t.id),
      line: ctx.t('pending.ticket', {
        id: t.id,
        category: categoryLabel(ctx, t),
        state: ctx.t(`ticket.state.${t.state}`),
        age: ageText(t.createdAt, now, zh),
      }),
    }));
};

/** `/status`: the student's own tickets (named and anonymous), newest first. */
export const ticketsOfReporter: StatusSource = async (ctx) => {
  const tickets = await ctx.repos.tickets.ofReporter(reporterKey(ctx, ctx.actor.openId));
  if (tickets.length === 0) return undefined;
  return {
    title: ctx.t('status.tickets'),
    lines: tickets.map((t) =>
      ctx.t('status.ticket', {
        id: t.id,
        category: categoryLabel(ctx, t),
        state: ctx.t(`ticket.state.${t.state}`),
      }),
    ),
  };
};
