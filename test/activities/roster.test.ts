import { describe, expect, it } from 'vitest';
import { renderCardText } from '../../src/cards/render-text.ts';
import type { Activity } from '../../src/domain/activities.ts';
import { contextFor } from '../helpers/context.ts';
import { redisPrefix, redisRuntime } from '../helpers/redis.ts';
import type { TestRuntime } from '../helpers/test-runtime.ts';
import { activityOrg, at, NOW, ORGANISER, publishActivity, say, seat } from './checkin-setup.ts';

/** 王老师 and 赵同学 are named in the org file; ou_s3 and ou_s5 are not. */
const SEATED = ['ou_league_cs', 'ou_leader_cs', 'ou_s3'];
const WAITING = ['ou_league_math', 'ou_s5', 'ou_s6'];

async function setup(): Promise<{ rt: TestRuntime; a: Activity }> {
  const rt = await redisRuntime(redisPrefix('activity-roster'), { org: activityOrg(), now: NOW });
  const a = await publishActivity(rt, { capacity: 4 });
  await seat(rt, a, ['ou_s4', ...SEATED, ...WAITING]);
  const repo = rt.bot.services.repos.activities;
  // ou_s4 cancels: the seat is offered to 钱老师, first in line.
  await repo
    .seats()
    .leave(repo.listOf(a.id), 'ou_s4', { capacity: 4, offerUntil: Date.parse(NOW) + 12 * 3_600_000 });
  const ctx = contextFor(rt, ORGANISER);
  repo.saveProfile(ctx.uow, 'ou_league_cs', { v: 1, college: 'cs', grade: '2024' });
  repo.saveProfile(ctx.uow, 'ou_s3', { v: 1, college: 'math', grade: '2023' });
  await ctx.finish();
  await say(rt, 'ou_leader_cs', `/请假 ${a.id} 家里有事, 需要"回家"`);
  return { rt, a };
}

/** The CSV file sent last: its name and its text. */
function csvSent(rt: TestRuntime): { fileName: string; content: string } {
  const file = rt.sender.sent.filter((m) => m.kind === 'file').at(-1);
  if (file?.kind !== 'file') throw new Error('no file sent');
  return { fileName: file.fileName, content: file.content };
}

/** RFC 4180 lines, enough for the test: quoted fields with doubled quotes, CRLF rows. */
function parseCsv(text: string): string[][] {
  return text
    .split('\r\n')
    .filter(Boolean)
    .map((line) =>
      [...line.matchAll(/("(?:[^"]|"")*"|[^,]*)(,|$)/g)].slice(0, -1).map((m) => {
        const f = m[1] ?? '';
        return f.startsWith('"') ? f.slice(1, -1).replace(/""/g, '"') : f;
      }),
    );
}

describe('/名单 A12 (activity roster)', () => {
  it('sends the organiser a card summary and a CSV that matches the store exactly', async () => {
    const { rt, a } = await setup();
    at(rt, 28.2);
    await say(rt, 'ou_league_cs', `/签到 ${a.id} 000000`); // wrong code: nothing changes
    const repo = rt.bot.services.repos.activities;
    const ctx = contextFor(rt, 'ou_league_cs');
    repo.mark(ctx.uow, a.id, 'ou_league_cs', 'attended');
    await ctx.finish();
    at(rt, 31); // after the end: ou_s3 is absent
    rt.sender.sent.length = 0;
    await say(rt, ORGANISER, `/名单 ${a.id.toLowerCase()}`);

    const { fileName, content } = csvSent(rt);
    expect(fileName).toBe(`活动名单-${a.id}-2026-11-21.csv`);
    expect(content.startsWith('\uFEFF序号,姓名,学院,年级,状态,签到,二课学时\r\n')).toBe(true);
    const rows = parseCsv(content.slice(1));
    expect(rows).toEqual([
      ['序号', '姓名', '学院', '年级', '状态', '签到', '二课学时'],
      ['1', '王老师', '计算机学院', '2024', '已报名', '已签到', '2'],
      ['2', '赵同学', '', '', '已报名', '请假:家里有事, 需要"回家"', '0'],
      ['3', 'ou_s3', '数学学院', '2023', '已报名', '缺席', '0'],
      ['4', '钱老师', '', '', '已录取待确认', '—', '0'],
      ['5', 'ou_s5', '', '', '候补第1位', '—', '0'],
      ['6', 'ou_s6', '', '', '候补第2位', '—', '0'],
    ]);
    // The same as the store holds, row for row.
    const list = await repo.seats().read(repo.listOf(a.id));
    const attendance = await repo.attendance(a.id);
    expect(rows.slice(1).map((r) => r[4])).toEqual([
      ...list.seated.map(() => '已报名'),
      ...Object.keys(list.offers).map(() => '已录取待确认'),
      ...list.waiting.map((_, i) => `候补第${i + 1}位`),
    ]);
    expect(rows.slice(1, 1 + list.seated.length).map((r) => r[5])).toEqual(
      list.seated.map((id) =>
        attendance[id] === 'attended'
          ? '已签到'
          : attendance[id]
            ? `请假:${attendance[id]?.slice(8)}`
            : '缺席',
      ),
    );

    const text = renderCardText(rt.sender.cards().at(-1) as Record<string, unknown>).text;
    expect(text).toContain(`报名名单 · ${a.id}`);
    expect(text).toContain('已报名 3/4 · 候补 2 · 待确认 1');
    expect(text).toContain('签到 1 · 缺席 1 · 请假 1');
    expect(text).toContain('二课学时：已计 2（每人 2）');
  });

  it('lets the organising department head and the presidium see it, refuses others; /名单 <部门> keeps working', async () => {
    const { rt, a } = await setup();
    await say(rt, 'ou_head_office', `/roster ${a.id}`);
    await say(rt, 'ou_presidium_1', `/名单 ${a.id}`);
    expect(rt.sender.sent.filter((m) => m.kind === 'file')).toHaveLength(2);
    expect(await say(rt, 'ou_s3', `/名单 ${a.id}`)).toEqual([
      '你没有使用 /名单 的权限。发送 /帮助 查看你可以使用的命令。',
    ]);
    expect(await say(rt, 'ou_league_committee', `/名单 ${a.id}`)).toEqual([
      `只有活动 ${a.id} 的组织者、主办部门部长和主席团可以查看报名名单。`,
    ]);
    const [departments] = await say(rt, 'ou_presidium_1', '/名单 办公室');
    expect(departments).toContain('办公室');
    expect(rt.sender.sent.filter((m) => m.kind === 'file')).toHaveLength(2);
  });
});
