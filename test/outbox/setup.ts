import { Writable } from 'node:stream';
import { pino } from 'pino';
import { ApiMeter } from '../../src/bot/lark-client.ts';
import { OutboxWorker, type OutboxWorkerOptions } from '../../src/bot/outbox-worker.ts';
import { RateLimiter } from '../../src/bot/rate-limiter.ts';
import { LarkSender } from '../../src/bot/sender.ts';
import { fixedClock } from '../../src/lib/clock.ts';
import type { Logger } from '../../src/lib/logger.ts';
import type { OutboxMessage } from '../../src/messages/outbox-message.ts';
import { ApiUsage } from '../../src/store/api-usage.ts';
import { keySpace } from '../../src/store/keys.ts';
import { MemoryStore } from '../../src/store/memory-store.ts';
import { SentCards } from '../../src/store/sent-cards.ts';
import { type FakeReply, fakeLark, type RecordedRequest, recordMessages } from '../helpers/fake-lark.ts';

/** A pino logger at trace level whose output lines are kept for assertions. */
export function capturingLogger(): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { logger: pino({ level: 'trace' }, stream), lines };
}

export const SECRET = 'very-private-grievance-text';

export function textTo(chatId: string, uuid: string, text = SECRET, track?: string): OutboxMessage {
  return {
    kind: 'send',
    v: 1,
    uuid,
    to: { type: 'chat_id', id: chatId },
    msgType: 'text',
    content: JSON.stringify({ text }),
    ...(track ? { track } : {}),
  };
}

/** A worker wired to the real SDK client, talking to nock. */
export function outboxHarness(
  replies?: FakeReply[] | ((req: RecordedRequest, n: number) => FakeReply | undefined),
  opts: Partial<OutboxWorkerOptions> = {},
) {
  const lark = fakeLark();
  const sent = recordMessages(lark.base, replies);
  const store = new MemoryStore();
  const keys = keySpace('t:');
  const clock = fixedClock('2025-03-10T08:00:00Z');
  const meter = new ApiMeter(new ApiUsage(store, keys), clock);
  const log = capturingLogger();
  const sender = new LarkSender({ client: lark.client, meter, logger: log.logger });
  const waits: number[] = [];
  const worker = new OutboxWorker({
    store,
    cards: new SentCards(store, keys),
    sender,
    logger: log.logger,
    limiter: new RateLimiter({ perKey: 1e6, perApp: 1e6 }),
    baseDelayMs: 1,
    maxAttempts: 4,
    sleep: async (ms) => {
      waits.push(ms);
    },
    ...opts,
  });
  const enqueue = (...outbox: OutboxMessage[]) => store.commit({ plan: () => ({ outbox, result: null }) });
  return { lark, sent, store, keys, clock, meter, sender, worker, waits, enqueue, logs: log.lines };
}
