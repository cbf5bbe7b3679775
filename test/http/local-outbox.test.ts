import nock from 'nock';
import { afterEach, describe, expect, it } from 'vitest';
import { ConsoleSender } from '../../src/bot/console-sender.ts';
import { LocalOutbox } from '../../src/bot/local-outbox.ts';
import { loadEnv } from '../../src/config/env.ts';
import { silentLogger } from '../../src/lib/logger.ts';
import { createRuntime } from '../../src/runtime.ts';
import { MemoryStore } from '../../src/store/memory-store.ts';
import { fakeLark, TEST_APP_ID } from '../helpers/fake-lark.ts';
import { makeMessageEvent, plainRequest } from '../helpers/fixtures.ts';
import { testOrg } from '../helpers/org.ts';

afterEach(() => {
  nock.cleanAll();
  nock.enableNetConnect();
});

/** The bot as `npm start` builds it in local mode: printing is replaced by keeping. */
async function localBot(env: Record<string, string> = {}) {
  const outbox = new LocalOutbox(3);
  const rt = await createRuntime({
    env: loadEnv(env),
    org: testOrg(),
    log: silentLogger(),
    sender: new ConsoleSender((m) => outbox.record(m)),
    localOutbox: outbox,
    store: new MemoryStore(),
  });
  const drain = async () => {
    while ((await rt.inbox.drain()) + (await rt.outbox.drain()) > 0) {
      // handling may queue more
    }
  };
  const read = async (after: number, headers: Record<string, string> = {}) => {
    const res = await rt.app.request(`/local/outbox?after=${after}`, { headers });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  return { rt, drain, read };
}

const whoami = (token?: string) =>
  plainRequest(makeMessageEvent({ text: '/whoami', senderOpenId: 'ou_admin', token }));

describe('GET /local/outbox (local mode)', () => {
  it('serves what the bot would have sent, numbered, and says whether it is still busy', async () => {
    const { rt, drain, read } = await localBot();
    expect((await rt.app.request('/lark/events', whoami())).status).toBe(200);
    // Acknowledged, not handled yet: the chat must keep waiting.
    expect((await read(0)).body).toMatchObject({ busy: true, last: 0, messages: [] });
    await drain();
    const page = await read(0);
    expect(page.body).toMatchObject({ busy: false, last: 1, dropped: 0 });
    const [reply] = page.body.messages as { seq: number; to: string; rendered: { text: string } }[];
    expect(reply?.seq).toBe(1);
    expect(reply?.to).toContain('oc_p2p_1');
    expect(reply?.rendered.text).toContain('管理员');
    expect((await read(1)).body).toMatchObject({ last: 1, messages: [] });
  });

  it('keeps the last messages only, and says how many a slow reader missed', async () => {
    const { rt, drain, read } = await localBot();
    for (let i = 0; i < 5; i++) await rt.app.request('/lark/events', whoami());
    await drain();
    const page = await read(0);
    expect(page.body).toMatchObject({ last: 5, dropped: 2 });
    expect((page.body.messages as { seq: number }[]).map((m) => m.seq)).toEqual([3, 4, 5]);
  });

  it('asks for the Verification Token when one is configured, as the events do', async () => {
    const { read } = await localBot({ LARK_VERIFICATION_TOKEN: 'vtoken' });
    expect((await read(0)).status).toBe(403);
    expect((await read(0, { 'x-lark-verification-token': 'wrong' })).status).toBe(403);
    expect((await read(0, { 'x-lark-verification-token': 'vtoken' })).status).toBe(200);
  });

  it('does not exist with Feishu credentials, even when a local outbox is given', async () => {
    const lark = fakeLark('http://lark.outbox.test');
    nock(lark.base)
      .get('/open-apis/bot/v3/info')
      .reply(200, { code: 0, msg: 'ok', bot: { open_id: 'ou_the_bot' } });
    const outbox = new LocalOutbox();
    const rt = await createRuntime({
      env: loadEnv({
        LARK_APP_ID: TEST_APP_ID,
        LARK_APP_SECRET: 'secret',
        LARK_DOMAIN: lark.base,
        LARK_VERIFICATION_TOKEN: 'vtoken',
      }),
      org: testOrg(),
      log: silentLogger(),
      sender: new ConsoleSender((m) => outbox.record(m)),
      localOutbox: outbox,
      store: new MemoryStore(),
    });
    expect(rt.local).toBe(false);
    expect((await rt.app.request('/local/outbox?after=0')).status).toBe(404);
  });
});
