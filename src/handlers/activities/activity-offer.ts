import { z } from 'zod';
import { defineAction } from '../../bot/command.ts';
import { UserError } from '../../bot/errors.ts';
import { noteCard } from '../../cards/activities/activity-card.ts';
import { offerUntil } from '../../domain/activities.ts';
import { sendOffer } from '../../schedules/activities/activity-cards.ts';
import { nudgeCard, requireActivity } from './activity-work.ts';

/**
 * 接受 / 放弃 on an offer card. Accepted in time, the offer becomes a seat; declined, it
 * passes to the next in line (who gets their own card). The answer replaces the person's
 * own offer card.
 */
export const activityOffer = defineAction({
  name: 'activity.offer',
  value: z.object({
    a: z.literal('activity.offer'),
    id: z.string().regex(/^A\d{1,9}$/),
    d: z.enum(['accept', 'decline']),
    v: z.literal(1),
  }),
  async run(ctx, value) {
    const a = await requireActivity(ctx, value.id);
    if (a.state !== 'published') throw new UserError('activity.refused.cancelled', { id: a.id });
    const now = ctx.now();
    if (now.getTime() >= Date.parse(a.startsAt))
      throw new UserError('activity.refused.started', { id: a.id });
    const { activities } = ctx.repos;
    const list = activities.listOf(a.id);
    const before = await activities.seats().standing(list, ctx.actor.openId);
    if (before.state !== 'offered') throw new UserError('activity.offer.gone', { id: a.id });
    let text: string;
    if (value.d === 'accept') {
      const after = await activities.seats().accept(list, ctx.actor.openId, now.getTime());
      if (after.state !== 'seated') throw new UserError('activity.offer.expired', { id: a.id });
      text = ctx.t('activity.offer.accepted', { id: a.id, n: after.position, capacity: a.capacity });
    } else {
      const left = await activities.seats().leave(list, ctx.actor.openId, {
        capacity: a.capacity,
        offerUntil: offerUntil(a, now, ctx.org.activities.offerHours),
      });
      if (left.offered) sendOffer(ctx, a, left.offered, offerUntil(a, now, ctx.org.activities.offerHours));
      text = ctx.t('activity.offer.declined', { id: a.id });
    }
    await nudgeCard(ctx, a);
    return {
      toast: { type: 'success', content: text },
      card: {
        type: 'raw',
        data: { ...noteCard(`${a.id} ${a.title}`, [text], value.d === 'accept' ? 'green' : 'grey') },
      },
    };
  },
});
