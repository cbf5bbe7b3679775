import { DateTime } from 'luxon';
import type { Org } from '../config/org.ts';
import { expandHolidays, workdayTest } from '../domain/workdays.ts';

export type CalendarConfig = Org['calendar'];

export { expandHolidays };

/**
 * Which days reminders may go out: not a public holiday (法定节假日), and not a weekend
 * unless it is a make-up workday (调休).
 */
export class WorkCalendar {
  /** `date` is a local date, `YYYY-MM-DD` (the rule is the domain's, shared with service levels). */
  readonly isWorkday: (date: string) => boolean;

  constructor(
    private readonly config: CalendarConfig,
    readonly timeZone: string,
  ) {
    this.isWorkday = workdayTest(config, timeZone);
  }

  /**
   * When a reminder scheduled for `at` may go out: the same instant on a workday outside
   * quiet hours; otherwise the next workday at the same local time, after quiet hours.
   */
  shift(at: Date): Date {
    let t: DateTime = DateTime.fromJSDate(at, { zone: this.timeZone });
    for (let i = 0; i < 400; i++) {
      const quietEnd = this.quietEnd(t);
      if (quietEnd) {
        t = quietEnd;
        continue;
      }
      if (this.isWorkday(t.toISODate() ?? '')) return t.toJSDate();
      t = t.plus({ days: 1 });
    }
    return t.toJSDate();
  }

  /** If `t` falls in quiet hours, when they end; otherwise undefined. */
  private quietEnd(t: DateTime): DateTime | undefined {
    const quiet = this.config.quietHours;
    if (!quiet) return undefined;
    const minutes = t.hour * 60 + t.minute;
    const from = toMinutes(quiet.from);
    const to = toMinutes(quiet.to);
    const [toH, toM] = [Math.floor(to / 60), to % 60];
    if (from === to) return undefined;
    if (from < to) {
      // Same-day window, e.g. 12:00–14:00.
      return minutes >= from && minutes < to
        ? t.set({ hour: toH, minute: toM, second: 0, millisecond: 0 })
        : undefined;
    }
    // Overnight window, e.g. 22:00–08:00.
    if (minutes >= from)
      return t.plus({ days: 1 }).set({ hour: toH, minute: toM, second: 0, millisecond: 0 });
    if (minutes < to) return t.set({ hour: toH, minute: toM, second: 0, millisecond: 0 });
    return undefined;
  }
}

function toMinutes(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  return h * 60 + m;
}
