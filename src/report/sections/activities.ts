import { type CardElement, groupedBarChart, markdown } from '../../cards/card.ts';
import { escapeMarkdown } from '../../cards/escape.ts';
import type { Org } from '../../config/org.ts';
import type { Activity } from '../../domain/activities.ts';
import { attendanceStatus } from '../../domain/no-show.ts';
import { joinList, type Locale, type Translate } from '../../i18n/index.ts';
import type { ReportPart, ReportSection } from '../section.ts';
import { monthSpan } from './recruitment.ts';

/** One activity's numbers, or a department's, or the month's. */
export interface ActivityCount {
  held: number;
  /** Seats taken (registered and not cancelled by the end). */
  registrations: number;
  attended: number;
  excused: number;
  /** Seated, neither attended nor excused: the no-shows. */
  absent: number;
  /** 二课学时 granted: each attendee the activity's hours. */
  hours: number;
}

export interface ActivityMonth extends ActivityCount {
  /** Attended ÷ (registered − excused), in per cent; null when nobody was expected. */
  attendanceRate: number | null;
  /** By organising department id (`presidium` for the presidium's own). */
  byDepartment: Record<string, ActivityCount>;
}

/** What the month needs of one activity: its record, its seated students, their attendance. */
export interface HeldActivity {
  activity: Activity;
  seated: readonly string[];
  attendance: Readonly<Record<string, string>>;
}

const zero = (): ActivityCount => ({
  held: 0,
  registrations: 0,
  attended: 0,
  excused: 0,
  absent: 0,
  hours: 0,
});

/** Attended ÷ (registered − excused), in whole per cent. */
export function attendanceRate(c: ActivityCount): number | null {
  const expected = c.registrations - c.excused;
  return expected > 0 ? Math.round((c.attended / expected) * 100) : null;
}

/**
 * The month's activities in numbers (pure): those published, starting in the month and
 * ended by `now` were held; their seated students attended, were excused or were absent.
 */
export function activityMonth(
  held: readonly HeldActivity[],
  span: { start: number; end: number },
  now: Date,
): ActivityMonth {
  const total = zero();
  const byDepartment: Record<string, ActivityCount> = {};
  for (const { activity: a, seated, attendance } of held) {
    const start = Date.parse(a.startsAt);
    if (a.state !== 'published' || start < span.start || start >= span.end) continue;
    if (Date.parse(a.endsAt) > now.getTime()) continue;
    const dept = byDepartment[a.department] ?? zero();
    byDepartment[a.department] = dept;
    const states = seated.map((id) => attendanceStatus(attendance[id], a.endsAt, now));
    const attended = states.filter((s) => s === 'attended').length;
    const add: ActivityCount = {
      held: 1,
      registrations: seated.length,
      attended,
      excused: states.filter((s) => s === 'excused').length,
      absent: states.filter((s) => s === 'absent').length,
      hours: attended * a.hours,
    };
    for (const c of [total, dept])
      for (const k of Object.keys(add) as (keyof ActivityCount)[]) c[k] += add[k];
  }
  return { ...total, attendanceRate: attendanceRate(total), byDepartment };
}

/** A department's name (the presidium's, or its id when it was removed since). */
function departmentName(org: Org, id: string, t: Translate): string {
  if (id === 'presidium') return t('role.presidium');
  return org.departments.find((d) => d.id === id)?.name ?? id;
}

/** Departments in the org file's order (the presidium first, removed ones last). */
function departmentRows(m: ActivityMonth, org: Org, t: Translate) {
  const order = ['presidium', ...org.departments.map((d) => d.id)];
  const rank = (id: string) => (order.includes(id) ? order.indexOf(id) : order.length);
  return Object.entries(m.byDepartment)
    .sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b))
    .map(([id, c]) => ({ id, name: departmentName(org, id, t), ...c, rate: attendanceRate(c) }));
}

/** The section's facts: flat numbers, for tests and the record of the sent report. */
export function activityFacts(m: ActivityMonth): ReportPart['facts'] {
  const facts: ReportPart['facts'] = {
    held: m.held,
    registrations: m.registrations,
    attended: m.attended,
    excused: m.excused,
    noShows: m.absent,
    hours: m.hours,
  };
  if (m.attendanceRate !== null) facts.attendanceRate = m.attendanceRate;
  for (const [id, c] of Object.entries(m.byDepartment)) {
    facts[`department.${id}.held`] = c.held;
    facts[`department.${id}.registrations`] = c.registrations;
    facts[`department.${id}.attended`] = c.attended;
    facts[`department.${id}.noShows`] = c.absent;
    facts[`department.${id}.hours`] = c.hours;
  }
  return facts;
}

/** The month's activities as card text and a chart (registered next to attended, per department). */
export function activityPart(m: ActivityMonth, org: Org, t: Translate, locale: Locale): ReportPart {
  const rows = departmentRows(m, org, t);
  const rate = (r: number | null) =>
    r === null ? t('activityReport.none') : t('activityReport.rate', { r });
  const lines = [
    t('activityReport.counts', { held: m.held, registrations: m.registrations }),
    t('activityReport.attendance', {
      attended: m.attended,
      excused: m.excused,
      absent: m.absent,
      rate: rate(m.attendanceRate),
    }),
    t('activityReport.hours', { hours: m.hours }),
    t('activityReport.byDepartment', {
      parts: rows.length
        ? joinList(
            locale,
            rows.map((r) => t('activityReport.departmentPart', { ...r, rate: rate(r.rate) })),
          )
        : t('activityReport.none'),
    }),
  ];
  const elements: CardElement[] = [markdown(lines.map(escapeMarkdown).join('\n'))];
  if (rows.length > 0) elements.push(departmentChart(rows, t));
  return { title: t('activityReport.title'), elements, facts: activityFacts(m) };
}

/** Registered, attended and absent per department. */
function departmentChart(
  rows: readonly { name: string; registrations: number; attended: number; absent: number }[],
  t: Translate,
) {
  const kinds = [
    [t('activityReport.chart.registrations'), 'registrations'],
    [t('activityReport.chart.attended'), 'attended'],
    [t('activityReport.chart.absent'), 'absent'],
  ] as const;
  return groupedBarChart(
    'department',
    rows.flatMap((r) => kinds.map(([kind, field]) => ({ group: r.name, kind, count: r[field] }))),
  );
}

/**
 * Activities in the month (issue 11, item 9): held, registrations, attendance rate,
 * no-shows and 二课学时 granted, in all and by organising department. Numbers only.
 */
export const activitiesSection: ReportSection = {
  id: 'activities',
  async build(ctx, month) {
    const span = monthSpan(month, ctx.org.timezone);
    const now = ctx.now();
    const repo = ctx.repos.activities;
    const activities = (await repo.startingBetween(span.start, span.end - 1)).filter(
      (a) => a.state === 'published' && Date.parse(a.endsAt) <= now.getTime(),
    );
    const held = await Promise.all(
      activities.map(async (activity) => {
        const [list, attendance] = await Promise.all([
          repo.seats().read(repo.listOf(activity.id)),
          repo.attendance(activity.id),
        ]);
        return { activity, seated: list.seated, attendance };
      }),
    );
    return activityPart(activityMonth(held, span, now), ctx.org, ctx.t, ctx.locale);
  },
};
