import { DateTime } from 'luxon';
import { ACTIVITY_TEXT_MAX, ACTIVITY_TITLE_MAX, type Activity } from './activities.ts';

/**
 * The `/新建活动` form, checked as a whole: every bad field is named at once and nothing
 * is stored until all are right. Times are typed in the org's time zone: a date picker's
 * `2026-11-20 +0800` (or `2026-11-20`) with an `HH:mm` field, or `YYYY-MM-DD HH:mm`.
 */

/** The fields the form sends back, by name. */
export const ACTIVITY_FORM_FIELDS = [
  'title',
  'description',
  'department',
  'startDate',
  'startTime',
  'endDate',
  'endTime',
  'place',
  'capacity',
  'opens',
  'closes',
  'colleges',
  'grades',
  'admission',
  'waitlist',
  'checkinBefore',
  'hours',
  'chats',
] as const;

export type ActivityFormProblem =
  | 'title'
  | 'description'
  | 'department'
  | 'start'
  | 'end'
  | 'startPast'
  | 'place'
  | 'capacity'
  | 'opens'
  | 'closes'
  | 'window'
  | 'colleges'
  | 'grades'
  | 'admission'
  | 'checkinBefore'
  | 'hours'
  | 'chats';

/** What the form decides: everything of an activity but its id, organiser and state. */
export type ActivityFields = Pick<
  Activity,
  | 'title'
  | 'description'
  | 'department'
  | 'startsAt'
  | 'endsAt'
  | 'place'
  | 'capacity'
  | 'opensAt'
  | 'closesAt'
  | 'colleges'
  | 'grades'
  | 'admission'
  | 'waitlist'
  | 'checkIn'
  | 'hours'
  | 'chats'
>;

export type ActivityFormOutcome =
  | { ok: true; fields: ActivityFields }
  | { ok: false; problems: { problem: ActivityFormProblem; detail?: string }[] };

export const CAPACITY_MAX = 100_000;
export const PLACE_MAX = 100;
const CHAT_ID = /^oc_[0-9A-Za-z_-]{1,64}$/;

const text = (v: unknown): string => (typeof v === 'string' ? v.trim() : Array.isArray(v) ? v.join(',') : '');
const list = (v: unknown): string[] =>
  (Array.isArray(v) ? v.map(String) : text(v).split(/[,，、;；\s]+/)).map((s) => s.trim()).filter(Boolean);

/** `2026-11-20`, `2026-11-20 +0800` (a date picker), `2026/11/20` → `2026-11-20`. */
export function formDate(v: string): string | undefined {
  const m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:\s+[+-]\d{4})?$/.exec(v.trim());
  if (!m) return undefined;
  const d = DateTime.fromObject({ year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) });
  return d.isValid ? (d.toISODate() ?? undefined) : undefined;
}

/** `9:30`, `09:30` or `09：30` → `09:30`. */
export function formTime(v: string): string | undefined {
  const m = /^([01]?\d|2[0-3])[:：]([0-5]\d)$/.exec(v.trim());
  return m ? `${String(m[1]).padStart(2, '0')}:${m[2]}` : undefined;
}

/** A local date and time in a zone as an ISO instant. */
export function localInstant(date: string, time: string, zone: string): string | undefined {
  const d = DateTime.fromISO(`${date}T${time}`, { zone });
  return d.isValid ? (d.toUTC().toISO() ?? undefined) : undefined;
}

/** `YYYY-MM-DD HH:mm` (or a date picker value and a time) in a zone, as an ISO instant. */
export function parseLocalDateTime(v: string, zone: string): string | undefined {
  const m = /^(\S+)\s+(\d{1,2}[:：]\d{2})$/.exec(v.trim());
  if (!m) return undefined;
  const date = formDate(m[1] as string);
  const time = formTime(m[2] as string);
  return date && time ? localInstant(date, time, zone) : undefined;
}

/**
 * Checks the form. `departments`: the ids the organiser may organise for (`presidium`
 * included for the presidium); `colleges`: the org's, to match names or ids.
 */
export function parseActivityForm(
  form: Record<string, unknown>,
  o: {
    now: Date;
    zone: string;
    departments: readonly string[];
    colleges: readonly { id: string; name: string }[];
  },
): ActivityFormOutcome {
  const problems: { problem: ActivityFormProblem; detail?: string }[] = [];
  const bad = (problem: ActivityFormProblem, detail?: string) =>
    problems.push(detail === undefined ? { problem } : { problem, detail });

  const title = text(form.title);
  if (title.length === 0 || [...title].length > ACTIVITY_TITLE_MAX) bad('title');
  const description = text(form.description);
  if ([...description].length > ACTIVITY_TEXT_MAX) bad('description');
  const department = text(form.department);
  if (!o.departments.includes(department)) bad('department');

  const startDate = formDate(text(form.startDate));
  const startTime = formTime(text(form.startTime));
  const startsAt = startDate && startTime ? localInstant(startDate, startTime, o.zone) : undefined;
  if (!startsAt) bad('start');
  else if (Date.parse(startsAt) <= o.now.getTime()) bad('startPast');
  const endDate = text(form.endDate) ? formDate(text(form.endDate)) : startDate;
  const endTime = formTime(text(form.endTime));
  const endsAt = endDate && endTime ? localInstant(endDate, endTime, o.zone) : undefined;
  if (startsAt && (!endsAt || Date.parse(endsAt) <= Date.parse(startsAt))) bad('end');
  else if (!startsAt && !endsAt) bad('end');

  const place = text(form.place);
  if (place.length === 0 || [...place].length > PLACE_MAX) bad('place');
  const capacity = Number(text(form.capacity));
  if (!Number.isInteger(capacity) || capacity < 1 || capacity > CAPACITY_MAX) bad('capacity');

  const opensText = text(form.opens);
  const opensAt = opensText ? parseLocalDateTime(opensText, o.zone) : o.now.toISOString();
  if (!opensAt) bad('opens');
  const closesText = text(form.closes);
  const closesAt = closesText ? parseLocalDateTime(closesText, o.zone) : startsAt;
  if (closesText && !closesAt) bad('closes');
  if (
    opensAt &&
    closesAt &&
    startsAt &&
    (Date.parse(closesAt) <= Date.parse(opensAt) || Date.parse(closesAt) > Date.parse(startsAt))
  )
    bad('window');

  const colleges: string[] = [];
  const unknownColleges: string[] = [];
  for (const word of list(form.colleges)) {
    const c = o.colleges.find((x) => x.id === word || x.name === word);
    if (c) colleges.push(c.id);
    else unknownColleges.push(word);
  }
  if (unknownColleges.length > 0) bad('colleges', unknownColleges.join('、'));
  const grades = list(form.grades);
  const badGrades = grades.filter((g) => !/^\d{4}$/.test(g));
  if (badGrades.length > 0) bad('grades', badGrades.join('、'));

  const admissionText = text(form.admission) || 'first-come';
  if (admissionText !== 'first-come' && admissionText !== 'lottery') bad('admission');
  const waitlist = text(form.waitlist) !== 'no';

  const beforeText = text(form.checkinBefore);
  const before = beforeText ? Number(beforeText) : 30;
  if (!Number.isInteger(before) || before < 0 || before > 24 * 60) bad('checkinBefore');
  const hoursText = text(form.hours);
  const hours = hoursText ? Number(hoursText) : 0;
  if (!Number.isFinite(hours) || hours < 0 || hours > 100) bad('hours');
  const chats = list(form.chats);
  const badChats = chats.filter((c) => !CHAT_ID.test(c));
  if (badChats.length > 0) bad('chats', badChats.join('、'));

  if (problems.length > 0 || !startsAt || !endsAt || !opensAt || !closesAt) {
    return { ok: false, problems };
  }
  return {
    ok: true,
    fields: {
      title,
      description,
      department,
      startsAt,
      endsAt,
      place,
      capacity,
      opensAt,
      closesAt,
      colleges: [...new Set(colleges)],
      grades: [...new Set(grades)],
      admission: admissionText as Activity['admission'],
      waitlist,
      checkIn: { from: new Date(Date.parse(startsAt) - before * 60_000).toISOString(), until: endsAt },
      hours,
      chats: [...new Set(chats)],
    },
  };
}
