import { z } from 'zod';
import { defineAction } from '../../bot/command.ts';
import { claim } from '../../domain/tickets.ts';
import { officerOn, refreshCards, refusal, triageOf } from './tickets.ts';

/** 认领: the first claim wins; a second gets a toast naming the claimer. Every copy updates. */
export const ticketClaim = defineAction({
  name: 'ticket.claim',
  value: z.object({
    a: z.literal('ticket.claim'),
    id: z.string().regex(/^Q-\d{4}-\d{4,6}$/),
    v: z.literal(1),
  }),
  liveRoles: true,
  async run(ctx, value, input) {
    const { me } = await officerOn(ctx, value.id);
    const outcome = await ctx.repos.tickets.step(ctx.uow, value.id, (t) => claim(t, me, ctx.now()));
    if (!outcome.ok) throw refusal(ctx, value.id, outcome);
    await refreshCards(ctx, outcome.ticket, input.messageId);
    return {
      toast: { type: 'success', content: ctx.t('ticket.toast.claimed', { id: value.id }) },
      card: { type: 'raw', data: { ...triageOf(ctx, outcome.ticket) } },
    };
  },
});
