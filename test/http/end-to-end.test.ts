import nock from 'nock';
import { afterEach, describe, expect, it } from 'vitest';
import { loadEnv } from '../../src/config/env.ts';
import { fixedClock } from '../../src/lib/clock.ts';
import { silentLogger } from '../../src/lib/logger.ts';
import { createRuntime } from '../../src/runtime.ts';
import { MemoryStore } from '../../src/store/memory-store.ts';
import { fakeLark, recordMessages, recordRequests, TEST_APP_ID } from '../helpers/fake-lark.ts';
import { encryptedRequest, makeMessageEvent } from '../helpers/fixtures.ts';
import { testOrg } from '../helpers/org.ts';

const BASE = 'http://lark.e2e.test';
const KEY = 'e2e encrypt key';

afterEach(() => {
  nock.cleanAll();
});

/** The production wiring with real credentials, Feishu faked at the HTTP boundary. */
async function liveRuntime() {
  fakeLark(BASE);
  const botInfo = recordRequests(BASE, '/open-apis/bot/v3/info', () => ({
    body: { code: 0, msg: 'ok', bot: { open_id: 'ou_the_bot', app_name: '学生会助手' } },
  }));
  const rt = await createRuntime({
    env: loadEnv({
      LARK_APP_ID: TEST_APP_ID,
      LARK_APP_SECRET: 'secret',
      LARK_DOMAIN: BASE,
      LARK_ENCRYPT_KEY: KEY,
      LARK_VERIFICATION_TOKEN: 'vtoken',
    }),
    org: testOrg(),
    log: silentLogger(),
    clock: fixedClock(new Date()),
    store: new MemoryStore(),
  });
  return { rt, botInfo };
}

const atBot = { key: '@_user_1', openId: 'ou_the_bot', name: '学生会助手' };

describe('end to end over HTTP with Feishu faked', () => {
  it('answers a group @-mention with a card replied through the OpenAPI', async () => {
    const { rt, botInfo } = await liveRuntime();
    expect(rt.bot.identity?.openId).toBe('ou_the_bot');
    expect(botInfo.requests).toHaveLength(1);
    const sent = recordMessages(BASE);
    const event = makeMessageEvent({
      chatType: 'group',
      messageId: 'om_ask',
      text: '@_user_1 /help',
      mentions: [atBot],
    });
    const res = await rt.app.request('/lark/events', encryptedRequest(event, KEY));
    expect(res.status).toBe(200);
    await rt.inbox.drain();
    await rt.outbox.drain();
    expect(sent.requests).toHaveLength(1);
    const [req] = sent.requests;
    expect(req?.path).toBe('/open-apis/im/v1/messages/om_ask/reply');
    expect(req?.body).toMatchObject({ msg_type: 'interactive' });
    expect(JSON.parse(String(req?.body.content))).toMatchObject({ schema: '2.0' });
    expect(String(req?.body.uuid)).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('sends one message with one uuid when Feishu answers 429 then 200, and counts the calls', async () => {
    const { rt } = await liveRuntime();
    const sent = recordMessages(BASE, [
      {
        status: 429,
        body: { code: 99991400, msg: 'request trigger frequency limit' },
        headers: { 'x-ogw-ratelimit-reset': '0' },
      },
    ]);
    await rt.app.request('/lark/events', encryptedRequest(makeMessageEvent({ text: '/我是谁' }), KEY));
    await rt.inbox.drain();
    await rt.outbox.drain();
    expect(sent.requests).toHaveLength(2);
    expect(sent.bodies()[0]?.uuid).toBe(sent.bodies()[1]?.uuid);
    expect(await rt.store.outbox.backlog()).toBe(0);
    expect(await rt.store.outbox.deadLetters()).toHaveLength(0);
    expect(await rt.meter.usage(new Date().toISOString().slice(0, 7))).toMatchObject({
      'im.message.create': 2,
    });
  });

  it('sends one message with one uuid when Feishu answers 500 then 200', async () => {
    const { rt } = await liveRuntime();
    const sent = recordMessages(BASE, [{ status: 500, body: { code: 1, msg: 'internal' } }]);
    await rt.app.request('/lark/events', encryptedRequest(makeMessageEvent({ text: '/help' }), KEY));
    await rt.inbox.drain();
    // The worker's default backoff is real time; drain it with a short one.
    await rt.outbox.drain();
    expect(sent.requests).toHaveLength(2);
    expect(sent.bodies()[0]?.uuid).toBe(sent.bodies()[1]?.uuid);
  });
});
