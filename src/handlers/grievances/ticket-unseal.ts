import { z } from 'zod';
import { defineAction } from '../../bot/command.ts';
import { UserError } from '../../bot/errors.ts';
import { hasRole } from '../../domain/roles.ts';
import { recordUnseal } from '../../domain/tickets.ts';
import { textContent } from '../../messages/content.ts';
import { refreshCards, refusal } from './tickets.ts';

/**
 * 解封: only a League-committee advisor, only with a reason. The reporter is told to the
 * advisor alone (a direct message); the unsealing is written to the trail and the
 * presidium is told who unsealed which ticket and why (never who the reporter is).
 */
export const ticketUnseal = defineAction({
  name: 'ticket.unseal',
  value: z.object({
    a: z.literal('ticket.unseal'),
    id: z.string().regex(/^Q-\d{4}-\d{4,6}$/),
    v: z.literal(1),
  }),
  async run(ctx, value, input) {
    if (!hasRole(ctx.actor, 'leagueCommittee')) throw new UserError('ticket.refused.unsealOnly');
    const raw = input.formValue?.reason;
    const reason = typeof raw === 'string' ? raw.trim().slice(0, 300) : '';
    if (!reason) throw new UserError('ticket.refused.unsealReason');
    const current = await ctx.repos.tickets.get(value.id);
    if (!current) throw refusal(ctx, value.id, { ok: false, why: 'missing' });
    if (!current.anonymous || !current.sealed)
      throw new UserError('ticket.refused.notAnonymous', { id: value.id });
    const opened = ctx.sealer.unseal(current.sealed);
    if (!opened) throw refusal(ctx, value.id, { ok: false, why: 'missing' });
    const reporter = JSON.parse(opened) as { openId: string; name?: string };
    const name = ctx.actor.name ?? ctx.directory.nameOf(ctx.actor.openId) ?? ctx.t('ticket.who.officer');
    const outcome = await ctx.repos.tickets.step(ctx.uow, value.id, (t) => ({
      ok: true,
      ticket: recordUnseal(t, { openId: ctx.actor.openId, name }, reason, ctx.now()),
    }));
    if (!outcome.ok) throw refusal(ctx, value.id, outcome);
    ctx.sendText(
      { type: 'open_id', id: ctx.actor.openId },
      ctx.t('ticket.unseal.result', {
        id: value.id,
        name: reporter.name ?? (await ctx.directory.profileOf(reporter.openId)).name ?? '—',
        openId: reporter.openId,
      }),
    );
    ctx.sendToPeople(
      ctx.org.presidium,
      textContent(ctx.t('ticket.notify.unsealed', { id: value.id, who: name, reason })),
      {
        ...(ctx.org.chats.leadership ? { chatId: ctx.org.chats.leadership } : {}),
      },
    );
    await refreshCards(ctx, outcome.ticket);
    return { toast: { type: 'success', content: ctx.t('ticket.toast.unsealed') } };
  },
});
