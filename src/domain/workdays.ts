import { DateTime } from 'luxon';
import type { Org } from '../config/org.ts';

/** Every date a holiday entry covers (`2026-10-01` or `2026-10-01..2026-10-07`). */
export function expandHolidays(entries: readonly string[]): Set<string> {
  const days = new Set<string>();
  for (const entry of entries) {
    const [from, to = from] = entry.split('..') as [string, string?];
    let d = DateTime.fromISO(from, { zone: 'utc' });
    const end = DateTime.fromISO(to, { zone: 'utc' });
    for (let i = 0; d <= end && i < 366; i++, d = d.plus({ days: 1 })) days.add(d.toISODate() ?? '');
  }
  return days;
}

/**
 * Whether a local date (`YYYY-MM-DD`) is a workday of the org calendar: not a public
 * holiday (法定节假日), and not a weekend unless it is a make-up workday (调休). The one
 * rule for reminders (the scheduler's calendar) and service levels counted in working hours.
 */
export function workdayTest(calendar: Org['calendar'], timeZone: string): (date: string) => boolean {
  const holidays = expandHolidays(calendar.holidays);
  const workdays = new Set(calendar.workdays);
  return (date) => {
    if (holidays.has(date)) return false;
    if (workdays.has(date)) return true;
    if (!calendar.weekendsOff) return true;
    return DateTime.fromISO(date, { zone: timeZone }).weekday <= 5; // 1 = Monday … 7 = Sunday
  };
}
