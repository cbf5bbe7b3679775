import { parseOrg } from '../../src/config/org.ts';
import type { Meeting, MeetingMonth } from '../../src/domain/meetings.ts';
import type { OutboxMessage } from '../../src/messages/outbox-message.ts';
import { makeCardAction, makeMessageEvent, plainRequest } from '../helpers/fixtures.ts';
import { TEST_ORG_YAML, testOrg } from '../helpers/org.ts';
import type { TestRuntime } from '../helpers/test-runtime.ts';

/** 2026-11-25 10:00 in Shanghai. */
export const NOW = '2026-11-25T02:00:00Z';

/** The test org with ou_presidium_1 also leading 计算机学院: two units, so they must name one. */
export function twoUnitOrg() {
  const yaml = TEST_ORG_YAML.replace(
    'leaders: [赵同学 <ou_leader_cs>]',
    'leaders: [赵同学 <ou_leader_cs>, 陈主席 <ou_presidium_1>]',
  );
  if (yaml === TEST_ORG_YAML) throw new Error('the test org changed: update twoUnitOrg');
  return parseOrg(yaml);
}

/**
 * Five units: 校学生会 (advised by the League committee), 计算机学院 (王老师), 数学学院
 * (钱老师, no leaders), 东校区 (no advisors of its own) and the class 计科2026级 (advised
 * by 王老师 too, like its college).
 */
export const EXTRA_UNITS_YAML = `
units:
  - id: east
    name: 东校区
    level: campus
    leaders: [孙同学 <ou_leader_east>]
  - id: cs-2026
    name: 计科2026级
    level: class
    college: cs
    leaders: [班长 <ou_leader_cs2026>]
    advisors: [王老师 <ou_league_cs>]
`;

export function jobOrg(extra = '') {
  return testOrg(EXTRA_UNITS_YAML + extra);
}

/** Sends a command as a person, each from its own chat unless told, and runs the bot until idle. */
export async function say(rt: TestRuntime, openId: string, text: string, chatId?: string) {
  await rt.app.request(
    '/lark/events',
    plainRequest(makeMessageEvent({ senderOpenId: openId, text, ...(chatId ? { chatId } : {}) })),
  );
  await rt.settle();
}

/** Clicks the form's submit button with the given form values; returns the callback's answer. */
export async function submitForm(
  rt: TestRuntime,
  openId: string,
  formValue: Record<string, unknown>,
  value: unknown = { a: 'meeting.record', v: 1 },
) {
  const res = await rt.app.request(
    '/lark/events',
    plainRequest(makeCardAction({ value, operatorOpenId: openId, formValue })),
  );
  await rt.settle();
  return (await res.json()) as {
    toast?: { type: string; content: string };
    card?: { type: string; data: Record<string, unknown> };
  };
}

/** Only the study-meeting records of a memory store snapshot. */
export function meetingKeys(rt: TestRuntime): Record<string, unknown> {
  return Object.fromEntries(Object.entries(rt.memory!.snapshot()).filter(([k]) => k.includes(':meetings:')));
}

/** The stored record of a unit's month. */
export async function stored(rt: TestRuntime, month: string, unit: string): Promise<MeetingMonth | null> {
  const raw = await rt.store.get(rt.keys.meetings(month, unit));
  return raw === null ? null : (JSON.parse(raw) as MeetingMonth);
}

/** Writes a unit's month directly (job and report tests). */
export async function seed(
  rt: TestRuntime,
  month: string,
  unit: string,
  meetings: { date: string; topic: string; attendance?: number | null; minutesUrl?: string }[],
) {
  const record: MeetingMonth = {
    v: 1,
    unit,
    month,
    meetings: meetings.map(
      (m, i): Meeting => ({
        id: `seed${i}`,
        attendance: null,
        recordedBy: 'ou_seed',
        recordedAt: '2026-11-01T00:00:00.000Z',
        ...m,
      }),
    ),
  };
  await rt.store.commit({
    plan: () => ({
      writes: [{ op: 'set', key: rt.keys.meetings(month, unit), value: JSON.stringify(record) }],
      result: null,
    }),
  });
}

/** Plain text of a sent post message. */
export function textOf(m: OutboxMessage): string {
  if ((m.kind !== 'send' && m.kind !== 'reply') || m.msgType === 'interactive') return '';
  const c = JSON.parse(m.content) as { zh_cn?: { content: { text: string }[][] } };
  return (c.zh_cn?.content ?? []).map((p) => p.map((n) => n.text).join('')).join('\n');
}

/** Texts sent to one person (open_id) or chat. */
export function textsTo(rt: TestRuntime, id: string): string[] {
  return rt.sender.sent.filter((m) => m.kind === 'send' && m.to.id === id).map(textOf);
}

/** Everyone (open_id or chat) something was sent to, sorted, with repeats. */
export function recipients(rt: TestRuntime): string[] {
  return rt.sender.sent.flatMap((m) => (m.kind === 'send' ? [m.to.id] : [])).sort();
}
