import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import type { CardActionResponse } from '../../src/bot/envelope.ts';
import { renderCardText } from '../../src/cards/render-text.ts';
import { parseOrg } from '../../src/config/org.ts';
import type { Application, Objection } from '../../src/domain/recruitment.ts';
import type { fixedClock } from '../../src/lib/clock.ts';
import type { OutboxMessage } from '../../src/messages/outbox-message.ts';
import { runJobOnce } from '../../src/schedules/job-context.ts';
import { noticeClose } from '../../src/schedules/recruitment/notice-close.ts';
import { applicationWrites } from '../../src/store/repos/recruitment.ts';
import type { Store } from '../../src/store/store.ts';
import { makeCardAction, makeMessageEvent, plainRequest } from '../helpers/fixtures.ts';
import { type TestRuntime, testRuntime } from '../helpers/test-runtime.ts';

/**
 * 学术部 (cap 3) has its head and one member; 办公室 its head and one member; one
 * presidium member: five seats in the union. Two League committee members; an
 * announcements chat.
 */
export const MEMBERSHIP_ORG_YAML = `
university: 测试大学
timezone: Asia/Shanghai
limits: { presidium: 4, department: 9, union: 20 }
presidium: [陈主席 <ou_presidium_1>]
departments:
  - id: office
    name: 办公室
    heads: [周部长 <ou_head_office>]
    members: [吴干事 <ou_member_office>]
  - id: academic
    name: 学术部
    cap: 3
    heads: [孙部长 <ou_head_academic>]
    members: [钱同学 <ou_academic_1>]
colleges:
  - id: cs
    name: 计算机学院
    leagueBranch: [王老师 <ou_league_cs>]
    partyCommittee: [李书记 <ou_party_cs>]
leagueCommittee: [何老师 <ou_league_committee>, 许老师 <ou_league_committee_2>]
admins: [管理员 <ou_admin>]
`;

export const NOW = '2026-11-20T02:00:00.000Z';
/** Five days after NOW. */
export const NOTICE_UNTIL = '2026-11-25T02:00:00.000Z';
export const ID = 'R-2026-0001';
export const APPLICANT = 'ou_applicant';
export const STUDENT_NO = '2024000123';
export const PHONE = '13800138000';

export function membershipOrg(
  opts: { announcements?: boolean; committeeChat?: boolean; extraPeople?: boolean } = {},
) {
  // Two members called 李同学 (one per department) and one named by email.
  const yaml = opts.extraPeople
    ? MEMBERSHIP_ORG_YAML.replace(
        'members: [吴干事 <ou_member_office>]',
        'members: [吴干事 <ou_member_office>, 李同学 <ou_li_office>, 郑干事 <Zheng@example.edu.cn>]',
      ).replace(
        'members: [钱同学 <ou_academic_1>]',
        'members: [钱同学 <ou_academic_1>, 李同学 <ou_li_academic>]',
      )
    : MEMBERSHIP_ORG_YAML;
  const chats = [
    ...(opts.announcements === false ? [] : ['announcements: oc_announce']),
    ...(opts.committeeChat ? ['leagueCommittee: oc_committee'] : []),
  ];
  return parseOrg(`${yaml}${chats.length ? `chats: { ${chats.join(', ')} }\n` : ''}`);
}

export async function membershipRuntime(
  opts: {
    store?: Store;
    env?: Record<string, string>;
    announcements?: boolean;
    committeeChat?: boolean;
    extraPeople?: boolean;
  } = {},
): Promise<TestRuntime> {
  return testRuntime({
    org: membershipOrg(opts),
    now: NOW,
    ...(opts.store ? { store: opts.store } : {}),
    ...(opts.env ? { env: opts.env } : {}),
  });
}

/** An application that passed the panel, as the review feature leaves it. */
export function noticeApplication(
  over: Partial<Application> & { openId?: string; name?: string } = {},
): Application {
  const { openId = APPLICANT, name = '张三', ...rest } = over;
  return {
    v: 1,
    id: ID,
    applicant: {
      openId,
      name,
      studentNo: STUDENT_NO,
      college: 'cs',
      className: '计科2401',
      political: '共青团员',
      phone: PHONE,
    },
    first: 'academic',
    adjust: false,
    reason: '想为同学服务',
    state: 'notice',
    stage: 2,
    stageSince: '2026-11-20T01:00:00.000Z',
    department: 'academic',
    scores: { written: 88, interview: 90 },
    noticeUntil: NOTICE_UNTIL,
    createdAt: '2026-11-02T02:00:00.000Z',
    updatedAt: '2026-11-20T01:00:00.000Z',
    rev: 4,
    objections: [] as Objection[],
    trail: [
      { at: '2026-11-02T02:00:00.000Z', by: openId, name, role: 'student', action: 'submitted' },
      {
        at: '2026-11-04T02:00:00.000Z',
        by: 'ou_league_cs',
        name: '王老师',
        role: 'leagueBranch',
        action: 'approved',
        stage: 'recommend',
      },
      {
        at: '2026-11-10T02:00:00.000Z',
        by: 'ou_party_cs',
        name: '李书记',
        role: 'partyCommittee',
        action: 'approved',
        stage: 'agree',
      },
      {
        at: '2026-11-20T01:00:00.000Z',
        by: 'ou_league_committee',
        name: '何老师',
        role: 'leagueCommittee',
        action: 'approved',
        stage: 'panel',
        department: 'academic',
        scores: { written: 88, interview: 90 },
      },
      { at: '2026-11-20T01:00:00.000Z', by: 'system', action: 'notice' },
    ],
    ...rest,
  };
}

/** Stores the application with its indexes and its seat, as the panel's approval would. */
export async function putInNotice(
  rt: TestRuntime,
  app: Application = noticeApplication(),
): Promise<Application> {
  const { keys } = rt;
  const seat = app.department && app.state === 'notice';
  await rt.store.commit({
    plan: () => ({
      writes: [
        ...applicationWrites(keys, app),
        { op: 'set', key: keys.studentNumber(app.applicant.studentNo), value: app.applicant.openId },
        { op: 'zadd', key: keys.appsCreated, score: Date.parse(app.createdAt), member: app.id },
        { op: 'sadd', key: keys.applicationsOf(app.applicant.openId), members: [app.id] },
        ...(seat
          ? [
              {
                op: 'sadd' as const,
                key: keys.seats(app.department as string),
                members: [app.applicant.openId],
              },
              { op: 'sadd' as const, key: keys.seatsUnion, members: [app.applicant.openId] },
            ]
          : []),
      ],
      result: null,
    }),
  });
  return app;
}

export function clockOf(rt: TestRuntime) {
  return rt.clock as ReturnType<typeof fixedClock>;
}

/** A message from `openId`: p2p in their own chat, or in a group @-mentioning the bot. */
export async function say(
  rt: TestRuntime,
  openId: string,
  text: string,
  opts: { group?: boolean; mentions?: { openId: string; name?: string }[]; messageId?: string } = {},
): Promise<void> {
  const atBot = { key: '@_user_0', openId: 'ou_local_bot', name: '学生会助手' };
  const others = (opts.mentions ?? []).map((m, i) => ({
    key: `@_user_${i + 1}`,
    openId: m.openId,
    name: m.name,
  }));
  const placeholders = others.map((m) => m.key).join(' ');
  const body = opts.group ? `@_user_0 ${text}` : text;
  // Mentions go right after the command word, as Feishu places them where they were typed.
  const withMentions = placeholders ? body.replace(/^(@_user_0 )?(\S+)/, `$1$2 ${placeholders}`) : body;
  const res = await rt.app.request(
    '/lark/events',
    plainRequest(
      makeMessageEvent({
        text: withMentions,
        senderOpenId: openId,
        chatType: opts.group ? 'group' : 'p2p',
        chatId: opts.group ? 'oc_group_1' : `oc_p2p_${openId}`,
        mentions: [...(opts.group ? [atBot] : []), ...others],
        ...(opts.messageId ? { messageId: opts.messageId } : {}),
      }),
    ),
  );
  expect(res.status).toBe(200);
  await rt.settle();
}

/** `/辞职 …` and then 确认辞职 on the confirmation card (with a reason in its form, if given). */
export async function resignAs(
  rt: TestRuntime,
  openId: string,
  text = '/辞职',
  reason?: string,
): Promise<CardActionResponse | undefined> {
  await say(rt, openId, text);
  const card = rt.sender.sent
    .filter((m) => m.kind === 'send' && m.to.id === `oc_p2p_${openId}` && m.msgType === 'interactive')
    .at(-1);
  const value = card && /"a":"membership.resign","d":"([^"]+)"/.exec((card as { content: string }).content);
  if (!value) return undefined;
  const res = await rt.app.request(
    '/lark/events',
    plainRequest(
      makeCardAction({
        value: { a: 'membership.resign', d: value[1], v: 1 },
        operatorOpenId: openId,
        formValue: reason ? { reason } : {},
        eventId: `ev_${randomUUID()}`,
      }),
    ),
  );
  const body = (await res.json()) as CardActionResponse;
  await rt.settle();
  return body;
}

/**
 * `/免职 …` as `openId` (in a group with `opts.group`), then a click on the confirmation
 * card's button with the reason the card offers (or `reason`). Returns the card's text and
 * the click's answer (undefined when no card came).
 */
export async function removeAs(
  rt: TestRuntime,
  openId: string,
  text: string,
  opts: Parameters<typeof say>[3] & { reason?: string; clicker?: string } = {},
): Promise<{ card: string; reason: string | undefined; answer: CardActionResponse } | undefined> {
  const before = rt.sender.sent.length;
  await say(rt, openId, text, opts);
  const sent = rt.sender.sent
    .slice(before)
    .find((m) => (m.kind === 'send' || m.kind === 'reply') && m.msgType === 'interactive');
  if (!sent) return undefined;
  const content = JSON.parse((sent as { content: string }).content) as Record<string, unknown>;
  const raw = JSON.stringify(content);
  const value = /"a":"membership.remove","o":"([^"]+)","d":"([^"]+)"/.exec(raw);
  const offered = inputDefault(content, 'reason');
  if (!value) return undefined;
  const res = await rt.app.request(
    '/lark/events',
    plainRequest(
      makeCardAction({
        value: { a: 'membership.remove', o: value[1], d: value[2], v: 1 },
        operatorOpenId: opts.clicker ?? openId,
        formValue: { reason: opts.reason ?? offered ?? '' },
        eventId: `ev_${randomUUID()}`,
      }),
    ),
  );
  const answer = (await res.json()) as CardActionResponse;
  await rt.settle();
  return { card: renderCardText(content as never).text, reason: offered, answer };
}

/** The default value of a card's input named `name`, wherever it is in the card. */
export function inputDefault(node: unknown, name: string): string | undefined {
  if (!node || typeof node !== 'object') return undefined;
  const o = node as Record<string, unknown>;
  if (o.tag === 'input' && o.name === name && typeof o.default_value === 'string') return o.default_value;
  for (const v of Object.values(o)) {
    const found = inputDefault(v, name);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** A click on an objection card's button, with the resolution in the form. */
export async function clickResolve(
  rt: TestRuntime,
  operator: string,
  d: 'uphold' | 'dismiss',
  reason = '经核实',
  opts: { n?: number; eventId?: string } = {},
): Promise<CardActionResponse> {
  const res = await rt.app.request(
    '/lark/events',
    plainRequest(
      makeCardAction({
        value: { a: 'objection.resolve', id: ID, n: opts.n ?? 1, d, v: 1 },
        operatorOpenId: operator,
        formValue: { reason },
        eventId: opts.eventId ?? `ev_${randomUUID()}`,
      }),
    ),
  );
  expect(res.status).toBe(200);
  const body = (await res.json()) as CardActionResponse;
  await rt.settle();
  return body;
}

/** Sent plain texts addressed to an open_id or chat (post content flattened). */
export function textsTo(rt: TestRuntime, id: string): string[] {
  return rt.sender.sent.filter((m) => m.kind === 'send' && m.to.id === id).flatMap(textOf);
}

/** Replies (p2p: to the person's chat `oc_p2p_<openId>`; group: threaded replies). */
export function repliesTo(rt: TestRuntime, openId: string): string[] {
  return textsTo(rt, `oc_p2p_${openId}`);
}

export function groupReplies(rt: TestRuntime): string[] {
  return rt.sender.sent.filter((m) => m.kind === 'reply').flatMap(textOf);
}

export function textOf(m: OutboxMessage): string[] {
  if ((m.kind !== 'send' && m.kind !== 'reply') || m.msgType === 'interactive') return [];
  const c = JSON.parse(m.content) as { zh_cn?: { content: { text: string }[][] }; text?: string };
  return [c.text ?? (c.zh_cn?.content ?? []).map((p) => p.map((n) => n.text).join('')).join('\n')];
}

export function cardsTo(rt: TestRuntime, id: string): Record<string, unknown>[] {
  return rt.sender.sent
    .filter((m) => m.kind === 'send' && m.to.id === id && m.msgType === 'interactive')
    .map((m) => JSON.parse((m as { content: string }).content) as Record<string, unknown>);
}

export async function runNoticeClose(rt: TestRuntime, period = '2026-11-25T10:10'): Promise<number> {
  const n = await runJobOnce(rt.bot.services, noticeClose, period, rt.clock.now());
  await rt.settle();
  return n;
}

export async function appOf(rt: TestRuntime, id = ID): Promise<Application | undefined> {
  return rt.repos.recruitment.get(id);
}
