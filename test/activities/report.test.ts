import { describe, expect, it } from 'vitest';
import { renderCardText } from '../../src/cards/render-text.ts';
import { activitiesSection } from '../../src/report/sections/activities.ts';
import { reportSections } from '../../src/report/sections.ts';
import { contextFor } from '../helpers/context.ts';
import { type TestRuntime, testRuntime } from '../helpers/test-runtime.ts';
import { activityOrg, at, NOW, ORGANISER, publishActivity, seat } from './checkin-setup.ts';

async function mark(rt: TestRuntime, id: string, marks: Record<string, string>) {
  const ctx = contextFor(rt, ORGANISER);
  for (const [openId, status] of Object.entries(marks))
    ctx.repos.activities.mark(ctx.uow, id, openId, status);
  await ctx.finish();
}

describe('the report’s activities section', () => {
  it('is part of the monthly report', () => {
    expect(reportSections().map((s) => s.id)).toContain('activities');
  });

  it('counts the month’s held activities: registrations, attendance rate, no-shows and 二课学时, by department', async () => {
    const rt = await testRuntime({ org: activityOrg(), now: NOW });
    // 办公室: two held in November.
    const a = await publishActivity(rt, { startIn: -24 * 10, capacity: 4, hours: 2 });
    await seat(rt, a, ['s1', 's2', 's3', 's4', 'w1']); // w1 waits: not a registration
    await mark(rt, a.id, { s1: 'attended', s2: 'attended', s3: 'excused:病' });
    const b = await publishActivity(rt, { startIn: -24 * 5, capacity: 2, hours: 1 });
    await seat(rt, b, ['s1', 's5']);
    await mark(rt, b.id, { s1: 'attended', s5: 'attended' });
    // 学术部: one held, nobody came.
    const c = await publishActivity(rt, { startIn: -24 * 3, department: 'academic', capacity: 2, hours: 0 });
    await seat(rt, c, ['s6', 's7']);
    // Not counted: cancelled, in October, not over yet.
    const cancelled = await publishActivity(rt, { startIn: -24 * 2 });
    await seat(rt, cancelled, ['s8']);
    const ctx0 = contextFor(rt, ORGANISER);
    ctx0.repos.activities.save(ctx0.uow, { ...cancelled, state: 'cancelled' });
    await ctx0.finish();
    const october = await publishActivity(rt, { startIn: -24 * 25 });
    await seat(rt, october, ['s9']);
    const later = await publishActivity(rt, { startIn: 24 * 3 });
    await seat(rt, later, ['s10']);

    at(rt, 0);
    const part = await activitiesSection.build(contextFor(rt, 'ou_presidium_1'), '2026-11');
    expect(part.facts).toEqual({
      held: 3,
      registrations: 8,
      attended: 4,
      excused: 1,
      noShows: 3,
      hours: 6,
      attendanceRate: 57, // 4 ÷ (8 − 1)
      'department.office.held': 2,
      'department.office.registrations': 6,
      'department.office.attended': 4,
      'department.office.noShows': 1,
      'department.office.hours': 6,
      'department.academic.held': 1,
      'department.academic.registrations': 2,
      'department.academic.attended': 0,
      'department.academic.noShows': 2,
      'department.academic.hours': 0,
    });
    expect(part.title).toBe('校园活动');
    const text = renderCardText({ schema: '2.0', body: { elements: part.elements } }).text;
    expect(text).toContain('本月举办活动 3 场，报名 8 人次。');
    expect(text).toContain('签到 4 人次，请假 1，缺席 3；到场率 57%');
    expect(text).toContain('办公室 2 场、报名 6、签到 4、缺席 1、到场率 80%、学时 6');
    expect(text).toContain('学术部 1 场、报名 2、签到 0、缺席 2、到场率 0%、学时 0');
    const chart = part.elements.find((e) => e.tag === 'chart') as unknown as {
      chart_spec: { data: { values: unknown[] } };
    };
    expect(chart.chart_spec.data.values).toContainEqual({ department: '办公室', kind: '签到', count: 4 });
    expect(chart.chart_spec.data.values).toContainEqual({ department: '学术部', kind: '缺席', count: 2 });
  });

  it('says so when nothing was held', async () => {
    const rt = await testRuntime({ org: activityOrg(), now: NOW });
    const part = await activitiesSection.build(contextFor(rt, 'ou_presidium_1'), '2026-11');
    expect(part.facts).toEqual({ held: 0, registrations: 0, attended: 0, excused: 0, noShows: 0, hours: 0 });
    expect(part.elements.some((e) => e.tag === 'chart')).toBe(false);
  });
});
