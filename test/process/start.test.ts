import { execFile, execFileSync, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { freePort, ROOT } from '../../bench/processes.ts';

const run = promisify(execFile);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('npm start', () => {
  it('runs compiled JavaScript, and a signal to npm reaches the bot, which stops (no orphan)', async () => {
    await run('npm', ['run', '--silent', 'build'], { cwd: ROOT });
    const port = await freePort();
    const { LARK_APP_ID: _a, LARK_APP_SECRET: _b, REDIS_URL: _r, ...env } = process.env;
    // --ignore-scripts: built just above; npm start's own prestart builds the same way.
    const npm = spawn('npm', ['start', '--ignore-scripts'], {
      cwd: ROOT,
      env: { ...env, PORT: String(port), ORG_CONFIG: 'org.example.yaml', LOG_LEVEL: 'warn' },
      stdio: 'ignore',
    });
    let up = false;
    for (let i = 0; i < 200 && !up; i++) {
      up = await fetch(`http://127.0.0.1:${port}/healthz`).then(
        (r) => r.ok,
        () => false,
      );
      if (!up) await sleep(50);
    }
    expect(up).toBe(true);
    const children = execFileSync('ps', ['-o', 'pid=,args=', '--ppid', String(npm.pid)], {
      encoding: 'utf8',
    });
    // npm runs node itself (exec), not a shell or tsx that would leave a child behind.
    expect(children).toMatch(/node .*dist\/main\.js/);
    expect(children).not.toMatch(/tsx/);
    const botPid = Number(children.trim().split(/\s+/)[0]);
    const exited = new Promise((r) => npm.once('exit', r));
    npm.kill('SIGTERM');
    await exited;
    for (let i = 0; i < 100 && alive(botPid); i++) await sleep(50);
    expect(alive(botPid)).toBe(false);
  }, 120_000);
});
