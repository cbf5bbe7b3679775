import { z } from 'zod';
import { defineAction } from '../../bot/command.ts';
import { UserError } from '../../bot/errors.ts';
import { approvalCard, approvalTrack } from '../../cards/recruitment/approval-card.ts';
import { deciderOf, isApprover } from '../../domain/recruitment.ts';

/**
 * A `/pending` item's button: sends the clicker that application's approval card again
 * (tracked like the first copy, so the decision updates it too). Only to an approver of
 * the stage it waits at, never to the applicant; an application decided meanwhile says so.
 */
export const applicationCard = defineAction({
  name: 'application.card',
  value: z.object({
    a: z.literal('application.card'),
    id: z.string().regex(/^R-\d{4}-\d{4,6}$/),
    v: z.literal(1),
  }),
  async run(ctx, value) {
    const app = await ctx.repos.recruitment.get(value.id);
    if (!app) throw new UserError('review.missing', { id: value.id });
    const stage = ctx.org.recruitment.stages[app.stage];
    if (app.state !== 'review' || !stage) throw new UserError('pending.decided', { id: app.id });
    if (ctx.actor.openId === app.applicant.openId) throw new UserError('review.self');
    if (!isApprover(ctx.actor, deciderOf(app, stage), app.applicant.college))
      throw new UserError('review.notApprover');
    ctx.sendCard(
      { type: 'open_id', id: ctx.actor.openId },
      approvalCard(app, ctx.org, ctx.t),
      approvalTrack(app.id, app.stage),
    );
    return { toast: { type: 'success', content: ctx.t('pending.cardSent', { id: app.id }) } };
  },
});
