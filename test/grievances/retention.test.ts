import { describe, expect, it } from 'vitest';
import { parseOrg } from '../../src/config/org.ts';
import { closeUnrated, rate, resolve } from '../../src/domain/tickets.ts';
import { grievanceRetention } from '../../src/schedules/grievances/grievance-retention.ts';
import { jobs } from '../../src/schedules/index.ts';
import { runJobOnce } from '../../src/schedules/job-context.ts';
import { TEST_ORG_YAML } from '../helpers/org.ts';
import { redisPrefix, redisRuntime } from '../helpers/redis.ts';
import { type TestRuntime, testRuntime } from '../helpers/test-runtime.ts';
import { fileAt, OFFICER, setClock, stepAt } from './stats-setup.ts';

const NOW = '2026-06-10T19:30:00Z'; // 03:30 on 11 June, Shanghai time
const DAY = 86_400_000;
const daysBefore = (n: number) => new Date(Date.parse(NOW) - n * DAY).toISOString();

/** Files a ticket and closes it (rated 5) at `closedAt`. */
async function closedTicket(
  rt: TestRuntime,
  closedAt: string,
  o: { reporter: string; anonymous?: boolean; text: string },
) {
  const filedAt = new Date(Date.parse(closedAt) - 2 * DAY).toISOString();
  const t = await fileAt(rt, filedAt, { ...o, name: '某同学' });
  await stepAt(rt, new Date(Date.parse(closedAt) - 3600_000).toISOString(), t.id, (x, now) =>
    resolve(x, OFFICER, '已处理', now),
  );
  const closed = await stepAt(rt, closedAt, t.id, (x, now) => rate(x, 5, undefined, now));
  expect(closed.state).toBe('closed');
  return closed;
}

async function run(rt: TestRuntime, period = '2026-06-11') {
  setClock(rt, NOW);
  await runJobOnce(rt.bot.services, grievanceRetention, period, new Date(NOW));
  await rt.settle();
}

describe('grievance-retention', () => {
  it('is registered daily at 03:30', () => {
    expect(jobs().find((j) => j.name === 'grievance-retention')).toMatchObject({
      cron: '30 3 * * *',
      period: 'day',
    });
  });

  it('deletes only tickets closed more than retentionDays ago, with their index entries', async () => {
    const rt = await testRuntime({ org: parseOrg(TEST_ORG_YAML) });
    const { keys, store, sealer } = { keys: rt.keys, store: rt.store, sealer: rt.bot.services.sealer };
    const repos = rt.bot.services.repos;
    const oldNamed = await closedTicket(rt, daysBefore(731), { reporter: 'ou_s1', text: '旧的实名诉求' });
    const oldAnon = await closedTicket(rt, daysBefore(800), {
      reporter: 'ou_s2',
      anonymous: true,
      text: '旧的匿名诉求',
    });
    const recent = await closedTicket(rt, daysBefore(729), { reporter: 'ou_s1', text: '未到期的诉求' });
    // filed long ago but never closed (resolved, unrated): not due whatever its age
    const stuck = await fileAt(rt, daysBefore(900), { reporter: 'ou_s2', text: '一直没关闭的诉求' });
    await stepAt(rt, daysBefore(899), stuck.id, (x, now) => resolve(x, OFFICER, '已处理', now));
    // closed unrated after 7 days, long ago: due
    const unrated = await fileAt(rt, daysBefore(760), { reporter: 'ou_s3', text: '没评价的旧诉求' });
    await stepAt(rt, daysBefore(759), unrated.id, (x, now) => resolve(x, OFFICER, '已处理', now));
    await stepAt(rt, daysBefore(750), unrated.id, (x, now) => closeUnrated(x, 7, now));

    await run(rt);

    for (const t of [oldNamed, oldAnon, unrated]) {
      expect(await store.get(keys.ticket(t.id))).toBeNull();
      expect(await repos.tickets.get(t.id)).toBeUndefined();
    }
    for (const t of [recent, stuck]) expect((await repos.tickets.get(t.id))?.id).toBe(t.id);
    const created = await store.zrangeByScore(keys.ticketsCreated, 0, Number.MAX_SAFE_INTEGER);
    expect(created.sort()).toEqual([recent.id, stuck.id].sort());
    const active = await store.zrangeByScore(keys.ticketsActive, 0, Number.MAX_SAFE_INTEGER);
    expect(active).toEqual([stuck.id]);
    // the named reporter's list loses the id; the anonymous one keeps a dangling id that reads skip
    expect(await store.smembers(keys.ticketsOf(sealer.pseudonym('ou_s1')))).toEqual([recent.id]);
    expect(await store.smembers(keys.ticketsOf(sealer.pseudonym('ou_s3')))).toEqual([]);
    expect((await repos.tickets.ofReporter(sealer.pseudonym('ou_s2'))).map((t) => t.id)).toEqual([stuck.id]);
    // nothing of a deleted ticket's text is left anywhere in the store
    const dump = JSON.stringify(rt.memory?.snapshot());
    expect(dump).toContain('未到期的诉求'); // the scan sees ticket texts
    for (const text of ['旧的实名诉求', '旧的匿名诉求', '没评价的旧诉求']) expect(dump).not.toContain(text);
    expect(rt.sender.sent).toEqual([]);
  });

  it('deletes the same on the real Redis, and a second run finds nothing more to delete', async () => {
    const rt = await redisRuntime(redisPrefix('retention'), { org: parseOrg(TEST_ORG_YAML) });
    const old = await closedTicket(rt, daysBefore(731), { reporter: 'ou_s1', text: '旧的实名诉求' });
    const kept = await closedTicket(rt, daysBefore(10), { reporter: 'ou_s1', text: '新的实名诉求' });
    await run(rt);
    await run(rt, '2026-06-12');
    const { keys, store } = rt;
    expect(await store.get(keys.ticket(old.id))).toBeNull();
    expect(await store.zrangeByScore(keys.ticketsCreated, 0, Number.MAX_SAFE_INTEGER)).toEqual([kept.id]);
    expect(await store.smembers(keys.ticketsOf(rt.bot.services.sealer.pseudonym('ou_s1')))).toEqual([
      kept.id,
    ]);
  });

  it('follows the org file: retentionDays 365 deletes a ticket closed 400 days ago', async () => {
    const rt = await testRuntime({ org: parseOrg(`${TEST_ORG_YAML}grievances: { retentionDays: 365 }\n`) });
    const t = await closedTicket(rt, daysBefore(400), { reporter: 'ou_s1', text: '一年多前的诉求' });
    const kept = await closedTicket(rt, daysBefore(300), { reporter: 'ou_s1', text: '不到一年的诉求' });
    await run(rt);
    expect(await rt.bot.services.repos.tickets.get(t.id)).toBeUndefined();
    expect((await rt.bot.services.repos.tickets.get(kept.id))?.id).toBe(kept.id);
  });
});
