import { describe, expect, it } from 'vitest';
import { renderCardText } from '../../src/cards/render-text.ts';
import { ReportRecordSchema } from '../../src/store/repos/report.ts';
import { makeMessageEvent, plainRequest } from '../helpers/fixtures.ts';
import { type TestRuntime, testRuntime } from '../helpers/test-runtime.ts';
import { cardOf, reportOrg, sentTo } from './helpers.ts';

const NOW = '2026-11-20T02:00:00Z'; // 10:00 in Shanghai

async function say(rt: TestRuntime, senderOpenId: string, text: string) {
  const res = await rt.app.request('/lark/events', plainRequest(makeMessageEvent({ senderOpenId, text })));
  expect(res.status).toBe(200);
  await rt.settle();
}

async function record(rt: TestRuntime, month: string) {
  const raw = await rt.store.get(rt.keys.report(month));
  return raw === null ? undefined : ReportRecordSchema.parse(JSON.parse(raw));
}

describe('/report', () => {
  it('shows a presidium member the draft of this month with the numbers and the send button', async () => {
    const rt = await testRuntime({ org: reportOrg(), now: NOW });
    await say(rt, 'ou_presidium_1', '/报告');
    const [card] = rt.sender.cards();
    const rendered = renderCardText(card);
    expect(rendered.text).toContain('测试大学学生会 2026-11 工作报告（草稿）');
    expect(rendered.text).toContain('全会（含主席团） 9/12');
    expect(rendered.text).toContain('主席团 2/4');
    expect(rendered.text).toContain('办公室 3/3');
    expect(rendered.text).toContain('学术部 3/9');
    expect(rendered.text).toContain('权益部 3/2 超编 1 人');
    expect(JSON.stringify(rt.sender.cards()[0])).toContain("<font color='red'>3/2 超编 1 人</font>");
    expect(rendered.buttons.map((b) => b.value)).toEqual([{ a: 'report.send', m: '2026-11', v: 1 }]);
    expect(JSON.stringify(card)).toContain('"tag":"chart"');
    expect(await record(rt, '2026-11')).toBeUndefined();
  });

  it('shows the given month, and the League committee a draft without the button', async () => {
    const rt = await testRuntime({ org: reportOrg(), now: NOW });
    await say(rt, 'ou_league_committee', '/report 2026-10');
    const rendered = renderCardText(rt.sender.cards()[0]);
    expect(rendered.text).toContain('2026-10 工作报告（草稿）');
    expect(rendered.buttons).toEqual([]);
  });

  it('refuses a student', async () => {
    const rt = await testRuntime({ org: reportOrg(), now: NOW });
    await say(rt, 'ou_student_1', '/报告');
    expect(rt.sender.cards()).toEqual([]);
    expect(rt.sender.texts().join('\n')).toContain('你没有使用 /报告 的权限');
  });

  it('refuses a bad month', async () => {
    const rt = await testRuntime({ org: reportOrg(), now: NOW });
    await say(rt, 'ou_presidium_1', '/报告 11月');
    expect(rt.sender.texts().join('\n')).toContain('月份格式应为 YYYY-MM');
  });

  it('lets only the presidium send', async () => {
    const rt = await testRuntime({ org: reportOrg(), now: NOW });
    const before = rt.memory!.snapshot();
    await say(rt, 'ou_admin', '/报告 报送');
    expect(rt.sender.texts().join('\n')).toContain('只有主席团可以报送');
    expect(sentTo(rt.sender.sent, 'ou_league_committee')).toEqual([]);
    expect(await record(rt, '2026-11')).toBeUndefined();
    expect(Object.keys(rt.memory!.snapshot()).filter((k) => k.includes('report:'))).toEqual(
      Object.keys(before).filter((k) => k.includes('report:')),
    );
  });

  it('sends once to the League committee, records it, and tells a second sender who sent it', async () => {
    const rt = await testRuntime({ org: reportOrg(), now: NOW });
    await say(rt, 'ou_presidium_1', '/报告 报送');

    const toCommittee = [
      ...sentTo(rt.sender.sent, 'ou_league_committee'),
      ...sentTo(rt.sender.sent, 'ou_league_committee_2'),
    ];
    expect(toCommittee).toHaveLength(2);
    const sent = renderCardText(cardOf(toCommittee[0]));
    expect(sent.text).toContain('2026-11 工作报告（已报送）');
    expect(sent.text).toContain('已于 2026-11-20 10:00 由 陈主席 报送校团委');
    expect(sent.text).toContain('办公室 3/3');
    expect(sent.buttons).toEqual([]);
    expect(rt.sender.texts().join('\n')).toContain('已将 2026-11 工作报告报送校团委');

    const saved = await record(rt, '2026-11');
    expect(saved).toMatchObject({
      v: 1,
      month: '2026-11',
      sentAt: '2026-11-20T02:00:00.000Z',
      sentBy: { openId: 'ou_presidium_1', name: '陈主席' },
    });
    expect(saved?.facts.headcount).toMatchObject({ union: 9, 'dept.office': 3, 'dept.office.cap': 3 });

    const sentBefore = rt.sender.sent.length;
    await say(rt, 'ou_presidium_2', '/报告 报送');
    const after = rt.sender.sent.slice(sentBefore);
    expect(after).toHaveLength(1);
    expect(rt.sender.texts().at(-1)).toContain(
      '2026-11 工作报告已于 2026-11-20 10:00 由 陈主席 报送，没有重复发送',
    );
    expect(await record(rt, '2026-11')).toEqual(saved);

    // Shown later, it says it was sent and that the content is today's.
    await say(rt, 'ou_presidium_2', '/报告');
    const shown = renderCardText(rt.sender.cards().at(-1));
    expect(shown.text).toContain('（已报送）');
    expect(shown.text).toContain('按当前数据重新生成');
    expect(shown.buttons).toEqual([]);
  });

  it("on the 1st–5th sends last month's report when it is still unsent, and says which month", async () => {
    const rt = await testRuntime({ org: reportOrg(), now: '2026-12-03T02:00:00Z' });
    await say(rt, 'ou_presidium_1', '/报告 报送');
    expect(await record(rt, '2026-11')).toBeDefined();
    expect(await record(rt, '2026-12')).toBeUndefined();
    expect(rt.sender.texts().join('\n')).toContain('已将 2026-11 工作报告报送校团委');
    // Once November's is sent, the same words send December's.
    await say(rt, 'ou_presidium_1', '/报告 报送');
    expect(await record(rt, '2026-12')).toBeDefined();
  });

  it('sends to the League committee chat when one is configured', async () => {
    const rt = await testRuntime({ org: reportOrg('chats: { leagueCommittee: oc_league }\n'), now: NOW });
    await say(rt, 'ou_presidium_1', '/报告 报送 2026-10');
    expect(sentTo(rt.sender.sent, 'oc_league')).toHaveLength(1);
    expect(sentTo(rt.sender.sent, 'ou_league_committee')).toEqual([]);
    expect(await record(rt, '2026-10')).toBeDefined();
  });

  it('does not send a month that has not come', async () => {
    const rt = await testRuntime({ org: reportOrg(), now: NOW });
    await say(rt, 'ou_presidium_1', '/报告 报送 2026-12');
    expect(rt.sender.texts().join('\n')).toContain('2026-12 还没到');
    expect(await record(rt, '2026-12')).toBeUndefined();
  });
});
