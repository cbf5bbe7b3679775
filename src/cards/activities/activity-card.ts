import type { Org } from '../../config/org.ts';
import type { Activity } from '../../domain/activities.ts';
import { collegeName, departmentName } from '../../domain/org-names.ts';
import type { Translate } from '../../i18n/index.ts';
import { localDateTime } from '../../lib/dates.ts';
import {
  button,
  buttonRow,
  type Card,
  type CardElement,
  card,
  form,
  input,
  markdown,
  submitButton,
} from '../card.ts';
import { escapeMarkdown } from '../escape.ts';
import { activityValues } from './activity-values.ts';

/** What the cards show of an activity besides the record: names in the org's words, and its counts. */
export interface ActivityView {
  activity: Activity;
  departmentName: string;
  collegeNames: readonly string[];
  zone: string;
  /** Seated, waiting (a lottery's entrants before the draw) and offered. */
  counts?: { seated: number; waiting: number; offered: number };
  /** Why it was cancelled (the organiser's words). */
  reason?: string;
}

/** The view of an activity in the org's words; `presidiumName`: how the presidium is called. */
export function activityView(
  a: Activity,
  org: Org,
  o: { presidiumName: string; counts?: ActivityView['counts'] },
): ActivityView {
  return {
    activity: a,
    departmentName: a.department === 'presidium' ? o.presidiumName : departmentName(org, a.department),
    collegeNames: a.colleges.map((c) => collegeName(org, c)),
    zone: org.timezone,
    ...(o.counts ? { counts: o.counts } : {}),
    ...(a.cancelled ? { reason: a.cancelled.reason } : {}),
  };
}

/** Counts from a seat list as read. */
export function seatCounts(list: {
  seated: readonly string[];
  waiting: readonly string[];
  offers: Record<string, number>;
}): NonNullable<ActivityView['counts']> {
  return {
    seated: list.seated.length,
    waiting: list.waiting.length,
    offered: Object.keys(list.offers).length,
  };
}

/** The lines every activity card starts with: time, place, window, who may come, hours. */
export function activityLines(view: ActivityView, t: Translate): string[] {
  const a = view.activity;
  const start = localDateTime(a.startsAt, view.zone);
  const end = localDateTime(a.endsAt, view.zone);
  const sameDay = start.slice(0, 10) === end.slice(0, 10);
  const who = [
    view.collegeNames.length > 0 ? view.collegeNames.join('、') : '',
    a.grades.length > 0 ? t('activity.card.grades', { grades: a.grades.join('、') }) : '',
  ].filter(Boolean);
  return [
    t('activity.card.time', { start, end: sameDay ? end.slice(11) : end }),
    t('activity.card.place', { place: a.place }),
    t('activity.card.window', {
      opens: localDateTime(a.opensAt, view.zone),
      closes: localDateTime(a.closesAt, view.zone),
      admission: t(a.admission === 'lottery' ? 'activity.admission.lottery' : 'activity.admission.firstCome'),
    }),
    t('activity.card.who', { who: who.length > 0 ? who.join(' · ') : t('activity.card.everyone') }),
    t('activity.card.capacity', {
      capacity: a.capacity,
      waitlist: t(a.waitlist ? 'activity.card.waitlistOn' : 'activity.card.waitlistOff'),
    }),
    ...(a.hours > 0 ? [t('activity.card.hours', { hours: a.hours })] : []),
  ];
}

/** `已报名 37/200 · 候补 5`, `已有 120 人参加抽签 · 名额 50`. */
export function countLine(view: ActivityView, t: Translate): string {
  const a = view.activity;
  const c = view.counts ?? { seated: 0, waiting: 0, offered: 0 };
  if (a.admission === 'lottery' && !a.lottery)
    return t('activity.count.pool', { n: c.waiting, capacity: a.capacity });
  const line = t('activity.count.seated', { n: c.seated + c.offered, capacity: a.capacity });
  return c.waiting > 0 ? `${line} · ${t('activity.count.waiting', { n: c.waiting })}` : line;
}

const escaped = (lines: readonly string[]) => lines.map(escapeMarkdown).join('\n');

/** The card posted to the announcements and the chosen chats, with its 报名 button. Updated in place. */
export function activityCard(view: ActivityView, t: Translate): Card {
  const a = view.activity;
  const subtitle = `${a.id} · ${view.departmentName}`;
  if (a.state === 'cancelled') {
    return card(
      t('activity.card.cancelledTitle', { title: a.title }),
      [
        markdown(escaped(activityLines(view, t))),
        markdown(escapeMarkdown(t('activity.card.cancelled', { reason: view.reason ?? '' }))),
      ],
      'grey',
      subtitle,
    );
  }
  const elements: CardElement[] = [markdown(escaped(activityLines(view, t)))];
  if (a.description) elements.push(markdown(escapeMarkdown(a.description)));
  elements.push(markdown(`**${escapeMarkdown(countLine(view, t))}**`));
  elements.push(button(t('activity.card.register'), activityValues.register(a.id), 'primary_filled'));
  return card(a.title, elements, 'turquoise', subtitle);
}

/**
 * The organiser's card: the preview with 发布 / 取消 while a draft; once published, the
 * counts and a form to cancel the whole activity (with a reason, which everyone is told).
 */
export function organiserCard(view: ActivityView, t: Translate): Card {
  const a = view.activity;
  const elements: CardElement[] = [
    markdown(escapeMarkdown(t(`activity.state.${a.state}`))),
    markdown(escaped(activityLines(view, t))),
  ];
  if (a.description) elements.push(markdown(escapeMarkdown(a.description)));
  if (a.state === 'draft') {
    elements.push(
      markdown(escapeMarkdown(t('activity.preview.hint'))),
      buttonRow([
        button(t('activity.preview.publish'), activityValues.publish(a.id), 'primary_filled'),
        button(t('activity.preview.discard'), activityValues.discard(a.id), 'danger'),
      ]),
    );
  } else if (a.state === 'published') {
    elements.push(
      markdown(`**${escapeMarkdown(countLine(view, t))}**`),
      form('cancel_activity', [
        input('reason', t('activity.manage.reason'), { required: true, maxLength: 200 }),
        {
          ...submitButton('cancel', t('activity.manage.cancel'), activityValues.cancel(a.id), 'danger'),
          confirm: {
            title: { tag: 'plain_text', content: t('activity.manage.confirmTitle') },
            text: { tag: 'plain_text', content: t('activity.manage.confirmText') },
          },
        },
      ]),
    );
  } else if (view.reason) {
    elements.push(markdown(escapeMarkdown(t('activity.card.cancelled', { reason: view.reason }))));
  }
  return card(
    a.state === 'draft' ? t('activity.preview.title', { title: a.title }) : a.title,
    elements,
    a.state === 'cancelled' ? 'grey' : a.state === 'draft' ? 'blue' : 'turquoise',
    `${a.id} · ${view.departmentName}`,
  );
}

/** A plain card with a few lines (the end of a form, a finished offer). */
export function noteCard(
  title: string,
  lines: readonly string[],
  color: 'green' | 'grey' | 'blue' = 'green',
): Card {
  return card(title, [markdown(escaped(lines))], color);
}
