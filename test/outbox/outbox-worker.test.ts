import nock from 'nock';
import { afterEach, describe, expect, it } from 'vitest';
import { OutboxWorker } from '../../src/bot/outbox-worker.ts';
import { RateLimiter } from '../../src/bot/rate-limiter.ts';
import type { Delivery, Sender } from '../../src/bot/sender.ts';
import { silentLogger } from '../../src/lib/logger.ts';
import type { OutboxMessage } from '../../src/messages/outbox-message.ts';
import { keySpace } from '../../src/store/keys.ts';
import { MemoryStore } from '../../src/store/memory-store.ts';
import { SentCards } from '../../src/store/sent-cards.ts';
import { TEST_TOKEN } from '../helpers/fake-lark.ts';
import { outboxHarness, SECRET, textTo } from './setup.ts';

afterEach(() => {
  nock.cleanAll();
});

async function expectEmpty(h: ReturnType<typeof outboxHarness>) {
  expect(await h.store.outbox.backlog()).toBe(0);
  expect(await h.store.outbox.deadLetters()).toEqual([]);
}

describe('OutboxWorker with the real SDK client', () => {
  it('sends a message once and acks it', async () => {
    const h = outboxHarness();
    await h.enqueue(textTo('oc_1', 'u-1'));
    expect(await h.worker.drain()).toBe(1);
    expect(h.sent.requests).toHaveLength(1);
    const [req] = h.sent.requests;
    expect(req?.method).toBe('POST');
    expect(req?.path).toBe('/open-apis/im/v1/messages');
    expect(req?.query).toEqual({ receive_id_type: 'chat_id' });
    expect(req?.body).toEqual({
      receive_id: 'oc_1',
      msg_type: 'text',
      content: JSON.stringify({ text: SECRET }),
      uuid: 'u-1',
    });
    expect(req?.authorization).toBe(`Bearer ${TEST_TOKEN}`);
    expect(h.lark.tokenRequests()).toBe(1);
    await expectEmpty(h);
  });

  it('429 with x-ogw-ratelimit-reset, then 200: sent once with the same uuid, the reset honoured', async () => {
    const h = outboxHarness([
      {
        status: 429,
        headers: { 'x-ogw-ratelimit-reset': '2', 'x-ogw-ratelimit-limit': '5' },
        body: { code: 99991400, msg: 'request trigger frequency limit' },
      },
    ]);
    await h.enqueue(textTo('oc_1', 'u-429'));
    await h.worker.drain();
    expect(h.sent.requests).toHaveLength(2);
    expect(h.sent.bodies().map((b) => b.uuid)).toEqual(['u-429', 'u-429']);
    expect(h.waits).toEqual([2000]);
    await expectEmpty(h);
  });

  it('429 with a zero reset retries at once', async () => {
    const h = outboxHarness([
      { status: 429, headers: { 'x-ogw-ratelimit-reset': '0' }, body: { code: 99991400, msg: 'limit' } },
    ]);
    await h.enqueue(textTo('oc_1', 'u-429z'));
    await h.worker.drain();
    expect(h.sent.requests).toHaveLength(2);
    expect(h.waits).toEqual([0]);
    await expectEmpty(h);
  });

  it('500 then 200: retried with backoff, same uuid, sent once', async () => {
    const h = outboxHarness([{ status: 500, body: { code: 1500, msg: 'internal error' } }]);
    await h.enqueue(textTo('oc_1', 'u-500'));
    await h.worker.drain();
    expect(h.sent.requests).toHaveLength(2);
    expect(h.sent.bodies().map((b) => b.uuid)).toEqual(['u-500', 'u-500']);
    expect(h.waits).toHaveLength(1);
    expect(h.waits[0]).toBeGreaterThanOrEqual(0);
    expect(h.waits[0]).toBeLessThanOrEqual(1); // baseDelayMs * 2^0
    await expectEmpty(h);
  });

  it('a network error (no response) is retried', async () => {
    const h = outboxHarness([{ error: 'ECONNRESET' }]);
    await h.enqueue(textTo('oc_1', 'u-net'));
    await h.worker.drain();
    expect(h.sent.requests).toHaveLength(2);
    await expectEmpty(h);
  });

  it('HTTP 200 with code 230020 (IM frequency limit) is retried', async () => {
    const h = outboxHarness([
      { status: 200, body: { code: 230020, msg: 'This operation triggers the frequency limit' } },
    ]);
    await h.enqueue(textTo('oc_1', 'u-230020'));
    await h.worker.drain();
    expect(h.sent.requests).toHaveLength(2);
    expect(h.sent.bodies().map((b) => b.uuid)).toEqual(['u-230020', 'u-230020']);
    await expectEmpty(h);
  });

  it('a refusal (400, 230013) is dead-lettered at once, not retried, and the content is not logged', async () => {
    const h = outboxHarness([{ status: 400, body: { code: 230013, msg: 'user not in availability' } }]);
    const message = textTo('oc_1', 'u-400');
    await h.enqueue(message);
    await h.worker.drain();
    expect(h.sent.requests).toHaveLength(1);
    expect(h.waits).toEqual([]);
    expect(await h.store.outbox.backlog()).toBe(0);
    const dead = await h.store.outbox.deadLetters();
    expect(dead).toHaveLength(1);
    expect(dead[0]?.reason).toContain('230013');
    expect(dead[0]?.reason).toContain('user not in availability');
    expect(JSON.parse(dead[0]?.data ?? '')).toEqual(message);
    const logs = h.logs.join('');
    expect(logs).toContain('outbox: refused');
    expect(logs).not.toContain(SECRET);
  });

  it('a message refused for its size (230025) is replaced by a short apology to the same chat, not dropped', async () => {
    const h = outboxHarness([
      { status: 400, body: { code: 230025, msg: 'message content is too long' } },
      { status: 200, body: { code: 0, data: { message_id: 'om_apology' } } },
    ]);
    await h.enqueue(textTo('oc_1', 'u-long'));
    await h.worker.drain();
    const bodies = h.sent.bodies();
    expect(bodies.map((b) => b.uuid)).toEqual(['u-long', 'u-long-short']);
    expect(bodies[1]?.receive_id).toBe('oc_1');
    expect(String(bodies[1]?.content)).toContain('太长');
    expect(String(bodies[1]?.content)).not.toContain(SECRET);
    expect(await h.store.outbox.backlog()).toBe(0);
    expect(await h.store.outbox.deadLetters()).toEqual([]);
  });

  it('an apology that is refused too is dead-lettered, not replaced again', async () => {
    const h = outboxHarness([
      { status: 400, body: { code: 230025, msg: 'too long' } },
      { status: 400, body: { code: 230025, msg: 'too long' } },
    ]);
    await h.enqueue(textTo('oc_1', 'u-long2'));
    await h.worker.drain();
    expect(h.sent.requests).toHaveLength(2);
    expect(await h.store.outbox.deadLetters()).toHaveLength(1);
  });

  it('always 500: gives up after maxAttempts requests and dead-letters, logging at error level', async () => {
    const h = outboxHarness(() => ({ status: 500, body: { code: 1500, msg: 'internal error' } }));
    await h.enqueue(textTo('oc_1', 'u-down'));
    await h.worker.drain();
    expect(h.sent.requests).toHaveLength(4);
    expect(new Set(h.sent.bodies().map((b) => b.uuid))).toEqual(new Set(['u-down']));
    // exponential backoff: ceilings 1, 2, 4 ms (baseDelayMs 1), jittered within [ceiling/2, ceiling]
    expect(h.waits).toHaveLength(3);
    h.waits.forEach((w, i) => {
      expect(w).toBeGreaterThanOrEqual(2 ** i / 2 - 0.5);
      expect(w).toBeLessThanOrEqual(2 ** i);
    });
    expect(await h.store.outbox.backlog()).toBe(0);
    const dead = await h.store.outbox.deadLetters();
    expect(dead).toHaveLength(1);
    expect(dead[0]?.reason).toMatch(/gave up after 4 attempts: HTTP 500/);
    const gaveUp = h.logs.map((l) => JSON.parse(l)).find((l) => l.msg === 'outbox: gave up');
    expect(gaveUp).toMatchObject({ level: 50, kind: 'send', uuid: 'u-down' });
    expect(h.logs.join('')).not.toContain(SECRET);
  });

  it('backoff is capped at maxDelayMs and so is a long rate-limit reset', async () => {
    const h = outboxHarness(
      (_req, n) =>
        n === 0
          ? { status: 429, headers: { 'x-ogw-ratelimit-reset': '3600' }, body: { code: 99991400 } }
          : { status: 503, body: 'unavailable' },
      { baseDelayMs: 100, maxDelayMs: 150, maxAttempts: 4 },
    );
    await h.enqueue(textTo('oc_1', 'u-cap'));
    await h.worker.drain();
    expect(h.waits[0]).toBe(150);
    for (const w of h.waits) expect(w).toBeLessThanOrEqual(150);
    expect(await h.store.outbox.deadLetters()).toHaveLength(1);
  });

  it.each([
    ['HTTP 200', 200],
    ['HTTP 400 (thrown by the SDK)', 400],
  ])('an invalid tenant token (99991663, %s) is refetched and the message sent once', async (_, status) => {
    const h = outboxHarness([
      { status, body: { code: 99991663, msg: 'Invalid access token for authorization.' } },
    ]);
    await h.enqueue(textTo('oc_1', 'u-token'));
    await h.worker.drain();
    expect(h.lark.tokenRequests()).toBe(2);
    expect(h.sent.requests).toHaveLength(2);
    expect(h.sent.bodies().map((b) => b.uuid)).toEqual(['u-token', 'u-token']);
    expect(h.waits).toEqual([0]);
    await expectEmpty(h);
  });

  it('the monthly quota (429, 99991403) is not retried', async () => {
    const h = outboxHarness([
      { status: 429, body: { code: 99991403, msg: "This month's API call quota has been exceeded" } },
    ]);
    await h.enqueue(textTo('oc_1', 'u-quota'));
    await h.worker.drain();
    expect(h.sent.requests).toHaveLength(1);
    const dead = await h.store.outbox.deadLetters();
    expect(dead[0]?.reason).toMatch(/monthly API call quota is used up/);
  });

  it('sends messages to one chat in order and tracks the returned message ids', async () => {
    const h = outboxHarness();
    const messages = [1, 2, 3, 4, 5].map((i) => textTo('oc_1', `u-${i}`, `text ${i}`, 'card-42'));
    await h.enqueue(...messages);
    expect(await h.worker.drain()).toBe(5);
    expect(h.sent.bodies().map((b) => b.uuid)).toEqual(['u-1', 'u-2', 'u-3', 'u-4', 'u-5']);
    expect((await h.store.smembers(h.keys.sent('card-42'))).sort()).toEqual([
      'om_0',
      'om_1',
      'om_2',
      'om_3',
      'om_4',
    ]);
    await expectEmpty(h);
  });

  it('keeps one chat in order while a retry holds it back, other chats are not blocked', async () => {
    const h = outboxHarness((req) =>
      req.body.uuid === 'a-1' && !h.sent.requests.slice(0, -1).some((r) => r.body.uuid === 'a-1')
        ? { status: 500, body: 'oops' }
        : undefined,
    );
    await h.enqueue(
      textTo('oc_a', 'a-1'),
      textTo('oc_b', 'b-1'),
      textTo('oc_a', 'a-2'),
      textTo('oc_b', 'b-2'),
    );
    await h.worker.drain();
    const order = h.sent.bodies().map((b) => b.uuid as string);
    const a = order.filter((u) => u.startsWith('a-'));
    const b = order.filter((u) => u.startsWith('b-'));
    expect(a).toEqual(['a-1', 'a-1', 'a-2']);
    expect(b).toEqual(['b-1', 'b-2']);
    await expectEmpty(h);
  });

  it('reply, patch and card-update go to their endpoints', async () => {
    const h = outboxHarness();
    const cards: Record<string, unknown>[] = [];
    nock(h.lark.base)
      .post('/open-apis/interactive/v1/card/update')
      .reply(200, (_uri, body) => {
        cards.push(body as Record<string, unknown>);
        return { code: 0, msg: 'success' };
      });
    await h.enqueue(
      {
        kind: 'reply',
        v: 1,
        uuid: 'r-1',
        messageId: 'om_src',
        chatId: 'oc_1',
        msgType: 'text',
        content: '{"text":"hi"}',
        track: 'replies',
      },
      { kind: 'patch', v: 1, messageId: 'om_card', content: '{"schema":"2.0"}' },
      { kind: 'card-update', v: 1, token: 'c-token', card: { schema: '2.0', body: { elements: [] } } },
    );
    await h.worker.drain();
    const byPath = Object.fromEntries(h.sent.requests.map((r) => [`${r.method} ${r.path}`, r.body]));
    expect(byPath['POST /open-apis/im/v1/messages/om_src/reply']).toEqual({
      content: '{"text":"hi"}',
      msg_type: 'text',
      uuid: 'r-1',
    });
    expect(byPath['PATCH /open-apis/im/v1/messages/om_card']).toEqual({ content: '{"schema":"2.0"}' });
    expect(cards).toEqual([{ token: 'c-token', card: { schema: '2.0', body: { elements: [] } } }]);
    expect(await h.store.smembers(h.keys.sent('replies'))).toHaveLength(1);
    await expectEmpty(h);
  });

  it('meters every call', async () => {
    const h = outboxHarness([{ status: 500, body: 'down' }]);
    await h.enqueue(textTo('oc_1', 'u-1'), {
      kind: 'patch',
      v: 1,
      messageId: 'om_card',
      content: '{}',
    });
    await h.worker.drain();
    expect(await h.meter.usage('2025-03')).toEqual({ 'im.message.create': 2, 'im.message.patch': 1 });
  });

  it('dead-letters a malformed entry with the reason', async () => {
    const h = outboxHarness();
    await h.store.outbox.add('not json');
    await h.store.outbox.add(JSON.stringify({ kind: 'send', v: 1, uuid: 'x' }));
    await h.enqueue(textTo('oc_1', 'u-ok'));
    expect(await h.worker.drain()).toBe(3);
    expect(h.sent.requests).toHaveLength(1);
    const dead = await h.store.outbox.deadLetters();
    expect(dead.map((d) => d.reason)).toEqual([
      expect.stringMatching(/^malformed outbox entry: .*to/),
      'malformed outbox entry: not JSON',
    ]);
    expect(await h.store.outbox.backlog()).toBe(0);
  });
});

/** A scripted sender, for the parts that do not need HTTP. */
class ScriptedSender implements Sender {
  readonly calls: OutboxMessage[] = [];
  onCall: (() => void) | undefined;
  constructor(private readonly script: (n: number) => Delivery = () => ({ ok: true })) {}
  async deliver(message: OutboxMessage): Promise<Delivery> {
    this.calls.push(message);
    const d = this.script(this.calls.length - 1);
    this.onCall?.();
    return d;
  }
}

function plainWorker(sender: Sender, extra: Partial<ConstructorParameters<typeof OutboxWorker>[0]> = {}) {
  const store = new MemoryStore();
  const keys = keySpace('t:');
  const waits: number[] = [];
  const worker = new OutboxWorker({
    store,
    cards: new SentCards(store, keys),
    sender,
    logger: silentLogger(),
    limiter: new RateLimiter({ perKey: 1e6, perApp: 1e6 }),
    baseDelayMs: 1,
    maxAttempts: 3,
    sleep: async (ms) => {
      waits.push(ms);
    },
    ...extra,
  });
  return { store, keys, worker, waits };
}

describe('OutboxWorker', () => {
  it('counts earlier deliveries of a claimed entry against maxAttempts', async () => {
    const sender = new ScriptedSender(() => ({ ok: false, retry: true, reason: 'HTTP 503' }));
    const { store, worker } = plainWorker(sender);
    await store.outbox.add(JSON.stringify(textTo('oc_1', 'u-crash')));
    // a process read it and died without acking
    await store.outbox.read('dead-process', 10, 0);
    await worker.drain(); // claims it: second delivery, so only 2 of the 3 attempts are left
    expect(sender.calls).toHaveLength(2);
    const dead = await store.outbox.deadLetters();
    expect(dead[0]?.reason).toMatch(/gave up after 3 attempts/);
  });

  it('dead-letters without sending an entry delivered more than maxAttempts times', async () => {
    const sender = new ScriptedSender();
    const { store, worker } = plainWorker(sender);
    await store.outbox.add(JSON.stringify(textTo('oc_1', 'u-poison')));
    await store.outbox.read('p1', 10, 0);
    for (let i = 0; i < 3; i++) await store.outbox.claimStale(`p${i + 2}`, 0, 10);
    await worker.drain();
    expect(sender.calls).toHaveLength(0);
    expect((await store.outbox.deadLetters())[0]?.reason).toMatch(/without an outcome/);
  });

  it('treats a throwing sender as a retryable failure', async () => {
    const sender = new ScriptedSender((n) => {
      if (n === 0) throw new Error('boom');
      return { ok: true };
    });
    const { store, worker } = plainWorker(sender);
    await store.outbox.add(JSON.stringify(textTo('oc_1', 'u-throw')));
    await worker.drain();
    expect(sender.calls).toHaveLength(2);
    expect(await store.outbox.backlog()).toBe(0);
  });

  it('leaves the entry pending when the store fails after sending (claimed and resent later)', async () => {
    const sender = new ScriptedSender(() => ({ ok: true, messageId: 'om_1' }));
    const { store, worker } = plainWorker(sender);
    await store.commit({ plan: () => ({ outbox: [textTo('oc_1', 'u-st', 'x', 'trk')], result: null }) });
    const commit = store.commit.bind(store);
    store.commit = async () => {
      throw new Error('store unreachable');
    };
    await worker.drain();
    expect(sender.calls).toHaveLength(1);
    expect(await store.outbox.backlog()).toBe(1);
    store.commit = commit;
    await worker.drain(); // claimStale(idle 0) picks it up again; same uuid
    expect(sender.calls).toHaveLength(2);
    expect(sender.calls[1]).toEqual(sender.calls[0]);
    expect(await store.outbox.backlog()).toBe(0);
  });

  it('start() delivers what arrives and stop() ends the loop', async () => {
    const sender = new ScriptedSender();
    const { store, worker } = plainWorker(sender, { blockMs: 10 });
    const loop = worker.start();
    expect(worker.start()).toBe(loop);
    const delivered = new Promise<void>((resolve) => {
      sender.onCall = resolve;
    });
    await store.outbox.add(JSON.stringify(textTo('oc_1', 'u-loop')));
    await delivered;
    await worker.stop();
    await loop;
    expect(sender.calls).toHaveLength(1);
    expect(await store.outbox.backlog()).toBe(0);
  });

  it('survives store errors in the loop', async () => {
    const sender = new ScriptedSender();
    const { store, worker } = plainWorker(sender, { blockMs: 10, errorPauseMs: 1 });
    let failures = 0;
    const read = store.outbox.read.bind(store.outbox);
    store.outbox.read = async (...args) => {
      if (failures < 2) {
        failures += 1;
        throw new Error('connection lost');
      }
      return read(...args);
    };
    const delivered = new Promise<void>((resolve) => {
      sender.onCall = resolve;
    });
    worker.start();
    await store.outbox.add(JSON.stringify(textTo('oc_1', 'u-recover')));
    await delivered;
    await worker.stop();
    expect(failures).toBe(2);
    expect(sender.calls).toHaveLength(1);
  });

  it('stop() during a retry wait leaves the chat pending instead of breaking its order', async () => {
    const sender = new ScriptedSender((n) =>
      n === 0 ? { ok: false, retry: true, reason: 'HTTP 503' } : { ok: true },
    );
    let release: (() => void) | undefined;
    const waiting = new Promise<void>((resolve) => {
      release = resolve;
    });
    const { store, worker } = plainWorker(sender, {
      blockMs: 10,
      // a long retry wait that only stop() ends
      sleep: () => {
        release?.();
        return new Promise<void>(() => {});
      },
    });
    await store.outbox.add(JSON.stringify(textTo('oc_1', 'u-1')));
    await store.outbox.add(JSON.stringify(textTo('oc_1', 'u-2')));
    worker.start();
    await waiting;
    await worker.stop();
    expect(sender.calls.map((m) => (m.kind === 'send' ? m.uuid : ''))).toEqual(['u-1']);
    expect(await store.outbox.backlog()).toBe(2);
    expect(await store.outbox.deadLetters()).toEqual([]);
  });
});
