import type { BotContext } from '../../bot/context.ts';
import { UserError } from '../../bot/errors.ts';
import { refreshActivityCards } from '../../schedules/activities/activity-cards.ts';
import { mayManage } from './activity-work.ts';

/**
 * The organiser (a head of its department, the presidium) cancels the whole activity:
 * everyone seated, offered or waiting is told once. One unit of work decided on the
 * activity as read, so a second cancel (even at the same instant) finds it cancelled and
 * tells nobody again.
 */
export async function cancelActivity(ctx: BotContext, id: string, reason: string): Promise<number> {
  const { activities } = ctx.repos;
  const why = reason.trim();
  if (!why) throw new UserError('activity.cancel.reasonNeeded', { id });
  if ([...why].length > 200) throw new UserError('activity.cancel.reasonLong', { max: 200 });
  const a = await activities.read(ctx.uow, id);
  if (!a) throw new UserError('activity.refused.missing', { id });
  if (!mayManage(ctx, a)) throw new UserError('activity.refused.notOrganiser', { id });
  if (a.state === 'cancelled') throw new UserError('activity.cancel.already', { id });
  const now = ctx.now();
  const cancelled = {
    ...a,
    state: 'cancelled' as const,
    cancelled: { at: now.toISOString(), by: ctx.actor.openId, reason: why },
    updatedAt: now.toISOString(),
    rev: a.rev + 1,
  };
  activities.save(ctx.uow, cancelled);
  const list = await activities.seats().read(activities.listOf(id));
  const everyone = [...new Set([...list.seated, ...Object.keys(list.offers), ...list.waiting])];
  const text = ctx.t('activity.cancel.notice', { id, title: a.title, reason: why });
  for (const openId of everyone) ctx.sendText({ type: 'open_id', id: openId }, text);
  await refreshActivityCards(ctx, cancelled);
  return everyone.length;
}
