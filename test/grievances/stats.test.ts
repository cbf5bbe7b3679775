import { describe, expect, it } from 'vitest';
import { parseOrg } from '../../src/config/org.ts';
import { rate, recordNotice, reply, resolve } from '../../src/domain/tickets.ts';
import { buildReport } from '../../src/report/report.ts';
import { grievanceMonth, grievancesSection } from '../../src/report/sections/grievances.ts';
import { monthSpan } from '../../src/report/sections/recruitment.ts';
import { reportSections } from '../../src/report/sections.ts';
import { grievanceSummary } from '../../src/schedules/grievances/grievance-summary.ts';
import { jobs } from '../../src/schedules/index.ts';
import { runJobOnce } from '../../src/schedules/job-context.ts';
import { contextFor } from '../helpers/context.ts';
import { TEST_ORG_YAML } from '../helpers/org.ts';
import { type TestRuntime, testRuntime } from '../helpers/test-runtime.ts';
import { fileAt, OFFICER, setClock, stepAt } from './stats-setup.ts';

const TEXTS = {
  a: '东区宿舍热水器坏了一周',
  b: '三食堂晚饭有异物',
  c: '高数课调课没有通知',
  d: '实验楼消防通道被堵',
  e: '十二月的诉求不算十一月',
  f: '十月的诉求不算十一月',
};
const PEOPLE = { s1: '林同学', s2: '王同学', s3: '赵同学', s4: '钱同学' };

function org(extra = '') {
  return parseOrg(`${TEST_ORG_YAML}${extra}`);
}

/**
 * A known November 2026 (Asia/Shanghai: 2026-10-31T16:00Z … 2026-11-30T16:00Z):
 *   A  dorm, school       filed in October; first response +48 h, resolved +72 h in November, rated 4
 *   B  canteen, school,   anonymous; +2 h, resolved +24 h, rated 2 (reopens), resolved again at +48 h
 *   C  study, college:cs  filed 01:00 on 1 November Shanghai time (still 31 October in UTC); +6 h
 *   D  safety, school     no response: first-response and resolution service levels missed
 *   E  other, school      filed 01:00 on 1 December Shanghai time: not November's
 *   F  other, school      filed and resolved in October: not November's at all
 * November: received 3 (B C D), resolved 2 (A B), first responses 48/2/6 → median 6 h,
 * resolutions 72/48 → median 60 h, ratings 4 and 2 → average 3, one ≤ 2 (50 %), breaches 1 + 1.
 */
async function november(rt: TestRuntime) {
  const a = await fileAt(rt, '2026-10-30T02:00:00Z', { reporter: 'ou_s1', name: PEOPLE.s1, text: TEXTS.a });
  const f = await fileAt(rt, '2026-10-10T02:00:00Z', {
    reporter: 'ou_s4',
    name: PEOPLE.s4,
    text: TEXTS.f,
    category: 'other',
  });
  await stepAt(rt, '2026-10-11T02:00:00Z', f.id, (t, now) => resolve(t, OFFICER, '已处理', now));
  await stepAt(rt, '2026-11-01T02:00:00Z', a.id, (t, now) => reply(t, OFFICER, '收到', now));
  await stepAt(rt, '2026-11-02T02:00:00Z', a.id, (t, now) => resolve(t, OFFICER, '已修好', now));
  await stepAt(rt, '2026-11-02T03:00:00Z', a.id, (t, now) => rate(t, 4, '还行', now));

  const b = await fileAt(rt, '2026-11-03T00:00:00Z', {
    reporter: 'ou_s2',
    text: TEXTS.b,
    category: 'canteen',
    anonymous: true,
  });
  await stepAt(rt, '2026-11-03T02:00:00Z', b.id, (t, now) => reply(t, OFFICER, '在查', now));
  await stepAt(rt, '2026-11-04T00:00:00Z', b.id, (t, now) => resolve(t, OFFICER, '已反馈食堂', now));
  const reopened = await stepAt(rt, '2026-11-04T01:00:00Z', b.id, (t, now) => rate(t, 2, '没用', now));
  expect(reopened.state).toBe('claimed');
  await stepAt(rt, '2026-11-05T00:00:00Z', b.id, (t, now) => resolve(t, OFFICER, '食堂已整改', now));

  const c = await fileAt(rt, '2026-10-31T17:00:00Z', {
    reporter: 'ou_s2',
    name: PEOPLE.s2,
    text: TEXTS.c,
    category: 'study',
    unit: 'college:cs',
  });
  await stepAt(rt, '2026-10-31T23:00:00Z', c.id, (t, now) => reply(t, OFFICER, '已转告', now));

  const d = await fileAt(rt, '2026-11-20T00:00:00Z', {
    reporter: 'ou_s3',
    name: PEOPLE.s3,
    text: TEXTS.d,
    category: 'safety',
  });
  await stepAt(rt, '2026-11-20T03:00:00Z', d.id, (t, now) => recordNotice(t, 'first:breach', now));
  await stepAt(rt, '2026-11-28T00:00:00Z', d.id, (t, now) => recordNotice(t, 'resolve:breach', now));

  await fileAt(rt, '2026-11-30T17:00:00Z', {
    reporter: 'ou_s3',
    name: PEOPLE.s3,
    text: TEXTS.e,
    category: 'other',
  });
  setClock(rt, '2026-12-01T02:00:00Z');
  return { ids: [a.id, b.id, c.id, d.id] };
}

describe('the grievance section of the monthly report', () => {
  it('counts the month: received, resolved, medians, satisfaction, breaches, by category and unit', async () => {
    const rt = await testRuntime({ org: org() });
    await november(rt);
    const part = await grievancesSection.build(contextFor(rt, 'ou_presidium_1'), '2026-11');
    expect(part.facts).toEqual({
      received: 3,
      resolved: 2,
      firstResponses: 3,
      medianFirstResponseHours: 6,
      medianResolutionHours: 60,
      rated: 2,
      averageRating: 3,
      lowRatings: 1,
      'breaches.firstResponse': 1,
      'breaches.resolution': 1,
      'received.dorm': 0,
      'resolved.dorm': 1,
      'received.canteen': 1,
      'resolved.canteen': 1,
      'received.study': 1,
      'resolved.study': 0,
      'received.safety': 1,
      'resolved.safety': 0,
      'unit.school.received': 2,
      'unit.school.resolved': 2,
      'unit.school.breaches': 2,
      'unit.college:cs.received': 1,
      'unit.college:cs.resolved': 0,
      'unit.college:cs.breaches': 0,
    });
    const text = JSON.stringify(part.elements);
    expect(text).toContain('收到 3 件，办结 2 件');
    expect(text).toContain('首次响应用时中位数 6 小时，办结用时中位数 60 小时');
    expect(text).toContain('满意度：平均 3 分，2 人评价，其中 1 人（50%）评 2 分及以下');
    expect(text).toContain('首次响应超时 1 件，办结超时 1 件');
    expect(text).toContain('按类别（收到/办结）：学习 1/0、宿舍 0/1、食堂 1/1、安全 1/0');
    expect(text).toContain('按处理单位（收到/办结/超时）：主席团 2/2/2、计算机学院学生会 1/0/0');
    // the chart: received next to resolved per category, in the org file's order
    const chart = part.elements.find((e) => e.tag === 'chart') as unknown as {
      chart_spec: { data: { values: { category: string; kind: string; count: number }[] } };
    };
    expect(chart.chart_spec.data.values.filter((v) => v.kind === '收到')).toEqual([
      { category: '学习', kind: '收到', count: 1 },
      { category: '宿舍', kind: '收到', count: 0 },
      { category: '食堂', kind: '收到', count: 1 },
      { category: '安全', kind: '收到', count: 1 },
    ]);
    // numbers only: no ticket text, nobody's name or id
    for (const s of [...Object.values(TEXTS), ...Object.values(PEOPLE), 'ou_s1', 'ou_s2', '陈主席']) {
      expect(text).not.toContain(s);
    }
  });

  it('is part of the report, after recruitment', async () => {
    expect(reportSections().map((s) => s.id)).toEqual([
      'study-meetings',
      'headcount',
      'recruitment',
      'grievances',
      'activities',
    ]);
    const rt = await testRuntime({ org: org() });
    await november(rt);
    const report = await buildReport(contextFor(rt, 'ou_presidium_1'), '2026-11');
    expect(report.parts.find((p) => p.section === 'grievances')?.facts.received).toBe(3);
  });

  it('says so when a month had no tickets (no chart, dashes for the medians)', async () => {
    const rt = await testRuntime({ org: org() });
    const part = await grievancesSection.build(contextFor(rt, 'ou_presidium_1'), '2026-11');
    expect(part.facts).toEqual({
      received: 0,
      resolved: 0,
      firstResponses: 0,
      rated: 0,
      lowRatings: 0,
      'breaches.firstResponse': 0,
      'breaches.resolution': 0,
    });
    expect(part.elements.some((e) => e.tag === 'chart')).toBe(false);
    expect(JSON.stringify(part.elements)).toContain('首次响应用时中位数 —，办结用时中位数 —');
  });
});

describe('grievanceMonth', () => {
  it('counts every rating of the month from the trail: a low one that reopened the ticket, and the next', () => {
    const t = {
      v: 1 as const,
      id: 'Q-2026-0009',
      category: 'dorm',
      text: '不计入',
      anonymous: false,
      contact: true,
      cosignable: false,
      unit: 'school',
      state: 'closed' as const,
      createdAt: '2026-11-02T00:00:00.000Z',
      updatedAt: '2026-11-09T00:00:00.000Z',
      firstResponseAt: '2026-11-02T01:00:00.000Z',
      resolvedAt: '2026-11-08T00:00:00.000Z',
      closedAt: '2026-11-09T00:00:00.000Z',
      pauses: [],
      cosigners: [],
      notices: [],
      rating: { score: 5, at: '2026-11-09T00:00:00.000Z' },
      rev: 9,
      trail: [
        { at: '2026-11-03T00:00:00.000Z', by: 'reporter', action: 'rated' as const, note: '1：没解决' },
        { at: '2026-11-03T00:00:00.000Z', by: 'system', action: 'reopened' as const },
        { at: '2026-11-09T00:00:00.000Z', by: 'reporter', action: 'rated' as const, note: '5' },
        { at: '2026-12-01T00:00:00.000Z', by: 'reporter', action: 'rated' as const, note: '2' },
      ],
    };
    const m = grievanceMonth([t], monthSpan('2026-11', 'Asia/Shanghai'));
    expect({ rated: m.rated, averageRating: m.averageRating, lowRatings: m.lowRatings }).toEqual({
      rated: 2,
      averageRating: 3,
      lowRatings: 1,
    });
  });
});

describe('grievance-summary (monthly, public)', () => {
  it('is registered on the 1st at 10:00 for the month, caught up after downtime', () => {
    expect(jobs().find((j) => j.name === 'grievance-summary')).toMatchObject({
      cron: '0 10 1 * *',
      period: 'month',
      reminder: false,
      catchUp: true,
    });
  });

  it("posts last month's counts and medians to the announcements chat, and nothing else", async () => {
    const rt = await testRuntime({ org: org('chats: { announcements: oc_announce }\n') });
    await november(rt);
    await runJobOnce(rt.bot.services, grievanceSummary, '2026-12', new Date('2026-12-01T02:00:00Z'));
    await rt.settle();
    expect(rt.sender.sent).toHaveLength(1);
    expect(rt.sender.sent[0]).toMatchObject({ kind: 'send', to: { type: 'chat_id', id: 'oc_announce' } });
    expect(rt.sender.texts()).toEqual([
      [
        '测试大学学生会 2026-11 权益诉求办理情况',
        '收到 3 件，办结 2 件',
        '首次响应用时中位数：6 小时',
        '办结用时中位数：60 小时',
        '满意度：平均 3 分（2 人评价）',
        '按类别：学习 1 件、食堂 1 件、安全 1 件',
        '（仅公开数量与用时，不含诉求内容和任何个人信息。）',
      ].join('\n'),
    ]);
  });

  it('never carries a ticket text, a ticket id, a reporter or an officer', async () => {
    const rt = await testRuntime({ org: org('chats: { announcements: oc_announce }\n') });
    const { ids } = await november(rt);
    await runJobOnce(rt.bot.services, grievanceSummary, '2026-12', new Date('2026-12-01T02:00:00Z'));
    await rt.settle();
    const raw = JSON.stringify(rt.sender.sent);
    for (const s of [
      ...Object.values(TEXTS),
      ...Object.values(PEOPLE),
      ...ids,
      'ou_s1',
      'ou_s2',
      'ou_s3',
      OFFICER.openId,
      '陈主席',
      '还行',
      '没用',
    ]) {
      expect(raw).not.toContain(s);
    }
  });

  it('sends nothing without an announcements chat', async () => {
    const rt = await testRuntime({ org: org() });
    await november(rt);
    const queued = await runJobOnce(
      rt.bot.services,
      grievanceSummary,
      '2026-12',
      new Date('2026-12-01T02:00:00Z'),
    );
    await rt.settle();
    expect(queued).toBe(0);
    expect(rt.sender.sent).toEqual([]);
  });

  it('skips a month that ended before the bot first ran here', async () => {
    const rt = await testRuntime({ org: org('chats: { announcements: oc_announce }\n') });
    await runJobOnce(
      rt.bot.services,
      grievanceSummary,
      '2026-12',
      new Date('2026-12-01T02:00:00Z'),
      new Date('2026-12-01T00:00:00Z'),
    );
    await rt.settle();
    expect(rt.sender.sent).toEqual([]);
  });
});
