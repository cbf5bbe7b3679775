import { DateTime } from 'luxon';
import { z } from 'zod';
import type { PersonRef } from '../config/org.ts';
import { personKey } from './roles.ts';
import type { Unit } from './units.ts';

/**
 * Study meetings (source document 二(四)1: 校院两级学生会每个月至少召开一次会议).
 * Every unit keeps one record per month; these are the pure rules around it.
 */

export const TOPIC_MAX = 100;
/** How far back a meeting may still be recorded: two months, so last month's can be caught up. */
export const DAYS_BACK_MAX = 62;
export const ATTENDANCE_MAX = 10_000;

const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);

/** Topics are counted in characters as people see them (an emoji is one). */
export function topicLength(topic: string): number {
  return [...topic].length;
}

export const MeetingSchema = z.object({
  id: z.string().min(1),
  date: IsoDate,
  topic: z
    .string()
    .min(1)
    .refine((t) => topicLength(t) <= TOPIC_MAX),
  /** Null when the command line did not give it. */
  attendance: z.number().int().positive().nullable(),
  minutesUrl: z.string().optional(),
  /** The recorder's open_id. */
  recordedBy: z.string().min(1),
  recordedAt: z.iso.datetime(),
});
export type Meeting = z.infer<typeof MeetingSchema>;

/** Stored under `meetings:<yyyy-mm>:<unit>`. */
export const MeetingMonthSchema = z.object({
  v: z.literal(1),
  unit: z.string().min(1),
  month: Month,
  meetings: z.array(MeetingSchema),
});
export type MeetingMonth = z.infer<typeof MeetingMonthSchema>;

export function emptyMonth(unit: string, month: string): MeetingMonth {
  return { v: 1, unit, month, meetings: [] };
}

/** Reads a stored record (null: nothing recorded yet). A corrupt record throws: it must not be overwritten. */
export function parseMeetingMonth(raw: string | null | undefined, unit: string, month: string): MeetingMonth {
  if (raw === null || raw === undefined) return emptyMonth(unit, month);
  return MeetingMonthSchema.parse(JSON.parse(raw));
}

/** Same unit (the record), same date and the same topic, ignoring spaces and case. */
export function isSameMeeting(
  a: Pick<Meeting, 'date' | 'topic'>,
  b: Pick<Meeting, 'date' | 'topic'>,
): boolean {
  const norm = (t: string) => normalizeTopic(t).toLowerCase();
  return a.date === b.date && norm(a.topic) === norm(b.topic);
}

/** Adds a meeting, kept in date order; refuses one already recorded. */
export function appendMeeting(
  record: MeetingMonth,
  meeting: Meeting,
): { ok: true; record: MeetingMonth } | { ok: false; problem: 'duplicate' } {
  if (record.meetings.some((m) => isSameMeeting(m, meeting))) return { ok: false, problem: 'duplicate' };
  const meetings = [...record.meetings, meeting].sort((a, b) => a.date.localeCompare(b.date));
  return { ok: true, record: { ...record, meetings } };
}

export function normalizeTopic(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

// ── input ──────────────────────────────────────────────────────────────────────

/** Days back from today. Tomorrow is understood so that it is refused as the future, not taken as a topic. */
const RELATIVE_DAYS: Record<string, number> = {
  今天: 0,
  today: 0,
  昨天: 1,
  yesterday: 1,
  前天: 2,
  明天: -1,
  tomorrow: -1,
  后天: -2,
};
const FULL_DATE = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})[日号]?$/;
const SHORT_DATE = /^(\d{1,2})[-/.月](\d{1,2})[日号]?$/;

/** Whether a word is meant as a date (it may still be a wrong one, like 2026-02-30). */
export function looksLikeDate(word: string): boolean {
  const w = stripOffset(word);
  return w.toLowerCase() in RELATIVE_DAYS || FULL_DATE.test(w) || SHORT_DATE.test(w);
}

/**
 * A meeting date as `YYYY-MM-DD`, given today (`YYYY-MM-DD` in the org's time zone).
 * Accepts `2026-11-20`, `11-20`, `11/20`, `11月20日`, 今天/today, 昨天/yesterday, and a
 * date picker's `2026-11-20 +0800`. Without a year it is the latest such day that is
 * not in the future and still recordable; else this year's (refused later as future).
 */
export function parseMeetingDate(text: string, today: string): string | undefined {
  const word = stripOffset(text.trim());
  const base = DateTime.fromISO(today, { zone: 'utc' });
  const relative = RELATIVE_DAYS[word.toLowerCase()];
  if (relative !== undefined) return base.minus({ days: relative }).toISODate() ?? undefined;
  const full = FULL_DATE.exec(word);
  if (full) return isoDate(Number(full[1]), Number(full[2]), Number(full[3]));
  const short = SHORT_DATE.exec(word);
  if (!short) return undefined;
  const [month, day] = [Number(short[1]), Number(short[2])];
  const thisYear = isoDate(base.year, month, day);
  if (thisYear && thisYear > today) {
    const lastYear = isoDate(base.year - 1, month, day);
    if (lastYear && !dateProblem(lastYear, today)) return lastYear;
  }
  return thisYear;
}

/** Why a date cannot be recorded today, if it cannot. */
export function dateProblem(date: string, today: string): 'future' | 'tooOld' | undefined {
  if (date > today) return 'future';
  const days = DateTime.fromISO(today, { zone: 'utc' }).diff(
    DateTime.fromISO(date, { zone: 'utc' }),
    'days',
  ).days;
  return days > DAYS_BACK_MAX ? 'tooOld' : undefined;
}

function stripOffset(text: string): string {
  return text.replace(/\s*[+-]\d{2}:?\d{2}$/, '').trim();
}

function isoDate(year: number, month: number, day: number): string | undefined {
  const d = DateTime.fromObject({ year, month, day }, { zone: 'utc' });
  return d.isValid ? (d.toISODate() ?? undefined) : undefined;
}

/** `15`, `15人`, `15 people` → 15; anything else (0, 1.5, -3, words) → undefined. */
export function parseAttendance(text: string): number | undefined {
  const m = /^\s*(\d{1,6})\s*(人|名|people|persons?)?\s*$/i.exec(text);
  const n = m ? Number(m[1]) : Number.NaN;
  return Number.isSafeInteger(n) && n >= 1 && n <= ATTENDANCE_MAX ? n : undefined;
}

/** An http(s) URL, normalised; anything else → undefined. */
export function parseMinutesUrl(text: string): string | undefined {
  const trimmed = text.trim();
  if (trimmed.length > 1000 || !/^https?:\/\//i.test(trimmed)) return undefined;
  try {
    const url = new URL(trimmed);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname ? url.href : undefined;
  } catch {
    return undefined;
  }
}

export const MEETING_FIELDS = ['unit', 'date', 'topic', 'attendance', 'minutes'] as const;
export type MeetingField = (typeof MEETING_FIELDS)[number];
export const MEETING_PROBLEMS = [
  'badDate',
  'future',
  'tooOld',
  'topicMissing',
  'topicTooLong',
  'badAttendance',
  'attendanceMissing',
  'badLink',
  'repeated',
] as const;
export type MeetingProblem = (typeof MEETING_PROBLEMS)[number];

export interface FieldProblem {
  field: MeetingField;
  problem: MeetingProblem;
  /** What was typed (for the message). */
  value?: string;
}

/** A meeting as typed, before checks: the command line's words or a form's values. */
export interface MeetingInput {
  date?: unknown;
  topic?: unknown;
  attendance?: unknown;
  minutes?: unknown;
}

export interface MeetingDraft {
  date: string;
  topic: string;
  attendance: number | null;
  minutesUrl?: string;
}

const DEFAULT_PROBLEM: Record<Exclude<MeetingField, 'unit'>, MeetingProblem> = {
  date: 'badDate',
  topic: 'topicMissing',
  attendance: 'badAttendance',
  minutes: 'badLink',
};

/** Form values are strings; a number is taken as typed, anything else is refused by the field's rule. */
const Text = z.preprocess((v) => (typeof v === 'number' ? String(v) : v), z.string().optional());

function fail(ctx: z.RefinementCtx, problem: MeetingProblem): typeof z.NEVER {
  ctx.addIssue({ code: 'custom', message: problem });
  return z.NEVER;
}

/** The checks on a meeting's fields, as one zod schema: every bad field becomes an issue at its path. */
export function meetingInputSchema(today: string, opts: { attendanceRequired: boolean }) {
  return z.object({
    date: Text.transform((v, ctx) => {
      if (v === undefined || v.trim() === '') return today;
      const date = parseMeetingDate(v, today);
      if (!date) return fail(ctx, 'badDate');
      const problem = dateProblem(date, today);
      return problem ? fail(ctx, problem) : date;
    }),
    topic: Text.transform((v, ctx) => {
      const topic = normalizeTopic(v ?? '');
      if (!topic) return fail(ctx, 'topicMissing');
      return topicLength(topic) > TOPIC_MAX ? fail(ctx, 'topicTooLong') : topic;
    }),
    attendance: Text.transform((v, ctx): number | null => {
      if (v === undefined || v.trim() === '')
        return opts.attendanceRequired ? fail(ctx, 'attendanceMissing') : null;
      return parseAttendance(v) ?? fail(ctx, 'badAttendance');
    }),
    minutes: Text.transform((v, ctx) => {
      if (v === undefined || v.trim() === '') return undefined;
      return parseMinutesUrl(v) ?? fail(ctx, 'badLink');
    }),
  });
}

/** Checks every field at once, so the person hears about all their mistakes in one answer. */
export function validateMeeting(
  input: MeetingInput,
  today: string,
  opts: { attendanceRequired: boolean },
): { ok: true; draft: MeetingDraft } | { ok: false; problems: FieldProblem[] } {
  const parsed = meetingInputSchema(today, opts).safeParse(input);
  if (parsed.success) {
    const { date, topic, attendance, minutes } = parsed.data;
    return { ok: true, draft: { date, topic, attendance, ...(minutes ? { minutesUrl: minutes } : {}) } };
  }
  const problems = parsed.error.issues.map((issue): FieldProblem => {
    const field = issue.path[0] as Exclude<MeetingField, 'unit'>;
    const raw = input[field];
    const problem = isProblem(issue.message) ? issue.message : DEFAULT_PROBLEM[field];
    return { field, problem, ...(typeof raw === 'string' ? { value: raw } : {}) };
  });
  return { ok: false, problems };
}

function isProblem(message: string): message is MeetingProblem {
  return (MEETING_PROBLEMS as readonly string[]).includes(message);
}

/** A command line's words sorted into fields. */
export interface MeetingLine extends MeetingInput {
  unit?: string;
  date?: string;
  topic: string;
  attendance?: string;
  minutes?: string;
  /** A field given twice (two links, two head counts). */
  repeated?: MeetingField;
}

const LINK_LIKE = /^(https?:|[a-z][a-z0-9+.-]*:\/\/|www\.)/i;
const COUNT_WORD = /^[-+]?\d+(\.\d+)?\s*(人|名)$/;
const PEOPLE_WORD = /^(人|名|people|persons?)$/i;

/**
 * `[unit] [date] topic… [N人] [link]`: the unit and the date are the first words (either
 * order) when they are one; a count and a link may stand anywhere; the rest is the topic.
 */
export function splitMeetingLine(args: readonly string[], isUnit: (word: string) => boolean): MeetingLine {
  const words = [...args];
  const line: MeetingLine = { topic: '' };
  for (let lead = 0; lead < 2 && words.length > 0; lead++) {
    const word = words[0] as string;
    if (line.unit === undefined && isUnit(word)) line.unit = words.shift();
    else if (line.date === undefined && looksLikeDate(word)) line.date = words.shift();
    else break;
  }
  const topic: string[] = [];
  const set = (field: 'attendance' | 'minutes', value: string) => {
    if (line[field] !== undefined) line.repeated ??= field;
    else line[field] = value;
  };
  for (let i = 0; i < words.length; i++) {
    const word = words[i] as string;
    const next = words[i + 1];
    if (LINK_LIKE.test(word)) set('minutes', word);
    else if (COUNT_WORD.test(word)) set('attendance', word);
    else if (/^[-+]?\d+(\.\d+)?$/.test(word) && next !== undefined && PEOPLE_WORD.test(next)) {
      set('attendance', word);
      i += 1;
    } else topic.push(word);
  }
  line.topic = topic.join(' ');
  return line;
}

// ── units ──────────────────────────────────────────────────────────────────────

/** A unit named by id (any case) or by its name. */
export function findUnit(units: readonly Unit[], word: string): Unit | undefined {
  const w = word.trim();
  return units.find((u) => u.id.toLowerCase() === w.toLowerCase()) ?? units.find((u) => u.name === w);
}

/**
 * Which unit a recording is for: the one named (it must be one the person leads), or the
 * only one they lead. Leading several and naming none is a question back to them.
 */
export function chooseUnit(
  units: readonly Unit[],
  led: readonly string[],
  named?: string,
):
  | { ok: true; unit: Unit }
  | { ok: false; problem: 'unknownUnit' | 'notYourUnit' | 'whichUnit' | 'noUnit'; unit?: Unit } {
  const mine = units.filter((u) => led.includes(u.id));
  if (mine.length === 0) return { ok: false, problem: 'noUnit' };
  if (named !== undefined && named.trim() !== '') {
    const unit = findUnit(units, named);
    if (!unit) return { ok: false, problem: 'unknownUnit' };
    return led.includes(unit.id) ? { ok: true, unit } : { ok: false, problem: 'notYourUnit', unit };
  }
  const [only] = mine;
  return mine.length === 1 && only ? { ok: true, unit: only } : { ok: false, problem: 'whichUnit' };
}

// ── who is behind ──────────────────────────────────────────────────────────────

/** Units that have not recorded a meeting in the month. */
export function unitsBehind(units: readonly Unit[], month: ReadonlyMap<string, MeetingMonth>): Unit[] {
  return units.filter((u) => (month.get(u.id)?.meetings.length ?? 0) === 0);
}

export interface AdvisorGroup {
  advisors: readonly PersonRef[];
  units: Unit[];
}

/**
 * Behind units grouped by who advises them, so each advisor gets one message: a college's
 * League branch hears of its college (and classes it advises); the League committee of
 * the school union and of any unit without advisors of its own.
 */
export function groupByAdvisors(
  units: readonly Unit[],
  leagueCommittee: readonly PersonRef[],
): AdvisorGroup[] {
  const groups = new Map<string, AdvisorGroup>();
  for (const unit of units) {
    const advisors = unit.advisors.length > 0 ? unit.advisors : leagueCommittee;
    const key = [...new Set(advisors.map(personKey))].sort().join('\n');
    if (!key) continue;
    const group = groups.get(key) ?? { advisors, units: [] };
    group.units.push(unit);
    groups.set(key, group);
  }
  return [...groups.values()];
}
