import { existsSync } from 'node:fs';
import { serve } from '@hono/node-server';
import { ConsoleSender, printLocalMessage } from './bot/console-sender.ts';
import { LocalOutbox } from './bot/local-outbox.ts';
import { startLongConnection } from './bot/long-connection.ts';
import { ConfigError } from './config/config-error.ts';
import { loadEnv } from './config/env.ts';
import { createLogger } from './lib/logger.ts';
import { createRuntime, loadOrgFor } from './runtime.ts';

/** The Node entry point: HTTP server, workers, long connection. */
async function main(): Promise<void> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  const env = loadEnv();
  const log = createLogger(env.logLevel);
  const org = loadOrgFor(env, log);
  // Local mode: what would be sent is printed, and kept for `npm run chat -- --url …`.
  const localOutbox = env.lark ? undefined : new LocalOutbox();
  const sender = localOutbox
    ? new ConsoleSender((m) => {
        printLocalMessage(m);
        localOutbox.record(m);
      })
    : undefined;
  const rt = await createRuntime({ env, org, log, sender, localOutbox });

  rt.inbox.start();
  rt.outbox.start();
  rt.scheduler.start();
  const server = serve({ fetch: rt.app.fetch, port: env.port }, (info) => {
    log.info(
      { port: info.port, mode: rt.local ? 'local' : env.eventMode, store: rt.store.kind },
      'bot: listening',
    );
  });
  const ws =
    env.lark && env.eventMode === 'websocket'
      ? startLongConnection({ ...env.lark, domain: env.domain, receiver: rt.receiver, log })
      : undefined;
  if (rt.local) {
    log.info(
      { chat: `npm run chat -- --url http://localhost:${env.port}` },
      'local mode: no Feishu credentials, messages are printed here (and kept on GET /local/outbox). Talk to this bot with the local chat.',
    );
  }

  // People the contact API could not resolve at start (or the bot's own id) are retried.
  const retry = setInterval(() => {
    void rt.refresh();
  }, 10 * 60_000);
  retry.unref();

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'bot: stopping');
    ws?.close();
    server.close();
    await rt.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError) {
    process.stderr.write(`${err.message}\n`);
  } else {
    process.stderr.write(
      `bot: failed to start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
    );
  }
  process.exit(1);
});
