import { describe, expect, it } from 'vitest';
import { draw } from '../../src/lib/lottery.ts';
import {
  cardDataText,
  cardsTo,
  cardText,
  harness,
  ORGANISER,
  publishActivity,
  registerValue,
  textsTo,
} from './registration-setup.ts';

const offerValue = (id: string, d: 'accept' | 'decline') => ({ a: 'activity.offer', id, d, v: 1 });

describe('activities: waitlist, offers, lottery, eligibility, cancelling (issue 11)', () => {
  it('gives a freed seat to exactly one person, whose unanswered offer passes down the line', async () => {
    const h = await harness();
    const id = await publishActivity(h, { capacity: '2' });
    for (const s of ['ou_s1', 'ou_s2', 'ou_s3', 'ou_s4']) await h.click(s, registerValue(id));

    await h.say('ou_s1', `/取消报名 ${id}`);
    expect(textsTo(h, 'oc_dm_ou_s1').at(-1)).toContain(`已取消 ${id}`);
    expect(cardsTo(h, 'ou_s3')).toHaveLength(1);
    expect(cardText(cardsTo(h, 'ou_s3')[0])).toContain('名额为你保留到 2026-11-20 22:00');
    expect(cardsTo(h, 'ou_s4')).toHaveLength(0);
    expect(await h.rt.repos.activities.standing(id, 'ou_s3')).toMatchObject({ state: 'offered' });
    // The job finds nothing to re-send: the card went out with the offer.
    await h.job('activity-offers');
    expect(cardsTo(h, 'ou_s3')).toHaveLength(1);

    // 12 hours pass unanswered: the offer lapses and goes to the next in line.
    h.clock.set('2026-11-20T14:01:00.000Z');
    await h.job('activity-offers');
    expect(textsTo(h, 'ou_s3').at(-1)).toContain('已过期');
    expect(cardsTo(h, 'ou_s4')).toHaveLength(1);
    const late = await h.click('ou_s3', offerValue(id, 'accept'));
    expect(late.toast?.type).toBe('error');

    const accepted = await h.click('ou_s4', offerValue(id, 'accept'));
    expect(accepted.toast?.content).toBe(`已报名 ${id} · 第 2/2 位`);
    expect(cardDataText(accepted.card?.data)).toContain('已报名');
    const list = await h.rt.repos.activities.seats().read(h.rt.repos.activities.listOf(id));
    expect(list).toEqual({ seated: ['ou_s2', 'ou_s4'], waiting: [], offers: {} });
    // Nobody else was offered anything.
    expect(cardsTo(h, 'ou_s1')).toHaveLength(0);
    expect(cardsTo(h, 'ou_s2')).toHaveLength(0);
  });

  it('passes a declined offer to the next in line', async () => {
    const h = await harness();
    const id = await publishActivity(h, { capacity: '1' });
    for (const s of ['ou_s1', 'ou_s2', 'ou_s3']) await h.click(s, registerValue(id));
    await h.say('ou_s1', `/取消报名 ${id}`);
    const declined = await h.click('ou_s2', offerValue(id, 'decline'));
    expect(declined.toast?.content).toContain('已放弃');
    expect(cardsTo(h, 'ou_s3')).toHaveLength(1);
    expect(await h.rt.repos.activities.standing(id, 'ou_s2')).toEqual({ state: 'none' });
  });

  it('draws a lottery at the close with a recorded seed that anyone can re-run', async () => {
    const h = await harness();
    const id = await publishActivity(h, { capacity: '3', admission: 'lottery', closes: '2026-11-21 12:00' });
    const entrants = Array.from({ length: 8 }, (_, i) => `ou_entrant_${i}`);
    const answers = [];
    for (const s of entrants) answers.push(await h.click(s, registerValue(id)));
    expect(answers.map((a) => a.toast?.content)).toEqual(
      entrants.map((_, i) => `已参加抽签（第 ${i + 1} 位报名）`),
    );
    await h.job('activity-lottery');
    expect((await h.rt.repos.activities.get(id))?.lottery).toBeUndefined();

    h.clock.set('2026-11-21T04:01:00.000Z');
    await h.job('activity-lottery');
    const a = await h.rt.repos.activities.get(id);
    const lottery = a?.lottery;
    expect(lottery).toMatchObject({ entrants: [...entrants].sort(), winners: 3 });
    expect(lottery?.seed).toMatch(/^[0-9a-f]{32}$/);
    // Re-run from the seed and the sorted entrants: the same winners, the same line.
    const again = draw(lottery?.entrants ?? [], lottery?.seed ?? '', a?.capacity ?? 0);
    const list = await h.rt.repos.activities.seats().read(h.rt.repos.activities.listOf(id));
    expect(list.seated).toEqual(again.winners);
    expect(list.waiting).toEqual(again.waiting);
    for (const w of again.winners) expect(textsTo(h, w).join('\n')).toContain('中签');
    for (const [i, w] of again.waiting.entries())
      expect(textsTo(h, w)).toEqual([
        `${id} 秋季读书分享会 抽签未中签，你在候补第 ${i + 1} 位；有名额时会通知你`,
      ]);
    // Drawn once: a later run tells nobody again.
    const sent = h.sender.sent.length;
    await h.job('activity-lottery');
    expect(h.sender.sent.length).toBe(sent);
  });

  it('refuses outside the window and the eligible colleges and grades with a clear message, changing nothing', async () => {
    const h = await harness();
    const later = await publishActivity(h, { opens: '2026-11-21 09:00' });
    const early = await h.click('ou_s1', registerValue(later));
    expect(early.toast).toEqual({ type: 'error', content: `活动 ${later} 的报名 2026-11-21 09:00 开始` });

    const cs = await publishActivity(h, { colleges: '计算机学院', grades: '2024' });
    // No profile yet: a small form in a direct chat, no registration.
    const asked = await h.click('ou_s1', registerValue(cs));
    expect(asked.toast?.content).toContain('请先在私聊中填写');
    expect(cardText(cardsTo(h, 'ou_s1').at(-1))).toContain('请先填写学院和年级');
    const refused = await h.click(
      'ou_s1',
      { a: 'activity.profile', id: cs, v: 1 },
      { form: { college: 'math', grade: '2024' } },
    );
    expect(refused.toast).toEqual({ type: 'error', content: `活动 ${cs} 只面向 计算机学院 的同学` });
    expect(await h.rt.repos.activities.profile('ou_s1')).toMatchObject({ college: 'math', grade: '2024' });
    const again = await h.click('ou_s1', registerValue(cs));
    expect(again.toast?.content).toBe(`活动 ${cs} 只面向 计算机学院 的同学`);

    await h.click(
      'ou_s2',
      { a: 'activity.profile', id: cs, v: 1 },
      { form: { college: 'cs', grade: '2023' } },
    );
    expect((await h.click('ou_s2', registerValue(cs))).toast?.content).toBe(
      `活动 ${cs} 只面向 2024 级的同学（你是 2023 级）`,
    );
    const ok = await h.click(
      'ou_s3',
      { a: 'activity.profile', id: cs, v: 1 },
      { form: { college: 'cs', grade: '2024' } },
    );
    expect(ok.toast?.content).toBe('已报名 · 第 1/50 位');

    for (const id of [later, cs]) {
      const list = await h.rt.repos.activities.seats().read(h.rt.repos.activities.listOf(id));
      expect(list.seated.filter((s) => s !== 'ou_s3')).toEqual([]);
      expect(list.waiting).toEqual([]);
    }
    // Closed at the start.
    h.clock.set('2026-11-25T11:00:00.000Z');
    expect((await h.click('ou_s4', registerValue(cs))).toast?.content).toBe(`活动 ${cs} 的报名已截止`);
    await h.say('ou_s3', `/取消报名 ${cs}`);
    expect(textsTo(h, 'oc_dm_ou_s3').at(-1)).toBe(`活动 ${cs} 已经开始`);
  });

  it('tells everyone registered, offered and waiting once when the organiser cancels the activity', async () => {
    const h = await harness();
    const id = await publishActivity(h, { capacity: '2' });
    const people = ['ou_s1', 'ou_s2', 'ou_s3', 'ou_s4', 'ou_s5'];
    for (const s of people) await h.click(s, registerValue(id));
    await h.say('ou_s1', `/取消报名 ${id}`); // ou_s3 holds an offer now

    const refused = await h.click(
      'ou_s2',
      { a: 'activity.cancel', id, v: 1 },
      { form: { reason: '不想办了' } },
    );
    expect(refused.toast?.type).toBe('error');
    // Two cancels at the same instant: one tells everyone, the other nobody.
    const [a, b] = await Promise.all([
      h.press(ORGANISER, { a: 'activity.cancel', id, v: 1 }, { form: { reason: '场地临时不可用' } }),
      h.press(ORGANISER, { a: 'activity.cancel', id, v: 1 }, { form: { reason: '场地临时不可用' } }),
    ]);
    await h.settle();
    expect([a.toast?.type, b.toast?.type].sort()).toEqual(['error', 'success']);
    await h.say(ORGANISER, `/活动 取消 ${id} 再取消一次`);
    expect(textsTo(h, `oc_dm_${ORGANISER}`).at(-1)).toContain('已经取消过了');

    for (const s of ['ou_s2', 'ou_s3', 'ou_s4', 'ou_s5'])
      expect(textsTo(h, s).filter((t) => t.includes('已取消'))).toEqual([
        `活动 ${id} 秋季读书分享会 已取消：场地临时不可用\n给你带来不便，抱歉。`,
      ]);
    expect(textsTo(h, 'ou_s1')).toEqual([]);
    expect((await h.rt.repos.activities.get(id))?.state).toBe('cancelled');
    expect(cardText(h.sender.sent.filter((m) => m.kind === 'patch').at(-1))).toContain('已取消');
    expect((await h.click('ou_s6', registerValue(id))).toast?.content).toBe(`活动 ${id} 已取消`);
  });
});
