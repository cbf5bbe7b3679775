import type { Translate } from '../../i18n/index.ts';
import { localDateTime } from '../../lib/dates.ts';
import { button, buttonRow, type Card, card, markdown } from '../card.ts';
import { escapeMarkdown } from '../escape.ts';
import { type ActivityView, activityLines } from './activity-card.ts';
import { activityValues } from './activity-values.ts';

/** A freed seat held for the first in line: 接受 / 放弃 before `until`. */
export function offerCard(view: ActivityView, until: number, t: Translate): Card {
  const a = view.activity;
  return card(
    t('activity.offer.title', { title: a.title }),
    [
      markdown(
        escapeMarkdown(
          t('activity.offer.intro', {
            id: a.id,
            until: localDateTime(new Date(until).toISOString(), view.zone),
          }),
        ),
      ),
      markdown(activityLines(view, t).map(escapeMarkdown).join('\n')),
      buttonRow([
        button(t('activity.offer.accept'), activityValues.accept(a.id), 'primary_filled'),
        button(t('activity.offer.decline'), activityValues.decline(a.id), 'danger'),
      ]),
    ],
    'orange',
    `${a.id} · ${view.departmentName}`,
  );
}

/** `/活动`: the open activities the person may join, soonest first, each with its 报名 button. */
export function activitiesListCard(views: readonly ActivityView[], t: Translate): Card {
  if (views.length === 0)
    return card(t('activity.list.title'), [markdown(escapeMarkdown(t('activity.list.none')))]);
  return card(
    t('activity.list.title'),
    views.flatMap((v) => [
      markdown(
        `**${escapeMarkdown(`${v.activity.id} ${v.activity.title}`)}**\n${activityLines(v, t)
          .slice(0, 3)
          .map(escapeMarkdown)
          .join('\n')}`,
      ),
      button(t('activity.card.register'), activityValues.register(v.activity.id), 'primary'),
    ]),
  );
}
