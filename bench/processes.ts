import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Redis } from 'ioredis';
import { BENCH_APP } from './events.ts';

/** The repository's root (the bot runs from there). */
export const ROOT = resolve(import.meta.dirname, '..');

/** A free TCP port on loopback. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const address = server.address();
  await new Promise<void>((r) => server.close(() => r()));
  if (!address || typeof address === 'string') throw new Error('no port');
  return address.port;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * A Redis of its own (no persistence, loopback, a temporary folder), so a test or the
 * bench may FLUSHALL or restart it without touching anything else.
 */
export class OwnRedis {
  private child: ChildProcess | undefined;
  private readonly dir = mkdtempSync(join(tmpdir(), 'sub-redis-'));
  readonly url: string;

  constructor(readonly port: number) {
    this.url = `redis://127.0.0.1:${port}`;
  }

  static async start(): Promise<OwnRedis> {
    const r = new OwnRedis(await freePort());
    await r.restart();
    return r;
  }

  /** Starts (again, empty: there is no persistence) and waits until it answers. */
  async restart(): Promise<void> {
    await this.stop();
    this.child = spawn(
      'redis-server',
      [
        '--port',
        String(this.port),
        '--bind',
        '127.0.0.1',
        '--save',
        '',
        '--appendonly',
        'no',
        '--dir',
        this.dir,
      ],
      { stdio: 'ignore' },
    );
    const probe = new Redis(this.url, {
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
    });
    probe.on('error', () => {});
    for (let i = 0; i < 100; i++) {
      try {
        await probe.connect();
        await probe.ping();
        probe.disconnect();
        return;
      } catch {
        await sleep(50);
      }
    }
    probe.disconnect();
    throw new Error(`redis-server on ${this.port} did not start`);
  }

  /** A client for assertions (`INFO commandstats`, FLUSHALL…); the caller disconnects it. */
  client(): Redis {
    return new Redis(this.url);
  }

  async stop(): Promise<void> {
    const child = this.child;
    this.child = undefined;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await exited;
  }

  async dispose(): Promise<void> {
    await this.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** node's arguments as `npm start` gives them (package.json), so the bench runs what production runs. */
function startArgs(): string[] {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: { start: string } };
  const words = pkg.scripts.start.split(/\s+/);
  return words.slice(words.indexOf('node') + 1);
}

/** The bot as a real process (`node dist/main.js` when built, else the sources through tsx). */
export class BotProcess {
  private child: ChildProcess | undefined;
  output = '';

  constructor(
    readonly port: number,
    private readonly env: Record<string, string>,
    private readonly entry: 'dist' | 'src' = 'src',
    private readonly nodeArgs: string[] = [],
  ) {}

  static async start(opts: {
    redisUrl: string;
    larkDomain: string;
    entry?: 'dist' | 'src';
    env?: Record<string, string>;
    /** Extra arguments for node (`--cpu-prof` to profile). */
    nodeArgs?: string[];
  }): Promise<BotProcess> {
    const port = await freePort();
    const bot = new BotProcess(
      port,
      {
        PORT: String(port),
        REDIS_URL: opts.redisUrl,
        LARK_DOMAIN: opts.larkDomain,
        LARK_APP_ID: BENCH_APP.appId,
        LARK_APP_SECRET: BENCH_APP.appSecret,
        LARK_ENCRYPT_KEY: BENCH_APP.encryptKey,
        LARK_VERIFICATION_TOKEN: BENCH_APP.verificationToken,
        ORG_CONFIG: join(ROOT, 'bench', 'org.bench.yaml'),
        LOG_LEVEL: 'warn',
        ...opts.env,
      },
      opts.entry ?? 'src',
      opts.nodeArgs,
    );
    await bot.restart();
    return bot;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Starts the process (again) and waits until `/healthz` answers. */
  async restart(): Promise<void> {
    const args = [
      ...this.nodeArgs,
      ...(this.entry === 'dist' ? startArgs() : ['--import', 'tsx', 'src/main.ts']),
    ];
    const { REDIS_URL: _r, ...inherited } = process.env;
    this.child = spawn(process.execPath, args, {
      cwd: ROOT,
      env: { ...inherited, ...this.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child.stdout?.on('data', (d: Buffer) => {
      this.output += d.toString();
    });
    this.child.stderr?.on('data', (d: Buffer) => {
      this.output += d.toString();
    });
    for (let i = 0; i < 300; i++) {
      if (this.child.exitCode !== null) throw new Error(`bot exited at start:\n${this.output}`);
      try {
        const res = await fetch(`${this.url}/healthz`);
        if (res.ok) return;
      } catch {}
      await sleep(50);
    }
    throw new Error(`bot did not start:\n${this.output}`);
  }

  /** Kills it (SIGKILL: no clean stop) and waits until it is gone. */
  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill(signal);
    await exited;
  }

  /** Resident memory of the process, in MiB (from /proc). */
  async rssMiB(): Promise<number> {
    const { readFileSync } = await import('node:fs');
    const status = readFileSync(`/proc/${this.child?.pid}/status`, 'utf8');
    const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
    return kb / 1024;
  }
}
