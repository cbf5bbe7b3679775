import { describe, expect, it } from 'vitest';
import { encryptEvent } from '../../src/bot/crypto.ts';
import { encryptedRequest, makeMessageEvent, plainRequest } from '../helpers/fixtures.ts';
import { testRuntime } from '../helpers/test-runtime.ts';

const KEY = 'test encrypt key';

async function encryptedRuntime() {
  return testRuntime({ env: { LARK_ENCRYPT_KEY: KEY } });
}

describe('POST /lark/events: URL verification', () => {
  it('answers a plaintext challenge with its token', async () => {
    const rt = await testRuntime();
    const res = await rt.app.request(
      '/lark/events',
      plainRequest({ type: 'url_verification', challenge: 'abc', token: 'vtoken' }),
    );
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ challenge: 'abc' });
  });

  it('answers an encrypted challenge in plaintext', async () => {
    const rt = await encryptedRuntime();
    const body = JSON.stringify({
      encrypt: encryptEvent(
        JSON.stringify({ type: 'url_verification', challenge: 'xyz', token: 'vtoken' }),
        KEY,
      ),
    });
    const res = await rt.app.request('/lark/events', { method: 'POST', body });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ challenge: 'xyz' });
  });

  it('answers a plaintext challenge with the right token even when an Encrypt Key is set', async () => {
    // The console sends it in plaintext when the key was set in the environment first.
    const rt = await encryptedRuntime();
    const res = await rt.app.request(
      '/lark/events',
      plainRequest({ type: 'url_verification', challenge: 'plain', token: 'vtoken' }),
    );
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ challenge: 'plain' });
  });

  it('refuses a challenge with the wrong token', async () => {
    const rt = await testRuntime();
    const res = await rt.app.request(
      '/lark/events',
      plainRequest({ type: 'url_verification', challenge: 'abc', token: 'forged' }),
    );
    expect(res.status).toBe(403);
  });
});

describe('POST /lark/events: events', () => {
  it('records a signed, encrypted message and answers 200', async () => {
    const rt = await encryptedRuntime();
    const res = await rt.app.request(
      '/lark/events',
      encryptedRequest(makeMessageEvent({ text: '/help' }), KEY),
    );
    expect(res.status).toBe(200);
    expect(await rt.store.inbox.backlog()).toBe(1);
    await rt.settle();
    expect(rt.sender.cards()).toHaveLength(1);
  });

  it('accepts a plaintext message with the right token when no Encrypt Key is set', async () => {
    const rt = await testRuntime();
    const res = await rt.app.request('/lark/events', plainRequest(makeMessageEvent()));
    expect(res.status).toBe(200);
    expect(await rt.store.inbox.backlog()).toBe(1);
  });

  it('answers a duplicate delivery 200 and records it once', async () => {
    const rt = await encryptedRuntime();
    const event = makeMessageEvent({ messageId: 'om_dup' });
    const again = { ...event, header: { ...event.header, event_id: 'another_event_id' } };
    const first = await rt.app.request('/lark/events', encryptedRequest(event, KEY));
    const second = await rt.app.request('/lark/events', encryptedRequest(again, KEY));
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(await rt.store.inbox.backlog()).toBe(1);
  });

  it('dedupes other events on event_id', async () => {
    const rt = await testRuntime();
    const other = {
      schema: '2.0',
      header: { event_id: 'ev_other', event_type: 'im.chat.member.bot.added_v1', token: 'vtoken' },
      event: { chat_id: 'oc_1' },
    };
    await rt.app.request('/lark/events', plainRequest(other));
    await rt.app.request('/lark/events', plainRequest(other));
    expect(await rt.store.inbox.backlog()).toBe(1);
  });
});

describe('POST /lark/events: refusals change nothing', () => {
  const cases: [string, (rt: Awaited<ReturnType<typeof encryptedRuntime>>) => Promise<Response>, number][] = [
    [
      'no signature',
      (rt) => {
        const req = encryptedRequest(makeMessageEvent(), KEY);
        const { 'x-lark-signature': _, ...headers } = req.headers;
        return Promise.resolve(rt.app.request('/lark/events', { ...req, headers }));
      },
      401,
    ],
    [
      'a wrong signature',
      (rt) => {
        const req = encryptedRequest(makeMessageEvent(), KEY);
        return Promise.resolve(
          rt.app.request('/lark/events', {
            ...req,
            headers: { ...req.headers, 'x-lark-signature': 'f'.repeat(64) },
          }),
        );
      },
      401,
    ],
    [
      'a signature made with another key',
      (rt) => {
        const body = JSON.stringify({ encrypt: encryptEvent(JSON.stringify(makeMessageEvent()), KEY) });
        const req = encryptedRequest(null, 'other key', { rawBody: body });
        return Promise.resolve(rt.app.request('/lark/events', req));
      },
      401,
    ],
    [
      'a stale timestamp',
      (rt) =>
        Promise.resolve(
          rt.app.request(
            '/lark/events',
            encryptedRequest(makeMessageEvent(), KEY, {
              timestamp: String(Math.floor(Date.now() / 1000) - 9 * 3600),
            }),
          ),
        ),
      401,
    ],
    [
      'a body encrypted with another key',
      (rt) =>
        Promise.resolve(rt.app.request('/lark/events', encryptedRequest(makeMessageEvent(), 'other key'))),
      400,
    ],
    [
      'a plaintext body when an Encrypt Key is set',
      (rt) => Promise.resolve(rt.app.request('/lark/events', plainRequest(makeMessageEvent()))),
      400,
    ],
    [
      'a wrong verification token inside a signed body',
      (rt) =>
        Promise.resolve(
          rt.app.request('/lark/events', encryptedRequest(makeMessageEvent({ token: 'forged' }), KEY)),
        ),
      403,
    ],
    [
      'a body that is not JSON',
      (rt) =>
        Promise.resolve(
          rt.app.request('/lark/events', encryptedRequest(null, KEY, { rawBody: '{not json' })),
        ),
      400,
    ],
    [
      'a malformed envelope',
      (rt) =>
        Promise.resolve(
          rt.app.request(
            '/lark/events',
            encryptedRequest({ schema: '2.0', header: { token: 'vtoken' } }, KEY),
          ),
        ),
      400,
    ],
    [
      'a message event missing its message',
      (rt) => {
        const e = makeMessageEvent();
        return Promise.resolve(
          rt.app.request('/lark/events', encryptedRequest({ ...e, event: { sender: e.event.sender } }, KEY)),
        );
      },
      400,
    ],
    [
      'a signed body whose decrypted JSON is null',
      (rt) => Promise.resolve(rt.app.request('/lark/events', encryptedRequest(null, KEY))),
      400,
    ],
    [
      'a signed body whose decrypted JSON is an array',
      (rt) => Promise.resolve(rt.app.request('/lark/events', encryptedRequest([1, 2, 3], KEY))),
      400,
    ],
    [
      'a valid message event nested 5,000 levels deep',
      (rt) => {
        // Built as text: JSON.stringify itself would overflow the stack at this depth.
        const deep = `${'{"d":'.repeat(5000)}"bottom"${'}'.repeat(5000)}`;
        const event = JSON.stringify(makeMessageEvent()).replace(/}$/, `,"extra":${deep}}`);
        const rawBody = JSON.stringify({ encrypt: encryptEvent(event, KEY) });
        return Promise.resolve(rt.app.request('/lark/events', encryptedRequest(null, KEY, { rawBody })));
      },
      400,
    ],
    [
      'a plaintext challenge with a wrong token when an Encrypt Key is set',
      (rt) =>
        Promise.resolve(
          rt.app.request(
            '/lark/events',
            plainRequest({ type: 'url_verification', challenge: 'abc', token: 'forged' }),
          ),
        ),
      403,
    ],
    [
      'a body over 1 MiB',
      (rt) =>
        Promise.resolve(
          rt.app.request(
            '/lark/events',
            encryptedRequest(null, KEY, { rawBody: `{"x":"${'a'.repeat(1024 * 1024)}"}` }),
          ),
        ),
      413,
    ],
  ];

  it.each(cases)('refuses %s', async (_name, send, status) => {
    const rt = await encryptedRuntime();
    const before = rt.memory!.snapshot();
    const res = await send(rt);
    expect(res.status).toBe(status);
    expect(rt.memory!.snapshot()).toEqual(before);
    await rt.settle();
    expect(rt.sender.sent).toHaveLength(0);
  });

  it('refuses a plaintext event with a wrong token when no Encrypt Key is set', async () => {
    const rt = await testRuntime();
    const before = rt.memory!.snapshot();
    const res = await rt.app.request('/lark/events', plainRequest(makeMessageEvent({ token: 'forged' })));
    expect(res.status).toBe(403);
    expect(rt.memory!.snapshot()).toEqual(before);
  });
});

describe('health and readiness', () => {
  it('answers /healthz and /readyz while the store is up', async () => {
    const rt = await testRuntime();
    expect((await rt.app.request('/healthz')).status).toBe(200);
    expect((await rt.app.request('/readyz')).status).toBe(200);
  });

  it('is not ready, and asks Feishu to retry events, while the store is down', async () => {
    const rt = await testRuntime();
    rt.memory!.unreachable = true;
    expect((await rt.app.request('/readyz')).status).toBe(503);
    const res = await rt.app.request('/lark/events', plainRequest(makeMessageEvent()));
    expect(res.status).toBe(503);
    rt.memory!.unreachable = false;
    const retried = await rt.app.request('/lark/events', plainRequest(makeMessageEvent()));
    expect(retried.status).toBe(200);
  });
});
