import { describe, expect, it } from 'vitest';
import {
  ANNOUNCEMENTS,
  activityForm,
  cardDataText,
  cardsTo,
  cardText,
  harness,
  ORGANISER,
  publishActivity,
  registerValue,
  textsTo,
} from './registration-setup.ts';

describe('activities: create, publish, register (issue 11)', () => {
  it('creates from the form, previews, publishes to the announcements chat and registers from its button', async () => {
    const h = await harness();
    await h.say(ORGANISER, '/新建活动');
    expect(cardText(cardsTo(h, `oc_dm_${ORGANISER}`)[0])).toContain('新建活动');

    const id = await publishActivity(h);
    expect(id).toBe('A1');
    const a = await h.rt.repos.activities.get(id);
    expect(a).toMatchObject({
      state: 'published',
      capacity: 50,
      startsAt: '2026-11-25T11:00:00.000Z',
      endsAt: '2026-11-25T13:00:00.000Z',
      checkIn: { from: '2026-11-25T10:30:00.000Z', until: '2026-11-25T13:00:00.000Z' },
      hours: 2,
    });
    const posted = cardText(cardsTo(h, ANNOUNCEMENTS)[0]);
    expect(posted).toContain('秋季读书分享会');
    expect(posted).toContain('已报名 0/50');
    expect(posted).toContain('报名');

    const answer = await h.click('ou_student_1', registerValue(id));
    expect(answer).toEqual({ toast: { type: 'success', content: '已报名 · 第 1/50 位' } });
    // Nothing sent to the student; the published card's count patched in place.
    expect(
      h.sender.sent.filter((m) => m.kind !== 'patch' && JSON.stringify(m).includes('ou_student_1')),
    ).toEqual([]);
    expect(cardText(h.sender.sent.filter((m) => m.kind === 'patch').at(-1))).toContain('已报名 1/50');
    // A second click says where they stand, without a second seat.
    expect((await h.click('ou_student_1', registerValue(id))).toast?.content).toBe('已报名 · 第 1/50 位');
    expect((await h.rt.repos.activities.seats().read(h.rt.repos.activities.listOf(id))).seated).toEqual([
      'ou_student_1',
    ]);

    await h.say('ou_student_2', `/报名 ${id}`);
    expect(textsTo(h, 'oc_dm_ou_student_2').at(-1)).toBe('已报名 · 第 2/50 位');
    await h.say('ou_student_2', '/我的');
    expect(cardText(cardsTo(h, 'oc_dm_ou_student_2').at(-1))).toContain('A1 秋季读书分享会');
    await h.say('ou_student_3', '/活动');
    const list = cardText(cardsTo(h, 'oc_dm_ou_student_3').at(-1));
    expect(list).toContain('A1 秋季读书分享会');
  });

  it('names every bad field of the form at once and stores nothing', async () => {
    const h = await harness();
    const answer = await h.click(
      ORGANISER,
      { a: 'activity.create', v: 1 },
      {
        form: {
          title: '',
          department: 'office',
          startDate: '2026-11-25',
          startTime: '19:00',
          endTime: '18:00',
          place: '报告厅',
          capacity: 'abc',
          colleges: '计算机学院, 火星学院',
          chats: 'not-a-chat',
        },
      },
    );
    expect(answer.toast?.type).toBe('error');
    const text = answer.toast?.content ?? '';
    for (const part of ['活动名称', '结束时间', '名额', '火星学院', 'not-a-chat'])
      expect(text).toContain(part);
    expect(await h.rt.repos.activities.get('A1')).toBeUndefined();
    expect(await h.rt.repos.activities.startingBetween(0, Number.MAX_SAFE_INTEGER)).toEqual([]);
  });

  it('lets only union members create activities', async () => {
    const h = await harness();
    await h.say('ou_student_1', '/新建活动');
    expect(textsTo(h, 'oc_dm_ou_student_1').at(-1)).toContain('没有使用 /新建活动 的权限');
    const answer = await h.click('ou_student_1', { a: 'activity.create', v: 1 }, { form: { title: 'x' } });
    expect(answer.toast?.type).toBe('error');
  });

  it('answers a stampede of 400 clicks on 50 seats in the callbacks only: 50 seated, waiting 1..350, no gaps, no messages', async () => {
    const h = await harness();
    const id = await publishActivity(h);
    const sentBefore = h.sender.sent.length;
    const students = Array.from({ length: 400 }, (_, i) => `ou_stampede_${String(i).padStart(3, '0')}`);
    const answers = await Promise.all(students.map((s) => h.press(s, registerValue(id))));
    await h.settle();

    const list = await h.rt.repos.activities.seats().read(h.rt.repos.activities.listOf(id));
    expect(list.seated).toHaveLength(50);
    expect(list.waiting).toHaveLength(350);
    expect(new Set([...list.seated, ...list.waiting]).size).toBe(400);

    // Every answer is a toast, none a card; seats 1..50 and waiting 1..350, each once.
    expect(answers.every((a) => a.toast && !a.card)).toBe(true);
    const seats = answers.flatMap(
      (a) => /^已报名 · 第 (\d+)\/50 位$/.exec(a.toast?.content ?? '')?.[1] ?? [],
    );
    const waits = answers.flatMap((a) => /^已满，候补第 (\d+) 位$/.exec(a.toast?.content ?? '')?.[1] ?? []);
    expect(seats.map(Number).sort((x, y) => x - y)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(waits.map(Number).sort((x, y) => x - y)).toEqual(Array.from({ length: 350 }, (_, i) => i + 1));
    // Each toast matches the store: the n-th seat is the n-th seated.
    for (const [i, s] of students.entries()) {
      const standing = await h.rt.repos.activities.standing(id, s);
      const toast = answers[i]?.toast?.content;
      if (standing.state === 'seated') expect(toast).toBe(`已报名 · 第 ${standing.position}/50 位`);
      else if (standing.state === 'waiting') expect(toast).toBe(`已满，候补第 ${standing.position} 位`);
      else throw new Error(`${s} is ${standing.state}`);
    }

    // No message per registrant: only a few patches of the one published card (throttled).
    const after = h.sender.sent.slice(sentBefore);
    expect(after.every((m) => m.kind === 'patch')).toBe(true);
    expect(after.length).toBeLessThanOrEqual(3);
    // The job brings the card up to the final count.
    await h.job('activity-offers');
    expect(cardText(h.sender.sent.filter((m) => m.kind === 'patch').at(-1))).toContain(
      '已报名 50/50 · 候补 350',
    );
  });

  it('shows the organiser the published card with a form to cancel it', async () => {
    const h = await harness();
    const created = await h.click(ORGANISER, { a: 'activity.create', v: 1 }, { form: activityForm() });
    expect(cardDataText(created.card?.data)).toContain('预览：秋季读书分享会');
    const published = await h.click(ORGANISER, { a: 'activity.publish', id: 'A1', d: 'publish', v: 1 });
    expect(cardDataText(published.card?.data)).toContain('取消整个活动');
    const again = await h.click(ORGANISER, { a: 'activity.publish', id: 'A1', d: 'publish', v: 1 });
    expect(again.toast?.type).toBe('error');
    expect(cardsTo(h, ANNOUNCEMENTS)).toHaveLength(1);
  });
});
