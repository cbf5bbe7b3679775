import { existsSync } from 'node:fs';
import { hostname } from 'node:os';
import type { Client } from '@larksuiteoapi/node-sdk';
import type { Hono } from 'hono';
import { createApp } from './app.ts';
import { Bot } from './bot/bot.ts';
import { type BotInfo, fetchBotInfo, LOCAL_BOT } from './bot/bot-identity.ts';
import type { Services } from './bot/context.ts';
import {
  CachedPeopleResolver,
  CachedProfiles,
  Directory,
  LocalPeopleResolver,
  NoProfiles,
} from './bot/directory.ts';
import { InboxWorker } from './bot/inbox-worker.ts';
import { ApiMeter, createLarkClient } from './bot/lark-client.ts';
import { LarkPeopleResolver, LarkProfiles } from './bot/lark-people.ts';
import type { LocalOutbox } from './bot/local-outbox.ts';
import { OutboxWorker } from './bot/outbox-worker.ts';
import { Receiver } from './bot/receiver.ts';
import { LarkSender, type Sender } from './bot/sender.ts';
import { ConfigError } from './config/config-error.ts';
import type { Env } from './config/env.ts';
import { loadOrg, type Org } from './config/org.ts';
import { foundingSeats } from './domain/roster.ts';
import { actions, commands } from './handlers/index.ts';
import { translator } from './i18n/index.ts';
import { type Clock, systemClock } from './lib/clock.ts';
import type { Logger } from './lib/logger.ts';
import { LOCAL_SEAL_SECRET, Sealer } from './lib/seal.ts';
import { jobs } from './schedules/index.ts';
import type { Job } from './schedules/job.ts';
import { Scheduler } from './schedules/scheduler.ts';
import { ApiUsage } from './store/api-usage.ts';
import { BotInfoCache } from './store/bot-info-cache.ts';
import { JobRuns } from './store/job-runs.ts';
import { type KeySpace, keySpace } from './store/keys.ts';
import { MemoryStore } from './store/memory-store.ts';
import { PeopleCache, ProfileCache } from './store/people-cache.ts';
import { RedisStore } from './store/redis-store.ts';
import { createRepos, type Repos } from './store/repos/index.ts';
import { HEARTBEAT_EVERY_MS, type Store } from './store/store.ts';
import { UnitsOfWork } from './store/unit-of-work.ts';

/** Everything a running bot is made of. Entry points (server, chat, jobs) and tests build one. */
export interface Runtime {
  env: Env;
  org: Org;
  store: Store;
  keys: KeySpace;
  repos: Repos;
  log: Logger;
  clock: Clock;
  directory: Directory;
  bot: Bot;
  receiver: Receiver;
  app: Hono;
  inbox: InboxWorker;
  outbox: OutboxWorker;
  scheduler: Scheduler;
  client?: Client;
  meter: ApiMeter;
  /** True without Feishu credentials: nothing is sent, what would be sent is printed. */
  local: boolean;
  /** Retries what could not be looked up at start: people in the org file, the bot's own open_id. */
  refresh(): Promise<void>;
  close(): Promise<void>;
}

export interface RuntimeOptions {
  env: Env;
  org: Org;
  log: Logger;
  clock?: Clock;
  /** Replaces the Feishu sender (local mode prints; the local chat renders cards). */
  sender?: Sender;
  /**
   * Local mode: where the sender keeps what it would have sent, served on
   * `GET /local/outbox` (ignored with Feishu credentials).
   */
  localOutbox?: LocalOutbox;
  /** Replaces the store chosen by REDIS_URL (tests). */
  store?: Store;
  /** Replaces the registered jobs (tests). */
  jobs?: readonly Job[];
  /**
   * The base of this process's consumer name in the queues (default the host name). The
   * manual job runner uses its own, so it never takes a live bot's entries.
   */
  consumerBase?: string;
}

/** Picks the org file: ORG_CONFIG, else org.yaml, else (local mode only) the shipped example. */
export function resolveOrgPath(env: Env, log: Logger): string {
  if (env.orgConfig) return env.orgConfig;
  if (existsSync('org.yaml')) return 'org.yaml';
  if (!env.lark && existsSync('org.example.yaml')) {
    log.warn(
      'no org.yaml: using org.example.yaml (local mode). Copy it to org.yaml and edit it for your union.',
    );
    return 'org.example.yaml';
  }
  throw new ConfigError('ORG_CONFIG', [
    'ORG_CONFIG: no org file: create org.yaml (see org.example.yaml) or set ORG_CONFIG',
  ]);
}

export function loadOrgFor(env: Env, log: Logger): Org {
  return loadOrg(resolveOrgPath(env, log));
}

/** Connects the store named by the environment. */
export async function openStore(env: Env, log: Logger): Promise<Store> {
  if (env.redisUrl) return RedisStore.connect(env.redisUrl, env.redisPrefix, log);
  log.warn('REDIS_URL is not set: using the in-memory store. Everything is lost when the process stops.');
  return new MemoryStore(Date.now, env.redisPrefix);
}

export async function createRuntime(opts: RuntimeOptions): Promise<Runtime> {
  const { env, org, log } = opts;
  const clock = opts.clock ?? systemClock;
  const store = opts.store ?? (await openStore(env, log));
  const keys = keySpace(env.redisPrefix);
  if (!env.sealKey) log.info('SEAL_KEY is not set: anonymous reporters are sealed with the local-mode key');
  const sealer = new Sealer(env.sealKey ?? LOCAL_SEAL_SECRET);
  const repos = createRepos(store, keys, org, sealer);
  const meter = new ApiMeter(new ApiUsage(store, keys), clock, log);
  const local = !env.lark;
  const client = env.lark
    ? createLarkClient({
        appId: env.lark.appId,
        appSecret: env.lark.appSecret,
        domain: env.domain,
        logger: log,
      })
    : undefined;

  const resolver = client ? new LarkPeopleResolver(client, log) : new LocalPeopleResolver();
  const profiles = new CachedProfiles(
    client ? new LarkProfiles(client, log) : new NoProfiles(),
    new ProfileCache(store, keys),
  );
  const directory = new Directory(
    org,
    new CachedPeopleResolver(resolver, new PeopleCache(store, keys)),
    log,
    profiles,
  );
  const seedSeats = () =>
    repos.membership.seed(
      foundingSeats(org).flatMap(({ unit, seedKey, ref }) =>
        directory.openIds([ref]).map((openId) => ({ unit, seedKey, openId })),
      ),
    );
  await directory.refresh();
  await seedSeats();

  const units = new UnitsOfWork(store, keys);
  const services: Services = { org, directory, repos, units, log, clock, locale: org.locale, sealer };
  // Built first: a bad schedule override in the org file stops the start here.
  const scheduler = new Scheduler(services, opts.jobs ?? jobs(), new JobRuns(store, keys));
  // The engine knows no feature: the membership repository lends it the live `member` role.
  const bot = new Bot(
    services,
    { commands: commands(), actions: actions() },
    client ? undefined : LOCAL_BOT,
    (actor) => repos.membership.withMemberships(actor),
  );
  const botInfo = new BotInfoCache(store, keys);
  if (client) bot.identity = await tryBotInfo(client, botInfo, log);

  const receiver = new Receiver({
    store,
    bot,
    log,
    clock,
    encryptKey: env.encryptKey,
    verificationToken: env.verificationToken,
    local,
  });
  const sender = opts.sender ?? (client ? new LarkSender({ client, meter, logger: log }) : undefined);
  if (!sender) throw new Error('local mode needs a sender that prints (see src/bot/console-sender.ts)');
  // A name per process, kept alive by a heartbeat: a restart takes its own pending
  // entries back at once, and a replica takes over a dead one's when its heartbeat expires.
  const consumer = await store.presence.register(opts.consumerBase ?? hostname());
  const heartbeat = setInterval(() => {
    store.presence.beat(consumer).catch(() => {});
  }, HEARTBEAT_EVERY_MS);
  heartbeat.unref();
  const inbox = new InboxWorker({ store, bot, log, consumer });
  const outbox = new OutboxWorker({
    store,
    consumer,
    cards: repos.cards,
    sender,
    logger: log,
    tooLongText: translator(org.locale)('error.replyTooLong'),
  });
  const app = createApp({
    receiver,
    store,
    log,
    ...(local && opts.localOutbox
      ? { local: { outbox: opts.localOutbox, token: env.verificationToken } }
      : {}),
  });

  return {
    env,
    org,
    store,
    keys,
    repos,
    log,
    clock,
    directory,
    bot,
    receiver,
    app,
    inbox,
    outbox,
    scheduler,
    client,
    meter,
    local,
    async refresh() {
      await directory.refresh();
      await seedSeats();
      if (client && !bot.identity) bot.identity = await tryBotInfo(client, botInfo, log);
    },
    async close() {
      clearInterval(heartbeat);
      await Promise.all([inbox.stop(), outbox.stop(), scheduler.stop()]);
      await meter.flush();
      await store.presence.leave(consumer).catch(() => {});
      await store.close();
    },
  };
}

/** The bot's open_id; without it group messages are ignored, so failures are logged loudly. */
async function tryBotInfo(client: Client, cache: BotInfoCache, log: Logger): Promise<BotInfo | undefined> {
  try {
    return await fetchBotInfo(client, cache, log);
  } catch (err) {
    log.error(
      { err: String(err) },
      'bot: could not get its own open_id; group @-mentions are ignored until it can',
    );
    return undefined;
  }
}
