import { expect } from 'vitest';
import type { CardActionResponse } from '../../src/bot/envelope.ts';
import { parseOrg } from '../../src/config/org.ts';
import type { Application, Decision } from '../../src/domain/recruitment.ts';
import { notifyStage } from '../../src/handlers/recruitment/notify.ts';
import type { OutboxMessage } from '../../src/messages/outbox-message.ts';
import type { Runtime } from '../../src/runtime.ts';
import { studentNoFor } from '../helpers/applications.ts';
import { contextFor } from '../helpers/context.ts';
import { makeCardAction, makeMessageEvent, plainRequest } from '../helpers/fixtures.ts';
import { TEST_ORG_YAML } from '../helpers/org.ts';
import type { TestRuntime } from '../helpers/test-runtime.ts';

/** The test org with a second League committee member (every copy of the panel's card), an announcements chat and both departments recruiting. */
export function reviewOrg(extra = '') {
  const yaml = TEST_ORG_YAML.replace(
    'leagueCommittee: [何老师 <ou_league_committee>]',
    'leagueCommittee: [何老师 <ou_league_committee>, 许老师 <ou_league_committee_2>]',
  );
  const windows =
    'recruitment:\n  windows:\n    academic: { from: 2026-01-01, until: 2027-12-31 }\n    office: { from: 2026-01-01, until: 2027-12-31 }\n';
  return parseOrg(`${yaml}chats: { announcements: oc_announce }\n${windows}${extra}`);
}

export { contextFor } from '../helpers/context.ts';

export interface ApplicantOver {
  openId?: string;
  name?: string;
  college?: string;
  first?: string;
  second?: string;
  adjust?: boolean;
  reason?: string;
}

/** Files an application as the applicant would (and sends the first stage its cards). */
export async function submit(rt: Runtime, over: ApplicantOver = {}): Promise<Application> {
  const openId = over.openId ?? 'ou_applicant';
  const ctx = contextFor(rt, openId);
  const outcome = await rt.repos.recruitment.submit(
    ctx.uow,
    {
      applicant: {
        openId,
        name: over.name ?? '张三',
        studentNo: studentNoFor(openId, '2024000123', 'ou_applicant'),
        college: over.college ?? 'cs',
        className: '计科2401',
        political: '共青团员',
        phone: '13800138000',
      },
      first: over.first ?? 'academic',
      ...(over.second ? { second: over.second } : {}),
      adjust: over.adjust ?? false,
      reason: over.reason ?? '想为同学服务',
      objections: [],
    },
    rt.clock.now(),
  );
  if (!outcome.ok) throw new Error(`could not submit: ${outcome.why}`);
  notifyStage(ctx, outcome.app);
  await ctx.finish();
  return outcome.app;
}

/** Decides directly through the repository (to bring an application to a stage quickly). */
export async function decideAs(
  rt: Runtime,
  id: string,
  openId: string,
  d: Omit<Decision, 'actor'>,
): Promise<Application> {
  const ctx = contextFor(rt, openId);
  const outcome = await rt.repos.recruitment.decide(ctx.uow, id, { actor: ctx.actor, ...d }, rt.clock.now());
  if (!outcome.ok) throw new Error(`decision refused: ${outcome.why}`);
  notifyStage(ctx, outcome.app);
  await ctx.finish();
  return outcome.app;
}

/** Brings a fresh application to the panel (recommended and agreed). */
export async function atPanel(rt: Runtime, over: ApplicantOver = {}): Promise<Application> {
  const app = await submit(rt, over);
  const college = over.college ?? 'cs';
  if (college !== 'cs') throw new Error('atPanel: the test org has a Party committee for cs only');
  await decideAs(rt, app.id, 'ou_league_cs', { stage: 0, decision: 'approve' });
  return decideAs(rt, app.id, 'ou_party_cs', { stage: 1, decision: 'approve' });
}

export function decide(id: string, stage: number, d: 'approve' | 'reject') {
  return { a: 'application.decide', id, stage, d, v: 1 };
}

/** Clicks a card button over HTTP (plain body, token checked) and returns the callback's answer. */
export async function click(
  rt: TestRuntime,
  o: {
    operator: string;
    value: unknown;
    form?: Record<string, unknown>;
    messageId?: string;
    eventId?: string;
  },
): Promise<CardActionResponse> {
  const res = await rt.app.request(
    '/lark/events',
    plainRequest(
      makeCardAction({
        value: o.value,
        operatorOpenId: o.operator,
        ...(o.form ? { formValue: o.form } : {}),
        ...(o.messageId ? { messageId: o.messageId } : {}),
        ...(o.eventId ? { eventId: o.eventId } : {}),
      }),
    ),
  );
  expect(res.status).toBe(200);
  return (await res.json()) as CardActionResponse;
}

/** Sends a text command as `openId` in a direct chat and lets everything settle. */
export async function say(rt: TestRuntime, openId: string, text: string): Promise<void> {
  const res = await rt.app.request(
    '/lark/events',
    plainRequest(makeMessageEvent({ text, senderOpenId: openId, chatId: `oc_p2p_${openId}` })),
  );
  expect(res.status).toBe(200);
  await rt.settle();
}

/** Messages sent to a person (or chat). */
export function sentTo(sent: readonly OutboxMessage[], id: string): OutboxMessage[] {
  return sent.filter((m) => (m.kind === 'send' ? m.to.id === id : false));
}

/** Plain text of a post or text message. */
export function textOf(m: OutboxMessage | undefined): string {
  if (!m || (m.kind !== 'send' && m.kind !== 'reply')) return '';
  const c = JSON.parse(m.content) as { text?: string; zh_cn?: { content: { text: string }[][] } };
  return c.text ?? (c.zh_cn?.content ?? []).map((p) => p.map((n) => n.text).join('')).join('\n');
}

export function isCard(m: OutboxMessage): boolean {
  return (m.kind === 'send' || m.kind === 'reply') && m.msgType === 'interactive';
}

/** Approval cards (with decision buttons) sent to someone, parsed. */
export function cardsTo(rt: TestRuntime, id: string): Record<string, unknown>[] {
  return sentTo(rt.sender.sent, id)
    .filter(isCard)
    .map((m) => JSON.parse((m as { content: string }).content) as Record<string, unknown>);
}

export async function load(rt: Runtime, id: string): Promise<Application> {
  const app = await rt.repos.recruitment.get(id);
  if (!app) throw new Error(`no application ${id}`);
  return app;
}

/** A store snapshot without the engine's journal markers (`…:done:…`). */
export function withoutJournal(snapshot: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(snapshot).filter(([k]) => !k.includes(':done:')));
}
