import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { afterEach, expect } from 'vitest';
import type { CardActionResponse } from '../../src/bot/envelope.ts';
import { renderCardText } from '../../src/cards/render-text.ts';
import { loadEnv } from '../../src/config/env.ts';
import type { Org } from '../../src/config/org.ts';
import { fixedClock } from '../../src/lib/clock.ts';
import { silentLogger } from '../../src/lib/logger.ts';
import type { OutboxMessage } from '../../src/messages/outbox-message.ts';
import { createRuntime, type Runtime } from '../../src/runtime.ts';
import { RedisStore } from '../../src/store/redis-store.ts';
import { encryptedRequest, makeCardAction, makeMessageEvent } from './fixtures.ts';
import { REDIS_URL, redisPrefix } from './redis.ts';
import { RecordingSender } from './test-runtime.ts';

const KEY = 'signed harness encrypt key';

/**
 * The production wiring on the real Redis, every message and click an encrypted, signed
 * request as Feishu sends it, Feishu's OpenAPI replaced by a recording sender. Closed, and
 * its keys deleted, after each test.
 */
export interface SignedHarness {
  rt: Runtime;
  sender: RecordingSender;
  prefix: string;
  clock: ReturnType<typeof fixedClock>;
  /** Runs inbox and outbox until nothing is left. */
  settle(): Promise<void>;
  /** Posts a text message and settles; returns the message id. */
  say(openId: string, text: string, chatId?: string): Promise<string>;
  /** A click answered by the callback; the queues are not drained. */
  press(openId: string, value: unknown, o?: ClickOptions): Promise<CardActionResponse>;
  /** A click, then settle. */
  click(openId: string, value: unknown, o?: ClickOptions): Promise<CardActionResponse>;
}

export interface ClickOptions {
  form?: Record<string, unknown>;
  messageId?: string;
}

const opened: SignedHarness[] = [];
afterEach(async () => {
  if (opened.length === 0) return;
  const redis = new Redis(REDIS_URL);
  for (const h of opened.splice(0)) {
    await h.rt.close();
    const keys = await redis.keys(`${h.prefix}*`);
    if (keys.length) await redis.del(...keys);
  }
  redis.disconnect();
});

export async function signedHarness(o: {
  org: Org;
  now: string;
  /** A name for the key prefix, or the prefix of another harness (a second replica). */
  name?: string;
  prefix?: string;
  log?: Logger;
  chatOf?: (openId: string) => string;
}): Promise<SignedHarness> {
  const prefix = o.prefix ?? redisPrefix(o.name ?? 'signed');
  const sender = new RecordingSender();
  const clock = fixedClock(o.now);
  const store = await RedisStore.connect(REDIS_URL, prefix);
  const rt = await createRuntime({
    env: loadEnv({
      LARK_ENCRYPT_KEY: KEY,
      LARK_VERIFICATION_TOKEN: 'vtoken',
      REDIS_PREFIX: prefix,
      SEAL_KEY: 'a'.repeat(40),
    }),
    org: o.org,
    log: o.log ?? silentLogger(),
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
  const press: SignedHarness['press'] = async (openId, value, c = {}) => {
    const res = await post(
      makeCardAction({
        value,
        operatorOpenId: openId,
        ...(c.form ? { formValue: c.form } : {}),
        messageId: c.messageId ?? `om_${randomUUID().replace(/-/g, '')}`,
      }),
    );
    expect(res.status).toBe(200);
    return (await res.json()) as CardActionResponse;
  };
  const chatOf = o.chatOf ?? (() => `oc_dm_${randomUUID().slice(0, 8)}`);
  const h: SignedHarness = {
    rt,
    sender,
    prefix,
    clock,
    settle,
    async say(openId, text, chatId = chatOf(openId)) {
      const messageId = `om_${randomUUID().replace(/-/g, '')}`;
      const res = await post(makeMessageEvent({ text, senderOpenId: openId, chatId, messageId }));
      expect(res.status).toBe(200);
      await settle();
      return messageId;
    },
    press,
    async click(openId, value, c) {
      const body = await press(openId, value, c);
      await settle();
      return body;
    },
  };
  opened.push(h);
  return h;
}

/** Signs a payload as the harness's Feishu would (for requests built by hand). */
export function signedRequest(h: SignedHarness, payload: unknown) {
  return encryptedRequest(payload, KEY, { timestamp: String(Math.floor(h.clock.now().getTime() / 1000)) });
}

/** Who a message went to: the person, the chat, or the kind (patch, card update). */
export const recipient = (m: OutboxMessage) =>
  m.kind === 'send' ? m.to.id : m.kind === 'reply' ? m.chatId : m.kind;

export const cardsTo = (h: SignedHarness, id: string) =>
  h.sender.sent.filter(
    (m) => recipient(m) === id && (m.kind === 'send' || m.kind === 'reply') && m.msgType === 'interactive',
  );

export const textsTo = (h: SignedHarness, id: string) =>
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
