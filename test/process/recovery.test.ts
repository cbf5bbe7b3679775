import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { signedMessage } from '../../bench/events.ts';
import { FakeFeishu } from '../../bench/fake-feishu.ts';
import { BotProcess, OwnRedis, ROOT } from '../../bench/processes.ts';

/**
 * The bot as a real process, on a Redis of its own and a local fake Feishu: killed
 * mid-burst, its Redis restarted empty, manual job runs racing it.
 */

const run = promisify(execFile);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(check: () => boolean, timeoutMs: number, what: string): Promise<number> {
  const started = performance.now();
  while (!check()) {
    if (performance.now() - started > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms: ${what}`);
    await sleep(25);
  }
  return performance.now() - started;
}

const disposers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const dispose of disposers.splice(0).reverse()) await dispose();
});

async function setUp() {
  const redis = await OwnRedis.start();
  disposers.push(() => redis.dispose());
  const lark = new FakeFeishu();
  await lark.start();
  disposers.push(() => lark.stop());
  const bot = await BotProcess.start({ redisUrl: redis.url, larkDomain: lark.url });
  disposers.push(() => bot.kill());
  return { redis, lark, bot };
}

async function post(bot: BotProcess, e: ReturnType<typeof signedMessage>): Promise<number> {
  try {
    const res = await fetch(`${bot.url}/lark/events`, { method: 'POST', headers: e.headers, body: e.body });
    return res.status;
  } catch {
    return 0;
  }
}

/** Distinct messages (by uuid: Feishu shows one per uuid) that reached each chat. */
function perChat(lark: FakeFeishu): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const m of lark.messages) {
    if (!m.receiveId) continue;
    const set = out.get(m.receiveId) ?? new Set<string>();
    set.add(m.uuid ?? '');
    out.set(m.receiveId, set);
  }
  return out;
}

describe('the bot as a process', () => {
  it('answers every acknowledged event exactly once within 15 s after a SIGKILL mid-burst', async () => {
    const { lark, bot } = await setUp();
    const events = Array.from({ length: 40 }, () => signedMessage());
    const acked: string[] = [];
    const posts = events.map(async (e, i) => {
      await sleep(i * 5);
      if ((await post(bot, e)) === 200) acked.push(e.chatId);
    });
    await until(() => acked.length >= 15, 20_000, '15 events acknowledged');
    await bot.kill('SIGKILL');
    await Promise.all(posts);
    expect(acked.length).toBeGreaterThanOrEqual(15);

    await bot.restart();
    const tookMs = await until(
      () => acked.every((chat) => (perChat(lark).get(chat)?.size ?? 0) >= 1),
      15_000,
      'every acknowledged event answered after the restart',
    );
    expect(tookMs).toBeLessThan(15_000);
    await sleep(1500); // anything sent twice would have arrived by now
    const chats = perChat(lark);
    for (const chat of acked) expect(chats.get(chat)?.size, chat).toBe(1);
  }, 90_000);

  it('heals after its Redis restarts empty: /readyz is 200 again and new events are answered, no restart', async () => {
    const { redis, lark, bot } = await setUp();
    const before = Array.from({ length: 5 }, () => signedMessage());
    for (const e of before) expect(await post(bot, e)).toBe(200);
    await lark.waitFor(5, 15_000);

    await redis.stop();
    await sleep(2000); // down for a while: ioredis retries many times meanwhile
    await redis.restart(); // no persistence: streams, groups and heartbeats are gone
    let ready = false;
    for (let i = 0; i < 300 && !ready; i++) {
      ready = (await fetch(`${bot.url}/readyz`)).status === 200;
      if (!ready) await sleep(50);
    }
    expect(ready).toBe(true);

    const after = Array.from({ length: 5 }, () => signedMessage());
    for (const e of after) expect(await post(bot, e)).toBe(200);
    await until(
      () => after.every((e) => (perChat(lark).get(e.chatId)?.size ?? 0) === 1),
      15_000,
      'events after the Redis restart answered',
    );
    expect(bot.output).not.toContain('Unhandled error event');
    // Logged once per outage (per connection at most), not once per retry.
    const outageLines = bot.output.split('\n').filter((l) => l.includes('redis: unreachable'));
    expect(outageLines.length).toBeGreaterThanOrEqual(1);
    expect(outageLines.length).toBeLessThanOrEqual(3);
  }, 90_000);

  it('sends each message once with two manual job runs racing a live bot', async () => {
    const { redis, lark, bot } = await setUp();
    const env = {
      ...process.env,
      REDIS_URL: redis.url,
      LARK_DOMAIN: lark.url,
      LARK_APP_ID: 'cli_bench0123456789a',
      LARK_APP_SECRET: 'bench-secret',
      LARK_ENCRYPT_KEY: 'bench encrypt key',
      LARK_VERIFICATION_TOKEN: 'bench-token',
      ORG_CONFIG: 'bench/org.bench.yaml',
      LOG_LEVEL: 'warn',
    };
    const job = () =>
      // A period the bot's own catch-up does not run: only the manual runs race for it.
      run(
        process.execPath,
        ['--import', 'tsx', 'src/cli/job.ts', 'study-meeting-reminder', '--period', '2099-01', '--force'],
        { cwd: ROOT, env },
      );
    const outcomes = await Promise.all([job(), job()]);
    const said = outcomes.map((o) => o.stdout).join('');
    expect(said).toMatch(/study-meeting-reminder 2099-01: done/);
    expect(said).toMatch(/study-meeting-reminder 2099-01: (already-done|claimed-elsewhere)/);
    // The school union's leaders (the presidium) and the college's: two reminders in all.
    const reminders = () => lark.messages.filter((m) => m.content?.includes('2099-01'));
    await until(() => reminders().length >= 2, 15_000, 'two reminders');
    await sleep(1500);
    const uuids = reminders().map((m) => m.uuid);
    expect(new Set(uuids).size).toBe(2);
    expect(uuids).toHaveLength(2);
    expect(bot.output).not.toContain('error');
  }, 90_000);
});
