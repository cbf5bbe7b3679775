import { z } from 'zod';
import { defineAction } from '../../bot/command.ts';
import { profileFormCard } from '../../cards/activities/activity-form-card.ts';
import { gradeChoices, register } from './activity-work.ts';

/**
 * The published card's 报名 button. Answered in the callback only, with a toast ("已报名 ·
 * 第 37/200 位", "已满，候补第 5 位"): no message per registrant (Feishu allows an app about
 * 50 sends a second; a popular activity gets thousands of clicks in a minute). The card
 * itself is shared by everyone in the chat, so it is never replaced by one person's answer;
 * its count is updated, throttled. The path is lean: one read (the activity and the
 * student's profile), one atomic join, one throttle claim, the commit.
 */
export const activityRegister = defineAction({
  name: 'activity.register',
  value: z.object({ a: z.literal('activity.register'), id: z.string().regex(/^A\d{1,9}$/), v: z.literal(1) }),
  async run(ctx, value) {
    const { activity, profile } = await ctx.repos.activities.withProfile(value.id, ctx.actor.openId);
    if (!activity)
      return { toast: { type: 'error', content: ctx.t('activity.refused.missing', { id: value.id }) } };
    const outcome = await register(ctx, activity, profile);
    if (outcome.ok) return { toast: { type: outcome.type, content: outcome.text } };
    if (outcome.why === 'full')
      return { toast: { type: 'warning', content: ctx.t('activity.refused.full', { id: value.id }) } };
    // A restricted activity and no college or grade on record: the small form, in a direct chat.
    ctx.sendCard(
      { type: 'open_id', id: ctx.actor.openId },
      profileFormCard(
        {
          id: activity.id,
          title: activity.title,
          colleges: ctx.org.colleges,
          grades: gradeChoices(ctx.now(), ctx.org.timezone),
        },
        ctx.t,
      ),
    );
    return { toast: { type: 'info', content: ctx.t('activity.profile.sent') } };
  },
});
