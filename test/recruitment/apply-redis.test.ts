import { describe, expect, it } from 'vitest';
import { redisPrefix, redisRuntime } from '../helpers/redis.ts';
import { applyOrg, clickSubmit, NOW, STUDENT, validForm } from './apply-helpers.ts';

describe('the application form on the real Redis', () => {
  it('10 concurrent submissions by the same student make exactly one application', async () => {
    const rt = await redisRuntime(redisPrefix('apply'), { now: NOW, org: applyOrg() });
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => clickSubmit(rt, STUDENT, validForm())),
    );
    await rt.settle();
    expect(answers.filter((a) => a.toast?.type === 'success')).toHaveLength(1);
    const refused = answers.filter((a) => a.toast?.type === 'error');
    expect(refused).toHaveLength(9);
    for (const a of refused) expect(a.toast?.content).toContain('你已有一份进行中的申请 R-2026-0001');
    expect(await rt.store.smembers(rt.keys.applicationsOf(STUDENT))).toEqual(['R-2026-0001']);
    expect(await rt.store.get(rt.keys.applicationSeq('2026'))).toBe('1');
    expect(await rt.store.get(rt.keys.openApplication(STUDENT))).toBe('R-2026-0001');
    expect(await rt.store.smembers(rt.keys.appsInReview)).toEqual(['R-2026-0001']);
    // the League branch was told once
    expect(rt.sender.sent.filter((m) => m.kind === 'send' && m.to.id === 'ou_league_cs')).toHaveLength(1);
  });

  it('students applying at once get distinct numbers', async () => {
    const rt = await redisRuntime(redisPrefix('apply'), { now: NOW, org: applyOrg() });
    const students = Array.from({ length: 8 }, (_, i) => `ou_student_${i + 10}`);
    const answers = await Promise.all(students.map((s) => clickSubmit(rt, s, validForm())));
    expect(answers.every((a) => a.toast?.type === 'success')).toBe(true);
    const ids = answers.map((a) => a.toast?.content.replace('已提交申请 ', '')).sort();
    expect(ids).toEqual(students.map((_, i) => `R-2026-${String(i + 1).padStart(4, '0')}`));
  });
});
