import { describe, expect, it } from 'vitest';
import { renderCardText } from '../../src/cards/render-text.ts';
import { checkInSecret } from '../../src/handlers/activities/checkin-activity.ts';
import { checkInCode, codeSlot } from '../../src/lib/rotating-code.ts';
import { contextFor } from '../helpers/context.ts';
import { type TestRuntime, testRuntime } from '../helpers/test-runtime.ts';
import {
  activityOrg,
  at,
  attendanceOf,
  click,
  NOW,
  ORGANISER,
  publishActivity,
  say,
  seat,
  textsTo,
} from './checkin-setup.ts';

const STUDENTS = ['ou_s1', 'ou_s2', 'ou_s3', 'ou_s4'];

/** The code of the slot `offset` slots from the clock's (1-minute codes by default). */
function codeAt(rt: TestRuntime, id: string, offset = 0): string {
  const secret = checkInSecret(contextFor(rt, ORGANISER));
  return checkInCode(
    secret,
    id,
    codeSlot(rt.clock.now(), rt.bot.services.org.activities.codeMinutes) + offset,
  );
}

async function setup() {
  const rt = await testRuntime({ org: activityOrg(), now: NOW });
  const a = await publishActivity(rt);
  await seat(rt, a, STUDENTS); // capacity 3: ou_s4 waits
  return { rt, a };
}

describe('/签到码 (check-in codes)', () => {
  it('shows the organiser the current code during the window, and 刷新 brings the next one', async () => {
    const { rt, a } = await setup();
    at(rt, 27.6); // Saturday 13:36, check-in open from 13:30
    await say(rt, ORGANISER, `/签到码 ${a.id}`);
    const card = rt.sender.cards().at(-1) as Record<string, unknown>;
    const text = renderCardText(card).text;
    expect(text).toContain(codeAt(rt, a.id));
    expect(text).toContain('本码显示到 13:37:00，每 1 分钟更换一次');
    expect(text).toContain('已签到 0/3 人');
    expect(renderCardText(card).buttons.map((b) => b.value)).toEqual([{ a: 'checkin.code', id: a.id, v: 1 }]);

    at(rt, 27.65); // three minutes later
    const refreshed = await click(rt, ORGANISER, { a: 'checkin.code', id: a.id, v: 1 });
    const next = renderCardText(refreshed.card?.data as Record<string, unknown>).text;
    expect(next).toContain(codeAt(rt, a.id));
    expect(next).not.toContain(codeAt(rt, a.id, -3));
  });

  it('refuses a student, and anyone outside the check-in window', async () => {
    const { rt, a } = await setup();
    at(rt, 27.6);
    expect(await say(rt, 'ou_s1', `/签到码 ${a.id}`)).toEqual([
      '你没有使用 /签到码 的权限。发送 /帮助 查看你可以使用的命令。',
    ]);
    expect((await click(rt, 'ou_s1', { a: 'checkin.code', id: a.id, v: 1 })).card).toBeUndefined();
    at(rt, 27);
    expect(await say(rt, ORGANISER, `/签到码 ${a.id}`)).toEqual([
      `活动 ${a.id}《校园十佳歌手决赛》还没到签到时间。签到时段：2026-11-21 13:30 至 2026-11-21 15:00。`,
    ]);
    expect(rt.sender.cards()).toEqual([]);
    // The head of the organising department and the presidium may show it too.
    at(rt, 27.6);
    await say(rt, 'ou_head_office', `/签到码 ${a.id}`);
    await say(rt, 'ou_presidium_1', `/签到码 ${a.id.toLowerCase()}`);
    expect(rt.sender.cards()).toHaveLength(2);
  });
});

describe('/签到 (check-in)', () => {
  it('marks a seated student attended with the current code, and the code just before it', async () => {
    const { rt, a } = await setup();
    at(rt, 27.6);
    expect(await say(rt, 'ou_s1', `/签到 ${a.id} ${codeAt(rt, a.id)}`)).toEqual([
      `签到成功：${a.id}《校园十佳歌手决赛》。本活动计二课学时 2。`,
    ]);
    expect(await say(rt, 'ou_s2', `/checkin ${a.id.toLowerCase()} ${codeAt(rt, a.id, -1)}`)).toEqual([
      `签到成功：${a.id}《校园十佳歌手决赛》。本活动计二课学时 2。`,
    ]);
    expect(await say(rt, 'ou_s1', `/签到 ${a.id} ${codeAt(rt, a.id)}`)).toEqual([
      `你已经签到过活动 ${a.id}《校园十佳歌手决赛》了。`,
    ]);
    expect(await attendanceOf(rt, a)).toEqual({ ou_s1: 'attended', ou_s2: 'attended' });
  });

  it('refuses a code two slots old, a wrong code, a waiting student and the times outside the window, changing nothing', async () => {
    const { rt, a } = await setup();
    at(rt, 27.6);
    const wrong = `签到码不对或已过期。请看组织者卡片上当前的签到码，再发送 /签到 ${a.id} <签到码>。`;
    expect(await say(rt, 'ou_s1', `/签到 ${a.id} ${codeAt(rt, a.id, -2)}`)).toEqual([wrong]);
    expect(await say(rt, 'ou_s1', `/签到 ${a.id} ${codeAt(rt, a.id, 1)}`)).toEqual([wrong]);
    expect(await say(rt, 'ou_s1', `/签到 ${a.id} abc`)).toEqual([wrong]);
    expect(await say(rt, 'ou_s4', `/签到 ${a.id} ${codeAt(rt, a.id)}`)).toEqual([
      `你没有报上活动 ${a.id}《校园十佳歌手决赛》（未报名或仍在候补），不能签到。`,
    ]);
    at(rt, 27.4); // 13:24, before the window
    expect(await say(rt, 'ou_s1', `/签到 ${a.id} ${codeAt(rt, a.id)}`)).toEqual([
      `活动 ${a.id}《校园十佳歌手决赛》还没到签到时间。签到时段：2026-11-21 13:30 至 2026-11-21 15:00。`,
    ]);
    at(rt, 29.01); // 15:00:36, just after
    expect(await say(rt, 'ou_s1', `/签到 ${a.id} ${codeAt(rt, a.id)}`)).toEqual([
      `活动 ${a.id}《校园十佳歌手决赛》的签到已经结束（签到时段：2026-11-21 13:30 至 2026-11-21 15:00）。`,
    ]);
    expect(await say(rt, 'ou_s1', '/签到 A999 123456')).toEqual(['没有编号为 A999 的活动。']);
    expect(await say(rt, 'ou_s1', '/签到 A1')).toEqual([
      '用法：/签到 <活动编号> <签到码>，例如 /签到 A12 483920。签到码请看现场组织者展示的卡片。',
    ]);
    expect(await attendanceOf(rt, a)).toEqual({});
  });
});

describe('/请假 (excuse)', () => {
  it('excuses a seated student before the start and tells the organiser; refuses after the start', async () => {
    const { rt, a } = await setup();
    expect(await say(rt, 'ou_s3', `/请假 ${a.id} 当天有 专业课考试`)).toEqual([
      `已请假：${a.id}《校园十佳歌手决赛》，不计缺席，组织者已收到通知。名额仍为你保留；如果确定不来，发送 /取消报名 ${a.id} 把名额让给候补的同学。`,
    ]);
    expect(textsTo(rt, ORGANISER)).toEqual([
      `一位同学 请假：活动 ${a.id}《校园十佳歌手决赛》。理由：当天有 专业课考试`,
    ]);
    expect(await attendanceOf(rt, a)).toEqual({ ou_s3: 'excused:当天有 专业课考试' });
    expect(await say(rt, 'ou_s4', `/请假 ${a.id} 有事`)).toEqual([
      `你没有报上活动 ${a.id}《校园十佳歌手决赛》（未报名或仍在候补），无需请假。`,
    ]);
    expect(await say(rt, 'ou_s1', `/请假 ${a.id}`)).toEqual([
      '用法：/请假 <活动编号> <理由>，例如 /请假 A12 当天有专业课考试',
    ]);
    at(rt, 28);
    expect(await say(rt, 'ou_s1', `/请假 ${a.id} 生病`)).toEqual([
      `活动 ${a.id}《校园十佳歌手决赛》已于 2026-11-21 14:00 开始，不能再请假。`,
    ]);
    expect(await attendanceOf(rt, a)).toEqual({ ou_s3: 'excused:当天有 专业课考试' });
  });
});
