import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import type { Redis } from 'ioredis';
import { type Activity, ActivitySchema } from '../src/domain/activities.ts';
import { keySpace } from '../src/store/keys.ts';
import { percentile } from './drive.ts';
import { signedCardAction } from './events.ts';
import { FakeFeishu } from './fake-feishu.ts';
import { BotProcess, OwnRedis } from './processes.ts';
import { checkSeats, ranks } from './seat-check.ts';

/**
 * The activities stampede (issue 11): `students` distinct people click 报名 on one published,
 * first-come activity of `capacity` seats with a waiting line, all within `spreadMs`, as
 * signed, encrypted `card.action.trigger` callbacks through the bot's real HTTP receiver (the
 * compiled bot on a Redis of its own, a fake Feishu). Each callback is timed from the moment
 * its click was due (open loop: a slow answer does not delay the next click), then the seat
 * list is read back from Redis and compared with what every click was told.
 */

const PREFIX = 'sub:';
const keys = keySpace(PREFIX);
/** The button's value, as the activity card sends it (checked against the handler when it lands). */
export const registerValue = (id: string) => ({ a: 'activity.register', id, v: 1 });

export type ReceiverStampede =
  | { available: false; reason: string }
  | {
      available: true;
      students: number;
      capacity: number;
      spreadMs: number;
      sockets: number;
      /** Every callback, from its due time to the end of its answer (ms). */
      latencyMs: { p50: number; p95: number; p99: number; max: number };
      /** Callbacks answered over 3 s (Feishu's limit), not 200, or answered "processing" (late). */
      over3s: number;
      failed: number;
      late: number;
      /** From the first click due to the last answer, and to the store holding every click (ms). */
      answeredMs: number;
      settledMs: number;
      seated: number;
      waiting: number;
      /** Toasts that said 已报名 (must equal the capacity). */
      registeredToasts: number;
      /** Answers naming a position that differs from the click's rank in Redis. */
      positionMismatches: number;
      /** Answers by kind (`toast:success`, `card`, …). */
      answers: Record<string, number>;
      /** CPU time each process spent from the first click to the store settled (ms), and Redis commands per click. */
      cpuMs: { driver: number; bot: number; redis: number };
      /** Commands Redis ran per click (inside scripts too), and script calls among them. */
      redisPerClick: { commands: number; scripts: number };
      problems: string[];
    };

export async function receiverStampede(opts: {
  students: number;
  capacity: number;
  spreadMs: number;
  sockets: number;
  nodeArgs?: string[];
}): Promise<ReceiverStampede> {
  const redis = await OwnRedis.start();
  const admin = redis.client();
  const lark = new FakeFeishu();
  await lark.start();
  let bot: BotProcess | undefined;
  try {
    await seed(admin, activity('A1', opts.capacity));
    await seed(admin, activity('A2', 10)); // the warm-up's
    bot = await BotProcess.start({
      redisUrl: redis.url,
      larkDomain: lark.url,
      entry: 'dist',
      env: { LOG_LEVEL: 'info', REDIS_PREFIX: PREFIX },
      nodeArgs: opts.nodeArgs ?? [],
    });
    const agent = new Agent({ keepAlive: true, maxSockets: opts.sockets });
    const url = new URL(`${bot.url}/lark/events`);

    // What the bot answers a button it does not know, then a register click on no activity:
    // the same answer means no `activity.register` action is registered.
    const unknown = await click(
      agent,
      url,
      signedCardAction({ operator: 'ou_probe', value: { a: 'bench.none', v: 1 } }),
    );
    const probe = await click(
      agent,
      url,
      signedCardAction({ operator: 'ou_probe', value: registerValue('A0') }),
    );
    if (probe.status !== 200 || probe.body === unknown.body) {
      return { available: false, reason: `activity.register not available (the bot answered ${probe.body})` };
    }

    // Warm-up on another activity (connections, JIT), not measured.
    const warm = Array.from({ length: 300 }, (_, i) =>
      signedCardAction({ operator: `ou_warm_${i}`, value: registerValue('A2') }),
    );
    await fire(agent, url, warm, 500);

    const students = Array.from(
      { length: opts.students },
      (_, i) => `ou_stampede_${String(i).padStart(5, '0')}`,
    );
    // Signed and encrypted beforehand: building requests is not what is measured.
    const clicks = students.map((s) => signedCardAction({ operator: s, value: registerValue('A1') }));
    const list = keys.activitySeats('A1');
    const cpuBefore = { driver: process.cpuUsage(), bot: procCpuMs(bot.pid), redis: await redisCpu(admin) };
    const commandsBefore = await redisCommands(admin);
    const t0 = performance.now();
    const answers = await fire(agent, url, clicks, opts.spreadMs);
    const answeredMs = performance.now() - t0;
    let settledMs = answeredMs;
    for (let i = 0; i < 1000; i++) {
      const [s, w] = await Promise.all([admin.zcard(`${list}:seated`), admin.zcard(`${list}:waiting`)]);
      settledMs = performance.now() - t0;
      if (s + w >= students.length) break;
      await new Promise((r) => setTimeout(r, 10));
    }
    const driverCpu = process.cpuUsage(cpuBefore.driver);
    const cpuMs = {
      driver: (driverCpu.user + driverCpu.system) / 1000,
      bot: procCpuMs(bot.pid) - cpuBefore.bot,
      redis: (await redisCpu(admin)) - cpuBefore.redis,
    };
    const commandsAfter = await redisCommands(admin);
    const redisPerClick = {
      commands: (commandsAfter.all - commandsBefore.all) / students.length,
      scripts: (commandsAfter.scripts - commandsBefore.scripts) / students.length,
    };
    agent.destroy();

    const check = await checkSeats(admin, list, students, opts.capacity);
    const where = await ranks(admin, list);
    const latencies = answers.map((a) => a.ms);
    const kinds: Record<string, number> = {};
    let registeredToasts = 0;
    let positionMismatches = 0;
    let late = 0;
    for (const [i, a] of answers.entries()) {
      const kind = a.status !== 200 ? `http ${a.status}` : answerKind(a.body);
      kinds[kind] = (kinds[kind] ?? 0) + 1;
      const text = toastText(a.body);
      if (text.includes('已报名')) registeredToasts += 1;
      if (text.includes('请稍候')) late += 1;
      const position = /第\s*(\d+)/.exec(text)?.[1];
      const rank = where.get(students[i] as string);
      if (position && rank && Number(position) !== rank.position) positionMismatches += 1;
    }
    const failed = answers.filter((a) => a.status !== 200).length;
    const over3s = latencies.filter((ms) => ms >= 3000).length;
    const problems = [...check.problems];
    if (registeredToasts !== opts.capacity)
      problems.push(`${registeredToasts} toasts said 已报名, expected ${opts.capacity}`);
    if (positionMismatches > 0)
      problems.push(`${positionMismatches} answers named a position Redis does not hold`);
    if (failed > 0) problems.push(`${failed} callbacks not answered 200`);
    if (late > 0) problems.push(`${late} callbacks answered "processing" (past the bot's 2.5 s deadline)`);
    if (over3s > 0) problems.push(`${over3s} callbacks took 3 s or more`);
    return {
      available: true,
      students: opts.students,
      capacity: opts.capacity,
      spreadMs: opts.spreadMs,
      sockets: opts.sockets,
      latencyMs: {
        p50: percentile(latencies, 50),
        p95: percentile(latencies, 95),
        p99: percentile(latencies, 99),
        max: Math.max(...latencies),
      },
      over3s,
      failed,
      late,
      answeredMs,
      settledMs,
      seated: check.seated,
      waiting: check.waiting,
      registeredToasts,
      positionMismatches,
      answers: kinds,
      cpuMs,
      redisPerClick,
      problems,
    };
  } finally {
    admin.disconnect();
    await bot?.kill('SIGTERM');
    await lark.stop();
    await redis.dispose();
  }
}

/** A published, first-come activity with a waiting line, open for registration now. */
function activity(id: string, capacity: number): Activity {
  const now = Date.now();
  const at = (h: number) => new Date(now + h * 3_600_000).toISOString();
  return ActivitySchema.parse({
    v: 1,
    id,
    title: `压测活动 ${id}`,
    description: 'bench stampede',
    department: 'academic',
    organiser: { openId: 'ou_bench_head', name: '部长' },
    startsAt: at(48),
    endsAt: at(50),
    place: '大礼堂',
    capacity,
    opensAt: at(-1),
    closesAt: at(24),
    admission: 'first-come',
    waitlist: true,
    checkIn: { from: at(47.5), until: at(49) },
    state: 'published',
    createdAt: at(-2),
    updatedAt: at(-2),
    rev: 1,
  });
}

/** Writes the activity as its repository does (`act:<id>`, `acts:by-start`, the id counter). */
async function seed(admin: Redis, a: Activity): Promise<void> {
  await admin
    .multi()
    .set(keys.activity(a.id), JSON.stringify(a))
    .zadd(keys.activitiesByStart, Date.parse(a.startsAt), a.id)
    .hset(keys.activitySeq, 'n', Number(a.id.slice(1)))
    .exec();
}

/** A process's CPU time so far (user + system, ms), from /proc. */
function procCpuMs(pid: number | undefined): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime, stime in clock ticks (USER_HZ 100)
}

async function redisCpu(admin: Redis): Promise<number> {
  const info = await admin.info('cpu');
  const f = (k: string) => Number(new RegExp(`${k}:([\\d.]+)`).exec(info)?.[1] ?? 0);
  return (f('used_cpu_user') + f('used_cpu_sys')) * 1000;
}

/**
 * Commands Redis ran (`INFO commandstats`: those a script runs count too) and, of them, the
 * script calls; the bench's own INFO and ZCARD polls left out.
 */
async function redisCommands(admin: Redis): Promise<{ all: number; scripts: number }> {
  const info = await admin.info('commandstats');
  const out = { all: 0, scripts: 0 };
  for (const m of info.matchAll(/cmdstat_([^:]+):calls=(\d+)/g)) {
    const name = m[1] as string;
    if (name === 'info' || name === 'zcard') continue;
    out.all += Number(m[2]);
    if (name === 'evalsha' || name === 'eval') out.scripts += Number(m[2]);
  }
  return out;
}

type Signed = ReturnType<typeof signedCardAction>;
interface Answer {
  status: number;
  body: string;
  ms: number;
}

function click(agent: Agent, url: URL, c: Signed, due = performance.now()): Promise<Answer> {
  return new Promise((resolve) => {
    const req = request(
      { host: url.hostname, port: url.port, path: url.pathname, method: 'POST', agent, headers: c.headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (d: Buffer) => chunks.push(d));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            body: Buffer.concat(chunks).toString('utf8'),
            ms: performance.now() - due,
          }),
        );
      },
    );
    req.on('error', (err) => resolve({ status: 0, body: String(err), ms: performance.now() - due }));
    req.end(c.body);
  });
}

/** Every click sent at its due time, evenly over `spreadMs`; answers in click order. */
async function fire(agent: Agent, url: URL, clicks: Signed[], spreadMs: number): Promise<Answer[]> {
  const pending: Promise<Answer>[] = [];
  const t0 = performance.now();
  while (pending.length < clicks.length) {
    const due = Math.min(
      clicks.length,
      Math.floor(((performance.now() - t0) / spreadMs) * clicks.length) + 1,
    );
    while (pending.length < due) {
      const i = pending.length;
      pending.push(click(agent, url, clicks[i] as Signed, t0 + (i / clicks.length) * spreadMs));
    }
    await new Promise((r) => setTimeout(r, 1));
  }
  return Promise.all(pending);
}

function parse(body: string): { toast?: { type?: string; content?: string }; card?: unknown } {
  try {
    return JSON.parse(body) as { toast?: { type?: string; content?: string }; card?: unknown };
  } catch {
    return {};
  }
}

function answerKind(body: string): string {
  const r = parse(body);
  return [r.toast ? `toast:${r.toast.type}` : '', r.card ? 'card' : ''].filter(Boolean).join('+') || 'empty';
}

function toastText(body: string): string {
  return parse(body).toast?.content ?? '';
}
