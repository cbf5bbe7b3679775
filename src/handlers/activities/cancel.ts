import type { Command } from '../../bot/command.ts';
import { UserError } from '../../bot/errors.ts';
import { offerUntil } from '../../domain/activities.ts';
import { sendOffer } from '../../schedules/activities/activity-cards.ts';
import { activityId, nudgeCard, requireActivity } from './activity-work.ts';

/**
 * `/cancel A12` (`/取消报名`) before the start: the seat (or place in line, or offer) is
 * given up; a freed seat is offered to the first in line, who gets an offer card with an
 * accept window (`activities.offerHours`, shorter close to the start).
 */
export const cancelCommand: Command = {
  name: 'cancel',
  aliases: ['取消报名'],
  section: 'general',
  summary: 'cmd.cancel.summary',
  usage: 'cmd.cancel.usage',
  examples: 'cmd.cancel.examples',
  private: true,
  async run(ctx, command) {
    const id = activityId(command.args[0], 'activity.usage.id');
    const a = await requireActivity(ctx, id);
    const now = ctx.now();
    if (a.state !== 'published') throw new UserError('activity.refused.cancelled', { id });
    if (now.getTime() >= Date.parse(a.startsAt)) throw new UserError('activity.refused.started', { id });
    const { activities } = ctx.repos;
    const until = offerUntil(a, now, ctx.org.activities.offerHours);
    const left = await activities.seats().leave(activities.listOf(id), ctx.actor.openId, {
      capacity: a.capacity,
      offerUntil: until,
    });
    if (left.was === 'none') throw new UserError('activity.cancel.notRegistered', { id });
    if (left.offered) sendOffer(ctx, a, left.offered, until);
    await nudgeCard(ctx, a);
    ctx.reply(ctx.t('activity.cancelled.mine', { id, title: a.title }));
  },
};
