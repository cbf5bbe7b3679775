import orgText from 'union-org';
import { ConsoleSender } from '../bot/console-sender.ts';
import { loadEnv } from '../config/env.ts';
import { parseOrg } from '../config/org.ts';
import { createLogger } from '../lib/logger.ts';
import { createRuntime, type Runtime } from '../runtime.ts';
import type { Store } from '../store/store.ts';
import type { WorkerBindings } from './bindings.ts';

/** The environment from the Worker's vars and secrets (webhook only, no Redis). */
export function workerEnv(bindings: WorkerBindings) {
  const vars = Object.fromEntries(
    Object.entries(bindings).filter((e): e is [string, string] => typeof e[1] === 'string'),
  );
  return { ...loadEnv(vars), eventMode: 'webhook' as const, redisUrl: undefined };
}

/**
 * The same runtime as on Node, built inside the Durable Object: the environment comes
 * from the Worker's vars and secrets, the org file from the bundle (validated again here,
 * as it was at build time), the store is the object's. Events only arrive by webhook.
 */
export function createWorkerRuntime(bindings: WorkerBindings, store: Store): Promise<Runtime> {
  const env = workerEnv(bindings);
  const log = createLogger(env.logLevel);
  return createRuntime({
    env,
    org: parseOrg(orgText, 'the bundled org file'),
    log,
    store,
    consumerBase: 'worker',
    // Without Feishu credentials (`wrangler dev` with no secrets) what would be sent is logged.
    ...(env.lark
      ? {}
      : { sender: new ConsoleSender((m) => console.log(`[local → ${m.to}]\n${m.rendered.text}`)) }),
  });
}
