import { z } from 'zod';
import { defineAction } from '../../bot/command.ts';
import { UserError } from '../../bot/errors.ts';
import { noteCard } from '../../cards/activities/activity-card.ts';
import { register } from './activity-work.ts';

/**
 * The profile form's submit (college and grade, asked by a restricted activity): saved
 * for next time, then the registration goes on. Refused for this activity, the profile
 * is still kept (it is true); the form says why.
 */
export const activityProfile = defineAction({
  name: 'activity.profile',
  value: z.object({ a: z.literal('activity.profile'), id: z.string().regex(/^A\d{1,9}$/), v: z.literal(1) }),
  async run(ctx, value, input) {
    const form = input.formValue ?? {};
    const college = typeof form.college === 'string' ? form.college : '';
    const grade = typeof form.grade === 'string' ? form.grade.trim() : '';
    const problems = [
      ...(ctx.org.colleges.some((c) => c.id === college) ? [] : [ctx.t('activity.profile.badCollege')]),
      ...(/^\d{4}$/.test(grade) ? [] : [ctx.t('activity.profile.badGrade')]),
    ];
    if (problems.length > 0) throw new UserError('activity.invalid', { problems: problems.join('；') });
    const a = await ctx.repos.activities.get(value.id);
    if (!a) throw new UserError('activity.refused.missing', { id: value.id });
    const profile = { v: 1 as const, college, grade };
    ctx.repos.activities.saveProfile(ctx.uow, ctx.actor.openId, profile);
    let line: { type: 'success' | 'info' | 'error'; text: string };
    try {
      const outcome = await register(ctx, a, profile);
      line = outcome.ok
        ? outcome
        : {
            type: 'error',
            text: ctx.t(outcome.why === 'full' ? 'activity.refused.full' : 'activity.profile.badCollege', {
              id: a.id,
            }),
          };
    } catch (err) {
      if (!(err instanceof UserError)) throw err;
      line = { type: 'error', text: ctx.t(err.key, err.params) };
    }
    return {
      toast: { type: line.type, content: line.text },
      card: {
        type: 'raw',
        data: { ...noteCard(`${a.id} ${a.title}`, [line.text], line.type === 'error' ? 'grey' : 'green') },
      },
    };
  },
});
