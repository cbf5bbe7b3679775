import type { Delivery, Sender } from '../../src/bot/sender.ts';
import { type Env, loadEnv } from '../../src/config/env.ts';
import type { Org } from '../../src/config/org.ts';
import { fixedClock } from '../../src/lib/clock.ts';
import { silentLogger } from '../../src/lib/logger.ts';
import type { OutboxMessage } from '../../src/messages/outbox-message.ts';
import { createRuntime, type Runtime } from '../../src/runtime.ts';
import type { Job } from '../../src/schedules/job.ts';
import { MemoryStore } from '../../src/store/memory-store.ts';
import type { Store } from '../../src/store/store.ts';
import { testOrg } from './org.ts';

/** Records what the outbox worker would have sent. */
export class RecordingSender implements Sender {
  readonly sent: OutboxMessage[] = [];
  private seq = 0;
  async deliver(message: OutboxMessage): Promise<Delivery> {
    this.sent.push(message);
    return { ok: true, messageId: `om_sent_${++this.seq}` };
  }
  /** Plain text of each sent post/text message. */
  texts(): string[] {
    return this.sent.flatMap((m) => {
      if ((m.kind !== 'send' && m.kind !== 'reply') || m.msgType === 'interactive') return [];
      const c = JSON.parse(m.content) as { text?: string; zh_cn?: { content: { text: string }[][] } };
      return [c.text ?? (c.zh_cn?.content ?? []).map((p) => p.map((n) => n.text).join('')).join('\n')];
    });
  }
  cards(): Record<string, unknown>[] {
    return this.sent.flatMap((m) =>
      (m.kind === 'send' || m.kind === 'reply') && m.msgType === 'interactive' ? [JSON.parse(m.content)] : [],
    );
  }
}

export interface TestRuntime extends Runtime {
  sender: RecordingSender;
  memory?: MemoryStore;
  /** Runs inbox and outbox until nothing is left. */
  settle(): Promise<void>;
}

/**
 * A runtime as in production, on the in-memory store (or the one given), with
 * webhook security on (token `vtoken`, plus an Encrypt Key when given) and a
 * recording sender instead of Feishu.
 */
export async function testRuntime(
  opts: { env?: Record<string, string>; org?: Org; store?: Store; now?: string; jobs?: readonly Job[] } = {},
): Promise<TestRuntime> {
  const env: Env = {
    ...loadEnv({ LARK_VERIFICATION_TOKEN: 'vtoken', ...opts.env }),
  };
  const memory = opts.store ? undefined : new MemoryStore();
  const sender = new RecordingSender();
  const rt = await createRuntime({
    env,
    org: opts.org ?? testOrg(),
    log: silentLogger(),
    clock: fixedClock(opts.now ?? new Date()),
    sender,
    store: opts.store ?? memory,
    jobs: opts.jobs,
  });
  return Object.assign(rt, {
    sender,
    memory,
    async settle() {
      while ((await rt.inbox.drain()) + (await rt.outbox.drain()) > 0) {
        // handling may queue more
      }
    },
  });
}
