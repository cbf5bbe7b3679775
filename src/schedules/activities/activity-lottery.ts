import type { Activity } from '../../domain/activities.ts';
import { draw } from '../../lib/lottery.ts';
import type { Job } from '../job.ts';
import { refreshActivityCards } from './activity-cards.ts';

/** Lottery activities whose registration closed up to this long ago are still drawn (a service that was down). */
const LATE_MS = 7 * 24 * 3_600_000;
const AHEAD_MS = 366 * 24 * 3_600_000;

/** A seed nobody can choose: 128 random bits, recorded with the draw. */
function newSeed(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join(
    '',
  );
}

/**
 * Every 5 minutes: lottery activities whose registration has closed are drawn. The seed,
 * the sorted entrants and the number of winners are recorded on the activity, so anyone
 * can re-run `draw(entrants, seed, capacity)` and get the same winners in the same order;
 * the seat list is arranged to match (winners seated, the rest waiting in drawn order
 * when the activity has a waitlist), and winners and the waitlisted are told, once.
 */
export const activityLottery: Job = {
  name: 'activity-lottery',
  cron: '*/5 * * * *',
  summary: 'job.activity-lottery',
  period: 'slot',
  reminder: false,
  catchUp: true,
  async run(ctx) {
    const now = ctx.now();
    const { activities } = ctx.repos;
    const due = (a: Activity | undefined): a is Activity =>
      a !== undefined &&
      a.admission === 'lottery' &&
      a.state === 'published' &&
      !a.lottery &&
      Date.parse(a.closesAt) <= now.getTime();
    const seen = await activities.startingBetween(now.getTime() - LATE_MS, now.getTime() + AHEAD_MS);
    for (const { id } of seen.filter(due)) {
      // Decided on the activity as read in this unit: a draw another run recorded is not made again.
      const a = await activities.read(ctx.uow, id);
      if (!due(a)) continue;
      const list = activities.listOf(id);
      const standing = await activities.seats().read(list);
      const entrants = [
        ...new Set([...standing.seated, ...Object.keys(standing.offers), ...standing.waiting]),
      ].sort();
      const seed = newSeed();
      const { winners, waiting } = draw(entrants, seed, a.capacity);
      const line = a.waitlist ? waiting : [];
      await activities.seats().arrange(list, winners, line);
      const drawn: Activity = {
        ...a,
        lottery: { seed, drawnAt: now.toISOString(), entrants, winners: winners.length },
        updatedAt: now.toISOString(),
        rev: a.rev + 1,
      };
      activities.save(ctx.uow, drawn);
      for (const [i, openId] of winners.entries())
        ctx.sendText(
          { type: 'open_id', id: openId },
          ctx.t('activity.lottery.won', { id, title: a.title, n: i + 1, capacity: a.capacity }),
        );
      for (const [i, openId] of waiting.entries())
        ctx.sendText(
          { type: 'open_id', id: openId },
          a.waitlist
            ? ctx.t('activity.lottery.waiting', { id, title: a.title, n: i + 1 })
            : ctx.t('activity.lottery.lost', { id, title: a.title }),
        );
      await refreshActivityCards(ctx, drawn);
      ctx.log.info(
        { activity: id, entrants: entrants.length, winners: winners.length },
        'activity-lottery: drawn',
      );
    }
  },
};
