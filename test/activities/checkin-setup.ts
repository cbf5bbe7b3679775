import { expect } from 'vitest';
import type { CardActionResponse } from '../../src/bot/envelope.ts';
import type { Org } from '../../src/config/org.ts';
import type { Activity } from '../../src/domain/activities.ts';
import type { fixedClock } from '../../src/lib/clock.ts';
import type { OutboxMessage } from '../../src/messages/outbox-message.ts';
import type { ActivityDraft } from '../../src/store/repos/activities.ts';
import { contextFor } from '../helpers/context.ts';
import { makeCardAction, makeMessageEvent, plainRequest } from '../helpers/fixtures.ts';
import { testOrg } from '../helpers/org.ts';
import type { TestRuntime } from '../helpers/test-runtime.ts';

/** Friday 20 November 2026, 10:00 in Shanghai. */
export const NOW = '2026-11-20T02:00:00.000Z';
export const HOUR = 3_600_000;
export const ORGANISER = 'ou_member_office';

/** The test org (办公室 with head 周部长 and member 吴干事, 学术部), plus extra YAML. */
export function activityOrg(extra = ''): Org {
  return testOrg(extra);
}

/**
 * A published activity organised by 吴干事 (办公室): starts `startIn` hours after the clock
 * (default 28: Saturday 14:00), lasts 2 h, check-in from 30 min before the start to 1 h
 * after it, registration open since a day before the clock.
 */
export async function publishActivity(
  rt: TestRuntime,
  over: Partial<ActivityDraft> & { startIn?: number } = {},
): Promise<Activity> {
  const { startIn = 28, ...rest } = over;
  const base = rt.clock.now().getTime();
  const at = (h: number) => new Date(base + h * HOUR).toISOString();
  const draft: ActivityDraft = {
    title: '校园十佳歌手决赛',
    description: '决赛',
    department: 'office',
    organiser: { openId: ORGANISER, name: '吴干事' },
    startsAt: at(startIn),
    endsAt: at(startIn + 2),
    place: '大学生活动中心',
    capacity: 3,
    opensAt: at(-24),
    closesAt: at(startIn - 1),
    colleges: [],
    grades: [],
    admission: 'first-come',
    waitlist: true,
    checkIn: { from: at(startIn - 0.5), until: at(startIn + 1) },
    hours: 2,
    chats: [],
    ...rest,
  };
  const ctx = contextFor(rt, ORGANISER);
  const created = await ctx.repos.activities.create(ctx.uow, draft, rt.clock.now());
  const a: Activity = { ...created, state: 'published' };
  ctx.repos.activities.save(ctx.uow, a);
  await ctx.finish();
  return a;
}

/** Seats (or lines up) people in that order, as the register path's atomic join does. */
export async function seat(rt: TestRuntime, a: Activity, openIds: readonly string[]): Promise<void> {
  const repo = rt.bot.services.repos.activities;
  for (const id of openIds)
    await repo.seats().join(repo.listOf(a.id), id, { capacity: a.capacity, waitlist: a.waitlist });
}

export function clockOf(rt: TestRuntime) {
  return rt.clock as ReturnType<typeof fixedClock>;
}

/** Moves the clock to `hours` after NOW. */
export function at(rt: TestRuntime, hours: number): Date {
  const d = new Date(Date.parse(NOW) + hours * HOUR);
  clockOf(rt).set(d);
  return d;
}

/** Sends a command as `openId` in a direct chat and returns the texts it sent back to them. */
export async function say(rt: TestRuntime, openId: string, text: string): Promise<string[]> {
  const before = rt.sender.sent.length;
  const res = await rt.app.request(
    '/lark/events',
    plainRequest(makeMessageEvent({ senderOpenId: openId, text, chatId: `oc_dm_${openId}` })),
  );
  expect(res.status).toBe(200);
  await rt.settle();
  return rt.sender.sent
    .slice(before)
    .filter((m) => m.kind === 'reply' || (m.kind === 'send' && [`oc_dm_${openId}`, openId].includes(m.to.id)))
    .flatMap(textOf);
}

/** Clicks a card button as `openId`; returns the callback's answer. */
export async function click(rt: TestRuntime, openId: string, value: unknown): Promise<CardActionResponse> {
  const res = await rt.app.request(
    '/lark/events',
    plainRequest(makeCardAction({ value, operatorOpenId: openId })),
  );
  expect(res.status).toBe(200);
  const body = (await res.json()) as CardActionResponse;
  await rt.settle();
  return body;
}

/** The text of a text or post message (else nothing). */
export function textOf(m: OutboxMessage): string[] {
  if ((m.kind !== 'send' && m.kind !== 'reply') || m.msgType === 'interactive') return [];
  const c = JSON.parse(m.content) as { text?: string; zh_cn?: { content: { text: string }[][] } };
  return [c.text ?? (c.zh_cn?.content ?? []).map((p) => p.map((n) => n.text).join('')).join('\n')];
}

/** Texts sent to a person (open_id). */
export function textsTo(rt: TestRuntime, openId: string): string[] {
  return rt.sender.sent.filter((m) => m.kind === 'send' && m.to.id === openId).flatMap(textOf);
}

/** The attendance hash of an activity. */
export function attendanceOf(rt: TestRuntime, a: Activity): Promise<Record<string, string>> {
  return rt.bot.services.repos.activities.attendance(a.id);
}
