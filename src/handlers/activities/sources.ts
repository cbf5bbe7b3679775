import type { StatusSource } from '../../bot/command.ts';
import { localDateTime } from '../../lib/dates.ts';
import { standingLine } from './activity-work.ts';

const WINDOW_MS = 366 * 24 * 3_600_000;
const SINCE_MS = 24 * 3_600_000;

/**
 * `/status`: the person's registrations in activities not yet over (a day back): seated
 * with their number, waiting with their place, an offer with its end, a lottery entry.
 */
export const registrationsOf: StatusSource = async (ctx) => {
  const now = ctx.now().getTime();
  const { activities } = ctx.repos;
  const upcoming = (await activities.startingBetween(now - SINCE_MS, now + WINDOW_MS)).filter(
    (a) => a.state === 'published',
  );
  const standings = await Promise.all(upcoming.map((a) => activities.standing(a.id, ctx.actor.openId)));
  const lines = upcoming.flatMap((a, i) => {
    const s = standings[i];
    if (!s || s.state === 'none') return [];
    return [
      ctx.t('status.activity', {
        id: a.id,
        title: a.title,
        start: localDateTime(a.startsAt, ctx.org.timezone),
        standing: standingLine(ctx, a, s).text,
      }),
    ];
  });
  return lines.length > 0 ? { title: ctx.t('status.activities'), lines } : undefined;
};
