import { parseOrg } from '../../src/config/org.ts';
import { reply, resolve, type Ticket, type TicketActor } from '../../src/domain/tickets.ts';
import type { fixedClock } from '../../src/lib/clock.ts';
import type { OutboxMessage } from '../../src/messages/outbox-message.ts';
import { grievanceEscalation } from '../../src/schedules/grievances/grievance-escalation.ts';
import { runJobOnce } from '../../src/schedules/job-context.ts';
import { periodOf } from '../../src/schedules/period.ts';
import type { TicketDraft, TicketStep } from '../../src/store/repos/tickets.ts';
import { contextFor } from '../helpers/context.ts';
import type { TestRuntime } from '../helpers/test-runtime.ts';

/** A union with a rights department (权益部) that has a head, a member and a chat. */
export function slaOrg(extra = '') {
  return parseOrg(`
university: 测试大学
timezone: Asia/Shanghai
presidium: [陈主席 <ou_presidium_1>]
departments:
  - id: rights
    name: 权益部
    heads: [孙部长 <ou_head_rights>]
    members: [钱干事 <ou_member_rights>]
  - id: office
    name: 办公室
colleges:
  - id: cs
    name: 计算机学院
leagueCommittee: [何老师 <ou_league_committee>]
admins: [管理员 <ou_admin>]
chats:
  rights: oc_rights
  leagueCommittee: oc_league
calendar:
  holidays: ['2026-10-01..2026-10-07']
  workdays: ['2026-10-10']
${extra}`);
}

export const REPORTER = 'ou_reporter_1';
export const REPORTER_NAME = '林同学';
export const TICKET_TEXT = '宿舍楼三层的热水器坏了一周，报修两次都没人来';
export const OFFICER: TicketActor = { openId: 'ou_member_rights', name: '钱干事' };

/** Files a ticket at the clock's time, as the repository does for /feedback. */
export async function fileTicket(rt: TestRuntime, over: Partial<TicketDraft> = {}): Promise<Ticket> {
  const ctx = contextFor(rt, REPORTER);
  const anonymous = over.anonymous ?? false;
  const ticket = await ctx.repos.tickets.file(
    ctx.uow,
    {
      category: 'dorm',
      text: TICKET_TEXT,
      anonymous,
      contact: !anonymous,
      cosignable: false,
      ...(anonymous
        ? { sealed: rt.bot.services.sealer.seal(REPORTER) }
        : { reporter: { openId: REPORTER, name: REPORTER_NAME } }),
      unit: 'school',
      reporterKey: rt.bot.services.sealer.pseudonym(REPORTER),
      ...over,
    },
    rt.clock.now(),
  );
  await ctx.finish();
  return ticket;
}

/** Applies a step to a ticket, as a handler would, at the clock's time. */
export async function stepTicket(rt: TestRuntime, id: string, fn: TicketStep): Promise<Ticket> {
  const ctx = contextFor(rt, OFFICER.openId);
  const outcome = await ctx.repos.tickets.step(ctx.uow, id, fn);
  if (!outcome.ok) throw new Error(`step refused: ${JSON.stringify(outcome)}`);
  await ctx.finish();
  return outcome.ticket;
}

export const answer = (rt: TestRuntime, id: string, ask = false) =>
  stepTicket(rt, id, (t) => reply(t, OFFICER, '我们在处理', rt.clock.now(), ask));
export const resolveTicket = (rt: TestRuntime, id: string) =>
  stepTicket(rt, id, (t) => resolve(t, OFFICER, '已修好', rt.clock.now()));

export function clockOf(rt: TestRuntime) {
  return rt.clock as ReturnType<typeof fixedClock>;
}

/** Runs the job for the 10-minute slot of the clock's time (or a given one) and delivers what it queued. */
export async function runEscalation(rt: TestRuntime, period?: string): Promise<number> {
  const now = rt.clock.now();
  const queued = await runJobOnce(
    rt.bot.services,
    grievanceEscalation,
    period ?? periodOf('slot', now, rt.bot.services.org.timezone),
    now,
  );
  await rt.settle();
  return queued;
}

/** Texts sent to a person (open_id) or chat (chat_id). */
export function textsTo(rt: TestRuntime, id: string): string[] {
  return rt.sender.sent.filter((m) => m.kind === 'send' && m.to.id === id).flatMap(textOf);
}

/** Everything sent, as `<recipient>: <text>`. */
export function sentLines(rt: TestRuntime): string[] {
  return rt.sender.sent.flatMap((m) => (m.kind === 'send' ? textOf(m).map((x) => `${m.to.id}: ${x}`) : []));
}

export async function ticketOf(rt: TestRuntime, id: string): Promise<Ticket | undefined> {
  return rt.bot.services.repos.tickets.get(id);
}

function textOf(m: OutboxMessage): string[] {
  if (m.kind !== 'send' || m.msgType === 'interactive') return [];
  const c = JSON.parse(m.content) as { text?: string; zh_cn?: { content: { text: string }[][] } };
  return [c.text ?? (c.zh_cn?.content ?? []).map((p) => p.map((n) => n.text).join('')).join('\n')];
}
