import type { Command } from '../../bot/command.ts';
import { UserError } from '../../bot/errors.ts';
import { profileFormCard } from '../../cards/activities/activity-form-card.ts';
import { activityId, gradeChoices, register } from './activity-work.ts';

/** `/register A12` (`/报名`): the same as the card's 报名 button, answered in the chat. */
export const registerCommand: Command = {
  name: 'register',
  aliases: ['报名'],
  section: 'general',
  summary: 'cmd.register.summary',
  usage: 'cmd.register.usage',
  examples: 'cmd.register.examples',
  private: true,
  async run(ctx, command) {
    const id = activityId(command.args[0], 'activity.usage.id');
    const { activity, profile } = await ctx.repos.activities.withProfile(id, ctx.actor.openId);
    if (!activity) throw new UserError('activity.refused.missing', { id });
    const a = activity;
    const outcome = await register(ctx, a, profile);
    if (outcome.ok) {
      ctx.reply(outcome.text);
      return;
    }
    if (outcome.why === 'full') throw new UserError('activity.refused.full', { id });
    ctx.replyCard(
      profileFormCard(
        {
          id: a.id,
          title: a.title,
          colleges: ctx.org.colleges,
          grades: gradeChoices(ctx.now(), ctx.org.timezone),
        },
        ctx.t,
      ),
    );
  },
};
