import { z } from 'zod';
import { defineAction } from '../../bot/command.ts';
import { UserError } from '../../bot/errors.ts';
import { organiserCard } from '../../cards/activities/activity-card.ts';
import { organiserTrack } from '../../cards/activities/activity-values.ts';
import { parseActivityForm } from '../../domain/activity-form.ts';
import { hasRole } from '../../domain/roles.ts';
import { organisable, viewOf } from './activity-work.ts';

/**
 * The form's submit: every field checked at once (all problems named, nothing stored);
 * then a draft `A<n>`, and the form becomes the organiser's preview with 发布 / 取消.
 */
export const activityCreate = defineAction({
  name: 'activity.create',
  value: z.object({ a: z.literal('activity.create'), v: z.literal(1) }),
  liveRoles: true,
  async run(ctx, _value, input) {
    if (!hasRole(ctx.actor, 'member', 'head', 'presidium'))
      throw new UserError('error.forbidden', { command: '/新建活动' });
    const outcome = parseActivityForm(input.formValue ?? {}, {
      now: ctx.now(),
      zone: ctx.org.timezone,
      departments: organisable(ctx),
      colleges: ctx.org.colleges,
    });
    if (!outcome.ok)
      throw new UserError('activity.invalid', {
        problems: outcome.problems
          .map((p) => ctx.t(`activity.problem.${p.problem}`, { detail: p.detail ?? '' }))
          .join('；'),
      });
    const name = ctx.actor.name ?? ctx.directory.nameOf(ctx.actor.openId);
    const draft = await ctx.repos.activities.create(
      ctx.uow,
      { ...outcome.fields, organiser: { openId: ctx.actor.openId, ...(name ? { name } : {}) } },
      ctx.now(),
    );
    if (input.messageId) await ctx.repos.cards.add(organiserTrack(draft.id), input.messageId);
    return {
      toast: { type: 'success', content: ctx.t('activity.created.toast', { id: draft.id }) },
      card: { type: 'raw', data: { ...organiserCard(viewOf(ctx, draft), ctx.t) } },
    };
  },
});
