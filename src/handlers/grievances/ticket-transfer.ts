import { z } from 'zod';
import { defineAction } from '../../bot/command.ts';
import { UserError } from '../../bot/errors.ts';
import { transfer, transferTargets } from '../../domain/tickets.ts';
import { officerOn, refreshCards, refusal, sendTriage, triageOf, unitName } from './tickets.ts';

/** 转交: to another unit or the League committee; it is open there again and its people get the card. */
export const ticketTransfer = defineAction({
  name: 'ticket.transfer',
  value: z.object({
    a: z.literal('ticket.transfer'),
    id: z.string().regex(/^Q-\d{4}-\d{4,6}$/),
    v: z.literal(1),
  }),
  liveRoles: true,
  async run(ctx, value, input) {
    const { ticket: current, me } = await officerOn(ctx, value.id);
    const unit = input.formValue?.unit;
    if (typeof unit !== 'string' || !transferTargets(ctx.org).includes(unit))
      throw new UserError('ticket.refused.noUnit');
    if (unit === current.unit) throw new UserError('ticket.refused.sameUnit', { unit: unitName(ctx, unit) });
    const outcome = await ctx.repos.tickets.step(ctx.uow, value.id, (t) => transfer(t, me, unit, ctx.now()));
    if (!outcome.ok) throw refusal(ctx, value.id, outcome);
    // The trail names the unit in words.
    const ticket = {
      ...outcome.ticket,
      trail: outcome.ticket.trail.map((e, i, all) =>
        i === all.length - 1 ? { ...e, note: unitName(ctx, unit) } : e,
      ),
    };
    ctx.repos.tickets.save(ctx.uow, ticket);
    await refreshCards(ctx, ticket, input.messageId);
    await sendTriage(ctx, ticket);
    return {
      toast: { type: 'success', content: ctx.t('ticket.toast.transferred', { unit: unitName(ctx, unit) }) },
      card: { type: 'raw', data: { ...triageOf(ctx, ticket) } },
    };
  },
});
