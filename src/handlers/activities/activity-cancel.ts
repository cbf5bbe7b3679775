import { z } from 'zod';
import { defineAction } from '../../bot/command.ts';
import { cancelActivity } from './activity-cancelling.ts';

/** 取消活动 on the organiser's card, with the reason typed in its form. */
export const activityCancel = defineAction({
  name: 'activity.cancel',
  value: z.object({ a: z.literal('activity.cancel'), id: z.string().regex(/^A\d{1,9}$/), v: z.literal(1) }),
  liveRoles: true,
  async run(ctx, value, input) {
    const reason = typeof input.formValue?.reason === 'string' ? input.formValue.reason : '';
    const n = await cancelActivity(ctx, value.id, reason);
    return { toast: { type: 'success', content: ctx.t('activity.cancel.done', { id: value.id, n }) } };
  },
});
