import { z } from 'zod';
import { defineAction } from '../../bot/command.ts';
import { claim } from '../../domain/tickets.ts';
import { refreshCards, refusal, requireOfficer, triageOf } from './tickets.ts';

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
    const current = await ctx.repos.tickets.get(value.id);
    if (!current) throw refusal(ctx, value.id, { ok: false, why: 'missing' });
    requireOfficer(ctx, current);
    const me = { openId: ctx.actor.openId, ...(ctx.actor.name ? { name: ctx.actor.name } : {}) };
    const named = me.name
      ? me
      : { ...me, name: ctx.directory.nameOf(me.openId) ?? ctx.t('ticket.who.officer') };
    const outcome = await ctx.repos.tickets.step(ctx.uow, value.id, (t) => claim(t, named, ctx.now()));
    if (!outcome.ok) throw refusal(ctx, value.id, outcome);
    await refreshCards(ctx, outcome.ticket, input.messageId);
    return {
      toast: { type: 'success', content: ctx.t('ticket.toast.claimed', { id: value.id }) },
      card: { type: 'raw', data: { ...triageOf(ctx, outcome.ticket) } },
    };
  },
});
