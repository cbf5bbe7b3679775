import { describe, expect, it } from 'vitest';
import { renderCardText } from '../../src/cards/render-text.ts';
import { postNotice } from '../../src/handlers/recruitment/notice.ts';
import { contextFor } from '../helpers/context.ts';
import type { TestRuntime } from '../helpers/test-runtime.ts';
import { withoutJournal } from '../report/helpers.ts';
import {
  APPLICANT,
  appOf,
  cardsTo,
  clickResolve,
  clockOf,
  groupReplies,
  ID,
  membershipRuntime,
  NOTICE_UNTIL,
  noticeApplication,
  PHONE,
  putInNotice,
  repliesTo,
  STUDENT_NO,
  say,
  textsTo,
} from './notice-setup.ts';

/** The store without journal markers and inbound dedupe keys. */
function stateOf(rt: TestRuntime) {
  return Object.fromEntries(
    Object.entries(withoutJournal(rt.memory!.snapshot())).filter(([k]) => !k.includes(':seen:')),
  );
}

function contextOf(rt: TestRuntime) {
  return contextFor(rt, 'ou_league_committee', 'test:notice');
}

describe('postNotice', () => {
  it('posts the notice to the announcements chat: name, college, department, end, how to object; no personal data', async () => {
    const rt = await membershipRuntime();
    const ctx = contextOf(rt);
    postNotice(ctx, noticeApplication());
    await ctx.finish();
    await rt.settle();
    const [card, ...more] = cardsTo(rt, 'oc_announce');
    expect(more).toEqual([]);
    const { text } = renderCardText(card);
    expect(text).toContain('【公示 R-2026-0001】');
    expect(text).toContain('姓名：张三');
    expect(text).toContain('学院：计算机学院');
    expect(text).toContain('拟任部门：学术部');
    expect(text).toContain('公示截止：2026-11-25 10:00');
    expect(text).toContain('/异议 R-2026-0001 理由');
    expect(text).toContain('/异议 R-2026-0001 匿名 理由');
    const raw = JSON.stringify(rt.sender.sent);
    expect(raw).not.toContain(STUDENT_NO);
    expect(raw).not.toContain(PHONE);
    expect(raw).not.toContain('计科2401');
  });

  it('goes to the presidium when no announcements chat is configured', async () => {
    const rt = await membershipRuntime({ announcements: false });
    const ctx = contextOf(rt);
    postNotice(ctx, noticeApplication());
    await ctx.finish();
    await rt.settle();
    expect(cardsTo(rt, 'ou_presidium_1')).toHaveLength(1);
    expect(rt.sender.sent).toHaveLength(1);
  });

  it('escapes the applicant name in the card', async () => {
    const rt = await membershipRuntime();
    const ctx = contextOf(rt);
    postNotice(ctx, noticeApplication({ name: '<at id=all></at>' }));
    await ctx.finish();
    await rt.settle();
    expect(JSON.stringify(cardsTo(rt, 'oc_announce'))).not.toContain('<at id=all>');
  });
});

describe('/object', () => {
  it('records an objection during the notice and sends the League committee a card with uphold and dismiss', async () => {
    const rt = await membershipRuntime();
    await putInNotice(rt);
    await say(rt, 'ou_student_9', '/异议 R-2026-0001 该同学 上学期 有违纪记录');
    const app = await appOf(rt);
    expect(app?.objections).toEqual([
      {
        n: 1,
        at: '2026-11-20T02:00:00.000Z',
        by: 'ou_student_9',
        reason: '该同学 上学期 有违纪记录',
        status: 'open',
      },
    ]);
    expect(app?.trail.at(-1)).toMatchObject({ action: 'objected', by: 'ou_student_9' });
    expect(app?.state).toBe('notice');
    for (const person of ['ou_league_committee', 'ou_league_committee_2']) {
      const [card] = cardsTo(rt, person);
      const rendered = renderCardText(card);
      expect(rendered.text).toContain('异议理由：该同学 上学期 有违纪记录');
      expect(rendered.buttons.map((b) => b.label)).toEqual(['异议成立（不予任用）', '驳回异议']);
      expect(rendered.buttons[0]?.value).toEqual({ a: 'objection.resolve', id: ID, n: 1, d: 'uphold', v: 1 });
      expect(rendered.buttons[0]?.form?.fields.map((f) => [f.name, f.required])).toEqual([['reason', true]]);
    }
    expect(repliesTo(rt, 'ou_student_9')[0]).toContain('已收到你对 R-2026-0001（张三）的异议（第 1 条）');
  });

  it('numbers objections and goes to the committee chat when one is configured', async () => {
    const rt = await membershipRuntime({ committeeChat: true });
    await putInNotice(rt);
    await say(rt, 'ou_student_9', '/object R-2026-0001 first');
    await say(rt, 'ou_student_8', '/object r-2026-0001 second');
    expect((await appOf(rt))?.objections.map((o) => [o.n, o.reason])).toEqual([
      [1, 'first'],
      [2, 'second'],
    ]);
    expect(cardsTo(rt, 'oc_committee')).toHaveLength(2);
    expect(cardsTo(rt, 'ou_league_committee')).toEqual([]);
  });

  it('stores no trace of an anonymous objector anywhere', async () => {
    const rt = await membershipRuntime();
    await putInNotice(rt);
    await say(rt, 'ou_secret_objector', '/异议 R-2026-0001 匿名 面试时有人代答');
    const app = await appOf(rt);
    expect(app?.objections).toMatchObject([
      { n: 1, by: 'anonymous', reason: '面试时有人代答', status: 'open' },
    ]);
    expect(app?.trail.at(-1)).toEqual({
      at: '2026-11-20T02:00:00.000Z',
      by: 'anonymous',
      action: 'objected',
      reason: '面试时有人代答',
    });
    expect(JSON.stringify(rt.memory!.snapshot())).not.toContain('ou_secret_objector');
    // The committee's card says anonymous, and the objector is told without a name.
    const card = renderCardText(cardsTo(rt, 'ou_league_committee')[0]);
    expect(card.text).toContain('提出人：匿名');
    expect(JSON.stringify(cardsTo(rt, 'ou_league_committee'))).not.toContain('ou_secret_objector');
    expect(repliesTo(rt, 'ou_secret_objector')[0]).toContain('已匿名记录');
  });

  it('works in a group, but refuses an anonymous objection there and stores nothing', async () => {
    const rt = await membershipRuntime();
    await putInNotice(rt);
    const before = stateOf(rt);
    await say(rt, 'ou_student_9', '/异议 R-2026-0001 匿名 理由', { group: true });
    expect(groupReplies(rt).at(-1)).toContain('匿名异议请私聊我发送');
    expect(stateOf(rt)).toEqual(before);
    expect((await appOf(rt))?.objections).toEqual([]);

    await say(rt, 'ou_student_9', '/异议 R-2026-0001 公开的理由', { group: true });
    expect((await appOf(rt))?.objections).toHaveLength(1);
    expect(groupReplies(rt).at(-1)).toContain('已收到你对 R-2026-0001');
  });

  it('refuses outside the notice, an unknown application, a missing or too long reason', async () => {
    const rt = await membershipRuntime();
    await putInNotice(rt);
    await say(rt, 'ou_student_9', '/异议 R-2026-0009 理由');
    expect(repliesTo(rt, 'ou_student_9').at(-1)).toBe('没有找到申请 R-2026-0009。');
    await say(rt, 'ou_student_9', '/异议 R-2026-0001');
    expect(repliesTo(rt, 'ou_student_9').at(-1)).toContain('用法：/异议 申请编号 理由');
    await say(rt, 'ou_student_9', '/异议 R-2026-0001 匿名');
    expect(repliesTo(rt, 'ou_student_9').at(-1)).toContain('用法：');
    await say(rt, 'ou_student_9', `/异议 R-2026-0001 ${'长'.repeat(301)}`);
    expect(repliesTo(rt, 'ou_student_9').at(-1)).toBe('异议理由最多 300 字（现在 301 字）。');
    clockOf(rt).set('2026-11-25T02:00:00.000Z');
    await say(rt, 'ou_student_9', '/异议 R-2026-0001 晚了');
    expect(repliesTo(rt, 'ou_student_9').at(-1)).toBe('申请 R-2026-0001 不在公示期内，不能提出异议。');
    expect((await appOf(rt))?.objections).toEqual([]);
  });

  it('refuses an application in review', async () => {
    const rt = await membershipRuntime();
    await putInNotice(
      rt,
      noticeApplication({ state: 'review', noticeUntil: undefined, department: undefined }),
    );
    await say(rt, 'ou_student_9', '/异议 R-2026-0001 理由');
    expect(repliesTo(rt, 'ou_student_9').at(-1)).toContain('不在公示期内');
  });
});

describe('objection.resolve', () => {
  async function withObjection(anonymous = false) {
    const rt = await membershipRuntime();
    await putInNotice(rt);
    await say(rt, 'ou_student_9', `/异议 R-2026-0001 ${anonymous ? '匿名 ' : ''}理由`);
    return rt;
  }

  it('uphold: the application is rejected, its seat freed, the applicant and objector told, every copy updated', async () => {
    const rt = await withObjection();
    expect(await rt.store.smembers(rt.keys.seats('academic'))).toContain(APPLICANT);
    const answer = await clickResolve(rt, 'ou_league_committee', 'uphold', '情况属实');
    expect(answer.toast).toEqual({
      type: 'success',
      content: '异议成立：R-2026-0001 不予任用，学术部 的名额已释放。',
    });
    const card = renderCardText(answer.card?.data);
    expect(card.text).toContain('异议成立：何老师 于 2026-11-20 10:00 认定，理由：情况属实');
    expect(card.buttons).toEqual([]);

    const app = await appOf(rt);
    expect(app?.state).toBe('rejected');
    expect(app?.objections[0]).toMatchObject({
      status: 'upheld',
      resolvedBy: 'ou_league_committee',
      resolution: '情况属实',
    });
    expect(app?.trail.at(-1)).toMatchObject({
      action: 'objection-upheld',
      by: 'ou_league_committee',
      reason: '情况属实',
    });
    expect(await rt.store.smembers(rt.keys.seats('academic'))).not.toContain(APPLICANT);
    expect(await rt.store.smembers(rt.keys.seatsUnion)).not.toContain(APPLICANT);
    expect(await rt.store.zrangeByScore(rt.keys.appsInNotice, 0, Number.MAX_SAFE_INTEGER)).toEqual([]);
    expect(await rt.store.get(rt.keys.openApplication(APPLICANT))).toBeNull();
    expect(textsTo(rt, APPLICANT).at(-1)).toContain('经校团委认定成立，本次不予任用。理由：情况属实');
    expect(textsTo(rt, 'ou_student_9').at(-1)).toContain('经校团委认定成立');
    // The other committee member's copy is updated to the decided card.
    const patches = rt.sender.sent.filter((m) => m.kind === 'patch');
    expect(patches).toHaveLength(2); // both copies were recorded; the clicked one is answered inline too
  });

  it('dismiss keeps the application in notice and the seat held', async () => {
    const rt = await withObjection();
    const answer = await clickResolve(rt, 'ou_league_committee_2', 'dismiss', '查无实据');
    expect(answer.toast).toEqual({ type: 'success', content: '已驳回异议，R-2026-0001 继续公示。' });
    const app = await appOf(rt);
    expect(app?.state).toBe('notice');
    expect(app?.objections[0]).toMatchObject({ status: 'dismissed', resolvedBy: 'ou_league_committee_2' });
    expect(app?.trail.at(-1)).toMatchObject({ action: 'objection-dismissed', reason: '查无实据' });
    expect(await rt.store.smembers(rt.keys.seats('academic'))).toContain(APPLICANT);
    expect(textsTo(rt, APPLICANT)).toEqual([]);
  });

  it('tells the applicant in /status that an objection was raised and its outcome, never by whom', async () => {
    const rt = await withObjection();
    await clickResolve(rt, 'ou_league_committee', 'dismiss', '查无实据');
    await say(rt, APPLICANT, '/我的');
    const status = cardsTo(rt, `oc_p2p_${APPLICANT}`).at(-1) ?? cardsTo(rt, APPLICANT).at(-1);
    const text = JSON.stringify(status);
    expect(text).toContain('有同学 提出异议：理由');
    expect(text).toContain('驳回异议：查无实据');
    expect(text).not.toContain('ou_student_9');
  });

  it('dismissing the last objection of a notice that is over appoints at once, and says so', async () => {
    const rt = await withObjection();
    clockOf(rt).set(new Date(Date.parse(NOTICE_UNTIL) + 3_600_000).toISOString());
    const answer = await clickResolve(rt, 'ou_league_committee_2', 'dismiss', '查无实据');
    expect(answer.toast).toEqual({
      type: 'success',
      content: '已驳回异议。R-2026-0001 的公示期已满且没有其他异议，已任用到学术部。',
    });
    const app = await appOf(rt);
    expect(app?.state).toBe('appointed');
    expect(app?.trail.at(-1)).toMatchObject({ action: 'appointed', department: 'academic' });
    expect(textsTo(rt, APPLICANT).at(-1)).toContain('你已被任用为校学生会学术部成员');
    // Nothing left for the next notice-close run.
    expect(await rt.store.zrangeByScore(rt.keys.appsInNotice, 0, Number.MAX_SAFE_INTEGER)).toEqual([]);
  });

  it('a second click is told who resolved it and when, and changes nothing', async () => {
    const rt = await withObjection();
    await clickResolve(rt, 'ou_league_committee', 'dismiss', '查无实据');
    const before = stateOf(rt);
    const second = await clickResolve(rt, 'ou_league_committee_2', 'uphold', '成立');
    expect(second.toast).toEqual({
      type: 'warning',
      content: '这条异议已由 何老师 于 2026-11-20 10:00 驳回。',
    });
    expect(renderCardText(second.card?.data).text).toContain('已驳回：何老师');
    expect(stateOf(rt)).toEqual(before);
    expect((await appOf(rt))?.state).toBe('notice');
  });

  it('the same callback delivered twice resolves once', async () => {
    const rt = await withObjection();
    const a = await clickResolve(rt, 'ou_league_committee', 'uphold', '属实', { eventId: 'ev_same' });
    const b = await clickResolve(rt, 'ou_league_committee', 'uphold', '属实', { eventId: 'ev_same' });
    expect(b).toEqual(a);
    expect(textsTo(rt, APPLICANT)).toHaveLength(1);
    expect((await appOf(rt))?.trail.filter((e) => e.action === 'objection-upheld')).toHaveLength(1);
  });

  it('refuses a clicker outside the League committee, and a missing resolution; nothing changes', async () => {
    const rt = await withObjection();
    const before = stateOf(rt);
    const forged = await clickResolve(rt, 'ou_presidium_1', 'uphold', '我来');
    expect(forged.toast).toEqual({ type: 'error', content: '只有校团委可以处理公示异议。' });
    expect(forged.card).toBeUndefined();
    const applicant = await clickResolve(rt, APPLICANT, 'dismiss', '不成立');
    expect(applicant.toast?.type).toBe('error');
    const empty = await clickResolve(rt, 'ou_league_committee', 'uphold', '  ');
    expect(empty.toast).toEqual({ type: 'error', content: '请填写处理意见。' });
    const wrongN = await clickResolve(rt, 'ou_league_committee', 'uphold', '理由', { n: 7 });
    expect(wrongN.toast).toEqual({ type: 'error', content: '没有找到这条异议。' });
    expect(stateOf(rt)).toEqual(before);
    expect((await appOf(rt))?.objections[0]?.status).toBe('open');
  });

  it('an anonymous objector is not told (nobody knows who it was)', async () => {
    const rt = await withObjection(true);
    await clickResolve(rt, 'ou_league_committee', 'dismiss', '查无实据');
    expect(textsTo(rt, 'ou_student_9')).toEqual([]);
    expect(JSON.stringify(rt.memory!.snapshot())).not.toContain('ou_student_9');
  });
});
