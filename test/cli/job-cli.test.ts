import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../bench/processes.ts';

const run = promisify(execFile);

function job(args: string[]) {
  const { REDIS_URL: _r, LARK_APP_ID: _a, LARK_APP_SECRET: _s, ...env } = process.env;
  return run(process.execPath, ['--import', 'tsx', 'src/cli/job.ts', ...args], {
    cwd: ROOT,
    env: { ...env, ORG_CONFIG: 'org.example.yaml', LOG_LEVEL: 'silent' },
  }).then(
    (r) => ({ code: 0, out: r.stdout, err: r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, out: e.stdout, err: e.stderr }),
  );
}

describe('npm run job without REDIS_URL', () => {
  it('refuses, saying why, instead of running on a store that forgets (and sending again)', async () => {
    const r = await job(['study-meeting-reminder', '--period', '2027-03']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('REDIS_URL is not set');
    expect(r.err).toContain('--local');
    expect(r.out).not.toContain('【学习会提醒】');
  }, 60_000);

  it('runs on a throw-away store with --local, and says so', async () => {
    const r = await job(['study-meeting-reminder', '--period', '2026-03', '--local']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('throw-away in-memory store');
    expect(r.out).toContain('study-meeting-reminder 2026-03: done');
  }, 60_000);
});
