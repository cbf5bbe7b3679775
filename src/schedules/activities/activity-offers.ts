import { offerUntil } from '../../domain/activities.ts';
import type { Job } from '../job.ts';
import { refreshActivityCards, sendOffer } from './activity-cards.ts';

const AHEAD_MS = 366 * 24 * 3_600_000;

/**
 * Every 5 minutes, for published activities not yet started: offers past their time are
 * dropped and each free seat is offered to the next in line (an unanswered offer passes
 * down); anyone holding an offer they were not sent a card for gets it (the offer and the
 * record of the card commit together); and a published card left behind by throttling
 * is brought up to date. A lottery not yet drawn has no line to offer from.
 */
export const activityOffers: Job = {
  name: 'activity-offers',
  cron: '* * * * *',
  summary: 'job.activity-offers',
  period: 'slot',
  reminder: false,
  catchUp: true,
  async run(ctx) {
    const now = ctx.now();
    const { activities } = ctx.repos;
    const upcoming = (await activities.startingBetween(now.getTime(), now.getTime() + AHEAD_MS)).filter(
      (a) => a.state === 'published',
    );
    let offered = 0;
    for (const a of upcoming) {
      const list = activities.listOf(a.id);
      let changed = false;
      if (a.admission === 'first-come' || a.lottery) {
        const until = offerUntil(a, now, ctx.org.activities.offerHours);
        const moved = await activities
          .seats()
          .expire(list, { capacity: a.capacity, now: now.getTime(), offerUntil: until });
        for (const openId of moved.expired)
          ctx.sendText(
            { type: 'open_id', id: openId },
            ctx.t('activity.offer.lapsed', { id: a.id, title: a.title }),
          );
        const [standing, told] = await Promise.all([
          activities.seats().read(list),
          activities.offersTold(a.id),
        ]);
        for (const [openId, end] of Object.entries(standing.offers)) {
          if (told[openId] === end) continue;
          sendOffer(ctx, a, openId, end);
          offered += 1;
        }
        changed = moved.expired.length + moved.offered.length > 0;
      }
      // Read in the unit (checked at commit): a click marking it meanwhile makes this run again.
      const dirty = await activities.cardDirty(ctx.uow, a.id);
      if (changed || dirty) {
        activities.cardCaughtUp(ctx.uow, a.id);
        await refreshActivityCards(ctx, a);
      }
    }
    if (offered > 0) ctx.log.info({ offered }, 'activity-offers: offers sent');
  },
};
