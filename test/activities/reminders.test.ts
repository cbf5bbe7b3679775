import { describe, expect, it } from 'vitest';
import { activityReminders } from '../../src/schedules/activities/activity-reminders.ts';
import { jobs } from '../../src/schedules/index.ts';
import { runJobOnce } from '../../src/schedules/job-context.ts';
import { periodOf } from '../../src/schedules/period.ts';
import { redisPrefix, redisRuntime } from '../helpers/redis.ts';
import { type TestRuntime, testRuntime } from '../helpers/test-runtime.ts';
import { activityOrg, at, NOW, publishActivity, seat, textOf, textsTo } from './checkin-setup.ts';

const SEATED = ['ou_s1', 'ou_s2', 'ou_s3'];
const QUIET = `
calendar:
  quietHours: { from: '22:00', to: '08:00' }
`;

/** Runs the job for the 5-minute slot of the clock's time and delivers what it queued. */
async function runReminders(rt: TestRuntime): Promise<number> {
  const now = rt.clock.now();
  const queued = await runJobOnce(
    rt.bot.services,
    activityReminders,
    periodOf('slot', now, rt.bot.services.org.timezone),
    now,
  );
  await rt.settle();
  return queued;
}

const dayText = (id: string) =>
  `活动提醒：你报名的 ${id}《校园十佳歌手决赛》将于 2026-11-21 14:00 开始，地点：大学生活动中心。不能参加请发送 /请假 ${id} <理由> 或 /取消报名 ${id}。`;

describe('the activity-reminders job', () => {
  it('is registered: every 5 minutes, per slot, keeping quiet hours itself', () => {
    expect(jobs().find((j) => j.name === 'activity-reminders')).toMatchObject({
      cron: '*/5 * * * *',
      period: 'slot',
      reminder: false,
    });
  });

  it('reminds each seated student 24 h and 1 h before the start, each once, and nobody waiting', async () => {
    const rt = await testRuntime({ org: activityOrg(), now: NOW });
    const a = await publishActivity(rt); // Saturday 14:00, 3 seats
    await seat(rt, a, [...SEATED, 'ou_waiting']);
    at(rt, 3.95);
    expect(await runReminders(rt)).toBe(0);
    at(rt, 4); // Friday 14:00
    expect(await runReminders(rt)).toBe(3);
    for (const id of SEATED) expect(textsTo(rt, id)).toEqual([dayText(a.id)]);
    expect(textsTo(rt, 'ou_waiting')).toEqual([]);
    expect(await runReminders(rt)).toBe(0); // the same slot again
    at(rt, 4.1);
    expect(await runReminders(rt)).toBe(0);
    at(rt, 27); // Saturday 13:00
    expect(await runReminders(rt)).toBe(3);
    expect(textsTo(rt, 'ou_s1')[1]).toBe(
      `活动提醒：${a.id}《校园十佳歌手决赛》约 1 小时后（2026-11-21 14:00）开始，地点：大学生活动中心。到场后用组织者公布的签到码签到：/签到 ${a.id} <签到码>。`,
    );
    at(rt, 27.5);
    expect(await runReminders(rt)).toBe(0);
    expect(rt.sender.sent).toHaveLength(6);
    expect((await rt.bot.services.repos.activities.get(a.id))?.reminded).toEqual(['24h', '1h']);
  });

  it('sends once with two replicas on the same Redis running at once', async () => {
    const prefix = redisPrefix('activity-reminders');
    const one = await redisRuntime(prefix, { org: activityOrg(), now: NOW });
    const two = await redisRuntime(prefix, { org: activityOrg(), now: NOW });
    const a = await publishActivity(one);
    await seat(one, a, SEATED);
    at(one, 4.02);
    at(two, 4.1); // the next slot on the other replica
    const queued = await Promise.all([runReminders(one), runReminders(two)]);
    expect(queued.sort()).toEqual([0, 3]);
    await one.settle();
    await two.settle();
    const sent = [...one.sender.sent, ...two.sender.sent];
    expect(sent.flatMap(textOf)).toEqual([dayText(a.id), dayText(a.id), dayText(a.id)]);
    expect((await one.bot.services.repos.activities.get(a.id))?.reminded).toEqual(['24h']);
  });

  it('holds a 24 h reminder due in quiet hours to their end, and skips a 1 h reminder that would come late', async () => {
    const rt = await testRuntime({ org: activityOrg(QUIET), now: NOW });
    // Sunday 07:00: the 24 h reminder falls due on Saturday 07:00, inside 22:00–08:00.
    const early = await publishActivity(rt, { startIn: 45 });
    await seat(rt, early, SEATED);
    at(rt, 21); // Saturday 07:00
    expect(await runReminders(rt)).toBe(0);
    at(rt, 21.9);
    expect(await runReminders(rt)).toBe(0);
    at(rt, 22); // Saturday 08:00, the end of quiet hours
    expect(await runReminders(rt)).toBe(3);
    expect(textsTo(rt, 'ou_s1')).toEqual([
      `活动提醒：你报名的 ${early.id}《校园十佳歌手决赛》将于 2026-11-22 07:00 开始，地点：大学生活动中心。不能参加请发送 /请假 ${early.id} <理由> 或 /取消报名 ${early.id}。`,
    ]);
    // Its 1 h reminder (Sunday 06:00) could go only at 08:00, after the start: skipped, and recorded.
    at(rt, 44);
    expect(await runReminders(rt)).toBe(0);
    expect((await rt.bot.services.repos.activities.get(early.id))?.reminded).toEqual(['24h', '1h']);
    at(rt, 46);
    expect(await runReminders(rt)).toBe(0);
    expect(rt.sender.sent).toHaveLength(3);
  });

  it('skips a 1 h reminder that quiet hours would push past half its lead (08:20 start, quiet until 08:00)', async () => {
    const rt = await testRuntime({ org: activityOrg(QUIET), now: NOW });
    const a = await publishActivity(rt, { startIn: 22 + 1 / 3 }); // Saturday 08:20
    await seat(rt, a, SEATED);
    at(rt, 0.5); // its 24 h reminder (Friday 08:20) is past: sent now, Friday 10:30
    expect(await runReminders(rt)).toBe(3);
    at(rt, 21 + 1 / 3); // Saturday 07:20: the 1 h reminder is due in quiet hours
    expect(await runReminders(rt)).toBe(0);
    at(rt, 22);
    expect(await runReminders(rt)).toBe(0);
    expect((await rt.bot.services.repos.activities.get(a.id))?.reminded).toEqual(['24h', '1h']);
  });
});
