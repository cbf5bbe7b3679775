import { describe, expect, it } from 'vitest';
import { jobs } from '../../src/schedules/index.ts';
import { JobRuns } from '../../src/store/job-runs.ts';
import { testOrg } from '../helpers/org.ts';
import { testRuntime } from '../helpers/test-runtime.ts';

/** The example's calendar: weekends off, quiet from 22:00 to 08:00. */
const CALENDAR = "calendar:\n  weekendsOff: true\n  quietHours: { from: '22:00', to: '08:00' }\n";

async function firstStartAt(now: string, extra = '') {
  const rt = await testRuntime({ org: testOrg(CALENDAR + extra), now, jobs: jobs() });
  await rt.scheduler.sweep();
  await rt.settle();
  return rt;
}

describe('the first start of a fresh install', () => {
  it('sends nothing at 05:21 on a Sunday: catching up follows the calendar like a scheduled run', async () => {
    // Sunday 29 November 2026, 05:21 in Shanghai: inside the quiet hours, on a day off.
    const rt = await firstStartAt('2026-11-28T21:21:00Z');
    expect(rt.sender.sent).toEqual([]);
  });

  it('on the next workday, sends only what is still meaningful: no period from before the bot, one reminder of a month', async () => {
    const rt = await testRuntime({ org: testOrg(CALENDAR), now: '2026-11-28T21:21:00Z', jobs: jobs() });
    await rt.scheduler.sweep(); // first start, Sunday 05:21: records it, sends nothing
    // Monday 30 November, 09:00.
    (rt.clock as unknown as { set(t: string): void }).set('2026-11-30T01:00:00Z');
    await rt.scheduler.sweep();
    await rt.settle();
    const texts = rt.sender.texts().join('\n');
    const cards = JSON.stringify(rt.sender.cards());
    // Nothing about October, a month that ended before the bot first started.
    expect(texts).not.toContain('2026-10');
    expect(cards).not.toContain('2026-10');
    // November's study meeting: the 20th's follow-up, not the 1st's reminder as well.
    expect(texts).not.toContain('请至少召开一次学习会');
    expect(texts).toContain('还没有记录学习会');
    expect(texts).toContain('2026-11');
  });

  it('records the first start once, and never runs a period that ended before it', async () => {
    const rt = await firstStartAt('2026-11-28T21:21:00Z');
    const runs = new JobRuns(rt.store, rt.keys);
    expect((await runs.firstStart(new Date('2030-01-01T00:00:00Z'))).toISOString()).toBe(
      '2026-11-28T21:21:00.000Z',
    );
    const compliance = rt.scheduler.find('study-meeting-compliance');
    // October's last-day compliance card would be due, but October ended before the first start.
    expect(compliance && (await rt.scheduler.due(compliance, new Date('2026-11-30T01:00:00Z')))).toBe(
      'not-due',
    );
  });
});

describe('a run by hand', () => {
  it("before the job's time in its period is a dry run: shows what it would send, uses nothing up", async () => {
    // 10 December: the compliance card is due on the 31st at 18:00.
    const rt = await testRuntime({ org: testOrg(CALENDAR), now: '2026-12-10T02:00:00Z', jobs: jobs() });
    const compliance = rt.scheduler.find('study-meeting-compliance');
    if (!compliance) throw new Error('no compliance job');
    const run = await rt.scheduler.runByHand(compliance, { now: rt.clock.now() });
    expect(run.outcome).toBe('dry-run');
    expect(run.period).toBe('2026-12');
    expect(run.dueAt?.toISOString()).toBe('2026-12-31T10:00:00.000Z');
    expect(run.wouldSend?.length).toBeGreaterThan(0);
    await rt.settle();
    expect(rt.sender.sent).toEqual([]);
    // The real run on the 31st still happens.
    expect(await rt.scheduler.due(compliance, new Date('2026-12-31T10:01:00Z'))).toBe('done');
  });

  it('with --force runs at once and uses the period up', async () => {
    const rt = await testRuntime({ org: testOrg(CALENDAR), now: '2026-12-10T02:00:00Z', jobs: jobs() });
    const compliance = rt.scheduler.find('study-meeting-compliance');
    if (!compliance) throw new Error('no compliance job');
    const run = await rt.scheduler.runByHand(compliance, { now: rt.clock.now(), force: true });
    expect(run.outcome).toBe('done');
    await rt.settle();
    expect(rt.sender.sent.length).toBeGreaterThan(0);
    expect(await rt.scheduler.due(compliance, new Date('2026-12-31T10:01:00Z'))).toBe('already-done');
  });

  it('runs at once when its time in the period has passed', async () => {
    const rt = await testRuntime({ org: testOrg(CALENDAR), now: '2026-12-21T02:00:00Z', jobs: jobs() });
    const followup = rt.scheduler.find('study-meeting-followup');
    if (!followup) throw new Error('no follow-up job');
    expect((await rt.scheduler.runByHand(followup, { now: rt.clock.now() })).outcome).toBe('done');
  });
});
