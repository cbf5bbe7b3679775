import { z } from 'zod';
import { defineAction } from '../../bot/command.ts';
import type { BotContext } from '../../bot/context.ts';
import type { CardActionResponse } from '../../bot/envelope.ts';
import { UserError } from '../../bot/errors.ts';
import { appointmentNotices } from '../../cards/recruitment/appointment.ts';
import { objectionCard } from '../../cards/recruitment/objection-card.ts';
import { departmentName, headsOf } from '../../domain/org-names.ts';
import { type Application, OBJECTION_MAX, type Objection } from '../../domain/recruitment.ts';
import { hasRole } from '../../domain/roles.ts';
import { localDateTime } from '../../lib/dates.ts';
import { objectionCardModel, objectionTrack, personOnApplication } from './objections.ts';

/**
 * Uphold or dismiss an objection (the League committee, checked again here: a card can
 * be forwarded or forged). The first decision wins; a later click is told who decided
 * and when. Upholding rejects the application and frees its seat in the same commit as
 * the objection's resolution.
 */
export const objectionResolve = defineAction({
  name: 'objection.resolve',
  value: z.object({
    a: z.literal('objection.resolve'),
    id: z.string().regex(/^R-\d{4}-\d{4,}$/),
    n: z.number().int().min(1),
    d: z.enum(['uphold', 'dismiss']),
    v: z.literal(1),
  }),
  async run(ctx, value, input) {
    if (!hasRole(ctx.actor, 'leagueCommittee')) throw new UserError('objection.forbidden');
    const raw = input.formValue?.reason ?? input.inputValue;
    const reason = typeof raw === 'string' ? raw.trim() : '';
    if (!reason) throw new UserError('objection.reasonRequired');
    if ([...reason].length > OBJECTION_MAX)
      throw new UserError('objection.reasonLength', { max: OBJECTION_MAX });

    // No pre-check: the repository decides on the state at commit (a missing application or
    // objection is `missing`), and a redelivered click replays its recorded answer.
    const outcome = await ctx.repos.recruitment.resolveObjection(ctx.uow, value.id, value.n, {
      status: value.d === 'uphold' ? 'upheld' : 'dismissed',
      reason,
      by: ctx.actor.openId,
      ...(ctx.actor.name ? { name: ctx.actor.name } : {}),
      at: ctx.now().toISOString(),
    });
    if (!outcome.ok) {
      if (outcome.why === 'missing') throw new UserError('objection.notFound');
      return already(ctx, outcome.app, outcome.objection);
    }
    const { objection } = outcome;
    let { app } = outcome;
    // The last open objection of a notice that is already over: nothing holds the
    // appointment any more, so it is made now, in the same step (not at the next run).
    const appointed =
      objection.status === 'dismissed'
        ? await ctx.repos.recruitment.appoint(ctx.uow, app.id, ctx.now())
        : undefined;
    if (appointed?.appointed) {
      app = appointed.app;
      const heads = ctx.directory.openIds(headsOf(ctx.org, app.department));
      for (const { openId, text } of appointmentNotices(app, ctx.org, heads, ctx.t)) {
        ctx.sendText({ type: 'open_id', id: openId }, text);
      }
    }
    const card = objectionCard(objectionCardModel(ctx, app, objection), ctx.t);
    const department = departmentName(ctx.org, app.department);
    if (outcome.rejected) {
      ctx.sendText(
        { type: 'open_id', id: app.applicant.openId },
        ctx.t('objection.upheld.applicant', { id: app.id, department, reason }),
      );
    }
    if (objection.by !== 'anonymous') {
      ctx.sendText(
        { type: 'open_id', id: objection.by },
        ctx.t(`objection.${objection.status as 'upheld' | 'dismissed'}.objector`, {
          id: app.id,
          n: objection.n,
          reason,
        }),
      );
    }
    // Every other copy of the card (each committee member's) shows the decision too.
    const copies = await ctx.repos.cards.copies(objectionTrack(app.id, value.n));
    for (const messageId of copies) if (messageId !== input.messageId) ctx.patchCard(messageId, card);
    return {
      toast: {
        type: 'success',
        content: ctx.t(
          objection.status === 'dismissed'
            ? appointed?.appointed
              ? 'objection.dismissed.appointed.toast'
              : 'objection.dismissed.toast'
            : outcome.rejected
              ? 'objection.upheld.toast'
              : 'objection.upheldClosed.toast',
          { id: app.id, department },
        ),
      },
      card: { type: 'raw', data: { ...card } },
    };
  },
});

/** The objection was decided already: say by whom and when, and show the decided card. */
function already(ctx: BotContext, app: Application, o: Objection): CardActionResponse {
  const card = objectionCard(objectionCardModel(ctx, app, o), ctx.t);
  return {
    toast: {
      type: 'warning',
      content: ctx.t('objection.already', {
        who: o.resolvedBy ? personOnApplication(ctx, app, o.resolvedBy) : '',
        when: o.resolvedAt ? localDateTime(o.resolvedAt, ctx.org.timezone) : '',
        decision: ctx.t(o.status === 'upheld' ? 'objection.decision.upheld' : 'objection.decision.dismissed'),
      }),
    },
    card: { type: 'raw', data: { ...card } },
  };
}
