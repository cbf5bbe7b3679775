import { DateTime } from 'luxon';

/** `YYYY-MM` of an instant in a time zone (a month starts at local midnight, not UTC). */
export function monthOf(at: Date, timeZone: string): string {
  return dateOf(at, timeZone).slice(0, 7);
}

const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** `YYYY-MM-DD` of an instant in a time zone. (Formatters are built once per zone: building one costs more than using it.) */
export function dateOf(at: Date, timeZone: string): string {
  let format = dayFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    dayFormats.set(timeZone, format);
  }
  return format.format(at);
}

/** The month before `month` (`2026-01` → `2025-12`). */
export function previousMonth(month: string): string {
  return DateTime.fromFormat(month, 'yyyy-MM', { zone: 'UTC' }).minus({ months: 1 }).toFormat('yyyy-MM');
}

/** `YYYY-MM-DD HH:mm` of an ISO instant in a time zone (how cards and messages show a time). */
export function localDateTime(iso: string, timeZone: string): string {
  return DateTime.fromISO(iso).setZone(timeZone).toFormat('yyyy-MM-dd HH:mm');
}
