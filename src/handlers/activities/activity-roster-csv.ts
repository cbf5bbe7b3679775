import type { ActivityRosterModel } from '../../cards/activities/attendance-roster.ts';
import type { Activity } from '../../domain/activities.ts';
import { attendanceStatus, excuseReason } from '../../domain/no-show.ts';
import type { Translate } from '../../i18n/index.ts';

/** What the roster needs of a person: a name, a college and a grade, as far as known. */
export interface RosterPerson {
  name: string;
  college?: string;
  grade?: string;
}

/** The activity's seat list and attendance, as the store holds them. */
export interface RosterData {
  seated: readonly string[];
  waiting: readonly string[];
  offers: Readonly<Record<string, number>>;
  attendance: Readonly<Record<string, string>>;
}

/** One line of the roster (one CSV row). */
export interface RosterRow {
  openId: string;
  n: number;
  name: string;
  college: string;
  grade: string;
  status: string;
  checkIn: string;
  hours: number;
}

/** The counts of the card summary (二课学时 `hours`: granted so far). */
export type RosterSummary = Pick<
  ActivityRosterModel,
  'seated' | 'capacity' | 'waiting' | 'offers' | 'attended' | 'absent' | 'excused' | 'hours'
>;

/**
 * The roster's rows, in the order of the seat list: the seated, then offers (oldest
 * first), then the waiting line. 签到 is derived: attended, excused with the reason,
 * absent once the activity has ended, else a dash.
 */
export function rosterRows(
  a: Activity,
  data: RosterData,
  people: ReadonlyMap<string, RosterPerson>,
  now: Date,
  t: Translate,
): RosterRow[] {
  const rows: RosterRow[] = [];
  const add = (openId: string, status: string, seated: boolean) => {
    const p = people.get(openId);
    const recorded = data.attendance[openId];
    const state = seated ? attendanceStatus(recorded, a.endsAt, now) : 'pending';
    const checkIn =
      state === 'attended'
        ? t('actRoster.csv.attended')
        : state === 'excused'
          ? t('actRoster.csv.excused', { reason: excuseReason(recorded) ?? '' })
          : state === 'absent'
            ? t('actRoster.csv.absent')
            : t('actRoster.csv.none');
    rows.push({
      openId,
      n: rows.length + 1,
      name: p?.name ?? openId,
      college: p?.college ?? '',
      grade: p?.grade ?? '',
      status,
      checkIn,
      hours: state === 'attended' ? a.hours : 0,
    });
  };
  for (const id of data.seated) add(id, t('actRoster.csv.seated'), true);
  const offers = Object.entries(data.offers).sort(([, x], [, y]) => x - y);
  for (const [id] of offers) add(id, t('actRoster.csv.offered'), false);
  const undrawn = a.admission === 'lottery' && !a.lottery;
  for (const [i, id] of data.waiting.entries())
    add(id, undrawn ? t('actRoster.csv.undrawn') : t('actRoster.csv.waiting', { n: i + 1 }), false);
  return rows;
}

/** The card's counts, from the same data as the rows. */
export function rosterSummary(a: Activity, data: RosterData, now: Date): RosterSummary {
  const states = data.seated.map((id) => attendanceStatus(data.attendance[id], a.endsAt, now));
  const attended = states.filter((s) => s === 'attended').length;
  return {
    seated: data.seated.length,
    capacity: a.capacity,
    waiting: data.waiting.length,
    offers: Object.keys(data.offers).length,
    attended,
    absent: states.filter((s) => s === 'absent').length,
    excused: states.filter((s) => s === 'excused').length,
    hours: attended * a.hours,
  };
}

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, quote or line break. Text a
 * spreadsheet would run as a formula (`=`, `+`, `-`, `@` first) gets a leading `'`.
 */
export function csvField(value: string | number): string {
  let s = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The roster as CSV: UTF-8 with a BOM (so Excel reads the Chinese), CRLF lines, a header row. */
export function rosterCsv(rows: readonly RosterRow[], t: Translate): string {
  const header = ['n', 'name', 'college', 'grade', 'status', 'checkIn', 'hours'] as const;
  const lines = [
    header.map((h) => csvField(t(`actRoster.csv.col.${h}`))).join(','),
    ...rows.map((r) => header.map((h) => csvField(r[h])).join(',')),
  ];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
