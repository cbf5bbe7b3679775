import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import type { Org } from '../../src/config/org.ts';
import { RedisStore } from '../../src/store/redis-store.ts';
import { type TestRuntime, testRuntime } from '../helpers/test-runtime.ts';
import { atPanel, click, decide, load, reviewOrg } from './review-helpers.ts';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const NOW = '2026-11-20T02:00:00Z';
const RACERS = 30;

const opened: { rt: TestRuntime; prefix: string }[] = [];

afterEach(async () => {
  const redis = new Redis(REDIS_URL);
  try {
    for (const { rt, prefix } of opened.splice(0)) {
      await rt.close();
      const keys = await redis.keys(`${prefix}*`);
      if (keys.length) await redis.del(...keys);
    }
  } finally {
    redis.disconnect();
  }
});

async function redisRuntime(org: Org): Promise<TestRuntime> {
  const prefix = `test:review:${randomUUID()}:`;
  const store = await RedisStore.connect(REDIS_URL, prefix);
  const rt = await testRuntime({ org, now: NOW, store, env: { REDIS_PREFIX: prefix } });
  opened.push({ rt, prefix });
  return rt;
}

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
    const rt = await redisRuntime(reviewOrg());
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
    const rt = await redisRuntime(reviewOrg('limits: { union: 5 }\n'));
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
