import { describe, expect, it } from 'vitest';
import { testRuntime } from '../helpers/test-runtime.ts';
import { reviewOrg, submit } from './review-helpers.ts';

describe('a submission and the recruitment window', () => {
  it('re-checks the window in the same atomic step as the submission', async () => {
    const rt = await testRuntime({ org: reviewOrg(), now: '2026-11-20T02:00:00Z' });
    // The presidium closed 学术部 after the form was checked, before it was stored.
    const closed = JSON.stringify({ v: 1, open: false, by: 'ou_presidium_1', at: '2026-11-20T01:59:00Z' });
    await rt.store.commit({
      plan: () => ({
        writes: [{ op: 'set', key: rt.keys.recruitWindow('academic'), value: closed }],
        result: null,
      }),
    });
    await expect(submit(rt)).rejects.toThrow('could not submit: closed');
    expect(await rt.store.smembers(rt.keys.appsInReview)).toEqual([]);
    // 办公室 is still recruiting.
    expect((await submit(rt, { first: 'office' })).id).toBe('R-2026-0001');
  });
});
