import { describe, expect, it } from 'vitest';
import { redisPrefix, redisRuntime } from '../helpers/redis.ts';
import type { TestRuntime } from '../helpers/test-runtime.ts';
import { atPanel, click, decide, load, reviewOrg } from './review-helpers.ts';

const NOW = '2026-11-20T02:00:00Z';
const RACERS = 30;

/** Thirty applications at the panel, then the panel approves them all at once. */
async function race(rt: TestRuntime) {
  const apps = [];
  for (let i = 0; i < RACERS; i++)
    apps.push(await atPanel(rt, { openId: `ou_racer_${i}`, name: `选手${i}` }));
  await rt.settle();
  const answers = await Promise.all(
    apps.map((app, i) =>
      click(rt, {
        operator: i % 2 ? 'ou_league_committee' : 'ou_league_committee_2',
        value: decide(app.id, 2, 'approve'),
        form: { written: '80', interview: '85' },
      }),
    ),
  );
  return { apps, answers };
}

describe('seats under concurrency (real Redis)', () => {
  it('gives the last 2 seats of a department to exactly 2 of 30 simultaneous panel approvals', async () => {
    const rt = await redisRuntime(redisPrefix('review'), { org: reviewOrg(), now: NOW });
    const holders = Array.from({ length: 7 }, (_, i) => `ou_member_academic_${i}`);
    await rt.store.commit({
      plan: () => ({
        writes: [
          { op: 'sadd', key: rt.keys.seats('academic'), members: holders },
          { op: 'sadd', key: rt.keys.seatsUnion, members: holders },
        ],
        result: null,
      }),
    });
    const unionBefore = (await rt.store.smembers(rt.keys.seatsUnion)).length;
    const { apps, answers } = await race(rt);

    const won = answers.filter((a) => a.toast?.type === 'success');
    const refused = answers.filter((a) => a.toast?.type === 'error');
    expect(won).toHaveLength(2);
    expect(refused).toHaveLength(RACERS - 2);
    for (const r of refused) expect(r.toast?.content).toBe('学术部已满 9/9');

    const seated = await rt.store.smembers(rt.keys.seats('academic'));
    expect(seated).toHaveLength(9);
    expect((await rt.store.smembers(rt.keys.seatsUnion)).length).toBe(unionBefore + 2);
    const states = await Promise.all(apps.map((a) => load(rt, a.id)));
    const inNotice = states.filter((a) => a.state === 'notice');
    expect(inNotice).toHaveLength(2);
    expect(inNotice.map((a) => a.applicant.openId).sort()).toEqual(
      seated.filter((id) => id.startsWith('ou_racer_')).sort(),
    );
    expect(states.filter((a) => a.state === 'review')).toHaveLength(RACERS - 2);
  }, 60_000);

  it('gives the union’s last 2 seats to exactly 2 of 30 simultaneous panel approvals', async () => {
    // presidium 1 + 办公室 2 seeded: 3 of 5 taken.
    const rt = await redisRuntime(redisPrefix('review'), {
      org: reviewOrg('limits: { union: 5 }\n'),
      now: NOW,
    });
    expect(await rt.store.smembers(rt.keys.seatsUnion)).toHaveLength(3);
    const { answers } = await race(rt);

    expect(answers.filter((a) => a.toast?.type === 'success')).toHaveLength(2);
    const refused = answers.filter((a) => a.toast?.type === 'error');
    expect(refused).toHaveLength(RACERS - 2);
    for (const r of refused) expect(r.toast?.content).toBe('全会已满 5/5');
    expect(await rt.store.smembers(rt.keys.seatsUnion)).toHaveLength(5);
    expect(await rt.store.smembers(rt.keys.seats('academic'))).toHaveLength(2);
  }, 60_000);
});
