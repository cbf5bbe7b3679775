import { DateTime } from 'luxon';
import type { BotContext } from '../../bot/context.ts';
import { checkInCodeCard } from '../../cards/activities/attendance-code.ts';
import type { Card } from '../../cards/card.ts';
import type { Activity } from '../../domain/activities.ts';
import { localDateTime } from '../../lib/dates.ts';
import { currentCode, requireWindow } from './checkin-activity.ts';

/** The code card as of now (refused outside the window), with the check-ins so far. */
export async function codeCardNow(ctx: BotContext, a: Activity): Promise<Card> {
  requireWindow(ctx, a);
  const { code, until } = currentCode(ctx, a);
  const [list, attendance] = await Promise.all([
    ctx.repos.activities.seats().read(ctx.repos.activities.listOf(a.id)),
    ctx.repos.activities.attendance(a.id),
  ]);
  const tz = ctx.org.timezone;
  return checkInCodeCard(
    {
      id: a.id,
      title: a.title,
      code,
      until: DateTime.fromJSDate(until).setZone(tz).toFormat('HH:mm:ss'),
      windowUntil: localDateTime(a.checkIn.until, tz),
      minutes: ctx.org.activities.codeMinutes,
      attended: list.seated.filter((id) => attendance[id] === 'attended').length,
      seated: list.seated.length,
    },
    ctx.t,
  );
}
