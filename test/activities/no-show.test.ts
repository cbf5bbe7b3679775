import { describe, expect, it } from 'vitest';
import { type AttendanceRecordEntry, attendanceStatus, noShowDelay } from '../../src/domain/no-show.ts';
import { contextFor } from '../helpers/context.ts';
import { testRuntime } from '../helpers/test-runtime.ts';
import { activityOrg, at, HOUR, NOW, publishActivity, say, seat } from './checkin-setup.ts';

const RULE = activityOrg().activities.noShow; // 2 within 120 days → 30 days, 24 h later
const DAY = 24 * HOUR;
const now = new Date(NOW);
const ago = (days: number) => new Date(now.getTime() - days * DAY).toISOString();
const absent = (id: string, days: number): AttendanceRecordEntry => ({
  activityId: id,
  endsAt: ago(days),
  status: 'absent',
});
const opensNow = { opensAt: NOW };

describe('the no-show rule (pure)', () => {
  it('holds with 2 unexcused absences within 120 days: registration 24 h after it opens, for 30 days after the last', () => {
    const delay = noShowDelay([absent('A1', 40), absent('A2', 10)], RULE, opensNow, now);
    expect(delay).toEqual({
      absences: 2,
      activities: ['A1', 'A2'],
      lastAbsence: ago(10),
      ruleEnds: new Date(Date.parse(ago(10)) + 30 * DAY).toISOString(),
      mayRegisterAt: new Date(now.getTime() + 24 * HOUR).toISOString(),
    });
    // 24 h into the window the student may register like everyone else.
    expect(
      noShowDelay([absent('A1', 40), absent('A2', 10)], RULE, opensNow, new Date(now.getTime() + 24 * HOUR)),
    ).toBeUndefined();
  });

  it('does not count excused or attended seats, nor absences older than 120 days', () => {
    const excused: AttendanceRecordEntry = { activityId: 'A3', endsAt: ago(5), status: 'excused' };
    const attended: AttendanceRecordEntry = { activityId: 'A4', endsAt: ago(6), status: 'attended' };
    expect(noShowDelay([absent('A1', 10), excused, attended], RULE, opensNow, now)).toBeUndefined();
    expect(noShowDelay([absent('A1', 121), absent('A2', 10)], RULE, opensNow, now)).toBeUndefined();
  });

  it('ends 30 days after the last absence, and never holds the student past that', () => {
    expect(noShowDelay([absent('A1', 50), absent('A2', 31)], RULE, opensNow, now)).toBeUndefined();
    const delay = noShowDelay([absent('A1', 50), absent('A2', 29.5)], RULE, opensNow, now);
    expect(delay?.mayRegisterAt).toBe(new Date(now.getTime() + 0.5 * DAY).toISOString());
  });

  it('derives absence: nothing recorded after the end is absent; before it, still open', () => {
    const end = ago(1);
    expect(attendanceStatus(undefined, end, now)).toBe('absent');
    expect(attendanceStatus('attended', end, now)).toBe('attended');
    expect(attendanceStatus('excused:生病', end, now)).toBe('excused');
    expect(attendanceStatus(undefined, new Date(now.getTime() + HOUR).toISOString(), now)).toBe('pending');
  });
});

describe('the no-show rule on /报名', () => {
  it('refuses a student with two unexcused absences early in the window, explains the rule and when, then lets them in', async () => {
    const rt = await testRuntime({ org: activityOrg(), now: NOW });
    // Two activities last month: ou_s1 was absent at both, ou_s2 excused at one; one a year ago does not count.
    at(rt, -24 * 400);
    const old = await publishActivity(rt, { startIn: 1 });
    await seat(rt, old, ['ou_s1']);
    at(rt, -24 * 40);
    const first = await publishActivity(rt, { startIn: 1 });
    await seat(rt, first, ['ou_s1', 'ou_s2']);
    at(rt, -24 * 20);
    const second = await publishActivity(rt, { startIn: 1 });
    await seat(rt, second, ['ou_s1', 'ou_s2']);
    const ctx = contextFor(rt, 'ou_s2');
    ctx.repos.activities.mark(ctx.uow, second.id, 'ou_s2', 'excused:考试');
    await ctx.finish();

    at(rt, 0);
    const next = await publishActivity(rt, { opensAt: new Date(Date.parse(NOW) - HOUR).toISOString() });
    const [refusal] = await say(rt, 'ou_s1', `/报名 ${next.id}`);
    expect(refusal).toBe(
      `暂时不能报名活动 ${next.id}《校园十佳歌手决赛》：最近 120 天内你有 2 次报名后既未签到也未请假（${first.id}、${second.id}）。按缺席规则（120 天内缺席 2 次及以上），在 2026-11-30 13:00 之前，每个活动开放报名 24 小时后你才能报名，让其他同学先报。本活动你可在 2026-11-21 09:00 之后报名。以后不能参加请提前 /请假 或 /取消报名。`,
    );
    const repo = rt.bot.services.repos.activities;
    expect((await repo.standing(next.id, 'ou_s1')).state).toBe('none');
    // One absence (the other excused): no delay.
    await say(rt, 'ou_s2', `/报名 ${next.id}`);
    expect((await repo.standing(next.id, 'ou_s2')).state).toBe('seated');
    // 23 hours later, 24 hours into the window: ou_s1 may register.
    at(rt, 23);
    await say(rt, 'ou_s1', `/报名 ${next.id}`);
    expect((await repo.standing(next.id, 'ou_s1')).state).toBe('seated');
  });
});
