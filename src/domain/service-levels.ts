import { DateTime } from 'luxon';
import type { Org } from '../config/org.ts';
import { serviceLevels, type Ticket } from './tickets.ts';
import { workdayTest } from './workdays.ts';

/**
 * Service levels of grievance tickets (issue 10, item 5): how much of the first-response
 * and resolution targets a ticket has used, when each is due, and which notice is due now.
 * Pure: (ticket, org, now) → status. The clock counts calendar hours or only working hours
 * on workdays of the org calendar, and stops while the ticket waits on the student.
 */

export type SlaClockKind = 'first' | 'resolve';
export type SlaNotice = `${SlaClockKind}:${'warn' | 'breach'}`;

/** From this share of the target on, the claimer is warned. */
export const WARN_AT = 0.75;

const HOUR_MS = 3600_000;
/** How far ahead a due instant is looked for (working hours across holidays): beyond it, none. */
const HORIZON_DAYS = 3660;

/** How hours are counted: the org file's `grievances.hours`, `workingHours` and `calendar`. */
export interface SlaClockConfig {
  hours: 'calendar' | 'working';
  workingHours: { from: string; to: string };
  calendar: Org['calendar'];
  timeZone: string;
}

export function slaClockConfig(org: Org): SlaClockConfig {
  const { hours, workingHours } = org.grievances;
  return { hours, workingHours, calendar: org.calendar, timeZone: org.timezone };
}

export interface Pause {
  from: string;
  /** Absent while the ticket still waits: the pause runs to now. */
  to?: string | undefined;
}

interface Interval {
  start: number;
  /** `Infinity` for a clock still running. */
  end: number;
}

/**
 * Hours counted between `from` and `now`: every hour (`calendar`) or only working hours of
 * workdays (`working`), less the pauses (an open pause runs to now).
 */
export function elapsedHours(
  from: Date | string,
  now: Date,
  pauses: readonly Pause[],
  config: SlaClockConfig,
): number {
  const counted = countedSegments(config);
  let ms = 0;
  for (const run of runningIntervals(ms0(from), pauses, now.getTime())) {
    for (const seg of counted(run)) ms += seg.end - seg.start;
  }
  return ms / HOUR_MS;
}

/**
 * When `hours` counted hours from `from` are used up, given the pauses; undefined when the
 * clock is stopped by an open pause before then, or when no working time is left in reach.
 */
export function dueAt(
  from: Date | string,
  hours: number,
  pauses: readonly Pause[],
  config: SlaClockConfig,
): Date | undefined {
  const counted = countedSegments(config);
  let left = hours * HOUR_MS;
  for (const run of runningIntervals(ms0(from), pauses, Number.POSITIVE_INFINITY)) {
    for (const seg of counted(run)) {
      if (seg.end - seg.start >= left) return new Date(seg.start + left);
      left -= seg.end - seg.start;
    }
  }
  return undefined;
}

export interface SlaClockStatus {
  kind: SlaClockKind;
  targetHours: number;
  usedHours: number;
  /** `usedHours / targetHours` (1 or more: breached). */
  fraction: number;
  /** The goal was reached (a first response given, the ticket resolved): the clock has stopped for good. */
  met: boolean;
  /** The ticket waits on the student: the clock stands still. */
  paused: boolean;
  /** When the target is (or was) reached, if that can be said. */
  due?: Date;
  /** The notice that should go out now and has not yet. */
  notice?: SlaNotice;
}

export interface SlaStatus {
  first: SlaClockStatus;
  resolve: SlaClockStatus;
}

/** Both service-level clocks of a ticket at `now` (from its creation to its first response, and to its resolution). */
export function slaStatus(ticket: Ticket, org: Org, now: Date): SlaStatus {
  const config = slaClockConfig(org);
  const targets = serviceLevels(org, ticket.category);
  const pauses = clockPauses(ticket);
  const paused = ticket.state === 'waiting' || ticket.pauses.some((p) => !p.to);
  const clock = (kind: SlaClockKind, targetHours: number, stoppedAt: string | undefined): SlaClockStatus => {
    const until = stoppedAt ? new Date(Math.min(Date.parse(stoppedAt), now.getTime())) : now;
    const usedHours = elapsedHours(ticket.createdAt, until, pauses, config);
    const fraction = usedHours / targetHours;
    const due = dueAt(ticket.createdAt, targetHours, pauses, config);
    const met = stoppedAt !== undefined;
    const notice = met || paused || isClosed(ticket) ? undefined : noticeFor(kind, fraction, ticket.notices);
    return {
      kind,
      targetHours,
      usedHours,
      fraction,
      met,
      paused: paused && !met,
      ...(due ? { due } : {}),
      ...(notice ? { notice } : {}),
    };
  };
  return {
    first: clock('first', targets.firstResponseHours, ticket.firstResponseAt),
    resolve: clock('resolve', targets.resolveHours, ticket.resolvedAt),
  };
}

/** The notices due now, first response before resolution. */
export function dueNotices(status: SlaStatus): SlaNotice[] {
  return [status.first.notice, status.resolve.notice].filter((n): n is SlaNotice => n !== undefined);
}

function noticeFor(kind: SlaClockKind, fraction: number, given: readonly string[]): SlaNotice | undefined {
  const breach: SlaNotice = `${kind}:breach`;
  const warn: SlaNotice = `${kind}:warn`;
  // A breach makes its warning pointless: after a stop of the job, only the breach goes out.
  if (fraction >= 1) return given.includes(breach) ? undefined : breach;
  if (fraction >= WARN_AT && !given.includes(warn) && !given.includes(breach)) return warn;
  return undefined;
}

const isClosed = (t: Ticket) => t.state === 'closed' || t.state === 'resolved';

/**
 * The times the clock stood still: waiting on the student, and between a resolution and
 * its reopening after a low rating (the ticket was out of the union's hands).
 */
export function clockPauses(ticket: Ticket): Pause[] {
  const out: Pause[] = ticket.pauses.map((p) => ({ from: p.from, to: p.to }));
  let resolvedAt: string | undefined;
  for (const e of ticket.trail) {
    if (e.action === 'resolved') resolvedAt = e.at;
    else if (e.action === 'reopened' && resolvedAt) {
      out.push({ from: resolvedAt, to: e.at });
      resolvedAt = undefined;
    }
  }
  return out;
}

function ms0(at: Date | string): number {
  return typeof at === 'string' ? Date.parse(at) : at.getTime();
}

/** `[start, end)` less the pauses, in order (an open pause stops the clock from its start on). */
function runningIntervals(start: number, pauses: readonly Pause[], end: number): Interval[] {
  const stops = pauses
    .map((p) => ({ start: Date.parse(p.from), end: p.to ? Date.parse(p.to) : Number.POSITIVE_INFINITY }))
    .filter((p) => p.end > p.start)
    .sort((a, b) => a.start - b.start);
  const out: Interval[] = [];
  let at = start;
  for (const stop of stops) {
    if (at >= end) break;
    if (stop.end <= at) continue;
    if (stop.start > at) out.push({ start: at, end: Math.min(stop.start, end) });
    at = Math.max(at, stop.end);
  }
  if (at < end) out.push({ start: at, end });
  return out;
}

/** The parts of a running interval that count: all of it, or its working hours on workdays. */
function countedSegments(config: SlaClockConfig): (run: Interval) => Generator<Interval> {
  if (config.hours === 'calendar') {
    return function* (run) {
      yield { start: run.start, end: Math.min(run.end, run.start + HORIZON_DAYS * 24 * HOUR_MS) };
    };
  }
  const workday = workdayTest(config.calendar, config.timeZone);
  const [fromH, fromM] = hhmm(config.workingHours.from);
  const [toH, toM] = hhmm(config.workingHours.to);
  // A window whose end is not after its start runs overnight, into the next day.
  const overnight = toH * 60 + toM <= fromH * 60 + fromM;
  return function* (run) {
    // From the day before: an overnight window that began yesterday may cover the start.
    let day = DateTime.fromMillis(run.start, { zone: config.timeZone }).startOf('day').minus({ days: 1 });
    for (let i = 0; i < HORIZON_DAYS; i++, day = day.plus({ days: 1 })) {
      if (day.toMillis() >= run.end) return;
      if (!workday(day.toISODate() ?? '')) continue;
      const open = day.set({ hour: fromH, minute: fromM }).toMillis();
      const close = day
        .plus({ days: overnight ? 1 : 0 })
        .set({ hour: toH, minute: toM })
        .toMillis();
      const start = Math.max(open, run.start);
      const end = Math.min(close, run.end);
      if (end > start) yield { start, end };
    }
  };
}

function hhmm(time: string): [number, number] {
  const [h = 0, m = 0] = time.split(':').map(Number);
  return [h, m];
}
