import type { BotContext } from '../../bot/context.ts';
import { UserError } from '../../bot/errors.ts';
import { cosign } from '../../domain/tickets.ts';
import { refreshCards, reporterOf } from './tickets.ts';

/** Adds the person to a ticket's co-signers; returns how many there are. */
export async function cosignTicket(ctx: BotContext, id: string): Promise<number> {
  const current = await ctx.repos.tickets.get(id);
  if (!current) throw new UserError('ticket.refused.missing', { id });
  const mine = reporterOf(ctx, current) === ctx.actor.openId;
  const outcome = await ctx.repos.tickets.step(ctx.uow, id, (t) =>
    cosign(t, ctx.actor.openId, mine, ctx.now()),
  );
  if (!outcome.ok) {
    if (outcome.why === 'own') throw new UserError('cosign.own');
    if (outcome.why === 'already') throw new UserError('cosign.already', { id });
    if (outcome.why === 'private') throw new UserError('cosign.private', { id });
    if (outcome.why === 'missing') throw new UserError('ticket.refused.missing', { id });
    throw new UserError('cosign.closed', { id });
  }
  await refreshCards(ctx, outcome.ticket);
  return outcome.ticket.cosigners.length;
}
