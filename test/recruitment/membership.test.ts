import { describe, expect, it } from 'vitest';
import { localOpenId } from '../../src/bot/directory.ts';
import { recruitmentSection } from '../../src/report/sections/recruitment.ts';
import { reportSections } from '../../src/report/sections.ts';
import { contextFor } from '../helpers/context.ts';
import type { TestRuntime } from '../helpers/test-runtime.ts';
import { withoutJournal } from '../report/helpers.ts';
import {
  APPLICANT,
  appOf,
  clickResolve,
  clockOf,
  membershipRuntime,
  noticeApplication,
  putInNotice,
  removeAs,
  repliesTo,
  resignAs,
  runNoticeClose,
  STUDENT_NO,
  say,
  textsTo,
} from './notice-setup.ts';

const AFTER = '2026-11-25T02:05:00.000Z';

async function exits(rt: TestRuntime) {
  return (await rt.store.zrangeByScore(rt.keys.exits, 0, Number.MAX_SAFE_INTEGER)).map((e) => JSON.parse(e));
}

function stateOf(rt: TestRuntime) {
  return Object.fromEntries(
    Object.entries(withoutJournal(rt.memory!.snapshot())).filter(([k]) => !k.includes(':seen:')),
  );
}

/** The applicant appointed to 学术部 through the notice and the job. */
async function appointed(): Promise<TestRuntime> {
  const rt = await membershipRuntime();
  await putInNotice(rt);
  clockOf(rt).set(AFTER);
  await runNoticeClose(rt);
  expect((await appOf(rt))?.state).toBe('appointed');
  return rt;
}

describe('/resign', () => {
  it('frees the seat, ends the membership, logs the exit, adds to the trail and tells the head', async () => {
    const rt = await appointed();
    const answer = await resignAs(rt, APPLICANT);
    expect(answer?.toast?.content).toBe('你已辞去学术部的职务，名额已释放。感谢你的付出！');
    expect(await rt.store.smembers(rt.keys.seats('academic'))).not.toContain(APPLICANT);
    expect(await rt.store.smembers(rt.keys.seatsUnion)).not.toContain(APPLICANT);
    expect(await rt.store.get(rt.keys.member(APPLICANT))).toBeNull();
    expect(await exits(rt)).toEqual([
      { at: AFTER, openId: APPLICANT, department: 'academic', action: 'resigned', by: APPLICANT },
    ]);
    expect((await appOf(rt))?.trail.at(-1)).toMatchObject({
      action: 'resigned',
      by: APPLICANT,
      department: 'academic',
    });
    expect(textsTo(rt, 'ou_head_academic').at(-1)).toBe('张三 已辞去学术部的职务（学术部现有 2/3 人）。');
    // No longer a member: the command is refused.
    await say(rt, APPLICANT, '/辞职');
    expect(repliesTo(rt, APPLICANT).at(-1)).toContain('的权限');
  });

  it('an org-file member resigns too (no application): the exit is logged', async () => {
    const rt = await membershipRuntime();
    await resignAs(rt, 'ou_member_office', '/辞职 办公室');
    expect(await rt.store.smembers(rt.keys.seats('office'))).toEqual(['ou_head_office']);
    expect(await rt.store.smembers(rt.keys.seatsUnion)).not.toContain('ou_member_office');
    expect(await exits(rt)).toMatchObject([
      { openId: 'ou_member_office', department: 'office', action: 'resigned' },
    ]);
    expect(textsTo(rt, 'ou_head_office').at(-1)).toBe('吴干事 已辞去办公室的职务（办公室现有 1/9 人）。');
  });

  it('asks which department when the member holds two; keeps the union seat for the other', async () => {
    const rt = await membershipRuntime();
    // 吴干事 is appointed to 学术部 as well.
    await putInNotice(rt, noticeApplication({ openId: 'ou_member_office', name: '吴干事' }));
    clockOf(rt).set(AFTER);
    await runNoticeClose(rt);
    await say(rt, 'ou_member_office', '/辞职');
    expect(repliesTo(rt, 'ou_member_office').at(-1)).toContain('你在多个部门任职（办公室、学术部）');
    await resignAs(rt, 'ou_member_office', '/辞职 学术部');
    expect(await rt.store.smembers(rt.keys.seats('academic'))).not.toContain('ou_member_office');
    expect(await rt.store.smembers(rt.keys.seatsUnion)).toContain('ou_member_office');
    expect(JSON.parse((await rt.store.get(rt.keys.member('ou_member_office'))) ?? 'null')).toEqual({
      v: 1,
      departments: ['office'],
    });
  });

  it('asks for confirmation first (nothing changes until then), takes a reason, and tells the head and the presidium', async () => {
    const rt = await membershipRuntime();
    const before = stateOf(rt);
    await say(rt, 'ou_member_office', '/辞职 学业繁忙');
    expect(stateOf(rt)).toEqual(before);
    expect(JSON.stringify(rt.sender.cards().at(-1))).toContain('确认辞职');
    await resignAs(rt, 'ou_member_office', '/辞职', '学业繁忙');
    expect(await exits(rt)).toMatchObject([
      { openId: 'ou_member_office', action: 'resigned', reason: '学业繁忙' },
    ]);
    const told = '吴干事 已辞去办公室的职务（办公室现有 1/9 人）。\n理由：学业繁忙';
    expect(textsTo(rt, 'ou_head_office').at(-1)).toBe(told);
    expect(textsTo(rt, 'ou_presidium_1').at(-1)).toBe(told);
  });

  it('is refused to someone who is not a member', async () => {
    const rt = await membershipRuntime();
    const before = stateOf(rt);
    await say(rt, 'ou_student_9', '/辞职');
    expect(repliesTo(rt, 'ou_student_9').at(-1)).toContain('的权限');
    expect(stateOf(rt)).toEqual(before);
  });
});

describe('/remove', () => {
  it('asks the presidium to confirm (name, department, reason), then: seat, membership, trail, exit log; member and head told', async () => {
    const rt = await appointed();
    const before = stateOf(rt);
    await say(rt, 'ou_presidium_1', '/免职 连续三次无故缺席例会', {
      mentions: [{ openId: APPLICANT, name: '张三' }],
    });
    // The command alone changes nothing: it sends the confirmation card.
    expect(stateOf(rt)).toEqual(before);
    const done = await removeAs(rt, 'ou_presidium_1', '/免职 连续三次无故缺席例会', {
      mentions: [{ openId: APPLICANT, name: '张三' }],
    });
    expect(done?.card).toContain('确认免去张三的学术部职务');
    expect(done?.card).toContain('成员：张三\n部门：学术部');
    expect(done?.reason).toBe('连续三次无故缺席例会');
    expect(done?.answer.toast?.content).toBe('已免去 张三 的学术部职务，名额已释放（学术部现有 2/3 人）。');
    expect(await rt.store.smembers(rt.keys.seats('academic'))).not.toContain(APPLICANT);
    expect(await rt.store.smembers(rt.keys.seatsUnion)).not.toContain(APPLICANT);
    expect(await rt.store.get(rt.keys.member(APPLICANT))).toBeNull();
    expect((await appOf(rt))?.trail.at(-1)).toMatchObject({
      action: 'removed',
      by: 'ou_presidium_1',
      reason: '连续三次无故缺席例会',
      department: 'academic',
    });
    expect(await exits(rt)).toEqual([
      {
        at: AFTER,
        openId: APPLICANT,
        department: 'academic',
        action: 'removed',
        by: 'ou_presidium_1',
        reason: '连续三次无故缺席例会',
      },
    ]);
    expect(textsTo(rt, APPLICANT).at(-1)).toBe('你已被免去校学生会学术部的职务。理由：连续三次无故缺席例会');
    expect(textsTo(rt, 'ou_head_academic').at(-1)).toContain('张三 已被主席团免去学术部的职务');
  });

  it('in a direct chat, takes the member by name, student number or email (issue 9, item 7)', async () => {
    // By the name on their application.
    let rt = await appointed();
    let done = await removeAs(rt, 'ou_presidium_1', '/免职 张三 学术部 连续三次无故缺席例会');
    expect(done?.answer.toast?.type).toBe('success');
    expect(await rt.store.smembers(rt.keys.seats('academic'))).not.toContain(APPLICANT);
    // By the student number they applied with.
    rt = await appointed();
    done = await removeAs(rt, 'ou_presidium_1', `/免职 ${STUDENT_NO} 违反纪律`);
    expect(done?.card).toContain('成员：张三');
    expect(done?.answer.toast?.type).toBe('success');
    // By the org file's name, and by email (the org file's people, else the contact API).
    rt = await membershipRuntime({ extraPeople: true });
    done = await removeAs(rt, 'ou_presidium_1', '/免职 吴干事 违反纪律');
    expect(done?.card).toContain('确认免去吴干事的办公室职务');
    rt = await membershipRuntime({ extraPeople: true });
    done = await removeAs(rt, 'ou_presidium_1', '/免职 Zheng@Example.edu.cn 违反纪律');
    expect(done?.card).toContain('确认免去郑干事的办公室职务');
    expect(done?.answer.toast?.type).toBe('success');
    expect(await rt.store.smembers(rt.keys.seats('office'))).not.toContain(
      localOpenId('email:zheng@example.edu.cn'),
    );
  });

  it('names the candidates when a name is ambiguous, and refuses a name nobody has; nothing changes', async () => {
    const rt = await membershipRuntime({ extraPeople: true });
    const before = stateOf(rt);
    await say(rt, 'ou_presidium_1', '/免职 李同学 违反纪律');
    expect(repliesTo(rt, 'ou_presidium_1').at(-1)).toBe(
      '有多位成员叫「李同学」：李同学（办公室）、李同学（学术部）。请改用学号或邮箱，或 @成员。',
    );
    await say(rt, 'ou_presidium_1', '/免职 不存在的人 违反纪律');
    expect(repliesTo(rt, 'ou_presidium_1').at(-1)).toContain('没有找到学生会成员「不存在的人」');
    expect(stateOf(rt)).toEqual(before);
  });

  it('works in a group (the bot and the member both mentioned)', async () => {
    const rt = await membershipRuntime();
    const done = await removeAs(rt, 'ou_presidium_1', '/免职 办公室 违反纪律', {
      group: true,
      mentions: [{ openId: 'ou_member_office', name: '吴干事' }],
    });
    expect(done?.card).toContain('确认免去吴干事的办公室职务');
    expect(await rt.store.smembers(rt.keys.seats('office'))).toEqual(['ou_head_office']);
    expect(await exits(rt)).toMatchObject([
      { openId: 'ou_member_office', reason: '违反纪律', action: 'removed' },
    ]);
  });

  it('the confirm button: only the presidium, a reason required, once', async () => {
    const rt = await membershipRuntime();
    const before = stateOf(rt);
    const byHead = await removeAs(rt, 'ou_presidium_1', '/免职 吴干事 违反纪律', {
      clicker: 'ou_head_office',
    });
    expect(byHead?.answer.toast?.content).toBe('只有主席团可以免职。');
    const noReason = await removeAs(rt, 'ou_presidium_1', '/免职 吴干事 违反纪律', { reason: '  ' });
    expect(noReason?.answer.toast?.content).toContain('请写明免职理由');
    expect(stateOf(rt)).toEqual(before);
    await removeAs(rt, 'ou_presidium_1', '/免职 吴干事 违反纪律');
    const again = await removeAs(rt, 'ou_presidium_1', '/免职 吴干事 违反纪律');
    expect(again).toBeUndefined(); // no longer a member: no card
    expect(repliesTo(rt, 'ou_presidium_1').at(-1)).toContain('没有找到学生会成员「吴干事」');
    expect(await exits(rt)).toHaveLength(1);
  });

  it('needs a member and a reason; refuses a non-member and anyone outside the presidium; nothing changes', async () => {
    const rt = await membershipRuntime();
    const before = stateOf(rt);
    await say(rt, 'ou_presidium_1', '/免职');
    expect(repliesTo(rt, 'ou_presidium_1').at(-1)).toBe(
      '请写明要免职的成员（@成员、姓名、学号或邮箱）：/免职 张三 理由',
    );
    await say(rt, 'ou_presidium_1', '/免职', { mentions: [{ openId: 'ou_member_office', name: '吴干事' }] });
    expect(repliesTo(rt, 'ou_presidium_1').at(-1)).toBe('请写明免职理由：/免职 @吴干事 理由');
    await say(rt, 'ou_presidium_1', '/免职 吴干事 办公室');
    expect(repliesTo(rt, 'ou_presidium_1').at(-1)).toBe('请写明免职理由：/免职 吴干事 理由');
    await say(rt, 'ou_presidium_1', '/免职 理由', { mentions: [{ openId: 'ou_student_9', name: '路人' }] });
    expect(repliesTo(rt, 'ou_presidium_1').at(-1)).toBe('路人 目前不在任何部门任职。');
    await say(rt, 'ou_head_office', '/免职 理由', { mentions: [{ openId: 'ou_member_office' }] });
    expect(repliesTo(rt, 'ou_head_office').at(-1)).toContain('的权限');
    expect(stateOf(rt)).toEqual(before);
  });
});

describe('/roster', () => {
  it('shows each department with heads marked and the headroom; the numbers match the seats', async () => {
    const rt = await membershipRuntime();
    await putInNotice(rt); // 张三 holds a seat in 学术部 during the notice
    await say(rt, 'ou_presidium_1', '/名单');
    const text = repliesTo(rt, 'ou_presidium_1').at(-1) ?? '';
    expect(text).toContain('主席团 1/4\n陈主席');
    expect(text).toContain('办公室 2/9\n周部长（部长）、吴干事');
    // 张三, in 公示, holds a seat but is not a member yet: shown apart, the seat counted as held.
    expect(text).toContain(
      '学术部 3/3（其中 1 席为公示中的拟任人选保留）\n孙部长（部长）、钱同学\n公示中：张三',
    );
    expect(text.split('\n').at(-1)).toBe('办公室 2/9 · 学术部 3/3 · 全会 6/20 · 主席团 1/4');
    expect((await rt.store.smembers(rt.keys.seatsUnion)).length).toBe(6);
  });

  it('one department; after an upheld objection its seat is back', async () => {
    const rt = await membershipRuntime();
    await putInNotice(rt);
    await say(rt, 'ou_student_9', '/异议 R-2026-0001 理由');
    await clickResolve(rt, 'ou_league_committee', 'uphold', '属实');
    await say(rt, 'ou_league_committee', '/名单 学术部');
    const text = repliesTo(rt, 'ou_league_committee').at(-1) ?? '';
    expect(text).toContain('学术部 2/3\n孙部长（部长）、钱同学');
    expect(text).not.toContain('张三');
    expect(text.split('\n').at(-1)).toBe('学术部 2/3 · 全会 5/20 · 主席团 1/4');
  });

  it('a head sees their own department only; a student is refused', async () => {
    const rt = await membershipRuntime();
    await say(rt, 'ou_head_office', '/名单');
    const text = repliesTo(rt, 'ou_head_office').at(-1) ?? '';
    expect(text).toContain('办公室 2/9');
    expect(text).not.toContain('学术部');
    await say(rt, 'ou_head_office', '/名单 学术部');
    expect(repliesTo(rt, 'ou_head_office').at(-1)).toBe('你只能查看本部门的名单（办公室）。');
    await say(rt, 'ou_student_9', '/名单');
    expect(repliesTo(rt, 'ou_student_9').at(-1)).toContain('的权限');
  });
});

describe('the recruitment report section', () => {
  it('is listed in the report', () => {
    expect(reportSections().map((s) => s.id)).toContain('recruitment');
  });

  it("counts the month's applications, stages, medians, appointments, exits and seats", async () => {
    const rt = await membershipRuntime();
    // created 11-02, recommend after 2 days, agree after 6, panel after 10, notice 11-20 → appointed 11-25.
    await putInNotice(rt);
    // created 11-05, waits at the second stage.
    await putInNotice(
      rt,
      noticeApplication({
        id: 'R-2026-0002',
        openId: 'ou_b',
        first: 'office',
        state: 'review',
        stage: 1,
        department: undefined,
        noticeUntil: undefined,
        createdAt: '2026-11-05T02:00:00.000Z',
        trail: [
          { at: '2026-11-05T02:00:00.000Z', by: 'ou_b', action: 'submitted' },
          { at: '2026-11-09T02:00:00.000Z', by: 'ou_league_cs', action: 'approved', stage: 'recommend' },
        ],
      }),
    );
    // created in October, rejected at the first stage on 11-03 (4 days after 10-30).
    await putInNotice(
      rt,
      noticeApplication({
        id: 'R-2026-0003',
        openId: 'ou_c',
        state: 'rejected',
        stage: 0,
        department: undefined,
        noticeUntil: undefined,
        createdAt: '2026-10-30T02:00:00.000Z',
        trail: [
          { at: '2026-10-30T02:00:00.000Z', by: 'ou_c', action: 'submitted' },
          {
            at: '2026-11-03T02:00:00.000Z',
            by: 'ou_league_cs',
            action: 'rejected',
            stage: 'recommend',
            reason: '不符合',
          },
        ],
      }),
    );
    clockOf(rt).set(AFTER);
    await runNoticeClose(rt);
    await resignAs(rt, 'ou_member_office');

    const ctx = contextFor(rt, 'ou_presidium_1', 'test:report');
    const part = await recruitmentSection.build(ctx, '2026-11');
    expect(part.title).toBe('招新与任用');
    expect(part.facts).toEqual({
      received: 2,
      'received.academic': 1,
      'received.office': 1,
      'now.appointed': 1,
      'now.agree': 1,
      // recommend: R-1 2 days, R-2 4 days, R-3 4 days → median 4
      'decided.recommend': 3,
      'medianDays.recommend': 4,
      'decided.agree': 1,
      'medianDays.agree': 6,
      'decided.panel': 1,
      'medianDays.panel': 10,
      'decided.notice': 1,
      'medianDays.notice': 5,
      appointed: 1,
      rejected: 1,
      withdrawn: 0,
      resigned: 1,
      removed: 0,
      'seats.office': 1,
      'seats.office.cap': 9,
      'seats.academic': 3,
      'seats.academic.cap': 3,
      'seats.presidium': 1,
      'seats.presidium.cap': 4,
      'seats.union': 5,
      'seats.union.cap': 20,
    });
    const text = JSON.stringify(part.elements);
    expect(text).toContain('本月收到申请 2 份');
    expect(text).toContain('学术部 3/3');

    // October: R-3 was received then; nothing decided.
    const october = await recruitmentSection.build(ctx, '2026-10');
    expect(october.facts).toMatchObject({ received: 1, 'now.rejected': 1, appointed: 0, resigned: 0 });
    expect(october.facts['medianDays.recommend']).toBeUndefined();
  });
});
