import { z } from 'zod';
import { defineAction } from '../../bot/command.ts';
import { UserError } from '../../bot/errors.ts';
import { activityCard, organiserCard, seatCounts } from '../../cards/activities/activity-card.ts';
import { publishedTrack } from '../../cards/activities/activity-values.ts';
import type { Recipient } from '../../messages/outbox-message.ts';
import { mayManage, viewOf } from './activity-work.ts';

/**
 * 发布 / 取消 on the organiser's preview. Publishing posts the activity card (with its 报名
 * button) to `chats.announcements` and the chats chosen in the form, every copy tracked so
 * its count and state update in place. Decided on the activity as read in the unit of work.
 */
export const activityPublish = defineAction({
  name: 'activity.publish',
  value: z.object({
    a: z.literal('activity.publish'),
    id: z.string().regex(/^A\d{1,9}$/),
    d: z.enum(['publish', 'discard']),
    v: z.literal(1),
  }),
  liveRoles: true,
  async run(ctx, value) {
    const { activities } = ctx.repos;
    const a = await activities.read(ctx.uow, value.id);
    if (!a) throw new UserError('activity.refused.missing', { id: value.id });
    if (!mayManage(ctx, a)) throw new UserError('activity.refused.notOrganiser', { id: a.id });
    if (a.state !== 'draft')
      throw new UserError('activity.refused.notDraft', {
        id: a.id,
        state: ctx.t(`activity.state.${a.state}`),
      });
    const now = ctx.now();
    if (value.d === 'discard') {
      const discarded = { ...a, state: 'cancelled' as const, updatedAt: now.toISOString(), rev: a.rev + 1 };
      activities.save(ctx.uow, discarded);
      return {
        toast: { type: 'info', content: ctx.t('activity.discarded', { id: a.id }) },
        card: { type: 'raw', data: { ...organiserCard(viewOf(ctx, discarded), ctx.t) } },
      };
    }
    if (now.getTime() >= Date.parse(a.closesAt))
      throw new UserError('activity.refused.publishLate', { id: a.id });
    const published = { ...a, state: 'published' as const, updatedAt: now.toISOString(), rev: a.rev + 1 };
    activities.save(ctx.uow, published);
    const view = viewOf(ctx, published, seatCounts({ seated: [], waiting: [], offers: {} }));
    const chats = [
      ...new Set([ctx.org.chats.announcements, ...published.chats].filter((c): c is string => !!c)),
    ];
    const shown = activityCard(view, ctx.t);
    for (const chat of chats) {
      const to: Recipient = { type: 'chat_id', id: chat };
      ctx.sendCard(to, shown, publishedTrack(a.id));
    }
    return {
      toast: {
        type: 'success',
        content: ctx.t(chats.length > 0 ? 'activity.published' : 'activity.publishedNowhere', {
          id: a.id,
          n: chats.length,
        }),
      },
      card: { type: 'raw', data: { ...organiserCard(view, ctx.t) } },
    };
  },
});
