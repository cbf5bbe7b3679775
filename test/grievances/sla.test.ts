import { describe, expect, it } from 'vitest';
import {
  dueAt,
  dueNotices,
  elapsedHours,
  type SlaClockConfig,
  slaClockConfig,
  slaStatus,
} from '../../src/domain/service-levels.ts';
import type { Ticket } from '../../src/domain/tickets.ts';
import { slaOrg } from './sla-setup.ts';

/** Shanghai local time as an instant (UTC+8). */
const at = (local: string) => new Date(`${local}+08:00`);

const CALENDAR = slaClockConfig(slaOrg());
const WORKING = slaClockConfig(slaOrg('grievances: { hours: working }'));
const NO_MAKEUP: SlaClockConfig = { ...WORKING, calendar: { ...WORKING.calendar, workdays: [] } };

function ticket(over: Partial<Ticket> = {}): Ticket {
  const createdAt = over.createdAt ?? at('2026-11-16T09:00:00').toISOString();
  return {
    v: 1,
    id: 'Q-2026-0001',
    category: 'dorm',
    text: '热水器坏了',
    anonymous: true,
    contact: false,
    cosignable: false,
    unit: 'school',
    state: 'open',
    createdAt,
    updatedAt: createdAt,
    pauses: [],
    cosigners: [],
    notices: [],
    rev: 1,
    trail: [{ at: createdAt, by: 'reporter', action: 'filed' }],
    ...over,
  };
}

describe('elapsedHours', () => {
  it('counts every hour in calendar mode, weekends included', () => {
    // Friday 17:00 → Monday 09:00.
    expect(elapsedHours(at('2026-11-13T17:00:00'), at('2026-11-16T09:00:00'), [], CALENDAR)).toBe(64);
  });

  it('counts only 08:00–18:00 on workdays in working mode', () => {
    // Friday 17:00–18:00 and Monday 08:00–09:00; the weekend and the nights do not count.
    expect(elapsedHours(at('2026-11-13T17:00:00'), at('2026-11-16T09:00:00'), [], WORKING)).toBe(2);
    // Filed at night: the clock starts at 08:00.
    expect(elapsedHours(at('2026-11-16T22:00:00'), at('2026-11-17T10:30:00'), [], WORKING)).toBe(2.5);
  });

  it('skips a public holiday in working mode', () => {
    // Wednesday 30 September 17:00 → Thursday 8 October 09:00: 国庆 1–7 October is off.
    const from = at('2026-09-30T17:00:00');
    const now = at('2026-10-08T09:00:00');
    expect(elapsedHours(from, now, [], WORKING)).toBe(2);
    expect(elapsedHours(from, now, [], CALENDAR)).toBe(184);
  });

  it('counts a 调休 Saturday as a workday', () => {
    // Friday 9 October 17:00 → Monday 12 October 09:00; Saturday the 10th is a make-up workday.
    const from = at('2026-10-09T17:00:00');
    const now = at('2026-10-12T09:00:00');
    expect(elapsedHours(from, now, [], WORKING)).toBe(12);
    expect(elapsedHours(from, now, [], NO_MAKEUP)).toBe(2);
  });

  it('leaves out the pauses, an open one running to now', () => {
    const from = at('2026-11-16T00:00:00');
    const now = at('2026-11-16T10:00:00');
    const closed = {
      from: at('2026-11-16T02:00:00').toISOString(),
      to: at('2026-11-16T05:00:00').toISOString(),
    };
    expect(elapsedHours(from, now, [closed], CALENDAR)).toBe(7);
    const open = { from: at('2026-11-16T08:00:00').toISOString() };
    expect(elapsedHours(from, now, [closed, open], CALENDAR)).toBe(5);
    // In working mode a pause only removes working time: 08:00–10:00 was paused.
    expect(elapsedHours(from, now, [open], WORKING)).toBe(0);
  });
});

describe('dueAt', () => {
  it('is the target later in calendar mode, and later still by a closed pause', () => {
    const from = at('2026-11-16T09:00:00');
    expect(dueAt(from, 24, [], CALENDAR)).toEqual(at('2026-11-17T09:00:00'));
    const pause = {
      from: at('2026-11-16T12:00:00').toISOString(),
      to: at('2026-11-16T15:00:00').toISOString(),
    };
    expect(dueAt(from, 24, [pause], CALENDAR)).toEqual(at('2026-11-17T12:00:00'));
  });

  it('walks through working hours, past the weekend', () => {
    // Friday 16:00: 2 h Friday, 10 Monday, 10 Tuesday, 2 Wednesday.
    expect(dueAt(at('2026-11-13T16:00:00'), 24, [], WORKING)).toEqual(at('2026-11-18T10:00:00'));
  });

  it('cannot be said while the clock is stopped by an open pause', () => {
    expect(
      dueAt(at('2026-11-16T09:00:00'), 24, [{ from: at('2026-11-16T10:00:00').toISOString() }], CALENDAR),
    ).toBe(undefined);
  });
});

describe('slaStatus', () => {
  const org = slaOrg();

  it('warns at 75 % and breaches at 100 % of the first-response target (24 h by default)', () => {
    const t = ticket();
    const s17 = slaStatus(t, org, at('2026-11-17T02:59:00'));
    expect(s17.first).toMatchObject({ targetHours: 24, met: false });
    expect(s17.first.notice).toBeUndefined();
    const s18 = slaStatus(t, org, at('2026-11-17T03:00:00'));
    expect(s18.first).toMatchObject({ usedHours: 18, fraction: 0.75, notice: 'first:warn' });
    expect(s18.first.due).toEqual(at('2026-11-17T09:00:00'));
    expect(slaStatus(t, org, at('2026-11-17T09:00:00')).first.notice).toBe('first:breach');
  });

  it('gives each notice once, and no warning after the breach', () => {
    const now = at('2026-11-17T03:00:00');
    expect(slaStatus(ticket({ notices: ['first:warn'] }), org, now).first.notice).toBeUndefined();
    const late = at('2026-11-17T10:00:00');
    expect(slaStatus(ticket({ notices: ['first:warn'] }), org, late).first.notice).toBe('first:breach');
    // The job was down through the 75 % mark: only the breach.
    expect(slaStatus(ticket(), org, late).first.notice).toBe('first:breach');
    expect(slaStatus(ticket({ notices: ['first:breach'] }), org, late).first.notice).toBeUndefined();
  });

  it('uses a category’s own target: 安全 must be answered in 2 hours', () => {
    const now = at('2026-11-16T10:30:00');
    const safety = slaStatus(ticket({ category: 'safety' }), org, now);
    expect(safety.first).toMatchObject({ targetHours: 2, fraction: 0.75, notice: 'first:warn' });
    expect(safety.resolve.targetHours).toBe(168);
    expect(slaStatus(ticket({ category: 'safety' }), org, at('2026-11-16T11:00:00')).first.notice).toBe(
      'first:breach',
    );
    expect(slaStatus(ticket({ category: 'dorm' }), org, now).first.notice).toBeUndefined();
  });

  it('stops the first-response clock at the first response', () => {
    const t = ticket({ state: 'claimed', firstResponseAt: at('2026-11-16T12:00:00').toISOString() });
    const s = slaStatus(t, org, at('2026-11-18T12:00:00'));
    expect(s.first).toMatchObject({ met: true, usedHours: 3 });
    expect(s.first.notice).toBeUndefined();
    expect(s.resolve.usedHours).toBe(51);
  });

  it('gives no notice while the ticket waits on the student, and the wait does not count', () => {
    const waiting = ticket({
      state: 'waiting',
      firstResponseAt: at('2026-11-16T10:00:00').toISOString(),
      pauses: [{ from: at('2026-11-16T10:00:00').toISOString() }],
    });
    const s = slaStatus(waiting, org, at('2026-11-30T10:00:00'));
    expect(s.resolve).toMatchObject({ usedHours: 1, paused: true });
    expect(s.resolve.due).toBeUndefined();
    expect(dueNotices(s)).toEqual([]);
    // The student answered after 14 days: 1 h used before, the clock runs again.
    const answered = {
      ...waiting,
      state: 'claimed' as const,
      pauses: [{ from: waiting.pauses[0]?.from ?? '', to: at('2026-11-30T10:00:00').toISOString() }],
    };
    const later = slaStatus(answered, org, at('2026-12-04T23:00:00'));
    expect(later.resolve).toMatchObject({ usedHours: 110, paused: false });
    expect(later.resolve.due).toEqual(at('2026-12-07T09:00:00'));
    // 126 h (75 % of 168) 16 hours later.
    expect(slaStatus(answered, org, at('2026-12-05T14:59:00')).resolve.notice).toBeUndefined();
    expect(slaStatus(answered, org, at('2026-12-05T15:00:00')).resolve.notice).toBe('resolve:warn');
  });

  it('does not count the time a ticket stood resolved before a low rating reopened it', () => {
    const filed = at('2026-11-16T09:00:00').toISOString();
    const resolvedAt = at('2026-11-17T09:00:00').toISOString();
    const reopenedAt = at('2026-11-24T09:00:00').toISOString();
    const t = ticket({
      state: 'claimed',
      firstResponseAt: resolvedAt,
      trail: [
        { at: filed, by: 'reporter', action: 'filed' },
        { at: resolvedAt, by: 'ou_member_rights', action: 'resolved' },
        { at: reopenedAt, by: 'system', action: 'reopened' },
      ],
    });
    expect(slaStatus(t, org, at('2026-11-25T09:00:00')).resolve.usedHours).toBe(48);
  });

  it('counts working hours when the org file says so', () => {
    const working = slaOrg('grievances: { hours: working }');
    // Filed Friday 17:00; Monday 17:00 is 1 + 9 = 10 working hours, not 72.
    const t = ticket({ createdAt: at('2026-11-13T17:00:00').toISOString() });
    expect(slaStatus(t, working, at('2026-11-16T17:00:00')).first.usedHours).toBe(10);
    expect(slaStatus(t, org, at('2026-11-16T17:00:00')).first.usedHours).toBe(72);
  });
});
