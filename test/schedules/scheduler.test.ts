import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConfigError } from '../../src/config/config-error.ts';
import type { fixedClock } from '../../src/lib/clock.ts';
import { textContent } from '../../src/messages/content.ts';
import type { Job } from '../../src/schedules/job.ts';
import { Scheduler } from '../../src/schedules/scheduler.ts';
import { JobRuns } from '../../src/store/job-runs.ts';
import { testOrg } from '../helpers/org.ts';
import { redisPrefix, redisRuntime } from '../helpers/redis.ts';
import { type TestRuntime, testRuntime } from '../helpers/test-runtime.ts';

/** A job that counts its runs and greets the presidium once per run. */
function countingJob(over: Partial<Job> = {}): Job & { runs: string[] } {
  const runs: string[] = [];
  return {
    name: 'test-reminder',
    cron: '0 9 1 * *',
    summary: 'cmd.help.summary',
    period: 'month',
    reminder: true,
    catchUp: true,
    runs,
    async run(ctx) {
      runs.push(ctx.period);
      ctx.sendToPeople(ctx.org.presidium, textContent(`reminder ${ctx.period}`));
    },
    ...over,
  };
}

function schedulerFor(rt: TestRuntime, jobs: Job[]) {
  return new Scheduler(rt.bot.services, jobs, new JobRuns(rt.store, rt.keys));
}

/** Drains replicas one after the other: a test drain takes over in-flight entries at once. */
async function settleAll(...rts: TestRuntime[]) {
  for (const rt of rts) await rt.settle();
}

afterEach(() => {
  vi.useRealTimers();
});

describe('claims', () => {
  it('runs a period claimed by two schedulers at once only once (real Redis)', async () => {
    const prefix = redisPrefix('sched');
    const [a, b] = [await redisRuntime(prefix), await redisRuntime(prefix)];
    const job = countingJob();
    const [sa, sb] = [schedulerFor(a, [job]), schedulerFor(b, [job])];
    const outcomes = await Promise.all([
      sa.runPeriod(sa.jobs[0]!, '2026-12', new Date()),
      sb.runPeriod(sb.jobs[0]!, '2026-12', new Date()),
      sa.runPeriod(sa.jobs[0]!, '2026-12', new Date()),
      sb.runPeriod(sb.jobs[0]!, '2026-12', new Date()),
    ]);
    expect(outcomes.filter((o) => o === 'done')).toHaveLength(1);
    expect(job.runs).toEqual(['2026-12']);
    await settleAll(a, b);
    expect(a.sender.sent.length + b.sender.sent.length).toBe(1);
    // Later triggers for the same period do nothing.
    expect(await sb.runPeriod(sb.jobs[0]!, '2026-12', new Date())).toBe('already-done');
  });

  it('does nothing for an already completed period', async () => {
    const rt = await testRuntime({ now: '2026-12-01T02:00:00Z' });
    const job = countingJob();
    const s = schedulerFor(rt, [job]);
    expect(await s.due(s.jobs[0]!, rt.clock.now())).toBe('done');
    expect(await s.due(s.jobs[0]!, rt.clock.now())).toBe('already-done');
    expect(await s.runPeriod(s.jobs[0]!, '2026-12', rt.clock.now())).toBe('already-done');
    expect(job.runs).toEqual(['2026-12']);
  });

  it('retries a failed run, then gives up after five failures, without stopping other jobs', async () => {
    const rt = await testRuntime({ now: '2026-12-01T02:00:00Z' });
    let attempts = 0;
    const failing = countingJob({
      name: 'test-failing',
      async run() {
        attempts += 1;
        throw new Error('boom');
      },
    });
    const healthy = countingJob({ name: 'test-healthy' });
    const s = schedulerFor(rt, [failing, healthy]);
    for (let i = 0; i < 7; i++) await s.sweep();
    expect(attempts).toBe(5);
    expect(healthy.runs).toEqual(['2026-12']);
    const rows = await s.list(rt.clock.now());
    expect(rows.find((r) => r.name === 'test-failing')?.last?.outcome).toBe('failed');
  });
});

describe('catching up', () => {
  it('catches up a 1st-of-month run missed while down, once, after a restart', async () => {
    // The service was down at 09:00 on 1 December and starts at 15:00.
    const rt = await testRuntime({ now: '2026-12-01T07:00:00Z' });
    const job = countingJob();
    await schedulerFor(rt, [job]).sweep();
    // Restarted again the same day: nothing more.
    await schedulerFor(rt, [job]).sweep();
    await rt.settle();
    expect(job.runs).toEqual(['2026-12']);
    expect(rt.sender.texts()).toEqual(['reminder 2026-12']);
  });

  it('skips a reminder whose period is over, and runs the current one', async () => {
    // Down for all of December: on Monday 4 January only January's reminder is sent.
    // (Not on Saturday the 2nd: a late reminder follows the calendar too.)
    const rt = await testRuntime({ now: '2027-01-04T03:00:00Z' });
    const job = countingJob();
    await schedulerFor(rt, [job]).sweep();
    expect(job.runs).toEqual(['2027-01']);
  });

  it('does not catch up a job whose catch-up is off in the org file', async () => {
    const org = testOrg('schedules:\n  test-reminder: { catchUp: false }\n');
    const job = countingJob();
    const rt = await testRuntime({ org, now: '2026-12-01T07:00:00Z', jobs: [job] });
    await rt.scheduler.sweep();
    expect(job.runs).toEqual([]);
  });

  it('does not run a job disabled in the org file', async () => {
    const org = testOrg('schedules:\n  test-reminder: { enabled: false }\n');
    const job = countingJob();
    const rt = await testRuntime({ org, now: '2026-12-01T01:00:00Z', jobs: [job] });
    const s = rt.scheduler;
    await s.sweep();
    expect(job.runs).toEqual([]);
    expect((await s.list(rt.clock.now()))[0]?.enabled).toBe(false);
  });
});

describe('time zone and calendar', () => {
  it('fires at 09:00 Asia/Shanghai, not 09:00 UTC (node-cron with a fake clock)', async () => {
    vi.useFakeTimers({
      now: new Date('2026-12-01T00:58:00Z'),
      toFake: ['setTimeout', 'setInterval', 'Date', 'clearTimeout', 'clearInterval'],
    });
    const rt = await testRuntime();
    const services = { ...rt.bot.services, clock: { now: () => new Date() } };
    const job = countingJob({ catchUp: false });
    const s = new Scheduler(services, [job], new JobRuns(rt.store, rt.keys));
    s.start();
    await vi.advanceTimersByTimeAsync(60_000); // 08:59 Shanghai
    expect(job.runs).toEqual([]);
    await vi.advanceTimersByTimeAsync(90_000); // 09:00:30 Shanghai = 01:00:30 UTC
    expect(job.runs).toEqual(['2026-12']);
    await s.stop();
  });

  it('moves a reminder that falls on a holiday to the next workday, same time', async () => {
    const org = testOrg('calendar:\n  holidays: ["2026-10-01..2026-10-07"]\n');
    const rt = await testRuntime({ org, now: '2026-10-01T01:00:00Z' });
    const clock = rt.clock as ReturnType<typeof fixedClock>;
    const job = countingJob();
    const s = schedulerFor(rt, [job]);
    expect(await s.due(s.jobs[0]!, clock.now())).toBe('not-due');
    clock.set('2026-10-08T00:59:00Z'); // 08:59 on the first workday
    expect(await s.due(s.jobs[0]!, clock.now())).toBe('not-due');
    clock.set('2026-10-08T01:00:00Z'); // 09:00
    expect(await s.due(s.jobs[0]!, clock.now())).toBe('done');
    expect(job.runs).toEqual(['2026-10']);
    const [row] = await s.list(new Date('2026-10-20T00:00:00Z'));
    // The next run (1 November, a Sunday) shows its shifted time: Monday 2 November 09:00.
    expect(row?.next?.toISOString()).toBe('2026-11-02T01:00:00.000Z');
  });

  it('does not shift jobs that are not reminders', async () => {
    const org = testOrg('calendar:\n  holidays: ["2026-10-01..2026-10-07"]\n');
    const rt = await testRuntime({ org, now: '2026-10-01T01:00:00Z' });
    const job = countingJob({ reminder: false });
    const s = schedulerFor(rt, [job]);
    expect(await s.due(s.jobs[0]!, rt.clock.now())).toBe('done');
  });
});

describe('configuration', () => {
  it('refuses an unknown job name and a bad cron in the org file, naming both', async () => {
    const org = testOrg(
      'schedules:\n  no-such-job: { enabled: false }\n  test-reminder: { cron: "every day" }\n',
    );
    try {
      await testRuntime({ org, jobs: [countingJob()] });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      expect((err as ConfigError).problems).toEqual([
        expect.stringContaining('schedules.no-such-job: no such job'),
        'schedules.test-reminder.cron: not a valid cron expression',
      ]);
    }
  });

  it('uses a cron from the org file', async () => {
    const org = testOrg('schedules:\n  test-reminder: { cron: "30 8 2 * *" }\n');
    const job = countingJob();
    const rt = await testRuntime({ org, now: '2026-12-02T00:31:00Z', jobs: [job] });
    const s = rt.scheduler;
    expect(s.jobs[0]?.cron).toBe('30 8 2 * *');
    expect(await s.due(s.jobs[0]!, rt.clock.now())).toBe('done');
  });
});

describe('observability', () => {
  it('logs job, period, outcome, duration and messages queued for every run', async () => {
    const lines: Record<string, unknown>[] = [];
    const sink = new Writable({
      write(chunk, _enc, done) {
        lines.push(JSON.parse(String(chunk)));
        done();
      },
    });
    const rt = await testRuntime({ now: '2026-12-01T01:00:00Z' });
    const services = { ...rt.bot.services, log: pino({ level: 'info' }, sink) };
    const s = new Scheduler(services, [countingJob()], new JobRuns(rt.store, rt.keys));
    await s.sweep();
    const run = lines.find((l) => l.msg === 'job: run');
    expect(run).toMatchObject({ job: 'test-reminder', period: '2026-12', outcome: 'done', queued: 1 });
    expect(typeof run?.ms).toBe('number');
  });
});

describe('a run that died', () => {
  it('is taken over once its claim has lapsed, and repeats nothing it had committed', async () => {
    const rt = await testRuntime({ now: '2026-12-01T02:00:00Z' });
    const job = countingJob();
    // A runner claimed the period, queued its message, and died before finishing.
    const { runJobOnce } = await import('../../src/schedules/job-context.ts');
    await runJobOnce(rt.bot.services, job, '2026-12', new Date());
    await rt.store.setIfAbsent(`${rt.keys.job('lock', job.name)}:2026-12`, 'dead-runner', 20);
    const s = schedulerFor(rt, [job]);
    expect(await s.due(s.jobs[0]!, rt.clock.now())).toBe('claimed-elsewhere');
    await new Promise((r) => setTimeout(r, 40));
    expect(await s.due(s.jobs[0]!, rt.clock.now())).toBe('done');
    await rt.settle();
    expect(rt.sender.texts()).toEqual(['reminder 2026-12']);
  });
});
