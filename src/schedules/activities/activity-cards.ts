import type { WorkContext } from '../../bot/context.ts';
import {
  activityCard,
  activityView,
  organiserCard,
  seatCounts,
} from '../../cards/activities/activity-card.ts';
import { organiserTrack, publishedTrack } from '../../cards/activities/activity-values.ts';
import { offerCard } from '../../cards/activities/offer-card.ts';
import type { Activity } from '../../domain/activities.ts';

/*
 * What both the activity handlers and jobs send (jobs never import handlers): the cards
 * brought up to date, and an offer card.
 */

/** Every copy of the published card and the organiser's card show the activity as it is now (but `except`, the clicked one). */
export async function refreshActivityCards(ctx: WorkContext, a: Activity, except?: string): Promise<void> {
  const { activities, cards } = ctx.repos;
  const [list, published, organiser] = await Promise.all([
    activities.seats().read(activities.listOf(a.id)),
    cards.copies(publishedTrack(a.id)),
    cards.copies(organiserTrack(a.id)),
  ]);
  const view = activityView(a, ctx.org, { presidiumName: ctx.t('role.presidium'), counts: seatCounts(list) });
  const shown = activityCard(view, ctx.t);
  for (const id of published) if (id !== except) ctx.patchCard(id, shown);
  const mine = organiserCard(view, ctx.t);
  for (const id of organiser) if (id !== except) ctx.patchCard(id, mine);
}

/** The offer card, recorded as sent in the same unit of work (the offers job re-sends one that was not). */
export function sendOffer(ctx: WorkContext, a: Activity, openId: string, until: number): void {
  const view = activityView(a, ctx.org, { presidiumName: ctx.t('role.presidium') });
  ctx.sendCard({ type: 'open_id', id: openId }, offerCard(view, until, ctx.t));
  ctx.repos.activities.markOfferTold(ctx.uow, a.id, openId, until);
}
