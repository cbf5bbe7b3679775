import { randomUUID } from 'node:crypto';
import { BotContext } from '../../src/bot/context.ts';
import type { Runtime } from '../../src/runtime.ts';
import { JOURNAL_TTL_MS, UnitOfWork } from '../../src/store/unit-of-work.ts';

/** A handler's context for `openId` (roles from the org file), with `finish()` to commit its unit of work. */
export type TestContext = BotContext & { finish(): Promise<void> };

export function contextFor(rt: Runtime, openId: string, updateKey = `test:${randomUUID()}`): TestContext {
  const uow = new UnitOfWork(rt.store, { key: rt.keys.done(updateKey, 'end'), ttlMs: JOURNAL_TTL_MS });
  const ctx = new BotContext(
    rt.bot.services,
    uow,
    rt.directory.actorFor({ openId }),
    { type: 'p2p', to: { type: 'open_id', id: openId } },
    rt.log,
  );
  return Object.assign(ctx, {
    async finish() {
      const applied = await uow.commit(null);
      if (applied.state === 'conflict') throw new Error('test context: the unit of work conflicted');
    },
  });
}
