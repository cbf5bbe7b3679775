import type { ExecutionContext, ScheduledController, WorkerBindings } from './worker/bindings.ts';
import { TICK_PATH } from './worker/union-object.ts';

export { UnionBot } from './worker/union-object.ts';

/** One object holds the whole union's state (see README, "Deploying on Cloudflare Workers"). */
const OBJECT_NAME = 'union';

/**
 * The Cloudflare Workers entry: HTTP goes to the union's Durable Object, which runs the
 * same Hono app (`/lark/events`, `/healthz`, `/readyz`); the one `* * * * *` trigger asks
 * it to run whatever the scheduler finds due. Events arrive by webhook only (Workers keep
 * no long connection).
 */
export default {
  async fetch(request: Request, env: WorkerBindings): Promise<Response> {
    if (new URL(request.url).pathname.startsWith('/__worker/'))
      return new Response('not found', { status: 404 });
    return env.UNION_BOT.get(env.UNION_BOT.idFromName(OBJECT_NAME)).fetch(request);
  },

  async scheduled(
    controller: ScheduledController,
    env: WorkerBindings,
    ctx: ExecutionContext,
  ): Promise<void> {
    const stub = env.UNION_BOT.get(env.UNION_BOT.idFromName(OBJECT_NAME));
    ctx.waitUntil(
      stub.fetch(`https://union-bot${TICK_PATH}`, {
        method: 'POST',
        body: JSON.stringify({ at: controller.scheduledTime }),
      }),
    );
  },
};
