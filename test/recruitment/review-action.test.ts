import { describe, expect, it } from 'vitest';
import { renderCardText } from '../../src/cards/render-text.ts';
import { type TestRuntime, testRuntime } from '../helpers/test-runtime.ts';
import {
  atPanel,
  cardsTo,
  click,
  decide,
  decideAs,
  isCard,
  load,
  reviewOrg,
  say,
  sentTo,
  submit,
  textOf,
  withoutJournal,
} from './review-helpers.ts';

const NOW = '2026-11-20T02:00:00Z';

async function runtime(extra = '') {
  const rt = await testRuntime({ org: reviewOrg(extra), now: NOW });
  return rt;
}

describe('application.decide', () => {
  it('sends the first stage’s approvers the card, and nobody else', async () => {
    const rt = await runtime();
    const app = await submit(rt);
    await rt.settle();
    const cards = cardsTo(rt, 'ou_league_cs');
    expect(cards).toHaveLength(1);
    const shown = renderCardText(cards[0]);
    expect(shown.text).toContain('张三');
    expect(shown.text).toContain('2024000123');
    expect(shown.buttons.map((b) => b.value)).toEqual([
      decide(app.id, 0, 'approve'),
      decide(app.id, 0, 'reject'),
    ]);
    expect(
      rt.sender.sent.filter((m) => m.kind === 'send').map((m) => (m.kind === 'send' ? m.to.id : '')),
    ).toEqual(['ou_league_cs']);
    expect(await rt.store.smembers(rt.keys.sent(`app:${app.id}:0`))).toHaveLength(1);
  });

  it('a double click makes one transition; the second is told who decided', async () => {
    const rt = await runtime();
    const app = await submit(rt);
    await rt.settle();
    const first = await click(rt, { operator: 'ou_league_cs', value: decide(app.id, 0, 'approve') });
    expect(first.toast?.type).toBe('success');
    const second = await click(rt, { operator: 'ou_league_cs', value: decide(app.id, 0, 'approve') });
    expect(second.toast?.type).toBe('warning');
    expect(second.toast?.content).toContain('王老师');
    expect(second.toast?.content).toContain('11-20 10:00');
    expect(renderCardText(second.card?.data).buttons).toEqual([]);
    await rt.settle();
    const now = await load(rt, app.id);
    expect(now.stage).toBe(1);
    expect(now.trail.filter((e) => e.action === 'approved')).toHaveLength(1);
    expect(cardsTo(rt, 'ou_party_cs')).toHaveLength(1);
    expect(sentTo(rt.sender.sent, 'ou_applicant')).toHaveLength(1);
  });

  it('a redelivered callback replays: one transition, one set of messages, the same answer', async () => {
    const rt = await runtime();
    const app = await submit(rt);
    await rt.settle();
    const sentBefore = rt.sender.sent.length;
    const [messageId] = await rt.store.smembers(rt.keys.sent(`app:${app.id}:0`));
    const again = {
      operator: 'ou_league_cs',
      value: decide(app.id, 0, 'approve'),
      eventId: 'ev_same',
      messageId,
    };
    const a = await click(rt, again);
    const b = await click(rt, again);
    expect(b).toEqual(a);
    await rt.settle();
    expect((await load(rt, app.id)).rev).toBe(2);
    // one card to the Party committee, one message to the applicant; the clicked card is answered inline
    expect(rt.sender.sent.length - sentBefore).toBe(2);
  });

  it('a stale card from an earlier stage names who decided that stage', async () => {
    const rt = await runtime();
    const app = await atPanel(rt);
    const stale = await click(rt, {
      operator: 'ou_league_cs',
      value: decide(app.id, 0, 'reject'),
      form: { reason: 'x' },
    });
    expect(stale.toast).toMatchObject({ type: 'warning' });
    expect(stale.toast?.content).toContain('王老师（院系团组织推荐）同意');
    const card = renderCardText(stale.card?.data);
    expect(card.text).toContain('已同意');
    expect(card.text).toContain('校团委遴选');
    expect((await load(rt, app.id)).state).toBe('review');
  });

  it('a rejection needs a reason, and then tells the applicant why', async () => {
    const rt = await runtime();
    const app = await submit(rt);
    await rt.settle();
    const none = await click(rt, {
      operator: 'ou_league_cs',
      value: decide(app.id, 0, 'reject'),
      form: { reason: '  ' },
    });
    expect(none.toast).toEqual({ type: 'error', content: '请填写「不同意的理由」。' });
    expect(none.card).toBeUndefined();
    const res = await click(rt, {
      operator: 'ou_league_cs',
      value: decide(app.id, 0, 'reject'),
      form: { reason: '材料不全' },
    });
    expect(res.toast?.type).toBe('success');
    expect(renderCardText(res.card?.data).text).toContain('不同意：材料不全');
    await rt.settle();
    expect((await load(rt, app.id)).state).toBe('rejected');
    const [told] = sentTo(rt.sender.sent, 'ou_applicant');
    expect(textOf(told)).toContain('理由：材料不全');
    expect(cardsTo(rt, 'ou_party_cs')).toEqual([]);
  });

  it('the panel must give both scores (0–100), naming the field', async () => {
    const rt = await runtime();
    const app = await atPanel(rt);
    const missing = await click(rt, {
      operator: 'ou_league_committee',
      value: decide(app.id, 2, 'approve'),
      form: { written: '88' },
    });
    expect(missing.toast).toEqual({ type: 'error', content: '请填写「面试成绩（0–100）」：0–100 的数字。' });
    const both = await click(rt, {
      operator: 'ou_league_committee',
      value: decide(app.id, 2, 'approve'),
      form: { department: 'office' },
    });
    expect(both.toast?.content).toBe(
      '请填写「笔试成绩（0–100）」：0–100 的数字。请填写「面试成绩（0–100）」：0–100 的数字。「录取部门」只能是第一志愿，或（服从调剂时）第二志愿。',
    );
    const over = await click(rt, {
      operator: 'ou_league_committee',
      value: decide(app.id, 2, 'approve'),
      form: { written: '101', interview: '90' },
    });
    expect(over.toast?.content).toContain('笔试成绩');
    expect((await load(rt, app.id)).state).toBe('review');
  });

  it('the panel’s approval takes the seat, starts the notice and updates every copy', async () => {
    const rt = await runtime();
    const app = await atPanel(rt);
    await rt.settle();
    const copies = await rt.store.smembers(rt.keys.sent(`app:${app.id}:2`));
    expect(copies).toHaveLength(2); // 何老师 and 许老师
    const [clicked, other] = copies.sort();
    const before = rt.sender.sent.length;
    const res = await click(rt, {
      operator: 'ou_league_committee_2',
      value: decide(app.id, 2, 'approve'),
      form: { written: '88', interview: '92.5' },
      messageId: clicked,
    });
    expect(res.toast).toEqual({ type: 'success', content: '已通过遴选：学术部，进入公示' });
    expect(renderCardText(res.card?.data).text).toContain('录取部门：学术部');
    await rt.settle();
    const after = rt.sender.sent.slice(before);
    const patches = after.filter((m) => m.kind === 'patch');
    expect(patches.map((m) => (m.kind === 'patch' ? m.messageId : ''))).toEqual([other]);
    expect(JSON.parse((patches[0] as { content: string }).content)).toMatchObject({
      schema: '2.0',
      config: { update_multi: true },
    });
    expect(textOf(sentTo(after, 'ou_applicant')[0])).toContain('学术部（笔试 88 分，面试 92.5 分）');
    expect(textOf(sentTo(after, 'ou_applicant')[0])).toContain('公示至 2026-11-25 10:00');
    expect(sentTo(after, 'oc_announce')).toHaveLength(1);
    expect(await rt.store.smembers(rt.keys.seats('academic'))).toEqual(['ou_applicant']);
    const now = await load(rt, app.id);
    expect(now).toMatchObject({
      state: 'notice',
      department: 'academic',
      scores: { written: 88, interview: 92.5 },
    });
  });

  it('refuses a full department with the numbers, and lets the panel place a 服从调剂 applicant in the second choice', async () => {
    const rt = await runtime('');
    // 学术部 full: nine people already hold its seats.
    await rt.store.commit({
      plan: () => ({
        writes: [
          {
            op: 'sadd',
            key: rt.keys.seats('academic'),
            members: Array.from({ length: 9 }, (_, i) => `ou_m${i}`),
          },
        ],
        result: null,
      }),
    });
    const app = await atPanel(rt, { second: 'office', adjust: true });
    await rt.settle();
    const panelCard = renderCardText(cardsTo(rt, 'ou_league_committee').at(-1));
    const approve = panelCard.buttons.find((b) => b.value.d === 'approve');
    expect(approve?.form?.fields.find((f) => f.name === 'department')?.options?.map((o) => o.value)).toEqual([
      'academic',
      'office',
    ]);
    const full = await click(rt, {
      operator: 'ou_league_committee',
      value: decide(app.id, 2, 'approve'),
      form: { written: '80', interview: '80' },
    });
    expect(full.toast?.type).toBe('error');
    expect(full.toast?.content).toContain('学术部已满 9/9');
    expect(full.toast?.content).toContain('第二志愿 办公室');
    expect((await load(rt, app.id)).state).toBe('review');
    const placed = await click(rt, {
      operator: 'ou_league_committee',
      value: decide(app.id, 2, 'approve'),
      form: { written: '80', interview: '80', department: 'office' },
    });
    expect(placed.toast?.content).toContain('办公室');
    expect(await rt.store.smembers(rt.keys.seats('office'))).toContain('ou_applicant');
    expect(await rt.store.smembers(rt.keys.seats('academic'))).toHaveLength(9);
  });

  it('refuses a department the applicant did not choose', async () => {
    const rt = await runtime();
    const app = await atPanel(rt, { second: 'office', adjust: false });
    const res = await click(rt, {
      operator: 'ou_league_committee',
      value: decide(app.id, 2, 'approve'),
      form: { written: '80', interview: '80', department: 'office' },
    });
    expect(res.toast).toEqual({ type: 'error', content: expect.stringContaining('录取部门') });
  });
});

describe('who may decide', () => {
  it.each([
    ["the wrong college's League branch", 'ou_league_math', 0, '你不是这份申请当前环节的审批人'],
    [
      'a Party committee member clicking the recommend stage',
      'ou_party_cs',
      0,
      '你不是这份申请当前环节的审批人',
    ],
    ['a student with a forged value', 'ou_student_1', 0, '你不是这份申请当前环节的审批人'],
    ['a student forging a value of an earlier stage', 'ou_student_1', 1, '你不是这份申请当前环节的审批人'],
  ])('refuses %s and changes nothing', async (_who, operator, stage, message) => {
    const rt = await runtime();
    const app = await submit(rt);
    await rt.settle();
    const before = withoutJournal(rt.memory!.snapshot());
    const sent = rt.sender.sent.length;
    const res = await click(rt, { operator, value: decide(app.id, stage, 'approve') });
    expect(res.toast?.type).toBe('error');
    expect(res.toast?.content).toContain(message);
    expect(res.card).toBeUndefined();
    expect(withoutJournal(rt.memory!.snapshot())).toEqual(before);
    await rt.settle();
    expect(rt.sender.sent.length).toBe(sent);
  });

  it('refuses self-approval by an approver who applied, and sends them no card of their own', async () => {
    const rt = await runtime();
    // 王老师 is cs's League branch and applies herself.
    const app = await submit(rt, { openId: 'ou_league_cs', name: '王老师' });
    await rt.settle();
    expect(cardsTo(rt, 'ou_league_cs')).toEqual([]);
    const before = withoutJournal(rt.memory!.snapshot());
    const res = await click(rt, { operator: 'ou_league_cs', value: decide(app.id, 0, 'approve') });
    expect(res.toast).toEqual({ type: 'error', content: '不能审批自己的申请。' });
    expect(withoutJournal(rt.memory!.snapshot())).toEqual(before);
  });

  it('refuses a value for an application that does not exist, or a malformed one', async () => {
    const rt = await runtime();
    const before = withoutJournal(rt.memory!.snapshot());
    const missing = await click(rt, { operator: 'ou_league_cs', value: decide('R-2026-9999', 0, 'approve') });
    expect(missing.toast).toEqual({ type: 'error', content: '找不到申请 R-2026-9999。' });
    const bad = await click(rt, {
      operator: 'ou_league_cs',
      value: { ...decide('R-2026-0001', 0, 'approve'), d: 'yes' },
    });
    expect(bad.toast?.type).toBe('error');
    expect(withoutJournal(rt.memory!.snapshot())).toEqual(before);
  });
});

describe('/待办', () => {
  it('lists exactly what waits on the asker, oldest first', async () => {
    const rt = await runtime();
    const clock = rt.clock as unknown as { set(at: string): void };
    clock.set('2026-11-15T02:00:00Z');
    const older = await submit(rt, { openId: 'ou_a1', name: '甲' });
    clock.set('2026-11-18T02:00:00Z');
    const newer = await submit(rt, { openId: 'ou_a2', name: '乙' });
    const math = await submit(rt, { openId: 'ou_a3', name: '丙', college: 'math' });
    clock.set(NOW);
    await decideAs(rt, newer.id, 'ou_league_cs', { stage: 0, decision: 'approve' });
    await say(rt, 'ou_league_cs', '/待办');
    const text = shownTo(rt, 'oc_p2p_ou_league_cs');
    expect(text).toContain('共 1 项');
    expect(text).toContain(`${older.id} 甲（计算机学院）院系团组织推荐，已等 5 天`);
    expect(text).toContain(`] 打开 ${older.id} 的审批卡片`);
    expect(text).not.toContain(math.id);
    await say(rt, 'ou_party_cs', '/待办');
    expect(shownTo(rt, 'oc_p2p_ou_party_cs')).toContain(`${newer.id} 乙`);
    await say(rt, 'ou_league_math', '/pending');
    const mathText = shownTo(rt, 'oc_p2p_ou_league_math');
    expect(mathText).toContain(`${math.id} 丙（数学学院）`);
    expect(mathText).toContain('审批卡片');
    await say(rt, 'ou_league_committee', '/待办');
    expect(shownTo(rt, 'oc_p2p_ou_league_committee')).toBe('目前没有等你处理的事项。');
    await say(rt, 'ou_student_1', '/待办');
    expect(shownTo(rt, 'oc_p2p_ou_student_1')).not.toContain('R-');
  });

  it("brings back an application's approval card from its /待办 button, to an approver of its stage only", async () => {
    const rt = await runtime();
    const app = await submit(rt);
    await rt.settle();
    const before = cardsTo(rt, 'ou_league_cs').length;
    const answer = await click(rt, {
      operator: 'ou_league_cs',
      value: { a: 'application.card', id: app.id, v: 1 },
    });
    expect(answer.toast).toEqual({ type: 'success', content: `已把 ${app.id} 的审批卡片发给你。` });
    await rt.settle();
    const cards = cardsTo(rt, 'ou_league_cs');
    expect(cards).toHaveLength(before + 1);
    expect(JSON.stringify(cards.at(-1))).toContain('application.decide');
    // Another college's advisor, or the applicant, gets nothing.
    const refused = await click(rt, {
      operator: 'ou_league_math',
      value: { a: 'application.card', id: app.id, v: 1 },
    });
    expect(refused.toast?.type).toBe('error');
    expect(cardsTo(rt, 'ou_league_math')).toHaveLength(0);
  });
});

/** What the bot showed in a chat last: a card's text, or a plain message. */
function shownTo(rt: TestRuntime, chat: string): string {
  const m = sentTo(rt.sender.sent, chat).at(-1);
  if (m && isCard(m)) return renderCardText(JSON.parse((m as { content: string }).content)).text;
  return textOf(m);
}

describe('a decision and its messages', () => {
  it('commits the notifications with the decision, so a failure right after loses none', async () => {
    const rt = await runtime();
    const app = await submit(rt);
    await rt.settle();
    rt.sender.sent.length = 0;
    // Let the decision commit, then make the store fail: the handler's final step fails.
    const memory = rt.memory!;
    const commit = memory.commit.bind(memory);
    let commits = 0;
    memory.commit = (async (tx) => {
      commits += 1;
      const result = await commit(tx);
      if (commits === 1) memory.unreachable = true;
      return result;
    }) as typeof memory.commit;
    await click(rt, { operator: 'ou_league_cs', value: decide(app.id, 0, 'approve') });
    memory.unreachable = false;
    memory.commit = commit;
    expect((await load(rt, app.id)).stage).toBe(1);
    await rt.settle();
    // The applicant heard, and the next stage got its card.
    expect(sentTo(rt.sender.sent, app.applicant.openId)).toHaveLength(1);
    expect(cardsTo(rt, 'ou_party_cs')).toHaveLength(1);
  });
});
