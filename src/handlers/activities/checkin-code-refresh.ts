import { z } from 'zod';
import { defineAction } from '../../bot/command.ts';
import { UserError } from '../../bot/errors.ts';
import { ACTIVITY_ID } from '../../cards/activities/activity-values.ts';
import { runsActivity } from './checkin-activity.ts';
import { codeCardNow } from './checkin-code-card.ts';

/** 刷新 on the code card: the code of the moment, for whoever runs the activity (checked again). */
export const checkInCodeRefresh = defineAction({
  name: 'checkin.code',
  value: z.object({ a: z.literal('checkin.code'), id: z.string().regex(ACTIVITY_ID), v: z.literal(1) }),
  async run(ctx, value) {
    const id = value.id.toUpperCase();
    const a = await ctx.repos.activities.get(id);
    if (a?.state !== 'published') throw new UserError('attendance.unknown', { id });
    if (!runsActivity(ctx, a)) throw new UserError('checkinCode.forbidden', { id });
    return { card: { type: 'raw', data: { ...(await codeCardNow(ctx, a)) } } };
  },
});
