import type { Command } from '../../bot/command.ts';
import { activityFormCard } from '../../cards/activities/activity-form-card.ts';
import { departmentName } from '../../domain/org-names.ts';
import { hasRole } from '../../domain/roles.ts';
import { dateOf } from '../../lib/dates.ts';
import { cancelActivity } from './activity-cancelling.ts';
import { activityId, organisable } from './activity-work.ts';

const CANCEL = new Set(['cancel', '取消']);

/**
 * `/activity new` (`/新建活动`): the form to create an activity, for union members, heads
 * and the presidium; `/activity cancel A12 <reason>` cancels a whole activity (as `/活动 取消`).
 */
export const activityCommand: Command = {
  name: 'activity',
  aliases: ['新建活动'],
  section: 'work',
  summary: 'cmd.activity.summary',
  usage: 'cmd.activity.usage',
  examples: 'cmd.activity.examples',
  private: true,
  liveRoles: true,
  allowed: (actor) => hasRole(actor, 'member', 'head', 'presidium'),
  async run(ctx, command) {
    const [first, second] = command.args;
    if (first && CANCEL.has(first.toLowerCase())) {
      const id = activityId(second, 'activity.usage.id');
      const reason = command.args.slice(2).join(' ');
      const n = await cancelActivity(ctx, id, reason);
      ctx.reply(ctx.t('activity.cancel.done', { id, n }));
      return;
    }
    const departments = organisable(ctx).map((id) => ({
      id,
      name: id === 'presidium' ? ctx.t('role.presidium') : departmentName(ctx.org, id),
    }));
    ctx.replyCard(activityFormCard({ departments, today: dateOf(ctx.now(), ctx.org.timezone) }, ctx.t));
  },
};
