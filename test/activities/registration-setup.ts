import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterEach, expect } from 'vitest';
import type { CardActionResponse } from '../../src/bot/envelope.ts';
import { renderCardText } from '../../src/cards/render-text.ts';
import { loadEnv } from '../../src/config/env.ts';
import { parseOrg } from '../../src/config/org.ts';
import { fixedClock } from '../../src/lib/clock.ts';
import { silentLogger } from '../../src/lib/logger.ts';
import type { OutboxMessage } from '../../src/messages/outbox-message.ts';
import { createRuntime, type Runtime } from '../../src/runtime.ts';
import { activityJobs } from '../../src/schedules/activities/index.ts';
import { runJobOnce } from '../../src/schedules/job-context.ts';
import { RedisStore } from '../../src/store/redis-store.ts';
import { encryptedRequest, makeCardAction, makeMessageEvent } from '../helpers/fixtures.ts';
import { TEST_ORG_YAML } from '../helpers/org.ts';
import { REDIS_URL, redisPrefix } from '../helpers/redis.ts';
import { RecordingSender } from '../helpers/test-runtime.ts';

/**
 * Activities on the real Redis through the HTTP receiver: every message and click is an
 * encrypted, signed request, as Feishu sends it (the grievances harness, for activities).
 */

const KEY = 'activities encrypt key';
export const NOW = '2026-11-20T02:00:00.000Z'; // 10:00 in Shanghai
export const ORGANISER = 'ou_head_office';
export const ANNOUNCEMENTS = 'oc_announcements';

export const ORG = parseOrg(`${TEST_ORG_YAML}chats:\n  announcements: ${ANNOUNCEMENTS}\n`);

export interface Harness {
  rt: Runtime;
  sender: RecordingSender;
  prefix: string;
  clock: ReturnType<typeof fixedClock>;
  settle(): Promise<void>;
  say(openId: string, text: string, chatId?: string): Promise<void>;
  /** A click answered by the callback; the queues are not drained (a stampede drains once). */
  press(
    openId: string,
    value: unknown,
    o?: { form?: Record<string, unknown>; messageId?: string },
  ): Promise<CardActionResponse>;
  click(
    openId: string,
    value: unknown,
    o?: { form?: Record<string, unknown>; messageId?: string },
  ): Promise<CardActionResponse>;
  job(name: 'activity-lottery' | 'activity-offers'): Promise<number>;
}

const opened: Harness[] = [];
afterEach(async () => {
  const redis = new Redis(REDIS_URL);
  for (const h of opened.splice(0)) {
    await h.rt.close();
    const keys = await redis.keys(`${h.prefix}*`);
    if (keys.length) await redis.del(...keys);
  }
  redis.disconnect();
});

let runs = 0;

export async function harness(): Promise<Harness> {
  const prefix = redisPrefix('activities');
  const sender = new RecordingSender();
  const clock = fixedClock(NOW);
  const store = await RedisStore.connect(REDIS_URL, prefix);
  const rt = await createRuntime({
    env: loadEnv({
      LARK_ENCRYPT_KEY: KEY,
      LARK_VERIFICATION_TOKEN: 'vtoken',
      REDIS_PREFIX: prefix,
      SEAL_KEY: 'a'.repeat(40),
    }),
    org: ORG,
    log: silentLogger(),
    clock,
    sender,
    store,
  });
  const settle = async () => {
    while ((await rt.inbox.drain()) + (await rt.outbox.drain()) > 0) {
      // handling may queue more
    }
  };
  const post = (payload: unknown) =>
    rt.app.request(
      '/lark/events',
      encryptedRequest(payload, KEY, { timestamp: String(Math.floor(clock.now().getTime() / 1000)) }),
    );
  const press: Harness['press'] = async (openId, value, o = {}) => {
    const res = await post(
      makeCardAction({
        value,
        operatorOpenId: openId,
        ...(o.form ? { formValue: o.form } : {}),
        messageId: o.messageId ?? `om_${randomUUID().replace(/-/g, '')}`,
      }),
    );
    expect(res.status).toBe(200);
    return (await res.json()) as CardActionResponse;
  };
  const h: Harness = {
    rt,
    sender,
    prefix,
    clock,
    settle,
    async say(openId, text, chatId = `oc_dm_${openId}`) {
      const messageId = `om_${randomUUID().replace(/-/g, '')}`;
      const res = await post(makeMessageEvent({ text, senderOpenId: openId, chatId, messageId }));
      expect(res.status).toBe(200);
      await settle();
    },
    press,
    async click(openId, value, o) {
      const body = await press(openId, value, o);
      await settle();
      return body;
    },
    async job(name) {
      const job = activityJobs.find((j) => j.name === name);
      if (!job) throw new Error(`no job ${name}`);
      runs += 1;
      const queued = await runJobOnce(rt.bot.services, job, `test-${runs}`, clock.now());
      await settle();
      return queued;
    },
  };
  opened.push(h);
  return h;
}

export const recipient = (m: OutboxMessage) =>
  m.kind === 'send' ? m.to.id : m.kind === 'reply' ? m.chatId : m.kind;
export const cardsTo = (h: Harness, id: string) =>
  h.sender.sent.filter(
    (m) => recipient(m) === id && (m.kind === 'send' || m.kind === 'reply') && m.msgType === 'interactive',
  );
export const textsTo = (h: Harness, id: string) =>
  h.sender.sent
    .filter(
      (m) => recipient(m) === id && (m.kind === 'send' || m.kind === 'reply') && m.msgType !== 'interactive',
    )
    .map((m) => {
      const c = JSON.parse((m as { content: string }).content) as {
        text?: string;
        zh_cn?: { content: { text: string }[][] };
      };
      return c.text ?? (c.zh_cn?.content ?? []).map((p) => p.map((n) => n.text).join('')).join('\n');
    });
export const cardText = (m: OutboxMessage | undefined) =>
  m && (m.kind === 'send' || m.kind === 'reply' || m.kind === 'patch')
    ? renderCardText(JSON.parse(m.content)).text
    : '';
export const cardDataText = (data: Record<string, unknown> | undefined) =>
  data ? renderCardText(data as never).text : '';

/** The form as an organiser fills it: an activity on 25 Nov 19:00–21:00, open now, closing at the start. */
export function activityForm(o: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    title: '秋季读书分享会',
    description: '带一本书，讲五分钟',
    department: 'office',
    startDate: '2026-11-25 +0800',
    startTime: '19:00',
    endTime: '21:00',
    place: '图书馆报告厅',
    capacity: '50',
    admission: 'first-come',
    waitlist: 'yes',
    checkinBefore: '30',
    hours: '2',
    ...o,
  };
}

/** Creates (through the form) and publishes an activity; returns its id. */
export async function publishActivity(h: Harness, form: Record<string, unknown> = {}): Promise<string> {
  const created = await h.click(ORGANISER, { a: 'activity.create', v: 1 }, { form: activityForm(form) });
  expect(created.toast?.type).toBe('success');
  const id = /A\d+/.exec(created.toast?.content ?? '')?.[0] as string;
  expect(id).toBeDefined();
  const published = await h.click(ORGANISER, { a: 'activity.publish', id, d: 'publish', v: 1 });
  expect(published.toast?.type).toBe('success');
  return id;
}

export const registerValue = (id: string) => ({ a: 'activity.register', id, v: 1 });
