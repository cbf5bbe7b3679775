import { describe, expect, it } from 'vitest';
import { jobs } from '../../src/schedules/index.ts';
import { runJobOnce } from '../../src/schedules/job-context.ts';
import { noticeClose } from '../../src/schedules/recruitment/notice-close.ts';
import { redisPrefix, redisRuntime } from '../helpers/redis.ts';
import {
  APPLICANT,
  appOf,
  clickResolve,
  clockOf,
  ID,
  membershipOrg,
  membershipRuntime,
  NOW,
  noticeApplication,
  putInNotice,
  repliesTo,
  resignAs,
  runNoticeClose,
  say,
  textsTo,
} from './notice-setup.ts';

const AFTER = '2026-11-25T02:05:00.000Z';

describe('the notice-close job', () => {
  it('is registered: every 10 minutes, per slot, not a reminder, caught up', () => {
    const job = jobs().find((j) => j.name === 'notice-close');
    expect(job).toMatchObject({ cron: '*/10 * * * *', period: 'slot', reminder: false, catchUp: true });
  });

  it('leaves a notice that has not ended', async () => {
    const rt = await membershipRuntime();
    await putInNotice(rt);
    await runNoticeClose(rt);
    expect((await appOf(rt))?.state).toBe('notice');
    expect(rt.sender.sent).toEqual([]);
  });

  it('appoints when the notice ended: state, trail, membership, indexes; the applicant and the head are told', async () => {
    const rt = await membershipRuntime();
    await putInNotice(rt);
    clockOf(rt).set(AFTER);
    const queued = await runNoticeClose(rt);
    expect(queued).toBe(2);
    const app = await appOf(rt);
    expect(app?.state).toBe('appointed');
    expect(app?.trail.at(-1)).toEqual({
      at: AFTER,
      by: 'system',
      action: 'appointed',
      department: 'academic',
    });
    expect(JSON.parse((await rt.store.get(rt.keys.member(APPLICANT))) ?? 'null')).toEqual({
      v: 1,
      departments: ['academic'],
    });
    expect(await rt.store.zrangeByScore(rt.keys.appsInNotice, 0, Number.MAX_SAFE_INTEGER)).toEqual([]);
    expect(await rt.store.get(rt.keys.openApplication(APPLICANT))).toBeNull();
    expect(await rt.store.smembers(rt.keys.seats('academic'))).toContain(APPLICANT);
    expect(textsTo(rt, APPLICANT)).toEqual([
      '公示期满，你已被任用为校学生会学术部成员（R-2026-0001）。欢迎加入！',
    ]);
    expect(textsTo(rt, 'ou_head_academic')).toEqual(['张三（R-2026-0001）公示期满，已任用为学术部成员。']);

    // The member role: /我是谁 shows the department, and a member-only command is allowed.
    await say(rt, APPLICANT, '/我是谁');
    expect(repliesTo(rt, APPLICANT).at(-1)).toContain('学术部');
    const answer = await resignAs(rt, APPLICANT);
    expect(answer?.toast?.content).toContain('你已辞去学术部的职务');
  });

  it('appoints exactly once when the job runs twice, for the same period or the next', async () => {
    const rt = await membershipRuntime();
    await putInNotice(rt);
    clockOf(rt).set(AFTER);
    await runNoticeClose(rt, '2026-11-25T10:00');
    await runNoticeClose(rt, '2026-11-25T10:00');
    await runNoticeClose(rt, '2026-11-25T10:10');
    expect((await appOf(rt))?.trail.filter((e) => e.action === 'appointed')).toHaveLength(1);
    expect(textsTo(rt, APPLICANT)).toHaveLength(1);
    expect(textsTo(rt, 'ou_head_academic')).toHaveLength(1);
  });

  it('appoints exactly once when two runs go at the same moment (memory)', async () => {
    const rt = await membershipRuntime();
    await putInNotice(rt);
    clockOf(rt).set(AFTER);
    await Promise.all([
      runJobOnce(rt.bot.services, noticeClose, '2026-11-25T10:00', rt.clock.now()),
      runJobOnce(rt.bot.services, noticeClose, '2026-11-25T10:10', rt.clock.now()),
    ]);
    await rt.settle();
    expect((await appOf(rt))?.trail.filter((e) => e.action === 'appointed')).toHaveLength(1);
    expect(textsTo(rt, APPLICANT)).toHaveLength(1);
  });

  it('an open objection holds the appointment; once dismissed, the next run appoints', async () => {
    const rt = await membershipRuntime();
    await putInNotice(rt);
    await say(rt, 'ou_student_9', '/异议 R-2026-0001 理由');
    clockOf(rt).set(AFTER);
    await runNoticeClose(rt, '2026-11-25T10:00');
    expect((await appOf(rt))?.state).toBe('notice');
    expect(await rt.store.get(rt.keys.member(APPLICANT))).toBeNull();
    expect(textsTo(rt, APPLICANT)).toEqual([]);

    await clickResolve(rt, 'ou_league_committee', 'dismiss', '查无实据');
    await runNoticeClose(rt, '2026-11-25T10:10');
    expect((await appOf(rt))?.state).toBe('appointed');
  });

  it('an upheld objection never appoints', async () => {
    const rt = await membershipRuntime();
    await putInNotice(rt);
    await say(rt, 'ou_student_9', '/异议 R-2026-0001 理由');
    await clickResolve(rt, 'ou_league_committee', 'uphold', '属实');
    clockOf(rt).set(AFTER);
    await runNoticeClose(rt);
    expect((await appOf(rt))?.state).toBe('rejected');
    expect(await rt.store.get(rt.keys.member(APPLICANT))).toBeNull();
  });

  it('appoints only the notices that ended', async () => {
    const rt = await membershipRuntime();
    await putInNotice(rt);
    await putInNotice(
      rt,
      noticeApplication({
        id: 'R-2026-0002',
        openId: 'ou_applicant_2',
        noticeUntil: '2026-11-26T02:00:00.000Z',
      }),
    );
    clockOf(rt).set(AFTER);
    await runNoticeClose(rt);
    expect((await appOf(rt, ID))?.state).toBe('appointed');
    expect((await appOf(rt, 'R-2026-0002'))?.state).toBe('notice');
  });
});

describe('the notice-close job on Redis', () => {
  it('appoints exactly once when two replicas run it at the same moment', async () => {
    const prefix = redisPrefix('notice');
    const a = await redisRuntime(prefix, { org: membershipOrg(), now: NOW });
    const b = await redisRuntime(prefix, { org: membershipOrg(), now: NOW });
    await putInNotice(a);
    clockOf(a).set(AFTER);
    clockOf(b).set(AFTER);
    await Promise.all([
      runJobOnce(a.bot.services, noticeClose, '2026-11-25T10:00', AFTER_DATE),
      runJobOnce(b.bot.services, noticeClose, '2026-11-25T10:00', AFTER_DATE),
      runJobOnce(a.bot.services, noticeClose, '2026-11-25T10:10', AFTER_DATE),
      runJobOnce(b.bot.services, noticeClose, '2026-11-25T10:10', AFTER_DATE),
    ]);
    await a.settle();
    await b.settle();
    const app = await appOf(a);
    expect(app?.state).toBe('appointed');
    expect(app?.trail.filter((e) => e.action === 'appointed')).toHaveLength(1);
    expect([...textsTo(a, APPLICANT), ...textsTo(b, APPLICANT)]).toHaveLength(1);
    expect([...textsTo(a, 'ou_head_academic'), ...textsTo(b, 'ou_head_academic')]).toHaveLength(1);
    expect(JSON.parse((await a.store.get(a.keys.member(APPLICANT))) ?? 'null')).toEqual({
      v: 1,
      departments: ['academic'],
    });
  });
});

const AFTER_DATE = new Date(AFTER);
