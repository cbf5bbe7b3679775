import { CronExpressionParser } from 'cron-parser';
import { DateTime } from 'luxon';
import type { PeriodKind } from './job.ts';

/** The period a run scheduled for `at` belongs to, in the org's time zone. */
export function periodOf(kind: PeriodKind, at: Date, timeZone: string): string {
  const t = DateTime.fromJSDate(at, { zone: timeZone });
  switch (kind) {
    case 'month':
      return t.toFormat('yyyy-MM');
    case 'day':
      return t.toFormat('yyyy-MM-dd');
    case 'slot':
      return t.toFormat("yyyy-MM-dd'T'HH:mm");
  }
}

/** When a month or day period ends (the next one starts); slots never expire. */
export function periodEnd(kind: PeriodKind, period: string, timeZone: string): Date | undefined {
  if (kind === 'slot') return undefined;
  const start = DateTime.fromISO(period, { zone: timeZone });
  return start.plus(kind === 'month' ? { months: 1 } : { days: 1 }).toJSDate();
}

/** Whether a manual `--period` value has the shape of the job's periods. */
export function isPeriod(kind: PeriodKind, period: string): boolean {
  const shape = {
    month: /^\d{4}-\d{2}$/,
    day: /^\d{4}-\d{2}-\d{2}$/,
    slot: /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/,
  }[kind];
  return shape.test(period) && DateTime.fromISO(period).isValid;
}

/** The start of a period, as the time a manual run is "scheduled for". */
export function periodStart(period: string, timeZone: string): Date {
  return DateTime.fromISO(period, { zone: timeZone }).toJSDate();
}

/** The latest time ≤ `now` the cron expression fires at, in the time zone. */
export function previousRun(cron: string, now: Date, timeZone: string): Date {
  // cron-parser's prev() is strictly before currentDate: step a second past now so "now" itself counts.
  const expr = CronExpressionParser.parse(cron, {
    tz: timeZone,
    currentDate: new Date(now.getTime() + 1000),
  });
  return expr.prev().toDate();
}

/** The first time after `now` the cron expression fires at. */
export function nextRun(cron: string, now: Date, timeZone: string): Date {
  return CronExpressionParser.parse(cron, { tz: timeZone, currentDate: now }).next().toDate();
}

/** True for a cron expression both cron-parser and node-cron accept. */
export function isCron(cron: string): boolean {
  try {
    CronExpressionParser.parse(cron);
    return true;
  } catch {
    return false;
  }
}
