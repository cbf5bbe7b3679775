import { describe, expect, it } from 'vitest';
import { expandHolidays, WorkCalendar } from '../../src/schedules/calendar.ts';
import { isPeriod, periodEnd, periodOf, previousRun } from '../../src/schedules/period.ts';

const TZ = 'Asia/Shanghai';
const cal = (over: Partial<ConstructorParameters<typeof WorkCalendar>[0]> = {}) =>
  new WorkCalendar({ holidays: [], workdays: [], weekendsOff: true, ...over }, TZ);

describe('work calendar', () => {
  it('expands holiday ranges', () => {
    expect([...expandHolidays(['2026-10-01..2026-10-03', '2027-01-01'])]).toEqual([
      '2026-10-01',
      '2026-10-02',
      '2026-10-03',
      '2027-01-01',
    ]);
  });

  it('treats weekends as days off unless they are make-up workdays (调休)', () => {
    const c = cal({ workdays: ['2026-10-10'] });
    expect(c.isWorkday('2026-10-09')).toBe(true); // Friday
    expect(c.isWorkday('2026-10-11')).toBe(false); // Sunday
    expect(c.isWorkday('2026-10-10')).toBe(true); // Saturday, 调休
    expect(cal({ weekendsOff: false }).isWorkday('2026-10-11')).toBe(true);
  });

  it('moves a reminder on a holiday to the next workday at the same local time', () => {
    const c = cal({ holidays: ['2026-10-01..2026-10-07'] });
    expect(c.shift(new Date('2026-10-01T01:00:00Z')).toISOString()).toBe('2026-10-08T01:00:00.000Z');
  });

  it('moves a reminder in overnight quiet hours to their end, then to a workday', () => {
    const c = cal({ quietHours: { from: '22:00', to: '08:00' } });
    // Thursday 23:30 Shanghai → Friday 08:00
    expect(c.shift(new Date('2026-10-15T15:30:00Z')).toISOString()).toBe('2026-10-16T00:00:00.000Z');
    // Friday 23:30 → Saturday 08:00 is a weekend → Monday 08:00
    expect(c.shift(new Date('2026-10-16T15:30:00Z')).toISOString()).toBe('2026-10-19T00:00:00.000Z');
    // 07:00 → 08:00 the same day
    expect(c.shift(new Date('2026-10-15T23:00:00Z')).toISOString()).toBe('2026-10-16T00:00:00.000Z');
  });

  it('handles same-day quiet hours and leaves other times alone', () => {
    const c = cal({ quietHours: { from: '12:00', to: '14:00' } });
    expect(c.shift(new Date('2026-10-15T04:30:00Z')).toISOString()).toBe('2026-10-15T06:00:00.000Z');
    expect(c.shift(new Date('2026-10-15T01:00:00Z')).toISOString()).toBe('2026-10-15T01:00:00.000Z');
  });
});

describe('periods', () => {
  it('names periods in the org time zone', () => {
    const at = new Date('2026-11-30T16:30:00Z'); // 1 December 00:30 in Shanghai
    expect(periodOf('month', at, TZ)).toBe('2026-12');
    expect(periodOf('day', at, TZ)).toBe('2026-12-01');
    expect(periodOf('slot', at, TZ)).toBe('2026-12-01T00:30');
  });

  it('knows when a period is over', () => {
    expect(periodEnd('month', '2026-12', TZ)?.toISOString()).toBe('2026-12-31T16:00:00.000Z');
    expect(periodEnd('slot', '2026-12-01T00:30', TZ)).toBeUndefined();
  });

  it('finds the latest run at or before now', () => {
    expect(previousRun('0 9 1 * *', new Date('2026-12-01T01:00:00Z'), TZ).toISOString()).toBe(
      '2026-12-01T01:00:00.000Z',
    );
    expect(previousRun('0 9 1 * *', new Date('2026-12-01T00:59:59Z'), TZ).toISOString()).toBe(
      '2026-11-01T01:00:00.000Z',
    );
    expect(previousRun('0 18 L * *', new Date('2026-12-01T00:00:00Z'), TZ).toISOString()).toBe(
      '2026-11-30T10:00:00.000Z',
    );
  });

  it('checks a manual period', () => {
    expect(isPeriod('month', '2026-12')).toBe(true);
    expect(isPeriod('month', '2026-13')).toBe(false);
    expect(isPeriod('day', '2026-12')).toBe(false);
  });
});
