import type { Translate } from '../../i18n/index.ts';
import { type Card, card, markdown } from '../card.ts';
import { escapeMarkdown } from '../escape.ts';

/** What the activity roster card shows: the activity and the roster's counts. */
export interface ActivityRosterModel {
  id: string;
  title: string;
  department: string;
  start: string;
  place: string;
  seated: number;
  capacity: number;
  waiting: number;
  offers: number;
  attended: number;
  absent: number;
  excused: number;
  /** 二课学时 granted so far, and per attendee. */
  hours: number;
  hoursEach: number;
  /** Whether the activity has ended (before: absences are not counted yet). */
  ended: boolean;
  fileName: string;
}

/** `/名单 A12`: the roster's numbers; the rows themselves come as the CSV file next to it. */
export function activityRosterCard(m: ActivityRosterModel, t: Translate): Card {
  const lines = [
    t('actRoster.card.activity', { department: m.department, start: m.start, place: m.place }),
    t('actRoster.card.seats', {
      seated: m.seated,
      capacity: m.capacity,
      waiting: m.waiting,
      offers: m.offers,
    }),
    t(m.ended ? 'actRoster.card.attendance' : 'actRoster.card.attendanceSoFar', {
      attended: m.attended,
      absent: m.absent,
      excused: m.excused,
    }),
    m.hoursEach > 0
      ? t('actRoster.card.hours', { hours: m.hours, each: m.hoursEach })
      : t('actRoster.card.noHours'),
    t('actRoster.card.file', { fileName: m.fileName }),
  ];
  return card(
    t('actRoster.card.title', { id: m.id }),
    [markdown(escapeMarkdown(m.title)), markdown(lines.map(escapeMarkdown).join('\n'))],
    'blue',
  );
}
