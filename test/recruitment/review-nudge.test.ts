import { describe, expect, it } from 'vitest';
import { jobs } from '../../src/schedules/index.ts';
import { runJobOnce } from '../../src/schedules/job-context.ts';
import { approvalNudge } from '../../src/schedules/recruitment/approval-nudge.ts';
import { testRuntime } from '../helpers/test-runtime.ts';
import { decideAs, reviewOrg, sentTo, submit, textOf } from './review-helpers.ts';

const DAY = '2026-11-20';
const RUN_AT = new Date('2026-11-20T01:00:00Z'); // 09:00 in Shanghai

/** Applications submitted `days` ago (in whole days plus an hour) at 08:00 Shanghai. */
async function setup() {
  const rt = await testRuntime({ org: reviewOrg(), now: '2026-11-14T00:00:00Z' });
  const clock = rt.clock as unknown as { set(at: string): void };
  // 6 days waiting at recommend (cs): reminded and escalated
  const old = await submit(rt, { openId: 'ou_a1', name: '甲' });
  clock.set('2026-11-17T00:00:00Z');
  // 3 days waiting at recommend (math): reminded only
  const math = await submit(rt, { openId: 'ou_a2', name: '乙', college: 'math' });
  // 3 days waiting at agree (cs): the Party committee is reminded
  const agreed = await submit(rt, { openId: 'ou_a3', name: '丙' });
  await decideAs(rt, agreed.id, 'ou_league_cs', { stage: 0, decision: 'approve' });
  clock.set('2026-11-19T00:00:00Z');
  // 1 day: nobody is reminded
  const fresh = await submit(rt, { openId: 'ou_a4', name: '丁' });
  clock.set(RUN_AT.toISOString());
  await rt.settle();
  rt.sender.sent.length = 0;
  return { rt, old, math, agreed, fresh };
}

describe('approval-nudge', () => {
  it('is registered daily at 9:00 as a reminder that catches up', () => {
    expect(jobs().find((j) => j.name === 'approval-nudge')).toMatchObject({
      cron: '0 9 * * *',
      period: 'day',
      reminder: true,
      catchUp: true,
    });
  });

  it('reminds each approver once of what waits on them over 2 days, and escalates over 5 days', async () => {
    const { rt, old, math, agreed, fresh } = await setup();
    await runJobOnce(rt.bot.services, approvalNudge, DAY, RUN_AT);
    await rt.settle();
    const to = (id: string) => sentTo(rt.sender.sent, id).map(textOf);
    const recipients = rt.sender.sent.map((m) => (m.kind === 'send' ? m.to.id : m.kind)).sort();
    expect(recipients).toEqual([
      'ou_league_committee',
      'ou_league_committee_2',
      'ou_league_cs',
      'ou_league_math',
      'ou_party_cs',
    ]);
    const [cs] = to('ou_league_cs');
    expect(cs).toContain('超过 2 天');
    expect(cs).toContain(`${old.id} 甲（计算机学院）院系团组织推荐，已等 6 天`);
    expect(cs).not.toContain(fresh.id);
    expect(cs).not.toContain(agreed.id);
    expect(to('ou_league_math')[0]).toContain(`${math.id} 乙（数学学院）院系团组织推荐，已等 3 天`);
    expect(to('ou_party_cs')[0]).toContain(`${agreed.id} 丙（计算机学院）院系党组织审核，已等 3 天`);
    const [committee] = to('ou_league_committee');
    expect(committee).toContain('超过 5 天');
    expect(committee).toContain(`${old.id} 甲（计算机学院）院系团组织推荐，已等 6 天，审批人：王老师`);
    expect(committee).not.toContain(math.id);
    expect(to('ou_league_committee_2')).toEqual([committee]);
  });

  it('sends nothing the second time the same day runs', async () => {
    const { rt } = await setup();
    await runJobOnce(rt.bot.services, approvalNudge, DAY, RUN_AT);
    await rt.settle();
    const first = rt.sender.sent.length;
    expect(first).toBe(5);
    await runJobOnce(rt.bot.services, approvalNudge, DAY, RUN_AT);
    await rt.settle();
    expect(rt.sender.sent.length).toBe(first);
    // and through the scheduler, which claims the day first
    const scheduled = rt.scheduler.find('approval-nudge');
    if (!scheduled) throw new Error('not registered');
    expect(await rt.scheduler.runPeriod(scheduled, DAY, RUN_AT)).toBe('done');
    expect(await rt.scheduler.runPeriod(scheduled, DAY, RUN_AT)).toBe('already-done');
    await rt.settle();
    expect(rt.sender.sent.length).toBe(first);
  });

  it('disturbs nobody when nothing has waited long', async () => {
    const rt = await testRuntime({ org: reviewOrg(), now: '2026-11-19T00:00:00Z' });
    await submit(rt);
    await rt.settle();
    rt.sender.sent.length = 0;
    (rt.clock as unknown as { set(at: string): void }).set(RUN_AT.toISOString());
    await runJobOnce(rt.bot.services, approvalNudge, DAY, RUN_AT);
    await rt.settle();
    expect(rt.sender.sent).toEqual([]);
  });
});
