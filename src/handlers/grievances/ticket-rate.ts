import { z } from 'zod';
import { defineAction } from '../../bot/command.ts';
import { UserError } from '../../bot/errors.ts';
import { reporterCard } from '../../cards/grievances/ticket-cards.ts';
import { headsOf } from '../../domain/org-names.ts';
import { RATING_COMMENT_MAX, rate } from '../../domain/tickets.ts';
import { textContent } from '../../messages/content.ts';
import { refreshCards, refusal, reporterOf, unitName, unitOf } from './tickets.ts';

/** The reporter rates a resolved ticket: 3–5 closes it; 1–2 reopens it and tells the unit's head. */
export const ticketRate = defineAction({
  name: 'ticket.rate',
  value: z.object({
    a: z.literal('ticket.rate'),
    id: z.string().regex(/^Q-\d{4}-\d{4,6}$/),
    v: z.literal(1),
  }),
  async run(ctx, value, input) {
    const current = await ctx.repos.tickets.get(value.id);
    if (!current) throw refusal(ctx, value.id, { ok: false, why: 'missing' });
    if (reporterOf(ctx, current) !== ctx.actor.openId)
      throw new UserError('ticket.refused.notReporter', { id: value.id });
    const score = Number(input.formValue?.score);
    if (!Number.isInteger(score) || score < 1 || score > 5) throw new UserError('ticket.refused.badScore');
    const raw = input.formValue?.comment;
    const comment = typeof raw === 'string' ? raw.trim().slice(0, RATING_COMMENT_MAX) : '';
    const outcome = await ctx.repos.tickets.step(ctx.uow, value.id, (t) =>
      rate(t, score, comment || undefined, ctx.now()),
    );
    if (!outcome.ok) throw refusal(ctx, value.id, outcome);
    const { ticket } = outcome;
    if (score <= 2) {
      const unit = unitOf(ctx, ticket.unit);
      const text = ctx.t('ticket.notify.reopened', { id: ticket.id, score, comment });
      const heads = unit?.department ? headsOf(ctx.org, unit.department) : (unit?.heads ?? []);
      ctx.sendToPeople(heads, textContent(text));
      if (ticket.claimer) ctx.sendText({ type: 'open_id', id: ticket.claimer.openId }, text);
    }
    await refreshCards(ctx, ticket, input.messageId);
    return {
      toast: { type: 'success', content: ctx.t('ticket.toast.rated') },
      card: { type: 'raw', data: { ...reporterCard(ticket, unitName(ctx, ticket.unit), ctx.org, ctx.t) } },
    };
  },
});
