import { z } from 'zod';
import { defineAction } from '../../bot/command.ts';
import { UserError } from '../../bot/errors.ts';
import { reply, resolve, TICKET_NOTE_MAX } from '../../domain/tickets.ts';
import { categoryLabel, officerOn, refreshCards, refusal, tellReporter, triageOf } from './tickets.ts';

/**
 * 回复 / 请学生补充 / 处理完毕 on the triage card, with the message from its form. The
 * reporter gets the message through the bot (anonymous or not); asking pauses the
 * service-level clock; resolving asks the reporter to rate and tells the co-signers.
 */
export const ticketAct = defineAction({
  name: 'ticket.act',
  value: z.object({
    a: z.literal('ticket.act'),
    id: z.string().regex(/^Q-\d{4}-\d{4,6}$/),
    d: z.enum(['reply', 'ask', 'resolve']),
    v: z.literal(1),
  }),
  liveRoles: true,
  async run(ctx, value, input) {
    const { t } = ctx;
    const { me } = await officerOn(ctx, value.id);
    const raw = input.formValue?.message;
    const text = typeof raw === 'string' ? raw.trim() : '';
    if (!text) throw new UserError('ticket.refused.noText');
    if ([...text].length > TICKET_NOTE_MAX)
      throw new UserError('ticket.refused.textLength', { max: TICKET_NOTE_MAX });
    const now = ctx.now();
    const outcome = await ctx.repos.tickets.step(ctx.uow, value.id, (tk) =>
      value.d === 'resolve' ? resolve(tk, me, text, now) : reply(tk, me, text, now, value.d === 'ask'),
    );
    if (!outcome.ok) throw refusal(ctx, value.id, outcome);
    const { ticket } = outcome;
    const id = ticket.id;
    if (value.d === 'resolve') {
      tellReporter(ctx, ticket, t('ticket.notify.resolved', { id, text }));
      for (const openId of ticket.cosigners) {
        ctx.sendText(
          { type: 'open_id', id: openId },
          t('ticket.notify.cosignerOutcome', { id, category: categoryLabel(ctx, ticket), text }),
        );
      }
    } else {
      tellReporter(
        ctx,
        ticket,
        t(value.d === 'ask' ? 'ticket.notify.ask' : 'ticket.notify.reply', { id, text }),
      );
    }
    await refreshCards(ctx, ticket, input.messageId);
    const toast =
      value.d === 'resolve'
        ? 'ticket.toast.resolved'
        : value.d === 'ask'
          ? 'ticket.toast.asked'
          : 'ticket.toast.replied';
    return {
      toast: { type: 'success', content: t(toast) },
      card: { type: 'raw', data: { ...triageOf(ctx, ticket) } },
    };
  },
});
