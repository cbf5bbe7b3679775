import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { paced, percentile } from './drive.ts';
import { BENCH_APP, signedMessage } from './events.ts';
import { FakeFeishu } from './fake-feishu.ts';
import { BotProcess, freePort, OwnRedis, ROOT } from './processes.ts';
import { stampedeScenario } from './stampede-scenario.ts';

/**
 * `npm run bench`: the bot's event path side by side with (A) a bare Hono app and (B)
 * the official SDK's webhook adapter, driven by the same signed, encrypted, unique
 * `im.message.receive_v1` events. Loopback only; every loop is bounded. Prints one
 * Markdown table and writes the figures to bench/results.json.
 *
 * BENCH_ROUNDS (default 3) and BENCH_SECONDS (default 8) size the throughput rounds;
 * BENCH_NODE_ARGS passes flags to the bot's node (`--cpu-prof --cpu-prof-dir=prof`).
 * The activities stampede runs last; `npm run bench -- stampede` runs it alone (the other
 * figures in bench/results.json are kept).
 */

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const CONNECTIONS = 64;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const RESULTS = join(ROOT, 'bench', 'results.json');
const TABLE_HEAD = ['| measure | result | target | |', '| --- | --- | --- | --- |'];

type Event = ReturnType<typeof signedMessage>;

/** Pre-signed events: building them is not what is measured. */
function events(n: number): Event[] {
  return Array.from({ length: n }, () => signedMessage());
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  if (s.length === 0) return 0;
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

async function fire(
  url: string,
  pool: Event[],
  opts: { seconds: number; connections?: number; rate?: number },
): Promise<autocannon.Result> {
  let i = 0;
  return autocannon({
    url: `${url}/lark/events`,
    method: 'POST',
    connections: opts.connections ?? CONNECTIONS,
    duration: opts.seconds,
    ...(opts.rate ? { overallRate: opts.rate } : {}),
    requests: [
      {
        setupRequest: (req) => {
          const e = pool[i++ % pool.length] as Event;
          return { ...req, method: 'POST', body: e.body, headers: e.headers };
        },
      },
    ],
  });
}

/** A small server as a child process (A or B), ready when it says so. */
async function startServer(
  script: string,
  env: Record<string, string> = {},
): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'bench', 'servers', script)], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (d: Buffer) => {
      if (d.toString().includes('listening')) resolve();
    });
    child.once('exit', () => reject(new Error(`${script} exited`)));
  });
  return { url: `http://127.0.0.1:${port}`, child };
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const gone = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await gone;
}

/**
 * Counts the commands the bot sends Redis (MONITOR; commands a Lua script runs inside
 * Redis are reported apart: they cost no round trip).
 */
async function watchCommands(
  redis: OwnRedis,
): Promise<{ stop(): Promise<{ client: Map<string, number>; inScripts: number }> }> {
  const client = new Map<string, number>();
  let inScripts = 0;
  const monitor = await redis.client().monitor();
  monitor.on('monitor', (_time: string, args: string[], source: string) => {
    const name = (args[0] ?? '').toLowerCase();
    if (name === 'info' || name === 'hello' || name === 'client') return; // the bench's own connections
    if (source === 'lua') inScripts += 1;
    else client.set(name, (client.get(name) ?? 0) + 1);
  });
  return {
    async stop() {
      monitor.disconnect();
      return { client, inScripts };
    },
  };
}

async function commandCounts(redis: OwnRedis): Promise<Map<string, number>> {
  const client = redis.client();
  const info = await client.info('commandstats');
  client.disconnect();
  const out = new Map<string, number>();
  for (const m of info.matchAll(/cmdstat_([^:]+):calls=(\d+)/g)) out.set(m[1] as string, Number(m[2]));
  return out;
}

function delta(before: Map<string, number>, after: Map<string, number>): Map<string, number> {
  const out = new Map<string, number>();
  for (const [k, v] of after) {
    const d = v - (before.get(k) ?? 0);
    if (d > 0 && k !== 'info') out.set(k, d);
  }
  return out;
}

/** A fresh Redis, fake Feishu and bot (compiled), so one run's backlog never slows the next. */
async function freshBot() {
  const redis = await OwnRedis.start();
  const lark = new FakeFeishu();
  await lark.start();
  const bot = await BotProcess.start({
    redisUrl: redis.url,
    larkDomain: lark.url,
    entry: 'dist',
    env: { LOG_LEVEL: 'info' },
    // BENCH_NODE_ARGS='--cpu-prof --cpu-prof-dir=prof' profiles the bot (see the README).
    nodeArgs: (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean),
  });
  return {
    redis,
    lark,
    bot,
    async stop() {
      await bot.kill('SIGTERM');
      await lark.stop();
      await redis.dispose();
    },
  };
}

/** `npm run bench -- stampede`: the stampede alone, its figures merged into bench/results.json. */
async function stampedeOnly(): Promise<void> {
  const { results, rows } = await stampedeScenario();
  const all = existsSync(RESULTS)
    ? (JSON.parse(readFileSync(RESULTS, 'utf8')) as Record<string, unknown>)
    : {};
  all.stampede = { ...results, machine: machine(), at: new Date().toISOString() };
  process.stdout.write(`\n${[...TABLE_HEAD, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n')}\n`);
  writeFileSync(RESULTS, `${JSON.stringify(all, null, 2)}\n`);
  process.stdout.write('figures written to bench/results.json (stampede)\n');
}

function machine() {
  return {
    cpus: cpus().length,
    model: cpus()[0]?.model,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
  };
}

async function main(): Promise<void> {
  process.stdout.write('building (npm run build)…\n');
  execFileSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, stdio: 'inherit' });
  if (process.argv.includes('stampede')) return stampedeOnly();
  // Enough unique events for the bot's rounds (a fresh bot each round); A and B may see repeats.
  // Kept small: a large pool in this process would pause the driver for GC and skew latencies.
  const pool = events(60_000);
  const results: Record<string, unknown> = {};

  // 1. Throughput, interleaved: A, B, C in each round; medians over the rounds.
  const rps: Record<'hono' | 'sdk' | 'bot', number[]> = { hono: [], sdk: [], bot: [] };
  const errors: Record<'hono' | 'sdk' | 'bot', number> = { hono: 0, sdk: 0, bot: 0 };
  let rssUnderLoad = 0;
  for (let round = 1; round <= ROUNDS; round++) {
    process.stdout.write(`round ${round}/${ROUNDS}\n`);
    const a = await startServer('bare-hono.ts');
    await fire(a.url, pool, { seconds: 1 });
    const ra = await fire(a.url, pool, { seconds: SECONDS });
    rps.hono.push(ra.requests.average);
    errors.hono += ra.non2xx + ra.errors;
    await stopChild(a.child);

    const b = await startServer('sdk-adapter.ts', {
      LARK_ENCRYPT_KEY: BENCH_APP.encryptKey,
      LARK_VERIFICATION_TOKEN: BENCH_APP.verificationToken,
    });
    await fire(b.url, pool, { seconds: 1 });
    const rb = await fire(b.url, pool, { seconds: SECONDS });
    rps.sdk.push(rb.requests.average);
    errors.sdk += rb.non2xx + rb.errors;
    await stopChild(b.child);

    const c = await freshBot();
    let peak = 0;
    const sampler = setInterval(() => {
      void c.bot.rssMiB().then((v) => {
        peak = Math.max(peak, v);
      });
    }, 200);
    const rc = await fire(c.bot.url, pool, { seconds: SECONDS });
    clearInterval(sampler);
    rssUnderLoad = Math.max(rssUnderLoad, peak);
    rps.bot.push(rc.requests.average);
    errors.bot += rc.non2xx + rc.errors;
    await c.stop();
  }
  results.throughput = { rps, errors, rounds: ROUNDS, seconds: SECONDS, connections: CONNECTIONS };

  // The same paced driver against bare Hono: what the machine and the driver cost by themselves.
  const a = await startServer('bare-hono.ts');
  await paced(a.url, pool.slice(-25_000, -20_000), 1000, 3); // warm-up, not measured
  const pacedHono = await paced(a.url, pool.slice(-20_000), 1000, 10);
  await stopChild(a.child);

  // 2. The bot alone: idle memory, paced 1,000 events/s, end to end at 40/s, commands per event.
  const c = await freshBot();
  await sleep(5000);
  const rssIdle = await c.bot.rssMiB();

  await paced(c.bot.url, pool.slice(-25_000, -20_000), 1000, 3); // warm-up (JIT, connections), not measured
  const pacedBot = await paced(c.bot.url, pool.slice(-20_000), 1000, 10);

  // Let the paced run's backlog drain (replies go out at Feishu's 50/s), then measure on a
  // fresh bot so the outbox is empty.
  await c.stop();
  const d = await freshBot();
  await sleep(2000);
  const sentAt = new Map<string, number>();
  const e2eEvents = events(400);
  const before = await commandCounts(d.redis);
  const watch = await watchCommands(d.redis);
  const callsBefore = d.lark.calls;
  const messagesBefore = d.lark.messages.length;
  const t0 = performance.now();
  for (const [i, e] of e2eEvents.entries()) {
    const wait = t0 + i * 25 - performance.now(); // 40 events a second
    if (wait > 0) await sleep(wait);
    sentAt.set(e.chatId, performance.now());
    fetch(`${d.bot.url}/lark/events`, { method: 'POST', headers: e.headers, body: e.body }).catch(() => {});
  }
  await d.lark.waitFor(messagesBefore + e2eEvents.length, 60_000);
  await sleep(1500); // the last acks and meter writes
  const after = await commandCounts(d.redis);
  const watched = await watch.stop();
  const e2eSeconds = (performance.now() - t0) / 1000;
  // What the bot sends when nothing happens (heartbeats, takeover checks, idle polls), per second.
  const idleWatch = await watchCommands(d.redis);
  await sleep(10_000);
  const idle = await idleWatch.stop();
  const background = [...idle.client.values()].reduce((sum, n) => sum + n, 0) / 10;
  const clientCmds = [...watched.client.values()].reduce((sum, n) => sum + n, 0);
  const perEventOnly = (clientCmds - background * e2eSeconds) / e2eEvents.length;
  const e2e = d.lark.messages
    .slice(messagesBefore)
    .map((m) => m.at - (sentAt.get(m.receiveId ?? '') ?? m.at));
  const cmds = delta(before, after);
  const totalCmds = [...cmds.values()].reduce((s, n) => s + n, 0);
  const apiCalls = d.lark.calls - callsBefore;
  await d.stop();

  const hono = median(rps.hono);
  const sdk = median(rps.sdk);
  const bot = median(rps.bot);
  results.paced1000 = { bot: pacedBot, bareHono: pacedHono };
  results.endToEnd40 = { p50: percentile(e2e, 50), p99: percentile(e2e, 99), events: e2e.length };
  results.redisCommandsPerEvent = {
    total: totalCmds / e2eEvents.length,
    byCommand: Object.fromEntries(cmds),
  };
  results.openApiCallsPerReply = apiCalls / e2eEvents.length;
  results.rssMiB = { idle: rssIdle, underLoad: rssUnderLoad };
  const stampede = await stampedeScenario();
  results.stampede = stampede.results;
  results.machine = machine();
  results.at = new Date().toISOString();

  const f = (n: number, digits = 0) =>
    n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
  const ok = (pass: boolean) => (pass ? '✅' : '❌');
  const rows = [
    ['acknowledged events/s, bare Hono (A)', f(hono), '', ''],
    ['acknowledged events/s, SDK adapter (B)', f(sdk), '', ''],
    [
      'acknowledged events/s, the bot (C)',
      f(bot),
      `≥ B (${f(sdk)}) and ≥ 40 % of A (${f(hono * 0.4)})`,
      ok(bot >= sdk && bot >= hono * 0.4),
    ],
    ['C ÷ A, C ÷ B', `${f((bot / hono) * 100)} %, ${f((bot / sdk) * 100)} %`, '', ''],
    [
      'paced 1,000 events/s: ack p50 / p99 (ms), the bot',
      `${f(pacedBot.p50, 1)} / ${f(pacedBot.p99, 1)}`,
      'p99 < 10',
      ok(pacedBot.p99 < 10 && pacedBot.failed === 0),
    ],
    ['… the same driver against bare Hono', `${f(pacedHono.p50, 1)} / ${f(pacedHono.p99, 1)}`, '', ''],
    [
      'end to end at 40/s: p50 / p99 (ms)',
      `${f(percentile(e2e, 50), 1)} / ${f(percentile(e2e, 99), 1)}`,
      'p99 < 25',
      ok(percentile(e2e, 99) < 25),
    ],
    [
      'Redis commands per handled /help (sent by the bot)',
      `${f(perEventOnly, 2)} (+ ${f(background, 1)}/s in the background)`,
      '≤ 6',
      ok(perEventOnly <= 6.005),
    ],
    ['… counting those Lua scripts run inside Redis', f(totalCmds / e2eEvents.length, 2), '', ''],
    [
      'OpenAPI calls per reply',
      f(apiCalls / e2eEvents.length, 2),
      '1',
      ok(apiCalls / e2eEvents.length <= 1.01),
    ],
    [
      'RSS idle / under load (MiB)',
      `${f(rssIdle)} / ${f(rssUnderLoad)}`,
      '< 100 / < 200',
      ok(rssIdle < 100 && rssUnderLoad < 200),
    ],
  ];
  rows.push(...stampede.rows);
  const table = [...TABLE_HEAD, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
  const commands = [...watched.client]
    .sort((x, y) => y[1] - x[1])
    .map(([k, v]) => `${k} ${f(v / e2eEvents.length, 2)}`)
    .join(', ');
  process.stdout.write(
    `\n${table}\n\nRedis commands per event: ${commands}\nerrors (non-2xx + socket): ${JSON.stringify(errors)}\n`,
  );
  writeFileSync(RESULTS, `${JSON.stringify(results, null, 2)}\n`);
  process.stdout.write('figures written to bench/results.json\n');
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(
      `bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
    );
    process.exit(1);
  },
);
