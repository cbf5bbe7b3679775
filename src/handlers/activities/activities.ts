import type { Command } from '../../bot/command.ts';
import { UserError } from '../../bot/errors.ts';
import { activitiesListCard } from '../../cards/activities/offer-card.ts';
import { mayRegister } from '../../domain/activities.ts';
import { cancelActivity } from './activity-cancelling.ts';
import { activityId, viewOf } from './activity-work.ts';

const CANCEL = new Set(['cancel', '取消']);
/** How far ahead `/活动` looks. */
const AHEAD_MS = 366 * 24 * 3_600_000;
const SHOWN = 20;

/**
 * `/activities` (`/活动`): open activities the person may join (published, registration
 * open, eligible, or needing their college and grade first), soonest first, each with a 报名
 * button. `/活动 取消 A12 <reason>`: the organiser cancels the whole activity.
 */
export const activitiesCommand: Command = {
  name: 'activities',
  aliases: ['活动'],
  section: 'general',
  summary: 'cmd.activities.summary',
  usage: 'cmd.activities.usage',
  examples: 'cmd.activities.examples',
  liveRoles: true,
  async run(ctx, command) {
    const [first, second] = command.args;
    if (first && CANCEL.has(first.toLowerCase())) {
      const id = activityId(second, 'activity.usage.id');
      const n = await cancelActivity(ctx, id, command.args.slice(2).join(' '));
      ctx.reply(ctx.t('activity.cancel.done', { id, n }));
      return;
    }
    if (first) throw new UserError('activity.usage.list');
    const now = ctx.now();
    const [upcoming, profile] = await Promise.all([
      ctx.repos.activities.startingBetween(now.getTime(), now.getTime() + AHEAD_MS),
      ctx.repos.activities.profile(ctx.actor.openId),
    ]);
    const open = upcoming.filter((a) => {
      const check = mayRegister(a, profile, now);
      return check.ok || check.why === 'profile';
    });
    ctx.replyCard(
      activitiesListCard(
        open.slice(0, SHOWN).map((a) => viewOf(ctx, a)),
        ctx.t,
      ),
    );
  },
};
